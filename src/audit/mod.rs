//! Audit: assignments and their matches become an [`AuditReport`]: coverage of every
//! responsibility, a profile of every person, and findings in plain words.
//!
//! How a task counts ("credit"): a matched task counts fully for its best responsibility;
//! an ambiguous task is shared equally between its contenders (the best match of each role
//! within the ambiguity margin), so it is not silently forced into one role; an unmatched
//! task counts for nothing. A task's weight is its effort in hours per week when every task
//! of that person has an effort, and 1 otherwise, so one missing cell does not skew a
//! person's mix.

mod findings;
mod kinds;
pub mod provenance;
mod raci;
mod rollup;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};
use std::sync::Arc;

use rayon::prelude::*;
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::layout::{Assignment, Chart, InputNotes, Marks};
use crate::matching::{
    foreign_text, ForeignText, MatchStatus, Matcher, Scratch, TaskMatches, Term,
};
use crate::progress::Progress;
use crate::rubric::Rubric;
use crate::text::round3;

pub use findings::{Finding, Severity};
pub use kinds::{FindingGroup, FindingKind, Home};
pub use provenance::Provenance;
pub use rollup::{OutsideTitle, Rollup, RollupRow};

/// The version of the JSON report's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 4;

/// Thresholds and scope of the audit rules; see README "Findings" and "Scope".
#[derive(Debug, Clone, PartialEq)]
pub struct AuditSettings {
    /// Two people whose covered responsibilities overlap at least this much (Jaccard) are
    /// reported as doing similar work.
    pub similar_work_jaccard: f64,
    /// Only people with at least this many matched tasks are compared pairwise.
    pub similar_work_min_tasks: usize,
    /// Each person is shown in at most this many similar-work pairs, their closest.
    pub similar_work_peers: usize,
    /// A share of matched work above this outside the title's role is drift.
    pub drift_share: f64,
    /// Drift needs at least this many matched tasks, so one stray task is not a trend.
    pub drift_min_tasks: usize,
    /// Only an R counts as doing a matrix task; otherwise an A does too.
    pub strict_raci: bool,
    /// A party Responsible or Accountable for more than this share of a chart's tasks is
    /// overloaded.
    pub raci_overload_share: f64,
    /// Match task lines whatever language they look written in; otherwise lines mostly in
    /// another language than the rubrics' get one finding saying so instead of matches.
    pub any_language: bool,
    /// Which roles are audited for gaps, and how titles map to roles.
    pub scope: Scope,
}

/// Which roles the team is meant to have. A responsibility nobody carries is a gap only in
/// a role the team has: a five-person startup with no Program Manager is not missing nine
/// Program Manager duties, though it may want to know who does that work.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    /// Role ids audited for gaps; `None` means the roles someone's title holds.
    pub roles: Option<Vec<String>>,
    /// Titles mapped to a role id, or to no role (`None`), before the rubric's own title
    /// matching; keys are compared without regard to case or surrounding space.
    pub titles: Vec<(String, Option<String>)>,
}

impl Scope {
    /// The user's mapping keyed by folded title (see [`fold_title`]), the first mapping of
    /// a title winning: built once, since looking each of 40,000 titles up in a list of
    /// 40,000 mappings took seconds.
    fn title_map(&self) -> HashMap<String, Option<&str>> {
        let mut map = HashMap::with_capacity(self.titles.len());
        for (title, role) in &self.titles {
            map.entry(fold_title(title)).or_insert(role.as_deref());
        }
        map
    }
}

/// A title as mappings compare it: surrounding space and ASCII case do not matter.
fn fold_title(title: &str) -> String {
    title.trim().to_ascii_lowercase()
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            similar_work_jaccard: 0.5,
            similar_work_min_tasks: 2,
            similar_work_peers: 3,
            drift_share: 0.5,
            drift_min_tasks: 2,
            strict_raci: false,
            raci_overload_share: 0.5,
            any_language: false,
            scope: Scope::default(),
        }
    }
}

// A report holds these for every task, each naming rubric entries: the names are shared
// (`Arc<str>`) rather than copied, which keeps a million-task report within memory.

/// How much of a task one role's vocabulary explains; the verdict is made on these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleScoreRecord {
    pub role: Arc<str>,
    pub score: f64,
    pub evidence: Vec<Term>,
}

/// One responsibility a task resembles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchRecord {
    pub role: Arc<str>,
    pub responsibility: Arc<str>,
    pub score: f64,
    pub evidence: Vec<Term>,
}

/// The area of other work a task reads as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherWorkRecord {
    pub area: Arc<str>,
    pub title: Arc<str>,
    pub score: f64,
    pub evidence: Vec<Term>,
}

/// The rubric's names as task records share them.
struct SharedNames {
    roles: Vec<Arc<str>>,
    /// Per responsibility: its id and its role's id.
    responsibilities: Vec<(Arc<str>, Arc<str>)>,
    /// Per area of other work: its id and title.
    other_work: Vec<(Arc<str>, Arc<str>)>,
    /// The share of a person's work no role explains, as their role mix names it.
    unmatched: Arc<str>,
}

impl SharedNames {
    fn new(rubric: &Rubric) -> SharedNames {
        SharedNames {
            roles: rubric.roles.iter().map(|r| r.id.as_str().into()).collect(),
            responsibilities: rubric
                .responsibilities
                .iter()
                .map(|r| (r.id.as_str().into(), r.role.as_str().into()))
                .collect(),
            other_work: rubric
                .other_work
                .iter()
                .map(|a| (a.id.as_str().into(), a.title.as_str().into()))
                .collect(),
            unmatched: "unmatched".into(),
        }
    }
}

/// A task's id as every report and finding names it: "T" and ten hex digits of a digest of
/// the task's place and content (sheet, person or party, task text), then "-2", "-3" … for
/// the second and later copies of the same task. Inserting, moving or deleting other rows
/// changes no id, so two audits of one sheet can be compared task by task; the order it was
/// read in is kept beside it for sorting and is never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId {
    order: u32,
    key: u64,
    copy: u32,
}

impl TaskId {
    /// Hex digits shown: 40 bits keep a chance collision (which would only turn two tasks
    /// into "copies") below one in two hundred at 100,000 distinct tasks.
    const DIGITS: usize = 10;

    /// The id of the first copy of a task, read `order`th.
    pub fn derive(order: u32, sheet: Option<&str>, person: &str, task: &str) -> TaskId {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        // Each field with its length first, so no two different places hash alike.
        for field in [sheet.unwrap_or(""), person, task] {
            let normal = normal_text(field);
            digest.update((normal.len() as u64).to_le_bytes());
            digest.update(normal.as_bytes());
        }
        let bytes = digest.finalize();
        let mut key = [0u8; 8];
        key.copy_from_slice(&bytes[..8]);
        TaskId {
            order,
            key: u64::from_be_bytes(key) >> (64 - 4 * Self::DIGITS),
            copy: 1,
        }
    }
}

/// Text as an id sees it: case and runs of white space do not make another task.
fn normal_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Numbers the copies of each task in reading order: the first keeps the bare id.
fn number_copies(ids: &mut [TaskId]) {
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(ids.len());
    for id in ids {
        let copies = seen.entry(id.key).or_default();
        *copies += 1;
        id.copy = *copies;
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{:0width$x}", self.key, width = Self::DIGITS)?;
        if self.copy > 1 {
            write!(f, "-{}", self.copy)?;
        }
        Ok(())
    }
}

impl Serialize for TaskId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One assignment with its verdict. In JSON, one object: its own fields, then its
/// verdict's.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub id: TaskId,
    pub sheet: Option<String>,
    pub row: u32,
    /// The task cell's 0-based column (a matrix's mark cell), left out of reports as the
    /// assignment's is: with the row it tells apart repeated lines of one chart.
    pub column: u32,
    pub person: Arc<str>,
    pub title: Option<Arc<str>>,
    pub team: Option<Arc<str>>,
    pub task: Arc<str>,
    pub effort: Option<f64>,
    /// A matrix cell's RACI letters ("RA"); null for a list row.
    pub raci: Option<Marks>,
    /// The task group (a matrix's category row or phase column).
    pub group: Option<String>,
    /// Shared by every task of the same text: a verdict depends on the text alone.
    pub verdict: Arc<VerdictRecord>,
}

impl Serialize for TaskRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, |fields| {
            self.own_fields(fields)?;
            self.verdict.fields(fields)
        })
    }
}

/// One JSON object of the fields `fields` writes: the same bytes serde's derive gives a
/// struct, for the records whose fields are written in parts.
fn object<S: serde::Serializer>(
    serializer: S,
    fields: impl FnOnce(&mut S::SerializeMap) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    fields(&mut map)?;
    map.end()
}

/// A task's own fields without its verdict's, as one JSON object: with a verdict rendered
/// apart, the two make the task's bytes (see `report::json`).
pub struct OwnFields<'a>(pub &'a TaskRecord);

impl Serialize for OwnFields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, |fields| self.0.own_fields(fields))
    }
}

impl TaskRecord {
    fn own_fields<M: SerializeMap>(&self, fields: &mut M) -> Result<(), M::Error> {
        fields.serialize_entry("id", &self.id)?;
        fields.serialize_entry("sheet", &self.sheet)?;
        fields.serialize_entry("row", &self.row)?;
        fields.serialize_entry("person", &self.person)?;
        fields.serialize_entry("title", &self.title)?;
        fields.serialize_entry("team", &self.team)?;
        fields.serialize_entry("task", &self.task)?;
        fields.serialize_entry("effort", &self.effort)?;
        fields.serialize_entry("raci", &self.raci)?;
        fields.serialize_entry("group", &self.group)
    }

    /// Whether its party does or owns it (see [`Assignment::carries_work`]).
    pub fn carries_work(&self) -> bool {
        self.raci.is_none_or(Marks::carries_work)
    }
}

/// What a task's text was matched to. In JSON its fields are the task's, after its own.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictRecord {
    /// The role of the best match, or null when unmatched.
    pub role: Option<Arc<str>>,
    pub responsibility: Option<Arc<str>>,
    /// The best role's score, which the verdict was made on (0 when no rubric word appears).
    pub score: f64,
    pub status: MatchStatus,
    /// Roles sharing a word with the task, best first.
    pub roles: Vec<RoleScoreRecord>,
    /// The closest responsibilities of any role, best first.
    pub matches: Vec<MatchRecord>,
    /// The closest area of other work (engineering, design, ...), when any of its words
    /// appear; an unmatched task whose best match scored enough was outscored by it.
    pub other_work: Option<OtherWorkRecord>,
}

impl Serialize for VerdictRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, |fields| self.fields(fields))
    }
}

impl VerdictRecord {
    fn fields<M: SerializeMap>(&self, fields: &mut M) -> Result<(), M::Error> {
        fields.serialize_entry("role", &self.role)?;
        fields.serialize_entry("responsibility", &self.responsibility)?;
        fields.serialize_entry("score", &self.score)?;
        fields.serialize_entry("status", &self.status)?;
        fields.serialize_entry("roles", &self.roles)?;
        fields.serialize_entry("matches", &self.matches)?;
        fields.serialize_entry("other_work", &self.other_work)
    }

    /// The task words that carried the verdict, with their weights: the best role's when the task is credited;
    /// otherwise those of whatever it read as most, other work or the closest role.
    pub fn evidence(&self) -> &[Term] {
        match (self.read_as_other_work(), self.roles.first()) {
            (Some(other), _) => &other.evidence,
            (None, Some(role)) => &role.evidence,
            (None, None) => &[],
        }
    }

    /// The area of other work an uncredited task reads as, when it outscored every role.
    pub fn read_as_other_work(&self) -> Option<&OtherWorkRecord> {
        self.other_work.as_ref().filter(|other| {
            self.role.is_none() && self.roles.first().is_none_or(|r| other.score > r.score)
        })
    }

    /// Responsibilities the task resembles besides the one it is credited to.
    pub fn alternatives(&self) -> impl Iterator<Item = &MatchRecord> {
        self.matches
            .iter()
            .filter(|m| Some(&m.responsibility) != self.responsibility.as_ref())
    }
}

/// Who carries one responsibility, with how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub responsibility: String,
    pub role: String,
    pub title: String,
    pub core: bool,
    pub people: Vec<Arc<str>>,
    pub tasks: Vec<TaskId>,
    /// Tasks credited, ambiguous tasks counting as a share.
    pub weight: f64,
    /// Hours per week credited, when any credited task has an effort.
    pub effort: Option<f64>,
}

/// One person's title, workload and role mix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: Arc<str>,
    pub title: Option<String>,
    pub team: Option<String>,
    /// The role the title maps to, if any.
    pub title_role: Option<Arc<str>>,
    pub tasks: usize,
    pub matched: usize,
    pub ambiguous: usize,
    pub unmatched: usize,
    pub effort: Option<f64>,
    /// Share of the person's work (by weight) per role id, plus "unmatched"; sums to 1.
    pub role_mix: BTreeMap<Arc<str>, f64>,
    pub responsibilities: Vec<Arc<str>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSummary {
    pub id: String,
    pub name: String,
    /// The role's shortest title ("PM", "TPM") for narrow columns; its name when it has none.
    pub short_name: String,
    pub file: String,
    pub responsibilities: usize,
    pub core: usize,
}

/// The headline figures. A task is one line of work: a list row's task (a cell listing
/// several is several), or a chart's row. An assignment is one person on one task: a list
/// row per person, a chart's mark. Matching judges a task's text, so matched, ambiguous and
/// unmatched count tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub people: usize,
    pub tasks: usize,
    pub assignments: usize,
    /// Assignments read from a RACI chart's marks.
    pub chart_marks: usize,
    pub matched: usize,
    pub ambiguous: usize,
    pub unmatched: usize,
    /// Chart rows with no mark at all: tasks, with nobody on them to match for.
    pub unassigned: usize,
    /// Hours per week over the assignments with an effort, when any has one.
    pub effort_hours: Option<f64>,
    pub responsibilities: usize,
    pub responsibilities_covered: usize,
    pub findings: BTreeMap<FindingKind, usize>,
}

/// What the audit covered: the roles audited for gaps and why, and who was left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeNotes {
    /// Role ids audited for gaps.
    pub audited_roles: Vec<String>,
    /// "titles" when the roles are those someone's title holds, else "listed".
    pub chosen_by: &'static str,
    /// People left out by --exclude-person, --exclude-team or the config file.
    pub excluded_people: usize,
}

/// Everything every report format renders, in one deterministic value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub schema_version: u32,
    pub run: Provenance,
    pub input: InputNotes,
    pub scope: ScopeNotes,
    pub rubrics: Vec<RoleSummary>,
    pub tasks: Vec<TaskRecord>,
    pub coverage: Vec<Coverage>,
    pub findings: Vec<Finding>,
    pub people: Vec<Person>,
    pub rollup: Rollup,
    pub summary: Summary,
}

impl AuditReport {
    /// The task an id names. Tasks are kept in reading order, which ids sort by, so a
    /// lookup needs no index beside the list.
    pub fn task(&self, id: TaskId) -> Option<&TaskRecord> {
        self.tasks
            .binary_search_by(|t| t.id.cmp(&id))
            .ok()
            .map(|i| &self.tasks[i])
    }
}

/// A task's contribution to one responsibility.
#[derive(Debug, Clone, Copy)]
struct Credit {
    task: usize,
    responsibility: usize,
    /// The share of the task (1 when matched, 1/k when shared between k contenders).
    share: f64,
}

/// Internal view of one person used by the rules.
struct Profile {
    name: Arc<str>,
    title: Option<String>,
    team: Option<String>,
    title_role: Option<usize>,
    tasks: Vec<usize>,
    /// Weight per role index; plus the unmatched weight.
    role_weight: Vec<f64>,
    unmatched_weight: f64,
    responsibilities: BTreeSet<usize>,
    credited_tasks: usize,
}

impl Profile {
    fn matched_weight(&self) -> f64 {
        self.role_weight.iter().sum()
    }
    fn total_weight(&self) -> f64 {
        self.matched_weight() + self.unmatched_weight
    }
}

/// What the rules need to see, computed once.
pub(crate) struct Facts<'a> {
    rubric: &'a Rubric,
    /// The rubric's ids as findings share them.
    names: &'a SharedNames,
    settings: AuditSettings,
    tasks: &'a [TaskRecord],
    /// Per responsibility: the people (profile indices) carrying it, in profile order.
    carriers: Vec<Vec<usize>>,
    /// Per responsibility, per person carrying it: the one RACI row (a task index) all of
    /// that person's credited tasks for it come from, or `None` when they come from more than
    /// one row or from a list.
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
    profiles: Vec<Profile>,
    charts: &'a [Chart],
    /// Set when the task lines are mostly in a language the matcher does not read.
    foreign: Option<ForeignText>,
    /// Who could take on each role's work, for the findings' advice.
    candidates: findings::Candidates,
}

impl Facts<'_> {
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
    fn raci_row(&self, task: usize) -> (&Option<String>, &str) {
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
    // Each distinct task text is matched once: an organisation's export repeats its task
    // lines ("Code review", "Sprint planning"), and a verdict depends on the text alone.
    // Records of one text share their verdict's parts. Texts are matched on every core,
    // each thread with its own scratch; collecting an indexed parallel iterator keeps the
    // order, so the report is the same bytes whatever the number of threads.
    let names = SharedNames::new(rubric);
    let (texts, verdict_of) = distinct_texts(&assignments);
    let foreign = if settings.any_language {
        None
    } else {
        foreign_text(matcher, &texts)
    };
    let bar = progress.matching(texts.len());
    let verdicts: Vec<SharedVerdict> = texts
        .par_iter()
        .map_init(Scratch::default, |scratch, text| {
            let verdict = matcher.classify_with(text, scratch);
            bar.inc(1);
            SharedVerdict::new(&names, matcher, text, verdict)
        })
        .collect();
    drop(bar);
    drop(texts);
    let mut ids: Vec<TaskId> = assignments
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            // The limit on cells keeps a sheet's tasks far below u32::MAX.
            let order = u32::try_from(i).unwrap_or(u32::MAX);
            TaskId::derive(order, a.sheet.as_deref(), &a.person, &a.task)
        })
        .collect();
    number_copies(&mut ids);
    let tasks: Vec<TaskRecord> = assignments
        .into_iter()
        .zip(&verdict_of)
        .zip(ids)
        .map(|((a, &v), id)| task_record(id, a, &verdicts[v]))
        .collect();
    let carrying: Vec<bool> = tasks.iter().map(TaskRecord::carries_work).collect();
    let credits: Vec<Credit> = verdict_of
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
        .collect();
    drop(verdict_of);
    drop(verdicts);

    let role_index = |id: &str| rubric.roles.iter().position(|r| r.id == id);
    let profiles = build_profiles(rubric, &settings.scope, &tasks, &credits, role_index);
    let person_of_task: Vec<usize> = {
        let mut owner = vec![0; tasks.len()];
        for (p, profile) in profiles.iter().enumerate() {
            for &t in &profile.tasks {
                owner[t] = p;
            }
        }
        owner
    };

    let mut carriers: Vec<Vec<usize>> = vec![Vec::new(); rubric.responsibilities.len()];
    let mut credited: Vec<Vec<usize>> = vec![Vec::new(); rubric.responsibilities.len()];
    let mut sole_row: Vec<HashMap<usize, Option<usize>>> =
        vec![HashMap::new(); rubric.responsibilities.len()];
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
    for credit in &credits {
        let person = person_of_task[credit.task];
        let row = tasks[credit.task].raci.map(|_| credit.task);
        match sole_row[credit.responsibility].entry(person) {
            Entry::Vacant(slot) => {
                slot.insert(row);
                carriers[credit.responsibility].push(person);
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
        carriers,
        credited,
        held,
        in_scope,
        person_of_task,
        sole_row,
        carrying,
        candidates: findings::Candidates::new(&profiles, rubric.roles.len()),
        profiles,
        charts,
        foreign,
    };
    let findings = findings::all(&facts);
    let rollup = rollup::rollup(
        rubric,
        &names,
        &tasks,
        &credits,
        &facts.profiles,
        &facts.person_of_task,
    );
    let people: Vec<Person> = facts
        .profiles
        .par_iter()
        .map(|p| person_record(&names, &tasks, p))
        .collect();
    let mut finding_counts: BTreeMap<FindingKind, usize> = BTreeMap::new();
    for finding in &findings {
        *finding_counts.entry(finding.kind).or_default() += 1;
    }
    let lines = task_lines(&tasks);
    let count = |status| lines.iter().filter(|t| t.verdict.status == status).count();
    let efforts: Vec<f64> = tasks.iter().filter_map(|t| t.effort).collect();
    let unassigned = charts
        .iter()
        .flat_map(|c| &c.tasks)
        .filter(|t| t.marks.is_empty())
        .count();
    let summary = Summary {
        people: facts.profiles.len(),
        tasks: lines.len() + unassigned,
        assignments: tasks.len(),
        chart_marks: tasks.iter().filter(|t| t.raci.is_some()).count(),
        matched: count(MatchStatus::Matched),
        ambiguous: count(MatchStatus::Ambiguous),
        unmatched: count(MatchStatus::Unmatched),
        unassigned,
        effort_hours: (!efforts.is_empty()).then(|| round3(efforts.iter().sum())),
        responsibilities: rubric.responsibilities.len(),
        responsibilities_covered: coverage.iter().filter(|c| !c.people.is_empty()).count(),
        findings: finding_counts,
    };
    let rubrics = rubric
        .roles
        .iter()
        .map(|role| {
            let own = || rubric.responsibilities.iter().filter(|r| r.role == role.id);
            RoleSummary {
                id: role.id.clone(),
                name: role.name.clone(),
                short_name: role
                    .aliases
                    .iter()
                    .filter(|a| a.chars().count() <= 4 && !a.contains(' '))
                    .min_by_key(|a| a.chars().count())
                    .unwrap_or(&role.name)
                    .clone(),
                file: role.file.clone(),
                responsibilities: own().count(),
                core: own().filter(|r| r.core).count(),
            }
        })
        .collect();
    let scope = ScopeNotes {
        audited_roles: rubric
            .roles
            .iter()
            .zip(&facts.in_scope)
            .filter(|(_, &audited)| audited)
            .map(|(role, _)| role.id.clone())
            .collect(),
        chosen_by: if facts.settings.scope.roles.is_some() {
            "listed"
        } else {
            "titles"
        },
        excluded_people: 0,
    };
    AuditReport {
        schema_version: SCHEMA_VERSION,
        run: Provenance::new(matcher.settings(), &facts.settings),
        input: notes,
        scope,
        rubrics,
        tasks,
        coverage,
        findings,
        people,
        rollup,
        summary,
    }
}

/// One record per task line: a list row's task, or a chart row (all its marks share it,
/// told apart from a repeated line by its row or, turned over, its column).
fn task_lines(tasks: &[TaskRecord]) -> Vec<&TaskRecord> {
    /// Sheet, group, text, and for a list row its row and column.
    type Line<'a> = (Option<&'a str>, Option<&'a str>, &'a str, u32, u32);
    let mut seen: std::collections::HashSet<Line<'_>> = std::collections::HashSet::new();
    tasks
        .iter()
        .filter(|t| {
            let key = match t.raci {
                Some(_) => (t.sheet.as_deref(), t.group.as_deref(), &*t.task, 0, 0),
                None => (t.sheet.as_deref(), None, &*t.task, t.row, t.column),
            };
            seen.insert(key)
        })
        .collect()
}

/// The distinct task texts in order of first appearance, and each task's index among them.
///
/// Hashing a million task lines is most of the work, so the texts are hashed on every core
/// first (SipHash with the map's random keys, as the map itself would) and the one pass
/// that numbers them in order only compares.
fn distinct_texts(assignments: &[Assignment]) -> (Vec<&str>, Vec<usize>) {
    let keys = RandomState::new();
    let hashed: Vec<Hashed<'_>> = assignments
        .par_iter()
        .map(|a| Hashed {
            hash: keys.hash_one(a.task.as_str()),
            text: &a.task,
        })
        .collect();
    let mut index: HashMap<Hashed<'_>, usize, BuildHasherDefault<AlreadyHashed>> =
        HashMap::default();
    let mut texts = Vec::new();
    let of_task = hashed
        .into_iter()
        .map(|key| {
            let text = key.text;
            *index.entry(key).or_insert_with(|| {
                texts.push(text);
                texts.len() - 1
            })
        })
        .collect();
    (texts, of_task)
}

/// A text with its hash, computed beforehand.
#[derive(PartialEq, Eq)]
struct Hashed<'a> {
    hash: u64,
    text: &'a str,
}

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A hasher that passes on the one hash a [`Hashed`] gives it.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("only a Hashed is hashed, and it writes one u64")
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// One text's verdict as its task records hold it.
struct SharedVerdict {
    text: Arc<str>,
    /// The responsibilities a task of this text is credited to (see [`Matcher::contenders`]).
    contenders: Vec<usize>,
    record: Arc<VerdictRecord>,
}

impl SharedVerdict {
    fn new(
        names: &SharedNames,
        matcher: &Matcher<'_>,
        text: &str,
        verdict: TaskMatches,
    ) -> SharedVerdict {
        let contenders = matcher
            .contenders(&verdict)
            .iter()
            .map(|m| m.responsibility)
            .collect();
        let best = verdict
            .best()
            .map(|m| names.responsibilities[m.responsibility].clone());
        let (responsibility, role) = best.unzip();
        let record = VerdictRecord {
            role,
            responsibility,
            score: verdict.score(),
            status: verdict.status,
            roles: verdict
                .roles
                .into_iter()
                .map(|r| RoleScoreRecord {
                    role: names.roles[r.role].clone(),
                    score: r.score,
                    evidence: r.evidence.terms,
                })
                .collect(),
            matches: verdict
                .ranked
                .into_iter()
                .map(|m| {
                    let (id, role) = &names.responsibilities[m.responsibility];
                    MatchRecord {
                        role: role.clone(),
                        responsibility: id.clone(),
                        score: m.score,
                        evidence: m.evidence.terms,
                    }
                })
                .collect(),
            other_work: verdict.other.map(|o| {
                let (area, title) = &names.other_work[o.area];
                OtherWorkRecord {
                    area: area.clone(),
                    title: title.clone(),
                    score: o.score,
                    evidence: o.evidence.terms,
                }
            }),
        };
        SharedVerdict {
            text: Arc::from(text),
            contenders,
            record: Arc::new(record),
        }
    }
}

/// A task's record; its task line is shared through its verdict.
fn task_record(id: TaskId, assignment: Assignment, verdict: &SharedVerdict) -> TaskRecord {
    TaskRecord {
        id,
        sheet: assignment.sheet,
        row: assignment.row,
        column: assignment.column,
        person: assignment.person,
        title: assignment.title,
        team: assignment.team,
        task: verdict.text.clone(),
        effort: assignment.effort.map(round3),
        raci: assignment.raci,
        group: assignment.group,
        verdict: verdict.record.clone(),
    }
}

/// The value written on most of a person's rows, the alphabetically first among equals: a
/// person whose rows disagree on their title gets the same one whatever the rows' order.
fn most_written<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    // max_by_key keeps the last of equal maxima; iterating in reverse makes it the first.
    counts
        .into_iter()
        .rev()
        .max_by_key(|&(_, count)| count)
        .map(|(value, _)| value.to_string())
}

fn build_profiles(
    rubric: &Rubric,
    scope: &Scope,
    tasks: &[TaskRecord],
    credits: &[Credit],
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
                title_role: None,
                tasks: Vec::new(),
                role_weight: vec![0.0; rubric.roles.len()],
                unmatched_weight: 0.0,
                responsibilities: BTreeSet::new(),
                credited_tasks: 0,
            });
            profiles.len() - 1
        });
        profiles[p].tasks.push(t);
    }
    for profile in &mut profiles {
        let rows = || profile.tasks.iter().map(|&t| &tasks[t]);
        profile.title = most_written(rows().filter_map(|a| a.title.as_deref()));
        profile.team = most_written(rows().filter_map(|a| a.team.as_deref()));
    }
    // Credits come in task order: task t's are credits[first[t]..first[t + 1]].
    let mut first = vec![0; tasks.len() + 1];
    for credit in credits {
        first[credit.task + 1] += 1;
    }
    for t in 0..tasks.len() {
        first[t + 1] += first[t];
    }
    // An organisation has far fewer titles than people, and mapping one is fuzzy matching.
    let mapped = scope.title_map();
    let mut title_roles: HashMap<String, Option<usize>> = HashMap::new();
    for profile in &mut profiles {
        profile.title_role = profile.title.as_ref().and_then(|title| {
            *title_roles.entry(title.clone()).or_insert_with(|| {
                match mapped.get(&fold_title(title)) {
                    Some(role) => role.and_then(&role_index),
                    None => rubric
                        .role_for_title(title)
                        .and_then(|role| role_index(&role.id)),
                }
            })
        });
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
            profile.credited_tasks += 1;
            for credit in task_credits {
                let role = &rubric.responsibilities[credit.responsibility].role;
                if let Some(r) = role_index(role) {
                    profile.role_weight[r] += weight * credit.share;
                }
                profile.responsibilities.insert(credit.responsibility);
            }
        }
    }
    profiles
}

fn person_record(names: &SharedNames, tasks: &[TaskRecord], profile: &Profile) -> Person {
    let count = |status| {
        profile
            .tasks
            .iter()
            .filter(|&&t| tasks[t].verdict.status == status)
            .count()
    };
    let total = profile.total_weight();
    let mut role_mix = BTreeMap::new();
    if total > 0.0 {
        for (role, weight) in names.roles.iter().zip(&profile.role_weight) {
            role_mix.insert(role.clone(), round3(weight / total));
        }
        role_mix.insert(
            names.unmatched.clone(),
            round3(profile.unmatched_weight / total),
        );
    }
    let efforts: Vec<f64> = profile
        .tasks
        .iter()
        .filter_map(|&t| tasks[t].effort)
        .collect();
    Person {
        name: profile.name.clone(),
        title: profile.title.clone(),
        team: profile.team.clone(),
        title_role: profile.title_role.map(|r| names.roles[r].clone()),
        tasks: profile.tasks.len(),
        matched: count(MatchStatus::Matched),
        ambiguous: count(MatchStatus::Ambiguous),
        unmatched: count(MatchStatus::Unmatched),
        effort: (!efforts.is_empty()).then(|| round3(efforts.iter().sum())),
        role_mix,
        responsibilities: profile
            .responsibilities
            .iter()
            .map(|&r| names.responsibilities[r].0.clone())
            .collect(),
    }
}
