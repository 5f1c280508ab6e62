//! CSV for spreadsheets and scripts: eight flat tables, each row a serde struct so the
//! header can never drift from the columns. A role or responsibility id has its name or
//! title in the next column. A list inside a cell is joined with "; " for a quick read, and
//! the lists a reader filters by (a finding's tasks and responsibilities) also have a long
//! table of their own, one value per row. Every string cell is neutralised against formula
//! injection unless asked for raw text (see `formula`).

use std::fmt::Write as _;
use std::io::{self, Write};

use compact_str::{format_compact, CompactString};

use serde::Serialize;

use super::formula::Neutralised;
use super::names::Names;
use super::verdicts::{Verdict, VerdictId, Verdicts};
use super::{ordered, Body, Render, Rendered, ReportError};
use crate::audit::{AuditReport, Coverage, Finding, Person, RollupRow, TaskId, TaskRecord};
use crate::report::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Tasks,
    Verdicts,
    Coverage,
    Findings,
    FindingTasks,
    FindingResponsibilities,
    People,
    Rollup,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Tasks,
        Table::Verdicts,
        Table::Coverage,
        Table::Findings,
        Table::FindingTasks,
        Table::FindingResponsibilities,
        Table::People,
        Table::Rollup,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Table::Tasks => "tasks.csv",
            Table::Verdicts => "verdicts.csv",
            Table::Coverage => "coverage.csv",
            Table::Findings => "findings.csv",
            Table::FindingTasks => "finding-tasks.csv",
            Table::FindingResponsibilities => "finding-responsibilities.csv",
            Table::People => "people.csv",
            Table::Rollup => "rollup.csv",
        }
    }
}

/// How cells are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Every cell exactly as its text, formulas included (`--raw-csv`): for scripts that
    /// compare or parse the text, never for a spreadsheet.
    pub raw: bool,
    /// Each file opens with a UTF-8 byte order mark (`--csv-bom`): without it Excel and
    /// LibreOffice read the bytes as a Windows code page, and "García" opens as "GarcÃ­a".
    pub bom: bool,
}

/// UTF-8's byte order mark, U+FEFF.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct Csv {
    /// One table only (to stdout or a file); all of them into a folder otherwise.
    pub only: Option<Table>,
    pub options: CsvOptions,
}

#[derive(Serialize)]
pub(super) struct TaskRow<'a> {
    pub(super) id: CompactString,
    pub(super) sheet: &'a str,
    pub(super) row: u32,
    pub(super) person: &'a str,
    pub(super) title: &'a str,
    pub(super) team: &'a str,
    pub(super) task: &'a str,
    pub(super) effort: Option<f64>,
    pub(super) raci: String,
    pub(super) group: &'a str,
    pub(super) status: &'static str,
    pub(super) role: &'a str,
    pub(super) role_name: &'a str,
    pub(super) responsibility: &'a str,
    pub(super) responsibility_title: &'a str,
    pub(super) score: f64,
    pub(super) other_work: &'a str,
    pub(super) verdict: CompactString,
}

/// One distinct task text's verdict: what tasks.csv's rows name by id, with the words and
/// scores behind it.
#[derive(Serialize)]
pub(super) struct VerdictRow<'a> {
    pub(super) verdict: CompactString,
    pub(super) text: &'a str,
    pub(super) tasks: usize,
    pub(super) status: &'static str,
    pub(super) role: &'a str,
    pub(super) role_name: &'a str,
    pub(super) responsibility: &'a str,
    pub(super) responsibility_title: &'a str,
    pub(super) score: f64,
    pub(super) evidence: String,
    pub(super) roles: String,
    pub(super) alternatives: String,
    pub(super) other_work: &'a str,
    pub(super) other_work_score: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct CoverageRow<'a> {
    pub(super) responsibility: &'a str,
    pub(super) responsibility_title: &'a str,
    pub(super) role: &'a str,
    pub(super) role_name: &'a str,
    pub(super) core: bool,
    pub(super) people_count: usize,
    pub(super) people: String,
    pub(super) tasks: String,
    pub(super) weight: f64,
    pub(super) effort: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct FindingRow<'a> {
    pub(super) id: &'a str,
    pub(super) kind: &'static str,
    pub(super) severity: &'static str,
    pub(super) people: String,
    pub(super) responsibilities: String,
    pub(super) responsibility_titles: String,
    pub(super) tasks: String,
    pub(super) message: &'a str,
    pub(super) advice: &'a str,
}

/// One task behind a finding, with what it matched: the long form of a finding's `tasks`.
#[derive(Serialize)]
pub(super) struct FindingTaskRow<'a> {
    pub(super) finding: &'a str,
    pub(super) kind: &'static str,
    pub(super) task_id: CompactString,
    pub(super) person: &'a str,
    pub(super) task: &'a str,
    pub(super) role: &'a str,
    pub(super) role_name: &'a str,
    pub(super) responsibility: &'a str,
    pub(super) responsibility_title: &'a str,
}

/// One responsibility a finding is about: the long form of a finding's `responsibilities`.
#[derive(Serialize)]
struct FindingResponsibilityRow<'a> {
    finding: &'a str,
    kind: &'static str,
    severity: &'static str,
    responsibility: &'a str,
    responsibility_title: &'a str,
    role: &'a str,
    role_name: &'a str,
}

/// One role's work in one title or team: a long table, one row per group and role, so that
/// its columns are the same whatever the rubrics and a spreadsheet can pivot it.
#[derive(Serialize)]
pub(super) struct RollupCsvRow<'a> {
    pub(super) by: &'static str,
    pub(super) group: &'a str,
    pub(super) title_role: &'a str,
    pub(super) title_role_name: &'a str,
    pub(super) people: usize,
    pub(super) tasks: usize,
    pub(super) hours: Option<f64>,
    pub(super) role: &'a str,
    pub(super) role_name: &'a str,
    pub(super) role_tasks: f64,
    pub(super) role_hours: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct PersonRow<'a> {
    pub(super) name: &'a str,
    pub(super) title: &'a str,
    pub(super) team: &'a str,
    pub(super) title_role: &'a str,
    pub(super) title_role_name: &'a str,
    pub(super) tasks: usize,
    pub(super) matched: usize,
    pub(super) ambiguous: usize,
    pub(super) unmatched: usize,
    pub(super) effort: Option<f64>,
    pub(super) role_mix: String,
    pub(super) responsibilities: String,
}

fn joined<S: std::borrow::Borrow<str>>(items: &[S]) -> String {
    items.join("; ")
}

fn joined_ids(ids: &[TaskId]) -> String {
    let mut text = String::with_capacity(ids.len() * 9);
    for (i, id) in ids.iter().enumerate() {
        let separator = if i == 0 { "" } else { "; " };
        // Writing to a String cannot fail.
        let _ = write!(text, "{separator}{id}");
    }
    text
}

/// One table, its rows rendered on every core (see `ordered`) and written in order, the
/// header above the first.
fn write_table<'a, T: Sync, R: Serialize>(
    items: &'a [T],
    row: impl Fn(&'a T) -> R + Sync,
    options: CsvOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    ordered::write_in_order(items, out, |first, chunk, bytes| {
        let mut writer = ::csv::WriterBuilder::new()
            .has_headers(first == 0)
            .from_writer(bytes);
        for item in chunk {
            let row = row(item);
            if options.raw {
                writer.serialize(row)?;
            } else {
                writer.serialize(Neutralised(&row))?;
            }
        }
        writer.flush()
    })
}

/// A task's CSV row, which the xlsx report's Tasks sheet also writes: its own fields and
/// its verdict's headline; the words behind the verdict are in its verdict's row.
pub(super) fn task_row<'a>(
    t: &'a TaskRecord,
    verdict: VerdictId,
    names: &Names<'a>,
) -> TaskRow<'a> {
    let role = t.verdict.role.as_deref().unwrap_or("");
    let responsibility = t.verdict.responsibility.as_deref().unwrap_or("");
    TaskRow {
        id: format_compact!("{}", t.id),
        sheet: t.sheet.as_deref().unwrap_or(""),
        row: t.row,
        person: &t.person,
        title: t.title.as_deref().unwrap_or(""),
        team: t.team.as_deref().unwrap_or(""),
        task: &t.task,
        effort: t.effort,
        raci: t.raci.map(|m| m.letters()).unwrap_or_default(),
        group: t.group.as_deref().unwrap_or(""),
        status: t.verdict.status.name(),
        role,
        role_name: names.role(role),
        responsibility,
        responsibility_title: names.responsibility(responsibility),
        score: t.verdict.score,
        other_work: t.verdict.other_work.as_ref().map_or("", |o| &*o.area),
        verdict: format_compact!("{verdict}"),
    }
}

/// A verdict's CSV row, which the xlsx report's Verdicts sheet also writes.
pub(super) fn verdict_row<'a>(v: &Verdict<'a>, names: &Names<'a>) -> VerdictRow<'a> {
    let record = v.record;
    let role = record.role.as_deref().unwrap_or("");
    let responsibility = record.responsibility.as_deref().unwrap_or("");
    VerdictRow {
        verdict: format_compact!("{}", v.id),
        text: v.text,
        tasks: v.tasks,
        status: record.status.name(),
        role,
        role_name: names.role(role),
        responsibility,
        responsibility_title: names.responsibility(responsibility),
        score: record.score,
        evidence: record.evidence_text(),
        roles: record
            .roles
            .iter()
            .map(|r| format!("{} {:.3}", r.role, r.score))
            .collect::<Vec<_>>()
            .join("; "),
        alternatives: record
            .alternatives()
            .map(|m| format!("{} {:.3}", m.responsibility, m.score))
            .collect::<Vec<_>>()
            .join("; "),
        other_work: record.other_work.as_ref().map_or("", |o| &*o.area),
        other_work_score: record.other_work.as_ref().map(|o| o.score),
    }
}

pub(super) fn coverage_row<'a>(c: &'a Coverage, names: &Names<'a>) -> CoverageRow<'a> {
    CoverageRow {
        responsibility: &c.responsibility,
        responsibility_title: &c.title,
        role: &c.role,
        role_name: names.role(&c.role),
        core: c.core,
        people_count: c.people.len(),
        people: joined(&c.people),
        tasks: joined_ids(&c.tasks),
        weight: c.weight,
        effort: c.effort,
    }
}

pub(super) fn finding_row<'a>(f: &'a Finding, names: &Names<'a>) -> FindingRow<'a> {
    let titles: Vec<&str> = f
        .responsibilities
        .iter()
        .map(|r| names.responsibility(r))
        .collect();
    FindingRow {
        id: &f.id,
        kind: f.kind.name(),
        severity: f.severity.name(),
        people: joined(&f.people),
        responsibilities: joined(&f.responsibilities),
        responsibility_titles: joined(&titles),
        tasks: joined_ids(&f.tasks),
        message: &f.message,
        advice: &f.advice,
    }
}

/// Every task behind every finding, in the findings' order.
pub(super) fn finding_task_pairs(report: &AuditReport) -> Vec<(&Finding, TaskId)> {
    report
        .findings
        .iter()
        .flat_map(|f| f.tasks.iter().map(move |&id| (f, id)))
        .collect()
}

/// One finding's task as `finding-tasks.csv` writes it: made as it is written, since a
/// large organisation's findings name hundreds of thousands of tasks.
pub(super) fn finding_task_row<'a>(
    report: &'a AuditReport,
    names: &Names<'a>,
    f: &'a Finding,
    id: TaskId,
) -> FindingTaskRow<'a> {
    let task = report.task(id);
    let verdict = task.map(|t| &t.verdict);
    let role = verdict.and_then(|v| v.role.as_deref()).unwrap_or("");
    let responsibility = verdict
        .and_then(|v| v.responsibility.as_deref())
        .unwrap_or("");
    FindingTaskRow {
        finding: &f.id,
        kind: f.kind.name(),
        task_id: format_compact!("{id}"),
        person: task.map_or("", |t| &*t.person),
        task: task.map_or("", |t| &*t.task),
        role,
        role_name: names.role(role),
        responsibility,
        responsibility_title: names.responsibility(responsibility),
    }
}

/// Every responsibility every finding is about, in the findings' order.
fn finding_responsibility_rows<'a>(
    report: &'a AuditReport,
    names: &Names<'a>,
) -> Vec<FindingResponsibilityRow<'a>> {
    report
        .findings
        .iter()
        .flat_map(|f| f.responsibilities.iter().map(move |r| (f, &**r)))
        .map(|(f, responsibility)| {
            let role = names.role_of(responsibility).unwrap_or("");
            FindingResponsibilityRow {
                finding: &f.id,
                kind: f.kind.name(),
                severity: f.severity.name(),
                responsibility,
                responsibility_title: names.responsibility(responsibility),
                role,
                role_name: names.role(role),
            }
        })
        .collect()
}

pub(super) fn person_row<'a>(p: &'a Person, names: &Names<'a>) -> PersonRow<'a> {
    let title_role = p.title_role.as_deref().unwrap_or("");
    PersonRow {
        name: &p.name,
        title: p.title.as_deref().unwrap_or(""),
        team: p.team.as_deref().unwrap_or(""),
        title_role,
        title_role_name: names.role(title_role),
        tasks: p.tasks,
        matched: p.matched,
        ambiguous: p.ambiguous,
        unmatched: p.unmatched,
        effort: p.effort,
        role_mix: p
            .role_mix
            .iter()
            .map(|(role, share)| format!("{role} {share:.3}"))
            .collect::<Vec<_>>()
            .join("; "),
        responsibilities: joined(&p.responsibilities),
    }
}

/// The roll-up as one long table, by title then by team, one row per group and role.
pub(super) fn rollup_rows<'a>(report: &'a AuditReport, names: &Names<'a>) -> Vec<RollupCsvRow<'a>> {
    [
        ("title", &report.rollup.by_title),
        ("team", &report.rollup.by_team),
    ]
    .into_iter()
    .flat_map(|(by, rows)| rows.iter().map(move |row| (by, row)))
    .flat_map(|(by, row)| {
        row.role_tasks
            .iter()
            .map(move |(role, &role_tasks)| rollup_row(by, row, role, role_tasks, names))
    })
    .collect()
}

fn rollup_row<'a>(
    by: &'static str,
    row: &'a RollupRow,
    role: &'a str,
    role_tasks: f64,
    names: &Names<'a>,
) -> RollupCsvRow<'a> {
    let title_role = row.title_role.as_deref().unwrap_or("");
    RollupCsvRow {
        by,
        group: &row.group,
        title_role,
        title_role_name: names.role(title_role),
        people: row.people,
        tasks: row.tasks,
        hours: row.hours,
        role,
        role_name: names.role(role),
        role_tasks,
        role_hours: row.role_hours.get(role).copied(),
    }
}

fn render_table(
    report: &AuditReport,
    table: Table,
    options: CsvOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if options.bom {
        out.write_all(BOM)?;
    }
    let names = &Names::new(report);
    match table {
        Table::Tasks => {
            let verdicts = Verdicts::of(&report.tasks);
            let lines = verdicts.task_lines(&report.tasks);
            write_table(&lines, |&(t, v)| task_row(t, v, names), options, out)
        }
        Table::Verdicts => {
            let verdicts = Verdicts::of(&report.tasks);
            write_table(&verdicts.list, |v| verdict_row(v, names), options, out)
        }
        Table::Coverage => write_table(&report.coverage, |c| coverage_row(c, names), options, out),
        Table::Findings => write_table(&report.findings, |f| finding_row(f, names), options, out),
        Table::FindingTasks => {
            let pairs = finding_task_pairs(report);
            write_table(
                &pairs,
                |&(f, id)| finding_task_row(report, names, f, id),
                options,
                out,
            )
        }
        Table::FindingResponsibilities => write_table(
            &finding_responsibility_rows(report, names),
            |row| row,
            options,
            out,
        ),
        Table::People => write_table(&report.people, |p| person_row(p, names), options, out),
        Table::Rollup => write_table(&rollup_rows(report, names), |row| row, options, out),
    }
}

impl Render for Csv {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        let report = document.audit;
        let options = self.options;
        let body = move |table: Table| {
            Body::Stream(Box::new(move |out: &mut dyn Write| {
                render_table(report, table, options, out)
            }))
        };
        Ok(match self.only {
            Some(table) => Rendered::Document(body(table)),
            None => Rendered::Tables(
                Table::ALL
                    .iter()
                    .map(|&table| (table.file_name().to_string(), body(table)))
                    .collect(),
            ),
        })
    }
}
