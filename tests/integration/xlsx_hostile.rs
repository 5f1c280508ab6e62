//! The Excel report against hostile input and a hostile machine: a temporary folder that
//! is full or missing, team and title names holding characters XML forbids, and more teams
//! than Excel has columns. Each run is held to the bad-input promises (one line and exit 2,
//! or a report; within 10 seconds and 1 GiB).

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use quick_xml::events::Event;
use quick_xml::XmlVersion;

use crate::bad_input::{measure_wrapped, succeeds_within_bounds};
use crate::util::{generated_org, TestEnv};

fn words<S: AsRef<std::ffi::OsStr>>(words: &[S]) -> Vec<OsString> {
    words.iter().map(|w| w.as_ref().to_owned()).collect()
}

fn xlsx_args(input: &Path, out: &Path) -> Vec<OsString> {
    vec![
        "audit".into(),
        input.into(),
        "--format".into(),
        "xlsx".into(),
        "-o".into(),
        out.into(),
    ]
}

/// A temporary folder with no room left: rust_xlsxwriter panicked on the failed write
/// (exit 101). A file-size limit stands in for a full disk, which a test cannot make without
/// root: with SIGXFSZ ignored, a write past it fails with EFBIG as one past the end of a
/// disk fails with ENOSPC, through the same path.
#[test]
fn a_full_or_missing_temporary_folder_is_one_line_naming_it() {
    let env = TestEnv::new();
    // 1,000 tasks: the Tasks sheet alone spills far past the 64 blocks allowed.
    let input = generated_org(&env, 200, 5);
    let out = env.path("audit.xlsx");
    let spill = env.path("spill");
    std::fs::create_dir(&spill).unwrap_or_else(|e| panic!("{e}"));
    let tmpdir = |folder: &Path| format!("TMPDIR={}", folder.display());
    let full = measure_wrapped(
        &env,
        &words(&[
            "env",
            &tmpdir(&spill),
            "sh",
            "-c",
            "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"",
        ]),
        &xlsx_args(&input, &out),
    );
    full.run.fails_with(&format!(
        "{}: cannot write the Excel report's temporary files in this folder: File too large (os error 27); set TMPDIR to a folder with room",
        spill.display()
    ));
    full.within_bounds("a full temporary folder");
    assert!(!out.exists(), "a report was written after the error");

    let missing = env.path("no-such-folder");
    let run = measure_wrapped(
        &env,
        &words(&["env", &tmpdir(&missing)]),
        &xlsx_args(&input, &out),
    );
    run.run.fails_with(&format!(
        "{}: cannot write the Excel report's temporary files in this folder: No such file or directory (os error 2)",
        missing.display()
    ));
    assert!(!out.exists(), "a report was written after the error");
}

/// Whether XML 1.0 allows `c` in a document, raw or as a character reference.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Every XML part of the workbook at `path` parses, and holds only characters XML allows
/// (quick-xml checks the markup, not the characters).
#[track_caller]
fn assert_every_part_well_formed(path: &Path) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{e}"));
    let mut parts = 0;
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).unwrap_or_else(|e| panic!("{e}"));
        let name = entry.name().unwrap_or_else(|e| panic!("{e}")).into_owned();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let check = |text: &str, what: &str| {
            if let Some(c) = text.chars().find(|c| !xml_char(*c)) {
                panic!(
                    "{name}: {what} holds U+{:04X}, which XML forbids",
                    u32::from(c)
                );
            }
        };
        check(&text, "the part");
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            let event = reader
                .read_event()
                .unwrap_or_else(|e| panic!("{name} at byte {}: {e}", reader.error_position()));
            match event {
                Event::Eof => break,
                Event::Start(tag) | Event::Empty(tag) => {
                    for attribute in tag.attributes() {
                        let attribute = attribute.unwrap_or_else(|e| panic!("{name}: {e}"));
                        let value = attribute
                            .normalized_value(XmlVersion::Implicit1_0)
                            .unwrap_or_else(|e| panic!("{name}: {e}"));
                        check(&value, "an attribute");
                    }
                }
                Event::GeneralRef(reference) => {
                    let c = reference
                        .resolve_char_ref()
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                    check(&c.map(String::from).unwrap_or_default(), "a reference");
                }
                _ => {}
            }
        }
        parts += 1;
    }
    assert!(parts > 10, "only {parts} XML parts");
}

/// The names a hostile sheet gives its teams or titles: every C0 control but tab and line
/// feed, DEL, a C1 control, the noncharacters U+FFFE and U+FFFF, and an invisible one.
fn hostile_names() -> Vec<String> {
    let mut marks: Vec<char> = ('\u{1}'..='\u{1f}')
        .filter(|c| !matches!(c, '\t' | '\n'))
        .collect();
    marks.extend(['\u{7f}', '\u{9b}', '\u{FFFE}', '\u{FFFF}', '\u{200B}']);
    marks.iter().map(|c| format!("Team{c}x")).collect()
}

/// Cell text is escaped by rust_xlsxwriter (`_x0001_`), a table's column names were not:
/// the Heatmap, a column per team (or per title when there are no teams), held the raw
/// character in `xl/tables/*.xml`, and the workbook was corrupt.
#[test]
fn control_characters_in_team_and_title_names_leave_every_part_well_formed() {
    let env = TestEnv::new();
    let names = hostile_names();
    let mut by_team = String::from("Name,Title,Team,Task\n");
    let mut by_title = String::from("Name,Title,Task\n");
    for (i, name) in names.iter().enumerate() {
        by_team.push_str(&format!(
            "Person {i},Product Manager,\"{name}\",Own the roadmap\n"
        ));
        by_title.push_str(&format!("Person {i},\"{name}\",Own the roadmap\n"));
    }
    for (file, csv) in [("teams.csv", by_team), ("titles.csv", by_title)] {
        let input = env.write(file, csv);
        let out = env.path(&format!("{file}.xlsx"));
        succeeds_within_bounds(&env, &xlsx_args(&input, &out));
        assert_every_part_well_formed(&out);
        let mut book = open_workbook_auto(&out).unwrap_or_else(|e| panic!("{e}"));
        let heatmap = book
            .worksheet_range("Heatmap")
            .unwrap_or_else(|e| panic!("{e}"));
        let header: Vec<String> = heatmap
            .rows()
            .next()
            .unwrap_or_default()
            .iter()
            .map(|c| c.to_string())
            .collect();
        for shown in [
            "Team\\u{0001}x",
            "Team\\u{001b}x",
            "Team\\u{fffe}x",
            "Team\\u{200b}x",
        ] {
            assert!(header.iter().any(|h| h == shown), "{file}: {header:?}");
        }
    }
}

/// More teams than Excel has columns: the Heatmap stopped the whole report ("Row or column
/// exceeds Excel's allowed limits"); it now ends at column XFD and says below the table how
/// many teams it left out.
#[test]
fn more_teams_than_excel_has_columns_are_cut_with_a_note() {
    const TEAMS: usize = 16_400;
    let env = TestEnv::new();
    let mut csv = String::from("Name,Title,Team,Task\n");
    for i in 0..TEAMS {
        csv.push_str(&format!(
            "Person {i},Product Manager,Team {i},Own the roadmap\n"
        ));
    }
    let input = env.write("teams.csv", csv);
    let out = env.path("teams.xlsx");
    succeeds_within_bounds(&env, &xlsx_args(&input, &out));
    let mut book = open_workbook_auto(&out).unwrap_or_else(|e| panic!("{e}"));
    let heatmap = book
        .worksheet_range("Heatmap")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(heatmap.width(), 16_384, "the Heatmap ends at XFD");
    // role id, responsibility id and responsibility, then a column per team.
    let left_out = TEAMS - (16_384 - 3);
    let note = heatmap.rows().next_back().map(|r| r[0].to_string());
    assert_eq!(
        note.as_deref(),
        Some(format!("{left_out} more teams left out: Excel sheets end at 16,384 columns; see the JSON or CSV report").as_str())
    );
}
