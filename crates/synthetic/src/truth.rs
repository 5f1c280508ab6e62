//! What a planted organisation ([`crate::planted()`]) really is: per task the responsibility it
//! was written for, per person their title, team and what was planted in them, and the
//! findings a correct audit would report. It is the measuring stick of rolecall's findings
//! (benches/findings.rs), so the expected findings are derived from the rows as generated,
//! never from the plan: a responsibility planted as carried by one person but drawn by
//! nobody else is expected as what the rows show.
//!
//! The definitions, where carriers(r) is the set of people with at least one task planted
//! for responsibility r, and a person's role tasks are their tasks planted for any
//! responsibility:
//!
//! - **gap**: r has no carriers, and someone's title holds r's role; a role that is a
//!   role-gap is one finding, not one per responsibility as well.
//! - **role-gap**: a role none of whose responsibilities has a carrier, held by someone's
//!   title.
//! - **single-point-of-failure**: r is core and has exactly one carrier.
//! - **overlap**: r has 2 to 4 carriers, ownership split among a few people. More carriers is
//!   shared work: no overlap is expected.
//! - **drift**, for a person whose title maps to a role: more than half of the hours of their
//!   role tasks are another role's, and at least 2 such tasks; for a person whose title maps
//!   to no role: at least half of all their hours are role tasks', and at least 2 such tasks.
//!   Hours, as rolecall weighs a sheet that gives every task's effort.
//! - **missing-core**: a person whose title maps to a role, with no task planted for any core
//!   responsibility of it, at least 3 tasks, and no drift.
//! - **similar-work**: two people of one team, each with at least 3 role tasks, whose sets of
//!   planted responsibilities have a Jaccard similarity of at least
//!   [`SIMILAR_WORK_JACCARD`]. The least meaningful of the truths: a team of people of one
//!   title shares work by design, and whether two of them are redundant is a judgement the
//!   sets alone cannot make.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::responsibilities::{index_of, RESPONSIBILITIES};
use crate::titles::Work;

/// rolecall's default similar-work threshold (`similar_work_jaccard` in its audit settings;
/// its tests hold the two equal).
pub const SIMILAR_WORK_JACCARD: f64 = 0.5;

/// Everything a planted organisation records about itself; serialises as the demo's
/// `--truth` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truth {
    pub seed: u64,
    pub similar_work_jaccard: f64,
    pub responsibilities: Vec<ResponsibilityTruth>,
    pub people: Vec<PersonTruth>,
    /// One per row, in the sheet's order.
    pub tasks: Vec<TaskTruth>,
    pub expected: Vec<Expected>,
}

/// How a responsibility was planted, and how many carry it in the rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponsibilityTruth {
    pub id: &'static str,
    pub role: &'static str,
    pub core: bool,
    pub planted: Planting,
    /// The people chosen to carry a single or split responsibility.
    pub chosen: Vec<String>,
    /// How many people carry it in the rows.
    pub carriers: usize,
}

/// How a responsibility is carried by plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Planting {
    /// Anyone of the role (or drifting into it) may draw it: carried as work usually is.
    Shared,
    /// No line of it is ever written.
    Unowned,
    /// Exactly one chosen person does it.
    Single,
    /// Two or three chosen people, not all of one title, do it.
    Split,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonTruth {
    pub name: String,
    pub title: &'static str,
    pub team: String,
    /// The id of the role the title maps to.
    pub role: Option<&'static str>,
    pub kind: PersonKind,
}

/// What was planted in a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonKind {
    /// Work mostly of their title, with some drift, as in the default sheets.
    Regular,
    /// Most of their work outside their title's, mostly in one neighbouring role.
    TwoHats,
    /// Titled for a role but doing none of its core work: everyday work and other roles'
    /// non-core work.
    TitleOnly,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskTruth {
    /// The index of the person in [`Truth::people`].
    pub person: usize,
    /// Its hours a week, as its row gives them: shares of work are shares of time, as
    /// rolecall weighs a sheet that gives every task's effort.
    pub hours: f64,
    /// The responsibility the line was written for, or None for other work.
    pub responsibility: Option<&'static str>,
    /// The id of that responsibility's role.
    pub role: Option<&'static str>,
    /// The kind of work the line was written as ("product", "engineering", "everyday work").
    pub work: &'static str,
}

/// A finding a correct audit reports: its kind and its subject.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Expected {
    pub kind: ExpectedKind,
    /// A responsibility id (gap, single-point-of-failure, overlap), a role id (role-gap), a
    /// person's name (drift, missing-core) or a pair of names (similar-work, [`pair`]).
    pub subject: String,
}

/// The kinds of finding the truth knows, named as rolecall names its finding kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedKind {
    Gap,
    RoleGap,
    SinglePointOfFailure,
    Overlap,
    Drift,
    MissingCore,
    SimilarWork,
}

impl ExpectedKind {
    pub const ALL: [ExpectedKind; 7] = [
        ExpectedKind::Gap,
        ExpectedKind::RoleGap,
        ExpectedKind::SinglePointOfFailure,
        ExpectedKind::Overlap,
        ExpectedKind::Drift,
        ExpectedKind::MissingCore,
        ExpectedKind::SimilarWork,
    ];

    /// rolecall's name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            ExpectedKind::Gap => "gap",
            ExpectedKind::RoleGap => "role-gap",
            ExpectedKind::SinglePointOfFailure => "single-point-of-failure",
            ExpectedKind::Overlap => "overlap",
            ExpectedKind::Drift => "drift",
            ExpectedKind::MissingCore => "missing-core",
            ExpectedKind::SimilarWork => "similar-work",
        }
    }
}

/// The subject of a similar-work finding: the two names in order, so either order matches.
pub fn pair(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("{first} | {second}")
}

/// The role id of a responsibility, for the responsibilities the truth knows.
pub fn role_of(responsibility: &str) -> Option<&'static str> {
    index_of(responsibility).and_then(|r| RESPONSIBILITIES[r].work.role_id())
}

/// Each person's planted responsibilities (with repeats) and number of tasks.
struct Realised {
    mine: Vec<Vec<usize>>,
    /// Per person, per planted role task, its hours (in the order of `mine`).
    mine_hours: Vec<Vec<f64>>,
    tasks: Vec<usize>,
    hours: Vec<f64>,
    carriers: Vec<BTreeSet<usize>>,
}

impl Realised {
    fn of(people: usize, tasks: &[TaskTruth]) -> Self {
        let mut mine = vec![Vec::new(); people];
        let mut mine_hours = vec![Vec::new(); people];
        let mut count = vec![0; people];
        let mut hours = vec![0.0; people];
        let mut carriers = vec![BTreeSet::new(); RESPONSIBILITIES.len()];
        for task in tasks {
            count[task.person] += 1;
            hours[task.person] += task.hours;
            if let Some(r) = task.responsibility.and_then(index_of) {
                mine[task.person].push(r);
                mine_hours[task.person].push(task.hours);
                carriers[r].insert(task.person);
            }
        }
        Realised {
            mine,
            mine_hours,
            tasks: count,
            hours,
            carriers,
        }
    }
}

impl Truth {
    /// The truth of the rows: the expected findings and carriers are counted from `tasks`.
    pub(crate) fn new(
        seed: u64,
        planned: Vec<(Planting, Vec<String>)>,
        people: Vec<PersonTruth>,
        tasks: Vec<TaskTruth>,
    ) -> Self {
        let realised = Realised::of(people.len(), &tasks);
        let responsibilities = RESPONSIBILITIES
            .iter()
            .zip(planned)
            .zip(&realised.carriers)
            .map(|((r, (planted, chosen)), carriers)| ResponsibilityTruth {
                id: r.id,
                role: r.work.role_id().unwrap_or_default(),
                core: r.core,
                planted,
                chosen,
                carriers: carriers.len(),
            })
            .collect();
        let mut expected = coverage_findings(&people, &realised);
        expected.extend(people_findings(&people, &realised));
        expected.extend(similar_work(&people, &realised));
        expected.sort();
        Truth {
            seed,
            similar_work_jaccard: SIMILAR_WORK_JACCARD,
            responsibilities,
            people,
            tasks,
            expected,
        }
    }
}

/// Gaps, role gaps, single points of failure and overlaps.
fn coverage_findings(people: &[PersonTruth], realised: &Realised) -> Vec<Expected> {
    let held: BTreeSet<&str> = people.iter().filter_map(|p| p.role).collect();
    let mut out = Vec::new();
    let mut role_gaps = BTreeSet::new();
    for role in Work::ROLES.into_iter().filter_map(Work::role_id) {
        let bare = RESPONSIBILITIES
            .iter()
            .zip(&realised.carriers)
            .filter(|(r, _)| r.work.role_id() == Some(role))
            .all(|(_, carriers)| carriers.is_empty());
        if bare && held.contains(role) {
            role_gaps.insert(role);
            out.push(expected(ExpectedKind::RoleGap, role));
        }
    }
    for (r, carriers) in RESPONSIBILITIES.iter().zip(&realised.carriers) {
        let role = r.work.role_id().unwrap_or_default();
        let kind = match carriers.len() {
            0 if held.contains(role) && !role_gaps.contains(role) => ExpectedKind::Gap,
            1 if r.core => ExpectedKind::SinglePointOfFailure,
            2..=4 => ExpectedKind::Overlap,
            _ => continue,
        };
        out.push(expected(kind, r.id));
    }
    out
}

/// Drift and missing core work.
fn people_findings(people: &[PersonTruth], realised: &Realised) -> Vec<Expected> {
    let mut out = Vec::new();
    for (p, person) in people.iter().enumerate() {
        let mine = &realised.mine[p];
        let role_hours: f64 = realised.mine_hours[p].iter().sum();
        let drift = match person.role {
            Some(role) => {
                let elsewhere = || {
                    mine.iter()
                        .zip(&realised.mine_hours[p])
                        .filter(|(&r, _)| RESPONSIBILITIES[r].work.role_id() != Some(role))
                };
                let hours: f64 = elsewhere().map(|(_, h)| h).sum();
                hours * 2.0 > role_hours && elsewhere().count() >= 2
            }
            None => role_hours * 2.0 >= realised.hours[p] && mine.len() >= 2,
        };
        if drift {
            out.push(expected(ExpectedKind::Drift, &person.name));
        } else if let Some(role) = person.role {
            let core = mine.iter().any(|&r| {
                RESPONSIBILITIES[r].core && RESPONSIBILITIES[r].work.role_id() == Some(role)
            });
            if !core && realised.tasks[p] >= 3 {
                out.push(expected(ExpectedKind::MissingCore, &person.name));
            }
        }
    }
    out
}

/// Pairs of one team with largely the same planted responsibilities.
fn similar_work(people: &[PersonTruth], realised: &Realised) -> Vec<Expected> {
    let mut teams: BTreeMap<&str, Vec<(usize, BTreeSet<usize>)>> = BTreeMap::new();
    for (p, person) in people.iter().enumerate() {
        if realised.mine[p].len() >= 3 {
            let set = realised.mine[p].iter().copied().collect();
            teams.entry(&person.team).or_default().push((p, set));
        }
    }
    let mut out = Vec::new();
    for members in teams.values() {
        for (i, (a, of_a)) in members.iter().enumerate() {
            for (b, of_b) in &members[i + 1..] {
                let both = of_a.intersection(of_b).count();
                let either = of_a.union(of_b).count();
                if both as f64 >= SIMILAR_WORK_JACCARD * either as f64 {
                    let subject = pair(&people[*a].name, &people[*b].name);
                    out.push(expected(ExpectedKind::SimilarWork, &subject));
                }
            }
        }
    }
    out
}

fn expected(kind: ExpectedKind, subject: &str) -> Expected {
    Expected {
        kind,
        subject: subject.to_string(),
    }
}
