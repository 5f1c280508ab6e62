//! The one rule every setting follows: a flag given on the command line wins over the
//! config file, and the file over the built-in default. Kept in one place so that no setting
//! can get the order wrong, and so that a value from the file is looked at (and a mistake in
//! it reported) only when no flag overrides it.

use std::path::PathBuf;

use crate::config::{Config, MatchingConfig, Share};
use crate::input::{Isolation, ReadFiles};
use crate::matching::MatchSettings;

use super::UsageError;

/// A setting's value: the flag's if given, else the config file's if `filed` finds one,
/// else the default. `filed` runs only when no flag was given.
pub(super) fn flag_file_default<T>(
    flag: Option<T>,
    filed: impl FnOnce() -> Result<Option<T>, UsageError>,
    default: impl FnOnce() -> T,
) -> Result<T, UsageError> {
    match flag {
        Some(value) => Ok(value),
        None => Ok(filed()?.unwrap_or_else(default)),
    }
}

/// A switch: on when its flag is given, else as the config file says, else off.
pub(super) fn switch(flag: bool, filed: Option<bool>) -> Result<bool, UsageError> {
    flag_file_default(flag.then_some(true), || Ok(filed), || false)
}

/// A threshold from its flag, which is checked here, else from the config file, which was
/// checked (with its line) as the file was parsed, else the default.
pub(super) fn share(
    flag: &str,
    given: Option<f64>,
    filed: Option<Share>,
    default: f64,
) -> Result<f64, UsageError> {
    let given = given.map(|value| ratio(flag, value)).transpose()?;
    flag_file_default(given, || Ok(filed.map(Share::get)), || default)
}

fn ratio(name: &str, value: f64) -> Result<f64, UsageError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(UsageError(format!(
            "--{name} must lie between 0 and 1, not {value}"
        )))
    }
}

/// The matching thresholds, for every command that matches tasks; `keep` is how many
/// responsibilities each task keeps.
pub(super) fn matching(
    args: &crate::cli::MatchingArgs,
    config: &MatchingConfig,
    keep: usize,
) -> Result<MatchSettings, UsageError> {
    let defaults = MatchSettings::default();
    Ok(MatchSettings {
        min_score: share(
            "min-score",
            args.min_score,
            config.min_score,
            defaults.min_score,
        )?,
        ambiguity_margin: share(
            "ambiguity-margin",
            args.ambiguity_margin,
            config.ambiguity_margin,
            defaults.ambiguity_margin,
        )?,
        keep,
    })
}

/// What a team says its tasks are: a labels file and the config's `[tasks]` patterns, with
/// where workbooks are parsed (a labels file may be one).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamWords {
    pub labels: Option<PathBuf>,
    pub tasks: Vec<(String, String)>,
    /// The config file the patterns came from, to name in messages and reports.
    pub config: PathBuf,
    pub isolation: Isolation,
}

impl TeamWords {
    /// `--labels` if given, else `[matching] labels`; and the config's `[tasks]`.
    pub(super) fn new(flag: Option<PathBuf>, config: &Config, isolation: &Isolation) -> TeamWords {
        TeamWords {
            labels: flag.or_else(|| config.labels()),
            tasks: config
                .tasks
                .iter()
                .map(|(task, label)| (task.clone(), label.clone()))
                .collect(),
            config: PathBuf::from(config.name()),
            isolation: isolation.clone(),
        }
    }

    /// Adds the labels file to the files a run reads, which no output may replace.
    pub fn add_read(&self, read: &mut ReadFiles) {
        if let Some(labels) = &self.labels {
            read.add(labels, "the labels file");
        }
    }
}
