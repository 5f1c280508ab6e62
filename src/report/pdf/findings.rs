//! One table per kind of finding: overlaps, gaps, drift, single points of failure. Each row
//! says what was found in a sentence and, where tasks are behind it, which ones.

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{body_look, muted_look, Cell, Column, Table};
use super::{one_line, severity_colour, Context};
use crate::audit::{Finding, FindingGroup, PdfHome};
use crate::text::thousands;

/// How many tasks a row lists before counting the rest; the appendix has them all.
const TASKS_SHOWN: usize = 4;

/// How many further task numbers a row names after them; the appendix and the JSON have
/// the rest.
const IDS_SHOWN: usize = 12;

/// How many finding rows the whole Findings section lists, shared between its groups: a
/// large organisation can have thousands of findings, and hundreds of pages of them would
/// bury the rest of a report meant to be read in minutes. A group with fewer than its share
/// lists them all and leaves the rest of its share to the others; the PDF says how many it
/// left out and where they are.
pub(super) const ROWS_SHOWN: usize = 120;

/// The most lines a finding's sentence or its tasks take in a row, so the cap on rows is a
/// cap on pages whatever the messages say.
const CELL_LINES: usize = 6;

/// How many groups of findings the section can have, each a subsection in the contents.
pub(super) const GROUP_COUNT: usize = 6;

struct Group {
    title: &'static str,
    what: &'static str,
    /// The kinds it lists are those whose home is this group.
    of: FindingGroup,
    shown: Shown,
}

enum Shown {
    Always,
    /// Only when the input held a RACI chart; elsewhere the rules have nothing to read.
    WithChart,
    /// Only when there is something to say: "none found" would be noise.
    WhenFound,
}

const GROUPS: [Group; GROUP_COUNT] = [
    Group {
        title: "Language",
        what: "Task lines written mostly in a language the rubrics are not: the matching findings are left out rather than built on words shared by chance.",
        of: FindingGroup::Language,
        shown: Shown::WhenFound,
    },
    Group {
        title: "Overlaps",
        what: "A responsibility carried by more than one person (across titles when their job titles belong to different roles), and pairs of people whose work covers largely the same responsibilities.",
        of: FindingGroup::Overlaps,
        shown: Shown::Always,
    },
    Group {
        title: "Gaps",
        what: "Responsibilities nobody carries, roles with no work at all, roles nobody is titled for, job titles rolecall does not recognise, and people titled for a role who carry none of its core work.",
        of: FindingGroup::Gaps,
        shown: Shown::Always,
    },
    Group {
        title: "Role drift",
        what: "People whose work lies mostly outside the role of their job title, including people whose title is no audited role but who do such work.",
        of: FindingGroup::RoleDrift,
        shown: Shown::Always,
    },
    Group {
        title: "Single points of failure",
        what: "Core responsibilities that exactly one person carries: nobody covers them when that person is away.",
        of: FindingGroup::SinglePointsOfFailure,
        shown: Shown::Always,
    },
    Group {
        title: "RACI chart",
        what: "Breaks of the RACI rules: tasks without exactly one Accountable party or without anyone Responsible, tasks with too many doers or consultees, parties holding most of the work or none of it, unmarked tasks, and responsibilities answered for by people of different titles.",
        of: FindingGroup::RaciChart,
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
    let mut groups: Vec<(&Group, Vec<&Finding>)> = GROUPS
        .iter()
        .map(|group| {
            let found: Vec<&Finding> = context
                .report
                .findings
                .iter()
                .filter(|f| f.kind.pdf_home() == PdfHome::Group(group.of))
                .collect();
            (group, found)
        })
        .filter(|(group, found)| match group.shown {
            Shown::Always => true,
            Shown::WithChart => has_chart,
            Shown::WhenFound => !found.is_empty(),
        })
        .collect();
    // A chart is a project: its rule breaks are what its owner can fix today, and come
    // right after the language warning, before the findings against the roles' remits.
    if has_chart {
        groups.sort_by_key(|(group, _)| {
            !matches!(group.of, FindingGroup::Language | FindingGroup::RaciChart)
        });
    }
    let counts: Vec<usize> = groups.iter().map(|(_, found)| found.len()).collect();
    let shares = shares(&counts, ROWS_SHOWN);
    let what_look = Look::new(size::BODY, Style::Regular, Colour::MUTED);
    for ((group, found), share) in groups.iter().zip(shares) {
        let what_height = flow.paragraph_height(group.what, what_look) + 3.0;
        if found.is_empty() {
            let none = Look::new(size::BODY, Style::Bold, Colour::INK);
            flow.subsection(
                group.title,
                what_height + flow.paragraph_height("None found.", none),
            );
            flow.paragraph(group.what, what_look);
            flow.advance(3.0);
            flow.paragraph("None found.", none);
            flow.advance(6.0);
            continue;
        }
        let left_out = found.len() - share;
        let found = &found[..share];
        let with_tasks = found.iter().any(|f| !f.tasks.is_empty());
        let rows = found
            .iter()
            .map(|finding| {
                let mut row = vec![
                    Cell::text(
                        finding.severity.name(),
                        Look::new(size::TABLE, Style::Bold, severity_colour(finding.severity)),
                    ),
                    advised(finding),
                ];
                if with_tasks {
                    row.push(tasks_cell(context, finding));
                }
                row
            })
            .collect();
        let mut columns = vec![
            Column::left("Severity", 0.9),
            Column::left("Finding", 4.6).clamped(CELL_LINES),
        ];
        if with_tasks {
            columns.push(Column::left("Tasks behind it", 3.6).clamped(CELL_LINES));
        }
        let table = Table::new(flow, group.title, &columns, rows);
        flow.subsection(group.title, what_height + table.lead());
        flow.paragraph(group.what, what_look);
        flow.advance(3.0);
        table.draw(flow);
        if left_out > 0 {
            flow.paragraph(
                &format!(
                    "The {} most severe of {} are listed; the other {} are in the JSON, CSV and Markdown reports (--format json, csv or md).",
                    thousands(found.len()),
                    thousands(found.len() + left_out),
                    thousands(left_out)
                ),
                Look::new(size::BODY, Style::Bold, Colour::INK),
            );
            flow.advance(6.0);
        }
    }
}

/// How many of each group's `counts` to list when `budget` rows are shared between them:
/// every group gets an equal share, and what a small group does not use goes to the larger
/// ones, so a group under its share is listed whole.
fn shares(counts: &[usize], budget: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| counts[i]);
    let mut out = vec![0; counts.len()];
    let mut left = budget;
    for (done, &i) in order.iter().enumerate() {
        let fair = left / (counts.len() - done);
        out[i] = counts[i].min(fair);
        left -= out[i];
    }
    out
}

/// A finding's sentence, then what to do about it, set apart.
fn advised(finding: &Finding) -> Cell {
    let mut cell = Cell::plain(one_line(&finding.message));
    cell.push(
        format!("Suggestion: {}", one_line(&finding.advice)),
        Look::new(size::TABLE, Style::Regular, Colour::MUTED),
    );
    cell
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
                thousands(finding.tasks.len() - TASKS_SHOWN),
                finding.tasks[TASKS_SHOWN..]
                    .iter()
                    .take(IDS_SHOWN)
                    .map(ToString::to_string)
                    .chain((finding.tasks.len() > TASKS_SHOWN + IDS_SHOWN).then(|| "…".to_string()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            muted_look(),
        );
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::{shares, GROUPS};
    use crate::audit::{FindingKind, PdfHome};

    /// Every finding kind has one place in the PDF: the group of this section its home
    /// names, or the appendix, which lists every task to review (unmatched and ambiguous) on
    /// its own. A kind whose group the section lacks would be dropped from the PDF without a
    /// word (unstaffed-role once was).
    #[test]
    fn every_finding_kind_has_one_home_in_the_pdf() {
        for kind in FindingKind::ALL {
            let homes = match kind.pdf_home() {
                PdfHome::Group(of) => GROUPS.iter().filter(|g| g.of == of).count(),
                PdfHome::AppendixOnly => 1,
            };
            assert_eq!(homes, 1, "{kind} has {homes} homes in the PDF");
        }
    }

    #[test]
    fn small_groups_are_listed_whole_and_large_ones_share_the_rest() {
        assert_eq!(shares(&[3, 500, 0, 900], 120), [3, 58, 0, 59]);
        assert_eq!(shares(&[10, 20], 120), [10, 20]);
        assert_eq!(shares(&[], 120), Vec::<usize>::new());
    }
}
