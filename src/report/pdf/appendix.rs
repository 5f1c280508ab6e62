//! The evidence behind everything else: every task with what it matched and why, and how the
//! sheet was read.

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{self, body_look, muted_look, Cell, Column};
use std::collections::BTreeMap;

use super::{one_line, Appendix, Context};
use crate::audit::{Severity, TaskId, TaskRecord};
use crate::matching::MatchStatus;
use crate::text::thousands;

/// Short mode lists at most this many tasks: about ten pages. A team of up to this many
/// tasks gets every one.
pub(super) const SHORT_ROWS: usize = 200;

/// Short mode's cap on the lines of a task's text or evidence, so the cap on rows is a cap
/// on pages.
const SHORT_LINES: usize = 4;

pub(super) fn tasks(flow: &mut Flow<'_>, context: &Context<'_>, mode: Appendix) {
    let all = &context.report.tasks;
    let chosen: Vec<&TaskRecord> = match mode {
        Appendix::None => return,
        Appendix::Short if all.len() > SHORT_ROWS => short_list(context),
        Appendix::Full | Appendix::Short => all.iter().collect(),
    };
    let capped = chosen.len() < all.len();
    let title = if capped {
        "Appendix A: the tasks behind the findings"
    } else {
        "Appendix A: every task"
    };
    flow.section(title);
    let muted = Look::new(size::BODY, Style::Regular, Colour::MUTED);
    flow.paragraph(
        "Each task with the responsibility it was credited to, the probability of its role (for an unmatched task, the probability that it is no role's work) and the words that carried it, each with its weight for (+) or against (-). A task that matched no role says what it read as instead.",
        muted,
    );
    if capped {
        flow.advance(3.0);
        flow.paragraph(
            &format!(
                "With {} tasks, this lists {}: the tasks behind the findings first, then those that matched no role or were ambiguous, in sheet order. Every task is in the JSON report and the CSV tasks table (--format json or csv); --appendix full prints them all here.",
                thousands(all.len()),
                thousands(chosen.len())
            ),
            Look::new(size::BODY, Style::Bold, Colour::INK),
        );
    }
    flow.advance(4.0);
    let rows = chosen
        .iter()
        .map(|task| {
            vec![
                Cell::text(task.id.to_string(), muted_look()),
                Cell::plain(one_line(&task.person)),
                Cell::plain(one_line(&task.task)),
                verdict(context, task),
                Cell::plain(format!("{:.2}", task.verdict.score)),
                Cell::text(one_line(&task.verdict.evidence_text()), muted_look()),
            ]
        })
        .collect();
    let lines = if capped { SHORT_LINES } else { usize::MAX };
    let columns = [
        Column::left("#", 0.55),
        Column::left("Person", 1.4).clamped(lines),
        Column::left("Task", 3.0).clamped(lines),
        Column::left("Best match", 2.4).clamped(lines),
        Column::right("Score", 0.6),
        Column::left("Words that carried it", 1.9).clamped(lines),
    ];
    table::table(flow, title, &columns, rows);
}

/// The [`SHORT_ROWS`] tasks a reader of a large report most needs the evidence for: those
/// behind a finding (the most severe findings' first), then unmatched and ambiguous ones,
/// then the rest; shown in sheet order.
fn short_list<'r>(context: &Context<'r>) -> Vec<&'r TaskRecord> {
    let mut rank: BTreeMap<TaskId, (u8, Severity)> = BTreeMap::new();
    for finding in &context.report.findings {
        for id in &finding.tasks {
            let key = (0, finding.severity);
            rank.entry(*id)
                .and_modify(|k| *k = (*k).min(key))
                .or_insert(key);
        }
    }
    let mut order: Vec<(u8, Severity, &TaskRecord)> = context
        .report
        .tasks
        .iter()
        .map(|task| {
            let (tier, severity) =
                rank.get(&task.id)
                    .copied()
                    .unwrap_or(match task.verdict.status {
                        MatchStatus::Matched => (2, Severity::Info),
                        MatchStatus::Ambiguous | MatchStatus::Unmatched => (1, Severity::Info),
                    });
            (tier, severity, task)
        })
        .collect();
    order.sort_by_key(|(tier, severity, task)| (*tier, *severity, task.id));
    let mut chosen: Vec<&TaskRecord> = order
        .into_iter()
        .take(SHORT_ROWS)
        .map(|(_, _, task)| task)
        .collect();
    chosen.sort_by_key(|task| task.id);
    chosen
}

fn verdict(context: &Context<'_>, task: &TaskRecord) -> Cell {
    let label = |id| context.responsibility_label(id);
    match task.verdict.status {
        MatchStatus::Matched => Cell::plain(
            task.verdict
                .responsibility
                .as_deref()
                .map(label)
                .unwrap_or_default(),
        ),
        MatchStatus::Ambiguous => {
            let mut cell = Cell::text("ambiguous between", muted_look());
            let best_role = task.verdict.role.as_deref();
            if let Some(best) = task.verdict.responsibility.as_deref() {
                cell.push(label(best), body_look());
            }
            if let Some(other) = task
                .verdict
                .matches
                .iter()
                .find(|m| Some(&*m.role) != best_role)
            {
                cell.push(format!("and {}", label(&other.responsibility)), body_look());
            }
            cell
        }
        MatchStatus::Unmatched => {
            let mut cell = Cell::text(
                "unmatched",
                Look::new(size::TABLE, Style::Bold, Colour::MUTED),
            );
            if let Some(other) = task.verdict.read_as_other_work() {
                cell.push(format!("reads as {}", one_line(&other.title)), muted_look());
            }
            cell
        }
    }
}

pub(super) fn input_notes(flow: &mut Flow<'_>, context: &Context<'_>) {
    const TITLE: &str = "Appendix B: how the sheet was read";
    flow.section(TITLE);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for section in crate::report::sections(&context.report.input) {
        rows.push(vec![
            Cell::plain(""),
            Cell::text(
                section.heading,
                Look::new(size::TABLE, Style::Bold, Colour::INK),
            ),
        ]);
        for note in section.notes {
            let mut items = Cell::default();
            for item in note.items {
                items.push(item, body_look());
            }
            rows.push(vec![Cell::plain(note.label), items]);
        }
    }
    let mut rubrics = Cell::default();
    for role in &context.report.rubrics {
        rubrics.push(
            format!(
                "{}: {} responsibilities, {} of them core ({})",
                role.name,
                role.responsibilities,
                role.core,
                one_line(&role.file)
            ),
            body_look(),
        );
    }
    rows.push(vec![Cell::plain("Rubrics"), rubrics]);
    table::table(
        flow,
        TITLE,
        &[
            Column::left("Item", 1.2),
            Column::left("What rolecall understood", 6.0),
        ],
        rows,
    );
}
