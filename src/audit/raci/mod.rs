//! The RACI rules, checked on every responsibility matrix the input held.
//!
//! They are the rules RACI practice agrees on: one Accountable party per task, someone
//! Responsible for doing it, few enough doers and consultees that the work can move, and
//! every party of the chart carrying some of it without carrying most of it. The last rule
//! joins the chart to the rubrics: one responsibility answered for by people of different
//! titles is an accountability overlap, which no single row of the chart can show.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::{AuditSettings, Finding, FindingKind, Severity, TaskId, TaskRecord};
use crate::input::{column_letters, Location};
use crate::layout::{Chart, ChartTask, Mark, Marks};
use crate::rubric::Rubric;
use crate::text::{and_list, capped_list, slug};

/// Where a task stands within its file: "sheet \"Plan\", cell B7".
fn place(location: &Location) -> String {
    let cell = match (location.row, location.column) {
        (Some(row), Some(column)) => format!("cell {}{row}", column_letters(column)),
        (Some(row), None) => format!("row {row}"),
        (None, Some(column)) => format!("column {}", column_letters(column)),
        (None, None) => String::new(),
    };
    match &location.sheet {
        Some(sheet) => format!("sheet \"{sheet}\", {cell}"),
        None => cell,
    }
}

/// Marks of one kind on a task: the parties' names.
fn holders(chart: &Chart, task: &ChartTask, wanted: impl Fn(Marks) -> bool) -> Vec<String> {
    task.marks
        .iter()
        .filter(|(_, m)| wanted(*m))
        .map(|(p, _)| chart.parties[*p].name.clone())
        .collect()
}

/// Each name made unique in order: a name met again gets "-2", "-3". Real charts repeat a
/// task under several phases ("Develop MVP") and templates repeat a placeholder party, and a
/// finding id must name one thing.
fn numbered(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    names
        .into_iter()
        .map(|name| {
            let count = seen.entry(name.clone()).or_default();
            *count += 1;
            match *count {
                1 => name,
                n => format!("{name}-{n}"),
            }
        })
        .collect()
}

/// How each task of a chart is named in finding ids: by its text, by its group and text
/// when the text recurs in other groups, numbered when even that recurs.
fn task_subjects(chart: &Chart) -> Vec<String> {
    let mut texts: BTreeMap<String, usize> = BTreeMap::new();
    for task in &chart.tasks {
        *texts.entry(slug(&task.text)).or_default() += 1;
    }
    numbered(chart.tasks.iter().map(|task| {
        let text = slug(&task.text);
        match &task.group {
            Some(group) if texts[&text] > 1 => format!("{}/{text}", slug(group)),
            _ => text,
        }
    }))
}

/// Where a chart is named in ids: by its sheet when several charts were read.
fn id_prefix(chart: &Chart, qualify_sheet: bool) -> String {
    match (&chart.sheet, qualify_sheet) {
        (Some(sheet), true) => format!("{}/", slug(sheet)),
        _ => String::new(),
    }
}

/// A finding about one task: its id names the task (and the sheet when several charts
/// were read), never its position.
struct TaskFinding<'a> {
    task: &'a ChartTask,
    /// The task's name in ids, sheet first when it needs one.
    subject: String,
    /// Whether another task of the chart has the same group and text, so that only its
    /// line tells its assignments from that task's.
    repeated: bool,
    /// The chart assignments of the same sheet, text and group.
    records: &'a [&'a TaskRecord],
}

impl TaskFinding<'_> {
    fn id(&self, kind: FindingKind) -> String {
        format!("{kind}:{}", self.subject)
    }

    /// Whether an assignment of the same text and group was read from this task's line:
    /// when those repeat, its mark is in the task's row (or column, turned over).
    fn holds(&self, record: &TaskRecord) -> bool {
        let at = &self.task.location;
        !self.repeated || at.row == Some(record.row) || at.column == Some(record.column)
    }

    fn finding(
        &self,
        kind: FindingKind,
        severity: Severity,
        people: Vec<String>,
        message: String,
        advice: Arc<str>,
    ) -> Finding {
        Finding {
            id: self.id(kind),
            kind,
            severity,
            people: people.into_iter().map(Arc::from).collect(),
            responsibilities: Vec::new(),
            tasks: self
                .records
                .iter()
                .filter(|t| self.holds(t))
                .map(|t| t.id)
                .collect(),
            message: format!(
                "\"{}\" ({}) {message}",
                self.task.text,
                place(&self.task.location)
            ),
            advice,
        }
    }
}

/// Every finding of the rules one chart can show by itself; [`accountability_overlaps`]
/// needs the matcher's reading of the tasks too.
pub(super) fn findings(
    charts: &[Chart],
    tasks: &[TaskRecord],
    settings: &AuditSettings,
) -> Vec<Finding> {
    // Each task's finding lists the assignments read from its line: looked up by line, as
    // a chart of a million marks has a million assignments.
    let mut by_line: HashMap<LineKey<'_>, Vec<&TaskRecord>> = HashMap::new();
    for record in tasks.iter().filter(|r| r.raci.is_some()) {
        let key = (
            record.sheet.as_deref(),
            &*record.task,
            record.group.as_deref(),
        );
        by_line.entry(key).or_default().push(record);
    }
    let mut out = Vec::new();
    for chart in charts {
        out.extend(task_rules(chart, charts.len() > 1, &by_line, settings));
        out.extend(party_rules(chart, charts.len() > 1, settings));
    }
    out
}

/// A chart line's sheet, task text and group.
type LineKey<'a> = (Option<&'a str>, &'a str, Option<&'a str>);

fn task_rules(
    chart: &Chart,
    qualify_sheet: bool,
    by_line: &HashMap<LineKey<'_>, Vec<&TaskRecord>>,
    settings: &AuditSettings,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let parties = chart.parties.len();
    // One party's chart shows its own part of each task, not who else holds the rest:
    // only a task it leaves unmarked says anything.
    let alone = parties == 1;
    let prefix = id_prefix(chart, qualify_sheet);
    let mut lines: BTreeMap<(&Option<String>, &str), usize> = BTreeMap::new();
    for task in &chart.tasks {
        *lines.entry((&task.group, &task.text)).or_default() += 1;
    }
    for (task, subject) in chart.tasks.iter().zip(task_subjects(chart)) {
        let about = TaskFinding {
            task,
            subject: format!("{prefix}{subject}"),
            repeated: lines[&(&task.group, task.text.as_str())] > 1,
            records: by_line
                .get(&(
                    chart.sheet.as_deref(),
                    task.text.as_str(),
                    task.group.as_deref(),
                ))
                .map_or(&[], Vec::as_slice),
        };
        let before = out.len();
        if task.marks.is_empty() && !task.unread.is_empty() {
            out.push(unread_only(&about));
        } else if task.marks.is_empty() {
            out.push(unassigned(&about));
        } else if !alone {
            marked_task_rules(chart, &about, settings, &mut out);
        }
        if !task.unread.is_empty() {
            for finding in &mut out[before..] {
                hedge_for_unread(finding, task);
            }
        }
    }
    out
}

/// The marks on a task's line read as no RACI mark, in words: `"Q" in E5 (quality review,
/// by the sheet's legend)`, the first few.
fn unread_marks(task: &ChartTask) -> String {
    const NAMED: usize = 3;
    let mut said: Vec<String> = task
        .unread
        .iter()
        .take(NAMED)
        .map(|m| match &m.explained {
            Some(words) => format!(
                "\"{}\" in {} ({words}, by the sheet's legend)",
                m.text, m.cell
            ),
            None => format!("\"{}\" in {}", m.text, m.cell),
        })
        .collect();
    if task.unread.len() > NAMED {
        said.push(format!("{} more", task.unread.len() - NAMED));
    }
    said.join(", ")
}

/// A task whose only marks are none that RACI reads: unknown letters, or meanings the
/// sheet's legend gives outside RACI. Nobody is known to hold it, but one of those marks
/// may mean so: said as unsure, never as a known break of the rules.
fn unread_only(about: &TaskFinding<'_>) -> Finding {
    about.finding(
        FindingKind::RaciUnassigned,
        Severity::Low,
        Vec::new(),
        format!(
            "has no mark read as Responsible, Accountable, Consulted or Informed: its only marks, {}, have no RACI meaning rolecall could read, so whether anyone holds it is unsure.",
            unread_marks(about.task)
        ),
        "Check what those marks mean; write them as RACI letters, or explain them in a legend on the sheet (\"Q = Quality review\").".into(),
    )
}

/// A rule that finds nobody Responsible or Accountable on a line with marks it could not
/// read says so with less certainty: one of those marks may be the missing letter.
fn hedge_for_unread(finding: &mut Finding, task: &ChartTask) {
    if !matches!(
        finding.kind,
        FindingKind::RaciNoAccountable | FindingKind::RaciNoResponsible
    ) {
        return;
    }
    finding.severity = Severity::Low;
    finding.message = format!(
        "{} Unsure: the line also holds {}, which rolecall could not read as a RACI mark.",
        finding.message,
        unread_marks(task)
    );
}

/// A task with no marks at all; said with less certainty when it reads like a heading.
fn unassigned(about: &TaskFinding<'_>) -> Finding {
    let nobody = "has no marks: nobody is responsible, accountable, consulted or informed.";
    if about.task.may_be_heading {
        about.finding(
            FindingKind::RaciUnassigned,
            Severity::Medium,
            Vec::new(),
            format!("{nobody} It reads like a heading too (short, no verb)."),
            "If it heads the rows under it, end it with a colon and it is read as one; otherwise mark who is Responsible and Accountable for it.".into(),
        )
    } else {
        about.finding(
            FindingKind::RaciUnassigned,
            Severity::High,
            Vec::new(),
            nobody.into(),
            "Mark who is Responsible and who is Accountable for it, or remove it if it is no longer work.".into(),
        )
    }
}

/// The rules of a marked task on a chart of several parties: one Accountable party,
/// someone to do the work, and not too many doers or consultees.
fn marked_task_rules(
    chart: &Chart,
    about: &TaskFinding<'_>,
    settings: &AuditSettings,
    out: &mut Vec<Finding>,
) {
    let (task, parties) = (about.task, chart.parties.len());
    let accountable = holders(chart, task, |m| m.has(Mark::Accountable));
    let responsible = holders(chart, task, |m| m.has(Mark::Responsible));
    let consulted = holders(chart, task, |m| m.has(Mark::Consulted));
    match accountable.len() {
        0 => out.push(about.finding(
            FindingKind::RaciNoAccountable,
            Severity::High,
            Vec::new(),
            "has no Accountable party: nobody answers for the outcome.".into(),
            match responsible.as_slice() {
                [only] => format!("Consider making {only} Accountable as well, or name the one party who answers for it.").into(),
                _ => "Name the one party who answers for the outcome and mark them A.".into(),
            },
        )),
        1 => {}
        n => out.push(about.finding(
            FindingKind::RaciMultipleAccountable,
            Severity::High,
            accountable.clone(),
            format!(
                "has {n} Accountable parties ({}): when everyone answers for it, nobody does.",
                capped_list(&accountable)
            ),
            format!(
                "Keep one Accountable party, for example {}, and make the others Responsible or Consulted.",
                accountable[0]
            ).into(),
        )),
    }
    let doers = if settings.strict_raci {
        responsible.len()
    } else {
        responsible.len() + accountable.len()
    };
    if doers == 0 {
        out.push(about.finding(
            FindingKind::RaciNoResponsible,
            Severity::High,
            Vec::new(),
            if settings.strict_raci && !accountable.is_empty() {
                format!(
                    "has nobody Responsible: {} is Accountable, but nobody is named to do the work.",
                    and_list(&accountable)
                )
            } else {
                "has nobody Responsible or Accountable: nobody is named to do the work.".into()
            },
            "Name who does the work and mark them R.".into(),
        ));
    }
    if responsible.len() >= 3 {
        out.push(about.finding(
            FindingKind::RaciManyResponsible,
            Severity::Medium,
            responsible.clone(),
            format!(
                "has {} Responsible parties ({}).",
                responsible.len(),
                capped_list(&responsible)
            ),
            "Consider splitting the task into parts with one Responsible party each, or naming one of them to lead it.".into(),
        ));
    }
    // More than half the chart, and more than three voices: on a chart of five, consulting
    // the other three is how a small team works.
    if consulted.len() * 2 > parties && consulted.len() > 3 {
        out.push(about.finding(
            FindingKind::RaciConsultationOverload,
            Severity::Medium,
            consulted.clone(),
            format!(
                "consults {} of the chart's {parties} parties ({}): that many voices slow every decision.",
                consulted.len(),
                capped_list(&consulted)
            ),
            "Consider consulting only those whose input changes the decision, and marking the rest I (informed).".into(),
        ));
    }
}

fn party_rules(chart: &Chart, qualify_sheet: bool, settings: &AuditSettings) -> Vec<Finding> {
    let mut out = Vec::new();
    let total = chart.tasks.len();
    let where_ = match (&chart.sheet, qualify_sheet) {
        (Some(sheet), true) => format!(" on sheet \"{sheet}\""),
        _ => String::new(),
    };
    let prefix = id_prefix(chart, qualify_sheet);
    let subjects = numbered(chart.parties.iter().map(|p| slug(&p.name)));
    // Per party: how many of each mark it holds, and how many tasks it does: Responsible,
    // or Accountable on a row nobody is Responsible for. An Accountable mark over someone
    // else's R is an owner answering for the work, which is no load; a chart's owner is
    // Accountable for most rows by design. Counted in one walk over the marks, as a chart
    // may be a thousand parties wide and a thousand tasks long.
    let mut tallies: Vec<(BTreeMap<Mark, usize>, usize)> =
        vec![(BTreeMap::new(), 0); chart.parties.len()];
    for task in &chart.tasks {
        let anyone_responsible = task.marks.iter().any(|(_, m)| m.has(Mark::Responsible));
        for (index, marks) in &task.marks {
            let Some((counts, owned)) = tallies.get_mut(*index) else {
                continue;
            };
            for mark in marks.iter() {
                *counts.entry(mark).or_default() += 1;
            }
            let does = marks.has(Mark::Responsible)
                || (marks.has(Mark::Accountable) && !anyone_responsible);
            *owned += usize::from(does);
        }
    }
    // Overload is judged against the chart's own spread: on a team of three, each party is
    // Responsible or Accountable for a third of the tasks or more by construction, which is
    // no bottleneck; a party doing more than twice as much as the average party is.
    let average = tallies.iter().map(|(_, owned)| *owned).sum::<usize>() as f64
        / chart.parties.len().max(1) as f64;
    for ((party, (counts, owned)), subject) in chart.parties.iter().zip(tallies).zip(subjects) {
        let id = |kind: FindingKind| format!("{kind}:{prefix}{subject}");
        let share = owned as f64 / total.max(1) as f64;
        // A lone party carries all of its own chart by construction.
        if chart.parties.len() > 1
            && share > settings.raci_overload_share
            && owned as f64 > 2.0 * average
        {
            out.push(Finding {
                id: id(FindingKind::RaciOverload),
                kind: FindingKind::RaciOverload,
                severity: Severity::Medium,
                people: vec![party.name.as_str().into()],
                responsibilities: Vec::new(),
                tasks: Vec::new(),
                message: format!(
                    "{} does {} of the chart's {total} tasks{where_} (Responsible, or Accountable with nobody Responsible: {:.0}%, above {:.0}%, where the average party does {:.1}): a bottleneck and a single point of failure.",
                    party.name,
                    owned,
                    share * 100.0,
                    settings.raci_overload_share * 100.0,
                    average
                ),
                advice: format!(
                    "Consider moving some of {}'s R marks to others, starting with tasks where they are not also Accountable.",
                    party.name
                ).into(),
            });
        }
        // A party only Consulted or Informed is on the chart by design: a sponsor, a
        // stakeholder. Underloaded is a party with no mark at all.
        if counts.is_empty() {
            out.push(Finding {
                id: id(FindingKind::RaciUnderload),
                kind: FindingKind::RaciUnderload,
                severity: Severity::Low,
                people: vec![party.name.as_str().into()],
                responsibilities: Vec::new(),
                tasks: Vec::new(),
                message: format!(
                    "{} is on the chart{where_} but has no mark on any of its {total} tasks.",
                    party.name,
                ),
                advice: format!(
                    "Check that {} belongs on the chart, and that none of the work they do is missing from it.",
                    party.name
                ).into(),
            });
        }
    }
    out
}

/// A responsibility whose tasks have Accountable parties of different titles. Two titles
/// on one task are that task's split accountability, reported once as such; an overlap
/// needs them on different tasks.
///
/// Only confident matches count: two rows read as one responsibility on weak evidence are
/// more likely two different deliverables than a split.
pub(super) fn accountability_overlaps(
    rubric: &Rubric,
    tasks: &[TaskRecord],
    confidence: f64,
) -> Vec<Finding> {
    struct Holder<'a> {
        task: (&'a Option<Arc<str>>, &'a str),
        title: &'a str,
        person: &'a str,
        id: TaskId,
    }
    let mut by_responsibility: BTreeMap<&str, Vec<Holder<'_>>> = BTreeMap::new();
    for task in tasks {
        let (Some(marks), Some(responsibility), Some(title)) = (
            task.raci,
            task.verdict.responsibility.as_deref(),
            task.title.as_deref(),
        ) else {
            continue;
        };
        if marks.has(Mark::Accountable) && task.is_sure(confidence) {
            by_responsibility
                .entry(responsibility)
                .or_default()
                .push(Holder {
                    task: (&task.sheet, &*task.task),
                    title,
                    person: &task.person,
                    id: task.id,
                });
        }
    }
    let mut out = Vec::new();
    for (responsibility, holders) in by_responsibility {
        let split = holders.iter().any(|a| {
            holders
                .iter()
                .any(|b| a.task != b.task && a.title != b.title)
        });
        if !split {
            continue;
        }
        let label = rubric
            .responsibilities
            .iter()
            .find(|r| r.id == responsibility)
            .map_or_else(
                || responsibility.to_string(),
                |r| {
                    let role = rubric
                        .role(&r.role)
                        .map_or(r.role.as_str(), |role| role.name.as_str());
                    format!("\"{}\" ({role})", r.title)
                },
            );
        let named: BTreeSet<String> = holders
            .iter()
            .map(|h| format!("{} ({}) on \"{}\"", h.person, h.title, h.task.1))
            .collect();
        let people: BTreeSet<&str> = holders.iter().map(|h| h.person).collect();
        out.push(Finding {
            id: format!("{}:{responsibility}", FindingKind::AccountabilityOverlap),
            kind: FindingKind::AccountabilityOverlap,
            severity: Severity::High,
            people: people.into_iter().map(Arc::from).collect(),
            responsibilities: vec![Arc::from(responsibility)],
            tasks: holders.iter().map(|h| h.id).collect(),
            advice: format!(
                "Consider one title answering for {label} on every task, for example {}.",
                holders[0].title
            )
            .into(),
            message: format!(
                "{label} is answered for by people of different titles: {} {} Accountable.",
                capped_list(&named.into_iter().collect::<Vec<_>>()),
                if holders.len() == 2 {
                    "are each"
                } else {
                    "are all"
                }
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests;
