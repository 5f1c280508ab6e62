//! CSV for spreadsheets and scripts: five flat tables, each row a serde struct so the
//! header can never drift from the columns. Lists inside a cell are joined with "; ".
//! Every string cell is neutralised against formula injection unless asked for raw text
//! (see `formula`).

use std::fmt::Write as _;
use std::io::{self, Write};

use compact_str::{format_compact, CompactString};

use serde::Serialize;

use super::formula::Neutralised;
use super::{ordered, Body, Render, Rendered, ReportError};
use crate::audit::{AuditReport, RollupRow, TaskId};
use crate::matching::Evidence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Tasks,
    Coverage,
    Findings,
    People,
    Rollup,
}

impl Table {
    pub const ALL: [Table; 5] = [
        Table::Tasks,
        Table::Coverage,
        Table::Findings,
        Table::People,
        Table::Rollup,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Table::Tasks => "tasks.csv",
            Table::Coverage => "coverage.csv",
            Table::Findings => "findings.csv",
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
}

pub struct Csv {
    /// One table only (to stdout or a file); all four into a folder otherwise.
    pub only: Option<Table>,
    pub options: CsvOptions,
}

#[derive(Serialize)]
struct TaskRow<'a> {
    id: CompactString,
    sheet: &'a str,
    row: u32,
    person: &'a str,
    title: &'a str,
    team: &'a str,
    task: &'a str,
    effort: Option<f64>,
    raci: String,
    group: &'a str,
    status: &'static str,
    role: &'a str,
    responsibility: &'a str,
    score: f64,
    evidence: String,
    other_work: &'a str,
    alternatives: String,
}

#[derive(Serialize)]
struct CoverageRow<'a> {
    responsibility: &'a str,
    role: &'a str,
    title: &'a str,
    core: bool,
    people_count: usize,
    people: String,
    tasks: String,
    weight: f64,
    effort: Option<f64>,
}

#[derive(Serialize)]
struct FindingRow<'a> {
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    people: String,
    responsibilities: String,
    tasks: String,
    message: &'a str,
    advice: &'a str,
}

/// One role's work in one title or team: a long table, one row per group and role, so that
/// its columns are the same whatever the rubrics and a spreadsheet can pivot it.
#[derive(Serialize)]
struct RollupCsvRow<'a> {
    by: &'static str,
    group: &'a str,
    title_role: &'a str,
    people: usize,
    tasks: usize,
    hours: Option<f64>,
    role: &'a str,
    role_tasks: f64,
    role_hours: Option<f64>,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    name: &'a str,
    title: &'a str,
    team: &'a str,
    title_role: &'a str,
    tasks: usize,
    matched: usize,
    ambiguous: usize,
    unmatched: usize,
    effort: Option<f64>,
    role_mix: String,
    responsibilities: String,
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

fn render_table(
    report: &AuditReport,
    table: Table,
    options: CsvOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match table {
        Table::Tasks => write_table(
            &report.tasks,
            |t| TaskRow {
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
                role: t.verdict.role.as_deref().unwrap_or(""),
                responsibility: t.verdict.responsibility.as_deref().unwrap_or(""),
                score: t.verdict.score,
                evidence: Evidence::text(t.verdict.evidence()),
                other_work: t.verdict.other_work.as_ref().map_or("", |o| &*o.area),
                alternatives: t
                    .verdict
                    .alternatives()
                    .map(|m| format!("{} {:.3}", m.responsibility, m.score))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            options,
            out,
        ),
        Table::Coverage => write_table(
            &report.coverage,
            |c| CoverageRow {
                responsibility: &c.responsibility,
                role: &c.role,
                title: &c.title,
                core: c.core,
                people_count: c.people.len(),
                people: joined(&c.people),
                tasks: joined_ids(&c.tasks),
                weight: c.weight,
                effort: c.effort,
            },
            options,
            out,
        ),
        Table::Findings => write_table(
            &report.findings,
            |f| FindingRow {
                id: &f.id,
                kind: f.kind.name(),
                severity: f.severity.name(),
                people: joined(&f.people),
                responsibilities: joined(&f.responsibilities),
                tasks: joined_ids(&f.tasks),
                message: &f.message,
                advice: &f.advice,
            },
            options,
            out,
        ),
        Table::People => write_table(
            &report.people,
            |p| PersonRow {
                name: &p.name,
                title: p.title.as_deref().unwrap_or(""),
                team: p.team.as_deref().unwrap_or(""),
                title_role: p.title_role.as_deref().unwrap_or(""),
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
            },
            options,
            out,
        ),
        Table::Rollup => {
            let rows: Vec<(&'static str, &RollupRow, &str, f64)> = [
                ("title", &report.rollup.by_title),
                ("team", &report.rollup.by_team),
            ]
            .into_iter()
            .flat_map(|(by, rows)| rows.iter().map(move |row| (by, row)))
            .flat_map(|(by, row)| {
                row.role_tasks
                    .iter()
                    .map(move |(role, &tasks)| (by, row, &**role, tasks))
            })
            .collect();
            write_table(
                &rows,
                |&(by, row, role, role_tasks)| RollupCsvRow {
                    by,
                    group: &row.group,
                    title_role: row.title_role.as_deref().unwrap_or(""),
                    people: row.people,
                    tasks: row.tasks,
                    hours: row.hours,
                    role,
                    role_tasks,
                    role_hours: row.role_hours.get(role).copied(),
                },
                options,
                out,
            )
        }
    }
}

impl Render for Csv {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
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
