//! A team's own answers: a labels file (`--labels`, `[matching] labels`) and the `[tasks]`
//! patterns of `rolecall.toml`. No model can know a team's vocabulary, so what the team says
//! a task is, it is: the matcher answers these first (see `Matcher::classify_with`), and the
//! labelled lines also train the model (as [`Style::Team`] lines of weight [`TEAM_WEIGHT`]),
//! so that the team's unlabelled lines that read alike move with them.
//!
//! Tasks are compared folded: surrounding space dropped, runs of white space made one space,
//! letters made lower case. A sheet's "Release  notes " is the label file's "release notes";
//! anything else (punctuation, spelling) must be as labelled, or a pattern must cover it.
//!
//! A pattern is a glob over the whole folded task: `*` is any run of characters, `?` one.
//! An exact label wins over every pattern; of patterns, the one with more literal (non-`*`,
//! non-`?`) characters wins, then the one with fewer `*`, then the first in name order,
//! which is the order `rolecall.toml` has no say in.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use super::{fnv1a, Label, Rubric, RubricError, Style, TrainingLine};
use crate::input::{InputPath, Isolation, Limits, Workbook};

/// How much one labelled line of the team's weighs in training, against 1 for a line of the
/// rubrics' training text: a team's label is its truth about its own words, and a few
/// hundred of them must move a model trained on some 6,000 lines. Chosen by
/// cross-validating on our own training text (README "Learning from the team's labels").
pub const TEAM_WEIGHT: f64 = 4.0;

/// Where a team's answer was given, as reports show it after "labelled by the team".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A row of the labels file: its file name (never the path, which reports keep private)
    /// and its line.
    Label { file: Arc<str>, line: usize },
    /// A `[tasks]` entry of the config file.
    Pattern { file: Arc<str>, pattern: Arc<str> },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Label { file, line } => write!(f, "{file} line {line}"),
            Origin::Pattern { file, pattern } => write!(f, "{file} [tasks] \"{pattern}\""),
        }
    }
}

/// What the team says a task is, and where it said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAnswer {
    pub label: Label,
    pub origin: Origin,
}

/// The team's answers, by folded text and by pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    exact: HashMap<String, TeamAnswer>,
    /// Folded, most specific first.
    patterns: Vec<(Vec<char>, TeamAnswer)>,
}

impl Overrides {
    /// The team's answer for a task, if it gave one.
    pub fn answer(&self, task: &str) -> Option<&TeamAnswer> {
        if self.is_empty() {
            return None;
        }
        let folded = fold(task);
        if let Some(answer) = self.exact.get(&folded) {
            return Some(answer);
        }
        let text: Vec<char> = folded.chars().collect();
        self.patterns
            .iter()
            .find(|(pattern, _)| glob(pattern, &text))
            .map(|(_, answer)| answer)
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.patterns.is_empty()
    }
}

/// A task as labels are compared: trimmed, white space runs made one space, lower case.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a glob of `*` and `?` matches all of `text`: the classic two-pointer walk, which
/// backtracks only to the last `*`, so no pattern costs more than its length times the text's.
fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// One row of a labels file that carries a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRow {
    pub line: usize,
    pub task: String,
    pub label: String,
}

/// Reads a labels file (CSV in any encoding a spreadsheet writes, or a workbook's first
/// sheet): a header row naming `task` and `label` columns, any others ignored. Rows with an
/// empty label were not reviewed and are left out.
pub fn read_label_file(path: &Path, isolation: &Isolation) -> Result<Vec<LabelRow>, RubricError> {
    let file = path.display().to_string();
    let mut workbook = Workbook::open(
        &InputPath::File(path.to_path_buf()),
        &Limits::default(),
        isolation,
    )?;
    let table = workbook.take_sheet(0)?;
    let Some(header) = table.rows.first() else {
        return Err(invalid(
            &file,
            None,
            "empty; a labels file has a header row with \"task\" and \"label\" columns",
        ));
    };
    let column = |name: &str| {
        header
            .cells
            .iter()
            .find(|c| c.text.trim().eq_ignore_ascii_case(name))
            .map(|c| c.column)
    };
    let (Some(task_at), Some(label_at)) = (column("task"), column("label")) else {
        return Err(invalid(
            &file,
            Some(header.number as usize),
            "the header row needs a \"task\" and a \"label\" column",
        ));
    };
    Ok(table.rows[1..]
        .iter()
        .filter_map(|row| {
            let label = row.get(label_at).unwrap_or("").trim();
            let task = row.get(task_at).unwrap_or("").trim();
            (!label.is_empty() && !task.is_empty()).then(|| LabelRow {
                line: row.number as usize,
                task: task.to_string(),
                label: label.to_string(),
            })
        })
        .collect())
}

fn invalid(file: &str, line: Option<usize>, message: &str) -> RubricError {
    RubricError::Invalid {
        file: file.to_string(),
        line,
        message: message.to_string(),
    }
}

/// The file name a report may show for a path.
fn file_name(path: &Path) -> Arc<str> {
    path.file_name()
        .map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
        .into()
}

impl Rubric {
    /// What a label names: a role (id, name or title such as "PM"), a responsibility id, an
    /// area-of-other-work id, or `none`.
    pub fn resolve_label(&self, label: &str) -> Option<Label> {
        let label = label.trim();
        if label.eq_ignore_ascii_case("none") {
            return Some(Label::NoRole);
        }
        if let Some(r) = self.responsibilities.iter().position(|r| r.id == label) {
            return Some(Label::Responsibility(r));
        }
        if let Some(a) = self.other_work.iter().position(|a| a.id == label) {
            return Some(Label::Area(a));
        }
        let role = self.find_role(label)?;
        self.roles
            .iter()
            .position(|r| r.id == role.id)
            .map(Label::Role)
    }

    /// Adds a team's labels (read from `file`) and `[tasks]` patterns (from `config`): the
    /// matcher answers them first, and the labelled lines train the model. A label naming
    /// nothing known, or one task labelled twice differently, is an error with its line.
    pub fn with_team(
        mut self,
        file: &Path,
        rows: Vec<LabelRow>,
        config: &Path,
        patterns: &[(String, String)],
    ) -> Result<Rubric, RubricError> {
        let shown = file.display().to_string();
        let mut exact: HashMap<String, TeamAnswer> = HashMap::new();
        let mut team_lines = Vec::new();
        for row in rows {
            let label = self.resolve_label(&row.label).ok_or_else(|| {
                invalid(
                    &shown,
                    Some(row.line),
                    &format!("label \"{}\" is no role, responsibility or area of other work of the loaded rubrics, nor \"none\"", row.label),
                )
            })?;
            let origin = Origin::Label {
                file: file_name(file),
                line: row.line,
            };
            match exact.get(&fold(&row.task)) {
                Some(earlier) if earlier.label == label => continue,
                Some(TeamAnswer {
                    origin: Origin::Label { line, .. },
                    ..
                }) => {
                    return Err(invalid(
                        &shown,
                        Some(row.line),
                        &format!("\"{}\" is labelled differently on line {line}", row.task),
                    ))
                }
                _ => {}
            }
            exact.insert(fold(&row.task), TeamAnswer { label, origin });
            team_lines.push(TrainingLine {
                text: row.task,
                label,
                style: Style::Team,
                weight: TEAM_WEIGHT,
            });
        }
        let mut globs = Vec::new();
        for (pattern, label) in patterns {
            let resolved = self.resolve_label(label).ok_or_else(|| {
                invalid(
                    &config.display().to_string(),
                    None,
                    &format!("[tasks] \"{pattern}\": \"{label}\" is no role, responsibility or area of other work of the loaded rubrics, nor \"none\""),
                )
            })?;
            let origin = Origin::Pattern {
                file: file_name(config),
                pattern: pattern.as_str().into(),
            };
            globs.push((
                fold(pattern).chars().collect::<Vec<char>>(),
                TeamAnswer {
                    label: resolved,
                    origin,
                },
            ));
        }
        // Most literal characters first, then fewest stars; the sort is stable, so equals
        // keep the order they were given in.
        globs.sort_by_key(|(p, _): &(Vec<char>, TeamAnswer)| {
            let literal = p.iter().filter(|c| !matches!(c, '*' | '?')).count();
            let stars = p.iter().filter(|&&c| c == '*').count();
            (std::cmp::Reverse(literal), stars)
        });
        // Patterns alone leave the model as it was: the built-in one is still shipped.
        if !team_lines.is_empty() {
            self.fingerprint = fnv1a(self.fingerprint, b"\0team\0");
            for line in &team_lines {
                self.fingerprint = line.digest(self.fingerprint);
            }
        }
        self.training.extend(team_lines);
        self.overrides = Overrides {
            exact,
            patterns: globs,
        };
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn globs_match_the_whole_text() {
        let yes = [
            ("release *", "release notes"),
            ("*review*", "quarterly review of plans"),
            ("r?n sprint planning", "run sprint planning"),
            ("*", ""),
            ("a*b*c", "axxbyyc"),
        ];
        for (p, t) in yes {
            assert!(glob(&chars(p), &chars(t)), "{p} should match {t}");
        }
        let no = [
            ("release *", "pre-release notes"),
            ("release", "release notes"),
            ("a*b*c", "axxbyy"),
            ("?", ""),
        ];
        for (p, t) in no {
            assert!(!glob(&chars(p), &chars(t)), "{p} should not match {t}");
        }
    }

    #[test]
    fn tasks_are_compared_folded() {
        assert_eq!(fold("  Release   Notes\t"), "release notes");
    }

    #[test]
    fn a_more_literal_pattern_wins_over_a_shorter_one() {
        let rubric = Rubric::built_in().unwrap();
        let patterns = [
            ("*release*".to_string(), "tpm".to_string()),
            ("release notes*".to_string(), "pm".to_string()),
        ];
        let rubric = rubric
            .with_team(
                Path::new("labels.csv"),
                Vec::new(),
                Path::new("rolecall.toml"),
                &patterns,
            )
            .unwrap();
        let pm = rubric.resolve_label("pm").unwrap();
        let tpm = rubric.resolve_label("tpm").unwrap();
        assert_eq!(
            rubric
                .overrides
                .answer("Release notes for 2.0")
                .unwrap()
                .label,
            pm
        );
        assert_eq!(
            rubric.overrides.answer("Cut the release").unwrap().label,
            tpm
        );
        assert!(rubric.overrides.answer("Write the roadmap").is_none());
    }
}
