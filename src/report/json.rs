//! JSON for tools: the [`AuditReport`] as it is, documented in README "JSON schema".
//!
//! The bytes are serde_json's pretty printing of the whole report. The three long lists
//! (tasks, findings, people), nearly all of a large report, are rendered on every core in
//! chunks, each at the depth it has in the whole, and written in order.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use super::{ordered, Body, Render, Rendered, ReportError};
use crate::audit::AuditReport;

pub struct Json;

impl Render for Json {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
        Ok(Rendered::Document(Body::Stream(Box::new(move |out| {
            write_report(report, out)
        }))))
    }
}

fn write_report(report: &AuditReport, out: &mut dyn Write) -> io::Result<()> {
    // Every field, by name: a field added to the report and not written here will not
    // compile.
    let AuditReport {
        schema_version,
        input,
        rubrics,
        tasks,
        coverage,
        findings,
        people,
        summary,
    } = report;
    out.write_all(b"{")?;
    key(out, "schema_version", true)?;
    value(out, schema_version)?;
    key(out, "input", false)?;
    value(out, input)?;
    key(out, "rubrics", false)?;
    value(out, rubrics)?;
    key(out, "tasks", false)?;
    list(out, tasks)?;
    key(out, "coverage", false)?;
    value(out, coverage)?;
    key(out, "findings", false)?;
    list(out, findings)?;
    key(out, "people", false)?;
    list(out, people)?;
    key(out, "summary", false)?;
    value(out, summary)?;
    out.write_all(b"\n}\n")
}

/// A key of the report's top-level object, as the pretty printer writes it.
fn key(out: &mut dyn Write, name: &str, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    indent(out, 1)?;
    write!(out, "\"{name}\": ")
}

/// A top-level field's value.
fn value<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(out, at_depth(1)))?;
    Ok(())
}

/// A top-level list, its items rendered on every core.
fn list<T: Serialize + Sync>(out: &mut dyn Write, items: &[T]) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    ordered::write_in_order(items, out, |first, chunk, bytes| {
        for (i, item) in chunk.iter().enumerate() {
            bytes.extend_from_slice(if first + i == 0 { b"\n" } else { b",\n" });
            indent(bytes, 2)?;
            item.serialize(&mut Serializer::with_formatter(&mut *bytes, at_depth(2)))?;
        }
        Ok(())
    })?;
    out.write_all(b"\n")?;
    indent(out, 1)?;
    out.write_all(b"]")
}

/// serde_json's pretty printer as it stands `depth` levels into a document. Opening that
/// many arrays (into nothing) is the one way its public interface offers to get there.
fn at_depth(depth: usize) -> PrettyFormatter<'static> {
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        // Writing to a sink cannot fail.
        let _ = formatter.begin_array(&mut io::sink());
    }
    formatter
}

/// The pretty printer's indentation: two spaces a level.
fn indent<W: Write + ?Sized>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}
