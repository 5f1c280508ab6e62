//! The leadership PDF: the answer first, then the evidence.
//!
//! Page 1 gives the headline figures and the few findings that matter most, in plain
//! sentences; with a baseline, what changed since the last audit follows. Then a coverage heatmap (people by responsibility), each person's role mix as a
//! stacked bar, one table per kind of finding, and an appendix with every task and how the
//! sheet was read. The layout is computed here as plain data ([`compose`]) and only then
//! turned into PDF (`emit`), so its geometry can be tested without a PDF parser.
//!
//! Text is set in embedded fonts that cover Latin, Greek, Cyrillic and CJK names (see
//! `fonts/README.md`), subset to the glyphs used. Same report, same options, same bytes.

mod appendix;
mod canvas;
mod emit;
mod findings;
mod fonts;
mod heatmap;
mod mix;
mod rollup;
mod since;
mod summary;
mod table;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use super::{one_line, Body, Document, Render, Rendered, ReportError};
use crate::audit::{AuditReport, FindingKind, Severity, TaskId, TaskRecord};
use crate::compare::Comparison;

pub use canvas::{Area, Composition, Item, Label, Page};
pub use fonts::{Fonts, Style};

use canvas::{Colour, Flow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfOptions {
    pub paper: Paper,
    /// The date printed on the report and stored in its metadata.
    pub generated_at: time::Date,
    /// How much of Appendix A (every task) to print.
    pub appendix: Appendix,
}

/// How much of Appendix A to print. The appendix is the evidence for every match: for a
/// team of dozens it is a few pages, for thousands of people it would be most of the report,
/// so by default a large team gets the tasks that matter to the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appendix {
    /// Every task.
    Full,
    /// Every task up to a few pages' worth; beyond, the tasks behind findings and the
    /// unmatched ones first, capped, with a sentence saying so.
    Short,
    /// No Appendix A.
    None,
}

pub struct Pdf {
    pub options: PdfOptions,
}

impl Render for Pdf {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        let report = document.audit;
        let fonts = Fonts::new()?;
        let composition = compose(&fonts, document, &self.options);
        let title = report_title(report);
        let bytes = emit::pdf(
            &fonts,
            &composition,
            &emit::Metadata {
                title: &title,
                subject: "Who does what: overlaps, gaps, role drift and single points of failure",
                date: self.options.generated_at,
            },
        )?;
        Ok(Rendered::Document(Body::Bytes(bytes)))
    }
}

/// Lays the whole report out, page by page.
pub fn compose(fonts: &Fonts, document: Document<'_>, options: &PdfOptions) -> Composition {
    let report = document.audit;
    let context = Context::new(document);
    let mut flow = Flow::new(fonts, options.paper);
    let contents = summary::summary(&mut flow, &context, options.generated_at);
    since::since(&mut flow, &context);
    heatmap::heatmap(&mut flow, &context);
    mix::role_mix(&mut flow, &context);
    rollup::rollup(&mut flow, &context);
    findings::findings(&mut flow, &context);
    appendix::tasks(&mut flow, &context, options.appendix);
    appendix::input_notes(&mut flow, &context);
    summary::contents(&mut flow, contents);
    let footer = format!(
        "{} · {}",
        report_title(report),
        long_date(options.generated_at)
    );
    flow.finish(&footer)
}

fn report_title(report: &AuditReport) -> String {
    let file = std::path::Path::new(&report.input.file)
        .file_name()
        .map_or_else(
            || report.input.file.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
    format!("Role audit: {}", one_line(&file))
}

/// "23 November 2026": unambiguous in every locale a reader may be in.
fn long_date(date: time::Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// What every section needs to look up, computed once.
struct Context<'r> {
    report: &'r AuditReport,
    /// What changed since the baseline, when one was given.
    since: Option<&'r Comparison>,
    /// Role id -> (index in the rubric order, name).
    roles: BTreeMap<&'r str, (usize, &'r str)>,
    /// Responsibility id -> (title, role id, core).
    responsibilities: BTreeMap<&'r str, (&'r str, &'r str, bool)>,
    /// Task id -> task.
    tasks: BTreeMap<TaskId, &'r TaskRecord>,
    /// People named in a drift finding.
    drifting: BTreeSet<&'r str>,
}

impl<'r> Context<'r> {
    fn new(document: Document<'r>) -> Context<'r> {
        let report = document.audit;
        Context {
            report,
            since: document.since,
            roles: report
                .rubrics
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), (i, r.name.as_str())))
                .collect(),
            responsibilities: report
                .coverage
                .iter()
                .map(|c| {
                    (
                        c.responsibility.as_str(),
                        (c.title.as_str(), c.role.as_str(), c.core),
                    )
                })
                .collect(),
            tasks: report.tasks.iter().map(|t| (t.id, t)).collect(),
            drifting: report
                .findings
                .iter()
                .filter(|f| f.kind == FindingKind::Drift)
                .flat_map(|f| f.people.iter().map(|p| &**p))
                .collect(),
        }
    }

    fn role_name(&self, id: &'r str) -> &'r str {
        self.roles.get(id).map_or(id, |(_, name)| name)
    }

    /// Each role's colour, by its place in the rubric, in the role-mix bars and keys.
    fn role_colour(&self, id: &str) -> Colour {
        const PALETTE: [Colour; 6] = [
            Colour(0.18, 0.42, 0.74),
            Colour(0.90, 0.50, 0.12),
            Colour(0.20, 0.60, 0.38),
            Colour(0.55, 0.36, 0.70),
            Colour(0.10, 0.60, 0.65),
            Colour(0.60, 0.45, 0.30),
        ];
        self.roles
            .get(id)
            .map_or(UNMATCHED, |(i, _)| PALETTE[i % PALETTE.len()])
    }

    /// "Roadmap and feature prioritisation (Product Manager)".
    fn responsibility_label(&self, id: &str) -> String {
        match self.responsibilities.get(id) {
            Some((title, role, _)) => format!("{} ({})", one_line(title), self.role_name(role)),
            None => one_line(id),
        }
    }
}

/// The colour of work no role claims.
const UNMATCHED: Colour = Colour(0.74, 0.75, 0.77);

fn severity_colour(severity: Severity) -> Colour {
    match severity {
        Severity::High => Colour::ALERT,
        Severity::Medium => Colour(0.78, 0.42, 0.02),
        Severity::Low => Colour(0.30, 0.42, 0.58),
        Severity::Info => Colour::MUTED,
    }
}

#[cfg(test)]
mod tests;
