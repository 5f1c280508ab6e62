//! Hostile cells: a team sheet is untrusted text. In the CSV tables no cell may start a
//! formula, checked by the real thing: LibreOffice opens the tables and calamine reads back
//! what it made of them. On the terminal (audit, inspect, explain and the error line) no cell
//! may act on the display or break a line.
//!
//! The round trip needs LibreOffice (`soffice`; Debian's libreoffice-calc-nogui). `.ci/run`
//! installs it and sets ROLECALL_REQUIRE_LIBREOFFICE=1, which turns its absence into a
//! failure; elsewhere the round trip says it was skipped.

use std::path::PathBuf;

use calamine::{open_workbook_auto, Data, Reader};

use crate::util::{libreoffice_available, soffice_convert, TestEnv};

/// Cells a spreadsheet would run as formulas, as names, titles, teams and tasks.
const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=2",
];

/// How rolecall reads a hostile cell: the CSV reader trims the tab and carriage return
/// starts, which leaves formulas all the same. (The unit tests in `report::formula` cover
/// those two starts in the output.)
fn as_read(text: &str) -> &str {
    text.trim()
}

/// A team sheet of hostile people, and one harmless Ana-Maria whose dash is not at the start.
fn hostile_sheet(env: &TestEnv) {
    let mut sheet = csv::Writer::from_writer(Vec::new());
    let rows = std::iter::once(["Name", "Title", "Team", "Task"].map(String::from)).chain(
        HOSTILE.iter().chain(&["Ana-Maria"]).map(|text| {
            [
                text.to_string(),
                format!("{text} Product Manager"),
                text.to_string(),
                format!("{text} own the product roadmap"),
            ]
        }),
    );
    for row in rows {
        sheet.write_record(&row).unwrap_or_else(|e| panic!("{e}"));
    }
    env.write(
        "team.csv",
        sheet.into_inner().unwrap_or_else(|e| panic!("{e}")),
    );
}

/// One CSV table as LibreOffice Calc opened it.
struct Opened {
    table: String,
    /// The formula of every cell that has one.
    formulas: Vec<String>,
    /// The text of every cell that holds text.
    texts: Vec<String>,
}

/// Opens every table in `folder` with LibreOffice, as a user double-clicking it would (comma
/// separated, UTF-8), saves it as xlsx, and reads that back.
fn open_in_libreoffice(env: &TestEnv, folder: &str) -> Vec<Opened> {
    let mut tables: Vec<PathBuf> = std::fs::read_dir(env.path(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    tables.sort();
    assert_eq!(
        tables.len(),
        rolecall::report::Table::ALL.len(),
        "{tables:?}"
    );
    let converted = env.path(&format!("{folder}-xlsx"));
    soffice_convert(
        env,
        &["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx"],
        &converted,
        &tables,
    );
    tables
        .iter()
        .map(|table| {
            let name = table
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let xlsx = converted.join(format!("{name}.xlsx"));
            let mut book =
                open_workbook_auto(&xlsx).unwrap_or_else(|e| panic!("{}: {e}", xlsx.display()));
            let sheet = book.sheet_names().first().cloned().unwrap_or_default();
            let formulas = book
                .worksheet_formula(&sheet)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .used_cells()
                .map(|(_, _, formula)| formula.clone())
                .filter(|formula| !formula.is_empty())
                .collect();
            let texts = book
                .worksheet_range(&sheet)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .used_cells()
                .filter_map(|(_, _, cell)| match cell {
                    Data::String(text) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            Opened {
                table: name,
                formulas,
                texts,
            }
        })
        .collect()
}

#[test]
fn libreoffice_opens_every_csv_table_without_a_formula() {
    if !libreoffice_available() {
        return;
    }
    let env = TestEnv::new();
    hostile_sheet(&env);
    env.run(["audit", "team.csv", "--format", "csv", "-o", "out"])
        .success();
    for opened in open_in_libreoffice(&env, "out") {
        assert!(
            opened.formulas.is_empty(),
            "{}: formulas {:?}",
            opened.table,
            opened.formulas
        );
        if opened.table == "tasks" || opened.table == "people" {
            for text in HOSTILE {
                let shown = format!("'{}", as_read(text));
                assert!(
                    opened.texts.contains(&shown),
                    "{}: no text cell {shown:?} in {:?}",
                    opened.table,
                    opened.texts
                );
            }
            assert!(opened.texts.contains(&"Ana-Maria".to_string()));
        }
    }
}

/// The control: the same tables written raw do open with live formulas, so the test above
/// would notice if neutralising stopped working (or LibreOffice stopped reading formulas).
#[test]
fn libreoffice_runs_the_formulas_of_raw_csv() {
    if !libreoffice_available() {
        return;
    }
    let env = TestEnv::new();
    hostile_sheet(&env);
    env.run([
        "audit",
        "team.csv",
        "--format",
        "csv",
        "--raw-csv",
        "-o",
        "raw",
    ])
    .success();
    let opened = open_in_libreoffice(&env, "raw");
    let tasks = opened.iter().find(|o| o.table == "tasks");
    let formulas = tasks.map(|o| o.formulas.clone()).unwrap_or_default();
    assert!(
        formulas.iter().any(|f| f.contains("HYPERLINK")),
        "no formula came alive: {formulas:?}"
    );
}

/// An escape sequence (ESC c resets the terminal and clears the screen; it also fits in a
/// sheet name, which brackets do not), a right-to-left override and a zero-width space, as
/// raw characters and as rolecall must show them.
const SNEAKY: [(&str, &str); 3] = [
    ("\u{1b}c", "\\u{001b}c"),
    ("\u{202e}", "\\u{202e}"),
    ("\u{200b}", "\\u{200b}"),
];

fn sneaky(text: &str) -> String {
    SNEAKY
        .iter()
        .map(|(raw, _)| *raw)
        .fold(text.to_string(), |t, raw| t + raw)
}

fn escaped(text: &str) -> String {
    SNEAKY
        .iter()
        .map(|(_, shown)| *shown)
        .fold(text.to_string(), |t, shown| t + shown)
}

#[track_caller]
fn assert_harmless(output: &str) {
    for (raw, _) in SNEAKY {
        let c = raw.chars().next().unwrap_or_default();
        assert!(!output.contains(c), "raw {c:?} in:\n{output}");
    }
}

#[test]
fn audit_and_explain_show_control_bidi_and_zero_width_characters_escaped() {
    let env = TestEnv::new();
    env.write(
        "team.csv",
        format!(
            "Name,Title,Task\n{},Product Manager,Own the product roadmap\nBo,Product Manager,{}\n",
            sneaky("Eve"),
            sneaky("Fix the build")
        ),
    );
    let run = env.run(["audit", "team.csv"]);
    run.success();
    assert_harmless(&run.stdout);
    assert!(run.stdout.contains(&escaped("Eve")), "{}", run.stdout);
    // The unmatched task shows up in its finding's message (which may wrap at a space).
    assert!(run.stdout.contains(&escaped("build")), "{}", run.stdout);

    let run = env.run(["explain", &sneaky("Own the product roadmap")]);
    run.success();
    assert_harmless(&run.stdout);
    assert!(run.stdout.contains(&escaped("Own the product roadmap")));
}

#[test]
fn inspect_shows_a_hostile_sheet_name_escaped() {
    let env = TestEnv::new();
    let sheet = sneaky("Q3");
    env.xlsx(
        "team.xlsx",
        &[(
            &sheet,
            &[&["Name", "Task"], &["Ana", "Own the product roadmap"]],
        )],
    );
    let run = env.run(["inspect", "team.xlsx"]);
    run.success();
    assert_harmless(&run.stdout);
    assert!(run.stdout.contains(&escaped("Q3")), "{}", run.stdout);
}

#[test]
fn an_error_naming_hostile_text_stays_one_harmless_line() {
    let env = TestEnv::new();
    env.xlsx(
        "team.xlsx",
        &[(&sneaky("Q3"), &[&["Name", "Task"], &["Ana", "Roadmap"]])],
    );
    let wanted = format!("Q4\n{}", sneaky(""));
    let run = env.run(["audit", "team.xlsx", "--sheet", &wanted]);
    run.fails_with(&format!("no sheet \"Q4\\n{}\"", escaped("")));
    assert_harmless(&run.stderr);
    assert!(run.stderr.contains(&escaped("Q3")), "{}", run.stderr);

    let run = env.run(["audit", &format!("gone\n{}.csv", sneaky(""))]);
    run.fails_with(&format!("gone\\n{}.csv: no such file", escaped("")));
    assert_harmless(&run.stderr);
}
