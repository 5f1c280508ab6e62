//! The roll-up: how much of each role's work people of each title and each team do. An
//! organisation of hundreds is read by its groups, not person by person, and the question a
//! leader asks ("how much product work is done by people who are not PMs?") is a sum over
//! titles.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{Credit, Profile, SharedNames, TaskRecord};
use crate::layout::HOURS_PER_WEEK;
use crate::rubric::Rubric;
use crate::text::{natural_cmp, round3};

/// The work of one title's or one team's people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollupRow {
    /// The title or team as the sheet writes it; "(no title)" or "(no team)" when blank.
    pub group: String,
    /// For a title: the role it maps to.
    pub title_role: Option<Arc<str>>,
    pub people: usize,
    /// Their tasks that carry work (a matrix's C and I marks do not).
    pub tasks: usize,
    /// Hours per week of those tasks, when any has an effort.
    pub hours: Option<f64>,
    /// Tasks credited to each role id, and "unmatched"; an ambiguous task counts as a share
    /// of each contender.
    pub role_tasks: BTreeMap<Arc<str>, f64>,
    /// Hours credited to each role id, and "unmatched", over the tasks with an effort.
    pub role_hours: BTreeMap<Arc<str>, f64>,
}

/// One role's work done by people whose title is not that role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideTitle {
    pub role: Arc<str>,
    /// People not titled for the role who do some of its work.
    pub people: usize,
    pub tasks: f64,
    pub hours: Option<f64>,
    /// `hours` as full-time weeks of 40 hours.
    pub fte: Option<f64>,
    /// The same work done by people titled for the role, for scale.
    pub titled_tasks: f64,
    pub titled_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    /// Largest group first, then in natural order of name.
    pub by_title: Vec<RollupRow>,
    /// Empty when the sheet names no teams.
    pub by_team: Vec<RollupRow>,
    /// Per role, in rubric order.
    pub outside_title: Vec<OutsideTitle>,
}

/// A person's group (their title or team) and, for a title, the role it maps to.
type GroupOf<'a> = dyn Fn(&'a Profile) -> (&'a str, Option<Arc<str>>) + 'a;

/// Every person's credited work per role (and unmatched, last), in tasks and hours, and the
/// tasks and hours they carry: one table for everyone, where a million people's own lists
/// held 190 MB.
struct Work {
    /// The roles and unmatched: a person's share of `tasks` and `hours`.
    width: usize,
    tasks: Vec<f64>,
    hours: Vec<Option<f64>>,
    carrying: Vec<usize>,
    effort: Vec<Option<f64>>,
}

impl Work {
    fn tasks(&self, person: usize) -> &[f64] {
        &self.tasks[person * self.width..][..self.width]
    }

    fn hours(&self, person: usize) -> &[Option<f64>] {
        &self.hours[person * self.width..][..self.width]
    }
}

pub(super) fn rollup(
    rubric: &Rubric,
    names: &SharedNames,
    tasks: &[TaskRecord],
    credits: &[Credit],
    profiles: &[Profile],
    person_of_task: &[usize],
) -> Rollup {
    let work = work(rubric, tasks, credits, profiles.len(), person_of_task);
    let keys: Vec<Arc<str>> = names
        .roles
        .iter()
        .cloned()
        .chain([names.unmatched.clone()])
        .collect();
    let by_title = group_rows(profiles, &work, &keys, &|p: &Profile| {
        (
            p.title.as_deref().unwrap_or("(no title)"),
            p.title_role.map(|r| names.roles[r].clone()),
        )
    });
    let by_team = if profiles.iter().any(|p| p.team.is_some()) {
        group_rows(profiles, &work, &keys, &|p: &Profile| {
            (p.team.as_deref().unwrap_or("(no team)"), None)
        })
    } else {
        Vec::new()
    };
    Rollup {
        by_title,
        by_team,
        outside_title: outside_title(names, profiles, &work),
    }
}

/// Adds `value`, if any, to `slot`, which holds nothing until a value is added.
fn add(slot: &mut Option<f64>, value: Option<f64>) {
    if let Some(value) = value {
        *slot.get_or_insert(0.0) += value;
    }
}

/// Each person's work: the credits they hold per role, and the tasks they carry that no
/// responsibility was credited with as unmatched.
fn work(
    rubric: &Rubric,
    tasks: &[TaskRecord],
    credits: &[Credit],
    people: usize,
    person_of_task: &[usize],
) -> Work {
    let roles = rubric.roles.len();
    let role_of: Vec<Option<usize>> = rubric
        .responsibilities
        .iter()
        .map(|r| rubric.roles.iter().position(|role| role.id == r.role))
        .collect();
    let width = roles + 1;
    let mut work = Work {
        width,
        tasks: vec![0.0; people * width],
        hours: vec![None; people * width],
        carrying: vec![0; people],
        effort: vec![None; people],
    };
    let mut credited = vec![false; tasks.len()];
    for credit in credits {
        credited[credit.task] = true;
        let Some(role) = role_of[credit.responsibility] else {
            continue;
        };
        let at = person_of_task[credit.task] * width + role;
        work.tasks[at] += credit.share;
        add(
            &mut work.hours[at],
            tasks[credit.task].effort.map(|e| e * credit.share),
        );
    }
    for (t, task) in tasks.iter().enumerate() {
        if !task.carries_work() {
            continue;
        }
        let person = person_of_task[t];
        work.carrying[person] += 1;
        add(&mut work.effort[person], task.effort);
        if !credited[t] {
            work.tasks[person * width + roles] += 1.0;
            add(&mut work.hours[person * width + roles], task.effort);
        }
    }
    work
}

/// One row per group of people (`group_of` names each person's), largest first, its
/// figures rounded; `keys` name the roles, then unmatched work.
fn group_rows<'p>(
    profiles: &'p [Profile],
    work: &Work,
    keys: &[Arc<str>],
    group_of: &GroupOf<'p>,
) -> Vec<RollupRow> {
    let mut rows: BTreeMap<&str, RollupRow> = BTreeMap::new();
    for (person, profile) in profiles.iter().enumerate() {
        let (group, title_role) = group_of(profile);
        let row = rows.entry(group).or_insert_with(|| RollupRow {
            group: group.to_string(),
            title_role,
            people: 0,
            tasks: 0,
            hours: None,
            role_tasks: BTreeMap::new(),
            role_hours: BTreeMap::new(),
        });
        row.people += 1;
        row.tasks += work.carrying[person];
        add(&mut row.hours, work.effort[person]);
        let (tasks, hours) = (work.tasks(person), work.hours(person));
        for (k, key) in keys.iter().enumerate() {
            *row.role_tasks.entry(key.clone()).or_default() += tasks[k];
            if let Some(hours) = hours[k] {
                *row.role_hours.entry(key.clone()).or_default() += hours;
            }
        }
    }
    let mut rows: Vec<RollupRow> = rows.into_values().map(rounded).collect();
    rows.sort_by(|a, b| {
        b.people
            .cmp(&a.people)
            .then_with(|| natural_cmp(&a.group, &b.group))
    });
    rows
}

/// Per role: how much of its work people not titled for it do, beside what its titled
/// people do.
fn outside_title(names: &SharedNames, profiles: &[Profile], work: &Work) -> Vec<OutsideTitle> {
    (0..names.roles.len())
        .map(|role| {
            let (mut tasks, mut hours, mut people) = (0.0, None, 0);
            let (mut titled_tasks, mut titled_hours) = (0.0, None);
            for (person, profile) in profiles.iter().enumerate() {
                let (done, spent) = (work.tasks(person)[role], work.hours(person)[role]);
                if profile.title_role == Some(role) {
                    titled_tasks += done;
                    add(&mut titled_hours, spent);
                } else if done > 0.0 {
                    people += 1;
                    tasks += done;
                    add(&mut hours, spent);
                }
            }
            OutsideTitle {
                role: names.roles[role].clone(),
                people,
                tasks: round3(tasks),
                hours: hours.map(round3),
                fte: hours.map(|h| round3(h / HOURS_PER_WEEK)),
                titled_tasks: round3(titled_tasks),
                titled_hours: titled_hours.map(round3),
            }
        })
        .collect()
}

fn rounded(mut row: RollupRow) -> RollupRow {
    row.hours = row.hours.map(round3);
    for value in row
        .role_tasks
        .values_mut()
        .chain(row.role_hours.values_mut())
    {
        *value = round3(*value);
    }
    row
}
