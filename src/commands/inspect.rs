//! `rolecall inspect`: how a sheet was read, stopping after the layout, for the user to
//! check the reading before trusting an audit built on it.

use crate::error::{Error, Exit};
use crate::report;
use crate::settings::InspectOptions;

use super::{pretty_json, print, sheets, stderr};

pub(super) fn run(options: &InspectOptions) -> Result<Exit, Error> {
    let team = sheets::read(&options.read)?;
    stderr::reading_doubts(&team.notes);
    let text = if options.json {
        pretty_json(&team.notes)?
    } else {
        report::notes_text(&team.notes)
    };
    let printed = print(text);
    // The command ends here: freeing a sheet's assignments one by one takes time the
    // process's exit does not.
    std::mem::forget(team);
    printed
}
