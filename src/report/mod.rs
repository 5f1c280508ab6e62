//! Reports: one [`AuditReport`] rendered as terminal text, CSV tables, JSON, Markdown, PDF or
//! an Excel workbook.
//!
//! Every format sits behind the one small [`Render`] trait and returns bytes, or for the
//! large formats (JSON, CSV) a renderer that streams. Writing happens in [`write()`], and to
//! a file always through a temporary file in the target folder that is renamed into place
//! once complete, so a failure never leaves a half-written report or clobbers a good one.

mod caps;
mod csv;
mod formula;
mod interrupt;
mod json;
mod markdown;
mod names;
mod notes;
mod ordered;
pub mod pdf;
pub mod review;
mod since;
mod terminal;
mod verdicts;
mod write;
mod xlsx;

use std::io::{self, Write};

use crate::audit::{AuditReport, FindingKind};
use crate::compare::Comparison;
use crate::text::{decimal, lower_first, percent_of, thousands};

pub use self::csv::{CsvOptions, Table};
pub(crate) use crate::text::{one_line, sanitise};
pub use interrupt::handle_signals;
pub use markdown::MarkdownOptions;
pub use notes::notes_text;
pub(crate) use notes::{doubt_lines, sections, sheets_phrase, source_line};
pub use pdf::{Appendix, Paper, PdfOptions};
pub use since::{render_comparison, ComparisonFormat};
pub use terminal::{Colour, TerminalOptions};
pub use write::{guard_stdout, output_files, refuse_read, write, write_all, Destination};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(TerminalOptions),
    Csv(CsvOptions),
    Json,
    Markdown(MarkdownOptions),
    Pdf(PdfOptions),
    Xlsx,
}

impl Format {
    /// The format as a reader names it, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text(_) => "terminal",
            Format::Csv(_) => "CSV",
            Format::Json => "JSON",
            Format::Markdown(_) => "Markdown",
            Format::Pdf(_) => "PDF",
            Format::Xlsx => "Excel",
        }
    }

    /// The file the format's report takes in a folder that receives several formats. CSV
    /// writes its tables under their own names instead.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Text(_) => "report.txt",
            Format::Csv(_) => "",
            Format::Json => "report.json",
            Format::Markdown(_) => "report.md",
            Format::Pdf(_) => "report.pdf",
            Format::Xlsx => "report.xlsx",
        }
    }
}

/// Rendered output: one document, or named tables that go into a folder.
pub enum Rendered<'r> {
    Document(Body<'r>),
    Tables(Vec<(String, Body<'r>)>),
}

/// One file's contents: bytes already rendered, or a renderer that writes straight to the
/// destination. JSON and CSV stream: the JSON report of a million tasks is about two
/// gigabytes, which held in memory would cost more than everything else together.
pub enum Body<'r> {
    Bytes(Vec<u8>),
    Stream(Box<StreamFn<'r>>),
}

/// A renderer that writes a whole file's contents to what it is given.
pub type StreamFn<'r> = dyn Fn(&mut dyn Write) -> io::Result<()> + 'r;

impl Body<'_> {
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Body::Bytes(bytes) => out.write_all(bytes),
            Body::Stream(render) => render(out),
        }
    }

    /// The whole contents in memory, for callers that want them there.
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes)?;
        Ok(bytes)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// An output that is a file the run reads (the input, a rubric, the config, a saved
    /// audit), by whatever path: the report would replace it for good.
    #[error("{path}: is {role}; choose another output path")]
    WouldOverwrite {
        path: String,
        role: crate::input::ReadRole,
    },
    #[error("{path}: {message}")]
    Destination { path: String, message: String },
    #[error("{folder}: cannot write the Excel report's temporary files in this folder: {source}; set TMPDIR to a folder with room")]
    TempFolder {
        folder: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot render {format}: {message}")]
    Render {
        format: &'static str,
        message: String,
    },
}

/// What a report shows: the audit, and what changed since the last one when `--baseline`
/// gave one. The comparison travels beside the audit, not inside it: an audit is made
/// before any comparison and knows nothing of them (see the layering test).
#[derive(Debug, Clone, Copy)]
pub struct Document<'r> {
    pub audit: &'r AuditReport,
    pub since: Option<&'r Comparison>,
}

impl<'r> Document<'r> {
    /// The audit alone.
    pub fn of(audit: &'r AuditReport) -> Document<'r> {
        Document { audit, since: None }
    }
}

pub trait Render {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError>;
}

/// The renderer for a format. `table` narrows CSV to one table.
pub fn renderer(format: Format, table: Option<Table>) -> Box<dyn Render> {
    match format {
        Format::Text(options) => Box::new(terminal::Terminal { options }),
        Format::Csv(options) => Box::new(self::csv::Csv {
            only: table,
            options,
        }),
        Format::Json => Box::new(json::Json),
        Format::Markdown(options) => Box::new(markdown::Markdown { options }),
        Format::Pdf(options) => Box::new(pdf::Pdf { options }),
        Format::Xlsx => Box::new(xlsx::Xlsx),
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// One headline figure and what it counts, as page 1 shows it. Each counts exactly its
/// label: the tests hold every tile to its definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub value: String,
    pub label: String,
}

/// A tile's value for a figure the audit did not judge (see [`tiles`]).
pub const NOT_JUDGED: &str = "–";

/// The headline figures, in the order page 1 shows them.
pub fn tiles(report: &AuditReport) -> Vec<Tile> {
    let s = &report.summary;
    let count = |kinds: &[FindingKind]| -> usize {
        kinds
            .iter()
            .map(|k| s.findings.get(k).copied().unwrap_or(0))
            .sum()
    };
    let tile = |value: String, label: String| Tile { value, label };
    // On a chart alone (a project) who owns what is the RACI rules' to judge, and the rules
    // of ownership and of people's jobs do not run unless --roles: their tiles say "not
    // judged" (a dash) rather than a zero nobody measured.
    let project =
        s.assignments > 0 && s.chart_marks == s.assignments && report.scope.chosen_by == "titles";
    let judged = |n: usize| {
        if project {
            NOT_JUDGED.to_string()
        } else {
            thousands(n)
        }
    };
    let mut tiles = vec![
        tile(thousands(s.people), "people".to_string()),
        tile(thousands(s.tasks), tasks_label(s)),
        tile(
            percent_of(s.matched, s.tasks),
            format!(
                "of tasks matched to a role ({} of {})",
                thousands(s.matched),
                thousands(s.tasks)
            ),
        ),
        tile(
            format!(
                "{} of {}",
                thousands(s.responsibilities_covered),
                thousands(s.responsibilities)
            ),
            "responsibilities carried by someone".to_string(),
        ),
        tile(
            thousands(s.other_work.iter().map(|(_, n)| n).sum()),
            "tasks of other jobs, outside the audited roles".to_string(),
        ),
        tile(
            thousands(uncarried(report)),
            "responsibilities of the audited roles nobody carries".to_string(),
        ),
        tile(
            judged(
                report
                    .findings
                    .iter()
                    .filter(|f| f.kind == FindingKind::MissingCore)
                    .map(|f| f.people.len())
                    .sum(),
            ),
            "people carrying none of their title's core work".to_string(),
        ),
        tile(
            judged(count(&[FindingKind::Overlap])),
            "responsibilities carried by several people".to_string(),
        ),
        tile(
            judged(count(&[FindingKind::SimilarWork])),
            "pairs of teammates doing similar work".to_string(),
        ),
        tile(
            judged(count(&[FindingKind::Drift])),
            "people whose work drifts from their title".to_string(),
        ),
        tile(
            judged(count(&[FindingKind::SinglePointOfFailure])),
            "core responsibilities only one person carries".to_string(),
        ),
    ];
    if s.chart_marks > 0 {
        tiles.push(tile(
            thousands(report.findings.iter().filter(|f| f.kind.is_raci()).count()),
            "RACI rule breaks on the chart".to_string(),
        ));
    }
    if let Some(hours) = s.effort_hours {
        tiles.push(tile(
            format!("{} h", decimal(hours, 0)),
            format!("of effort a week ({})", fte(hours)),
        ));
    }
    tiles
}

/// "tasks", or on a chart "tasks, 42 RACI marks": a chart's rows and its marks are
/// different counts, and a reader must not take one for the other.
fn tasks_label(s: &crate::audit::Summary) -> String {
    if s.chart_marks > 0 {
        format!("tasks, {} RACI marks", thousands(s.assignments))
    } else if s.assignments != s.tasks {
        format!("tasks, {} assignments to people", thousands(s.assignments))
    } else {
        "tasks".to_string()
    }
}

/// Responsibilities of the roles audited for gaps that nobody carries: a gap finding is
/// one of them, a role-gap finding all of its role's.
pub fn uncarried(report: &AuditReport) -> usize {
    report
        .findings
        .iter()
        .map(|f| match f.kind {
            FindingKind::Gap | FindingKind::RoleGap => f.responsibilities.len(),
            _ => 0,
        })
        .sum()
}

/// "4.8 FTE": hours a week as full-time people.
pub fn fte(hours: f64) -> String {
    format!("{} FTE", decimal(hours / crate::layout::HOURS_PER_WEEK, 1))
}

/// The figures both human formats open with, as plain sentences.
pub(crate) fn headline(report: &AuditReport) -> Vec<String> {
    let s = &report.summary;
    let effort = s
        .effort_hours
        .map(|h| format!(", {} hours a week ({})", decimal(h, 0), fte(h)))
        .unwrap_or_default();
    let unassigned = match s.unassigned {
        0 => String::new(),
        n => format!(", {} with nobody marked", thousands(n)),
    };
    let outside: usize = s.other_work.iter().map(|(_, n)| n).sum();
    let outside = match outside {
        0 => String::new(),
        n => {
            let areas: Vec<String> = s
                .other_work
                .iter()
                .take(3)
                .map(|(area, n)| format!("{} {}", lower_first(area), thousands(*n)))
                .collect();
            let more = if s.other_work.len() > 3 { ", ..." } else { "" };
            format!(
                ", {} outside the audited roles ({}{more})",
                thousands(n),
                areas.join(", ")
            )
        }
    };
    let mut lines = vec![format!(
        "{} people, {} {}{effort}: {} matched ({}), {} ambiguous{outside}, {} unmatched{unassigned}.",
        thousands(s.people),
        thousands(s.tasks),
        tasks_label(s),
        thousands(s.matched),
        percent_of(s.matched, s.tasks),
        thousands(s.ambiguous),
        thousands(s.unmatched.saturating_sub(s.other_work.iter().map(|(_, n)| n).sum()))
    )];
    let per_role: Vec<String> = report
        .rubrics
        .iter()
        .map(|role| {
            let covered = report
                .coverage
                .iter()
                .filter(|c| c.role == role.id && !c.people.is_empty())
                .count();
            format!(
                "{} {}/{}",
                role.name,
                thousands(covered),
                thousands(role.responsibilities)
            )
        })
        .collect();
    lines.push(format!(
        "Responsibilities carried: {} of {} ({}).",
        thousands(s.responsibilities_covered),
        thousands(s.responsibilities),
        per_role.join(", ")
    ));
    lines.push(scope_sentence(report));
    lines.extend(outside_title_sentences(report));
    let counts: Vec<String> = s
        .findings
        .iter()
        .map(|(kind, n)| format!("{} {kind}", thousands(*n)))
        .collect();
    lines.push(if counts.is_empty() {
        "No findings.".to_string()
    } else {
        format!("Findings: {}.", counts.join(", "))
    });
    lines
}

fn role_name<'r>(report: &'r AuditReport, id: &'r str) -> &'r str {
    report
        .rubrics
        .iter()
        .find(|r| r.id == id)
        .map_or(id, |r| r.name.as_str())
}

/// Which roles were audited for gaps, and why those.
pub fn scope_sentence(report: &AuditReport) -> String {
    let scope = &report.scope;
    let names: Vec<&str> = scope
        .audited_roles
        .iter()
        .map(|id| role_name(report, id))
        .collect();
    let why = match scope.chosen_by {
        "titles" => "the roles someone's title holds; pass --roles to choose",
        _ => "as chosen",
    };
    let excluded = match scope.excluded_people {
        0 => String::new(),
        1 => " 1 person was left out of the audit.".to_string(),
        n => format!(" {} people were left out of the audit.", thousands(n)),
    };
    if names.is_empty() {
        format!("Gaps audited for no role ({why}).{excluded}")
    } else {
        format!(
            "Gaps audited for {} ({why}).{excluded}",
            crate::text::and_list(&names)
        )
    }
}

/// Per role with such work: how much of it people not titled for it do, in FTE where the
/// sheet gives hours: "1.4 FTE of Product Manager work is done by 12 people not titled
/// Product Manager (titled PMs do 3.0 FTE)."
pub fn outside_title_sentences(report: &AuditReport) -> Vec<String> {
    report
        .rollup
        .outside_title
        .iter()
        .filter(|o| o.people > 0)
        .map(|o| {
            let role = role_name(report, &o.role);
            let amount = |tasks: f64, hours: Option<f64>| match hours {
                Some(hours) => fte(hours),
                None if share_count(tasks) == "1" => "1 task".to_string(),
                None => format!("{} tasks", share_count(tasks)),
            };
            let people = match o.people {
                1 => "1 person".to_string(),
                n => format!("{} people", thousands(n)),
            };
            let titled = if o.titled_tasks > 0.0 {
                format!(
                    "; people titled {role} do {}",
                    amount(o.titled_tasks, o.titled_hours)
                )
            } else {
                format!("; nobody titled {role} does any")
            };
            let done = amount(o.tasks, o.hours);
            let verb = if o.hours.is_none() && done != "1 task" {
                "are"
            } else {
                "is"
            };
            format!("{done} of {role} work {verb} done by {people} not titled {role}{titled}.")
        })
        .collect()
}

/// A count of tasks in which an ambiguous task counts as a share: whole when it is whole.
pub(crate) fn share_count(tasks: f64) -> String {
    if (tasks - tasks.round()).abs() < 0.05 {
        decimal(tasks, 0)
    } else {
        decimal(tasks, 1)
    }
}

/// A person's role mix as "PM 60%, TPM 20%, unmatched 20%", largest first, zeros left out.
pub(crate) fn role_mix_text(report: &AuditReport, person: &crate::audit::Person) -> String {
    let name = |id: &str| {
        report
            .rubrics
            .iter()
            .find(|r| r.id == id)
            .map_or(id.to_string(), |r| r.name.clone())
    };
    let mut parts: Vec<(&std::sync::Arc<str>, &f64)> =
        person.role_mix.iter().filter(|(_, &s)| s > 0.0).collect();
    parts.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    parts
        .into_iter()
        .map(|(id, share)| format!("{} {:.0}%", name(id), share * 100.0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The roll-up's rows as text under their header, for every human format: the group, its
/// people, tasks and (when the sheet gives effort) hours, then the share of its tasks that
/// is each role's work and no role's. At most `limit` rows; the caller says how many more.
pub(crate) fn rollup_cells(
    report: &AuditReport,
    group: &str,
    rows: &[crate::audit::RollupRow],
    limit: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let with_hours = rows.iter().any(|r| r.hours.is_some());
    let mut header = vec![group.to_string(), "people".to_string(), "tasks".to_string()];
    if with_hours {
        header.push("hours".to_string());
    }
    header.extend(report.rubrics.iter().map(|r| r.short_name.clone()));
    header.push("no role".to_string());
    let keys: Vec<&str> = report
        .rubrics
        .iter()
        .map(|r| r.id.as_str())
        .chain(["unmatched"])
        .collect();
    let cells = rows
        .iter()
        .take(limit)
        .map(|row| {
            let mut cells = vec![
                one_line(&row.group),
                thousands(row.people),
                thousands(row.tasks),
            ];
            if with_hours {
                cells.push(row.hours.map_or_else(String::new, |h| decimal(h, 0)));
            }
            let whole: f64 = row.role_tasks.values().sum();
            for key in &keys {
                let part = row.role_tasks.get(*key).copied().unwrap_or(0.0);
                cells.push(if whole > 0.0 && part > 0.0 {
                    format!("{:.0}%", part * 100.0 / whole)
                } else {
                    "–".to_string()
                });
            }
            cells
        })
        .collect();
    (header, cells)
}
