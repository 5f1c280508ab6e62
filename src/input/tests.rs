//! The grid and its merges: column letters, cell order, merged ranges filled, clipped and
//! capped, locations as a spreadsheet shows them.

use super::*;

#[test]
fn column_letters_round_trip() {
    for (index, letters) in [
        (0, "A"),
        (25, "Z"),
        (26, "AA"),
        (701, "ZZ"),
        (16_383, "XFD"),
    ] {
        assert_eq!(column_letters(index), letters);
        assert_eq!(parse_column_letters(letters), Some(index));
    }
    assert_eq!(parse_column_letters("c"), Some(2));
    assert_eq!(parse_column_letters("XFE"), None);
    assert_eq!(parse_column_letters("Name"), None);
    assert_eq!(parse_column_letters(""), None);
}

#[test]
fn from_cells_sorts_and_drops_blanks() {
    let table = RawTable::from_cells(
        "f".into(),
        None,
        vec![
            (2, 1, "b".into()),
            (0, 0, "a".into()),
            (2, 0, "  ".into()),
            (2, 0, "c".into()),
        ],
    );
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].number, 1);
    assert_eq!(table.rows[1].number, 3);
    assert_eq!(table.rows[1].get(0), Some("c"));
    assert_eq!(table.rows[1].get(1), Some("b"));
    assert_eq!(table.rows[1].get(2), None);
}

#[test]
fn cells_in_order_or_not_make_the_same_table() {
    // A duplicated cell keeps its first text, whether it comes before or after the cells
    // that send the rest to be sorted.
    let cells = [
        (0, 0, "a"),
        (0, 1, "b"),
        (0, 1, "dropped"),
        (1, 0, "c"),
        (0, 2, "late"),
        (0, 1, "dropped too"),
        (1, 1, " "),
        (3, 0, "d"),
    ];
    let table = RawTable::from_cells(
        "f".into(),
        None,
        cells.iter().map(|&(r, c, t)| (r, c, t.into())).collect(),
    );
    let texts: Vec<(u32, Vec<&str>)> = table
        .rows
        .iter()
        .map(|r| (r.number, r.cells.iter().map(|c| c.text.as_str()).collect()))
        .collect();
    assert_eq!(
        texts,
        [(1, vec!["a", "b", "late"]), (2, vec!["c"]), (4, vec!["d"]),]
    );
    let ordered = RawTable::from_cells(
        "f".into(),
        None,
        cells[..4]
            .iter()
            .map(|&(r, c, t)| (r, c, t.into()))
            .collect(),
    );
    assert_eq!(ordered.rows[0].get(1), Some("b"));
    assert_eq!(ordered.rows[0].cells.len(), 2);
}

fn cr(top: u32, left: u32, bottom: u32, right: u32) -> CellRange {
    CellRange {
        top,
        left,
        bottom,
        right,
    }
}

fn table(rows: &[(u32, &[&str])]) -> RawTable {
    RawTable {
        file: "t.xlsx".into(),
        sheet: Some("S".into()),
        rows: rows
            .iter()
            .map(|(number, texts)| RawRow::from_texts(*number, texts))
            .collect(),
        merged: Vec::new(),
    }
}

fn texts(table: &RawTable) -> Vec<(u32, Vec<(u32, &str)>)> {
    table
        .rows
        .iter()
        .map(|r| {
            (
                r.number,
                r.cells
                    .iter()
                    .map(|c| (c.column, c.text.as_str()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn cell_range_reads_and_serializes_as_spreadsheet_notation() {
    let range = cr(1, 0, 1, 7);
    assert_eq!(range.to_string(), "A1:H1");
    assert_eq!(cr(3, 26, 12, 27).to_string(), "AA3:AB12");
    assert_eq!(
        serde_json::to_string(&vec![range]).ok().as_deref(),
        Some(r#"["A1:H1"]"#)
    );
    // calamine's 0-based corners, swapped in a damaged file, come out in order.
    assert_eq!(CellRange::from_corners((4, 3), (0, 1)), cr(1, 1, 5, 3));
}

#[test]
fn merged_value_fills_blank_cells_of_its_range() {
    let mut t = table(&[
        (1, &["Banner"]),
        (3, &["Name", "Title", "Task"]),
        (4, &["Ana", "PM", "Roadmap"]),
        (5, &["", "", "Interviews"]),
        (6, &["Wei", "TPM", "Own text", "x"]),
    ]);
    // The name over rows 4-6 keeps Wei's own text; the title over rows 4-5; the banner.
    t.fill_merged(&[cr(4, 0, 6, 0), cr(4, 1, 5, 1), cr(1, 0, 1, 3)]);
    assert_eq!(
        texts(&t),
        vec![
            (
                1,
                vec![(0, "Banner"), (1, "Banner"), (2, "Banner"), (3, "Banner")]
            ),
            (3, vec![(0, "Name"), (1, "Title"), (2, "Task")]),
            (4, vec![(0, "Ana"), (1, "PM"), (2, "Roadmap")]),
            (5, vec![(0, "Ana"), (1, "PM"), (2, "Interviews")]),
            (6, vec![(0, "Wei"), (1, "TPM"), (2, "Own text"), (3, "x")]),
        ]
    );
    assert_eq!(
        t.merged,
        vec![cr(1, 0, 1, 3), cr(4, 0, 6, 0), cr(4, 1, 5, 1)]
    );
}

#[test]
fn merges_create_missing_rows_and_keep_columns_sorted() {
    let mut t = table(&[(2, &["", "Owner", "", "Task"]), (5, &["", "", "", "x"])]);
    t.fill_merged(&[cr(2, 1, 4, 2)]);
    assert_eq!(
        texts(&t),
        vec![
            (2, vec![(1, "Owner"), (2, "Owner"), (3, "Task")]),
            (3, vec![(1, "Owner"), (2, "Owner")]),
            (4, vec![(1, "Owner"), (2, "Owner")]),
            (5, vec![(3, "x")]),
        ]
    );
    assert_eq!(t.merged, vec![cr(2, 1, 4, 2)]);
}

#[test]
fn merges_clip_to_the_used_extent() {
    let mut t = table(&[(1, &["Title"]), (3, &["a", "b", "c"])]);
    // A1:XFD1048576 fills only A1:C3; a merge starting outside the data fills nothing.
    t.fill_merged(&[
        cr(1, 0, 1_048_576, 16_383),
        cr(10, 0, 20, 5),
        cr(1, 3, 2, 9),
    ]);
    assert_eq!(t.merged, vec![cr(1, 0, 3, 2)]);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[1].get(2), Some("Title"));
    assert_eq!(t.rows[2].get(0), Some("a"), "the cell's own text stays");
    assert_eq!(t.rows[2].get(3), None);
}

#[test]
fn blank_top_left_or_nothing_to_fill_is_not_listed() {
    let mut t = table(&[(1, &["", "b"]), (2, &["c", "d"])]);
    let before = t.clone();
    // Blank top-left; every cell already full; clipped down to one cell.
    t.fill_merged(&[cr(1, 0, 2, 0), cr(1, 1, 2, 1), cr(2, 1, 2, 5)]);
    assert_eq!(t, before);
    assert!(t.merged.is_empty());
    let mut empty = table(&[]);
    empty.fill_merged(&[cr(1, 0, 5, 5)]);
    assert!(empty.rows.is_empty() && empty.merged.is_empty());
}

#[test]
fn overlapping_merges_do_not_chain_and_the_earlier_wins() {
    // A1:C1 fills C1, but C1:D2 read C1 as blank before filling, so it fills nothing.
    let mut t = table(&[(1, &["A", "", "", ""]), (2, &["", "", "", "z"])]);
    t.fill_merged(&[cr(1, 2, 2, 3), cr(1, 0, 1, 2)]);
    assert_eq!(
        texts(&t),
        vec![(1, vec![(0, "A"), (1, "A"), (2, "A")]), (2, vec![(3, "z")]),]
    );
    assert_eq!(t.merged, vec![cr(1, 0, 1, 2)]);

    // A1:B2 and B1:B3 both cover B2; A1:B2 comes first in sheet order.
    let mut t = table(&[(1, &["A", "B"]), (3, &["", "", "c"])]);
    t.fill_merged(&[cr(1, 1, 3, 1), cr(1, 0, 2, 1)]);
    assert_eq!(
        texts(&t),
        vec![
            (1, vec![(0, "A"), (1, "B")]),
            (2, vec![(0, "A"), (1, "A")]),
            (3, vec![(1, "B"), (2, "c")]),
        ]
    );
    assert_eq!(t.merged, vec![cr(1, 0, 2, 1), cr(1, 1, 3, 1)]);
}

#[test]
fn fill_stops_at_the_cell_cap() {
    // A used extent of 2,000 x 1,000: a 2,000 x 600 merge (1.2M cells) is over the cap,
    // a smaller one after it still fills.
    let mut t = table(&[(1, &["big", "", "small"])]);
    t.rows.push(RawRow {
        number: 2_000,
        cells: vec![Cell {
            column: 999,
            text: "corner".into(),
        }],
    });
    t.fill_merged(&[cr(1, 0, 2_000, 599), cr(1, 2, 3, 2)]);
    assert_eq!(t.merged, vec![cr(1, 2, 3, 2)]);
    assert_eq!(t.rows.len(), 4);
    assert_eq!(t.rows[0].get(1), None, "the big merge is left unfilled");
    assert_eq!(t.rows[2].get(2), Some("small"));

    // Exactly at the cap fills: 1,000 x 1,000 cells is the top-left plus 999,999.
    let mut t = table(&[(1, &["big"])]);
    t.rows.push(RawRow {
        number: 1_000,
        cells: vec![Cell {
            column: 999,
            text: "corner".into(),
        }],
    });
    t.fill_merged(&[cr(1, 0, 1_000, 999)]);
    assert_eq!(t.merged, vec![cr(1, 0, 1_000, 999)]);
    let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
    assert_eq!(cells, 1_000_000);
    assert_eq!(t.rows[999].get(999), Some("corner"));
}

#[test]
fn fill_stops_at_the_byte_cap() {
    // 300 copies of a 1 MB text would be 300 MB.
    let long = "x".repeat(1024 * 1024);
    let mut t = table(&[(1, &[long.as_str()]), (2, &["", "short"])]);
    t.rows[1].cells[0].column = 300;
    t.fill_merged(&[cr(1, 0, 1, 300), cr(2, 0, 2, 1)]);
    assert!(t.merged.is_empty(), "{:?}", t.merged);
    assert_eq!(t.rows[0].cells.len(), 1);
}

#[test]
fn location_reads_like_a_spreadsheet() {
    let loc = Location {
        file: "team.xlsx".into(),
        sheet: Some("Q3".into()),
        row: Some(14),
        column: Some(2),
    };
    assert_eq!(loc.to_string(), "team.xlsx: sheet \"Q3\", cell C14");
}
