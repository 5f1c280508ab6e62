//! The list reader's rows when the sheet is a tracker's export: issues, read without
//! filling names down, with their unassigned, done, heading and legend rows told apart.

use std::sync::Arc;

use super::super::names::split_people;
use super::super::tracker::{self, Export};
use super::super::{share, Header, LayoutError, SkipReason, UnassignedIssue};
use super::{cell_text, is_outline_number, is_under, Rows, Work};
use crate::input::RawRow;

impl Rows<'_> {
    /// Reads one row of a tracker export: an issue, done or open, assigned or not, or an
    /// epic or summary row heading the issues under it. Nothing fills down: an empty
    /// assignee is an issue nobody owns.
    pub(super) fn issue(
        &mut self,
        export: &Export,
        row: &RawRow,
        next: Option<&RawRow>,
    ) -> Result<(), LayoutError> {
        let person = cell_text(row, Some(export.person));
        let Some(task) = cell_text(row, Some(export.task)) else {
            let reason = if person.is_some() {
                SkipReason::NoTask
            } else {
                SkipReason::Blank
            };
            self.skip(row.number, reason);
            return Ok(());
        };
        let legend = self
            .columns
            .tracker
            .as_ref()
            .is_some_and(|i| i.legend.contains(&row.number));
        if legend || export.is_template(row) {
            let reason = if legend {
                SkipReason::Legend
            } else {
                SkipReason::Template
            };
            self.skip(row.number, reason);
            return Ok(());
        }
        let outline = cell_text(row, self.columns.outline).filter(|o| is_outline_number(o));
        if let Some(outline) = outline {
            self.headings
                .retain(|(parent, _)| is_under(outline, parent));
        }
        if person.is_none() {
            let next_outline = next.and_then(|next| cell_text(next, self.columns.outline));
            let summary = outline
                .zip(next_outline)
                .is_some_and(|(this, next)| is_under(next, this));
            if summary {
                let outline = outline.unwrap_or_default().to_string();
                self.headings.push((outline, Arc::from(task)));
            }
            if summary || export.is_heading(row) {
                self.skip(row.number, SkipReason::Category);
                return Ok(());
            }
        }
        let done = export.is_done(row);
        if done {
            self.done += 1;
            if self.options.open_only {
                self.skip(row.number, SkipReason::Done);
                return Ok(());
            }
        }
        let Some(person) = person else {
            self.unassigned.push(UnassignedIssue {
                row: row.number,
                column: export.task,
                task: task.to_string(),
                done,
            });
            self.skip(row.number, SkipReason::NoPerson);
            return Ok(());
        };
        self.assigned += 1;
        let people = self.issue_people(export, person);
        let group = export
            .group(row)
            .map(|g| share(&mut self.last_group, g))
            .or_else(|| self.headings.last().map(|(_, text)| text.clone()));
        let work = Work {
            tasks: vec![task.to_string()],
            described: people.len(),
            people,
            title: None,
            team: None,
            effort: export.effort(row),
            group,
        };
        self.assign(row.number, work)
    }

    /// The people an issue's assignee cell names, each by the spelling that stands for
    /// them: several only where the tool writes several (Trello's members, comma-joined).
    fn issue_people(&mut self, export: &Export, cell: &str) -> Vec<Arc<str>> {
        let names: Vec<&str> = if export.several {
            cell.split(',').flat_map(split_people).collect()
        } else {
            vec![cell]
        };
        let spellings = self.columns.tracker.as_ref().map(|i| &i.spellings);
        let mut people: Vec<Arc<str>> = Vec::new();
        for name in names {
            let name = tracker::without_identity(name);
            let name = spellings
                .and_then(|s| s.get(name))
                .map_or(name, String::as_str);
            if !name.is_empty() && !people.iter().any(|p| **p == *name) {
                people.push(share(&mut self.last_person, name));
            }
        }
        people
    }

    /// The unassigned issues to report: none where the tool's assignee is optional and
    /// most issues have none (see `Signature::optional_assignee`), which a warning says.
    pub(super) fn unassigned_to_report(&mut self, header: &Header) -> Vec<UnassignedIssue> {
        let unassigned = std::mem::take(&mut self.unassigned);
        let Some(issues) = &self.columns.tracker else {
            return unassigned;
        };
        let total = self.assigned + unassigned.len();
        if !issues.export.optional_assignee || unassigned.is_empty() || self.assigned * 3 >= total {
            return unassigned;
        }
        let column = Some(issues.export.person);
        self.warn(
            header.row,
            column,
            format!(
                "people are named on only {} of {total} cards: the board does not say who does what card by card, so its {} cards with nobody on them are not reported as unassigned",
                self.assigned,
                unassigned.len()
            ),
        );
        Vec::new()
    }
}
