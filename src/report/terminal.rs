//! The terminal summary: what a team lead reads first. Findings by severity, then the most
//! notable people and their role mix, then how the sheet was read. Every piece of user text
//! is sanitised.
//!
//! It is a summary at any size: long lists are capped (see [`super::caps`]) with a count of
//! the rest, and every line fits the width the user reads at, counted in display columns
//! (a CJK name is two columns a character), so nothing wraps on their screen.

use std::io::IsTerminal;

use comfy_table::{presets, Attribute, Cell, Color, ContentArrangement, Table};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::caps::{self, clip, notable_people};
use super::{
    doubt_lines, headline, role_mix_text, rollup_cells, sanitise, source_line, Body, Render,
    Rendered, ReportError,
};
use crate::audit::Severity;
use crate::compare::Comparison;
use crate::report::Document;
use crate::text::thousands;

pub struct Terminal {
    pub options: TerminalOptions,
}

/// How the summary is laid out for where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalOptions {
    /// Display columns no line may exceed (40 at least: narrower, a table has no room).
    pub width: u16,
    /// Severities in colour (ANSI escape codes).
    pub colour: bool,
}

/// When to colour, as the user asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Only on a terminal, and only when `NO_COLOR` is unset or empty.
    Auto,
    Always,
    Never,
}

/// Findings shown before the rest is summarised in a count.
const MAX_FINDINGS: usize = 30;
/// The width when neither `COLUMNS` nor a terminal gives one (a pipe, a file): wide enough
/// for the findings table to read well, narrow enough for a log or a code review.
const DEFAULT_WIDTH: u16 = 100;
/// The narrowest layout: below it a table has no room for its text, so a narrower
/// `COLUMNS` gets lines of this width rather than a column per character.
const MIN_WIDTH: u16 = 40;
/// Input warnings shown before the rest is summarised in a count.
const MAX_WARNINGS: usize = 10;

impl TerminalOptions {
    /// The options for this process: the width from `COLUMNS` or the terminal, colour from
    /// `choice`, `NO_COLOR` and whether the summary goes to a terminal. `to_stdout` is false
    /// when it goes to a file, which gets no colour and no terminal's width.
    pub fn detect(choice: Colour, to_stdout: bool) -> TerminalOptions {
        let stdout = std::io::stdout();
        let tty = to_stdout && stdout.is_terminal();
        TerminalOptions::resolve(
            choice,
            std::env::var("COLUMNS").ok().as_deref(),
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            tty.then(|| terminal_size::terminal_size_of(&stdout).map_or(0, |(width, _)| width.0)),
        )
    }

    /// The decision itself, from what [`TerminalOptions::detect`] reads: `tty_width` is the
    /// terminal's width when the summary goes to one (0 when the terminal does not say), and
    /// `None` when it goes elsewhere. `COLUMNS` wins when it is a positive
    /// number (as it is for tools run from a script that wants a width); an explicit
    /// `--color` wins over `NO_COLOR`, as <https://no-color.org> asks.
    pub fn resolve(
        choice: Colour,
        columns: Option<&str>,
        no_color: bool,
        tty_width: Option<u16>,
    ) -> TerminalOptions {
        let columns = columns
            .and_then(|text| text.trim().parse::<u64>().ok())
            .filter(|&n| n > 0)
            .map(|n| u16::try_from(n).unwrap_or(u16::MAX));
        let width = columns
            .or(tty_width.filter(|&w| w > 0))
            .unwrap_or(DEFAULT_WIDTH)
            .max(MIN_WIDTH);
        let colour = match choice {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => tty_width.is_some() && !no_color,
        };
        TerminalOptions { width, colour }
    }
}

impl Terminal {
    fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.options.width)
            // The decision to colour is ours (TerminalOptions), not comfy-table's own look
            // at stdout, which knows nothing of NO_COLOR, --color or -o.
            .force_no_tty()
            .set_header(header.to_vec());
        if self.options.colour {
            table.enforce_styling().style_text_only();
        }
        table
    }

    /// `text` as lines of at most the width, the first after `first`, the rest after
    /// `rest` (an indent of the same width keeps a wrapped sentence aligned).
    fn wrapped(&self, out: &mut String, first: &str, rest: &str, text: &str) {
        let width = usize::from(self.options.width);
        let mut line = first.to_string();
        let mut line_width = first.width();
        let mut empty = true;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            if !empty && line_width + 1 + word_width > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = rest.to_string();
                line_width = rest.width();
                empty = true;
            }
            if !empty {
                line.push(' ');
                line_width += 1;
            }
            // A word wider than a whole line (a URL, a long name) is broken where it must be.
            for c in word.chars() {
                let c_width = c.width().unwrap_or(0);
                if line_width + c_width > width && !line.trim().is_empty() {
                    out.push_str(&line);
                    out.push('\n');
                    line = rest.to_string();
                    line_width = rest.width();
                }
                line.push(c);
                line_width += c_width;
            }
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }

    /// "Since the last audit" as `rolecall diff` words it, its lists capped like the rest of
    /// the summary, each line wrapped to the width (a bullet's continuation lines indented
    /// under its text).
    fn since(&self, out: &mut String, comparison: &Comparison) {
        out.push('\n');
        for line in super::since::text(comparison, true).lines() {
            match line.strip_prefix("  - ") {
                _ if line.is_empty() => out.push('\n'),
                Some(item) => self.wrapped(out, "  - ", "    ", item),
                None => self.wrapped(out, "", "  ", line),
            }
        }
    }

    /// "… and N more" under a capped list, wrapped like every other line.
    fn more(&self, out: &mut String, rest: usize, what: &str) {
        if rest > 0 {
            let text = format!(
                "… and {} more {what} ({})",
                thousands(rest),
                caps::ELSEWHERE
            );
            self.wrapped(out, "  ", "    ", &text);
        }
    }
}

/// A severity's cell: red for high, yellow for medium, dim for the rest (styling is only
/// written when the table's styling is on).
fn severity_cell(severity: Severity) -> Cell {
    let cell = Cell::new(severity.name());
    match severity {
        Severity::High => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Severity::Medium => cell.fg(Color::Yellow),
        Severity::Low | Severity::Info => cell.add_attribute(Attribute::Dim),
    }
}

impl Render for Terminal {
    fn render<'r>(&self, document: Document<'r>) -> Result<Rendered<'r>, ReportError> {
        let report = document.audit;
        let mut out = String::new();
        let title = format!("rolecall audit of {}", sanitise(&report.input.file));
        self.wrapped(&mut out, "", "  ", &title);
        for line in doubt_lines(&report.input, sanitise, str::to_string) {
            self.wrapped(&mut out, "! ", "  ", &line);
        }
        for line in headline(report) {
            self.wrapped(&mut out, "  ", "    ", &sanitise(&line));
        }

        out.push_str("\nFindings\n");
        if report.findings.is_empty() {
            out.push_str("  none\n");
        } else {
            let mut findings = self.table(&["severity", "kind", "finding"]);
            for f in report.findings.iter().take(MAX_FINDINGS) {
                findings.add_row(vec![
                    severity_cell(f.severity),
                    Cell::new(f.kind.name()),
                    Cell::new(format!(
                        "{}\n→ {}",
                        sanitise(&clip(&f.message, caps::MESSAGE_CHARS)),
                        sanitise(&clip(&f.advice, caps::MESSAGE_CHARS))
                    )),
                ]);
            }
            out.push_str(&findings.to_string());
            out.push('\n');
            self.more(
                &mut out,
                report.findings.len().saturating_sub(MAX_FINDINGS),
                "findings",
            );
        }

        if let Some(comparison) = document.since {
            self.since(&mut out, comparison);
        }

        out.push_str("\nPeople\n");
        let mut people = self.table(&["person", "title", "tasks", "matched", "role mix"]);
        for p in notable_people(report).into_iter().take(caps::PEOPLE) {
            people.add_row(vec![
                sanitise(&p.name),
                sanitise(p.title.as_deref().unwrap_or("")),
                thousands(p.tasks),
                thousands(p.matched + p.ambiguous),
                role_mix_text(report, p),
            ]);
        }
        out.push_str(&people.to_string());
        out.push('\n');
        self.more(
            &mut out,
            report.people.len().saturating_sub(caps::PEOPLE),
            "people",
        );

        for (heading, group, rows) in [
            ("By title", "title", &report.rollup.by_title),
            ("By team", "team", &report.rollup.by_team),
        ] {
            if rows.is_empty() {
                continue;
            }
            let (header, cells) = rollup_cells(report, group, rows, caps::ROLLUP_ROWS);
            out.push_str(&format!("\n{heading}\n"));
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut table = self.table(&header);
            for row in cells {
                table.add_row(row.iter().map(|c| sanitise(c)).collect::<Vec<_>>());
            }
            out.push_str(&table.to_string());
            out.push('\n');
            self.more(
                &mut out,
                rows.len().saturating_sub(caps::ROLLUP_ROWS),
                &format!("{group}s"),
            );
        }

        out.push('\n');
        self.wrapped(
            &mut out,
            "",
            "  ",
            &format!("Input: {}", source_line(&report.input)),
        );
        let labelled = report
            .tasks
            .iter()
            .filter(|t| t.verdict.labelled_by.is_some())
            .count();
        if labelled > 0 {
            let text = format!(
                "{} of {} tasks labelled by the team (their verdicts are the team's, not the model's)",
                thousands(labelled),
                thousands(report.tasks.len())
            );
            self.wrapped(&mut out, "", "  ", &text);
        }
        let warnings: Vec<_> = report
            .input
            .sheets
            .iter()
            .flat_map(|s| &s.warnings)
            .collect();
        for warning in warnings.iter().take(MAX_WARNINGS) {
            let text = format!("warning: {}", sanitise(&warning.message));
            self.wrapped(&mut out, "  ", "    ", &text);
        }
        self.more(
            &mut out,
            warnings.len().saturating_sub(MAX_WARNINGS),
            "warnings",
        );
        Ok(Rendered::Document(Body::Bytes(out.into_bytes())))
    }
}

#[cfg(test)]
mod tests {
    use super::{Colour, TerminalOptions, DEFAULT_WIDTH, MIN_WIDTH};

    fn resolve(
        choice: Colour,
        columns: Option<&str>,
        no_color: bool,
        tty: Option<u16>,
    ) -> TerminalOptions {
        TerminalOptions::resolve(choice, columns, no_color, tty)
    }

    #[test]
    fn width_is_columns_then_the_terminal_then_the_default() {
        assert_eq!(resolve(Colour::Auto, Some("72"), false, Some(90)).width, 72);
        assert_eq!(resolve(Colour::Auto, None, false, Some(90)).width, 90);
        assert_eq!(
            resolve(Colour::Auto, Some("wide"), false, Some(90)).width,
            90
        );
        assert_eq!(
            resolve(Colour::Auto, Some("0"), false, None).width,
            DEFAULT_WIDTH
        );
        assert_eq!(
            resolve(Colour::Auto, None, false, None).width,
            DEFAULT_WIDTH
        );
        assert_eq!(
            resolve(Colour::Auto, Some("3"), false, None).width,
            MIN_WIDTH
        );
        assert_eq!(
            resolve(Colour::Auto, Some("99999999999"), false, None).width,
            u16::MAX
        );
    }

    #[test]
    fn colour_on_a_terminal_without_no_color_unless_asked() {
        assert!(resolve(Colour::Auto, None, false, Some(80)).colour);
        assert!(!resolve(Colour::Auto, None, true, Some(80)).colour);
        assert!(!resolve(Colour::Auto, Some("80"), false, None).colour);
        assert!(resolve(Colour::Always, None, true, None).colour);
        assert!(!resolve(Colour::Never, None, false, Some(80)).colour);
    }
}
