//! Reports: one [`AuditReport`] rendered as terminal text, CSV tables, JSON, Markdown or PDF.
//!
//! Every format sits behind the one small [`Render`] trait and returns bytes, or for the
//! large formats (JSON, CSV) a renderer that streams. Writing happens in [`write()`], and to
//! a file always through a temporary file in the target folder that is renamed into place
//! once complete, so a failure never leaves a half-written report or clobbers a good one.

mod caps;
mod csv;
mod escape;
mod formula;
mod interrupt;
mod json;
mod markdown;
mod notes;
mod ordered;
pub mod pdf;
mod terminal;
mod write;

use std::io::{self, Write};

use crate::audit::AuditReport;

pub use self::csv::{CsvOptions, Table};
pub(crate) use escape::renders_as_nothing;
pub use escape::{one_line, sanitise};
pub use interrupt::handle_signals;
pub use markdown::MarkdownOptions;
pub use notes::notes_text;
pub(crate) use notes::{sections, sheets_phrase, source_line};
pub use pdf::{Paper, PdfOptions};
pub use terminal::{Colour, TerminalOptions};
pub use write::{guard_stdout, write, Destination};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(TerminalOptions),
    Csv(CsvOptions),
    Json,
    Markdown(MarkdownOptions),
    Pdf(PdfOptions),
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
    #[error("{path}: is the input file; choose another output path")]
    WouldOverwriteInput { path: String },
    #[error("{path}: {message}")]
    Destination { path: String, message: String },
    #[error("cannot render {format}: {message}")]
    Render {
        format: &'static str,
        message: String,
    },
}

pub trait Render {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError>;
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
    }
}

/// "62%" for a share of a whole, rounded the same way in every format.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    format!("{:.0}%", part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests;

/// The figures both human formats open with, as plain sentences.
pub(crate) fn headline(report: &AuditReport) -> Vec<String> {
    let s = &report.summary;
    let mut lines = vec![format!(
        "{} people, {} tasks: {} matched ({}), {} ambiguous, {} unmatched.",
        s.people,
        s.tasks,
        s.matched,
        percent(s.matched, s.tasks),
        s.ambiguous,
        s.unmatched
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
            format!("{} {}/{}", role.name, covered, role.responsibilities)
        })
        .collect();
    lines.push(format!(
        "Responsibilities carried: {} of {} ({}).",
        s.responsibilities_covered,
        s.responsibilities,
        per_role.join(", ")
    ));
    let counts: Vec<String> = s
        .findings
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    lines.push(if counts.is_empty() {
        "No findings.".to_string()
    } else {
        format!("Findings: {}.", counts.join(", "))
    });
    lines
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
