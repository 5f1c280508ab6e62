//! `rolecall.toml`: a team's standing choices, so that every audit of its sheet is run the
//! same way without a long command line: which roles the team is meant to have, what its
//! local titles mean, who is left out, and the rules' thresholds. A flag given on the command
//! line wins over the file; the file wins over the built-in defaults.
//!
//! The file is read from `--config PATH`, or else from `rolecall.toml` in the working folder
//! when one is there. Unknown keys are errors (a misspelt threshold silently ignored would
//! be a wrong audit), and every error names the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file looked for in the working folder when no `--config` is given.
pub const FILE_NAME: &str = "rolecall.toml";

/// Config files larger than this are refused: a real one is a few hundred bytes.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub audit: AuditConfig,
    #[serde(default)]
    pub matching: MatchingConfig,
    #[serde(default)]
    pub report: ReportConfig,
    /// A local title and the role it is ("product-manager", a role's name, or "none").
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
    /// A task's text or glob and what it is: a role, a responsibility, an area or "none".
    #[serde(default)]
    pub tasks: BTreeMap<String, String>,
    #[serde(default)]
    pub exclude: ExcludeConfig,
    /// Where the file was read from, for messages; not a key of the file.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuditConfig {
    /// The roles audited for gaps, by id or name (as `--roles`).
    pub roles: Option<Vec<String>>,
    pub similar_work: Option<Share>,
    pub similar_work_peers: Option<usize>,
    pub drift_share: Option<Share>,
    pub confidence: Option<Share>,
    pub max_owners: Option<usize>,
    pub strict_raci: Option<bool>,
    pub raci_overload: Option<Share>,
    pub any_language: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MatchingConfig {
    pub min_score: Option<Share>,
    pub ambiguity_margin: Option<Share>,
    /// The team's labels file, relative to the config file's folder.
    pub labels: Option<PathBuf>,
}

/// A threshold that is a share, from 0 to 1. It is checked as the file is parsed, so that a
/// value out of range (or `nan`, which toml allows) is refused with the file and its line, as
/// any other mistake in the file is, rather than blamed on the command-line flag of the
/// same name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(f64);

impl Share {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Share, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if (0.0..=1.0).contains(&value) {
            Ok(Share(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "a share must lie between 0 and 1, not {value}"
            )))
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReportConfig {
    /// The default `--format` (text, csv, json, md, pdf).
    pub format: Option<String>,
    /// The default `--paper` (a4, letter).
    pub paper: Option<String>,
    pub anonymize: Option<bool>,
    /// The default of `--show-path`.
    pub show_path: Option<bool>,
    /// The default of `--csv-bom` / `--no-csv-bom`.
    pub csv_bom: Option<bool>,
}

/// People and teams left out of the audit, by name as the sheet writes them (case and
/// surrounding space do not matter): contractors, a team being wound down, the auditor.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExcludeConfig {
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub teams: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: cannot read the config file: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: the config file is over {MAX_BYTES} bytes; is it the right file?")]
    TooLarge { file: String },
    #[error("{file}: is not a regular file (a folder, pipe, socket or device); pass the path of a rolecall.toml")]
    NotAFile { file: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl Config {
    /// The file `--config` names, or `rolecall.toml` in the working folder if there is
    /// one, or no settings at all.
    pub fn find(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Config::read(path),
            None => {
                let path = Path::new(FILE_NAME);
                if path.is_file() {
                    Config::read(path)
                } else {
                    Ok(Config::default())
                }
            }
        }
    }

    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let io = |source| ConfigError::Io {
            file: file.clone(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(io)?;
        // Asked before opening: a FIFO would wait for a writer forever, /dev/zero never ends.
        if !metadata.is_file() {
            return Err(ConfigError::NotAFile { file });
        }
        if metadata.len() > MAX_BYTES {
            return Err(ConfigError::TooLarge { file });
        }
        let mut text = String::new();
        // A file growing while read is held to the cap too.
        std::io::Read::read_to_string(
            &mut std::io::Read::take(std::fs::File::open(path).map_err(io)?, MAX_BYTES + 1),
            &mut text,
        )
        .map_err(io)?;
        if text.len() as u64 > MAX_BYTES {
            return Err(ConfigError::TooLarge { file });
        }
        let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            file: file.clone(),
            message,
        })?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses a file's text; the error is one line with the line number toml reports.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error.message().replace('\n', " ");
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })
    }

    /// The labels file `[matching] labels` names, relative to the config file's folder (the
    /// file travels with the sheet and its labels, wherever the audit runs from).
    pub fn labels(&self) -> Option<PathBuf> {
        let labels = self.matching.labels.as_ref()?;
        let folder = self.path.as_deref().and_then(Path::parent);
        Some(folder.map_or_else(|| labels.clone(), |folder| folder.join(labels)))
    }

    /// "rolecall.toml: " before a message about one of its values.
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| FILE_NAME.to_string(), |p| p.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_reads_into_its_sections() {
        let config = Config::parse(
            r#"
[audit]
roles = ["pm", "Technical Program Manager"]
drift-share = 0.6
strict-raci = true

[matching]
min-score = 0.4

[report]
format = "pdf"

[titles]
"Head of Growth" = "product-manager"
"Product Designer" = "none"

[exclude]
people = ["Maya Lindqvist"]
teams = ["Sales"]
"#,
        )
        .unwrap();
        assert_eq!(
            config.audit.roles.as_deref(),
            Some(&["pm".to_string(), "Technical Program Manager".to_string()][..])
        );
        assert_eq!(config.audit.drift_share, Some(Share(0.6)));
        assert_eq!(config.audit.strict_raci, Some(true));
        assert_eq!(config.matching.min_score, Some(Share(0.4)));
        assert_eq!(config.report.format.as_deref(), Some("pdf"));
        assert_eq!(config.titles["Head of Growth"], "product-manager");
        assert_eq!(config.exclude.people, ["Maya Lindqvist"]);
        assert_eq!(config.exclude.teams, ["Sales"]);
    }

    #[test]
    fn a_misspelt_key_names_its_line_and_the_keys_allowed() {
        let error = Config::parse("[audit]\nroles = [\"pm\"]\ndrift-shar = 0.6\n").unwrap_err();
        assert!(
            error.starts_with("line 3: unknown field `drift-shar`"),
            "{error}"
        );
        assert!(error.contains("drift-share"), "{error}");
        assert!(!error.contains('\n'));
    }

    #[test]
    fn a_share_out_of_range_names_its_line_and_value() {
        for (value, shown) in [
            ("nan", "NaN"),
            ("-0.1", "-0.1"),
            ("1.5", "1.5"),
            ("inf", "inf"),
        ] {
            let text = format!("[audit]\nroles = [\"pm\"]\n\n[matching]\nmin-score = {value}\n");
            let error = Config::parse(&text).unwrap_err();
            assert!(
                error.starts_with("line 5: a share must lie between 0 and 1, not ")
                    && error.ends_with(shown),
                "{value}: {error}"
            );
        }
        for key in ["similar-work", "drift-share", "raci-overload"] {
            let error = Config::parse(&format!("[audit]\n{key} = nan\n")).unwrap_err();
            assert!(error.starts_with("line 2: a share must"), "{key}: {error}");
        }
        let config = Config::parse("[matching]\nambiguity-margin = 0\nmin-score = 1\n").unwrap();
        assert_eq!(config.matching.min_score.map(Share::get), Some(1.0));
        assert_eq!(config.matching.ambiguity_margin.map(Share::get), Some(0.0));
    }

    #[test]
    fn an_empty_file_is_no_settings() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }
}
