//! The terminal summary: what a team lead reads first. Findings by severity, then people and
//! their role mix, then how the sheet was read. Every piece of user text is sanitised.

use comfy_table::{presets, ContentArrangement, Table};

use super::{headline, role_mix_text, sanitise, source_line, Body, Render, Rendered, ReportError};
use crate::audit::AuditReport;

pub struct Terminal;

/// Findings shown before the rest is summarised in a count.
const MAX_FINDINGS: usize = 30;
const WIDTH: u16 = 110;

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(header.to_vec());
    table
}

impl Render for Terminal {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
        let mut out = String::new();
        out.push_str(&format!(
            "rolecall audit of {}\n",
            sanitise(&report.input.file)
        ));
        for line in headline(report) {
            out.push_str(&format!("  {}\n", sanitise(&line)));
        }

        out.push_str("\nFindings\n");
        if report.findings.is_empty() {
            out.push_str("  none\n");
        } else {
            let mut findings = table(&["severity", "kind", "finding"]);
            for f in report.findings.iter().take(MAX_FINDINGS) {
                findings.add_row(vec![
                    f.severity.name().to_string(),
                    f.kind.name().to_string(),
                    sanitise(&f.message),
                ]);
            }
            out.push_str(&findings.to_string());
            out.push('\n');
            let rest = report.findings.len().saturating_sub(MAX_FINDINGS);
            if rest > 0 {
                out.push_str(&format!(
                    "  … and {rest} more (all of them with --format md, json or csv)\n"
                ));
            }
        }

        out.push_str("\nPeople\n");
        let mut people = table(&["person", "title", "tasks", "matched", "role mix"]);
        for p in &report.people {
            people.add_row(vec![
                sanitise(&p.name),
                sanitise(p.title.as_deref().unwrap_or("")),
                p.tasks.to_string(),
                (p.matched + p.ambiguous).to_string(),
                role_mix_text(report, p),
            ]);
        }
        out.push_str(&people.to_string());
        out.push('\n');

        out.push_str(&format!("\nInput: {}\n", source_line(&report.input)));
        for warning in report.input.sheets.iter().flat_map(|s| &s.warnings) {
            out.push_str(&format!("  warning: {}\n", sanitise(&warning.message)));
        }
        Ok(Rendered::Document(Body::Bytes(out.into_bytes())))
    }
}
