//! CSV and TSV: decode whatever encoding a spreadsheet program wrote, pick the delimiter,
//! and hand back the same [`RawTable`] a workbook sheet gives. The text is read as a stream,
//! one field at a time: neither the file, its decoded text nor a whole line is ever held, so
//! a gigabyte on one line costs what its non-blank cells cost, and a cell past the length cap
//! is refused as soon as it passes it.

use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use compact_str::CompactString;
use encoding_rs::Encoding;

use super::limits::{Budget, Exceeded, Limit, Limits};
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

/// Where a delimited text's bytes come from: a file is opened again for each reader (the
/// delimiter sniffer, each half) rather than loaded.
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

impl Source<'_> {
    fn len(&self) -> io::Result<u64> {
        match self {
            Source::Bytes(bytes) => Ok(bytes.len() as u64),
            Source::File(path) => Ok(std::fs::metadata(path)?.len()),
        }
    }

    fn reader_at(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>> {
        match self {
            Source::Bytes(bytes) => {
                let at = usize::try_from(offset).unwrap_or(usize::MAX);
                Ok(Box::new(bytes.get(at..).unwrap_or_default()))
            }
            Source::File(path) => {
                let mut file = std::fs::File::open(path)?;
                file.seek(SeekFrom::Start(offset))?;
                Ok(Box::new(file))
            }
        }
    }

    /// Up to `length` bytes from `offset`.
    fn window(&self, offset: u64, length: usize) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.reader_at(offset)?
            .take(length as u64)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// How bytes become text, decided the way a person's spreadsheet program most likely wrote
/// them: a BOM wins; then UTF-8 if the bytes are valid UTF-8; otherwise Windows-1252, which
/// is what Excel on Windows writes for "CSV" and which never fails to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoding {
    /// UTF-8 read as it is, after `skip` bytes of BOM, until a cell shows it is not: the
    /// usual case costs no copy, and text offsets are file offsets, so halves can seek.
    Utf8 { skip: u64 },
    /// Transcoded on the way from `encoding`, after `skip` bytes of BOM; never fails.
    Transcoded {
        encoding: &'static Encoding,
        skip: u64,
    },
}

impl Decoding {
    fn of(head: &[u8]) -> Decoding {
        match Encoding::for_bom(head) {
            Some((encoding, bom)) if encoding == encoding_rs::UTF_8 => {
                Decoding::Utf8 { skip: bom as u64 }
            }
            Some((encoding, bom)) => Decoding::Transcoded {
                encoding,
                skip: bom as u64,
            },
            None => Decoding::Utf8 { skip: 0 },
        }
    }

    /// What to read with once UTF-8 read as it is turns out not to be UTF-8: a file that
    /// says it is UTF-8 keeps that, with the bad bytes replaced; one that says nothing is
    /// Windows-1252.
    fn fallback(self) -> Decoding {
        match self {
            Decoding::Utf8 { skip: 0 } => Decoding::Transcoded {
                encoding: encoding_rs::WINDOWS_1252,
                skip: 0,
            },
            Decoding::Utf8 { skip } => Decoding::Transcoded {
                encoding: encoding_rs::UTF_8,
                skip,
            },
            transcoded => transcoded,
        }
    }

    /// The text from `offset` on, an offset into the text (a file offset for UTF-8 read as
    /// it is; a transcoded text is only ever read from its start).
    fn text_at<'a>(
        self,
        source: &'a Source<'a>,
        offset: u64,
    ) -> io::Result<Box<dyn Read + Send + 'a>> {
        match self {
            Decoding::Utf8 { skip } => source.reader_at(skip.saturating_add(offset)),
            Decoding::Transcoded { encoding, skip } => Ok(Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding))
                    .build(source.reader_at(skip)?),
            )),
        }
    }
}

/// How much of a text's start the delimiter is sniffed from.
const SNIFF_BYTES: u64 = 64 << 10;

/// Picks the delimiter that splits the first lines most consistently into the most fields.
/// Delimiters inside quotes do not count.
fn sniff(text: &[u8]) -> Delimiter {
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

fn count_per_line(text: &[u8], delimiter: u8, max_lines: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut in_quotes = false;
    let mut count = 0;
    for &byte in text {
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

/// A text at least this large is read in two halves, one on each core.
const READ_IN_HALVES_FROM: u64 = 4 << 20;

/// How far past the middle a cut is looked for; a text with no line break that far is read
/// whole.
const CUT_WINDOW: usize = 1 << 20;

/// `(row, column, text)`, row and column 0-based, blanks left out, in order.
type Cell = (u32, u32, CompactString);

pub(super) fn parse(
    name: &str,
    source: Source<'_>,
    delimiter: Option<Delimiter>,
    limits: &Limits,
) -> Result<RawTable, InputError> {
    let io_error = |error| io_error(name, error);
    let decoding = Decoding::of(&source.window(0, 4).map_err(io_error)?);
    let delimiter = match delimiter {
        Some(delimiter) => delimiter,
        // Every decoding keeps ASCII as it is, so the first reading's text serves for all.
        None => sniff(&read_head(&source, decoding).map_err(io_error)?),
    };
    let parts =
        match read_text(name, &source, decoding, delimiter, limits)? {
            Some(parts) => parts,
            None => read_text(name, &source, decoding.fallback(), delimiter, limits)?.ok_or_else(
                || InputError::Delimited {
                    location: Location::file(name),
                    detail: "the text could not be decoded".to_string(),
                },
            )?,
        };
    Ok(RawTable::from_ordered_cells(
        name.to_string(),
        None,
        parts.into_iter().flatten(),
    ))
}

fn read_head(source: &Source<'_>, decoding: Decoding) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    decoding
        .text_at(source, 0)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The cells of the text in one or two ordered parts, or `None` when UTF-8 read as it is
/// met a cell that is not UTF-8.
fn read_text(
    name: &str,
    source: &Source<'_>,
    decoding: Decoding,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Option<Vec<Vec<Cell>>>, InputError> {
    let split = match decoding {
        Decoding::Utf8 { skip } => cut(source, skip).map_err(|error| io_error(name, error))?,
        Decoding::Transcoded { .. } => None,
    };
    match split {
        Some(split) => read_halves(name, source, decoding, split, delimiter, limits),
        None => read_whole(name, source, decoding, delimiter, limits),
    }
}

fn io_error(name: &str, source: io::Error) -> InputError {
    InputError::Io {
        file: name.to_string(),
        source,
    }
}

fn read_whole(
    name: &str,
    source: &Source<'_>,
    decoding: Decoding,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Option<Vec<Vec<Cell>>>, InputError> {
    let text = decoding
        .text_at(source, 0)
        .map_err(|error| io_error(name, error))?;
    Ok(read_records(name, text, None, delimiter, limits)?.map(|read| vec![read.cells]))
}

/// What one reader took from a text.
struct Records {
    cells: Vec<Cell>,
    /// Rows read, blank ones counted.
    rows: u32,
    /// Where the first record left unread starts.
    stopped_at: Option<u64>,
}

/// Where to cut a text (after `skip` bytes of BOM) of at least [`READ_IN_HALVES_FROM`]
/// bytes in two, as an offset into the text.
fn cut(source: &Source<'_>, skip: u64) -> io::Result<Option<u64>> {
    let length = source.len()?.saturating_sub(skip);
    if length < READ_IN_HALVES_FROM {
        return Ok(None);
    }
    // Two bytes before the middle too, to see whether the line before a break is blank.
    let from = length / 2 - 2;
    let window = source.window(skip + from, CUT_WINDOW)?;
    Ok(cut_in(&window, 2).map(|at| from + at as u64))
}

/// Where to cut `bytes` at or after `from`: after a line break with text on both sides, where
/// a record starts unless the break is inside a quoted cell.
fn cut_in(bytes: &[u8], from: usize) -> Option<usize> {
    let line_end = |at: usize| bytes.get(at).is_some_and(|b| matches!(b, b'\n' | b'\r'));
    (from..bytes.len().saturating_sub(1))
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
    source: &Source<'_>,
    decoding: Decoding,
    split: u64,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Option<Vec<Vec<Cell>>>, InputError> {
    let half = |from: u64, until: Option<u64>| {
        let text = decoding
            .text_at(source, from)
            .map_err(|error| io_error(name, error))?;
        read_records(name, text, until, delimiter, limits)
    };
    let (first, second) = rayon::join(|| half(0, Some(split)), || half(split, None));
    match (first, second) {
        (Ok(None), _) | (_, Ok(None)) => Ok(None),
        (Ok(Some(first)), Ok(Some(mut second)))
            if stopped_at_cut(first.stopped_at, split)
                && ((first.cells.len() + second.cells.len()) as u64) <= limits.max_cells =>
        {
            for cell in &mut second.cells {
                cell.0 = cell.0.saturating_add(first.rows);
            }
            Ok(Some(vec![first.cells, second.cells]))
        }
        _ => read_whole(name, source, decoding, delimiter, limits),
    }
}

/// Whether the first half's reader stopped where the second began: at the cut, or at the
/// line feed of a CR LF just before it (every cut follows a line feed), which it reads as
/// the CR's blank line.
fn stopped_at_cut(stopped_at: Option<u64>, split: u64) -> bool {
    stopped_at.is_some_and(|at| at == split || at + 1 == split)
}

/// Bytes of text read from the source at a time.
const CHUNK: usize = 256 << 10;

/// Reads the records of `text` in order, up to the first that starts at or after `until`;
/// `None` when a cell is not UTF-8 (only text read as it is can fail so).
fn read_records(
    name: &str,
    mut text: impl Read,
    until: Option<u64>,
    delimiter: Delimiter,
    limits: &Limits,
) -> Result<Option<Records>, InputError> {
    let mut parser = csv_core::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .build();
    let mut budget = Budget::new(*limits);
    let mut input = vec![0u8; CHUNK];
    let (mut start, mut end, mut at_end) = (0, 0, false);
    // Bytes of text consumed, which is where the next record starts when one starts.
    let mut offset: u64 = 0;
    let mut field = Field::new(limits);
    let mut cells = Vec::new();
    let (mut row, mut column): (u32, u32) = (0, 0);
    let mut at_record_start = true;
    // Where the record about to start begins, until it is checked against `until`.
    let mut record_starts = Some(0);
    // A record ended by the CR of a CR LF leaves its LF, which is no blank line.
    let mut crlf_tail = false;
    // Whether the last field ended at a delimiter, so the parser is at the start of a field.
    let mut after_delimiter = false;
    let mut last_byte = 0u8;
    let cell_at = |row: u32, column: u32| Location {
        file: name.to_string(),
        sheet: None,
        row: Some(row.saturating_add(1)),
        column: Some(column),
    };
    loop {
        if start == end && !at_end {
            end = read_chunk(&mut text, &mut input).map_err(|error| io_error(name, error))?;
            start = 0;
            at_end = end == 0;
            continue;
        }
        if at_record_start {
            if let Some(starts_at) = record_starts.take() {
                if until.is_some_and(|until| starts_at >= until) {
                    return Ok(Some(Records {
                        cells,
                        rows: row,
                        stopped_at: Some(starts_at),
                    }));
                }
            }
            let skipped = skip_line_breaks(&input[start..end], &mut crlf_tail, &mut row);
            start += skipped;
            offset += skipped as u64;
            if start == end && !at_end {
                continue;
            }
            if start == end {
                break;
            }
            at_record_start = false;
        }
        if after_delimiter && start < end {
            // Runs of empty cells (a sparse line is mostly these) are skipped here, a byte
            // at a time, rather than one parser call each: between two delimiters the parser
            // would only end an empty field and stay where it is, at the start of a field.
            let run = leading(&input[start..end], delimiter.byte());
            column = column.saturating_add(u32::try_from(run).unwrap_or(u32::MAX));
            start += run;
            offset += run as u64;
            if start == end {
                continue;
            }
            after_delimiter = false;
        }
        let (result, read, written) = parser.read_field(&input[start..end], field.space());
        if read > 0 {
            last_byte = input[start + read - 1];
        }
        start += read;
        offset += read as u64;
        field.length += written;
        match result {
            csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::OutputFull => field.grow(),
            csv_core::ReadFieldResult::Field { record_end } => {
                let bytes = field.take().map_err(|exceeded| {
                    InputError::limit(cell_at(row, column), exceeded, limits)
                })?;
                let Ok(cell) = std::str::from_utf8(bytes) else {
                    return Ok(None);
                };
                if !cell.trim().is_empty() {
                    budget.take_cell(cell).map_err(|exceeded| {
                        InputError::limit(cell_at(row, column), exceeded, limits)
                    })?;
                    cells.push((row, column, CompactString::from(cell)));
                }
                column = column.saturating_add(1);
                after_delimiter = !record_end;
                if record_end {
                    row = row.saturating_add(1);
                    column = 0;
                    at_record_start = true;
                    record_starts = Some(offset);
                    crlf_tail = last_byte == b'\r';
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    Ok(Some(Records {
        cells,
        rows: row,
        stopped_at: None,
    }))
}

/// Reads the next chunk of text, `0` at its end; an interrupted read is tried again.
fn read_chunk(text: &mut impl Read, chunk: &mut [u8]) -> io::Result<usize> {
    loop {
        match text.read(chunk) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

/// How many of the bytes `text` starts with are `byte`.
fn leading(text: &[u8], byte: u8) -> usize {
    text.iter().take_while(|&&b| b == byte).count()
}

/// Skips the line breaks before a record, and returns how many bytes they took. The parser
/// skips blank lines, but a spreadsheet program shows them as rows: they are counted into
/// `row` so that row numbers match what the user sees. `crlf_tail` says that the last record
/// ended at the CR of a CR LF, whose LF is no blank line.
fn skip_line_breaks(text: &[u8], crlf_tail: &mut bool, row: &mut u32) -> usize {
    let mut skipped = 0;
    for &byte in text {
        match byte {
            b'\n' if !*crlf_tail => *row = row.saturating_add(1),
            b'\n' | b'\r' => {}
            _ => break,
        }
        *crlf_tail = false;
        skipped += 1;
    }
    skipped
}

/// The bytes of the field being read, grown as the parser fills them up to the most a cell
/// within the cap can take; past that only its characters are counted, so that a hostile
/// cell of gigabytes costs no memory.
struct Field {
    bytes: Vec<u8>,
    /// How many of `bytes` the parser has written.
    length: usize,
    /// Characters of a cell already past the cap, counted without keeping its bytes.
    over_cap: Option<u64>,
    /// Any cell with more bytes than this holds more characters than the cap: four bytes
    /// at most to a character.
    most_bytes: usize,
}

impl Field {
    fn new(limits: &Limits) -> Field {
        Field {
            bytes: vec![0u8; 256],
            length: 0,
            over_cap: None,
            most_bytes: limits.max_cell_chars.saturating_mul(4).saturating_add(4),
        }
    }

    /// Where the parser writes next.
    fn space(&mut self) -> &mut [u8] {
        &mut self.bytes[self.length..]
    }

    /// The parser filled the space: more room, or, past the cap, count and start over.
    fn grow(&mut self) {
        if let Some(counted) = self.over_cap.as_mut() {
            *counted += characters(&self.bytes[..self.length]);
            self.length = 0;
        } else if self.bytes.len() >= self.most_bytes {
            self.over_cap = Some(characters(&self.bytes[..self.length]));
            self.length = 0;
        } else {
            self.bytes
                .resize((self.bytes.len() * 2).min(self.most_bytes), 0);
        }
    }

    /// The finished field's bytes, or, past the cap, how many characters it had; the next
    /// field starts empty.
    fn take(&mut self) -> Result<&[u8], Exceeded> {
        let length = std::mem::take(&mut self.length);
        match self.over_cap.take() {
            Some(counted) => Err(Exceeded {
                limit: Limit::CellChars,
                found: Some(counted + characters(&self.bytes[..length])),
            }),
            None => Ok(&self.bytes[..length]),
        }
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn characters(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u64
}

#[cfg(test)]
mod tests;
