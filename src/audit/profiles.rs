//! People as the rules see them: each person's tasks, the credit those tasks give each
//! responsibility, the role their title holds and the mix of their work, built once from the
//! task records; and each person's record in the report.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::settings::fold_title;
use super::{Person, RoleMix, Scope, SharedNames, TaskRecord};
use crate::matching::MatchStatus;
use crate::rubric::{Rubric, TitleKind as RubricTitle};
use crate::text::round3;

/// A task's contribution to one responsibility.
#[derive(Debug, Clone, Copy)]
pub(super) struct Credit {
    pub(super) task: usize,
    pub(super) responsibility: usize,
    /// The share of the task (1 when matched, 1/k when shared between k contenders).
    pub(super) share: f64,
}

/// What a person's title says about their job: the rules judge work against a title only
/// when they know what the title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleKind {
    /// No title written.
    Untitled,
    /// A title of this role (an index into the rubric's roles).
    Role(usize),
    /// The title of another job, or one the config maps to "none".
    Other,
    /// A title rolecall cannot place: neither a role's nor another job's (README "Titles to
    /// roles"); reported once, and never taken as evidence of drift.
    Unrecognised,
}

/// Internal view of one person used by the rules.
pub(super) struct Profile {
    pub(super) name: Arc<str>,
    pub(super) title: Option<Arc<str>>,
    pub(super) team: Option<Arc<str>>,
    pub(super) title_kind: TitleKind,
    /// The role of `title_kind`, which is all most rules ask of a title.
    pub(super) title_role: Option<usize>,
    pub(super) tasks: Vec<usize>,
    /// Per role index, what the person does of its work: one list, where three lists
    /// cost three allocations a person.
    pub(super) roles: Box<[RoleWork]>,
    pub(super) unmatched_weight: f64,
    /// Sorted, each once: a list, as a tree of a few numbers took a node of about a
    /// hundred bytes a person.
    pub(super) responsibilities: Vec<usize>,
    /// The responsibilities their confident tasks carry: what similar work compares.
    pub(super) sure_responsibilities: Vec<usize>,
}

/// One person's part in one role's work.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RoleWork {
    /// Tasks credited to the role, weighed by effort when every task of the person has one.
    pub(super) weight: f64,
    /// The weight and the number of the person's confident tasks (see `Facts::sure`): what
    /// drift and missing-core rest on.
    pub(super) sure_weight: f64,
    pub(super) sure_tasks: usize,
}

impl Profile {
    pub(super) fn matched_weight(&self) -> f64 {
        self.roles.iter().map(|r| r.weight).sum()
    }
    pub(super) fn total_weight(&self) -> f64 {
        self.matched_weight() + self.unmatched_weight
    }
    pub(super) fn sure_matched_weight(&self) -> f64 {
        self.roles.iter().map(|r| r.sure_weight).sum()
    }
}

/// The value written on most of a person's rows, the alphabetically first among equals: a
/// person whose rows disagree on their title gets the same one whatever the rows' order.
/// The rows' own shared text is kept, not a copy: a million people's titles are a handful.
fn most_written<'a>(values: impl Iterator<Item = &'a Arc<str>>) -> Option<Arc<str>> {
    let mut counts: BTreeMap<&str, (usize, &Arc<str>)> = BTreeMap::new();
    for value in values {
        counts.entry(value).or_insert((0, value)).0 += 1;
    }
    // max_by_key keeps the last of equal maxima; iterating in reverse makes it the first.
    counts
        .into_values()
        .rev()
        .max_by_key(|&(count, _)| count)
        .map(|(_, value)| value.clone())
}

/// Adds `item` to a sorted list of distinct items, unless it is there.
fn insert_sorted(list: &mut Vec<usize>, item: usize) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

pub(super) fn build_profiles(
    rubric: &Rubric,
    scope: &Scope,
    tasks: &[TaskRecord],
    credits: &[Credit],
    sure: &[bool],
    role_index: impl Fn(&str) -> Option<usize>,
) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = Vec::new();
    // People in order of first appearance; the map only finds them.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (t, a) in tasks.iter().enumerate() {
        let p = *by_name.entry(&*a.person).or_insert_with(|| {
            profiles.push(Profile {
                name: a.person.clone(),
                title: None,
                team: None,
                title_kind: TitleKind::Untitled,
                title_role: None,
                tasks: Vec::new(),
                roles: vec![RoleWork::default(); rubric.roles.len()].into_boxed_slice(),
                unmatched_weight: 0.0,
                responsibilities: Vec::new(),
                sure_responsibilities: Vec::new(),
            });
            profiles.len() - 1
        });
        profiles[p].tasks.push(t);
    }
    for profile in &mut profiles {
        let rows = || profile.tasks.iter().map(|&t| &tasks[t]);
        profile.title = most_written(rows().filter_map(|a| a.title.as_ref()));
        profile.team = most_written(rows().filter_map(|a| a.team.as_ref()));
    }
    // Credits come in task order: task t's are credits[first[t]..first[t + 1]].
    let mut first = vec![0; tasks.len() + 1];
    for credit in credits {
        first[credit.task + 1] += 1;
    }
    for t in 0..tasks.len() {
        first[t + 1] += first[t];
    }
    // An organisation has far fewer titles than people, and reading one is fuzzy matching.
    let mapped = scope.title_map();
    let titles = rubric.titles();
    let mut kinds: HashMap<Arc<str>, TitleKind> = HashMap::new();
    for profile in &mut profiles {
        if let Some(title) = &profile.title {
            profile.title_kind = *kinds.entry(title.clone()).or_insert_with(|| {
                match mapped.get(&fold_title(title)) {
                    Some(role) => role
                        .and_then(&role_index)
                        .map_or(TitleKind::Other, TitleKind::Role),
                    None => match titles.kind(title) {
                        RubricTitle::Role(role) => {
                            role_index(&role.id).map_or(TitleKind::Other, TitleKind::Role)
                        }
                        RubricTitle::Other => TitleKind::Other,
                        RubricTitle::Unrecognised => TitleKind::Unrecognised,
                    },
                }
            });
        }
        profile.title_role = match profile.title_kind {
            TitleKind::Role(role) => Some(role),
            _ => None,
        };
        let all_have_effort = profile.tasks.iter().all(|&t| tasks[t].effort.is_some());
        for &t in profile.tasks.iter().filter(|&&t| tasks[t].carries_work()) {
            let weight = if all_have_effort {
                tasks[t].effort.unwrap_or(1.0)
            } else {
                1.0
            };
            let task_credits = &credits[first[t]..first[t + 1]];
            if task_credits.is_empty() {
                profile.unmatched_weight += weight;
                continue;
            }
            for credit in task_credits {
                let role = &rubric.responsibilities[credit.responsibility].role;
                if let Some(r) = role_index(role) {
                    profile.roles[r].weight += weight * credit.share;
                    if sure[t] {
                        profile.roles[r].sure_weight += weight * credit.share;
                        profile.roles[r].sure_tasks += 1;
                    }
                }
                insert_sorted(&mut profile.responsibilities, credit.responsibility);
                if sure[t] {
                    insert_sorted(&mut profile.sure_responsibilities, credit.responsibility);
                }
            }
        }
        // Lists grown one item at a time keep room for four; most people of a large
        // organisation have fewer tasks and responsibilities than that.
        profile.tasks.shrink_to_fit();
        profile.responsibilities.shrink_to_fit();
        profile.sure_responsibilities.shrink_to_fit();
    }
    profiles
}

/// A person's record, made from their profile, which it consumes: at a million people,
/// the profiles are freed as the records are made rather than all held beside them.
pub(super) fn person_record(names: &SharedNames, tasks: &[TaskRecord], profile: Profile) -> Person {
    let count = |status| {
        profile
            .tasks
            .iter()
            .filter(|&&t| tasks[t].verdict.status == status)
            .count()
    };
    let (matched, ambiguous, unmatched) = (
        count(MatchStatus::Matched),
        count(MatchStatus::Ambiguous),
        count(MatchStatus::Unmatched),
    );
    let total = profile.total_weight();
    let mut role_mix = Vec::new();
    if total > 0.0 {
        role_mix.reserve_exact(names.roles.len() + 1);
        for (role, done) in names.roles.iter().zip(&profile.roles) {
            role_mix.push((role.clone(), round3(done.weight / total)));
        }
        role_mix.push((
            names.unmatched.clone(),
            round3(profile.unmatched_weight / total),
        ));
    }
    let efforts: Vec<f64> = profile
        .tasks
        .iter()
        .filter_map(|&t| tasks[t].effort)
        .collect();
    Person {
        name: profile.name,
        title: profile.title,
        team: profile.team,
        title_role: profile.title_role.map(|r| names.roles[r].clone()),
        tasks: profile.tasks.len(),
        matched,
        ambiguous,
        unmatched,
        effort: (!efforts.is_empty()).then(|| round3(efforts.iter().sum())),
        role_mix: RoleMix::new(role_mix),
        responsibilities: profile
            .responsibilities
            .iter()
            .map(|&r| names.responsibilities[r].0.clone())
            .collect(),
    }
}
