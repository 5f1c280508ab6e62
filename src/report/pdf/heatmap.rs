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
use super::table::{Cell, Column, Table};
use super::{one_line, Context};
use crate::audit::{Coverage, TaskId};
use crate::text::{natural_cmp, thousands};

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

/// Beyond this many teams, teams whose names differ only by a trailing number ("Payments 2",
/// "Payments 10") share a row, and beyond this many rows again only the largest are drawn.
pub(super) const MAX_TEAM_ROWS: usize = 60;

struct Grid<'r> {
    columns: Vec<&'r Coverage>,
    /// Number of each column within its role, from 1.
    numbers: Vec<usize>,
    /// Each row's name and what follows it ("(12)"), which is never cut: a long name is.
    rows: Vec<(String, String)>,
    values: Vec<Vec<f64>>,
    max: f64,
    by_effort: bool,
    rows_are: Rows,
}

/// What a row of the grid stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    People,
    Teams,
    /// Groups of teams by name; `left_out` groups of `people` people are not drawn.
    TeamGroups {
        left_out: usize,
        people: usize,
    },
}

/// "Payments 10" -> "Payments": the name a numbered team shares with its siblings.
fn team_stem(team: &str) -> &str {
    let stem = team
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches(|c: char| c.is_whitespace() || c == '-' || c == '#');
    if stem.is_empty() {
        team
    } else {
        stem
    }
}

/// The rows of a team-level grid: each person's row (None for a group left out), the rows'
/// labels, and what they stand for.
fn team_rows(context: &Context<'_>) -> (Vec<Option<usize>>, Vec<(String, String)>, Rows) {
    let people = &context.report.people;
    fn team_of(person: &crate::audit::Person) -> &str {
        person.team.as_deref().unwrap_or("(no team)")
    }
    let mut members: BTreeMap<&str, usize> = BTreeMap::new();
    for person in people {
        *members.entry(team_of(person)).or_default() += 1;
    }
    let grouped = members.len() > MAX_TEAM_ROWS;
    let key = |team: &str| -> String {
        if grouped {
            team_stem(team).to_string()
        } else {
            team.to_string()
        }
    };
    // Row key -> (teams, people).
    let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (team, n) in &members {
        let row = rows.entry(key(team)).or_default();
        row.0 += 1;
        row.1 += n;
    }
    let mut kept: Vec<(String, (usize, usize))> = rows.into_iter().collect();
    let (mut left_out, mut left_out_people) = (0, 0);
    if kept.len() > MAX_TEAM_ROWS {
        kept.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then_with(|| natural_cmp(&a.0, &b.0)));
        for (_, (_, n)) in kept.drain(MAX_TEAM_ROWS..) {
            left_out += 1;
            left_out_people += n;
        }
    }
    kept.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    let index: BTreeMap<&str, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let row_of = people
        .iter()
        .map(|p| index.get(key(team_of(p)).as_str()).copied())
        .collect();
    let labels = kept
        .iter()
        .map(|(name, (teams, n))| {
            let count = if grouped {
                format!(" · {} teams ({})", thousands(*teams), thousands(*n))
            } else {
                format!(" ({})", thousands(*n))
            };
            (one_line(name), count)
        })
        .collect();
    let rows_are = if grouped {
        Rows::TeamGroups {
            left_out,
            people: left_out_people,
        }
    } else {
        Rows::Teams
    };
    (row_of, labels, rows_are)
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

    let (person_rows, rows, rows_are) = if by_team {
        team_rows(context)
    } else {
        (
            (0..report.people.len()).map(Some).collect(),
            report
                .people
                .iter()
                .map(|p| (one_line(&p.name), String::new()))
                .collect(),
            Rows::People,
        )
    };
    let row_of: BTreeMap<&str, usize> = report
        .people
        .iter()
        .zip(person_rows)
        .filter_map(|(p, row)| Some((&*p.name, row?)))
        .collect();

    // An ambiguous task is credited to several responsibilities. Hours are shared between
    // them, so a row's hours add up to the person's; on the task scale each counts as a
    // whole task under each, as a count of tasks cannot hold half a task.
    let mut credited: BTreeMap<TaskId, usize> = BTreeMap::new();
    if by_effort {
        for coverage in &report.coverage {
            for task in &coverage.tasks {
                *credited.entry(*task).or_default() += 1;
            }
        }
    }
    let mut values = vec![vec![0.0; columns.len()]; rows.len()];
    for (c, coverage) in columns.iter().enumerate() {
        for id in &coverage.tasks {
            let Some(task) = context.tasks.get(id) else {
                continue;
            };
            let amount = if by_effort {
                task.effort.unwrap_or(0.0) / credited.get(id).copied().unwrap_or(1) as f64
            } else {
                1.0
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
        rows_are,
    }
}

/// "3", "0.5", "12", "1.2k", "15k": at most four characters, so a cell or a total is never
/// cut. Values of a thousand or more are abbreviated deliberately; whole counts below that
/// are written in full.
fn amount(value: f64) -> String {
    if value >= 9_950.0 {
        format!("{:.0}k", value / 1000.0)
    } else if value >= 999.5 {
        format!("{:.1}k", value / 1000.0)
    } else if value >= 9.95 || (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// The narrowest a column may be: room for its widest number, in a cell or in the totals.
fn min_column(flow: &Flow<'_>, grid: &Grid<'_>) -> f32 {
    let widest_value = grid
        .values
        .iter()
        .flatten()
        .map(|&v| flow.fonts.width(Style::Regular, CELL_TEXT, &amount(v)))
        .fold(0.0, f32::max);
    let widest_total = grid
        .columns
        .iter()
        .map(|c| {
            flow.fonts
                .width(Style::Bold, 6.5, &amount(c.people.len() as f64))
        })
        .fold(0.0, f32::max);
    // Each cell is inset by 1 point a side, and its text by another half point.
    (widest_value.max(widest_total) + 3.5).max(MIN_COLUMN)
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
    let people = thousands(context.report.people.len());
    let rows_are = match grid.rows_are {
        Rows::People => "Each row is a person. ".to_string(),
        Rows::Teams => format!(
            "Each row is a team (its number of people in brackets): with {people} people, one row per person would run to pages nobody scans. "
        ),
        Rows::TeamGroups { left_out, people: out } => {
            let mut text = format!(
                "Each row is a group of teams whose names differ only by a number (how many teams, and their people in brackets): with {people} people in more than {MAX_TEAM_ROWS} teams, one row per team would run to pages nobody scans. "
            );
            if left_out > 0 {
                text.push_str(&format!(
                    "The {MAX_TEAM_ROWS} largest groups are drawn; {} smaller groups ({} people) are left out here and are in the JSON report and the CSV people table (--format json or csv). ",
                    thousands(left_out),
                    thousands(out)
                ));
            }
            text
        }
    };
    let cells = if grid.by_effort {
        "Each cell gives the hours per week the row's tasks put into the responsibility (a task ambiguous between several shares its hours between them)."
    } else {
        "Each cell counts the row's tasks matched to the responsibility (a task ambiguous between several counts under each)."
    };
    flow.paragraph(
        &format!(
            "{rows_are}Each column is a responsibility, numbered within its role (key below; bold numbers are core work). {cells} The darker the cell, the more {unit} go to it. The bottom row counts the people carrying each responsibility: a red 0 is a gap, a 1 under core work a single point of failure."
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
    let narrowest = min_column(flow, &grid);
    let per_block = ((body.width() - LABEL_WIDTH) / narrowest).floor() as usize;
    for block in blocks(&grid, per_block) {
        let width =
            ((body.width() - LABEL_WIDTH) / block.len() as f32).min(MAX_COLUMN.max(narrowest));
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

/// Where one block's columns sit across the page: row labels from the body's left edge, then
/// one column per responsibility in `columns`, each `width` wide. Every part of the block
/// (headings, rows, the carriers row) places its cells through it, so they line up.
struct Block {
    /// The body's left edge, where the row labels start.
    label_left: f32,
    /// Where the first column starts, right of the labels.
    left: f32,
    columns: std::ops::Range<usize>,
    width: f32,
}

impl Block {
    fn x(&self, c: usize) -> f32 {
        self.left + (c - self.columns.start) as f32 * self.width
    }

    fn right(&self) -> f32 {
        self.x(self.columns.end)
    }

    /// Column `c`'s cell in the row starting at `top`.
    fn cell(&self, c: usize, top: f32) -> Area {
        Area {
            left: self.x(c),
            top,
            right: self.x(c + 1),
            bottom: top + ROW,
        }
    }
}

fn draw_block(
    flow: &mut Flow<'_>,
    context: &Context<'_>,
    grid: &Grid<'_>,
    columns: std::ops::Range<usize>,
    column_width: f32,
) {
    let label_left = flow.body().left;
    let block = Block {
        label_left,
        left: label_left + LABEL_WIDTH,
        columns,
        width: column_width,
    };
    flow.ensure(3.0 * ROW + ROW);
    column_heads(flow, context, grid, &block);
    for (r, (name, count)) in grid.rows.iter().enumerate() {
        if flow.remaining() < ROW {
            flow.continued("Coverage heatmap");
            column_heads(flow, context, grid, &block);
        }
        let top = flow.y;
        row_label(
            flow,
            &block,
            (name, count),
            Look::new(7.5, Style::Regular, Colour::INK),
        );
        for c in block.columns.clone() {
            value_cell(flow, grid, block.cell(c, top), grid.values[r][c]);
        }
        flow.hline(
            block.label_left,
            block.right(),
            top + ROW,
            0.25,
            Colour::RULE,
        );
        flow.advance(ROW);
    }
    carriers_row(flow, grid, &block);
}

/// The block's two heading rows, drawn again at the top of each page it runs onto: a band
/// naming the role over its columns, then each column's number within its role.
fn column_heads(flow: &mut Flow<'_>, context: &Context<'_>, grid: &Grid<'_>, block: &Block) {
    let top = flow.y;
    let head_look = Look::new(6.5, Style::Bold, Colour::INK);
    let mut start = block.columns.start;
    while start < block.columns.end {
        let role = grid.columns[start].role.as_str();
        let end = (start..block.columns.end)
            .find(|&c| grid.columns[c].role != role)
            .unwrap_or(block.columns.end);
        let band = Area {
            left: block.x(start),
            top,
            right: block.x(end),
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
    for c in block.columns.clone() {
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
            block.cell(c, numbers_top).inset(0.5, 0.0),
        );
    }
    flow.hline(
        block.label_left,
        block.right(),
        numbers_top + ROW,
        0.4,
        Colour::MUTED,
    );
    flow.advance(2.0 * ROW);
}

/// The row's name in the column left of the grid, followed by what it carries ("(12)"),
/// which is never cut: a long name is.
fn row_label(flow: &mut Flow<'_>, block: &Block, (name, count): (&str, &str), look: Look) {
    let name_box = Area {
        left: block.label_left,
        top: flow.y,
        right: block.left - 4.0,
        bottom: flow.y + ROW,
    };
    let baseline = flow.y + first_baseline(look.size) + 0.5;
    let count_width = flow.fonts.width(look.style, look.size, count);
    let name_box_cut = Area {
        right: name_box.right - count_width,
        ..name_box
    };
    flow.fitted(name, Align::Left, baseline, look, name_box_cut);
    let name = super::text::fit(
        flow.fonts,
        look.style,
        look.size,
        name,
        name_box_cut.width(),
    );
    let count_box = Area {
        left: block.label_left + flow.fonts.width(look.style, look.size, &name),
        ..name_box
    };
    flow.fitted(count, Align::Left, baseline, look, count_box);
}

/// One shaded cell with its amount, in ink that reads on its shade; an empty cell is left
/// blank.
fn value_cell(flow: &mut Flow<'_>, grid: &Grid<'_>, cell: Area, value: f64) {
    if value <= 0.0 {
        return;
    }
    let shaded = cell.inset(0.5, 0.5);
    let fill = shade(value, grid.max);
    let ink = if fill.is_dark() {
        Colour::WHITE
    } else {
        Colour::INK
    };
    let look = Look::new(CELL_TEXT, Style::Regular, ink);
    flow.fill(shaded, fill);
    flow.fitted(
        &amount(value),
        Align::Centre,
        cell.top + first_baseline(look.size) + 2.5,
        look,
        shaded.inset(0.5, 0.0),
    );
}

/// The bottom row: how many people carry each responsibility, in red where that is a gap
/// (nobody) or a single point of failure (one person on core work).
fn carriers_row(flow: &mut Flow<'_>, grid: &Grid<'_>, block: &Block) {
    flow.ensure(ROW);
    let top = flow.y;
    row_label(
        flow,
        block,
        ("People carrying it", ""),
        Look::new(7.5, Style::Bold, Colour::INK),
    );
    for c in block.columns.clone() {
        let carriers = grid.columns[c].people.len();
        let colour = if carriers == 0 || (carriers == 1 && grid.columns[c].core) {
            Colour::ALERT
        } else {
            Colour::INK
        };
        flow.fitted(
            &amount(carriers as f64),
            Align::Centre,
            top + first_baseline(6.5) + 1.5,
            Look::new(6.5, Style::Bold, colour),
            block.cell(c, top).inset(0.5, 0.0),
        );
    }
    flow.advance(ROW);
}

/// The key to the column numbers, which doubles as the list of who carries what.
fn key(flow: &mut Flow<'_>, context: &Context<'_>, grid: &Grid<'_>) {
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
                people.push(format!(
                    "and {} more",
                    thousands(coverage.people.len() - NAMES)
                ));
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
    let columns = [
        Column::left("Role", 1.6),
        Column::right("#", 0.4),
        Column::left("Responsibility", 3.4),
        Column::left("Core", 0.6),
        Column::left("Carried by", 3.2),
    ];
    let table = Table::new(flow, "Key to the columns", &columns, rows);
    flow.heading("Key to the columns", size::SUBHEADING + 1.5, table.lead());
    table.draw(flow);
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
        assert_eq!(amount(999.0), "999");
        assert_eq!(amount(1_234.0), "1.2k");
        assert_eq!(amount(15_400.0), "15k");
    }

    #[test]
    fn numbered_teams_share_a_stem() {
        assert_eq!(team_stem("Payments 10"), "Payments");
        assert_eq!(team_stem("Payments"), "Payments");
        assert_eq!(team_stem("Squad-7"), "Squad");
        assert_eq!(team_stem("42"), "42");
    }

    #[test]
    fn shade_darkens_with_the_value() {
        let light = shade(1.0, 10.0);
        let dark = shade(10.0, 10.0);
        assert!(!light.is_dark() && dark.is_dark());
    }
}
