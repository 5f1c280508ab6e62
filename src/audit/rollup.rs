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
type GroupOf<'a> = dyn Fn(&Profile) -> (String, Option<Arc<str>>) + 'a;

/// One person's credited work per role (and unmatched, last), in tasks and hours.
struct Work {
    tasks: Vec<f64>,
    hours: Vec<Option<f64>>,
    carrying: usize,
    effort: Option<f64>,
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
            p.title.clone().unwrap_or_else(|| "(no title)".to_string()),
            p.title_role.map(|r| names.roles[r].clone()),
        )
    });
    let by_team = if profiles.iter().any(|p| p.team.is_some()) {
        group_rows(profiles, &work, &keys, &|p: &Profile| {
            (
                p.team.clone().unwrap_or_else(|| "(no team)".to_string()),
                None,
            )
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
) -> Vec<Work> {
    let roles = rubric.roles.len();
    let role_of: Vec<Option<usize>> = rubric
        .responsibilities
        .iter()
        .map(|r| rubric.roles.iter().position(|role| role.id == r.role))
        .collect();
    let mut work: Vec<Work> = (0..people)
        .map(|_| Work {
            tasks: vec![0.0; roles + 1],
            hours: vec![None; roles + 1],
            carrying: 0,
            effort: None,
        })
        .collect();
    let mut credited = vec![false; tasks.len()];
    for credit in credits {
        credited[credit.task] = true;
        let Some(role) = role_of[credit.responsibility] else {
            continue;
        };
        let person = &mut work[person_of_task[credit.task]];
        person.tasks[role] += credit.share;
        add(
            &mut person.hours[role],
            tasks[credit.task].effort.map(|e| e * credit.share),
        );
    }
    for (t, task) in tasks.iter().enumerate() {
        if !task.carries_work() {
            continue;
        }
        let person = &mut work[person_of_task[t]];
        person.carrying += 1;
        add(&mut person.effort, task.effort);
        if !credited[t] {
            person.tasks[roles] += 1.0;
            add(&mut person.hours[roles], task.effort);
        }
    }
    work
}

/// One row per group of people (`group_of` names each person's), largest first, its
/// figures rounded; `keys` name the roles, then unmatched work.
fn group_rows(
    profiles: &[Profile],
    work: &[Work],
    keys: &[Arc<str>],
    group_of: &GroupOf<'_>,
) -> Vec<RollupRow> {
    let mut rows: BTreeMap<String, RollupRow> = BTreeMap::new();
    for (profile, person) in profiles.iter().zip(work) {
        let (group, title_role) = group_of(profile);
        let row = rows.entry(group.clone()).or_insert_with(|| RollupRow {
            group,
            title_role,
            people: 0,
            tasks: 0,
            hours: None,
            role_tasks: BTreeMap::new(),
            role_hours: BTreeMap::new(),
        });
        row.people += 1;
        row.tasks += person.carrying;
        add(&mut row.hours, person.effort);
        for (k, key) in keys.iter().enumerate() {
            *row.role_tasks.entry(key.clone()).or_default() += person.tasks[k];
            if let Some(hours) = person.hours[k] {
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
fn outside_title(names: &SharedNames, profiles: &[Profile], work: &[Work]) -> Vec<OutsideTitle> {
    (0..names.roles.len())
        .map(|role| {
            let (mut tasks, mut hours, mut people) = (0.0, None, 0);
            let (mut titled_tasks, mut titled_hours) = (0.0, None);
            for (profile, person) in profiles.iter().zip(work) {
                if profile.title_role == Some(role) {
                    titled_tasks += person.tasks[role];
                    add(&mut titled_hours, person.hours[role]);
                } else if person.tasks[role] > 0.0 {
                    people += 1;
                    tasks += person.tasks[role];
                    add(&mut hours, person.hours[role]);
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
