//! An Excel workbook for people who sort and filter: a Summary sheet, then one real table
//! per sheet (header row, filters, frozen header, capped column widths), numbers written as
//! numbers and booleans as booleans, ids beside their titles.
//!
//! Every text cell goes through `write_string`, never the guessing `write`, so a task that
//! reads "=HYPERLINK(..)" stays text: a workbook never holds a formula made from cell text,
//! and needs none of the CSV's neutralising. The rows are the CSV's (see `csv`), with the
//! names and titles a reader would otherwise look up.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use rust_xlsxwriter::{
    Color, ConditionalFormat3ColorScale, DocProperties, ExcelDateTime, Format as CellFormat,
    FormatAlign, Table as XlsxTable, TableColumn, Workbook, Worksheet, XlsxError,
};

use super::csv::{coverage_row, finding_row, finding_task_rows, person_row, rollup_rows, task_row};
use super::names::Names;
use super::{headline, scope_sentence, tiles, Body, Render, Rendered, ReportError};
use crate::audit::{AuditReport, FindingKind, TaskRecord};
use crate::compare::{Comparison, SavedFinding};

pub struct Xlsx;

impl Render for Xlsx {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
        let bytes = workbook(report).map_err(|e| ReportError::Render {
            format: "Excel",
            message: e.to_string(),
        })?;
        Ok(Rendered::Document(Body::Bytes(bytes)))
    }
}

/// Excel's widest useful column, in characters: wider text wraps instead.
const MAX_WIDTH: usize = 60;
/// Text longer than this wraps within its capped column.
const WRAP_AFTER: usize = 40;

/// One cell's value, as the type a spreadsheet should see.
enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Number(f64),
    /// A share of a whole, shown as a percentage.
    Share(f64),
    Bool(bool),
    /// A severity, filled with its colour.
    Severity(&'static str),
    Empty,
}

impl Cell<'_> {
    fn number(value: Option<f64>) -> Cell<'static> {
        value.map_or(Cell::Empty, Cell::Number)
    }

    fn count(value: usize) -> Cell<'static> {
        Cell::Number(value as f64)
    }
}

/// How cells are written, and how many rows a sheet's table may hold.
struct Formats {
    /// Data rows per table: Excel's limit, or fewer in tests.
    row_limit: usize,
    wrap: CellFormat,
    share: CellFormat,
    high: CellFormat,
    medium: CellFormat,
    low: CellFormat,
}

impl Formats {
    fn new(row_limit: usize) -> Self {
        let fill = |colour: u32| CellFormat::new().set_background_color(Color::RGB(colour));
        Formats {
            row_limit,
            wrap: CellFormat::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            share: CellFormat::new().set_num_format("0%"),
            high: fill(0xF4B6B6),
            medium: fill(0xFFD966),
            low: fill(0xD9D9D9),
        }
    }

    fn severity(&self, name: &str) -> &CellFormat {
        match name {
            "high" => &self.high,
            "medium" => &self.medium,
            _ => &self.low,
        }
    }
}

/// Writes one table: its header in row 0, frozen, its rows below, columns as wide as their
/// widest first line up to [`MAX_WIDTH`]. An empty table keeps one blank row, since Excel
/// has no table without a data row. The table, header and all, is laid down before its
/// rows, so that a sheet in constant-memory mode is written top to bottom; hence the rows'
/// count must be known first. Rows past Excel's limit are left out and counted in a line
/// below the table (the Tasks and Finding tasks sheets of a million-row sheet).
fn write_table<'a, Rows>(
    sheet: &mut Worksheet,
    formats: &Formats,
    headers: &[String],
    rows: Rows,
) -> Result<u32, XlsxError>
where
    Rows: IntoIterator<Item = Vec<Cell<'a>>>,
    Rows::IntoIter: ExactSizeIterator,
{
    let rows = rows.into_iter();
    let total = rows.len();
    let shown = total.min(formats.row_limit);
    let count = u32::try_from(shown)
        .map_err(|_| XlsxError::ParameterError("too many rows for a sheet".to_string()))?;
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(h.as_str()))
        .collect();
    let last_col = (headers.len() - 1) as u16;
    sheet.add_table(
        0,
        0,
        count.max(1),
        last_col,
        &XlsxTable::new().set_columns(&columns),
    )?;
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count() + 3).collect();
    let mut last = 0u32;
    for cells in rows.take(shown) {
        last += 1;
        for (column, cell) in cells.iter().enumerate() {
            let col = column as u16;
            let width = match cell {
                Cell::Text(text) => write_text(sheet, formats, last, col, text)?,
                Cell::Owned(text) => write_text(sheet, formats, last, col, text)?,
                Cell::Number(n) => {
                    sheet.write_number(last, col, *n)?;
                    8
                }
                Cell::Share(n) => {
                    sheet.write_number_with_format(last, col, *n, &formats.share)?;
                    6
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(last, col, *b)?;
                    6
                }
                Cell::Severity(name) => {
                    sheet.write_string_with_format(last, col, *name, formats.severity(name))?;
                    name.len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(column) {
                *w = (*w).max(width.min(MAX_WIDTH));
            }
        }
    }
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column as u16, *width as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if total > shown {
        write_text(sheet, formats, last + 1, 0, &left_out_text(total - shown))?;
    }
    Ok(last)
}

/// The most characters Excel keeps in one cell.
const CELL_CHARS: usize = 32_767;

/// Text cut to fit one cell. A list (one item a line, such as the people carrying a
/// responsibility in a large organisation) keeps its first lines and counts the rest; one
/// overlong line is cut. The JSON and CSV reports keep everything.
fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.len() <= CELL_CHARS || text.chars().count() <= CELL_CHARS {
        return Cow::Borrowed(text);
    }
    // Room for the line that says what was left out.
    let budget = CELL_CHARS - 100;
    let mut kept = String::with_capacity(budget);
    let mut kept_lines = 0;
    let mut used = 0;
    for line in text.split('\n') {
        let cost = line.chars().count() + 1;
        if used + cost > budget {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
        used += cost;
        kept_lines += 1;
    }
    if kept_lines == 0 {
        kept.extend(text.chars().take(budget));
        kept.push_str("… (cut at Excel's cell limit; the JSON and CSV reports hold it all)");
    } else {
        let left = text.split('\n').count() - kept_lines;
        kept.push_str(&format!(
            "… and {left} more (Excel's cell limit; the JSON and CSV reports hold them all)"
        ));
    }
    Cow::Owned(kept)
}

/// Text as text, wrapped when long, cut to Excel's cell limit; returns the width its
/// longest line asks for.
fn write_text(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    text: &str,
) -> Result<usize, XlsxError> {
    let text = &*fit_cell(text);
    let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if width > WRAP_AFTER || text.contains('\n') {
        sheet.write_string_with_format(row, col, text, &formats.wrap)?;
    } else {
        sheet.write_string(row, col, text)?;
    }
    Ok(width)
}

/// Header names made unique, as Excel requires of a table's columns: a team called "tasks"
/// must not clash with the column of that name.
fn unique(headers: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    headers
        .into_iter()
        .map(|header| {
            let mut name = header.clone();
            let mut n = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{header} ({n})");
                n += 1;
            }
            name
        })
        .collect()
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn lines<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Data rows a table holds: Excel's 1,048,576 rows less the header and the row that says
/// how many were left out.
const TABLE_ROWS: usize = 1_048_576 - 2;

fn workbook(report: &AuditReport) -> Result<Vec<u8>, XlsxError> {
    workbook_capped(report, TABLE_ROWS)
}

/// A new sheet, streamed to a temporary file row by row as it is written (rust_xlsxwriter's
/// constant-memory mode) rather than held whole: at 100,000 tasks the workbook's peak went
/// from 881 MB to 314 MB, for a tenth more file (text is stored in each cell, not shared).
fn sheet<'w>(workbook: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, XlsxError> {
    workbook
        .add_worksheet_with_constant_memory()?
        .set_name(name)
}

/// The workbook with at most `row_limit` data rows in a table.
fn workbook_capped(report: &AuditReport, row_limit: usize) -> Result<Vec<u8>, XlsxError> {
    let left_out = [
        ("tasks left out", report.tasks.len()),
        (
            "finding tasks left out",
            report.findings.iter().map(|f| f.tasks.len()).sum(),
        ),
    ]
    .map(|(what, rows)| (what, rows.saturating_sub(row_limit)));
    let formats = Formats::new(row_limit);
    let names = Names::new(report);
    let mut workbook = Workbook::new();
    // The run's time, not the clock's, so a pinned --generated-at gives the same bytes.
    if let Ok(created) = ExcelDateTime::parse_from_str(&report.run.generated_at) {
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    summary(sheet(&mut workbook, "Summary")?, &formats, report, left_out)?;
    findings(sheet(&mut workbook, "Findings")?, &formats, report, &names)?;
    if let Some(comparison) = &report.since_last_audit {
        since(
            sheet(&mut workbook, "Since last audit")?,
            &formats,
            comparison,
            &names,
        )?;
    }
    finding_tasks(
        sheet(&mut workbook, "Finding tasks")?,
        &formats,
        report,
        &names,
    )?;
    tasks(sheet(&mut workbook, "Tasks")?, &formats, report, &names)?;
    coverage(sheet(&mut workbook, "Coverage")?, &formats, report, &names)?;
    heatmap(sheet(&mut workbook, "Heatmap")?, &formats, report)?;
    people(sheet(&mut workbook, "People")?, &formats, report, &names)?;
    rollup(sheet(&mut workbook, "Roll-up")?, &formats, report, &names)?;
    workbook.save_to_buffer()
}

fn left_out_text(left_out: usize) -> String {
    format!("{left_out} more rows left out: Excel sheets end at 1,048,576 rows; see the JSON or CSV report")
}

/// A tile's value as a number when it is one ("12", "62%"), else its text ("3 of 12").
fn tile_cell(value: &str) -> Cell<'_> {
    if let Ok(n) = value.parse::<f64>() {
        return Cell::Number(n);
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
        rows.push(note(what, left_out_text(left_out)));
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
fn since<'r>(
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
                    "{}: from {} to {} people and from {:.2} to {:.2} tasks",
                    c.title, c.people_before, c.people_after, c.weight_before, c.weight_after
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
    let rows = finding_task_rows(report, names).into_iter().map(|row| {
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
    names: &Names,
) -> Result<(), XlsxError> {
    let rows = report.tasks.iter().map(|t| {
        let row = task_row(t, names);
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
            Cell::Owned(row.evidence),
            Cell::Text(row.other_work),
            Cell::Owned(row.alternatives),
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
        "evidence",
        "other work",
        "alternatives",
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
    let header = unique(header);
    let last = write_table(sheet, formats, &header, rows)?;
    if !groups.is_empty() && last > 0 {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum_color(Color::RGB(0xF8F8F8))
            .set_midpoint_color(Color::RGB(0xFFE699))
            .set_maximum_color(Color::RGB(0xE06666));
        sheet.add_conditional_format(1, 3, last, (header.len() - 1) as u16, &scale)?;
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
                .map(|role| Cell::Share(p.role_mix.get(*role).copied().unwrap_or(0.0))),
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
    write_table(sheet, formats, &unique(header), rows)?;
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
mod tests {
    use std::io::Cursor;
    use std::sync::Arc;

    use calamine::{Data, Reader, Xlsx as Read};

    use super::super::tests::{fixture, large_report};
    use super::*;

    #[test]
    fn a_list_past_the_cell_limit_keeps_whole_lines_and_counts_the_rest() {
        let people: Vec<String> = (0..5_000).map(|i| format!("Person number {i}")).collect();
        let text = lines(&people);
        assert!(text.chars().count() > CELL_CHARS);
        let cell = fit_cell(&text);
        assert!(cell.chars().count() <= CELL_CHARS);
        let kept: Vec<&str> = cell.lines().collect();
        let (last, items) = kept.split_last().unwrap();
        assert_eq!(items, &people[..items.len()]);
        let left = people.len() - items.len();
        assert!(last.starts_with(&format!("… and {left} more ")), "{last}");
        let long = "x".repeat(CELL_CHARS + 1);
        let cell = fit_cell(&long);
        assert!(cell.chars().count() <= CELL_CHARS);
        assert!(cell.starts_with("xxxx") && cell.contains("cut at Excel's cell limit"));
        assert!(matches!(fit_cell("short"), Cow::Borrowed("short")));
    }

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        let mut report = fixture();
        let hostile = ["=HYPERLINK(\"http://x\",\"y\")", "=1+1"];
        for (task, text) in report.tasks.iter_mut().zip(hostile) {
            task.task = Arc::from(text);
            task.person = Arc::from(text);
        }
        let bytes = workbook(&report).unwrap_or_else(|e| panic!("{e}"));
        let mut book: Read<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let formulas = book
            .worksheet_formula("Tasks")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let tasks = book
            .worksheet_range("Tasks")
            .unwrap_or_else(|e| panic!("{e}"));
        for (row, text) in hostile.iter().enumerate() {
            let row = row as u32 + 1;
            // Columns: id, sheet, row, person, title, team, task.
            for col in [3, 6] {
                assert_eq!(
                    tasks.get_value((row, col)),
                    Some(&Data::String(text.to_string())),
                    "row {row}, column {col}"
                );
            }
        }
    }

    #[test]
    fn since_last_audit_is_a_table_of_changes_only_with_a_baseline() {
        use super::super::tests::{assignment, report_of};
        use crate::compare::{compare_with_report, Saved};
        let sheets = |report: &AuditReport| {
            let bytes = workbook(report).unwrap_or_else(|e| panic!("{e}"));
            let book: Read<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .unwrap_or_else(|e| panic!("{e}"));
            book
        };
        let mut report = fixture();
        assert!(!sheets(&report)
            .sheet_names()
            .contains(&"Since last audit".to_string()));
        let baseline = report_of(&[
            assignment("Zoë Brontë", "Planner", "Own the roadmap | Q3", 2),
            assignment("Ana", "Planner", "Customer interviews", 3),
        ]);
        let comparison = compare_with_report(&Saved::of_report(&baseline), &report, 0.2)
            .unwrap_or_else(|e| panic!("{e}"));
        report.since_last_audit = Some(comparison.clone());
        let mut book = sheets(&report);
        assert_eq!(
            book.sheet_names()[..3],
            ["Summary", "Findings", "Since last audit"]
        );
        book.load_tables().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            book.table_names_in_sheet("Since last audit").len(),
            1,
            "a real table"
        );
        let range = book
            .worksheet_range("Since last audit")
            .unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<(String, String)> = range
            .rows()
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        assert_eq!(rows[0], ("change".to_string(), "id".to_string()));
        assert!(
            rows.contains(&("left".to_string(), "Ana".to_string())),
            "{rows:?}"
        );
        assert!(
            rows.contains(&("joined".to_string(), "陈伟".to_string())),
            "{rows:?}"
        );
        for f in &comparison.new {
            assert!(
                rows.contains(&("new finding".to_string(), f.id.clone())),
                "{rows:?}"
            );
        }
        let changes = comparison.new.len()
            + comparison.resolved.len()
            + comparison.joined.len()
            + comparison.left.len()
            + comparison.coverage.len()
            + comparison.role_mix.len();
        assert_eq!(rows.len(), 1 + changes);
    }

    #[test]
    fn rows_past_the_row_limit_are_counted_not_dropped_silently() {
        let report = large_report();
        const LIMIT: usize = 100;
        let bytes = workbook_capped(&report, LIMIT).unwrap_or_else(|e| panic!("{e}"));
        let mut book: Read<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let mut column = |sheet: &str| -> Vec<String> {
            let range = book
                .worksheet_range(sheet)
                .unwrap_or_else(|e| panic!("{sheet}: {e}"));
            range.rows().skip(1).map(|r| r[0].to_string()).collect()
        };
        let finding_tasks: usize = report.findings.iter().map(|f| f.tasks.len()).sum();
        assert!(report.tasks.len() > LIMIT && finding_tasks > LIMIT);
        let tasks = column("Tasks");
        let first: Vec<String> = report.tasks[..LIMIT]
            .iter()
            .map(|t| t.id.to_string())
            .collect();
        assert_eq!(tasks[..LIMIT], first[..]);
        assert_eq!(tasks[LIMIT..], [left_out_text(report.tasks.len() - LIMIT)]);
        let linked = column("Finding tasks");
        assert_eq!(linked.len(), LIMIT + 1);
        assert_eq!(linked[LIMIT], left_out_text(finding_tasks - LIMIT));
        let summary = book
            .worksheet_range("Summary")
            .unwrap_or_else(|e| panic!("{e}"));
        for (what, left) in [
            ("tasks left out", report.tasks.len() - LIMIT),
            ("finding tasks left out", finding_tasks - LIMIT),
        ] {
            assert!(
                summary
                    .rows()
                    .any(|r| r[1] == what && r[2] == left_out_text(left).as_str()),
                "{what}"
            );
        }
    }
}
