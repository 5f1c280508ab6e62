//! Who the parties of a matrix are: the name and title in each header cell ("Ana Lima (PM)"),
//! the team or title a line above the names gives a run of them, and for a chart of one
//! party's marks, the owner its sheet's name gives. Kept apart from the search, which only
//! needs to know where the names stand, not whose they are.

use super::super::grid::Grid;
use super::super::header::normalise_header;
use super::super::vocabulary::{looks_like_role_title, names_a_role, CHART_WORDS, MARKS_HEADERS};
use super::super::{ColumnRole, Party};
use super::reading::Reading;
use crate::input::RawRow;

/// The parties named on the header line, with the team or title a group line above gives.
pub(super) fn read_parties(grid: &Grid<'_>, reading: &Reading, header: &RawRow) -> Vec<Party> {
    let groups = party_groups(grid, reading);
    let lone = reading.parties.len() == 1;
    reading
        .parties
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let text = header.get(p).unwrap_or("");
            let text = match grid.table.sheet.as_deref() {
                Some(sheet) if lone => party_of_lone_column(text, sheet),
                _ => text.to_string(),
            };
            let (name, mut title) = parse_party(&text);
            let mut team = None;
            if let Some((role, values)) = &groups {
                let value = values[i].clone();
                match role {
                    ColumnRole::Title => title = title.or(value),
                    _ => team = value,
                }
            }
            Party { name, title, team }
        })
        .collect()
}

/// "Ana Lima (Product Manager)", "Ana Lima - PM", or a name over a title on two lines: the
/// name and the title. A header that is itself a title names a role, whose party is that
/// title.
pub(super) fn parse_party(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() >= 2 {
        let rest = lines[1..].join(" ");
        // "Ana Lima" over "(Project Manager)": the brackets only set the title apart.
        let rest = match rest.strip_prefix('(') {
            Some(inner) => inner.strip_suffix(')').unwrap_or(inner).trim().to_string(),
            None => rest,
        };
        if looks_like_role_title(&rest) && !looks_like_role_title(lines[0]) {
            return (lines[0].to_string(), Some(rest));
        }
    }
    let flat = lines.join(" ");
    if let Some((name, inner)) = flat
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .map(|(name, inner)| (name.trim(), inner.trim()))
    {
        if !name.is_empty() && looks_like_role_title(inner) && !looks_like_role_title(name) {
            return (name.to_string(), Some(inner.to_string()));
        }
    }
    for separator in [" - ", " – ", " — ", ", "] {
        if let Some((name, title)) = flat.split_once(separator) {
            if looks_like_role_title(title) && !looks_like_role_title(name) {
                return (name.trim().to_string(), Some(title.trim().to_string()));
            }
        }
    }
    let title = looks_like_role_title(&flat).then(|| flat.clone());
    (flat, title)
}

/// The party of a one-party chart. Its column's header often says only what the column
/// holds ("Role"), while the sheet's name says whose marks they are ("TPM RACI"): then the
/// sheet's name without its chart words names the party.
fn party_of_lone_column(header: &str, sheet: &str) -> String {
    if !MARKS_HEADERS.contains(&normalise_header(header).as_str()) {
        return header.to_string();
    }
    let owner: Vec<&str> = sheet
        .split_whitespace()
        .filter(|w| !CHART_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if owner.is_empty() {
        header.to_string()
    } else {
        owner.join(" ")
    }
}

/// The line above the names, when it names a group of each party (a team or a title).
fn party_groups(grid: &Grid<'_>, reading: &Reading) -> Option<(ColumnRole, Vec<Option<String>>)> {
    let above = grid.lines.iter().find(|l| l.number + 1 == reading.header)?;
    let first = *reading.parties.first()?;
    let mut role = None;
    for cell in above.cells.iter().filter(|c| c.column < first) {
        let normalised = normalise_header(&cell.text);
        let named = [ColumnRole::Title, ColumnRole::Team]
            .into_iter()
            .find(|r| r.synonyms().contains(&normalised.as_str()));
        match named {
            Some(named) if cell.column == reading.label && role.is_none() => role = Some(named),
            // A banner or a label over the task column: not a group line.
            _ => return None,
        }
    }
    let mut current: Option<String> = None;
    let values: Vec<Option<String>> = reading
        .parties
        .iter()
        .map(|&p| {
            if let Some(text) = above.get(p) {
                current = Some(text.trim().to_string());
            }
            current.clone()
        })
        .collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let role = role.unwrap_or_else(|| {
        if values.iter().flatten().all(|v| names_a_role(v)) {
            ColumnRole::Title
        } else {
            ColumnRole::Team
        }
    });
    Some((role, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_headers_give_names_and_titles() {
        assert_eq!(parse_party("Ana Lima"), ("Ana Lima".into(), None));
        assert_eq!(
            parse_party("Ana Lima (Product Manager)"),
            ("Ana Lima".into(), Some("Product Manager".into()))
        );
        assert_eq!(
            parse_party("Wei Chen (陈伟)"),
            ("Wei Chen (陈伟)".into(), None)
        );
        assert_eq!(
            parse_party("Bo Berg\nTPM"),
            ("Bo Berg".into(), Some("TPM".into()))
        );
        assert_eq!(
            parse_party("Siddham Sharma\n(Project Manager)"),
            ("Siddham Sharma".into(), Some("Project Manager".into()))
        );
        assert_eq!(
            parse_party("Engineering Lead"),
            ("Engineering Lead".into(), Some("Engineering Lead".into()))
        );
    }
}
