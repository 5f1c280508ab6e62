//! "Since the last audit", right after page 1 when the audit was given a baseline: what
//! changed in a sentence of counts, then the new and resolved findings, the coverage that
//! rose or fell and the role mixes that shifted, as tables that wrap and run onto further
//! pages like the others.

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{Cell, Column, Table};
use super::{one_line, severity_colour, Context};
use crate::compare::{Comparison, SavedFinding};
use crate::text::{and_list, decimal, thousands};

/// Rows each table lists: a comparison with a very different audit can have thousands of
/// new findings, and this section is meant to be read in a minute. The JSON report and
/// `rolecall diff` have every one.
const ROWS_SHOWN: usize = 60;

/// The most names a sentence lists before it counts them instead.
const NAMES_SHOWN: usize = 5;

/// The most lines a finding's sentence takes in a row.
const CELL_LINES: usize = 4;

const TITLE: &str = "Since the last audit";

pub(super) fn since(flow: &mut Flow<'_>, context: &Context<'_>) {
    let Some(comparison) = context.since else {
        return;
    };
    flow.section(TITLE);
    let muted = Look::new(size::BODY, Style::Regular, Colour::MUTED);
    flow.paragraph(
        &format!(
            "{} ({}) compared with {} ({}), read from {}. Findings are matched by their ids, which name what they are about, not where it was read.",
            one_line(&comparison.current.input),
            one_line(&comparison.current.generated_at),
            one_line(&comparison.baseline.input),
            one_line(&comparison.baseline.generated_at),
            one_line(&comparison.baseline.file),
        ),
        muted,
    );
    flow.advance(4.0);
    for warning in &comparison.warnings {
        flow.paragraph(
            &format!("Note: {}.", one_line(warning)),
            Look::new(size::BODY, Style::Bold, Colour::ALERT),
        );
        flow.advance(2.0);
    }
    flow.paragraph(
        &counts(comparison),
        Look::new(size::BODY + 0.5, Style::Bold, Colour::INK),
    );
    flow.advance(8.0);
    findings(flow, "New findings", &comparison.new);
    findings(flow, "Resolved findings", &comparison.resolved);
    let rows = comparison
        .coverage
        .iter()
        .map(|c| {
            vec![
                Cell::plain(context.responsibility_label(&c.responsibility)),
                Cell::plain(c.change),
                Cell::plain(format!(
                    "{} to {}",
                    thousands(c.people_before),
                    thousands(c.people_after)
                )),
                Cell::plain(format!(
                    "{} to {}",
                    decimal(c.weight_before, 2),
                    decimal(c.weight_after, 2)
                )),
            ]
        })
        .collect();
    table(
        flow,
        "Coverage that rose or fell",
        &[
            Column::left("Responsibility", 4.0),
            Column::left("Change", 0.9),
            Column::right("People", 1.2),
            Column::right("Tasks", 1.4),
        ],
        rows,
    );
    let rows = comparison
        .role_mix
        .iter()
        .map(|shift| {
            vec![
                Cell::plain(one_line(&shift.person)),
                Cell::plain(context.role_name(&shift.role).to_string()),
                Cell::plain(format!("{:.0}%", shift.before * 100.0)),
                Cell::plain(format!("{:.0}%", shift.after * 100.0)),
            ]
        })
        .collect();
    table(
        flow,
        &format!(
            "Role mix that shifted by {:.0} points or more",
            comparison.mix_threshold * 100.0
        ),
        &[
            Column::left("Person", 2.6),
            Column::left("Role", 2.6),
            Column::right("Before", 1.0),
            Column::right("After", 1.0),
        ],
        rows,
    );
}

/// What changed, counted in plain words: "3 new findings, 2 resolved, 40 persisting; Ana
/// joined; coverage rose for 1 responsibility".
fn counts(c: &Comparison) -> String {
    if c.is_empty() {
        return format!(
            "Nothing changed: the same {} {}, people, coverage and role mix.",
            thousands(c.persisting.len()),
            plural(c.persisting.len(), "finding", "findings")
        );
    }
    let mut parts = vec![format!(
        "{} new {}, {} resolved, {} persisting",
        thousands(c.new.len()),
        plural(c.new.len(), "finding", "findings"),
        thousands(c.resolved.len()),
        thousands(c.persisting.len())
    )];
    for (names, verb) in [(&c.joined, "joined"), (&c.left, "left")] {
        match names.len() {
            0 => {}
            n if n <= NAMES_SHOWN => {
                let names: Vec<String> = names.iter().map(|n| one_line(n)).collect();
                parts.push(format!("{} {verb}", and_list(&names)));
            }
            n => parts.push(format!("{} people {verb}", thousands(n))),
        }
    }
    let rose = c.coverage.iter().filter(|c| c.change == "rose").count();
    let fell = c.coverage.len() - rose;
    let of = |n: usize| {
        format!(
            "{} {}",
            thousands(n),
            plural(n, "responsibility", "responsibilities")
        )
    };
    match (rose, fell) {
        (0, 0) => {}
        (rose, 0) => parts.push(format!("coverage rose for {}", of(rose))),
        (0, fell) => parts.push(format!("coverage fell for {}", of(fell))),
        (rose, fell) => parts.push(format!(
            "coverage rose for {} and fell for {}",
            of(rose),
            thousands(fell)
        )),
    }
    if !c.role_mix.is_empty() {
        parts.push(format!(
            "{} role {} shifted by {:.0} points or more",
            thousands(c.role_mix.len()),
            plural(c.role_mix.len(), "share", "shares"),
            c.mix_threshold * 100.0
        ));
    }
    format!("{}.", parts.join("; "))
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn findings(flow: &mut Flow<'_>, title: &str, list: &[SavedFinding]) {
    let rows = list
        .iter()
        .map(|f| {
            vec![
                Cell::text(
                    f.severity.name(),
                    Look::new(size::TABLE, Style::Bold, severity_colour(f.severity)),
                ),
                Cell::plain(one_line(&f.message)),
                Cell::plain(one_line(&f.id)),
            ]
        })
        .collect();
    table(
        flow,
        title,
        &[
            Column::left("Severity", 0.9),
            Column::left("Finding", 4.6).clamped(CELL_LINES),
            Column::left("Id", 2.4).clamped(CELL_LINES),
        ],
        rows,
    );
}

/// A titled table of the first [`ROWS_SHOWN`] rows, saying how many more there are; nothing
/// when there are no rows (the sentence of counts has said so).
fn table(flow: &mut Flow<'_>, title: &str, columns: &[Column], mut rows: Vec<Vec<Cell>>) {
    if rows.is_empty() {
        return;
    }
    let all = rows.len();
    rows.truncate(ROWS_SHOWN);
    let heading = format!("{title} ({})", thousands(all));
    let table = Table::new(flow, &heading, columns, rows);
    flow.heading(&heading, size::SUBHEADING, table.lead());
    table.draw(flow);
    if all > ROWS_SHOWN {
        flow.paragraph(
            &format!(
                "The first {ROWS_SHOWN} of {} are listed; the JSON report (--format json) has every one.",
                thousands(all)
            ),
            Look::new(size::BODY, Style::Bold, Colour::INK),
        );
    }
    flow.advance(6.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CoverageChange, Side};

    fn comparison() -> Comparison {
        let side = || Side {
            file: "q3.json".to_string(),
            generated_at: "2026-09-30".to_string(),
            version: "0.1.0".to_string(),
            input: "team.csv".to_string(),
        };
        let finding = |id: &str| SavedFinding {
            id: id.to_string(),
            kind: "gap".to_string(),
            severity: crate::audit::Severity::High,
            message: id.to_string(),
        };
        Comparison {
            baseline: side(),
            current: side(),
            warnings: Vec::new(),
            new: vec![finding("gap:a"), finding("gap:b"), finding("gap:c")],
            resolved: vec![finding("gap:d"), finding("gap:e")],
            persisting: (0..40).map(|i| finding(&format!("gap:p{i}"))).collect(),
            joined: vec!["Ana".to_string()],
            left: Vec::new(),
            coverage: vec![CoverageChange {
                responsibility: "pm-roadmap".to_string(),
                role: "product-manager".to_string(),
                title: "Roadmap".to_string(),
                people_before: 1,
                people_after: 2,
                weight_before: 1.0,
                weight_after: 2.0,
                change: "rose",
            }],
            role_mix: Vec::new(),
            mix_threshold: 0.2,
        }
    }

    #[test]
    fn counts_are_said_in_plain_words() {
        assert_eq!(
            counts(&comparison()),
            "3 new findings, 2 resolved, 40 persisting; Ana joined; coverage rose for 1 responsibility."
        );
        let mut nothing = comparison();
        nothing.new.clear();
        nothing.resolved.clear();
        nothing.joined.clear();
        nothing.coverage.clear();
        assert_eq!(
            counts(&nothing),
            "Nothing changed: the same 40 findings, people, coverage and role mix."
        );
    }
}
