//! JSON for tools: the [`AuditReport`] as it is, documented in README "JSON schema".
//!
//! The bytes are serde_json's pretty printing of the whole report. The three long lists
//! (tasks, findings, people), nearly all of a large report, are rendered on every core in
//! chunks, each at the depth it has in the whole, and written in order. A verdict many
//! tasks share is rendered once (see [`SharedVerdicts`]).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use super::{ordered, Body, Document, Render, Rendered, ReportError};
use crate::audit::{AuditReport, OwnFields, TaskRecord, VerdictRecord};

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
    key(out, "tasks", false)?;
    let shared = SharedVerdicts::of(tasks)?;
    list(out, tasks, |task, bytes| shared.write_task(task, bytes))?;
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
    value.serialize(&mut Serializer::with_formatter(out, at_depth(1)))?;
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

/// An item of a top-level list, as serde_json prints it there.
fn item<T: Serialize>(value: &T, bytes: &mut Vec<u8>) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(bytes, at_depth(ITEM_DEPTH)))?;
    Ok(())
}

/// Most of a task's bytes are its verdict's (ranked matches, the words behind each), and an
/// organisation's export repeats its task lines: in a generated million-row sheet the 5,000
/// most common lines are 69% of the tasks. The verdicts shared by the most tasks are
/// rendered once, one for every [`SharedVerdicts::TASKS_PER_VERDICT`] tasks and at most
/// [`SharedVerdicts::MOST`], and copied into each task.
struct SharedVerdicts(HashMap<usize, Vec<u8>>);

impl SharedVerdicts {
    /// At about 2 KB a verdict, some 30 MB: a fraction of what a report that large holds.
    const MOST: usize = 16_384;
    /// A verdict for every 64 tasks at most: in a smaller report fewer are shared, and memory
    /// matters more there than the time saved.
    const TASKS_PER_VERDICT: usize = 64;

    fn of(tasks: &[TaskRecord]) -> io::Result<SharedVerdicts> {
        let mut uses: HashMap<usize, (usize, &VerdictRecord)> = HashMap::new();
        for task in tasks {
            uses.entry(verdict_key(task))
                .or_insert((0, &task.verdict))
                .0 += 1;
        }
        let mut shared: Vec<(usize, usize, &VerdictRecord)> = uses
            .into_iter()
            .filter(|(_, (count, _))| *count > 1)
            .map(|(key, (count, verdict))| (count, key, verdict))
            .collect();
        shared.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        shared.truncate(Self::MOST.min(tasks.len() / Self::TASKS_PER_VERDICT));
        let rendered = shared
            .par_iter()
            .map(|&(_, key, verdict)| {
                let mut bytes = Vec::new();
                item(verdict, &mut bytes)?;
                // The verdict's fields follow the task's own: without the opening brace.
                bytes.remove(0);
                Ok((key, bytes))
            })
            .collect::<io::Result<_>>()?;
        Ok(SharedVerdicts(rendered))
    }

    /// The task as serde_json prints it in the list: its own fields, then its verdict's,
    /// copied when rendered already.
    fn write_task(&self, task: &TaskRecord, bytes: &mut Vec<u8>) -> io::Result<()> {
        let Some(verdict) = self.0.get(&verdict_key(task)) else {
            return item(task, bytes);
        };
        item(&OwnFields(task), bytes)?;
        // Reopen the object: drop its closing line, and go on with the verdict's fields.
        let closing = 1 + 2 * ITEM_DEPTH + 1;
        bytes.truncate(bytes.len().saturating_sub(closing));
        bytes.push(b',');
        bytes.extend_from_slice(verdict);
        Ok(())
    }
}

/// Which verdict a task shares: its address, the same for every task holding it.
fn verdict_key(task: &TaskRecord) -> usize {
    Arc::as_ptr(&task.verdict).addr()
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
