//! The options of `diff`: two saved reports, how to write what changed, and what of it
//! fails the run.

use std::path::PathBuf;

use crate::audit::FindingKind;
use crate::cli::{DiffArgs, DiffFormatArg};
use crate::input::ReadFiles;
use crate::report::{ComparisonFormat, Destination};

use super::fail_on::{fail_on, FailOn};
use super::precedence::share;
use super::UsageError;

/// Two reports to compare, and how to say what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: ComparisonFormat,
    pub destination: Destination,
    /// Kinds of new finding that fail the run; `None` inside means "any kind".
    pub fail_on: Vec<Option<FindingKind>>,
    pub mix_threshold: f64,
}

/// The smallest role-share change a comparison lists unless told otherwise.
pub const DEFAULT_MIX_SHIFT: f64 = 0.2;

impl DiffOptions {
    /// The two reports compared, which the comparison's output may not replace.
    pub fn files_read(&self) -> ReadFiles {
        let mut read = ReadFiles::default();
        read.add(&self.old, "a report this diff compares");
        read.add(&self.new, "a report this diff compares");
        read
    }
}

pub(super) fn diff(args: DiffArgs) -> Result<DiffOptions, UsageError> {
    let fail_on = args
        .fail_on
        .iter()
        .map(|name| match fail_on(name)? {
            FailOn::New(kind) => Ok(kind),
            FailOn::Found(_) => Err(UsageError(format!(
                "--fail-on {name}: a comparison fails on new findings: write new:KIND or new:any"
            ))),
        })
        .collect::<Result<_, _>>()?;
    Ok(DiffOptions {
        old: args.old,
        new: args.new,
        format: match args.format {
            DiffFormatArg::Text => ComparisonFormat::Text,
            DiffFormatArg::Json => ComparisonFormat::Json,
            DiffFormatArg::Md => ComparisonFormat::Markdown,
        },
        destination: args.output.map_or(Destination::Stdout, Destination::Path),
        fail_on,
        mix_threshold: share("mix-shift", args.mix_shift, None, DEFAULT_MIX_SHIFT)?,
    })
}
