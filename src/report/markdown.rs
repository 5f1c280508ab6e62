//! Markdown: the whole audit as a document to paste into a wiki or a review: findings,
//! coverage by role, people, every task with its evidence, and how the sheet was read. With
//! `--summary`, a paste-sized one instead (see [`MarkdownOptions::summary`]).
//!
//! Every piece of text from the sheet or a rubric goes through [`cell`], which shows
//! Markdown and HTML syntax as text: a cell is untrusted, and a wiki renders what it is given.

use std::fmt::Write as _;

use super::caps::{self, clip, notable_people};
use super::{
    doubt_lines, headline, outside_title_sentences, role_mix_text, rollup_cells, sections,
    share_count, source_line, Body, Render, Rendered, ReportError,
};
use crate::audit::{AuditReport, Finding, FindingKind, Person};
use crate::report::Document;
use crate::text::{code_span, decimal, markdown as cell, thousands};

pub struct Markdown {
    pub options: MarkdownOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkdownOptions {
    /// A report to paste into a chat or a ticket, under 60,000 characters at any size: the
    /// headline, the first findings of each kind with a count of the rest, coverage with
    /// the first carriers' names, the most notable people, and no per-task appendix.
    pub summary: bool,
}

/// Findings of one kind a summary shows; the rest are counted.
const FINDINGS_PER_KIND: usize = 3;
/// Carriers a summary names for one responsibility; the rest are counted.
const CARRIERS: usize = 3;

fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn hours(effort: Option<f64>) -> String {
    effort.map(|h| decimal(h, 1)).unwrap_or_default()
}

/// The findings a summary shows: the first few of each kind, kinds in the order they first
/// appear (by severity), and how many of each kind are left out.
fn summary_findings(report: &AuditReport) -> (Vec<&Finding>, Vec<(FindingKind, usize)>) {
    let mut kinds: Vec<(FindingKind, Vec<&Finding>)> = Vec::new();
    for finding in &report.findings {
        match kinds.iter_mut().find(|(kind, _)| *kind == finding.kind) {
            Some((_, of_kind)) => of_kind.push(finding),
            None => kinds.push((finding.kind, vec![finding])),
        }
    }
    let shown = kinds
        .iter()
        .flat_map(|(_, of_kind)| of_kind.iter().take(FINDINGS_PER_KIND).copied())
        .collect();
    let rest = kinds
        .iter()
        .map(|(kind, of_kind)| (*kind, of_kind.len().saturating_sub(FINDINGS_PER_KIND)))
        .filter(|(_, n)| *n > 0)
        .collect();
    (shown, rest)
}

/// "… and N more people (…)" under a capped table.
fn more(out: &mut String, rest: &str) {
    let _ = writeln!(out, "… and {rest} ({}).\n", caps::ELSEWHERE);
}

impl Markdown {
    /// A finding's message and its advice: whole in the full report, clipped in a summary.
    fn message(&self, finding: &Finding) -> String {
        let text = |text: &str| {
            if self.options.summary {
                cell(&clip(text, caps::MESSAGE_CHARS))
            } else {
                cell(text)
            }
        };
        format!(
            "{} Suggestion: {}",
            text(&finding.message),
            text(&finding.advice)
        )
    }

    /// The roll-up tables: every group in the full report, the largest in a summary.
    fn rollup(&self, out: &mut String, report: &AuditReport) {
        out.push_str(
            "## Roll-up

",
        );
        for line in outside_title_sentences(report) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
        out.push('\n');
        for (heading, group, rows) in [
            ("By title", "Title", &report.rollup.by_title),
            ("By team", "Team", &report.rollup.by_team),
        ] {
            if rows.is_empty() {
                continue;
            }
            let limit = if self.options.summary {
                caps::ROLLUP_ROWS
            } else {
                rows.len()
            };
            let _ = writeln!(out, "### {heading}\n");
            let (header, cells) = rollup_cells(report, group, rows, limit);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            table(
                out,
                &header,
                cells
                    .into_iter()
                    .map(|row| row.iter().map(|c| cell(c)).collect()),
            );
            let rest = rows.len().saturating_sub(limit);
            if rest > 0 {
                more(
                    out,
                    &format!("{} more {}s", thousands(rest), group.to_lowercase()),
                );
            }
        }
    }

    /// Who carries a responsibility: everyone in the full report, the first few and a
    /// count in a summary.
    fn carriers(&self, people: &[std::sync::Arc<str>]) -> String {
        match people {
            [] => "**nobody**".to_string(),
            _ if self.options.summary && people.len() > CARRIERS => format!(
                "{} and {} more",
                cell(&people[..CARRIERS].join(", ")),
                thousands(people.len() - CARRIERS)
            ),
            _ => cell(&people.join(", ")),
        }
    }

    fn people_row(report: &AuditReport, p: &Person) -> Vec<String> {
        let title_role = p
            .title_role
            .as_deref()
            .and_then(|id| report.rubrics.iter().find(|r| r.id == id))
            .map_or("none".to_string(), |r| cell(&r.name));
        vec![
            cell(&p.name),
            cell(p.title.as_deref().unwrap_or("")),
            title_role,
            thousands(p.tasks),
            cell(&role_mix_text(report, p)),
        ]
    }
}

impl Markdown {
    /// The findings table: every finding in the full report, the first of each kind and a
    /// count of the rest in a summary.
    fn findings(&self, out: &mut String, report: &AuditReport) {
        out.push_str("## Findings\n\n");
        if report.findings.is_empty() {
            out.push_str("No findings.\n\n");
            return;
        }
        let (shown, rest) = if self.options.summary {
            summary_findings(report)
        } else {
            (report.findings.iter().collect(), Vec::new())
        };
        table(
            out,
            &["Severity", "Kind", "Finding", "Id"],
            shown.into_iter().map(|f| {
                vec![
                    f.severity.name().to_string(),
                    f.kind.name().to_string(),
                    self.message(f),
                    code_span(&f.id),
                ]
            }),
        );
        if !rest.is_empty() {
            let counts: Vec<String> = rest
                .iter()
                .map(|(kind, n)| format!("{} more {}", thousands(*n), kind.name()))
                .collect();
            more(out, &counts.join(", "));
        }
    }

    /// A table per role of its responsibilities and who carries them.
    fn coverage(&self, out: &mut String, report: &AuditReport) {
        out.push_str("## Coverage\n\n");
        for role in &report.rubrics {
            let _ = writeln!(out, "### {}\n", cell(&role.name));
            table(
                out,
                &["Responsibility", "Core", "People", "Tasks", "Hours/week"],
                report
                    .coverage
                    .iter()
                    .filter(|c| c.role == role.id)
                    .map(|c| {
                        vec![
                            cell(&c.title),
                            if c.core { "yes" } else { "" }.to_string(),
                            self.carriers(&c.people),
                            share_count(c.weight),
                            hours(c.effort),
                        ]
                    }),
            );
        }
    }

    /// Everyone in the full report; the most notable people and a count of the rest in a
    /// summary.
    fn people(&self, out: &mut String, report: &AuditReport) {
        out.push_str("## People\n\n");
        let header = ["Person", "Title", "Title maps to", "Tasks", "Role mix"];
        if !self.options.summary {
            table(
                out,
                &header,
                report.people.iter().map(|p| Self::people_row(report, p)),
            );
            return;
        }
        let people = notable_people(report);
        table(
            out,
            &header,
            people
                .iter()
                .take(caps::PEOPLE)
                .map(|p| Self::people_row(report, p)),
        );
        let rest = people.len().saturating_sub(caps::PEOPLE);
        if rest > 0 {
            more(out, &format!("{} more people", thousands(rest)));
        }
    }
}

/// The full report's appendix of every task, with what it matched and why.
fn tasks(out: &mut String, report: &AuditReport) {
    out.push_str("## Tasks\n\n");
    table(
        out,
        &[
            "Id",
            "Row",
            "Person",
            "Task",
            "Status",
            "Best match",
            "Score",
            "Evidence",
        ],
        report.tasks.iter().map(|t| {
            // An unmatched task shows, in brackets, what it read as.
            let best_label = match (&t.verdict.responsibility, t.verdict.read_as_other_work()) {
                (Some(id), _) => id.to_string(),
                (None, Some(other)) => format!("({})", other.area),
                (None, None) => t
                    .verdict
                    .matches
                    .first()
                    .map(|m| format!("({})", m.responsibility))
                    .unwrap_or_default(),
            };
            vec![
                t.id.to_string(),
                t.row.to_string(),
                cell(&t.person),
                cell(&t.task),
                t.verdict.status.name().to_string(),
                cell(&best_label),
                format!("{:.2}", t.verdict.score),
                cell(&t.verdict.evidence_text()),
            ]
        }),
    );
}

/// How the sheet was read, section by section, and the rubrics it was matched against.
fn input(out: &mut String, report: &AuditReport) {
    out.push_str("## Input\n\n");
    for section in sections(&report.input) {
        let _ = writeln!(out, "### {}\n", cell(&section.heading));
        if section.notes.is_empty() {
            continue;
        }
        for note in section.notes {
            match note.items.as_slice() {
                [one] => {
                    let _ = writeln!(out, "- {}: {}", note.label, cell(one));
                }
                items => {
                    let _ = writeln!(out, "- {}:", note.label);
                    for item in items {
                        let _ = writeln!(out, "  - {}", cell(item));
                    }
                }
            }
        }
        out.push('\n');
    }
    let rubric_files: Vec<String> = report
        .rubrics
        .iter()
        .map(|r| {
            format!(
                "{} ({} responsibilities, {} core)",
                r.file, r.responsibilities, r.core
            )
        })
        .collect();
    let _ = writeln!(out, "- Rubrics: {}", cell(&rubric_files.join("; ")));
}

impl Render for Markdown {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        let report = document.audit;
        let mut out = String::new();
        let _ = writeln!(out, "# Role audit: {}\n", cell(&report.input.file));
        for line in doubt_lines(&report.input, cell, code_span) {
            let _ = writeln!(out, "> **{line}**\n");
        }
        for line in headline(report) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
        out.push('\n');
        self.findings(&mut out, report);
        if let Some(comparison) = document.since {
            out.push_str(&super::since::markdown_section(
                comparison,
                2,
                self.options.summary,
            ));
            out.push('\n');
        }
        self.coverage(&mut out, report);
        self.rollup(&mut out, report);
        self.people(&mut out, report);
        if self.options.summary {
            // A summary ends with one line on the input in place of the appendices.
            let _ = writeln!(out, "Input: {}", cell(&source_line(&report.input)));
        } else {
            tasks(&mut out, report);
            input(&mut out, report);
        }
        Ok(Rendered::Document(Body::Bytes(out.into_bytes())))
    }
}
