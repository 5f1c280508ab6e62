//! Page 1: what was audited, the headline figures, the findings that matter most in plain
//! sentences, and where to find the evidence.

use super::canvas::{
    first_baseline, heading_height, size, text_height, Align, Area, Colour, Flow, Look,
};
use super::fonts::Style;
use super::{long_date, one_line, report_title, severity_colour, Context};
use crate::audit::{Finding, FindingKind, Severity};

/// The most entries the contents can have: the three sections before the findings, each
/// group of findings, and the two appendices. Page 1 keeps room for this many (a report
/// without some of them leaves a line or two blank), so the contents never loses its last
/// entries and never pushes page 1 onto a second page. "Since the last audit" adds one,
/// only to the reports that have it, so that the others keep their layout.
pub(super) const CONTENTS_LINES: usize = 4 + super::findings::GROUP_COUNT + 2;

/// The most lines one "What matters most" item takes: a finding can name sixty people.
const ITEM_LINES: usize = 4;

/// The most lines page 1 gives the doubts about one sheet's reading, and the most sheets.
const DOUBT_LINES: usize = 3;
const DOUBT_SHEETS: usize = 2;

/// The space after each "What matters most" item.
const ITEM_GAP: f32 = 4.0;

/// Where page 1 keeps room for the contents, filled in once every section has its page.
pub(super) struct ContentsSlot {
    page: usize,
    top: f32,
    lines: usize,
}

pub(super) fn summary(
    flow: &mut Flow<'_>,
    context: &Context<'_>,
    date: time::Date,
) -> ContentsSlot {
    let report = context.report;
    let body = flow.body();
    flow.heading(&report_title(report), size::TITLE, 0.0);
    let sheet = crate::report::sheets_phrase(&report.input);
    let look = Look::new(size::BODY, Style::Regular, Colour::MUTED);
    let lines = super::text::clamp(
        flow.fonts,
        look.style,
        look.size,
        &format!(
            "{}{sheet} · generated {} by rolecall",
            one_line(&report.input.file),
            long_date(date)
        ),
        2,
        body.width(),
        false,
    );
    flow.lines_in(&lines, look, body.left, body.right);
    doubts(flow, report);

    let tiles: Vec<(String, String)> = crate::report::tiles(report)
        .into_iter()
        .map(|t| (t.value, t.label))
        .collect();
    let gap = 8.0;
    let tile_width = (body.width() - 3.0 * gap) / 4.0;
    let tile_height = 50.0;
    for row in tiles.chunks(4) {
        flow.ensure(tile_height + gap);
        let top = flow.y;
        for (i, (value, label)) in row.iter().enumerate() {
            let left = body.left + i as f32 * (tile_width + gap);
            let area = Area {
                left,
                top,
                right: left + tile_width,
                bottom: top + tile_height,
            };
            tile(flow, area, value, label);
        }
        flow.advance(tile_height + gap);
    }

    // Page 1 is one page at any size: the explanation and the contents below the findings
    // are measured first, and the findings get what room is left, each item at most
    // ITEM_LINES lines, dropped whole rather than spilling.
    let how_look = Look::new(size::BODY, Style::Regular, Colour::INK);
    let roles: Vec<String> = report.rubrics.iter().map(|r| r.name.clone()).collect();
    let how = format!(
        "Every task in the sheet was matched, by its words alone, to the responsibilities of the {} rubrics; job titles are never used to classify work, so a person doing another role's work shows up as drift. An overlap is a responsibility carried by a few people; a gap is one nobody carries; a single point of failure is core work only one person carries. Findings rest only on confident matches; weaker ones are listed for review, and other jobs' work (engineering, design, ...) is counted apart, not as a failure to match. Appendix A gives the tasks (all of them for a small team, or with --appendix full) with the words that decided each match.",
        crate::text::and_list(&roles)
    );
    let subheading = size::SUBHEADING + 1.5;
    let contents_lines = CONTENTS_LINES + usize::from(context.since.is_some());
    let contents_height = text_height(contents_lines, size::BODY);
    let tail = 2.0 * heading_height(subheading)
        + flow.paragraph_height(&how, how_look)
        + 6.0
        + contents_height;

    flow.heading("What matters most", size::HEADING, 40.0);
    let top = most_important(&report.findings);
    let item_look = Look::new(size::BODY + 0.5, Style::Regular, Colour::INK);
    if top.is_empty() {
        flow.paragraph(
            "No findings: every responsibility is carried, nobody's work strays from their title, and no work is duplicated.",
            item_look,
        );
    }
    let tag_width = 46.0;
    let width = body.width() - tag_width;
    for finding in top {
        let (style, size) = (item_look.style, item_look.size);
        let text = format!(
            "{} Suggestion: {}",
            one_line(&finding.message),
            one_line(&finding.advice)
        );
        let lines = super::text::clamp(flow.fonts, style, size, &text, ITEM_LINES, width, false);
        // The item, the space after it, and all that follows must fit.
        if flow.y + text_height(lines.len(), size) + ITEM_GAP + tail > body.bottom {
            break;
        }
        let tag = Area {
            left: body.left,
            top: flow.y,
            right: body.left + tag_width - 6.0,
            bottom: flow.y + text_height(1, size),
        };
        flow.fitted(
            &finding.severity.name().to_uppercase(),
            Align::Left,
            flow.y + first_baseline(size),
            Look::new(size::SMALL, Style::Bold, severity_colour(finding.severity)),
            tag,
        );
        flow.lines_in(&lines, item_look, body.left + tag_width, body.right);
        flow.advance(ITEM_GAP);
    }

    flow.heading("How to read this report", subheading, 0.0);
    flow.paragraph(&how, how_look);
    flow.advance(6.0);

    flow.heading("Contents", subheading, contents_height);
    let slot = ContentsSlot {
        page: flow.page_number(),
        top: flow.y,
        lines: contents_lines,
    };
    flow.advance(contents_height);
    slot
}

/// The sheets read in doubt, in the alert colour under the file line, where no reader of
/// the findings can miss it (with none, only the space that always follows that line); each clamped to `DOUBT_LINES` lines, and at most
/// `DOUBT_SHEETS` sheets (then how many more), so that page 1 stays one page.
fn doubts(flow: &mut Flow<'_>, report: &crate::audit::AuditReport) {
    let body = flow.body();
    let look = Look::new(size::BODY, Style::Bold, Colour::ALERT);
    let lines = crate::report::doubt_lines(&report.input, one_line, str::to_string);
    flow.advance(if lines.is_empty() { 10.0 } else { 4.0 });
    for line in lines.iter().take(DOUBT_SHEETS) {
        let clamped = super::text::clamp(
            flow.fonts,
            look.style,
            look.size,
            line,
            DOUBT_LINES,
            body.width(),
            false,
        );
        flow.lines_in(&clamped, look, body.left, body.right);
        flow.advance(2.0);
    }
    if lines.len() > DOUBT_SHEETS {
        let more = format!(
            "{} more sheets were read with doubts; rolecall inspect lists them.",
            lines.len() - DOUBT_SHEETS
        );
        flow.lines_in(&[more], look, body.left, body.right);
    }
    if !lines.is_empty() {
        flow.advance(4.0);
    }
}

fn tile(flow: &mut Flow<'_>, area: Area, value: &str, label: &str) {
    flow.fill(area, Colour::HEADER_FILL);
    let inner = area.inset(7.0, 6.0);
    let value_size = 17.0;
    let value_box = Area {
        bottom: inner.top + text_height(1, value_size),
        ..inner
    };
    flow.fitted(
        value,
        Align::Left,
        inner.top + first_baseline(value_size),
        Look::new(value_size, Style::Bold, Colour::INK),
        value_box,
    );
    let label_look = Look::new(size::SMALL, Style::Regular, Colour::MUTED);
    let lines = super::text::clamp(
        flow.fonts,
        label_look.style,
        label_look.size,
        label,
        2,
        inner.width(),
        false,
    );
    let mut y = value_box.bottom - 1.0;
    for line in lines {
        let bounds = Area {
            top: y,
            bottom: y + text_height(1, label_look.size),
            ..inner
        };
        flow.fitted(
            &line,
            Align::Left,
            y + first_baseline(label_look.size),
            label_look,
            bounds,
        );
        y += text_height(1, label_look.size);
    }
}

/// Three to five findings for page 1: the most severe first, and no kind repeated while
/// another kind of the same severity is waiting, so one kind cannot crowd out the rest.
/// Tasks listed for review (info) come only when nothing weightier exists.
fn most_important(findings: &[Finding]) -> Vec<&Finding> {
    const MOST: usize = 5;
    let mut chosen: Vec<&Finding> = Vec::new();
    let mut remaining: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    while chosen.len() < MOST && !remaining.is_empty() {
        let times_chosen = |kind: FindingKind| chosen.iter().filter(|c| c.kind == kind).count();
        let best = (0..remaining.len())
            .min_by_key(|&i| (remaining[i].severity, times_chosen(remaining[i].kind), i))
            .unwrap_or(0);
        chosen.push(remaining.remove(best));
    }
    if chosen.len() < 3 {
        chosen.extend(
            findings
                .iter()
                .filter(|f| f.severity == Severity::Info)
                .take(3 - chosen.len()),
        );
    }
    chosen
}

/// Fills page 1's contents now that every section has a page.
pub(super) fn contents(flow: &mut Flow<'_>, slot: ContentsSlot) {
    let body = flow.body();
    let entries = flow.outline().to_vec();
    let look = Look::new(size::BODY, Style::Regular, Colour::INK);
    flow.revisit(slot.page, slot.top, |flow| {
        for entry in entries.iter().take(slot.lines) {
            let line = Area {
                left: body.left,
                top: flow.y,
                right: body.right,
                bottom: flow.y + text_height(1, look.size),
            };
            let number = entry.page.to_string();
            let number_width = flow.fonts.width(look.style, look.size, &number);
            let baseline = flow.y + first_baseline(look.size);
            flow.fitted(&number, Align::Right, baseline, look, line);
            let indent = if entry.nested { 12.0 } else { 0.0 };
            let left = Area {
                left: line.left + indent,
                right: line.right - number_width - 8.0,
                ..line
            };
            flow.fitted(&entry.title, Align::Left, baseline, look, left);
            flow.advance(text_height(1, look.size));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str, kind: FindingKind, severity: Severity) -> Finding {
        Finding {
            id: id.to_string(),
            kind,
            severity,
            people: vec![],
            responsibilities: vec![],
            tasks: vec![],
            message: id.to_string(),
            advice: "".into(),
        }
    }

    #[test]
    fn page_one_mixes_kinds_before_repeating_one() {
        use FindingKind::*;
        use Severity::*;
        let findings = vec![
            finding("o1", Overlap, High),
            finding("o2", Overlap, High),
            finding("o3", Overlap, High),
            finding("g1", Gap, High),
            finding("d1", Drift, High),
            finding("s1", SinglePointOfFailure, Medium),
            finding("u1", Unmatched, Info),
        ];
        let ids: Vec<&str> = most_important(&findings)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(ids, ["o1", "g1", "d1", "o2", "o3"]);
        let few = vec![
            finding("s1", SinglePointOfFailure, Medium),
            finding("u1", Unmatched, Info),
            finding("a1", Ambiguous, Info),
            finding("u2", Unmatched, Info),
        ];
        let ids: Vec<&str> = most_important(&few).iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["s1", "u1", "a1"]);
    }
}
