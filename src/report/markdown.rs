//! Markdown: the whole audit as a document to paste into a wiki or a review: findings,
//! coverage by role, people, every task with its evidence, and how the sheet was read.

use std::fmt::Write as _;

use super::{headline, one_line, role_mix_text, sections, Body, Render, Rendered, ReportError};
use crate::audit::AuditReport;

pub struct Markdown;

/// Table cell text: no pipes or line breaks that would end the cell.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn hours(effort: Option<f64>) -> String {
    effort.map(|h| format!("{h:.1}")).unwrap_or_default()
}

impl Render for Markdown {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
        let mut out = String::new();
        let _ = writeln!(out, "# Role audit: {}\n", cell(&report.input.file));
        for line in headline(report) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
        out.push('\n');

        out.push_str("## Findings\n\n");
        if report.findings.is_empty() {
            out.push_str("No findings.\n\n");
        } else {
            table(
                &mut out,
                &["Severity", "Kind", "Finding", "Id"],
                report.findings.iter().map(|f| {
                    vec![
                        f.severity.name().to_string(),
                        f.kind.name().to_string(),
                        cell(&f.message),
                        format!("`{}`", cell(&f.id)),
                    ]
                }),
            );
        }

        out.push_str("## Coverage\n\n");
        for role in &report.rubrics {
            let _ = writeln!(out, "### {}\n", cell(&role.name));
            table(
                &mut out,
                &["Responsibility", "Core", "People", "Tasks", "Hours/week"],
                report
                    .coverage
                    .iter()
                    .filter(|c| c.role == role.id)
                    .map(|c| {
                        vec![
                            cell(&c.title),
                            if c.core { "yes" } else { "" }.to_string(),
                            if c.people.is_empty() {
                                "**nobody**".to_string()
                            } else {
                                cell(&c.people.join(", "))
                            },
                            format!("{}", c.weight),
                            hours(c.effort),
                        ]
                    }),
            );
        }

        out.push_str("## People\n\n");
        table(
            &mut out,
            &["Person", "Title", "Title maps to", "Tasks", "Role mix"],
            report.people.iter().map(|p| {
                let title_role = p
                    .title_role
                    .as_deref()
                    .and_then(|id| report.rubrics.iter().find(|r| r.id == id))
                    .map_or("none".to_string(), |r| r.name.clone());
                vec![
                    cell(&p.name),
                    cell(p.title.as_deref().unwrap_or("")),
                    title_role,
                    p.tasks.to_string(),
                    cell(&role_mix_text(report, p)),
                ]
            }),
        );

        out.push_str("## Tasks\n\n");
        table(
            &mut out,
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
                    cell(&crate::matching::Evidence::text(t.verdict.evidence())),
                ]
            }),
        );

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
        Ok(Rendered::Document(Body::Bytes(out.into_bytes())))
    }
}
