//! Rubrics: what each role is responsible for, as data.
//!
//! The built-in rubrics are the `rubrics/*.toml` files compiled into the binary and read by
//! the same loader as a user's own files, so the built-ins can never use a feature a user
//! cannot. A rubric file describes either one role (`[role]` and its `[[responsibility]]`
//! entries) or the work of other functions (`[background]` and its `[[area]]` entries):
//! engineering, design, sales and the like, which a task must resemble less than a
//! responsibility before it counts as role work. The schema is strict: an unknown key, an empty field or a duplicate id is an
//! error naming the file and line, because a silently ignored typo in a rubric would quietly
//! change every audit made with it.

mod jobs;
mod labels;
mod title;
mod training;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use labels::{
    fold as fold_task, read_label_file, LabelRow, Origin, Overrides, TeamAnswer, TEAM_WEIGHT,
};
pub use title::{normalise_title, TitleKind, Titles};
pub use training::{Label, Style, TrainingLine};

/// The training text shipped with rolecall (`rubrics/training/`), written for the built-in
/// rubrics.
pub const BUILT_IN_TRAINING: &[(&str, &str)] = &[
    (
        "rubrics/training/product-manager.csv",
        include_str!("../../rubrics/training/product-manager.csv"),
    ),
    (
        "rubrics/training/program-manager.csv",
        include_str!("../../rubrics/training/program-manager.csv"),
    ),
    (
        "rubrics/training/technical-program-manager.csv",
        include_str!("../../rubrics/training/technical-program-manager.csv"),
    ),
    (
        "rubrics/training/contrast.csv",
        include_str!("../../rubrics/training/contrast.csv"),
    ),
    (
        "rubrics/training/other-work.csv",
        include_str!("../../rubrics/training/other-work.csv"),
    ),
    (
        "rubrics/training/hard-negatives.csv",
        include_str!("../../rubrics/training/hard-negatives.csv"),
    ),
    (
        "rubrics/training/mixed-styles.csv",
        include_str!("../../rubrics/training/mixed-styles.csv"),
    ),
    (
        "rubrics/training/extra-ladder.csv",
        include_str!("../../rubrics/training/extra-ladder.csv"),
    ),
    (
        "rubrics/training/extra-tasks.csv",
        include_str!("../../rubrics/training/extra-tasks.csv"),
    ),
    (
        "rubrics/training/public-sector.csv",
        include_str!("../../rubrics/training/public-sector.csv"),
    ),
    (
        "rubrics/training/open-source.csv",
        include_str!("../../rubrics/training/open-source.csv"),
    ),
    (
        "rubrics/training/handbooks.csv",
        include_str!("../../rubrics/training/handbooks.csv"),
    ),
];

/// The rubric files shipped with rolecall.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "rubrics/product-manager.toml",
        include_str!("../../rubrics/product-manager.toml"),
    ),
    (
        "rubrics/program-manager.toml",
        include_str!("../../rubrics/program-manager.toml"),
    ),
    (
        "rubrics/technical-program-manager.toml",
        include_str!("../../rubrics/technical-program-manager.toml"),
    ),
    (
        "rubrics/other-work.toml",
        include_str!("../../rubrics/other-work.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    /// The file the role was read from.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Responsibility {
    pub id: String,
    /// Id of the role this responsibility belongs to.
    pub role: String,
    pub title: String,
    pub description: String,
    pub terms: Vec<String>,
    pub examples: Vec<String>,
    pub core: bool,
    pub source: String,
}

/// Work that belongs to none of the roles; it competes with the responsibilities in
/// matching so that, say, "PR reviews for the billing service" is not stretched into a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherWork {
    pub id: String,
    pub title: String,
    pub description: String,
    pub terms: Vec<String>,
    pub examples: Vec<String>,
    pub source: String,
}

/// Every loaded role, responsibility and area of other work, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    pub roles: Vec<Role>,
    pub responsibilities: Vec<Responsibility>,
    pub other_work: Vec<OtherWork>,
    /// What the background files say they describe.
    pub other_work_summaries: Vec<String>,
    /// Labelled lines the matcher's model learns from, beside the rubric's own text.
    pub training: Vec<TrainingLine>,
    /// A hash of every rubric and training text read, in order: equal texts, equal model.
    pub fingerprint: u64,
    /// What the team says its tasks are (`--labels`, `[tasks]`), answered before the model.
    pub overrides: Overrides,
}

/// FNV-1a, 64 bits: stable across machines and releases, unlike the standard hasher.
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[derive(Debug, thiserror::Error)]
pub enum RubricError {
    #[error(
        "{file}: already exists; export into an empty folder, or pass --force to replace the files"
    )]
    ExportWouldOverwrite { file: String },
    #[error("{file}: cannot write rubric: {source}")]
    Export {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: cannot read rubric: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: no rubric files (*.toml) in this folder")]
    EmptyFolder { file: String },
    #[error(
        "{file}: is not a regular file (a pipe, socket or device); give a rubric file or folder"
    )]
    NotAFile { file: String },
    #[error("{file}: the rubric file is larger than {cap_mb} MB, more than any rubric needs")]
    TooLarge { file: String, cap_mb: u64 },
    #[error("{file}: the rubrics are too large to train a model on: {classes} responsibilities and areas over {words} words of text, {work} class-words, over the cap of {cap}; trim them or split them into smaller rubrics")]
    TooLargeToTrain {
        file: String,
        classes: usize,
        words: usize,
        work: u64,
        cap: u64,
    },
    #[error(transparent)]
    LabelFile(#[from] crate::input::InputError),
    #[error("{file}{}: {message}", line.map(|l| format!(": line {l}")).unwrap_or_default())]
    Invalid {
        file: String,
        line: Option<usize>,
        message: String,
    },
}

/// A string that must hold something other than white space.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Err(serde::de::Error::custom("must not be empty"));
        }
        Ok(Text(text.trim().to_string()))
    }
}

/// A list that must hold at least one non-empty string.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextList(Vec<String>);

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<Text>::deserialize(d)?;
        if items.is_empty() {
            return Err(serde::de::Error::custom("must list at least one entry"));
        }
        Ok(TextList(items.into_iter().map(|t| t.0).collect()))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSchema {
    role: Option<RoleSchema>,
    responsibility: Option<Vec<ResponsibilitySchema>>,
    background: Option<BackgroundSchema>,
    area: Option<Vec<AreaSchema>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BackgroundSchema {
    summary: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AreaSchema {
    id: toml::Spanned<Text>,
    title: Text,
    description: Text,
    terms: TextList,
    examples: TextList,
    source: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RoleSchema {
    id: toml::Spanned<Text>,
    name: Text,
    aliases: TextList,
    summary: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ResponsibilitySchema {
    id: toml::Spanned<Text>,
    title: Text,
    description: Text,
    terms: TextList,
    examples: TextList,
    core: bool,
    source: Text,
}

/// Line numbers of byte offsets in one file, found by search in its line breaks: counting
/// breaks from the start for every id made a rubric of 100,000 responsibilities quadratic.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(newline_offsets(text))
    }

    /// 1-based.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&at| at < offset) + 1
    }
}

fn newline_offsets(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter_map(|(at, b)| (b == b'\n').then_some(at))
        .collect()
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Rubric {
    /// The rubrics compiled into the binary.
    pub fn built_in() -> Result<Rubric, RubricError> {
        let owned = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect()
        };
        Rubric::from_sources(owned(BUILT_IN))?.with_training(owned(BUILT_IN_TRAINING))
    }

    /// Reads rubric files and folders: every `*.toml` inside a folder and every `*.csv` in its
    /// `training/` folder, in name order; a `.csv` file named on its own is training text.
    pub fn load(paths: &[PathBuf]) -> Result<Rubric, RubricError> {
        let mut sources = Vec::new();
        let mut training = Vec::new();
        for path in paths {
            for file in rubric_files(path)? {
                let text = read_rubric_file(&file)?;
                let source = (file.display().to_string(), text);
                if is_training_file(&file) {
                    training.push(source);
                } else {
                    sources.push(source);
                }
            }
        }
        Rubric::from_sources(sources)?.with_training(training)
    }

    /// Adds training files (named for messages) to a loaded rubric.
    pub fn with_training(
        mut self,
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Rubric, RubricError> {
        for (file, text) in sources {
            let lines = training::parse(&self, &file, &text)?;
            self.fingerprint = fnv1a(fnv1a(self.fingerprint, b"\0training\0"), text.as_bytes());
            self.training.extend(lines);
        }
        Ok(self)
    }

    /// Parses and checks rubric texts, named for messages.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Rubric, RubricError> {
        let mut roles: Vec<Role> = Vec::new();
        let mut responsibilities: Vec<Responsibility> = Vec::new();
        let mut other_work: Vec<OtherWork> = Vec::new();
        let mut other_work_summaries: Vec<String> = Vec::new();
        let mut fingerprint = FNV_OFFSET;
        // id -> file and line where it was first defined, for duplicate messages.
        let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for (file, text) in sources {
            fingerprint = fnv1a(fnv1a(fingerprint, b"\0rubric\0"), text.as_bytes());
            let invalid = |line: Option<usize>, message: String| RubricError::Invalid {
                file: file.clone(),
                line,
                message,
            };
            let lines = Lines::of(&text);
            let parsed: FileSchema = toml::from_str(&text).map_err(|e| {
                invalid(
                    e.span().map(|s| lines.line(s.start)),
                    e.message().trim().to_string(),
                )
            })?;
            let mut check_id = |id: &toml::Spanned<Text>, what: &str| {
                let line = lines.line(id.span().start);
                let value = &id.get_ref().0;
                if !is_valid_id(value) {
                    return Err(invalid(
                        Some(line),
                        format!("{what} id \"{value}\" may only hold lowercase letters, digits, '-' and '_'"),
                    ));
                }
                if let Some((first_file, first_line)) = seen.get(value) {
                    return Err(invalid(
                        Some(line),
                        format!("duplicate id \"{value}\" (first defined in {first_file}, line {first_line})"),
                    ));
                }
                seen.insert(value.clone(), (file.clone(), line));
                Ok(())
            };
            match parsed {
                FileSchema {
                    role: Some(role),
                    responsibility: Some(entries),
                    background: None,
                    area: None,
                } => {
                    check_id(&role.id, "role")?;
                    let role_id = role.id.into_inner().0;
                    if entries.is_empty() {
                        return Err(invalid(None, "the role has no [[responsibility]] entries".to_string()));
                    }
                    for r in entries {
                        check_id(&r.id, "responsibility")?;
                        responsibilities.push(Responsibility {
                            id: r.id.into_inner().0,
                            role: role_id.clone(),
                            title: r.title.0,
                            description: r.description.0,
                            terms: r.terms.0,
                            examples: r.examples.0,
                            core: r.core,
                            source: r.source.0,
                        });
                    }
                    roles.push(Role {
                        id: role_id,
                        name: role.name.0,
                        aliases: role.aliases.0,
                        summary: role.summary.0,
                        file: file.clone(),
                    });
                }
                FileSchema {
                    role: None,
                    responsibility: None,
                    background: Some(background),
                    area: Some(areas),
                } => {
                    other_work_summaries.push(background.summary.0);
                    for a in areas {
                        check_id(&a.id, "area")?;
                        other_work.push(OtherWork {
                            id: a.id.into_inner().0,
                            title: a.title.0,
                            description: a.description.0,
                            terms: a.terms.0,
                            examples: a.examples.0,
                            source: a.source.0,
                        });
                    }
                }
                _ => {
                    return Err(invalid(
                        None,
                        "a rubric file holds either [role] with [[responsibility]] entries, or [background] with [[area]] entries".to_string(),
                    ))
                }
            }
        }
        if roles.is_empty() {
            return Err(RubricError::Invalid {
                file: "rubrics".to_string(),
                line: None,
                message: "no [role] in any rubric file".to_string(),
            });
        }
        Ok(Rubric {
            roles,
            responsibilities,
            other_work,
            other_work_summaries,
            training: Vec::new(),
            fingerprint,
            overrides: Overrides::default(),
        })
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn responsibility(&self, id: &str) -> Option<&Responsibility> {
        self.responsibilities.iter().find(|r| r.id == id)
    }

    /// The roles' titles, to read job titles against (rules in the `title` module and
    /// README "Titles to roles").
    pub fn titles(&self) -> Titles<'_> {
        Titles::new(&self.roles)
    }

    /// The role a user means by `name`: its id, its name or one of its titles ("PM",
    /// "TPM"), without regard to case.
    pub fn find_role(&self, name: &str) -> Option<&Role> {
        let name = name.trim();
        self.roles.iter().find(|r| r.id == name).or_else(|| {
            self.roles.iter().find(|r| {
                r.name.eq_ignore_ascii_case(name)
                    || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            })
        })
    }
}

/// Writes the built-in rubric files into `dir` and their training text into
/// `dir/training`, the layout `--rubric DIR` reads back, and returns how many files it
/// wrote. Files already there are left alone, and the export refused, unless `force`.
pub fn export_built_in(dir: &Path, force: bool) -> Result<usize, RubricError> {
    let io = |file: &Path| {
        let file = file.display().to_string();
        move |source| RubricError::Export { file, source }
    };
    let files: Vec<(PathBuf, &str)> = export_files(dir)
        .into_iter()
        .zip(
            BUILT_IN
                .iter()
                .chain(BUILT_IN_TRAINING)
                .map(|(_, text)| *text),
        )
        .collect();
    if !force {
        if let Some((existing, _)) = files.iter().find(|(path, _)| path.exists()) {
            return Err(RubricError::ExportWouldOverwrite {
                file: existing.display().to_string(),
            });
        }
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // Beside its target, then renamed: an interrupted export leaves no half file.
        let parent = path.parent().unwrap_or(Path::new("."));
        let mut temporary = tempfile::NamedTempFile::new_in(parent).map_err(io(path))?;
        std::io::Write::write_all(&mut temporary, text.as_bytes()).map_err(io(path))?;
        temporary.persist(path).map_err(|e| io(path)(e.error))?;
    }
    Ok(files.len())
}

/// The files [`export_built_in`] writes into `dir`, in the order it writes them.
pub fn export_files(dir: &Path) -> Vec<PathBuf> {
    BUILT_IN
        .iter()
        .chain(BUILT_IN_TRAINING)
        .map(|(name, _)| {
            dir.join(
                Path::new(name)
                    .strip_prefix("rubrics")
                    .unwrap_or(Path::new(name)),
            )
        })
        .collect()
}

/// Every file [`Rubric::load`] reads for `paths`, as far as they can be listed now; what
/// cannot be is left for the loader to report.
pub fn files_read(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .flat_map(|path| rubric_files(path).unwrap_or_else(|_| vec![path.clone()]))
        .collect()
}

/// Whether a file [`Rubric::load`] reads is training text rather than a rubric.
pub fn is_training_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "csv")
}

/// The most bytes of one rubric or training file. The built-in ones are under 100 KB; a
/// rubric of 100,000 responsibilities is 20 MB, far past any real one.
pub const MAX_RUBRIC_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One rubric or training file, refused unless it is a regular file within the size cap:
/// a FIFO would wait for a writer forever and /dev/zero never ends.
fn read_rubric_file(file: &Path) -> Result<String, RubricError> {
    use std::io::Read;
    let name = file.display().to_string();
    let io = |source| RubricError::Io {
        file: name.clone(),
        source,
    };
    let metadata = std::fs::metadata(file).map_err(io)?;
    if !metadata.is_file() {
        return Err(RubricError::NotAFile { file: name });
    }
    let too_large = || RubricError::TooLarge {
        file: name.clone(),
        cap_mb: MAX_RUBRIC_FILE_BYTES / (1024 * 1024),
    };
    if metadata.len() > MAX_RUBRIC_FILE_BYTES {
        return Err(too_large());
    }
    let mut text = String::new();
    std::fs::File::open(file)
        .map_err(io)?
        // A file growing while read is held to the cap too.
        .take(MAX_RUBRIC_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_RUBRIC_FILE_BYTES {
        return Err(too_large());
    }
    Ok(text)
}

fn rubric_files(path: &Path) -> Result<Vec<PathBuf>, RubricError> {
    let name = path.display().to_string();
    let io = |source| RubricError::Io {
        file: name.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let with_extension = |folder: &Path, extension: &str| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == extension))
            .collect();
        files.sort();
        files
    };
    std::fs::read_dir(path).map_err(io)?;
    let mut files = with_extension(path, "toml");
    if files.is_empty() {
        return Err(RubricError::EmptyFolder { file: name });
    }
    files.extend(with_extension(&path.join("training"), "csv"));
    Ok(files)
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Title forms real charts use, each a decision README gives the reason for.
    #[test]
    fn title_forms_of_real_charts_map_as_documented() {
        let rubric = Rubric::built_in().unwrap();
        let titles = rubric.titles();
        let role = |title: &str| titles.kind(title).role().map(|r| r.id.clone());
        assert_eq!(role("PO").as_deref(), Some("product-manager"));
        assert_eq!(role("PM-T").as_deref(), Some("product-manager"));
        assert_eq!(role("Delivery Lead").as_deref(), Some("program-manager"));
        assert_eq!(role("SDM"), None);
        assert_eq!(role("Scrum Master"), None);
    }

    const GOOD: &str = r#"
[role]
id = "analyst"
name = "Analyst"
aliases = ["Analyst", "BA"]
summary = "Turns questions into numbers."

[[responsibility]]
id = "an-reports"
title = "Reporting"
description = "Builds the recurring reports."
terms = ["report", "dashboard"]
examples = ["weekly KPI dashboard"]
core = true
source = "our own practice"
"#;

    fn load(text: &str) -> Result<Rubric, RubricError> {
        Rubric::from_sources([("mine.toml".to_string(), text.to_string())])
    }

    #[test]
    fn built_ins_load_with_three_roles() {
        let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = rubric.roles.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "product-manager",
                "program-manager",
                "technical-program-manager"
            ]
        );
        for role in &rubric.roles {
            let count = rubric
                .responsibilities
                .iter()
                .filter(|r| r.role == role.id)
                .count();
            assert!(count >= 6, "{} has only {count} responsibilities", role.id);
            assert!(rubric
                .responsibilities
                .iter()
                .any(|r| r.role == role.id && r.core));
        }
    }

    #[test]
    fn a_good_file_loads() {
        let rubric = load(GOOD).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rubric.responsibilities[0].role, "analyst");
        assert_eq!(rubric.responsibilities[0].terms, ["report", "dashboard"]);
    }

    #[test]
    fn unknown_key_names_file_line_and_expected_keys() {
        let text = GOOD.replace("core = true", "core = true\nterm = \"x\"");
        let message = load(&text).map(|_| ()).unwrap_err().to_string();
        assert!(
            message.starts_with("mine.toml: line 15: unknown field `term`"),
            "{message}"
        );
        assert!(message.contains("expected one of"), "{message}");
    }

    #[test]
    fn empty_field_and_empty_list_are_errors() {
        let text = GOOD.replace("title = \"Reporting\"", "title = \"  \"");
        let message = load(&text).map(|_| ()).unwrap_err().to_string();
        assert!(
            message.contains("line 10") && message.contains("must not be empty"),
            "{message}"
        );
        let text = GOOD.replace("examples = [\"weekly KPI dashboard\"]", "examples = []");
        let message = load(&text).map(|_| ()).unwrap_err().to_string();
        assert!(
            message.contains("line 13") && message.contains("at least one"),
            "{message}"
        );
    }

    #[test]
    fn duplicate_ids_across_files_are_errors() {
        let other = GOOD.replace("id = \"analyst\"", "id = \"analyst-2\"");
        let err = Rubric::from_sources([
            ("a.toml".to_string(), GOOD.to_string()),
            ("b.toml".to_string(), other),
        ])
        .map(|_| ())
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "b.toml: line 9: duplicate id \"an-reports\" (first defined in a.toml, line 9)"
        );
    }

    #[test]
    fn background_files_load_beside_roles() {
        let background = "[background]\nsummary = \"Other work.\"\n\n[[area]]\nid = \"other-eng\"\ntitle = \"Engineering\"\ndescription = \"Builds.\"\nterms = [\"code review\"]\nexamples = [\"fix bug\"]\nsource = \"ours\"\n";
        let rubric = Rubric::from_sources([
            ("mine.toml".to_string(), GOOD.to_string()),
            ("other.toml".to_string(), background.to_string()),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rubric.other_work[0].id, "other-eng");
        let mixed = format!("{GOOD}\n{background}");
        let message = load(&mixed).map(|_| ()).unwrap_err().to_string();
        assert!(message.contains("either [role]"), "{message}");
        let message = Rubric::from_sources([("other.toml".to_string(), background.to_string())])
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(message.contains("no [role]"), "{message}");
    }

    #[test]
    fn missing_field_is_an_error() {
        let text = GOOD.replace("core = true\n", "");
        let message = load(&text).map(|_| ()).unwrap_err().to_string();
        assert!(message.contains("missing field `core`"), "{message}");
    }
}
