//! A sheet's own key to the role codes its chart uses: "PM = Project Manager" in a cell, or a
//! table of code and role ("PM | Project Manager | Vendor") above or below the chart. The
//! same letters mean different jobs on different teams (PM is a product manager in one
//! company and a project manager in the next), so the sheet's word wins over the alias list
//! of the rubrics: a party headed "PM" takes the title its legend spells out.

use super::marks::reads_as_marks;
use super::Extraction;
use crate::input::RawTable;
use std::collections::HashSet;
use std::sync::Arc;

/// Separators between a code and its meaning within one cell.
const SEPARATORS: &[&str] = &["=", ":", " - ", " – ", " — "];

/// The longest meaning taken as a title: a longer text is a description of the role.
const MOST_TITLE_CHARS: usize = 60;

/// Codes and the titles the sheet gives them, first definition first.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct RoleLegend(Vec<(String, String)>);

impl RoleLegend {
    /// Every code defined anywhere on the sheet. Which of them name a party is decided when
    /// the legend is applied, so a definition nobody uses changes nothing.
    pub(super) fn read(table: &RawTable) -> RoleLegend {
        let mut legend = RoleLegend::default();
        // The codes defined so far, in ASCII lower case: a sheet of names in scripts without
        // case reads each name as a code, and a list searched for every row grew with them.
        let mut defined = HashSet::new();
        for row in &table.rows {
            let Some(first) = row.cells.first() else {
                continue;
            };
            let definition = in_one_cell(&first.text).or_else(|| {
                // "PM | Project Manager | …": a row without marks, a code, then its title.
                // The cheap tests first: a list's first cell is a name, never a code, so its
                // row's cells are not each read as marks.
                let second = row.cells.get(1)?;
                (is_code(&first.text)
                    && is_title(&second.text)
                    && row.cells.iter().all(|c| !reads_as_marks(&c.text)))
                .then(|| {
                    (
                        first.text.trim().to_string(),
                        second.text.trim().to_string(),
                    )
                })
            });
            if let Some((code, title)) = definition {
                if defined.insert(code.to_ascii_lowercase()) {
                    legend.0.push((code, title));
                }
            }
        }
        legend
    }

    fn title_of(&self, code: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
            .map(|(_, title)| title.as_str())
    }

    /// Gives each chart party named by a code, with no title of its own beyond the code, the
    /// title the legend spells out, and says so in the layout's reason.
    pub(super) fn apply(&self, extraction: &mut Extraction) {
        let Some(chart) = extraction.chart.as_mut() else {
            return;
        };
        let mut used = Vec::new();
        for party in &mut chart.parties {
            let untitled = party.title.as_ref().is_none_or(|t| *t == party.name);
            let Some(title) = self.title_of(&party.name).filter(|_| untitled) else {
                continue;
            };
            used.push((party.name.clone(), title.to_string()));
            party.title = Some(title.to_string());
        }
        if used.is_empty() {
            return;
        }
        for note in &mut extraction.notes.parties {
            if let Some((_, title)) = used.iter().find(|(code, _)| *code == note.name) {
                note.title = Some(title.clone());
            }
        }
        for assignment in &mut extraction.assignments {
            if let Some((_, title)) = used.iter().find(|(code, _)| **code == *assignment.person) {
                assignment.title = Some(Arc::from(title.as_str()));
            }
        }
        let spelled: Vec<String> = used
            .iter()
            .map(|(code, title)| format!("{code} = {title}"))
            .collect();
        extraction.notes.layout_reason = format!(
            "{}; role codes as the sheet's legend spells them out: {}",
            extraction.notes.layout_reason,
            spelled.join(", ")
        );
    }
}

/// "PM = Project Manager", "PO: Product Owner", "SDM - Software Development Manager".
fn in_one_cell(text: &str) -> Option<(String, String)> {
    // Every separator holds one of these: a cell without any (a name, a task) is passed
    // over without a substring search for each separator.
    if !text.contains(['=', ':', '-', '–', '—']) {
        return None;
    }
    SEPARATORS.iter().find_map(|separator| {
        let (code, title) = text.split_once(separator)?;
        (is_code(code) && is_title(title))
            .then(|| (code.trim().to_string(), title.trim().to_string()))
    })
}

/// A short word in capitals: "PM", "PM-T", "IMP". Lowercase letters make it a word, and a
/// single letter is a RACI mark's legend, not a role's.
fn is_code(text: &str) -> bool {
    let text = text.trim();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&text.chars().count())
        && letters >= 2
        && !text.chars().any(|c| c.is_whitespace() || c.is_lowercase())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '&' | '.'))
}

/// A job spelled out: letters in lower case (not another code), short enough to be a title,
/// and no RACI mark ("R = Responsible" defines a mark, not a role).
fn is_title(text: &str) -> bool {
    let text = text.trim();
    text.chars().any(char::is_lowercase)
        && text.chars().count() <= MOST_TITLE_CHARS
        && !reads_as_marks(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{extract, LayoutOptions};

    fn legend(rows: &[&[&str]]) -> RoleLegend {
        RoleLegend::read(&RawTable::from_texts("t.csv", rows))
    }

    #[test]
    fn codes_are_read_from_one_cell_or_a_table_row() {
        let read = legend(&[
            &["PM = Project Manager"],
            &["PO: Product Owner"],
            &["Code", "Role", "Organisation"],
            &["SDM", "Software Development Manager", "Vendor"],
        ]);
        assert_eq!(read.title_of("PM"), Some("Project Manager"));
        assert_eq!(read.title_of("po"), Some("Product Owner"));
        assert_eq!(read.title_of("SDM"), Some("Software Development Manager"));
        assert_eq!(read.title_of("Code"), None);
    }

    #[test]
    fn mark_legends_and_marked_rows_define_no_role() {
        let read = legend(&[
            &["R = Responsible"],
            &["A", "Accountable"],
            &["PM", "Ana Lima", "R"],
            &["Plan the launch", "R", "A"],
        ]);
        assert_eq!(read, RoleLegend::default());
    }

    #[test]
    fn a_party_named_by_a_code_takes_the_title_the_sheet_gives_it() {
        let table = RawTable::from_texts(
            "t.csv",
            &[
                &["PM = Project Manager"],
                &["ENG = Software Engineer"],
                &[],
                &["Task", "PM", "ENG", "Ana Lima (Product Manager)"],
                &["Plan the release schedule", "A", "R", "C"],
                &["Write the launch brief", "R", "C", "A"],
                &["Track the open risks", "A", "R", "I"],
            ],
        );
        let extraction = extract(table, &LayoutOptions::default()).unwrap();
        let chart = extraction.chart.as_ref().unwrap();
        let titles: Vec<(&str, Option<&str>)> = chart
            .parties
            .iter()
            .map(|p| (p.name.as_str(), p.title.as_deref()))
            .collect();
        assert_eq!(
            titles,
            [
                ("PM", Some("Project Manager")),
                ("ENG", Some("Software Engineer")),
                ("Ana Lima", Some("Product Manager")),
            ]
        );
        let pm_titles: Vec<Option<&str>> = extraction
            .assignments
            .iter()
            .filter(|a| &*a.person == "PM")
            .map(|a| a.title.as_deref())
            .collect();
        assert!(!pm_titles.is_empty());
        assert!(pm_titles.iter().all(|t| *t == Some("Project Manager")));
        assert!(
            extraction
                .notes
                .layout_reason
                .contains("PM = Project Manager"),
            "{}",
            extraction.notes.layout_reason
        );
    }
}
