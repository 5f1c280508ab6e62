//! The coverage heatmap: people down the side, responsibilities across (grouped by role),
//! each cell shaded by how much of the person's work goes to that responsibility.
//!
//! Text never shrinks to make a large team fit. Rows run on over as many pages as needed,
//! with the column headings repeated; responsibilities that do not fit across one page are
//! split into blocks of whole roles where possible; and a team too large for one row per
//! person (more than [`MAX_PERSON_ROWS`]) is summarised by team when the sheet has teams.

use std::collections::BTreeMap;

use super::canvas::{first_baseline, size, text_height, Align, Area, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{self, Cell, Column};
use super::{one_line, Context};
use crate::audit::{Coverage, TaskId};

/// Beyond this many people, rows are teams (when the sheet names teams): a grid of hundreds
/// of rows is no longer something a reader scans.
pub(super) const MAX_PERSON_ROWS: usize = 150;

const LABEL_WIDTH: f32 = 118.0;
const MIN_COLUMN: f32 = 13.0;
const MAX_COLUMN: f32 = 26.0;
const ROW: f32 = 12.0;
const CELL_TEXT: f32 = 5.8;
const LIGHT: Colour = Colour(0.92, 0.95, 0.99);
const DARK: Colour = Colour(0.07, 0.25, 0.55);

struct Grid<'r> {
    columns: Vec<&'r Coverage>,
    /// Number of each column within its role, from 1.
    numbers: Vec<usize>,
    rows: Vec<String>,
    values: Vec<Vec<f64>>,
    max: f64,
    by_effort: bool,
    by_team: bool,
}

fn grid<'r>(context: &Context<'r>) -> Grid<'r> {
    let report = context.report;
    let mut columns = Vec::new();
    let mut numbers = Vec::new();
    for role in &report.rubrics {
        for (n, coverage) in report
            .coverage
            .iter()
            .filter(|c| c.role == role.id)
            .enumerate()
        {
            columns.push(coverage);
            numbers.push(n + 1);
        }
    }
    let by_effort = !report.tasks.is_empty() && report.tasks.iter().all(|t| t.effort.is_some());
    let by_team =
        report.people.len() > MAX_PERSON_ROWS && report.people.iter().any(|p| p.team.is_some());

    let mut rows: Vec<String> = Vec::new();
    let mut row_of: BTreeMap<&str, usize> = BTreeMap::new();
    if by_team {
        let mut members: BTreeMap<String, usize> = BTreeMap::new();
        for person in &report.people {
            let team = person
                .team
                .clone()
                .unwrap_or_else(|| "(no team)".to_string());
            *members.entry(team).or_default() += 1;
        }
        let index: BTreeMap<&str, usize> = members
            .keys()
            .enumerate()
            .map(|(i, team)| (team.as_str(), i))
            .collect();
        for person in &report.people {
            let team = person.team.as_deref().unwrap_or("(no team)");
            row_of.insert(&*person.name, index[team]);
        }
        rows = members
            .iter()
            .map(|(team, n)| format!("{} ({n})", one_line(team)))
            .collect();
    } else {
        for (i, person) in report.people.iter().enumerate() {
            row_of.insert(&*person.name, i);
            rows.push(one_line(&person.name));
        }
    }

    // An ambiguous task is credited to several responsibilities, a share to each.
    let mut credited: BTreeMap<TaskId, usize> = BTreeMap::new();
    for coverage in &report.coverage {
        for task in &coverage.tasks {
            *credited.entry(*task).or_default() += 1;
        }
    }
    let mut values = vec![vec![0.0; columns.len()]; rows.len()];
    for (c, coverage) in columns.iter().enumerate() {
        for id in &coverage.tasks {
            let Some(task) = context.tasks.get(id) else {
                continue;
            };
            let share = 1.0 / credited.get(id).copied().unwrap_or(1) as f64;
            let amount = if by_effort {
                task.effort.unwrap_or(0.0) * share
            } else {
                share
            };
            if let Some(&r) = row_of.get(&*task.person) {
                values[r][c] += amount;
            }
        }
    }
    let max = values.iter().flatten().copied().fold(0.0_f64, f64::max);
    Grid {
        columns,
        numbers,
        rows,
        values,
        max,
        by_effort,
        by_team,
    }
}

/// "3", "0.5", "12": short enough for a cell.
fn amount(value: f64) -> String {
    if value >= 9.95 || (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn shade(value: f64, max: f64) -> Colour {
    let share = if max > 0.0 { value / max } else { 0.0 };
    LIGHT.mix(DARK, 0.15 + 0.85 * share as f32)
}

/// Splits the columns into blocks that fit across a page, keeping each role whole when it
/// fits in a block.
fn blocks(grid: &Grid<'_>, per_block: usize) -> Vec<std::ops::Range<usize>> {
    let per_block = per_block.max(1);
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, column) in grid.columns.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if grid.columns[group.start].role == column.role => group.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for group in groups {
        let mut start = group.start;
        while start < group.end {
            let end = (start + per_block).min(group.end);
            match out.last_mut() {
                Some(block) if block.end == start && end - block.start <= per_block => {
                    block.end = end
                }
                _ => out.push(start..end),
            }
            start = end;
        }
    }
    out
}

pub(super) fn heatmap(flow: &mut Flow<'_>, context: &Context<'_>) {
    flow.section("Coverage heatmap");
    let grid = grid(context);
    let body_look = Look::new(size::BODY, Style::Regular, Colour::INK);
    let unit = if grid.by_effort {
        "hours per week"
    } else {
        "tasks"
    };
    let rows_are = if grid.by_team {
        format!(
            "Each row is a team (its number of people in brackets): with {} people, one row per person would run to pages nobody scans. ",
            context.report.people.len()
        )
    } else {
        "Each row is a person. ".to_string()
    };
    flow.paragraph(
        &format!(
            "{rows_are}Each column is a responsibility, numbered within its role (key below; bold numbers are core work). The darker the cell, the more {unit} go to it. The bottom row counts the people carrying each responsibility: a red 0 is a gap, a 1 under core work a single point of failure."
        ),
        body_look,
    );
    flow.advance(4.0);
    if grid.columns.is_empty() || grid.rows.is_empty() {
        flow.paragraph(
            "Nothing to show: no people or no responsibilities.",
            body_look,
        );
        return;
    }
    legend(flow, &grid, unit);

    let body = flow.body();
    let per_block = ((body.width() - LABEL_WIDTH) / MIN_COLUMN).floor() as usize;
    for block in blocks(&grid, per_block) {
        let width = ((body.width() - LABEL_WIDTH) / block.len() as f32).min(MAX_COLUMN);
        draw_block(flow, context, &grid, block, width);
        flow.advance(10.0);
    }
    key(flow, context, &grid);
}

fn legend(flow: &mut Flow<'_>, grid: &Grid<'_>, unit: &str) {
    let body = flow.body();
    let look = Look::new(size::SMALL, Style::Regular, Colour::MUTED);
    flow.ensure(ROW + 6.0);
    let top = flow.y;
    let caption = format!("Shade ({unit}):");
    let caption_width = flow.fonts.width(look.style, look.size, &caption) + 6.0;
    let baseline = top + first_baseline(look.size);
    let line = Area {
        left: body.left,
        top,
        right: body.left + caption_width,
        bottom: top + text_height(1, look.size),
    };
    flow.fitted(&caption, Align::Left, baseline, look, line);
    let mut x = body.left + caption_width;
    for step in [0.2, 0.4, 0.6, 0.8, 1.0] {
        let value = grid.max * step;
        flow.fill(
            Area {
                left: x,
                top: top + 1.0,
                right: x + 14.0,
                bottom: top + 9.0,
            },
            shade(value, grid.max),
        );
        let label = amount(value);
        let slot = Area {
            left: x + 16.0,
            top,
            right: x + 44.0,
            bottom: top + text_height(1, look.size),
        };
        flow.fitted(&label, Align::Left, baseline, look, slot);
        x += 46.0;
    }
    flow.advance(ROW + 4.0);
}

fn draw_block(
    flow: &mut Flow<'_>,
    context: &Context<'_>,
    grid: &Grid<'_>,
    block: std::ops::Range<usize>,
    column_width: f32,
) {
    let body = flow.body();
    let left = body.left + LABEL_WIDTH;
    let x = |c: usize| left + (c - block.start) as f32 * column_width;
    let right = x(block.end);
    let head_look = Look::new(6.5, Style::Bold, Colour::INK);

    let header = |flow: &mut Flow<'_>| {
        let top = flow.y;
        // Role bands over their columns.
        let mut start = block.start;
        while start < block.end {
            let role = grid.columns[start].role.as_str();
            let end = (start..block.end)
                .find(|&c| grid.columns[c].role != role)
                .unwrap_or(block.end);
            let band = Area {
                left: x(start),
                top,
                right: x(end),
                bottom: top + ROW,
            };
            flow.fill(
                band.inset(0.5, 0.0),
                Colour::WHITE.mix(context.role_colour(role), 0.35),
            );
            flow.fitted(
                context.role_name(role),
                Align::Centre,
                top + (ROW - text_height(1, head_look.size)) / 2.0 + first_baseline(head_look.size),
                head_look,
                band.inset(2.0, 0.0),
            );
            start = end;
        }
        let numbers_top = top + ROW;
        for c in block.clone() {
            let cell = Area {
                left: x(c),
                top: numbers_top,
                right: x(c + 1),
                bottom: numbers_top + ROW,
            };
            let style = if grid.columns[c].core {
                Style::Bold
            } else {
                Style::Regular
            };
            flow.fitted(
                &grid.numbers[c].to_string(),
                Align::Centre,
                numbers_top + first_baseline(6.5) + 1.5,
                Look::new(6.5, style, Colour::INK),
                cell.inset(0.5, 0.0),
            );
        }
        flow.hline(body.left, right, numbers_top + ROW, 0.4, Colour::MUTED);
        flow.advance(2.0 * ROW);
    };

    let row_label = Look::new(7.5, Style::Regular, Colour::INK);
    // The row's name, in the column left of the grid.
    let label_row = |flow: &mut Flow<'_>, text: &str, look: Look| {
        let name_box = Area {
            left: body.left,
            top: flow.y,
            right: left - 4.0,
            bottom: flow.y + ROW,
        };
        let baseline = flow.y + first_baseline(look.size) + 0.5;
        flow.fitted(text, Align::Left, baseline, look, name_box);
    };
    let cell_text = |value: f64| {
        let fill = shade(value, grid.max);
        let ink = if fill.is_dark() {
            Colour::WHITE
        } else {
            Colour::INK
        };
        (fill, Look::new(CELL_TEXT, Style::Regular, ink))
    };
    flow.ensure(3.0 * ROW + ROW);
    header(flow);
    for (r, label) in grid.rows.iter().enumerate() {
        if flow.remaining() < ROW {
            flow.continued("Coverage heatmap");
            header(flow);
        }
        let top = flow.y;
        label_row(flow, label, row_label);
        for c in block.clone() {
            let value = grid.values[r][c];
            if value <= 0.0 {
                continue;
            }
            let cell = Area {
                left: x(c),
                top,
                right: x(c + 1),
                bottom: top + ROW,
            }
            .inset(0.5, 0.5);
            let (fill, look) = cell_text(value);
            flow.fill(cell, fill);
            flow.fitted(
                &amount(value),
                Align::Centre,
                top + first_baseline(look.size) + 2.5,
                look,
                cell.inset(0.5, 0.0),
            );
        }
        flow.hline(body.left, right, top + ROW, 0.25, Colour::RULE);
        flow.advance(ROW);
    }

    // People carrying each responsibility.
    flow.ensure(ROW);
    let top = flow.y;
    label_row(
        flow,
        "People carrying it",
        Look::new(7.5, Style::Bold, Colour::INK),
    );
    for c in block.clone() {
        let carriers = grid.columns[c].people.len();
        let colour = if carriers == 0 || (carriers == 1 && grid.columns[c].core) {
            Colour::ALERT
        } else {
            Colour::INK
        };
        let cell = Area {
            left: x(c),
            top,
            right: x(c + 1),
            bottom: top + ROW,
        };
        flow.fitted(
            &carriers.to_string(),
            Align::Centre,
            top + first_baseline(6.5) + 1.5,
            Look::new(6.5, Style::Bold, colour),
            cell.inset(0.5, 0.0),
        );
    }
    flow.advance(ROW);
}

/// The key to the column numbers, which doubles as the list of who carries what.
fn key(flow: &mut Flow<'_>, context: &Context<'_>, grid: &Grid<'_>) {
    flow.heading("Key to the columns", size::SUBHEADING + 1.5, 60.0);
    const NAMES: usize = 6;
    let rows = grid
        .columns
        .iter()
        .zip(&grid.numbers)
        .map(|(coverage, number)| {
            let mut people: Vec<String> = coverage
                .people
                .iter()
                .take(NAMES)
                .map(|p| one_line(p))
                .collect();
            if coverage.people.len() > NAMES {
                people.push(format!("and {} more", coverage.people.len() - NAMES));
            }
            let carried = if people.is_empty() {
                Cell::text("nobody", Look::new(size::TABLE, Style::Bold, Colour::ALERT))
            } else {
                Cell::plain(people.join(", "))
            };
            vec![
                Cell::plain(context.role_name(&coverage.role)),
                Cell::plain(number.to_string()),
                Cell::text(
                    one_line(&coverage.title),
                    Look::new(
                        size::TABLE,
                        if coverage.core {
                            Style::Bold
                        } else {
                            Style::Regular
                        },
                        Colour::INK,
                    ),
                ),
                Cell::plain(if coverage.core { "core" } else { "" }),
                carried,
            ]
        })
        .collect();
    table::table(
        flow,
        "Key to the columns",
        &[
            Column::left("Role", 1.6),
            Column::right("#", 0.4),
            Column::left("Responsibility", 3.4),
            Column::left("Core", 0.6),
            Column::left("Carried by", 3.2),
        ],
        rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_short() {
        assert_eq!(amount(3.0), "3");
        assert_eq!(amount(0.5), "0.5");
        assert_eq!(amount(12.4), "12");
        assert_eq!(amount(2.96), "3");
    }

    #[test]
    fn shade_darkens_with_the_value() {
        let light = shade(1.0, 10.0);
        let dark = shade(10.0, 10.0);
        assert!(!light.is_dark() && dark.is_dark());
    }
}
