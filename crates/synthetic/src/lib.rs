//! Synthetic team sheets: realistic, deterministic, of any size, for rolecall's tests and
//! benchmarks and for its demo example. It is a crate of its own, a dev-dependency, so that
//! none of it ships in rolecall.
//!
//! Tests and benchmarks need teams larger than anyone would write by hand, shaped like the
//! sheets rolecall is given: names in several scripts, job titles that map to a role (and
//! some that do not), teams, task lines written the way people write them, and hours. A seed
//! gives the same sheet on every platform and every run, so a benchmark compares like with
//! like and a failing test can be replayed.
//!
//! Rows come one at a time ([`rows`]) and are written as they come ([`write_csv`]), so a
//! million-row sheet never sits in memory, and every person's rows depend only on the seed
//! and their position, not on the rows before them.
//!
//! The task texts are written from templates in the words people use on team sheets, not
//! from the rubric terms, so how many of them match measures the matcher rather than echoing
//! it. Most of a person's tasks fit their title; some drift into a neighbouring role or into
//! everyday work (hiring loops, expense reports), and about one person in eight wears two
//! hats, so audits of these sheets find overlaps and drift as real ones do.
//!
//! A [`planted()`] organisation also records the truth planted in it ([`Truth`]: what each
//! line was written for, who wears two hats, which responsibilities nobody, one person or a
//! few carry) and the findings a correct audit reports, with their definitions; rolecall's
//! findings bench measures its findings against it. It is opt-in: the default sheets are
//! unchanged by it, byte for byte.
//!
//! Limits: every person has the same number of tasks, one per row, with the name repeated on
//! each row; the pools are fixed, so the sheets are realistic in shape, not in meaning. An
//! empty spec writes an empty file (the header comes with the first row).
//!
//! [`write_file`] writes a sheet under a name as a user asks for one: whole or not at all,
//! and never over a file unless told to.

// Tests may unwrap: a panic there is a failed test, not a crash in a user's hands.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod file;
mod names;
mod noise;
mod planted;
mod responsibilities;
mod rng;
mod role_tasks;
mod tasks;
mod titles;
mod truth;
mod words;

use std::borrow::Borrow;
use std::io;

use serde::Serialize;

pub use file::{write_file, write_planted, WriteError};
use names::Names;
pub use planted::{planted, Planted};
use rng::{mix, SplitMix64};
use tasks::{any_template, expand};
pub use titles::title_roles;
use titles::{pick_title, Title, Work};
pub use truth::{
    pair, role_of, Expected, ExpectedKind, PersonKind, PersonTruth, Planting, ResponsibilityTruth,
    TaskTruth, Truth, SIMILAR_WORK_JACCARD,
};
use words::TEAMS;

/// What to generate. The same spec always gives the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamSpec {
    pub people: usize,
    pub tasks_per_person: usize,
    pub seed: u64,
}

/// One person and one task, as one row of a team sheet. Titles come from a fixed pool, so
/// they are borrowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Job Title")]
    pub title: &'static str,
    #[serde(rename = "Team")]
    pub team: String,
    #[serde(rename = "Task")]
    pub task: String,
    #[serde(rename = "Hours / week")]
    pub hours: f64,
}

/// The rows of a synthetic team, person by person, people grouped by team as sheets
/// usually are.
pub fn rows(spec: TeamSpec) -> Rows {
    let mut setup = SplitMix64::new(spec.seed);
    let team_count = if spec.people == 0 {
        0
    } else {
        // About 25 people a team and at least 8 teams, never more teams than people.
        (spec.people / 25).max(8).min(spec.people)
    };
    let first_team = setup.below(TEAMS.len());
    // Past the named pool, an organisation numbers its squads: "Payments 2".
    let teams = (0..team_count)
        .map(|k| {
            let name = TEAMS[(first_team + k) % TEAMS.len()];
            match k / TEAMS.len() {
                0 => name.to_string(),
                round => format!("{name} {}", round + 1),
            }
        })
        .collect();
    Rows {
        spec,
        total: spec.people.saturating_mul(spec.tasks_per_person),
        next: 0,
        names: Names::new(&mut setup),
        teams,
        person: None,
    }
}

/// Writes the team as CSV with the header `Name,Job Title,Team,Task,Hours / week`, row by
/// row. The writer needs no buffering of its own: the CSV writer buffers.
pub fn write_csv<W: io::Write>(spec: TeamSpec, writer: W) -> Result<(), csv::Error> {
    write_rows(rows(spec), writer)
}

/// Writes rows as [`write_csv`] does: those of a [`planted()`] organisation, say.
pub fn write_rows<W: io::Write, R: Borrow<Row>>(
    rows: impl IntoIterator<Item = R>,
    writer: W,
) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(writer);
    for row in rows {
        out.serialize(row.borrow())?;
    }
    out.flush()?;
    Ok(())
}

/// The iterator [`rows`] returns.
#[derive(Debug, Clone)]
pub struct Rows {
    spec: TeamSpec,
    total: usize,
    next: usize,
    names: Names,
    teams: Vec<String>,
    person: Option<Person>,
}

#[derive(Debug, Clone)]
struct Person {
    name: String,
    title: &'static Title,
    team: usize,
    rng: SplitMix64,
    /// The share of tasks drawn from outside the title's own work.
    drift: f64,
    /// Someone wearing two hats spends most of that share on the title's neighbouring role.
    two_hats: bool,
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.next >= self.total {
            return None;
        }
        let index = self.next / self.spec.tasks_per_person;
        if self.next.is_multiple_of(self.spec.tasks_per_person) {
            self.person = Some(self.person(index));
        }
        self.next += 1;
        let teams = &self.teams;
        let person = self.person.as_mut()?;
        let work = person.choose_work();
        let template = any_template(work, &mut person.rng);
        let task = expand(template, teams, person.team, &mut person.rng);
        Some(Row {
            name: person.name.clone(),
            title: person.title.name,
            team: teams[person.team].clone(),
            task,
            hours: person.hours(),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.total - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Rows {}

impl Rows {
    fn person(&self, index: usize) -> Person {
        // Each person's stream depends on the seed and their index only.
        let mut rng = SplitMix64::new(self.spec.seed ^ mix(index as u64 ^ 0xA5A5_5A5A_C3C3_3C3C));
        let title = pick_title(&mut rng);
        let two_hats = rng.chance(0.125);
        Person {
            name: self.names.name(index),
            title,
            team: index * self.teams.len() / self.spec.people,
            drift: if two_hats { 0.6 } else { 0.15 },
            two_hats,
            rng,
        }
    }
}

impl Person {
    /// Hours a week for one task.
    fn hours(&mut self) -> f64 {
        let mut hours = f64::from(*self.rng.pick(&HOURS));
        if hours < 12.0 && self.rng.chance(0.2) {
            hours += 0.5;
        }
        hours
    }

    fn choose_work(&mut self) -> Work {
        let title = self.title;
        if !self.rng.chance(self.drift) {
            return *self.rng.pick(title.own);
        }
        if self.two_hats && self.rng.chance(0.85) {
            return title.neighbour;
        }
        let roll = self.rng.below(100);
        let own_role = title.own.iter().copied().find(|w| w.is_role());
        match own_role {
            // Titled people drift to the neighbouring role, the remaining role, or into
            // everyday work.
            Some(_) if roll < 40 => title.neighbour,
            Some(own) if roll < 60 => Work::ROLES
                .into_iter()
                .find(|&w| w != own && w != title.neighbour)
                .unwrap_or(title.neighbour),
            Some(_) => Work::Common,
            // Everyone else drifts mostly into role work, which is what a role audit is for.
            None if roll < 50 => title.neighbour,
            None if roll < 75 => *self.rng.pick(&Work::ROLES),
            None => Work::Common,
        }
    }
}

/// Hours a week for one task: small chunks are common, big ones rare.
const HOURS: [u8; 16] = [1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 8, 10, 12];

#[cfg(test)]
mod tests;
