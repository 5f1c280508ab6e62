//! One table per kind of finding: overlaps, gaps, drift, single points of failure. Each row
//! says what was found in a sentence and, where tasks are behind it, which ones.

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{self, body_look, muted_look, Cell, Column};
use super::{one_line, severity_colour, Context};
use crate::audit::{Finding, FindingKind};

/// How many tasks a row lists before counting the rest; the appendix has them all.
const TASKS_SHOWN: usize = 4;

/// How many findings a section lists, most severe first. A large organisation can have
/// thousands of similar-work pairs; hundreds of pages of them would bury the rest of a report
/// meant to be read in minutes, so the PDF says how many it left out and where they are.
pub(super) const ROWS_SHOWN: usize = 200;

struct Group {
    title: &'static str,
    what: &'static str,
    kinds: &'static [FindingKind],
    shown: Shown,
}

enum Shown {
    Always,
    /// Only when the input held a RACI chart; elsewhere the rules have nothing to read.
    WithChart,
    /// Only when there is something to say: "none found" would be noise.
    WhenFound,
}

const GROUPS: [Group; 6] = [
    Group {
        title: "Language",
        what: "Task lines written mostly in a language the rubrics are not: the matching findings are left out rather than built on words shared by chance.",
        kinds: &[FindingKind::ForeignLanguage],
        shown: Shown::WhenFound,
    },
    Group {
        title: "Overlaps",
        what: "A responsibility carried by more than one person (across titles when their job titles belong to different roles), and pairs of people whose work covers largely the same responsibilities.",
        kinds: &[FindingKind::Overlap, FindingKind::SimilarWork],
        shown: Shown::Always,
    },
    Group {
        title: "Gaps",
        what: "Responsibilities nobody carries, roles with no work at all, and people titled for a role who carry none of some of its core work.",
        kinds: &[FindingKind::RoleGap, FindingKind::Gap, FindingKind::MissingCore],
        shown: Shown::Always,
    },
    Group {
        title: "Role drift",
        what: "People whose work lies mostly outside the role of their job title, including people whose title is no audited role but who do such work.",
        kinds: &[FindingKind::Drift],
        shown: Shown::Always,
    },
    Group {
        title: "Single points of failure",
        what: "Core responsibilities that exactly one person carries: nobody covers them when that person is away.",
        kinds: &[FindingKind::SinglePointOfFailure],
        shown: Shown::Always,
    },
    Group {
        title: "RACI chart",
        what: "Breaks of the RACI rules: tasks without exactly one Accountable party or without anyone Responsible, tasks with too many doers or consultees, parties holding most of the work or none of it, unmarked tasks, and responsibilities answered for by people of different titles.",
        kinds: &[
            FindingKind::RaciUnassigned,
            FindingKind::RaciNoAccountable,
            FindingKind::RaciMultipleAccountable,
            FindingKind::RaciNoResponsible,
            FindingKind::AccountabilityOverlap,
            FindingKind::RaciManyResponsible,
            FindingKind::RaciConsultationOverload,
            FindingKind::RaciOverload,
            FindingKind::RaciUnderload,
        ],
        shown: Shown::WithChart,
    },
];

pub(super) fn findings(flow: &mut Flow<'_>, context: &Context<'_>) {
    flow.section("Findings");
    let has_chart = context
        .report
        .input
        .sheets
        .iter()
        .any(|s| s.scheme.is_some());
    for group in &GROUPS {
        let found: Vec<&Finding> = context
            .report
            .findings
            .iter()
            .filter(|f| group.kinds.contains(&f.kind))
            .collect();
        let shown = match group.shown {
            Shown::Always => true,
            Shown::WithChart => has_chart,
            Shown::WhenFound => !found.is_empty(),
        };
        if !shown {
            continue;
        }
        flow.subsection(group.title, 50.0);
        flow.paragraph(
            group.what,
            Look::new(size::BODY, Style::Regular, Colour::MUTED),
        );
        flow.advance(3.0);
        if found.is_empty() {
            flow.paragraph(
                "None found.",
                Look::new(size::BODY, Style::Bold, Colour::INK),
            );
            flow.advance(6.0);
            continue;
        }
        let left_out = found.len().saturating_sub(ROWS_SHOWN);
        let found = &found[..found.len() - left_out];
        let with_tasks = found.iter().any(|f| !f.tasks.is_empty());
        let rows = found
            .iter()
            .map(|finding| {
                let mut row = vec![
                    Cell::text(
                        finding.severity.name(),
                        Look::new(size::TABLE, Style::Bold, severity_colour(finding.severity)),
                    ),
                    Cell::plain(one_line(&finding.message)),
                ];
                if with_tasks {
                    row.push(tasks_cell(context, finding));
                }
                row
            })
            .collect();
        let mut columns = vec![Column::left("Severity", 0.9), Column::left("Finding", 4.6)];
        if with_tasks {
            columns.push(Column::left("Tasks behind it", 3.6));
        }
        table::table(flow, group.title, &columns, rows);
        if left_out > 0 {
            flow.paragraph(
                &format!(
                    "The {} most severe of {} are listed; the other {left_out} are in the JSON, CSV and Markdown reports (--format json, csv or md).",
                    found.len(),
                    found.len() + left_out
                ),
                Look::new(size::BODY, Style::Bold, Colour::INK),
            );
            flow.advance(6.0);
        }
    }
}

fn tasks_cell(context: &Context<'_>, finding: &Finding) -> Cell {
    let mut cell = Cell::default();
    for id in finding.tasks.iter().take(TASKS_SHOWN) {
        if let Some(task) = context.tasks.get(id) {
            cell.push(
                format!("{}: {}", one_line(&task.person), one_line(&task.task)),
                body_look(),
            );
        }
    }
    if finding.tasks.len() > TASKS_SHOWN {
        cell.push(
            format!(
                "and {} more ({})",
                finding.tasks.len() - TASKS_SHOWN,
                finding.tasks[TASKS_SHOWN..]
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            muted_look(),
        );
    }
    cell
}
