//! The evidence behind everything else: every task with what it matched and why, and how the
//! sheet was read.

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{self, body_look, muted_look, Cell, Column};
use super::{one_line, Context};
use crate::audit::TaskRecord;
use crate::matching::MatchStatus;

pub(super) fn tasks(flow: &mut Flow<'_>, context: &Context<'_>) {
    const TITLE: &str = "Appendix A: every task";
    flow.section(TITLE);
    flow.paragraph(
        "Each task with the responsibility it was credited to, the probability of its role (for an unmatched task, the probability that it is no role's work) and the words that carried it, each with its weight for (+) or against (-). A task that matched no role says what it read as instead.",
        Look::new(size::BODY, Style::Regular, Colour::MUTED),
    );
    flow.advance(4.0);
    let rows = context
        .report
        .tasks
        .iter()
        .map(|task| {
            vec![
                Cell::text(task.id.to_string(), muted_look()),
                Cell::plain(one_line(&task.person)),
                Cell::plain(one_line(&task.task)),
                verdict(context, task),
                Cell::plain(format!("{:.2}", task.verdict.score)),
                Cell::text(
                    one_line(&crate::matching::Evidence::text(task.verdict.evidence())),
                    muted_look(),
                ),
            ]
        })
        .collect();
    table::table(
        flow,
        TITLE,
        &[
            Column::left("#", 0.55),
            Column::left("Person", 1.4),
            Column::left("Task", 3.0),
            Column::left("Best match", 2.4),
            Column::right("Score", 0.6),
            Column::left("Words that carried it", 1.9),
        ],
        rows,
    );
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
