//! The options of `review`: an audit's, read from the same flags and config file, and the
//! file the review goes to.

use std::path::PathBuf;

use crate::cli::ReviewArgs;
use crate::input::Isolation;

use super::audit::{config, judged, AuditOptions};
use super::read::read;
use super::{training, UsageError};

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewOptions {
    pub audit: AuditOptions,
    /// The file to write, as the format its extension names; CSV on stdout without one.
    pub output: Option<(PathBuf, ReviewFormat)>,
}

/// What a review file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    Csv,
    Xlsx,
}

pub(super) fn review(args: ReviewArgs, isolation: &Isolation) -> Result<ReviewOptions, UsageError> {
    let ReviewArgs {
        input,
        rubric,
        cache,
        matching,
        rules,
        output,
    } = args;
    let config = config(&rules)?;
    let training = training(&cache, input.quiet);
    let read = read(input, isolation)?;
    let output = output
        .map(|path| format_of(&path).map(|f| (path, f)))
        .transpose()?;
    Ok(ReviewOptions {
        audit: judged(
            read,
            rubric.rubric,
            training,
            &matching,
            rules,
            &config,
            isolation,
        )?,
        output,
    })
}

fn format_of(path: &std::path::Path) -> Result<ReviewFormat, UsageError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv") => Ok(ReviewFormat::Csv),
        Some("xlsx") => Ok(ReviewFormat::Xlsx),
        _ => Err(UsageError(format!(
            "-o {}: a review is written as .csv or .xlsx",
            path.display()
        ))),
    }
}
