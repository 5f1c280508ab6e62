//! CSV and TSV: decode whatever encoding a spreadsheet program wrote, pick the delimiter,
//! and hand back the same [`RawTable`] a workbook sheet gives.

use std::borrow::Cow;

use compact_str::CompactString;

use super::limits::{Budget, Limits};
use super::{InputError, Location, RawTable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// Decodes bytes to text the way a person's spreadsheet program most likely wrote them:
/// a BOM wins; then UTF-8 if the bytes are valid UTF-8; otherwise Windows-1252, which is
/// what Excel on Windows writes for "CSV" and which never fails to decode.
/// UTF-8 without a BOM, the usual case, is borrowed rather than copied.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Picks the delimiter that splits the first lines most consistently into the most fields.
/// Delimiters inside quotes do not count.
fn sniff(text: &str) -> Delimiter {
    let candidates = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for delimiter in candidates {
        let counts = count_per_line(text, delimiter.byte(), 20);
        let lines_with = counts.iter().filter(|&&c| c > 0).count();
        let modal = most_common(&counts);
        let consistent = counts.iter().filter(|&&c| c == modal && c > 0).count();
        // Prefer consistency across lines, then the number of lines that use it at all.
        let key = (consistent, lines_with);
        if key > (best.1, best.2) {
            best = (delimiter, key.0, key.1);
        }
    }
    best.0
}

fn count_per_line(text: &str, delimiter: u8, max_lines: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut in_quotes = false;
    let mut count = 0;
    for byte in text.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                counts.push(count);
                count = 0;
                if counts.len() == max_lines {
                    return counts;
                }
            }
            b if b == delimiter && !in_quotes => count += 1,
            _ => {}
        }
    }
    if count > 0 {
        counts.push(count);
    }
    counts
}

fn most_common(counts: &[usize]) -> usize {
    let mut sorted: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    sorted.sort_unstable();
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let run = sorted[i..].iter().take_while(|&&c| c == sorted[i]).count();
        if run > best.1 {
            best = (sorted[i], run);
        }
        i += run;
    }
    best.0
}

/// Blank lines between the end of the previous record and the record starting at `start`.
/// The csv crate's record position points at the first byte it consumed for the record,
/// which may be the `\n` of the previous record's `\r\n`, then any blank lines.
fn blank_lines_before(text: &str, start: u64) -> usize {
    let bytes = text.as_bytes();
    let Ok(mut at) = usize::try_from(start) else {
        return 0;
    };
    if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
        at += 1;
    }
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .filter(|&&b| b == b'\n')
        .count()
}

/// A file at least this large is read in two halves, one on each core.
const READ_IN_HALVES_FROM: usize = 4 << 20;

pub(super) fn parse(
    name: &str,
    bytes: &[u8],
    delimiter: Option<Delimiter>,
    limits: &Limits,
) -> Result<RawTable, InputError> {
    let text = decode(bytes);
    let delimiter = delimiter.unwrap_or_else(|| sniff(&text));
    let file = name.to_string();
    // Records come in order, so the cells need no sorting.
    Ok(match halves(&text, READ_IN_HALVES_FROM) {
        Some(split) => match read_halves(name, &text, split, delimiter, limits)? {
            Halves::Both(first, second) => {
                let offset = first.rows;
                let second = second
                    .cells
                    .into_iter()
                    .map(|(row, column, text)| (row.saturating_add(offset), column, text));
                RawTable::from_ordered_cells(file, None, first.cells.into_iter().chain(second))
            }
            Halves::Whole(read) => RawTable::from_ordered_cells(file, None, read.cells),
        },
        None => RawTable::from_ordered_cells(
            file,
            None,
            read_records(name, &text, None, delimiter, limits)?.cells,
        ),
    })
}

/// A text read in two halves, or through one reader when the halves could not be joined.
enum Halves {
    Both(Read, Read),
    Whole(Read),
}

/// What one reader took from a text.
struct Read {
    /// `(row, column, text)`, row and column 0-based, blanks left out.
    cells: Vec<(u32, u32, CompactString)>,
    /// Rows read, blank ones counted.
    rows: u32,
    /// Where the first record left unread starts.
    stopped_at: Option<u64>,
}

/// Where to cut a text of at least `from` bytes in two: after a line break near the middle
/// with text on both sides, where a record starts unless the break is inside a quoted cell.
fn halves(text: &str, from: usize) -> Option<usize> {
    if text.len() < from.max(3) {
        return None;
    }
    let bytes = text.as_bytes();
    let line_end = |at: usize| bytes.get(at).is_some_and(|b| matches!(b, b'\n' | b'\r'));
    (text.len() / 2..text.len() - 1)
        .find(|&at| {
            bytes[at] == b'\n'
                && !line_end(at + 1)
                && at >= 2
                && !line_end(at - if bytes[at - 1] == b'\r' { 2 } else { 1 })
        })
        .map(|at| at + 1)
}

/// Reads the two halves side by side. A cut inside a quoted cell shows as the first half's
/// reader not stopping exactly at it; that, an error, or a cap reached between the two
/// halves sends the whole text through one reader, so that what is read and what error is
/// named are exactly what one reader gives.
fn read_halves(
    name: &str,
    text: &str,
    split: usize,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Halves, InputError> {
    let (first, second) = rayon::join(
        || read_records(name, text, Some(split as u64), delimiter, limits),
        || read_records(name, &text[split..], None, delimiter, limits),
    );
    match (first, second) {
        (Ok(first), Ok(second))
            if stopped_at_cut(text, first.stopped_at, split)
                && ((first.cells.len() + second.cells.len()) as u64) <= limits.max_cells =>
        {
            Ok(Halves::Both(first, second))
        }
        _ => Ok(Halves::Whole(read_records(
            name, text, None, delimiter, limits,
        )?)),
    }
}

/// Whether the first half's reader stopped where the second began: at the cut, or at the
/// line feed of a CR LF just before it, which it reads as the CR's blank line.
fn stopped_at_cut(text: &str, stopped_at: Option<u64>, split: usize) -> bool {
    stopped_at
        .and_then(|at| usize::try_from(at).ok())
        .and_then(|at| text.as_bytes().get(at..split))
        .is_some_and(|gap| gap.is_empty() || gap == b"\n")
}

/// Reads the records of `text` in order, up to the first that starts at or after `until`.
fn read_records(
    name: &str,
    text: &str,
    until: Option<u64>,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Read, InputError> {
    let mut budget = Budget::new(*limits);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv crate skips blank lines, but a spreadsheet program shows them as rows; count
    // them back so that row numbers match what the user sees.
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if let Some(position) = record.position() {
                    if until.is_some_and(|until| position.byte() >= until) {
                        return Ok(Read {
                            cells,
                            rows: row,
                            stopped_at: Some(position.byte()),
                        });
                    }
                    let blank = blank_lines_before(text, position.byte());
                    row = row.saturating_add(u32::try_from(blank).unwrap_or(u32::MAX));
                }
                for (column, field) in record.iter().enumerate() {
                    if !field.trim().is_empty() {
                        let column = u32::try_from(column).unwrap_or(u32::MAX);
                        budget.take_cell(field).map_err(|exceeded| {
                            InputError::limit(
                                Location {
                                    file: name.to_string(),
                                    sheet: None,
                                    row: Some(row.saturating_add(1)),
                                    column: Some(column),
                                },
                                exceeded,
                                limits,
                            )
                        })?;
                        cells.push((row, column, CompactString::from(field)));
                    }
                }
                row = row.saturating_add(1);
            }
            Err(error) => {
                return Err(InputError::Delimited {
                    location: Location {
                        file: name.to_string(),
                        sheet: None,
                        row: Some(row.saturating_add(1)),
                        column: None,
                    },
                    detail: error.to_string(),
                })
            }
        }
    }
    Ok(Read {
        cells,
        rows: row,
        stopped_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts whose every line break is tried as the cut: quoted cells with line breaks, blank
    /// lines, CR LF, a ragged row, a cell past the length cap.
    #[test]
    fn reading_in_halves_gives_what_one_reader_gives_wherever_the_cut_falls() {
        let long = "x".repeat(40);
        let texts = [
            "Name,Task\nAna,\"Roadmap\nand PRDs\"\n\n\nBo,Budget\nCy,\"a \"\"quoted\"\"\n\n cell\"\nDee,Hiring\n".to_string(),
            "Name;Task\r\nAna;Roadmap\r\n\r\nBo;\"x\r\ny\"\r\nCy;Budget;extra\r\nDee;Hiring".to_string(),
            format!("Name,Task\nAna,{long}\nBo,Budget\n\"open quote,never closed\nCy,Hiring\n"),
        ];
        let tight = Limits {
            max_cell_chars: 30,
            ..Limits::default()
        };
        for text in &texts {
            for limits in [Limits::default(), tight] {
                let delimiter = sniff(text);
                let whole = read_records("t.csv", text, None, delimiter, &limits)
                    .map(|r| r.cells)
                    .map_err(|e| e.to_string());
                for split in (1..text.len()).filter(|&at| text.as_bytes()[at - 1] == b'\n') {
                    let halves =
                        read_halves("t.csv", text, split, delimiter, &limits)
                            .map(|halves| match halves {
                                Halves::Both(first, second) => {
                                    let mut cells = first.cells;
                                    cells.extend(second.cells.into_iter().map(
                                        |(row, column, text)| (row + first.rows, column, text),
                                    ));
                                    cells
                                }
                                Halves::Whole(read) => read.cells,
                            })
                            .map_err(|e| e.to_string());
                    assert_eq!(halves, whole, "cut at {split} of {text:?}");
                }
            }
        }
    }

    #[test]
    fn a_large_text_is_cut_after_a_line_with_text_before_a_line_with_text() {
        let text = format!("{}\n\n\r\nbb\ncc\n", "a".repeat(10));
        let split = halves(&text, 0).unwrap_or_else(|| panic!("no cut"));
        assert_eq!(&text[split..], "cc\n", "not after or before a blank line");
        assert_eq!(halves("a\nb\n", 100), None, "too small to cut");
        assert_eq!(halves("abc", 0), None, "no line break");
    }

    fn texts(table: &RawTable) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        assert_eq!(sniff("a;b;c\n1;2;3\n"), Delimiter::Semicolon);
        assert_eq!(sniff("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(sniff("a,b\n\"x;y;z\",2\n"), Delimiter::Comma);
    }

    #[test]
    fn decodes_bom_utf16_and_windows_1252() {
        let utf8_bom = b"\xEF\xBB\xBFName\n";
        assert_eq!(decode(utf8_bom), "Name\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë\tPM\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16), "Zoë\tPM\n");
        assert_eq!(decode(b"Zo\xEB"), "Zoë");
    }

    #[test]
    fn keeps_record_numbers_across_multiline_cells_and_blank_lines() {
        let table = parse(
            "t.csv",
            b"Name,Tasks\nAna,\"one\ntwo\"\n\nBo,three\n",
            None,
            &Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            texts(&table),
            vec![
                vec!["Name", "Tasks"],
                vec!["Ana", "one\ntwo"],
                vec!["Bo", "three"]
            ]
        );
        // The blank line still counts as a row, as a spreadsheet program shows it.
        assert_eq!(table.rows[1].number, 2);
        assert_eq!(table.rows[2].number, 4);
    }

    #[test]
    fn counts_blank_lines_with_crlf_endings() {
        let table = parse(
            "t.csv",
            b"Name,Tasks\r\nAna,\"a\nb\"\r\n\r\n\nBo,c\r\n",
            None,
            &Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 5]);
    }
}
