//! Verdicts as task records hold them: the rubric's names and each distinct text's verdict
//! are shared (`Arc`) by every record that names them, which keeps a million-task report
//! within memory.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::settings::EvidenceDetail;
use super::{MatchRecord, OtherWorkRecord, RoleScoreRecord, TaskId, TaskRecord, VerdictRecord};
use crate::layout::Assignment;
use crate::matching::{Matcher, TaskMatches, Term};
use crate::rubric::Rubric;
use crate::text::round3;

/// The rubric's names as task records share them.
pub(super) struct SharedNames {
    pub(super) roles: Vec<Arc<str>>,
    /// Per responsibility: its id and its role's id.
    pub(super) responsibilities: Vec<(Arc<str>, Arc<str>)>,
    /// Per area of other work: its id and title.
    pub(super) other_work: Vec<(Arc<str>, Arc<str>)>,
    /// The share of a person's work no role explains, as their role mix names it.
    pub(super) unmatched: Arc<str>,
}

impl SharedNames {
    pub(super) fn new(rubric: &Rubric) -> SharedNames {
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

/// One text's verdict as its task records hold it.
pub(super) struct SharedVerdict {
    pub(super) text: Arc<str>,
    /// The responsibilities a task of this text is credited to (see [`Matcher::contenders`]).
    pub(super) contenders: Vec<usize>,
    pub(super) record: Arc<VerdictRecord>,
}

impl SharedVerdict {
    pub(super) fn new(
        names: &SharedNames,
        matcher: &Matcher<'_>,
        text: &str,
        verdict: TaskMatches,
        detail: EvidenceDetail,
        words: &mut Words,
    ) -> SharedVerdict {
        let contenders: Vec<usize> = matcher
            .contenders(&verdict)
            .iter()
            .map(|m| m.responsibility)
            .collect();
        let best = verdict
            .best()
            .map(|m| names.responsibilities[m.responsibility].clone());
        let (responsibility, role) = best.unzip();
        let unmatched = role.is_none();
        let record = VerdictRecord {
            role,
            responsibility,
            score: verdict.score(),
            status: verdict.status,
            labelled_by: verdict.source.labelled_by().map(Arc::from),
            // Every contender is kept, whatever its likelihood: the report names them.
            roles: fitted(
                verdict
                    .roles
                    .into_iter()
                    .enumerate()
                    .filter(|(rank, r)| {
                        detail.keeps(*rank, r.score)
                            || contenders.contains(&r.responsibility.responsibility)
                    })
                    .map(|(rank, r)| RoleScoreRecord {
                        role: names.roles[r.role].clone(),
                        score: r.score,
                        evidence: kept(detail, r.evidence.terms, rank == 0, words),
                    })
                    .collect(),
            ),
            matches: fitted(
                verdict
                    .ranked
                    .into_iter()
                    .enumerate()
                    .filter(|(rank, m)| {
                        detail.keeps(*rank, m.score) || contenders.contains(&m.responsibility)
                    })
                    .map(|(_, m)| {
                        let (id, role) = &names.responsibilities[m.responsibility];
                        MatchRecord {
                            role: role.clone(),
                            responsibility: id.clone(),
                            score: m.score,
                            evidence: kept(detail, m.evidence.terms, false, words),
                        }
                    })
                    .collect(),
            ),
            // Only an unmatched task is read as other work (`VerdictRecord::evidence`).
            other_work: verdict
                .other
                .filter(|o| unmatched || detail.keeps(1, o.score))
                .map(|o| {
                    let (area, title) = &names.other_work[o.area];
                    OtherWorkRecord {
                        area: area.clone(),
                        title: title.clone(),
                        score: o.score,
                        evidence: kept(detail, o.evidence.terms, unmatched, words),
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

/// The words a record keeps: all under `Full`; under `Top` none unless `read` (a record a
/// report shows the words of), and then the heaviest few for and against. The matcher lists
/// the words heaviest first, so the first of each sign are the heaviest.
fn kept(detail: EvidenceDetail, terms: Vec<Term>, read: bool, words: &mut Words) -> Vec<Term> {
    let mut terms = match detail {
        EvidenceDetail::Full => terms,
        EvidenceDetail::Top if !read => Vec::new(),
        EvidenceDetail::Top => {
            let (mut pros, mut cons) = (0, 0);
            fitted(
                terms
                    .into_iter()
                    .filter(|t| {
                        let (count, most) = if t.weight > 0.0 {
                            (&mut pros, EvidenceDetail::TOP_FOR)
                        } else {
                            (&mut cons, EvidenceDetail::TOP_AGAINST)
                        };
                        *count += 1;
                        *count <= most
                    })
                    .collect(),
            )
        }
    };
    for term in &mut terms {
        term.term = words.shared(&term.term);
    }
    terms
}

/// One copy of each word the verdicts keep, per matching thread: the matcher names a
/// word afresh for each text, and a hundred thousand verdicts keep the same few thousand
/// words.
#[derive(Default)]
pub(super) struct Words(HashSet<Arc<str>>);

impl Words {
    fn shared(&mut self, word: &Arc<str>) -> Arc<str> {
        if let Some(shared) = self.0.get(word) {
            return shared.clone();
        }
        self.0.insert(word.clone());
        word.clone()
    }
}

/// A list with no spare room: a verdict is kept for each of hundreds of thousands of texts,
/// and a list filtered down keeps the room of the list it came from.
fn fitted<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}

/// One shared copy of each sheet name and task group: a million tasks name a handful.
#[derive(Default)]
pub(super) struct SharedTexts(HashMap<String, Arc<str>>);

impl SharedTexts {
    fn of(&mut self, text: Option<String>) -> Option<Arc<str>> {
        let text = text?;
        if let Some(shared) = self.0.get(&text) {
            return Some(shared.clone());
        }
        let shared: Arc<str> = Arc::from(text.as_str());
        self.0.insert(text, shared.clone());
        Some(shared)
    }
}

/// A task's record; its task line is shared through its verdict.
pub(super) fn task_record(
    id: TaskId,
    assignment: Assignment,
    verdict: &SharedVerdict,
    shared: &mut SharedTexts,
) -> TaskRecord {
    TaskRecord {
        id,
        sheet: shared.of(assignment.sheet),
        row: assignment.row,
        column: assignment.column,
        person: assignment.person,
        title: assignment.title,
        team: assignment.team,
        task: verdict.text.clone(),
        effort: assignment.effort.map(round3),
        raci: assignment.raci,
        group: shared.of(assignment.group),
        verdict: verdict.record.clone(),
    }
}
