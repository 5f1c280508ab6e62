//! The multi-sheet policy: which sheets of a workbook make the team. A workbook often holds
//! more than the team sheet (a cover, a pivot, notes), so a sheet whose layout is not
//! recognised is passed over with a note, unless it was the one asked for or the only one.

use crate::error::Error;
use crate::input::{InputPath, Workbook};
use crate::layout::{self, LayoutError, LayoutOptions, Team};
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

/// The team, unless `--strict-reading` asked that a sheet read in doubt stop the run.
fn strict(team: Team, options: &ReadOptions) -> Result<Team, Error> {
    if !options.strict_reading {
        return Ok(team);
    }
    let doubted = team.notes.sheets.iter().find_map(|sheet| {
        let doubt = sheet.layout_doubt.as_ref()?;
        let place = match &sheet.sheet {
            Some(name) => format!("{}: sheet \"{name}\"", team.notes.file),
            None => team.notes.file.clone(),
        };
        Some((place, doubt.clone()))
    });
    match doubted {
        Some((place, doubt)) => Err(Error::DoubtfulReading { place, doubt }),
        None => Ok(team),
    }
}
