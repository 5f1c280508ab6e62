//! Builds a [`Chart`] and its assignments from layouts that name parties in their cells (the
//! letter-column and long-form layouts) rather than across a header: parties are met as the
//! rows are read, and a party's letters on one task gather into one assignment.

use std::collections::HashMap;
use std::sync::Arc;

use super::marks::{Mark, Marks};
use super::{Assignment, Chart, ChartTask, Party, PartyNote, RawTable};
use crate::input::Location;

/// One party's letters on the task being read, and the first cell that gave one.
struct OnTask {
    party: usize,
    marks: Marks,
    row: u32,
    column: u32,
}

pub(super) struct ChartBuilder<'t> {
    table: &'t RawTable,
    parties: Vec<Party>,
    names: Vec<Arc<str>>,
    index: HashMap<String, usize>,
    tasks: Vec<ChartTask>,
    /// Per task, its parties as met.
    marked: Vec<Vec<OnTask>>,
    task_index: HashMap<(Option<String>, String), usize>,
}

impl<'t> ChartBuilder<'t> {
    pub fn new(table: &'t RawTable) -> ChartBuilder<'t> {
        ChartBuilder {
            table,
            parties: Vec::new(),
            names: Vec::new(),
            index: HashMap::new(),
            tasks: Vec::new(),
            marked: Vec::new(),
            task_index: HashMap::new(),
        }
    }

    /// Gives `mark` on the task to the party named `name`, which is a role title when it
    /// reads as one. A task met again (the same text in the same group) gathers its marks.
    pub fn mark(
        &mut self,
        task: &str,
        group: Option<&str>,
        location: Location,
        name: &str,
        mark: Mark,
        (row, column): (u32, u32),
    ) {
        let party = match self.index.get(name) {
            Some(&party) => party,
            None => {
                self.parties.push(Party {
                    name: name.to_string(),
                    title: super::vocabulary::looks_like_role_title(name).then(|| name.to_string()),
                    team: None,
                });
                self.names.push(Arc::from(name));
                self.index.insert(name.to_string(), self.parties.len() - 1);
                self.parties.len() - 1
            }
        };
        let key = (group.map(str::to_string), task.to_string());
        let task_index = match self.task_index.get(&key) {
            Some(&index) => index,
            None => {
                self.tasks.push(ChartTask {
                    text: task.to_string(),
                    group: key.0.clone(),
                    location,
                    marks: Vec::new(),
                    may_be_heading: false,
                    unread: Vec::new(),
                });
                self.marked.push(Vec::new());
                self.task_index.insert(key, self.tasks.len() - 1);
                self.tasks.len() - 1
            }
        };
        let on_task = &mut self.marked[task_index];
        match on_task.iter_mut().find(|o| o.party == party) {
            Some(known) => known.marks.insert(mark),
            None => on_task.push(OnTask {
                party,
                marks: Marks::of(&[mark]),
                row,
                column,
            }),
        }
    }

    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    pub fn party_count(&self) -> usize {
        self.parties.len()
    }

    /// The assignments in task order, the chart, and the parties as notes name them.
    pub fn finish(mut self, at: super::Line) -> (Vec<Assignment>, Chart, Vec<PartyNote>) {
        let mut assignments = Vec::new();
        for (task, on_task) in self.tasks.iter_mut().zip(&self.marked) {
            task.marks = on_task.iter().map(|o| (o.party, o.marks)).collect();
            for o in on_task {
                let party = &self.parties[o.party];
                assignments.push(Assignment {
                    person: self.names[o.party].clone(),
                    title: party.title.as_deref().map(Arc::from),
                    team: None,
                    task: task.text.clone(),
                    effort: None,
                    raci: Some(o.marks),
                    group: task.group.clone(),
                    sheet: self.table.sheet.clone(),
                    row: o.row,
                    column: o.column,
                });
            }
        }
        let notes = self
            .parties
            .iter()
            .map(|p| PartyNote {
                name: p.name.clone(),
                title: p.title.clone(),
                team: None,
                at,
            })
            .collect();
        let chart = Chart {
            sheet: self.table.sheet.clone(),
            parties: self.parties,
            tasks: self.tasks,
        };
        (assignments, chart, notes)
    }
}
