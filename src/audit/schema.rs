//! The report's shape: what an audit gives and every format renders, serialised as the JSON
//! report (whose version is [`SCHEMA_VERSION`]). Apart from the audit that fills it, so a
//! change to the report's shape is a change to this one file.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::Serialize;

use super::{EvidenceDetail, Finding, FindingKind, Provenance, Rollup, TaskId};
use crate::layout::{InputNotes, Marks};
use crate::matching::{MatchStatus, Term};

/// The version of the JSON report's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 5;

// A report holds these for every task, each naming rubric entries: the names are shared
// (`Arc<str>`) rather than copied, which keeps a million-task report within memory.

/// How much of a task one role's vocabulary explains; the verdict is made on these.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleScoreRecord {
    pub role: Arc<str>,
    pub score: f64,
    /// Empty unless kept (see [`super::EvidenceDetail`]).
    pub evidence: Vec<Term>,
}

/// One responsibility a task resembles.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRecord {
    pub role: Arc<str>,
    pub responsibility: Arc<str>,
    pub score: f64,
    /// Empty unless kept (see [`super::EvidenceDetail`]).
    pub evidence: Vec<Term>,
}

/// The area of other work a task reads as.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherWorkRecord {
    pub area: Arc<str>,
    pub title: Arc<str>,
    pub score: f64,
    /// Empty unless kept (see [`super::EvidenceDetail`]).
    pub evidence: Vec<Term>,
}

/// One assignment with its verdict. In JSON, its own fields and its verdict's id: the
/// verdicts are listed apart, once per distinct text.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub id: TaskId,
    /// Shared by every task of the sheet, as the group by every task of the group.
    pub sheet: Option<Arc<str>>,
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
    pub group: Option<Arc<str>>,
    /// Shared by every task of the same text: a verdict depends on the text alone.
    pub verdict: Arc<VerdictRecord>,
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

impl TaskRecord {
    /// The task's own fields, for a report to write beside the id of its verdict, which
    /// many tasks share and the report lists once.
    pub fn own_fields<M: SerializeMap>(&self, fields: &mut M) -> Result<(), M::Error> {
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

    /// Whether its match is confident: matched (not ambiguous) with a role probability of
    /// at least `confidence`.
    pub fn is_sure(&self, confidence: f64) -> bool {
        self.verdict.status == MatchStatus::Matched && self.verdict.score >= confidence
    }

    /// The area of other work an unmatched task plainly is: the model judged it more likely
    /// no role's work than any role's (the areas' probability over one half), and named the
    /// closest area. Such a task is another job's work, not a line the model cannot place.
    pub fn other_work(&self) -> Option<&OtherWorkRecord> {
        match self.verdict.status {
            // Without a word of its own, an area is only the model's prior: no evidence.
            MatchStatus::Unmatched if self.verdict.score > 0.5 => self
                .verdict
                .other_work
                .as_ref()
                .filter(|other| !other.evidence.is_empty()),
            _ => None,
        }
    }

    /// Whether its party does or owns it (see [`crate::layout::Assignment::carries_work`]).
    pub fn carries_work(&self) -> bool {
        self.raci.is_none_or(Marks::carries_work)
    }
}

/// What a task's text was matched to. In JSON, one of the report's `verdicts`.
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
    /// Where the team's label or `[tasks]` pattern that gave the verdict is (`labels.csv
    /// line 12`, `rolecall.toml [tasks] "release *"`); in JSON only when there is one.
    pub labelled_by: Option<Arc<str>>,
}

impl VerdictRecord {
    /// The verdict's fields in the JSON report, after its id and text. The likelihoods of
    /// every role and of the closest responsibilities are maps, best first; the words are
    /// those of what the task reads as, and with `--evidence full` those of every role and
    /// responsibility too.
    pub fn fields<M: SerializeMap>(
        &self,
        fields: &mut M,
        detail: EvidenceDetail,
    ) -> Result<(), M::Error> {
        fields.serialize_entry("status", &self.status)?;
        fields.serialize_entry("role", &self.role)?;
        fields.serialize_entry("responsibility", &self.responsibility)?;
        fields.serialize_entry("score", &self.score)?;
        fields.serialize_entry("evidence", &Words(self.evidence()))?;
        fields.serialize_entry("roles", &Scores(&self.roles, |r| (&r.role, r.score)))?;
        fields.serialize_entry(
            "matches",
            &Scores(&self.matches, |m| (&m.responsibility, m.score)),
        )?;
        fields.serialize_entry(
            "other_work",
            &self.other_work.as_ref().map(|o| OtherWork(o, detail)),
        )?;
        if let Some(origin) = &self.labelled_by {
            fields.serialize_entry("labelled_by", origin)?;
        }
        if detail == EvidenceDetail::Full {
            fields.serialize_entry(
                "role_evidence",
                &Evidence(&self.roles, |r| (&r.role, &r.evidence)),
            )?;
            fields.serialize_entry(
                "match_evidence",
                &Evidence(&self.matches, |m| (&m.responsibility, &m.evidence)),
            )?;
        }
        Ok(())
    }

    /// What reports show as a task's evidence: who labelled it, when the team did, else the
    /// words that carried the verdict.
    pub fn evidence_text(&self) -> String {
        match &self.labelled_by {
            Some(origin) => crate::matching::labelled_text(origin),
            None => crate::matching::Evidence::text(self.evidence()),
        }
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

/// Words and their weights as `["word", weight]` pairs, heaviest first: half the bytes of
/// an object per word, in the list a report holds most of.
struct Words<'a>(&'a [Term]);

impl Serialize for Words<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|t| (&*t.term, t.weight)))
    }
}

/// Records as a map of their ids to their scores, in the records' order.
struct Scores<'a, T>(&'a [T], fn(&'a T) -> (&'a Arc<str>, f64));

impl<T> Serialize for Scores<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(self.1).map(|(id, score)| (&**id, score)))
    }
}

/// Records as a map of their ids to their words.
struct Evidence<'a, T>(&'a [T], fn(&'a T) -> (&'a Arc<str>, &'a Vec<Term>));

impl<T> Serialize for Evidence<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(self.1)
                .map(|(id, terms)| (&**id, Words(terms))),
        )
    }
}

/// The closest area of other work: its id and score, and its words with `--evidence full`
/// (otherwise they are the verdict's own when the task reads as that work).
struct OtherWork<'a>(&'a OtherWorkRecord, EvidenceDetail);

impl Serialize for OtherWork<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, |fields| {
            fields.serialize_entry("area", &self.0.area)?;
            fields.serialize_entry("score", &self.0.score)?;
            if self.1 == EvidenceDetail::Full {
                fields.serialize_entry("evidence", &Words(&self.0.evidence))?;
            }
            Ok(())
        })
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
    pub title: Option<Arc<str>>,
    pub team: Option<Arc<str>>,
    /// The role the title maps to, if any.
    pub title_role: Option<Arc<str>>,
    pub tasks: usize,
    pub matched: usize,
    pub ambiguous: usize,
    pub unmatched: usize,
    pub effort: Option<f64>,
    /// Share of the person's work (by weight) per role id, plus "unmatched"; sums to 1.
    pub role_mix: RoleMix,
    pub responsibilities: Vec<Arc<str>>,
}

/// A person's share of work per role id, plus "unmatched", in order of the ids: a map of
/// four small entries, held as a list because a tree of them cost 280 bytes a person (a
/// quarter of a gigabyte at a million people).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleMix(Vec<(Arc<str>, f64)>);

impl RoleMix {
    /// The mix of these shares, whatever their order.
    pub fn new(mut shares: Vec<(Arc<str>, f64)>) -> RoleMix {
        shares.sort_by(|a, b| a.0.cmp(&b.0));
        shares.shrink_to_fit();
        RoleMix(shares)
    }

    pub fn get(&self, id: &str) -> Option<&f64> {
        self.0
            .iter()
            .find(|(role, _)| &**role == id)
            .map(|(_, share)| share)
    }

    /// Every role id and its share, in order of the ids.
    pub fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &f64)> {
        self.0.iter().map(|(role, share)| (role, share))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for RoleMix {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(role, share)| (&**role, share)))
    }
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
    /// Of the unmatched tasks, those that are plainly another job's work, by area title,
    /// most first (see [`TaskRecord::other_work`]).
    pub other_work: Vec<(Arc<str>, usize)>,
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

/// Everything every report format renders, in one deterministic value. Its JSON is
/// written by `report::json`, which lists each distinct verdict once.
#[derive(Debug, Clone, PartialEq)]
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
