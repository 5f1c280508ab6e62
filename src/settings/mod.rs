//! From parsed arguments to validated settings: clap's types stop here, and everything after
//! works with the library's own types. A file for each command's options; every setting
//! that both a flag and the config file can give goes through one helper,
//! `precedence::flag_file_default`: the flag, else the file, else the default.

mod audit;
mod diff;
mod fail_on;
mod formats;
mod judge;
mod precedence;
mod read;
mod review;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use audit::{AuditOptions, Baseline, ExcludedNames, Exclusions, ScopeRequest};
pub use diff::{DiffOptions, DEFAULT_MIX_SHIFT};
pub use judge::{EvalOptions, ExplainOptions};
pub use precedence::TeamWords;
pub use read::{InspectOptions, ReadOptions, SheetChoice};
pub use review::{ReviewFormat, ReviewOptions};

use crate::cli::{CacheArgs, Cli, Command, RubricsAction};
use crate::input::{Isolation, ReadFiles};
use crate::matching::Training;
use crate::progress::Progress;

#[derive(Debug, Clone, PartialEq)]
pub enum Settings {
    Audit(Box<AuditOptions>),
    Review(Box<ReviewOptions>),
    Inspect(InspectOptions),
    Explain(ExplainOptions),
    Eval(EvalOptions),
    ListRubrics {
        rubrics: Vec<PathBuf>,
    },
    CheckRubrics {
        paths: Vec<PathBuf>,
        training: Training,
    },
    /// Write the built-in rubrics into a folder; `rubrics` are the user's own, named with
    /// `--rubric`, which the export must not replace.
    ExportRubrics {
        dir: PathBuf,
        force: bool,
        rubrics: Vec<PathBuf>,
    },
    Diff(DiffOptions),
    Completions {
        shell: clap_complete::Shell,
    },
    Man {
        dir: Option<PathBuf>,
    },
    /// This process is the capped child that parses a workbook for its parent.
    ReadWorkbook {
        path: PathBuf,
    },
}

/// A command line that parsed but makes no sense.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl Settings {
    /// Validates a command line. `isolation` is where workbooks will be parsed: only the
    /// rolecall executable itself can be its own parser child, so a library caller (a test,
    /// a bench) passes [`Isolation::InProcess`].
    pub fn from_cli(cli: Cli, isolation: &Isolation) -> Result<Settings, UsageError> {
        Ok(match cli.command {
            Command::Audit(args) => Settings::Audit(Box::new(audit::audit(*args, isolation)?)),
            Command::Review(args) => Settings::Review(Box::new(review::review(*args, isolation)?)),
            Command::Inspect(args) => Settings::Inspect(InspectOptions {
                read: read::read(args.input, isolation)?,
                json: args.json,
            }),
            Command::Explain(args) => Settings::Explain(judge::explain(args, isolation)?),
            Command::Eval(args) => Settings::Eval(judge::eval(args, isolation)?),
            Command::Rubrics(args) => match args.action {
                Some(RubricsAction::Check { paths, cache }) => Settings::CheckRubrics {
                    paths,
                    training: training(&cache, false),
                },
                Some(RubricsAction::Export { dir, force }) => Settings::ExportRubrics {
                    dir,
                    force,
                    rubrics: args.rubric.rubric,
                },
                None => Settings::ListRubrics {
                    rubrics: args.rubric.rubric,
                },
            },
            Command::Diff(args) => Settings::Diff(diff::diff(args)?),
            Command::Completions { shell } => Settings::Completions { shell },
            Command::Man { dir } => Settings::Man { dir },
            Command::ReadWorkbook { path } => Settings::ReadWorkbook { path },
        })
    }
}

/// The rubric and training files that `--rubric PATH`s name, each as what it is.
pub fn rubric_files_read(rubrics: &[PathBuf]) -> ReadFiles {
    let mut read = ReadFiles::default();
    for file in crate::rubric::files_read(rubrics) {
        let role = if crate::rubric::is_training_file(&file) {
            "a training file"
        } else {
            "a rubric file"
        };
        read.add(&file, role);
    }
    read
}

/// How a model for the user's rubrics is trained: kept in the cache folder unless
/// `--no-cache` or `ROLECALL_NO_CACHE` says not to, and said aloud unless `quiet`.
fn training(args: &CacheArgs, quiet: bool) -> Training {
    let skip = args.no_cache || env_path("ROLECALL_NO_CACHE").is_some_and(|v| v.as_os_str() != "0");
    Training {
        cache: if skip { None } else { cache_folder() },
        progress: Progress::on_terminal(quiet),
        say_off_terminal: !quiet,
    }
}

/// The folder trained models are kept in: `$ROLECALL_CACHE_DIR`, else the platform's
/// cache folder (`%LOCALAPPDATA%` on Windows, `$XDG_CACHE_HOME` or `~/.cache` elsewhere).
/// None is known without a home: then nothing is kept.
fn cache_folder() -> Option<PathBuf> {
    if let Some(folder) = env_path("ROLECALL_CACHE_DIR") {
        return Some(folder);
    }
    if cfg!(windows) {
        return env_path("LOCALAPPDATA").map(|d| d.join("rolecall"));
    }
    // The XDG spec asks that a relative path be ignored.
    env_path("XDG_CACHE_HOME")
        .filter(|d| d.is_absolute())
        .or_else(|| env_path("HOME").map(|h| h.join(".cache")))
        .map(|d| d.join("rolecall"))
}

/// An environment variable that is set and not empty.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
