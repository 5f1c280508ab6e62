//! How the input was read, in words: one description that `inspect` prints and every report
//! format carries in its input section, so a reader can check the reading before trusting
//! the findings, and all of them say the same thing.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::sanitise;
use crate::layout::{
    Considered, Decided, InputNotes, LayoutKind, Line, SheetNotes, SkipReason, Verdict,
};
use crate::text::thousands;

/// One labelled fact, with one or more items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub label: &'static str,
    pub items: Vec<String>,
}

/// The notes of one sheet (or of the file as a whole), under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub heading: String,
    pub notes: Vec<Note>,
}

fn sheet_name(sheet: &SheetNotes) -> String {
    sheet
        .sheet
        .as_deref()
        .map_or_else(|| "CSV (one table)".to_string(), |s| format!("Sheet “{s}”"))
}

fn at(line: &Line) -> String {
    line.to_string()
}

/// Every fact, sheet by sheet, already sanitised for display.
pub(crate) fn sections(notes: &InputNotes) -> Vec<Section> {
    sections_with(notes, false)
}

/// The sections, with the readings weighed for each sheet's layout when `weighed` is set:
/// `inspect` shows them; a report keeps to the reading taken.
fn sections_with(notes: &InputNotes, weighed: bool) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: format!("File {}", sanitise(&notes.file)),
        notes: if notes.sheets_skipped.is_empty() {
            Vec::new()
        } else {
            vec![Note {
                label: "Sheets not read",
                items: notes
                    .sheets_skipped
                    .iter()
                    .map(|s| format!("“{}”: {}", sanitise(&s.sheet), sanitise(&s.reason)))
                    .collect(),
            }]
        },
    }];
    for sheet in &notes.sheets {
        sections.push(Section {
            heading: sanitise(&sheet_name(sheet)),
            notes: sheet_notes(sheet, weighed),
        });
    }
    sections
}

/// A sheet's notes in the order a reader checks them: which layout was taken and how its
/// columns were found, what the reading found in the sheet beyond the table, then what was
/// read and what was left.
fn sheet_notes(sheet: &SheetNotes, weighed: bool) -> Vec<Note> {
    let mut notes = layout_notes(sheet, weighed);
    notes.extend(parties_note(sheet));
    notes.extend(marks_note(sheet));
    notes.extend(merged_note(sheet));
    notes.push(read_note(sheet));
    notes.extend(skipped_note(sheet));
    notes.extend(warnings_note(sheet));
    notes
}

/// The layout taken (with the others weighed, for `inspect`, and any doubt about it), the
/// header line, and how each column was recognised.
fn layout_notes(sheet: &SheetNotes, weighed: bool) -> Vec<Note> {
    let mut notes = vec![Note {
        label: "Layout",
        items: vec![format!(
            "{}: {}",
            sheet.layout,
            sanitise(&sheet.layout_reason)
        )],
    }];
    if weighed && !sheet.weighed.is_empty() {
        notes.push(Note {
            label: "Layouts weighed",
            items: sheet.weighed.iter().map(weighed_item).collect(),
        });
    }
    notes.extend(doubt_note(sheet, weighed));
    notes.push(Note {
        label: "Header",
        items: vec![at(&sheet.header)],
    });
    notes.push(Note {
        label: "Columns",
        items: sheet
            .columns
            .iter()
            .map(|c| {
                let how = match c.decided {
                    Decided::Header => "recognised from its header",
                    Decided::Content => "chosen by what it holds",
                    Decided::Override => "named on the command line",
                    Decided::Learned => "chosen by what its cells hold (learned, in doubt)",
                };
                format!("{}: {} “{}”, {how}", c.role, at(&c.at), sanitise(&c.header))
            })
            .collect(),
    });
    notes
}

/// How sure the reading is. `inspect` shows every doubt with its evidence, however
/// slight; a report only those of a reading in doubt, which its first page also says.
fn doubt_note(sheet: &SheetNotes, all: bool) -> Option<Note> {
    let reading = &sheet.reading;
    if !(reading.in_doubt || all && !reading.doubts.is_empty()) {
        return None;
    }
    let verdict = if reading.in_doubt {
        "in doubt"
    } else {
        "above the bar"
    };
    let mut items = vec![format!(
        "confidence {:.2}, {verdict} (the bar is {:.2})",
        reading.confidence, reading.bar
    )];
    items.extend(reading.doubts.iter().map(|d| {
        format!(
            "{} (×{:.2}): {}",
            d.kind.name(),
            d.factor,
            sanitise(&d.sentence())
        )
    }));
    Some(Note {
        label: "Reading doubts",
        items,
    })
}

/// One line per sheet read in doubt, for the first thing a report shows: "This sheet was
/// read with doubts: ...; check with `rolecall inspect`". `text` makes the sheet's words
/// safe for the format (sanitised on a page or a terminal, escaped in Markdown) and `code`
/// writes the command as the format writes code.
pub(crate) fn doubt_lines(
    notes: &InputNotes,
    text: fn(&str) -> String,
    code: fn(&str) -> String,
) -> Vec<String> {
    let several = notes.sheets.len() > 1;
    notes
        .sheets
        .iter()
        .filter(|s| s.reading.in_doubt)
        .map(|sheet| {
            let which = match (&sheet.sheet, several) {
                (Some(name), true) => format!("Sheet “{}”", text(name)),
                _ => "This sheet".to_string(),
            };
            format!(
                "{which} was read with doubts (confidence {:.2}): {}; check with {}",
                sheet.reading.confidence,
                text(&sheet.reading.summary()),
                code(&format!("rolecall inspect {}", sanitise(&notes.file)))
            )
        })
        .collect()
}

/// The parties a matrix names across its header, with any title or team beside the name.
fn parties_note(sheet: &SheetNotes) -> Option<Note> {
    if sheet.parties.is_empty() {
        return None;
    }
    Some(Note {
        label: "Parties",
        items: sheet
            .parties
            .iter()
            .map(|p| {
                let mut text = sanitise(&p.name);
                let extra: Vec<String> = [&p.title, &p.team]
                    .into_iter()
                    .flatten()
                    .filter(|t| **t != p.name)
                    .map(|t| sanitise(t))
                    .collect();
                if !extra.is_empty() {
                    let _ = write!(text, " ({})", extra.join(", "));
                }
                let _ = write!(text, ": {}", at(&p.at));
                text
            })
            .collect(),
    })
}

/// The marking scheme a matrix was read with, and how each mark in its cells was taken.
fn marks_note(sheet: &SheetNotes) -> Option<Note> {
    let scheme = sheet.scheme?;
    Some(Note {
        label: "Marks",
        items: std::iter::once(format!("read as {}", scheme.name().to_uppercase()))
            .chain(sheet.marks.iter().map(|m| {
                format!(
                    "“{}” as {} ({} cell{})",
                    sanitise(&m.text),
                    m.marks,
                    m.cells,
                    if m.cells == 1 { "" } else { "s" }
                )
            }))
            .collect(),
    })
}

fn merged_note(sheet: &SheetNotes) -> Option<Note> {
    if sheet.merged.is_empty() {
        return None;
    }
    Some(Note {
        label: "Merged cells",
        items: vec![sheet
            .merged
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")],
    })
}

/// How many lines were read under the header, counted in the layout's own lines.
fn read_note(sheet: &SheetNotes) -> Note {
    let noun = match sheet.layout {
        LayoutKind::Transposed => "columns",
        LayoutKind::List
        | LayoutKind::Matrix
        | LayoutKind::LetterColumns
        | LayoutKind::LongForm => "rows",
    };
    Note {
        label: "Read",
        items: vec![format!(
            "{} {noun} under the header, {} skipped",
            thousands(sheet.lines_read),
            thousands(sheet.skipped.len())
        )],
    }
}

/// The lines skipped, grouped by why.
fn skipped_note(sheet: &SheetNotes) -> Option<Note> {
    let mut reasons: BTreeMap<&SkipReason, Vec<&Line>> = BTreeMap::new();
    for skipped in &sheet.skipped {
        reasons
            .entry(&skipped.reason)
            .or_default()
            .push(&skipped.line);
    }
    if reasons.is_empty() {
        return None;
    }
    Some(Note {
        label: "Skipped",
        items: reasons
            .into_iter()
            .map(|(reason, lines)| format!("{}: {}", reason.describe(), line_list(&lines)))
            .collect(),
    })
}

fn warnings_note(sheet: &SheetNotes) -> Option<Note> {
    if sheet.warnings.is_empty() {
        return None;
    }
    Some(Note {
        label: "Warnings",
        items: sheet
            .warnings
            .iter()
            .map(|w| sanitise(&w.message))
            .collect(),
    })
}

/// One reading weighed: its name and verdict, then a line per fact for and against it.
fn weighed_item(considered: &Considered) -> String {
    let mut text = format!("{}: {}", considered.name(), considered.verdict.describe());
    if matches!(considered.verdict, Verdict::RunnerUp | Verdict::PassedOver) {
        let _ = write!(text, " (--layout {})", considered.layout);
    }
    for (side, facts) in [
        ("for", &considered.evidence_for),
        ("against", &considered.against),
    ] {
        for fact in facts {
            let _ = write!(text, "\n{side}: {}", sanitise(fact));
        }
    }
    text
}

/// "rows 3, 9 and 12" or "columns F, G".
fn line_list(lines: &[&Line]) -> String {
    let (rows, columns): (Vec<&&Line>, Vec<&&Line>) =
        lines.iter().partition(|l| matches!(l, Line::Row(_)));
    let bare = |line: &Line| {
        let text = line.to_string();
        text.split_once(' ')
            .map_or(text.clone(), |(_, n)| n.to_string())
    };
    let mut parts = Vec::new();
    for (noun, group) in [("row", rows), ("column", columns)] {
        if group.is_empty() {
            continue;
        }
        let plural = if group.len() == 1 { "" } else { "s" };
        let numbers: Vec<String> = group.iter().map(|l| bare(l)).collect();
        parts.push(format!("{noun}{plural} {}", numbers.join(", ")));
    }
    parts.join("; ")
}

/// The notes as plain text, for `rolecall inspect`.
pub fn notes_text(notes: &InputNotes) -> String {
    let mut out = String::new();
    for section in sections_with(notes, true) {
        let _ = writeln!(out, "{}", section.heading);
        for note in section.notes {
            match note.items.as_slice() {
                [one] => {
                    let _ = writeln!(out, "  {}: {one}", note.label);
                }
                items => {
                    let _ = writeln!(out, "  {}:", note.label);
                    for item in items {
                        let mut lines = item.lines();
                        let _ = writeln!(out, "    - {}", lines.next().unwrap_or(""));
                        for line in lines {
                            let _ = writeln!(out, "        {line}");
                        }
                    }
                }
            }
        }
    }
    out
}

/// Where the data came from, in one line per sheet.
pub(crate) fn source_line(notes: &InputNotes) -> String {
    let sheets: Vec<String> = notes
        .sheets
        .iter()
        .map(|sheet| {
            let name = sheet
                .sheet
                .as_deref()
                .map(|s| format!("sheet “{}”, ", sanitise(s)))
                .unwrap_or_default();
            format!(
                "{name}{} with its header at {}, {} lines read, {} skipped",
                sheet.layout,
                at(&sheet.header),
                thousands(sheet.lines_read),
                thousands(sheet.skipped.len())
            )
        })
        .collect();
    format!("{}: {}.", sanitise(&notes.file), sheets.join("; "))
}

/// ", sheet “Q3”" or ", 3 sheets", for a title line.
pub(crate) fn sheets_phrase(notes: &InputNotes) -> String {
    match notes.sheets.as_slice() {
        [one] => one
            .sheet
            .as_deref()
            .map(|s| format!(", sheet “{}”", sanitise(s)))
            .unwrap_or_default(),
        many => format!(", {} sheets", thousands(many.len())),
    }
}
