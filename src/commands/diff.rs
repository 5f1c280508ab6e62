//! `rolecall diff`: two saved JSON reports compared, for a team's history and for CI that
//! fails on new findings.

use crate::compare;
use crate::error::{Error, Exit};
use crate::report::{self, Body, Destination, Rendered};
use crate::settings::DiffOptions;

use super::{fail_on, stderr};

/// Compares two reports; warnings (another tool version, other settings) go to stderr too.
pub(super) fn run(options: &DiffOptions) -> Result<Exit, Error> {
    let read = options.files_read();
    if let Destination::Path(path) = &options.destination {
        report::refuse_read(std::slice::from_ref(path), &read)?;
    }
    let comparison = compare::compare(&options.old, &options.new, options.mix_threshold)?;
    stderr::comparison_warnings(&options.old.display().to_string(), &comparison);
    let bytes = report::render_comparison(&comparison, options.format)?;
    report::write(
        &Rendered::Document(Body::Bytes(bytes)),
        &options.destination,
        &read,
    )?;
    Ok(fail_on::exit(&fail_on::found_new(
        &comparison,
        &options.fail_on,
    )))
}
