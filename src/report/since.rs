//! "Since the last audit": a [`Comparison`] as terminal text, Markdown or JSON, for
//! `rolecall diff`, and as the section the terminal and Markdown reports of
//! `rolecall audit --baseline` hold.

use std::fmt::Write as _;

use super::caps::{self, clip};
use super::{one_line, ReportError};
use crate::compare::{Comparison, CoverageChange, MixShift, SavedFinding};
use crate::text::{decimal, markdown, thousands};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComparisonFormat {
    Text,
    Markdown,
    Json,
}

pub fn render_comparison(
    comparison: &Comparison,
    format: ComparisonFormat,
) -> Result<Vec<u8>, ReportError> {
    let text = match format {
        ComparisonFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(comparison).map_err(|e| ReportError::Render {
                    format: "JSON",
                    message: e.to_string(),
                })?;
            json.push('\n');
            json
        }
        ComparisonFormat::Text => text(comparison, false),
        ComparisonFormat::Markdown => markdown_section(comparison, 1, false),
    };
    Ok(text.into_bytes())
}

/// The comparison as plain text: the `diff` command's output, and the terminal report's
/// section (which wraps it to the terminal's width). A `summary` shows the first
/// [`caps::SINCE_ITEMS`] of each list, their messages clipped, and counts the rest.
pub(super) fn text(comparison: &Comparison, summary: bool) -> String {
    document(
        comparison,
        &Style {
            level: 0,
            bullet: "  - ",
            clean: one_line,
            summary,
        },
    )
}

/// The comparison as Markdown whose title is a heading of `level` (1 for `diff`'s own
/// document, 2 inside the Markdown report), its parts one level below; `summary` as for
/// [`text`].
pub(super) fn markdown_section(comparison: &Comparison, level: usize, summary: bool) -> String {
    document(
        comparison,
        &Style {
            level,
            bullet: "- ",
            clean: markdown,
            summary,
        },
    )
}

/// How the two readable formats differ: headings, bullets and how a cell is made safe.
struct Style {
    /// The title's heading level in Markdown; 0 for plain text, which has no heading marks.
    level: usize,
    bullet: &'static str,
    clean: fn(&str) -> String,
    /// Lists capped and messages clipped, for the reports meant to be read at any size.
    summary: bool,
}

impl Style {
    /// The marks before a heading `depth` levels below the title ("## " for depth 1 under a
    /// level-1 title).
    fn heading(&self, depth: usize) -> String {
        if self.level == 0 {
            return String::new();
        }
        format!("{} ", "#".repeat(self.level + depth))
    }
}

fn document(c: &Comparison, style: &Style) -> String {
    let clean = style.clean;
    let mut out = String::new();
    let _ = writeln!(out, "{}Since the last audit", style.heading(0));
    let _ = writeln!(
        out,
        "\n{} ({}) compared with {} ({}).",
        clean(&c.current.input),
        clean(&c.current.generated_at),
        clean(&c.baseline.input),
        clean(&c.baseline.generated_at)
    );
    for warning in &c.warnings {
        let _ = writeln!(out, "\nNote: {}.", clean(warning));
    }
    if c.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing changed: the same {} findings, people, coverage and role mix.",
            thousands(c.persisting.len())
        );
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} new, {} resolved, {} persisting findings; {} joined, {} left.",
        thousands(c.new.len()),
        thousands(c.resolved.len()),
        thousands(c.persisting.len()),
        thousands(c.joined.len()),
        thousands(c.left.len())
    );
    let findings = |out: &mut String, heading: &str, list: &[SavedFinding]| {
        section(out, style, heading, list, |f| {
            let most = if style.summary {
                caps::MESSAGE_CHARS
            } else {
                usize::MAX
            };
            let message = clip(&f.message, most);
            format!(
                "[{}] {} ({})",
                f.severity.name(),
                clean(&message),
                clean(&f.id)
            )
        });
    };
    findings(&mut out, "New findings", &c.new);
    findings(&mut out, "Resolved findings", &c.resolved);
    section(&mut out, style, "People who joined", &c.joined, |p| {
        clean(p)
    });
    section(&mut out, style, "People who left", &c.left, |p| clean(p));
    section(
        &mut out,
        style,
        "Coverage that rose or fell",
        &c.coverage,
        |change: &CoverageChange| {
            format!(
                "{} ({}): {}, from {} to {} people and from {} to {} tasks",
                clean(&change.title),
                clean(&change.role),
                change.change,
                thousands(change.people_before),
                thousands(change.people_after),
                decimal(change.weight_before, 2),
                decimal(change.weight_after, 2)
            )
        },
    );
    let heading = format!(
        "Role mix that shifted by {:.0} points or more",
        c.mix_threshold * 100.0
    );
    section(
        &mut out,
        style,
        &heading,
        &c.role_mix,
        |shift: &MixShift| {
            format!(
                "{}: {} from {:.0}% to {:.0}%",
                clean(&shift.person),
                clean(&shift.role),
                shift.before * 100.0,
                shift.after * 100.0
            )
        },
    );
    out
}

fn section<T>(
    out: &mut String,
    style: &Style,
    heading: &str,
    items: &[T],
    line: impl Fn(&T) -> String,
) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}{heading} ({})",
        style.heading(1),
        thousands(items.len())
    );
    if style.level > 0 {
        out.push('\n');
    }
    let shown = if style.summary {
        caps::SINCE_ITEMS
    } else {
        items.len()
    };
    for item in items.iter().take(shown) {
        let _ = writeln!(out, "{}{}", style.bullet, line(item));
    }
    if items.len() > shown {
        let _ = writeln!(
            out,
            "{}… and {} more (all of them with --format json, or rolecall diff)",
            style.bullet,
            thousands(items.len() - shown)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{compare_with_report, Saved};
    use crate::report::tests::fixture;

    #[test]
    fn a_summary_caps_each_list_and_counts_the_rest() {
        let mut baseline = fixture();
        baseline.findings.clear();
        let mut comparison =
            compare_with_report(&Saved::of_report(&baseline), &fixture(), 0.2).unwrap();
        let one = comparison.new[0].clone();
        comparison.new = (0..25)
            .map(|i| SavedFinding {
                id: format!("gap:r{i}"),
                message: "long ".repeat(200),
                ..one.clone()
            })
            .collect();
        let listed = |text: &str| text.matches("(gap:r").count();
        let whole = text(&comparison, false);
        assert_eq!(listed(&whole), 25);
        assert!(!whole.contains("more (all of them"));
        for summary in [
            text(&comparison, true),
            markdown_section(&comparison, 2, true),
        ] {
            assert_eq!(listed(&summary), caps::SINCE_ITEMS, "{summary}");
            assert!(summary.contains("… and 15 more (all of them with --format json"));
            assert!(summary.len() < whole.len() / 2);
        }
        let md = markdown_section(&comparison, 2, false);
        assert!(md.starts_with("## Since the last audit\n"), "{md}");
        assert!(md.contains("\n### New findings (25)\n"), "{md}");
        assert!(markdown_section(&comparison, 1, false).starts_with("# Since the last audit\n"));
    }
}
