//! The learned column reader: which column of a list holds the task and which the person,
//! judged from what the cells hold rather than from the header's words alone.
//!
//! The header words (the `vocabulary` module) cover the languages we wrote them in; a real
//! sheet names its columns "Qui ?", "Chore" or "Responsable". The forest here was trained
//! on the written readings of the real-world corpus (`tests/data/readings/`) by
//! `cargo run --release --example train-reader`, which also measures it leaving each file
//! out of the training that judges it; README's "Real sheets" gives those figures. It is
//! asked only when the header words fail, and what it decides is said as a doubt, never
//! as a fact.

pub mod features;
pub mod forest;
pub mod lines;

use std::sync::OnceLock;

use crate::input::{RawRow, RawTable};

pub use forest::{Example, Forest, Growth};

/// What a column is, as the column reader tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnClass {
    Task,
    Person,
    /// A matrix column of one party's marks.
    Party,
    Other,
}

impl ColumnClass {
    pub const ALL: [ColumnClass; 4] = [
        ColumnClass::Task,
        ColumnClass::Person,
        ColumnClass::Party,
        ColumnClass::Other,
    ];

    /// The class of a written reading's column kind (its README lists them).
    pub fn of_reading(kind: &str) -> ColumnClass {
        match kind {
            "task" => ColumnClass::Task,
            "person" => ColumnClass::Person,
            "party" => ColumnClass::Party,
            _ => ColumnClass::Other,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The least probability either column must have for the reader to act on it: under it the
/// sheet is refused as before, with the header words' error. Chosen on the corpus leaving
/// each file out (the trainer prints how many files each bar reads right and wrong).
pub const BAR: f32 = 0.7;

/// The trained forest, shipped with the binary; `None` only if the file were damaged, which
/// a unit test rules out (the reader then refuses as the header words do, never panics).
pub fn shipped() -> Option<&'static Forest> {
    static FOREST: OnceLock<Option<Forest>> = OnceLock::new();
    FOREST
        .get_or_init(|| {
            Forest::from_text(include_str!("columns.forest"))
                .filter(|f| f.features() == features::FEATURES.len())
        })
        .as_ref()
}

/// The trained line forest, shipped with the binary: the probability that an unowned line
/// is a task (class 0) rather than something else (class 1). `None` as [`shipped`] is.
pub fn shipped_lines() -> Option<&'static Forest> {
    static FOREST: OnceLock<Option<Forest>> = OnceLock::new();
    FOREST
        .get_or_init(|| {
            Forest::from_text(include_str!("lines.forest"))
                .filter(|f| f.features() == lines::LINE_FEATURES.len())
        })
        .as_ref()
}

/// The least probability of being something else at which an unowned line is set apart
/// rather than reported as a task nobody owns. High, because a task wrongly set apart is a
/// gap nobody hears of: leaving each file out, at 0.7 the forest set apart 127 of 239
/// non-tasks and 28 of 314 unowned tasks, most of them on charts filled in half-way.
pub const LINE_BAR: f32 = 0.9;

/// A header row and its task and person columns, as the forest read them.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub header: u32,
    pub task: u32,
    pub task_probability: f32,
    pub person: u32,
    pub person_probability: f32,
}

impl Guess {
    /// How sure the guess is: both columns must be right.
    pub fn confidence(&self) -> f32 {
        self.task_probability * self.person_probability
    }
}

/// The best header among `candidates` with a task and a person column, whatever its
/// probabilities (the caller holds them to [`BAR`]).
pub fn guess<'a>(
    forest: &Forest,
    table: &RawTable,
    candidates: impl Iterator<Item = &'a RawRow>,
) -> Option<Guess> {
    let mut best: Option<Guess> = None;
    for row in candidates {
        let columns = features::columns(table, row.number);
        let probabilities: Vec<(u32, Vec<f32>)> = columns
            .iter()
            .map(|(column, f)| (*column, forest.predict(f)))
            .collect();
        let most = |class: ColumnClass, not: Option<u32>| {
            probabilities
                .iter()
                .filter(|(c, _)| Some(*c) != not)
                .map(|(c, p)| (*c, p[class.index()]))
                .fold(None, |best: Option<(u32, f32)>, (c, p)| match best {
                    Some((_, b)) if b >= p => best,
                    _ => Some((c, p)),
                })
        };
        let Some((task, task_probability)) = most(ColumnClass::Task, None) else {
            continue;
        };
        let Some((person, person_probability)) = most(ColumnClass::Person, Some(task)) else {
            continue;
        };
        let candidate = Guess {
            header: row.number,
            task,
            task_probability,
            person,
            person_probability,
        };
        if best
            .as_ref()
            .is_none_or(|b| candidate.confidence() > b.confidence())
        {
            best = Some(candidate);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_forests_read_and_have_every_feature() {
        assert_eq!(
            shipped().map(Forest::features),
            Some(features::FEATURES.len())
        );
        assert_eq!(
            shipped_lines().map(Forest::features),
            Some(lines::LINE_FEATURES.len())
        );
    }
}
