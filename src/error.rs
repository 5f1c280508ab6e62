//! One error type for the whole pipeline, and the exit codes users and CI scripts rely on.

use std::process::ExitCode;

use crate::compare::CompareError;
use crate::input::InputError;
use crate::layout::LayoutError;
use crate::quality::QualityError;
use crate::report::ReportError;
use crate::rubric::RubricError;
use crate::settings::UsageError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Usage(#[from] UsageError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error(transparent)]
    Rubric(#[from] RubricError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Quality(#[from] QualityError),
    #[error(transparent)]
    Compare(#[from] CompareError),
    #[error("{file}: no sheet has a recognisable layout (sheets: {sheets}); pick one with --sheet and name the layout and columns")]
    NoUsableSheet { file: String, sheets: String },
    #[error("{place}: {doubt}; --strict-reading stops here, writing nothing")]
    DoubtfulReading { place: String, doubt: String },
}

impl Error {
    /// A closed pipe (`rolecall audit x | head`) is the reader's choice, not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Report(ReportError::Write { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// What a run ended with, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The command ran.
    Success,
    /// `--fail-on` named a kind of finding that the audit found.
    FindingsFound,
    /// Bad usage or unusable input.
    Error,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::FindingsFound => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_documented_ones() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::FindingsFound.code(), 1);
        assert_eq!(Exit::Error.code(), 2);
    }
}
