//! Which family of reader a file goes to, by its name and, where a name can lie, by its
//! first bytes: a workbook saved under a text name would otherwise read as garbage.

use std::path::Path;

use super::delimited::Delimiter;
use super::error::InputError;
use super::spreadsheet;

/// The families of input this tool reads.
pub(super) enum Family {
    Delimited(Option<Delimiter>),
    Spreadsheet(spreadsheet::Kind),
    /// A tracker board's JSON export (Trello).
    Board,
}

/// The family by the file's name, except that a zip or compound file named as text (an xlsx
/// saved as `team.csv`, an ods as `.tsv`) is a workbook: its bytes would only read as
/// garbage. Workbook names are sniffed again when opened (`Spreadsheet::open`); an unknown
/// extension stays refused, whatever the file holds.
pub(super) fn family_of(path: &Path, name: &str) -> Result<Family, InputError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let delimiter = match extension.as_str() {
        // Excel's "Unicode text" export is tab-separated and named .txt; sniff those too.
        "csv" | "txt" => None,
        "tsv" | "tab" => Some(Delimiter::Tab),
        "json" => return Ok(Family::Board),
        other => {
            return match spreadsheet::Kind::from_extension(other) {
                Some(kind) => Ok(Family::Spreadsheet(kind)),
                None => Err(InputError::UnsupportedType {
                    file: name.to_string(),
                    extension: if other.is_empty() {
                        "(none)".into()
                    } else {
                        other.into()
                    },
                }),
            }
        }
    };
    Ok(match spreadsheet::Signature::of(path).workbook_kind() {
        Some(kind) => Family::Spreadsheet(kind),
        None => Family::Delimited(delimiter),
    })
}
