//! JSON for tools: the [`AuditReport`] with each distinct verdict once, documented in README
//! "JSON schema".
//!
//! The layout is a middle way between serde_json's pretty and compact printing: the report's
//! top object and the records and lists directly in it are spread one member per line,
//! anything deeper is compact. So each verdict, task, finding and person is one line: a
//! million-task report is a third of its pretty size, yet `grep`, `diff` and a pager show a
//! task whole. The long lists (verdicts, tasks, findings, people), nearly all of a large
//! report, are rendered on every core in chunks and written in order.

use std::io::{self, Write};

use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use super::verdicts::{Verdict, VerdictId, Verdicts};
use super::{ordered, Body, Document, Render, Rendered, ReportError};
use crate::audit::{AuditReport, EvidenceDetail, TaskRecord};

pub struct Json;

impl Render for Json {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        Ok(Rendered::Document(Body::Stream(Box::new(move |out| {
            write_report(document, out)
        }))))
    }
}

fn write_report(document: Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Every field, by name: a field added to the report and not written here will not
    // compile.
    let AuditReport {
        schema_version,
        run,
        input,
        scope,
        rubrics,
        tasks,
        coverage,
        findings,
        people,
        rollup,
        summary,
    } = document.audit;
    out.write_all(b"{")?;
    key(out, "schema_version", true)?;
    value(out, schema_version)?;
    key(out, "run", false)?;
    value(out, run)?;
    key(out, "input", false)?;
    value(out, input)?;
    key(out, "scope", false)?;
    value(out, scope)?;
    key(out, "rubrics", false)?;
    value(out, rubrics)?;
    let verdicts = Verdicts::of(tasks);
    key(out, "verdicts", false)?;
    let detail = run.settings.evidence;
    list(out, &verdicts.list, |verdict, bytes| {
        item(&VerdictLine(verdict, detail), bytes)
    })?;
    key(out, "tasks", false)?;
    let lines = verdicts.task_lines(tasks);
    list(out, &lines, |&(task, verdict), bytes| {
        item(&TaskLine(task, verdict), bytes)
    })?;
    key(out, "coverage", false)?;
    value(out, coverage)?;
    key(out, "findings", false)?;
    list(out, findings, item)?;
    key(out, "people", false)?;
    list(out, people, item)?;
    key(out, "rollup", false)?;
    value(out, rollup)?;
    key(out, "summary", false)?;
    value(out, summary)?;
    if let Some(comparison) = document.since {
        key(out, "since_last_audit", false)?;
        value(out, comparison)?;
    }
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
    value.serialize(&mut Serializer::with_formatter(out, Layered::at(1)))?;
    Ok(())
}

/// A top-level list, its items rendered on every core by `write_item`.
fn list<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    write_item: impl Fn(&T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    ordered::write_in_order(items, out, |first, chunk, bytes| {
        for (i, item) in chunk.iter().enumerate() {
            bytes.extend_from_slice(if first + i == 0 { b"\n" } else { b",\n" });
            indent(bytes, ITEM_DEPTH)?;
            write_item(item, bytes)?;
        }
        Ok(())
    })?;
    out.write_all(b"\n")?;
    indent(out, 1)?;
    out.write_all(b"]")
}

/// Where the items of a top-level list stand.
const ITEM_DEPTH: usize = 2;

/// An item of a top-level list, as the whole report's printer prints it there.
fn item<T: Serialize>(value: &T, bytes: &mut Vec<u8>) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(
        bytes,
        Layered::at(ITEM_DEPTH),
    ))?;
    Ok(())
}

/// A task as the report lists it: its own fields, then its verdict's id.
struct TaskLine<'r>(&'r TaskRecord, VerdictId);

impl Serialize for TaskLine<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.0.own_fields(&mut map)?;
        map.serialize_entry("verdict", &self.1)?;
        map.end()
    }
}

/// A verdict as the report lists it: its id and text, then its fields, with as many words
/// as the run kept.
struct VerdictLine<'r>(&'r Verdict<'r>, EvidenceDetail);

impl Serialize for VerdictLine<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.0.id)?;
        map.serialize_entry("text", self.0.text)?;
        self.0.record.fields(&mut map, self.1)?;
        map.end()
    }
}

/// How deep containers are spread one member per line: the top object (1) and the records
/// and lists in it (2).
const SPREAD: usize = 2;

/// serde_json's pretty printer down to [`SPREAD`] levels, its compact one below.
struct Layered {
    /// How many containers are open around what is written next.
    depth: usize,
    /// Whether the innermost container has a member yet.
    has_value: bool,
}

impl Layered {
    /// The printer as it stands `depth` levels into the report.
    fn at(depth: usize) -> Layered {
        Layered {
            depth,
            has_value: false,
        }
    }

    fn begin<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.depth < SPREAD && self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }

    fn member<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        if self.depth <= SPREAD {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        Ok(())
    }
}

impl Formatter for Layered {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.begin(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.end(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.begin(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.end(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(if self.depth <= SPREAD { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The indentation of a spread member: two spaces a level.
fn indent<W: Write + ?Sized>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}
