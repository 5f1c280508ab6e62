//! `rolecall review`: the audit's lines to look at, written as a file to label (see
//! `report::review`), and one line on stderr saying how many and how much they weigh.

use crate::error::{Error, Exit};
use crate::input::ReadFiles;
use crate::report::review::Review;
use crate::report::{self, Body, Destination, Rendered};
use crate::settings::{ReviewFormat, ReviewOptions};

use super::audit::audit_with;
use super::{load_team_rubric, stderr};

pub(super) fn run(options: &ReviewOptions) -> Result<Exit, Error> {
    let read: ReadFiles = options.audit.files_read();
    let destination = options
        .output
        .as_ref()
        .map_or(Destination::Stdout, |(path, _)| {
            Destination::Path(path.clone())
        });
    // Refused before anything is read, as `audit` does, and again as the file is written.
    if let Destination::Path(path) = &destination {
        report::refuse_read(std::slice::from_ref(path), &read)?;
    }
    let rubric = load_team_rubric(&options.audit.rubrics, &options.audit.team)?;
    let (audited, matcher) = audit_with(&options.audit, &rubric)?;
    stderr::reading_doubts(&audited.input);
    stderr::foreign_language(&audited);
    let review = Review::new(&audited, &matcher, options.audit.audit.confidence);
    let bytes = match &options.output {
        Some((_, ReviewFormat::Xlsx)) => review.xlsx(&matcher)?,
        Some((_, ReviewFormat::Csv)) => review.csv(&matcher, true)?,
        None => review.csv(&matcher, false)?,
    };
    report::write(&Rendered::Document(Body::Bytes(bytes)), &destination, &read)?;
    stderr::note(&review.summary());
    Ok(Exit::Success)
}
