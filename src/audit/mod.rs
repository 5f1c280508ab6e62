//! Audit: assignments and their matches become an [`AuditReport`]: coverage of every
//! responsibility, a profile of every person, and findings in plain words. This file is the
//! driver: the steps from assignments to report, and the facts the rules read.
//!
//! How a task counts ("credit"): a matched task counts fully for its best responsibility;
//! an ambiguous task is shared equally between its contenders (the best match of each role
//! within the ambiguity margin), so it is not silently forced into one role; an unmatched
//! task counts for nothing. A task's weight is its effort in hours per week when every task
//! of that person has an effort, and 1 otherwise, so one missing cell does not skew a
//! person's mix.

mod distinct;
mod findings;
mod kinds;
mod profiles;
pub mod provenance;
mod raci;
mod rollup;
mod schema;
mod settings;
mod summary;
mod task_id;
mod verdicts;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::layout::{Assignment, Chart, InputNotes};
use crate::matching::{foreign_text, ForeignText, Matcher, Scratch};
use crate::progress::Progress;
use crate::rubric::Rubric;
use crate::text::round3;

pub use findings::{Finding, Severity};
pub use kinds::{FindingGroup, FindingKind, PdfHome};
pub use provenance::Provenance;
pub use rollup::{OutsideTitle, Rollup, RollupRow};
pub use schema::{
    AuditReport, Coverage, MatchRecord, OtherWorkRecord, Person, RoleMix, RoleScoreRecord,
    RoleSummary, ScopeNotes, Summary, TaskRecord, VerdictRecord, SCHEMA_VERSION,
};
pub use settings::{AuditSettings, EvidenceDetail, Scope};
pub use task_id::TaskId;

use distinct::distinct_texts;
use profiles::{build_profiles, person_record, Credit, Profile, TitleKind};
use verdicts::{task_record, SharedNames, SharedTexts, SharedVerdict, Words};

/// What the rules need to see, computed once.
pub(crate) struct Facts<'a> {
    rubric: &'a Rubric,
    /// The rubric's ids as findings share them.
    names: &'a SharedNames,
    settings: AuditSettings,
    tasks: &'a [TaskRecord],
    /// Per responsibility: the people (profile indices) carrying it, in profile order.
    carriers: Vec<Vec<usize>>,
    /// Per responsibility: the people carrying it through at least one confident match
    /// (see [`Facts::sure`]), in profile order: who the findings about split ownership and
    /// single points rest on.
    sure_carriers: Vec<Vec<usize>>,
    /// Per responsibility, per person carrying it: the one RACI row (a task index) all of
    /// that person's credited tasks for it come from, or `None` when they come from more than
    /// one row or from a list. Empty when no task comes from a chart.
    sole_row: Vec<HashMap<usize, Option<usize>>>,
    /// Per responsibility: the tasks credited to it, in task order; the tasks behind an
    /// overlap or a single point of failure of it.
    credited: Vec<Vec<usize>>,
    /// Per role: whether someone's title holds it.
    held: Vec<bool>,
    /// Per role: whether its responsibilities are audited for gaps (see [`Scope`]).
    in_scope: Vec<bool>,
    /// Per task: the profile it belongs to.
    person_of_task: Vec<usize>,
    /// Per task: whether its party does or owns it (see [`Assignment::carries_work`]).
    carrying: Vec<bool>,
    /// Per task: whether it carries work and is matched with a role probability of at least
    /// [`AuditSettings::confidence`]. Only such tasks make overlap, single-point, drift and
    /// missing-core findings by themselves; the others are listed for review.
    sure: Vec<bool>,
    /// Whether every task comes from a RACI chart: a project, judged as one (see the gap
    /// rules). Asked per person by some rules, so decided once.
    chart_only: bool,
    profiles: Vec<Profile>,
    charts: &'a [Chart],
    /// Set when the task lines are mostly in a language the matcher does not read.
    foreign: Option<ForeignText>,
    /// Who could take on each role's work, for the findings' advice.
    candidates: findings::Candidates,
}

impl Facts<'_> {
    /// What the roll-up and the people's records need once the rules have run: the
    /// profiles, each task's profile, and the settings; the rest is dropped here.
    fn into_people(self) -> (Vec<Profile>, Vec<usize>, AuditSettings) {
        (self.profiles, self.person_of_task, self.settings)
    }

    /// Whether every task of these people credited to a responsibility is one row of a
    /// RACI chart: the parties on that row divided the work between them, which is neither
    /// overlap nor similar work.
    fn shared_through_one_row(&self, responsibility: usize, people: &[usize]) -> bool {
        let mut shared_row = None;
        for person in people {
            match self.sole_row[responsibility].get(person) {
                None => {}
                Some(None) => return false,
                Some(&Some(task)) => {
                    let row = self.raci_row(task);
                    if shared_row.is_some_and(|shared| shared != row) {
                        return false;
                    }
                    shared_row = Some(row);
                }
            }
        }
        shared_row.is_some()
    }

    /// A chart row: its sheet and task text.
    fn raci_row(&self, task: usize) -> (&Option<Arc<str>>, &str) {
        let task = &self.tasks[task];
        (&task.sheet, &task.task)
    }
}

pub fn audit(
    rubric: &Rubric,
    matcher: &Matcher<'_>,
    assignments: Vec<Assignment>,
    charts: &[Chart],
    notes: InputNotes,
    settings: AuditSettings,
    progress: Progress,
) -> AuditReport {
    let names = SharedNames::new(rubric);
    let (verdicts, verdict_of, foreign) =
        match_texts(&names, matcher, &assignments, &settings, progress);
    let tasks = task_records(assignments, &verdict_of, &verdicts);
    let carrying: Vec<bool> = tasks.iter().map(TaskRecord::carries_work).collect();
    let sure: Vec<bool> = tasks
        .iter()
        .zip(&carrying)
        .map(|(task, &carries)| carries && task.is_sure(settings.confidence))
        .collect();
    let credits = credits(&carrying, &verdict_of, &verdicts);
    drop(verdict_of);
    drop(verdicts);

    let role_index = |id: &str| rubric.roles.iter().position(|r| r.id == id);
    let profiles = build_profiles(rubric, &settings.scope, &tasks, &credits, &sure, role_index);
    let person_of_task = owners(&profiles, tasks.len());
    let carried = carry(rubric, &tasks, &credits, &sure, &profiles, &person_of_task);
    let held: Vec<bool> = (0..rubric.roles.len())
        .map(|r| profiles.iter().any(|p| p.title_role == Some(r)))
        .collect();
    let in_scope: Vec<bool> = match &settings.scope.roles {
        Some(listed) => rubric
            .roles
            .iter()
            .map(|role| listed.contains(&role.id))
            .collect(),
        None => held.clone(),
    };
    let facts = Facts {
        rubric,
        names: &names,
        settings,
        tasks: &tasks,
        carriers: carried.carriers,
        sure_carriers: carried.sure_carriers,
        credited: carried.credited,
        held,
        in_scope,
        person_of_task,
        sole_row: carried.sole_row,
        chart_only: !tasks.is_empty() && tasks.iter().all(|t| t.raci.is_some()),
        carrying,
        sure,
        candidates: findings::Candidates::new(&profiles, rubric.roles.len()),
        profiles,
        charts,
        foreign,
    };
    let mut findings = findings::all(&facts);
    // A tracker's unassigned issues have no assignment for the rules to see: the reading
    // kept them, and they are said whatever the language of their titles.
    findings.extend(findings::unassigned_issues(&notes));
    let findings = findings::sorted(findings);
    let coverage = carried.coverage;
    let scope = summary::scope_notes(&facts);
    let summary = summary::summary(&facts, &coverage, &findings);
    // What only the rules read is freed before the roll-up and the people's records are
    // made, the last and largest of the run's allocations.
    let (profiles, person_of_task, settings) = facts.into_people();
    let rollup = rollup::rollup(rubric, &names, &tasks, &credits, &profiles, &person_of_task);
    drop((credits, person_of_task));
    let people: Vec<Person> = profiles
        .into_par_iter()
        .map(|p| person_record(&names, &tasks, p))
        .collect();
    AuditReport {
        schema_version: SCHEMA_VERSION,
        run: Provenance::new(matcher.settings(), &settings),
        input: notes,
        scope,
        rubrics: summary::role_summaries(rubric),
        summary,
        tasks,
        coverage,
        findings,
        people,
        rollup,
    }
}

/// Each distinct task text matched once, with each task's index among the verdicts, and the
/// language the texts are mostly in when the matcher cannot read it.
///
/// An organisation's export repeats its task lines ("Code review", "Sprint planning"), and a
/// verdict depends on the text alone. Records of one text share their verdict's parts.
/// Texts are matched on every core, each thread with its own scratch; collecting an indexed
/// parallel iterator keeps the order, so the report is the same bytes whatever the number of
/// threads.
fn match_texts(
    names: &SharedNames,
    matcher: &Matcher<'_>,
    assignments: &[Assignment],
    settings: &AuditSettings,
    progress: Progress,
) -> (Vec<SharedVerdict>, Vec<usize>, Option<ForeignText>) {
    let (texts, verdict_of) = distinct_texts(assignments);
    let foreign = if settings.any_language {
        None
    } else {
        foreign_text(matcher, &texts)
    };
    let bar = progress.matching(texts.len());
    let verdicts: Vec<SharedVerdict> = texts
        .par_iter()
        .map_init(
            || (Scratch::default(), Words::default()),
            |(scratch, words), text| {
                let verdict = matcher.classify_with(text, scratch);
                bar.inc(1);
                SharedVerdict::new(names, matcher, text, verdict, settings.evidence, words)
            },
        )
        .collect();
    (verdicts, verdict_of, foreign)
}

/// Every assignment as a task record with its id and its text's verdict.
fn task_records(
    assignments: Vec<Assignment>,
    verdict_of: &[usize],
    verdicts: &[SharedVerdict],
) -> Vec<TaskRecord> {
    let mut ids: Vec<TaskId> = assignments
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            // The limit on cells keeps a sheet's tasks far below u32::MAX.
            let order = u32::try_from(i).unwrap_or(u32::MAX);
            TaskId::derive(order, a.sheet.as_deref(), &a.person, &a.task)
        })
        .collect();
    task_id::number_copies(&mut ids);
    // A record is no larger than its assignment, so the records are built in the
    // assignments' own buffer (std collects in place): at a million tasks, a second buffer
    // of 150 MB never exists.
    let mut shared = SharedTexts::default();
    assignments
        .into_iter()
        .zip(verdict_of)
        .zip(ids)
        .map(|((a, &v), id)| task_record(id, a, &verdicts[v], &mut shared))
        .collect()
}

/// What each task that carries work gives its contenders: all of it to one, or an equal
/// share to each of several.
fn credits(carrying: &[bool], verdict_of: &[usize], verdicts: &[SharedVerdict]) -> Vec<Credit> {
    verdict_of
        .iter()
        .enumerate()
        .filter(|(task, _)| carrying[*task])
        .flat_map(|(task, &v)| {
            let contenders = &verdicts[v].contenders;
            let share = 1.0 / contenders.len().max(1) as f64;
            contenders.iter().map(move |&responsibility| Credit {
                task,
                responsibility,
                share,
            })
        })
        .collect()
}

/// Per task: the profile it belongs to.
fn owners(profiles: &[Profile], tasks: usize) -> Vec<usize> {
    let mut owner = vec![0; tasks];
    for (p, profile) in profiles.iter().enumerate() {
        for &t in &profile.tasks {
            owner[t] = p;
        }
    }
    owner
}

/// Who carries each responsibility and through which tasks, as the credits say.
struct Carried {
    /// See [`Facts::carriers`].
    carriers: Vec<Vec<usize>>,
    /// See [`Facts::sure_carriers`].
    sure_carriers: Vec<Vec<usize>>,
    /// See [`Facts::credited`].
    credited: Vec<Vec<usize>>,
    /// See [`Facts::sole_row`].
    sole_row: Vec<HashMap<usize, Option<usize>>>,
    /// The report's coverage of every responsibility.
    coverage: Vec<Coverage>,
}

/// Each credit given to its responsibility: its carriers, the tasks behind it, the RACI row
/// each carrier's tasks for it come from, and its coverage (weight and effort rounded).
fn carry(
    rubric: &Rubric,
    tasks: &[TaskRecord],
    credits: &[Credit],
    sure: &[bool],
    profiles: &[Profile],
    person_of_task: &[usize],
) -> Carried {
    let responsibilities = rubric.responsibilities.len();
    let mut carriers: Vec<Vec<usize>> = vec![Vec::new(); responsibilities];
    let mut sure_carriers: Vec<HashSet<usize>> = vec![HashSet::new(); responsibilities];
    let mut credited: Vec<Vec<usize>> = vec![Vec::new(); responsibilities];
    let mut sole_row: Vec<HashMap<usize, Option<usize>>> = vec![HashMap::new(); responsibilities];
    let mut coverage: Vec<Coverage> = rubric
        .responsibilities
        .iter()
        .map(|r| Coverage {
            responsibility: r.id.clone(),
            role: r.role.clone(),
            title: r.title.clone(),
            core: r.core,
            people: Vec::new(),
            tasks: Vec::new(),
            weight: 0.0,
            effort: None,
        })
        .collect();
    // Whether each person is counted as carrying each responsibility yet: a byte a pair.
    let mut counted = vec![false; responsibilities * profiles.len()];
    // Only a chart's rows can be one person's sole row; without a chart the maps stay
    // empty and no finding asks them.
    let charted = tasks.iter().any(|t| t.raci.is_some());
    for credit in credits {
        let person = person_of_task[credit.task];
        let seen = &mut counted[credit.responsibility * profiles.len() + person];
        if !*seen {
            *seen = true;
            carriers[credit.responsibility].push(person);
        }
        if charted {
            sole(
                &mut sole_row[credit.responsibility],
                tasks,
                credit.task,
                person,
            );
        }
        if sure[credit.task] {
            sure_carriers[credit.responsibility].insert(person);
        }
        let behind = &mut credited[credit.responsibility];
        if behind.last() != Some(&credit.task) {
            behind.push(credit.task);
        }
        let row = &mut coverage[credit.responsibility];
        row.tasks.push(tasks[credit.task].id);
        row.weight += credit.share;
        if let Some(effort) = tasks[credit.task].effort {
            *row.effort.get_or_insert(0.0) += effort * credit.share;
        }
    }
    for (row, people) in coverage.iter_mut().zip(&carriers) {
        row.people = people.iter().map(|&p| profiles[p].name.clone()).collect();
        row.weight = round3(row.weight);
        row.effort = row.effort.map(round3);
    }
    let sure_carriers = sure_carriers
        .into_iter()
        .map(|people| {
            let mut people: Vec<usize> = people.into_iter().collect();
            people.sort_unstable();
            people
        })
        .collect();
    Carried {
        carriers,
        sure_carriers,
        credited,
        sole_row,
        coverage,
    }
}

/// Records one credited task of `person` in a responsibility's sole rows: the chart row it
/// comes from, kept while every such task comes from that one row (see [`Facts::sole_row`]).
fn sole(
    rows: &mut HashMap<usize, Option<usize>>,
    tasks: &[TaskRecord],
    task: usize,
    person: usize,
) {
    let row = tasks[task].raci.map(|_| task);
    match rows.entry(person) {
        Entry::Vacant(slot) => {
            slot.insert(row);
        }
        Entry::Occupied(mut slot) => {
            let same_row = match (*slot.get(), row) {
                (Some(first), Some(this)) => {
                    let (a, b) = (&tasks[first], &tasks[this]);
                    (&a.sheet, &a.task) == (&b.sheet, &b.task)
                }
                _ => false,
            };
            if !same_row {
                slot.insert(None);
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::MatchSettings;

    #[test]
    fn task_records_are_built_in_the_assignments_own_buffer() {
        let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let names = SharedNames::new(&rubric);
        let assignments: Vec<Assignment> = (0..1000u32)
            .map(|i| Assignment {
                person: format!("Person {}", i % 40).into(),
                title: None,
                team: None,
                task: format!("Own the roadmap for area {}", i % 7),
                effort: None,
                raci: None,
                group: Some("Phase 1".to_string()),
                sheet: Some("Team".to_string()),
                row: i + 2,
                column: 1,
            })
            .collect();
        let (verdicts, verdict_of, _) = match_texts(
            &names,
            &matcher,
            &assignments,
            &AuditSettings::default(),
            Progress::Hidden,
        );
        let buffer = assignments.as_ptr().addr();
        let tasks = task_records(assignments, &verdict_of, &verdicts);
        assert_eq!(tasks.as_ptr().addr(), buffer, "a second buffer was made");
        assert_eq!(tasks.len(), 1000);
        // One shared copy of the sheet's name and the group's.
        assert!(tasks.iter().all(|t| t
            .sheet
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, tasks[0].sheet.as_ref().unwrap_or(s)))));
        assert!(tasks.iter().all(|t| t.group.as_deref() == Some("Phase 1")));
    }
}
