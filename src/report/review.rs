//! `rolecall review`'s file: the task lines a person should look at, one row per distinct
//! text, most consequential first, with an empty `label` column to fill in and hand back
//! with `--labels`. The column names `task` and `label` are the labels file's: the file
//! that goes out is the file that comes back.
//!
//! Listed: ambiguous lines, lines matched below the findings' confidence bar (weak), lines
//! the model cannot place (unmatched), and after all of those the lines it reads as
//! another job's work (other work): those are verdicts too, and a team may well mean
//! otherwise, but they are confirmed more often than corrected.
//!
//! The order is the review's score, highest first: the findings (other than these review
//! lists themselves) whose tasks include the line, then its hours of effort, then how many
//! people carry it, then its rows, then the reason (ambiguous, weak, unmatched), then the
//! text. A line behind a finding changes what the audit says once labelled; a line of many
//! hours changes the role mixes most. Ties end on the text, so the file is the same bytes
//! every run.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::formula::Neutralised;
use super::ReportError;
use crate::audit::{AuditReport, OtherWorkRecord, PdfHome, TaskRecord};
use crate::matching::{Carried, Evidence, MatchStatus, Matcher, TaskMatches};

/// The file's columns, in order; `task` and `label` are what `--labels` reads back.
pub const HEADERS: [&str; 17] = [
    "task",
    "why",
    "people",
    "rows",
    "effort",
    "findings",
    "role 1",
    "probability 1",
    "responsibility 1",
    "evidence 1",
    "role 2",
    "probability 2",
    "responsibility 2",
    "evidence 2",
    "carried by",
    "how to fix",
    "label",
];

/// The rows a summary line speaks of: the first page of a review, the ones that matter.
pub const FIRST_ROWS: usize = 20;

/// Why a line is listed, in the order ties are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    Ambiguous,
    Weak,
    Unmatched,
    OtherWork,
}

impl Why {
    pub fn name(self) -> &'static str {
        match self {
            Why::Ambiguous => "ambiguous",
            Why::Weak => "weak",
            Why::Unmatched => "unmatched",
            Why::OtherWork => "other work",
        }
    }
}

/// One distinct task text to review.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub task: Arc<str>,
    pub why: Why,
    /// The area of other work, for [`Why::OtherWork`].
    pub area: Option<OtherWorkRecord>,
    /// People who do or own it (a RACI chart's C and I marks do not carry work).
    pub people: usize,
    pub rows: usize,
    /// Hours per week over its rows with an effort, when any has one.
    pub effort: Option<f64>,
    /// Findings, other than the review lists, whose tasks include it.
    pub findings: usize,
    pub verdict: TaskMatches,
    pub carried: Option<Carried>,
    pub fix: String,
}

/// Everything to review, in the review's order.
pub struct Review {
    pub items: Vec<ReviewItem>,
    /// How many distinct task texts the sheet has.
    pub distinct: usize,
}

/// The rows of one task text, gathered.
struct Lines<'r> {
    first: &'r TaskRecord,
    people: HashSet<&'r str>,
    rows: HashSet<(Option<&'r str>, u32)>,
    effort: Option<f64>,
    findings: usize,
}

impl Review {
    /// The lines of `report` to review. `matcher` must be the one the audit matched with:
    /// it is asked again for each listed line's runners-up and the words that carried it.
    pub fn new(report: &AuditReport, matcher: &Matcher<'_>, confidence: f64) -> Review {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut lines: Vec<Lines<'_>> = Vec::new();
        let mut of_task = HashMap::with_capacity(report.tasks.len());
        for task in &report.tasks {
            let at = *index.entry(&task.task).or_insert_with(|| {
                lines.push(Lines {
                    first: task,
                    people: HashSet::new(),
                    rows: HashSet::new(),
                    effort: None,
                    findings: 0,
                });
                lines.len() - 1
            });
            of_task.insert(task.id, at);
            let line = &mut lines[at];
            if task.carries_work() {
                line.people.insert(&task.person);
            }
            line.rows.insert((task.sheet.as_deref(), task.row));
            if let Some(hours) = task.effort {
                line.effort = Some(line.effort.unwrap_or(0.0) + hours);
            }
        }
        // The review lists name every listed line: they are this file, not what it moves.
        for finding in report
            .findings
            .iter()
            .filter(|f| f.kind.pdf_home() != PdfHome::AppendixOnly)
        {
            let fed: HashSet<usize> = finding
                .tasks
                .iter()
                .filter_map(|id| of_task.get(id).copied())
                .collect();
            for at in fed {
                lines[at].findings += 1;
            }
        }
        let distinct = lines.len();
        let listed: Vec<(Lines<'_>, Why, Option<OtherWorkRecord>)> = lines
            .into_iter()
            .filter_map(|line| {
                let (why, area) = why_listed(line.first, confidence)?;
                Some((line, why, area))
            })
            .collect();
        let mut items: Vec<ReviewItem> = listed
            .into_par_iter()
            .map(|(line, why, area)| item(matcher, line, why, area))
            .collect();
        items.sort_by(|a, b| {
            (a.why == Why::OtherWork)
                .cmp(&(b.why == Why::OtherWork))
                .then(b.findings.cmp(&a.findings))
                .then(b.effort.unwrap_or(0.0).total_cmp(&a.effort.unwrap_or(0.0)))
                .then(b.people.cmp(&a.people))
                .then(b.rows.cmp(&a.rows))
                .then(a.why.cmp(&b.why))
                .then(a.task.cmp(&b.task))
        });
        Review { items, distinct }
    }

    /// "12 tasks to review of 40 distinct; the first 12 carry 35% of their effort".
    pub fn summary(&self) -> String {
        let listed = self.items.len();
        if listed == 0 {
            return format!("no task to review of {} distinct", self.distinct);
        }
        let first = listed.min(FIRST_ROWS);
        let share = |of: fn(&ReviewItem) -> f64| {
            let whole: f64 = self.items.iter().map(of).sum();
            let part: f64 = self.items[..first].iter().map(of).sum();
            (part / whole.max(f64::MIN_POSITIVE) * 100.0).round()
        };
        let carried = if self.items.iter().any(|i| i.effort.is_some()) {
            format!("{}% of their effort", share(|i| i.effort.unwrap_or(0.0)))
        } else {
            format!("{}% of their rows", share(|i| i.rows as f64))
        };
        format!(
            "{listed} tasks to review of {} distinct; the first {first} carry {carried}",
            self.distinct
        )
    }

    /// The review as an Excel workbook.
    pub fn xlsx(&self, matcher: &Matcher<'_>) -> Result<Vec<u8>, ReportError> {
        super::xlsx::review_workbook(self, matcher)
    }

    /// The review as CSV: formula-safe cells, and a byte order mark when `bom` (a file,
    /// which a spreadsheet opens; not stdout, which a script reads).
    pub fn csv(&self, matcher: &Matcher<'_>, bom: bool) -> Result<Vec<u8>, ReportError> {
        let failed = |e: ::csv::Error| ReportError::Render {
            format: "CSV",
            message: e.to_string(),
        };
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(super::csv::BOM);
        }
        let mut writer = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(bytes);
        writer.write_record(HEADERS).map_err(failed)?;
        for item in &self.items {
            writer
                .serialize(Neutralised(&row(matcher, item)))
                .map_err(failed)?;
        }
        writer.into_inner().map_err(|e| ReportError::Render {
            format: "CSV",
            message: e.to_string(),
        })
    }
}

/// Why a task's line is to be reviewed, if it is; and the area of other work it reads as.
fn why_listed(task: &TaskRecord, confidence: f64) -> Option<(Why, Option<OtherWorkRecord>)> {
    // The team has answered a labelled task already: its verdict is theirs, not the model's.
    if task.verdict.labelled_by.is_some() {
        return None;
    }
    match task.verdict.status {
        MatchStatus::Ambiguous => Some((Why::Ambiguous, None)),
        MatchStatus::Matched if !task.is_sure(confidence) => Some((Why::Weak, None)),
        MatchStatus::Matched => None,
        MatchStatus::Unmatched => Some(match task.other_work() {
            Some(other) => (Why::OtherWork, Some(other.clone())),
            None => (Why::Unmatched, None),
        }),
    }
}

fn item(
    matcher: &Matcher<'_>,
    line: Lines<'_>,
    why: Why,
    area: Option<OtherWorkRecord>,
) -> ReviewItem {
    let task = line.first.task.clone();
    let verdict = matcher.classify(&task);
    let carried = matcher.carried_by(&task, &verdict);
    let fix = match &carried {
        Some(carried) => carried.fix.clone(),
        None => fix(matcher, &verdict, why, area.as_ref()),
    };
    ReviewItem {
        task,
        why,
        area,
        people: line.people.len(),
        rows: line.rows.len(),
        effort: line.effort,
        findings: line.findings,
        verdict,
        carried,
        fix,
    }
}

/// What to put in the label column when no one word carried the verdict.
fn fix(
    matcher: &Matcher<'_>,
    verdict: &TaskMatches,
    why: Why,
    area: Option<&OtherWorkRecord>,
) -> String {
    let rubric = matcher.rubric();
    let role = |rank: usize| verdict.roles.get(rank).map(|r| &rubric.roles[r.role]);
    match (why, role(0), role(1)) {
        (Why::Ambiguous, Some(first), Some(second)) => format!(
            "split between {} and {}: label it with the role that owns it (\"{}\" or \"{}\"), or split the line into one per part",
            first.name, second.name, first.id, second.id
        ),
        (Why::Weak, Some(first), _) => format!(
            "a weak {} match: label it \"{}\" to confirm, or with the role or responsibility it is",
            first.name, first.id
        ),
        (Why::OtherWork, _, _) => format!(
            "reads as other work ({}): label it \"{}\" to confirm, or with the role it is",
            area.map_or("", |a| &*a.title),
            area.map_or("none", |a| &*a.area)
        ),
        _ => "label it with its role or responsibility, or \"none\" if it is no role's work"
            .to_string(),
    }
}

/// One row of the file, its fields in [`HEADERS`]' order.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    pub(super) task: &'a str,
    pub(super) why: String,
    pub(super) people: usize,
    pub(super) rows: usize,
    pub(super) effort: Option<f64>,
    pub(super) findings: usize,
    pub(super) role_1: &'a str,
    pub(super) probability_1: Option<f64>,
    pub(super) responsibility_1: &'a str,
    pub(super) evidence_1: String,
    pub(super) role_2: &'a str,
    pub(super) probability_2: Option<f64>,
    pub(super) responsibility_2: &'a str,
    pub(super) evidence_2: String,
    pub(super) carried_by: &'a str,
    pub(super) how_to_fix: &'a str,
    /// Always empty: the reviewer's to fill in.
    pub(super) label: &'static str,
}

/// An item's row: the two likeliest roles with their closest responsibility (by id, as a
/// label takes it), probability and the words that carried each.
pub(super) fn row<'a>(matcher: &'a Matcher<'_>, item: &'a ReviewItem) -> Row<'a> {
    let rubric = matcher.rubric();
    let role = |rank: usize| {
        item.verdict
            .roles
            .get(rank)
            .map_or(("", None, "", String::new()), |r| {
                (
                    rubric.roles[r.role].name.as_str(),
                    Some(r.score),
                    rubric.responsibilities[r.responsibility.responsibility]
                        .id
                        .as_str(),
                    Evidence::text(&r.evidence.terms),
                )
            })
    };
    let (role_1, probability_1, responsibility_1, evidence_1) = role(0);
    let (role_2, probability_2, responsibility_2, evidence_2) = role(1);
    Row {
        task: &item.task,
        why: match &item.area {
            Some(area) => format!("{}: {}", item.why.name(), area.title),
            None => item.why.name().to_string(),
        },
        people: item.people,
        rows: item.rows,
        effort: item.effort,
        findings: item.findings,
        role_1,
        probability_1,
        responsibility_1,
        evidence_1,
        role_2,
        probability_2,
        responsibility_2,
        evidence_2,
        carried_by: item.carried.as_ref().map_or("", |c| c.message.as_str()),
        how_to_fix: &item.fix,
        label: "",
    }
}
