//! CSV and TSV read as a spreadsheet program shows them: encodings, delimiters, quoting,
//! blank lines and the caps, and the parallel halves agreeing with one pass.

use super::*;

/// The cells one reader takes from the whole text, or its error.
fn read_whole_text(text: &str, delimiter: Delimiter, limits: &Limits) -> Result<Vec<Cell>, String> {
    read_whole(
        "t.csv",
        &Source::Bytes(text.as_bytes()),
        Decoding::Utf8 { skip: 0 },
        delimiter,
        limits,
    )
    .map(|parts| parts.unwrap_or_default().into_iter().flatten().collect())
    .map_err(|e| e.to_string())
}

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
            let delimiter = sniff(text.as_bytes());
            let whole = read_whole_text(text, delimiter, &limits);
            let source = Source::Bytes(text.as_bytes());
            for split in (1..text.len()).filter(|&at| text.as_bytes()[at - 1] == b'\n') {
                let halves = read_halves(
                    "t.csv",
                    &source,
                    Decoding::Utf8 { skip: 0 },
                    split as u64,
                    delimiter,
                    &limits,
                )
                .map(|parts| {
                    parts
                        .unwrap_or_default()
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                })
                .map_err(|e| e.to_string());
                assert_eq!(halves, whole, "cut at {split} of {text:?}");
            }
        }
    }
}

/// The parser is fed in chunks: a record, a quoted line break, a CR LF or a run of blank
/// lines split across two reads must read as in one.
#[test]
fn a_text_arriving_a_byte_at_a_time_reads_as_one_arriving_whole() {
    /// Hands over one byte per read.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buffer.first_mut()) {
                (Some((&byte, rest)), Some(slot)) => {
                    *slot = byte;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }
    let text = "Name,Task\r\nAna,\"Road\r\nmap\"\r\n\r\n\r\nBo,Budget\n\n\"Cy\",\"a \"\"b\"\"\"\nDee,x\nEve,,,,y,,\n,,\nFay,z";
    let trickled = read_records(
        "t.csv",
        Trickle(text.as_bytes()),
        None,
        Delimiter::Comma,
        &Limits::default(),
    )
    .map(|read| read.map(|read| (read.cells, read.rows)))
    .map_err(|e| e.to_string());
    let whole = read_records(
        "t.csv",
        text.as_bytes(),
        None,
        Delimiter::Comma,
        &Limits::default(),
    )
    .map(|read| read.map(|read| (read.cells, read.rows)))
    .map_err(|e| e.to_string());
    assert_eq!(trickled, whole);
    let rows: Vec<(u32, u32)> = whole
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_default()
        .0
        .iter()
        .map(|cell| (cell.0, cell.1))
        .collect();
    assert_eq!(
        rows,
        [
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (4, 0),
            (4, 1),
            (6, 0),
            (6, 1),
            (7, 0),
            (7, 1),
            (8, 0),
            (8, 4),
            (10, 0),
            (10, 1)
        ]
    );
}

/// A cell past the cap is refused with its length counted, however long it runs, without
/// its bytes being kept.
#[test]
fn a_cell_past_the_cap_is_counted_not_kept() {
    let limits = Limits {
        max_cell_chars: 10,
        ..Limits::default()
    };
    let text = format!("Name,Task\nAna,{}\n", "é".repeat(5_000));
    let error = read_whole_text(&text, Delimiter::Comma, &limits).err();
    assert_eq!(
        error.as_deref(),
        Some("t.csv, cell B2: a cell holds 5000 characters, over the cap of 10 characters a cell; raise it with --max-cell-chars if the file is trusted")
    );
}

#[test]
fn a_large_text_is_cut_after_a_line_with_text_before_a_line_with_text() {
    let text = format!("{}\n\n\r\nbb\ncc\n", "a".repeat(10));
    let split = cut_in(text.as_bytes(), 0).unwrap_or_else(|| panic!("no cut"));
    assert_eq!(&text[split..], "cc\n", "not after or before a blank line");
    assert_eq!(cut_in(b"abc", 0), None, "no line break");
    assert_eq!(cut_in(b"a\n", 0), None, "a line break that ends the text");
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
    assert_eq!(sniff(b"a;b;c\n1;2;3\n"), Delimiter::Semicolon);
    assert_eq!(sniff(b"a\tb\n1\t2\n"), Delimiter::Tab);
    assert_eq!(sniff(b"a,b\n\"x;y;z\",2\n"), Delimiter::Comma);
}

#[test]
fn decodes_bom_utf16_and_windows_1252() {
    let read = |bytes: &[u8]| {
        let table = parse("t.csv", Source::Bytes(bytes), None, &Limits::default())
            .unwrap_or_else(|e| panic!("{e}"));
        texts(&table).concat().join("|")
    };
    assert_eq!(read(b"\xEF\xBB\xBFName\n"), "Name");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Zoë\tPM\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    assert_eq!(read(&utf16), "Zoë|PM");
    assert_eq!(read(b"Zo\xEB,caf\xE9"), "Zoë|café");
    // A BOM says UTF-8: a bad byte is replaced, not read as Windows-1252.
    assert_eq!(read(b"\xEF\xBB\xBFZo\xEB"), "Zo\u{FFFD}");
}

#[test]
fn keeps_record_numbers_across_multiline_cells_and_blank_lines() {
    let table = parse(
        "t.csv",
        Source::Bytes(b"Name,Tasks\nAna,\"one\ntwo\"\n\nBo,three\n"),
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
        Source::Bytes(b"Name,Tasks\r\nAna,\"a\nb\"\r\n\r\n\nBo,c\r\n"),
        None,
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 5]);
}
