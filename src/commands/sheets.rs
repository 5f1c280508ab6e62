//! The multi-sheet policy: which sheets of a workbook make the team. A workbook often holds
//! more than the team sheet (a cover, a pivot, notes), so a sheet whose layout is not
//! recognised is passed over with a note, unless it was the one asked for or the only one.

use crate::error::Error;
use crate::input::{InputPath, Workbook};
use crate::layout::{self, DoubtKind, LayoutError, LayoutOptions, Team};
use crate::settings::{ReadOptions, SheetChoice};

/// Reads the chosen sheets into one team: the named sheet, the first with a recognisable
/// layout, or every such sheet.
pub fn read(options: &ReadOptions) -> Result<Team, Error> {
    // Standard input's size is unknown until it is read, so it gets no spinner.
    let _spinner = match &options.input {
        InputPath::File(path) => options.progress.reading(
            &path.display().to_string(),
            std::fs::metadata(path).map_or(0, |m| m.len()),
        ),
        InputPath::Stdin => indicatif::ProgressBar::hidden(),
    };
    let mut book = Workbook::open(&options.input, &options.limits, &options.isolation)?;
    let mut team = Team::new(book.name());
    if let SheetChoice::One(wanted) = &options.sheets {
        let index = book.find_sheet(wanted)?;
        let table = book.take_sheet(index)?;
        team.add(layout::extract(table, &options.layout)?);
        team.check_people(options.limits.max_people)?;
        return strict(team, options);
    }
    let names = book.sheet_names();
    let mut first_error = None;
    for index in 0..names.len() {
        let table = book.take_sheet(index)?;
        let sheet = table.sheet.clone().unwrap_or_default();
        let layout = LayoutOptions {
            tasks_before: team.assignments.len(),
            ..options.layout.clone()
        };
        match layout::extract(table, &layout) {
            Ok(extraction) => {
                team.add(extraction);
                team.check_people(options.limits.max_people)?;
                if options.sheets == SheetChoice::First {
                    another_readable(&mut book, &mut team, index + 1, &layout);
                    break;
                }
            }
            // A cap is no reason to pass a sheet over: the run stops.
            Err(error @ LayoutError::TooManyTasks { .. }) => return Err(error.into()),
            Err(error) => {
                team.skip(sheet, error.to_string());
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        _ if !team.notes.sheets.is_empty() => strict(team, options),
        Some(error) if names.len() == 1 => Err(error.into()),
        _ => Err(Error::NoUsableSheet {
            file: book.name().to_string(),
            sheets: names
                .iter()
                .map(|n| format!("\"{}\"", n.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Whether a sheet after the one taken reads too: the first readable sheet was taken
/// among several, which is a guess. The first such sheet found is named in the doubt.
fn another_readable(book: &mut Workbook, team: &mut Team, from: usize, layout: &LayoutOptions) {
    let names = book.sheet_names();
    let Some(taken) = team.notes.sheets.last() else {
        return;
    };
    let taken_name = taken.sheet.clone().unwrap_or_default();
    for index in from..names.len() {
        let Ok(table) = book.take_sheet(index) else {
            continue;
        };
        let name = table.sheet.clone().unwrap_or_default();
        if layout::extract(table, layout).is_err() {
            continue;
        }
        if let Some(taken) = team.notes.sheets.last_mut() {
            taken.reading.add(
                DoubtKind::SheetChosen,
                format!(
                    "sheet \"{taken_name}\" was the first readable of {} sheets; sheet \"{name}\" reads too",
                    names.len()
                ),
                format!("pass --sheet \"{name}\" to read it, or --all-sheets for every sheet"),
            );
        }
        return;
    }
}

/// The team, unless `--strict-reading` asked that a sheet read in doubt (its confidence
/// under [`layout::CONFIDENCE_BAR`]) stop the run.
fn strict(team: Team, options: &ReadOptions) -> Result<Team, Error> {
    if !options.strict_reading {
        return Ok(team);
    }
    let doubted = team
        .notes
        .sheets
        .iter()
        .find(|sheet| sheet.reading.in_doubt);
    match doubted {
        Some(sheet) => Err(Error::DoubtfulReading {
            place: super::stderr::place(&team.notes.file, sheet),
            doubt: super::stderr::doubt_message(&team.notes.file, sheet),
        }),
        None => Ok(team),
    }
}
