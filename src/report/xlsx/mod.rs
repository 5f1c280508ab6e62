//! An Excel workbook for people who sort and filter: a Summary sheet, then one real table
//! per sheet (header row, filters, frozen header, capped column widths), numbers written as
//! numbers and booleans as booleans, ids beside their titles.
//!
//! Every text cell goes through `write_string`, never the guessing `write`, so a task that
//! reads "=HYPERLINK(..)" stays text: a workbook never holds a formula made from cell text,
//! and needs none of the CSV's neutralising. The rows are the CSV's (see `csv`), with the
//! names and titles a reader would otherwise look up.

mod review;
mod spill;
mod table;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rust_xlsxwriter::{
    Color, ConditionalFormat3ColorScale, DocProperties, ExcelDateTime, Workbook, Worksheet,
    XlsxError,
};

use self::table::{
    headers, lines, write_table, write_table_of, Cell, Formats, TABLE_COLUMNS, TABLE_ROWS,
};
use super::csv::{
    coverage_row, finding_row, finding_task_pairs, finding_task_row, person_row, rollup_rows,
    task_row, verdict_row,
};
use super::names::Names;
use super::verdicts::Verdicts;
use super::{headline, scope_sentence, tiles, Body, Render, Rendered, ReportError};
use crate::audit::{AuditReport, FindingKind, TaskRecord};
use crate::compare::{Comparison, SavedFinding};
use crate::report::Document;
use crate::text::{decimal, thousands};

pub(super) use review::workbook as review_workbook;

pub struct Xlsx;

impl Render for Xlsx {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        let report = document.audit;
        Ok(Rendered::Document(Body::Bytes(workbook(
            report,
            document.since,
        )?)))
    }
}

fn workbook(report: &AuditReport, since: Option<&Comparison>) -> Result<Vec<u8>, ReportError> {
    workbook_capped(report, since, TABLE_ROWS, TABLE_COLUMNS)
}

/// A new sheet, streamed to a temporary file row by row as it is written (rust_xlsxwriter's
/// constant-memory mode) rather than held whole: at 100,000 tasks the workbook's peak went
/// from 881 MB to 314 MB, for a tenth more file (text is stored in each cell, not shared).
fn sheet<'w>(workbook: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, XlsxError> {
    workbook
        .add_worksheet_with_constant_memory()?
        .set_name(name)
}

/// The workbook with at most `row_limit` data rows and `column_limit` columns in a table,
/// its sheets spilt into the temporary folder as they are written.
fn workbook_capped(
    report: &AuditReport,
    since: Option<&Comparison>,
    row_limit: usize,
    column_limit: usize,
) -> Result<Vec<u8>, ReportError> {
    let left_out = [
        ("tasks left out", report.tasks.len()),
        (
            "finding tasks left out",
            report.findings.iter().map(|f| f.tasks.len()).sum(),
        ),
    ]
    .map(|(what, rows)| (what, rows.saturating_sub(row_limit)));
    let formats = Formats::new(row_limit, column_limit);
    spill::building(|folder| build(report, since, &formats, left_out, folder))
}

fn build(
    report: &AuditReport,
    since: Option<&Comparison>,
    formats: &Formats,
    left_out: [(&'static str, usize); 2],
    spill_into: &Path,
) -> Result<Vec<u8>, XlsxError> {
    let names = Names::new(report);
    let mut workbook = Workbook::new();
    workbook.set_tempdir(spill_into)?;
    // The run's time, not the clock's, so a pinned --generated-at gives the same bytes.
    if let Ok(created) = ExcelDateTime::parse_from_str(&report.run.generated_at) {
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    summary(sheet(&mut workbook, "Summary")?, formats, report, left_out)?;
    findings(sheet(&mut workbook, "Findings")?, formats, report, &names)?;
    if let Some(comparison) = since {
        since_sheet(
            sheet(&mut workbook, "Since last audit")?,
            formats,
            comparison,
            &names,
        )?;
    }
    finding_tasks(
        sheet(&mut workbook, "Finding tasks")?,
        formats,
        report,
        &names,
    )?;
    let verdicts = Verdicts::of(&report.tasks);
    tasks(
        sheet(&mut workbook, "Tasks")?,
        formats,
        report,
        &verdicts,
        &names,
    )?;
    verdict_sheet(
        sheet(&mut workbook, "Verdicts")?,
        formats,
        &verdicts,
        &names,
    )?;
    coverage(sheet(&mut workbook, "Coverage")?, formats, report, &names)?;
    heatmap(sheet(&mut workbook, "Heatmap")?, formats, report)?;
    people(sheet(&mut workbook, "People")?, formats, report, &names)?;
    rollup(sheet(&mut workbook, "Roll-up")?, formats, report, &names)?;
    workbook.save_to_buffer()
}

/// A tile's value as a number when it is one ("5,000", "62%"), else its text ("3 of 12").
fn tile_cell(value: &str) -> Cell<'_> {
    if let Ok(n) = value.replace(',', "").parse::<usize>() {
        return Cell::count(n);
    }
    match value.strip_suffix('%').map(str::parse::<f64>) {
        Some(Ok(n)) => Cell::Share(n / 100.0),
        _ => Cell::Text(value),
    }
}

fn summary(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    left_out: [(&'static str, usize); 2],
) -> Result<(), XlsxError> {
    let s = &report.summary;
    let tiles = tiles(report);
    let mut rows: Vec<Vec<Cell>> = tiles
        .iter()
        .map(|t| {
            vec![
                Cell::Text("headline"),
                Cell::Text(&t.label),
                tile_cell(&t.value),
            ]
        })
        .collect();
    let figure = |name: &'static str, value: Cell<'static>| {
        vec![Cell::Text("summary"), Cell::Text(name), value]
    };
    rows.extend([
        figure("people", Cell::count(s.people)),
        figure("tasks", Cell::count(s.tasks)),
        figure("assignments", Cell::count(s.assignments)),
        figure("chart_marks", Cell::count(s.chart_marks)),
        figure("matched", Cell::count(s.matched)),
        figure("ambiguous", Cell::count(s.ambiguous)),
        figure("unmatched", Cell::count(s.unmatched)),
        figure("unassigned", Cell::count(s.unassigned)),
        figure("effort_hours", Cell::number(s.effort_hours)),
        figure("responsibilities", Cell::count(s.responsibilities)),
        figure(
            "responsibilities_covered",
            Cell::count(s.responsibilities_covered),
        ),
    ]);
    rows.extend(s.findings.iter().map(|(kind, &n)| {
        vec![
            Cell::Text("findings"),
            Cell::Text(kind.name()),
            Cell::count(n),
        ]
    }));
    let note = |name: &'static str, text: String| {
        vec![Cell::Text("notes"), Cell::Text(name), Cell::Owned(text)]
    };
    rows.extend(
        headline(report)
            .into_iter()
            .map(|line| note("headline", line)),
    );
    rows.push(note("input file", report.input.file.clone()));
    rows.push(note(
        "sheets read",
        lines(
            report
                .input
                .sheets
                .iter()
                .filter_map(|s| s.sheet.as_deref()),
        ),
    ));
    rows.push(note("scope", scope_sentence(report)));
    for (what, left_out) in left_out.into_iter().filter(|(_, n)| *n > 0) {
        rows.push(note(what, table::left_out_text(left_out)));
    }
    let roles = report.scope.audited_roles.iter().map(|id| {
        report
            .rubrics
            .iter()
            .find(|r| &r.id == id)
            .map_or(id.as_str(), |r| r.name.as_str())
    });
    rows.push(note("roles audited", lines(roles)));
    write_table(
        sheet,
        formats,
        &headers(&["section", "figure", "value"]),
        rows,
    )?;
    Ok(())
}

fn findings(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    names: &Names,
) -> Result<(), XlsxError> {
    let rows = report.findings.iter().map(|f| {
        let row = finding_row(f, names);
        let mut roles: Vec<&str> = f
            .responsibilities
            .iter()
            .filter_map(|r| names.role_of(r))
            .collect();
        roles.dedup();
        vec![
            Cell::Text(row.id),
            Cell::Text(row.kind),
            Cell::Severity(row.severity),
            Cell::Owned(lines(&roles)),
            Cell::Owned(lines(roles.iter().map(|r| names.role(r)))),
            Cell::Owned(lines(&f.responsibilities)),
            Cell::Owned(lines(
                f.responsibilities.iter().map(|r| names.responsibility(r)),
            )),
            Cell::Owned(lines(&f.people)),
            Cell::Text(row.message),
            Cell::Text(row.advice),
            Cell::count(f.tasks.len()),
        ]
    });
    let header = headers(&[
        "id",
        "kind",
        "severity",
        "role id",
        "role",
        "responsibility id",
        "responsibility",
        "people",
        "message",
        "advice",
        "tasks",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

/// "Since the last audit", one row per change: a finding new or resolved, a person who
/// joined or left, a responsibility whose coverage rose or fell, a role share that shifted.
fn since_sheet<'r>(
    sheet: &mut Worksheet,
    formats: &Formats,
    comparison: &'r Comparison,
    names: &Names<'r>,
) -> Result<(), XlsxError> {
    let finding = |change: &'static str| {
        move |f: &SavedFinding| {
            vec![
                Cell::Text(change),
                Cell::Owned(f.id.clone()),
                Cell::Owned(f.kind.clone()),
                Cell::Owned(f.message.clone()),
            ]
        }
    };
    let person = |change: &'static str| {
        move |name: &String| {
            vec![
                Cell::Text(change),
                Cell::Owned(name.clone()),
                Cell::Empty,
                Cell::Owned(name.clone()),
            ]
        }
    };
    let rows = (comparison.new.iter().map(finding("new finding")))
        .chain(comparison.resolved.iter().map(finding("resolved finding")))
        .chain(comparison.joined.iter().map(person("joined")))
        .chain(comparison.left.iter().map(person("left")))
        .chain(comparison.coverage.iter().map(|c| {
            vec![
                Cell::Owned(format!("coverage {}", c.change)),
                Cell::Owned(c.responsibility.clone()),
                Cell::Owned(c.role.clone()),
                Cell::Owned(format!(
                    "{}: from {} to {} people and from {} to {} tasks",
                    c.title,
                    thousands(c.people_before),
                    thousands(c.people_after),
                    decimal(c.weight_before, 2),
                    decimal(c.weight_after, 2)
                )),
            ]
        }))
        .chain(comparison.role_mix.iter().map(|shift| {
            vec![
                Cell::Text("role mix shifted"),
                Cell::Owned(shift.person.clone()),
                Cell::Owned(shift.role.clone()),
                Cell::Owned(format!(
                    "{}'s share of {} work, from {:.0}% to {:.0}%",
                    shift.person,
                    match names.role(&shift.role) {
                        "" => &shift.role,
                        name => name,
                    },
                    shift.before * 100.0,
                    shift.after * 100.0
                )),
            ]
        }));
    write_table(
        sheet,
        formats,
        &headers(&["change", "id", "kind or role", "text"]),
        rows.collect::<Vec<_>>(),
    )?;
    Ok(())
}

fn finding_tasks(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    names: &Names,
) -> Result<(), XlsxError> {
    let pairs = finding_task_pairs(report);
    let rows = pairs.iter().map(|&(f, id)| {
        let row = finding_task_row(report, names, f, id);
        vec![
            Cell::Text(row.finding),
            Cell::Text(row.kind),
            Cell::Owned(row.task_id.to_string()),
            Cell::Text(row.person),
            Cell::Text(row.task),
            Cell::Text(row.role),
            Cell::Text(row.role_name),
            Cell::Text(row.responsibility),
            Cell::Text(row.responsibility_title),
        ]
    });
    let header = headers(&[
        "finding",
        "kind",
        "task id",
        "person",
        "task",
        "role id",
        "role",
        "responsibility id",
        "responsibility",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

fn tasks(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    verdicts: &Verdicts<'_>,
    names: &Names,
) -> Result<(), XlsxError> {
    let lines = verdicts.task_lines(&report.tasks);
    let rows = lines.iter().map(|&(t, verdict)| {
        let row = task_row(t, verdict, names);
        vec![
            Cell::Owned(row.id.to_string()),
            Cell::Text(row.sheet),
            Cell::count(row.row as usize),
            Cell::Text(row.person),
            Cell::Text(row.title),
            Cell::Text(row.team),
            Cell::Text(row.task),
            Cell::number(row.effort),
            Cell::Owned(row.raci),
            Cell::Text(row.group),
            Cell::Text(row.status),
            Cell::Text(row.role),
            Cell::Text(row.role_name),
            Cell::Text(row.responsibility),
            Cell::Text(row.responsibility_title),
            Cell::Number(row.score),
            Cell::Text(row.other_work),
            Cell::Owned(row.verdict.to_string()),
        ]
    });
    let header = headers(&[
        "id",
        "sheet",
        "row",
        "person",
        "title",
        "team",
        "task",
        "effort",
        "raci",
        "group",
        "status",
        "role id",
        "role",
        "responsibility id",
        "responsibility",
        "score",
        "other work",
        "verdict",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

/// One row per distinct task text, as verdicts.csv: the words behind what the Tasks sheet
/// shows, once however many tasks share the text.
fn verdict_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    verdicts: &Verdicts<'_>,
    names: &Names,
) -> Result<(), XlsxError> {
    let rows = verdicts.list.iter().map(|v| {
        let row = verdict_row(v, names);
        vec![
            Cell::Owned(row.verdict.to_string()),
            Cell::Text(row.text),
            Cell::count(row.tasks),
            Cell::Text(row.status),
            Cell::Text(row.role),
            Cell::Text(row.role_name),
            Cell::Text(row.responsibility),
            Cell::Text(row.responsibility_title),
            Cell::Number(row.score),
            Cell::Owned(row.evidence),
            Cell::Owned(row.roles),
            Cell::Owned(row.alternatives),
            Cell::Text(row.other_work),
            Cell::number(row.other_work_score),
        ]
    });
    let header = headers(&[
        "verdict",
        "text",
        "tasks",
        "status",
        "role id",
        "role",
        "responsibility id",
        "responsibility",
        "score",
        "evidence",
        "roles",
        "alternatives",
        "other work",
        "other work score",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

fn coverage(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    names: &Names,
) -> Result<(), XlsxError> {
    let rows = report.coverage.iter().map(|c| {
        let row = coverage_row(c, names);
        vec![
            Cell::Text(row.role),
            Cell::Text(row.role_name),
            Cell::Text(row.responsibility),
            Cell::Text(row.responsibility_title),
            Cell::Bool(row.core),
            Cell::count(row.people_count),
            Cell::Owned(lines(&c.people)),
            Cell::count(c.tasks.len()),
            Cell::Number(row.weight),
            Cell::number(row.effort),
        ]
    });
    let header = headers(&[
        "role id",
        "role",
        "responsibility id",
        "responsibility",
        "core",
        "people count",
        "people",
        "tasks",
        "weight",
        "effort",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

/// Credited tasks per responsibility and team (per title when the sheet names no teams),
/// coloured low to high so that the empty and the crowded stand out.
fn heatmap(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
) -> Result<(), XlsxError> {
    let by_team = !report.rollup.by_team.is_empty();
    let groups: Vec<&str> = if by_team {
        &report.rollup.by_team
    } else {
        &report.rollup.by_title
    }
    .iter()
    .map(|g| g.group.as_str())
    .collect();
    let group_of = |t: &TaskRecord| -> String {
        let (value, blank) = if by_team {
            (t.team.as_deref(), "(no team)")
        } else {
            (t.title.as_deref(), "(no title)")
        };
        value.unwrap_or(blank).to_string()
    };
    let rows: Vec<Vec<Cell>> = report
        .coverage
        .iter()
        .map(|c| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for task in c.tasks.iter().filter_map(|id| report.task(*id)) {
                *counts.entry(group_of(task)).or_default() += 1;
            }
            let mut cells = vec![
                Cell::Text(c.role.as_str()),
                Cell::Text(c.responsibility.as_str()),
                Cell::Text(c.title.as_str()),
            ];
            cells.extend(
                groups
                    .iter()
                    .map(|g| Cell::count(counts.get(*g).copied().unwrap_or(0))),
            );
            cells
        })
        .collect();
    let mut header = headers(&["role id", "responsibility id", "responsibility"]);
    header.extend(groups.iter().map(|g| g.to_string()));
    let groups_are = if by_team { "teams" } else { "titles" };
    let table = write_table_of(sheet, formats, &header, rows, groups_are)?;
    if table.last_col >= 3 && table.last_row > 0 {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum_color(Color::RGB(0xF8F8F8))
            .set_midpoint_color(Color::RGB(0xFFE699))
            .set_maximum_color(Color::RGB(0xE06666));
        sheet.add_conditional_format(1, 3, table.last_row, table.last_col, &scale)?;
    }
    Ok(())
}

fn people(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    names: &Names,
) -> Result<(), XlsxError> {
    let drifting: HashSet<&str> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Drift)
        .flat_map(|f| f.people.iter().map(|p| &**p))
        .collect();
    let shares: Vec<&str> = report
        .rubrics
        .iter()
        .map(|r| r.id.as_str())
        .chain(["unmatched"])
        .collect();
    let rows = report.people.iter().map(|p| {
        let row = person_row(p, names);
        let mut cells = vec![
            Cell::Text(row.name),
            Cell::Text(row.title),
            Cell::Text(row.team),
            Cell::Text(row.title_role),
            Cell::Text(row.title_role_name),
            Cell::count(row.tasks),
            Cell::count(row.matched),
            Cell::count(row.ambiguous),
            Cell::count(row.unmatched),
            Cell::number(row.effort),
        ];
        cells.extend(
            shares
                .iter()
                .map(|role| Cell::Share(p.role_mix.get(role).copied().unwrap_or(0.0))),
        );
        cells.push(Cell::Bool(drifting.contains(&*p.name)));
        cells.push(Cell::Owned(lines(&p.responsibilities)));
        cells
    });
    let mut header = headers(&[
        "name",
        "title",
        "team",
        "titled role id",
        "titled role",
        "tasks",
        "matched",
        "ambiguous",
        "unmatched",
        "effort",
    ]);
    header.extend(report.rubrics.iter().map(|r| format!("{} share", r.name)));
    header.push("no role share".to_string());
    header.push("drift".to_string());
    header.push("responsibilities".to_string());
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

fn rollup(
    sheet: &mut Worksheet,
    formats: &Formats,
    report: &AuditReport,
    names: &Names,
) -> Result<(), XlsxError> {
    let rows = rollup_rows(report, names).into_iter().map(|row| {
        vec![
            Cell::Text(row.by),
            Cell::Text(row.group),
            Cell::Text(row.title_role),
            Cell::count(row.people),
            Cell::count(row.tasks),
            Cell::number(row.hours),
            Cell::Text(row.role),
            Cell::Text(row.role_name),
            Cell::Number(row.role_tasks),
            Cell::number(row.role_hours),
        ]
    });
    let header = headers(&[
        "by",
        "group",
        "title role",
        "people",
        "tasks",
        "hours",
        "role id",
        "role",
        "role tasks",
        "role hours",
    ]);
    write_table(sheet, formats, &header, rows)?;
    Ok(())
}

#[cfg(test)]
mod tests;
