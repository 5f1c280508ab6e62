//! How command lines become settings: formats and their folder, CSV tables and marks, the
//! thresholds' ranges, dates and sheets.

use clap::Parser;

use super::audit::parse_date;
use super::*;
use crate::input::SheetSelector;
use crate::report::{CsvOptions, Format, Table};

fn parse(args: &[&str]) -> Result<Settings, UsageError> {
    let cli = Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"));
    Settings::from_cli(cli, &Isolation::InProcess)
}

#[test]
fn csv_without_output_prints_the_tasks_table() {
    match parse(&["rolecall", "audit", "t.csv", "--format", "csv"]) {
        Ok(Settings::Audit(a)) => assert_eq!(a.table, Some(Table::Tasks)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn raw_csv_reaches_the_csv_options_and_goes_with_csv_only() {
    for (flag, raw) in [(None, false), (Some("--raw-csv"), true)] {
        let mut args = vec!["rolecall", "audit", "t.csv", "--format", "csv"];
        args.extend(flag);
        match parse(&args) {
            Ok(Settings::Audit(a)) => {
                assert_eq!(a.formats, [Format::Csv(CsvOptions { raw, bom: false })])
            }
            other => panic!("{other:?}"),
        }
    }
    let e = parse(&[
        "rolecall",
        "audit",
        "t.csv",
        "--format",
        "json",
        "--raw-csv",
    ]);
    assert!(e.is_err_and(|e| e.0 == "--raw-csv goes with --format csv"));
}

/// The formats an audit command line asks for, by name.
fn formats(args: &[&str]) -> Result<Vec<&'static str>, String> {
    let mut line = vec!["rolecall", "audit", "t.csv", "--no-config"];
    line.extend(args);
    match parse(&line) {
        Ok(Settings::Audit(a)) => Ok(a.formats.iter().map(|f| f.name()).collect()),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err(e.0),
    }
}

#[test]
fn several_formats_go_into_a_folder_each_once() {
    assert_eq!(
        formats(&["--format", "json,pdf,xlsx,json", "-o", "out"]),
        Ok(vec!["JSON", "PDF", "Excel"])
    );
    assert_eq!(
        formats(&["--format", "json", "--format", "md", "-o", "out"]),
        Ok(vec!["JSON", "Markdown"])
    );
    assert_eq!(
        formats(&["--format", "json,md"]),
        Err("several formats are written into a folder: pass -o FOLDER".to_string())
    );
    assert_eq!(
        formats(&["--format", "csv,json", "--table", "people", "-o", "out"]),
        Err("--table goes with --format csv alone".to_string())
    );
}

#[test]
fn csv_to_a_file_named_csv_is_one_table_and_to_any_other_path_a_folder() {
    let table = |args: &[&str]| {
        let mut line = vec!["rolecall", "audit", "t.csv", "--no-config"];
        line.extend(args);
        match parse(&line) {
            Ok(Settings::Audit(a)) => a.table,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(table(&["-o", "tasks.csv"]), Some(Table::Tasks));
    assert_eq!(
        table(&["--format", "csv", "-o", "all.CSV"]),
        Some(Table::Tasks)
    );
    assert_eq!(
        table(&["-o", "people.csv", "--table", "people"]),
        Some(Table::People)
    );
    assert_eq!(table(&["--format", "csv", "-o", "out"]), None);
}

#[test]
fn the_output_extension_names_the_format_when_no_flag_does() {
    assert_eq!(formats(&["-o", "audit.pdf"]), Ok(vec!["PDF"]));
    assert_eq!(formats(&["-o", "Audit.XLSX"]), Ok(vec!["Excel"]));
    assert_eq!(formats(&["-o", "audit.markdown"]), Ok(vec!["Markdown"]));
    assert_eq!(formats(&["-o", "audit.json"]), Ok(vec!["JSON"]));
    assert_eq!(formats(&["-o", "audit.txt"]), Ok(vec!["terminal"]));
    assert_eq!(formats(&["-o", "tasks.csv"]), Ok(vec!["CSV"]));
    // The flag wins; an extension no format has leaves the default.
    assert_eq!(
        formats(&["-o", "audit.pdf", "--format", "json"]),
        Ok(vec!["JSON"])
    );
    assert_eq!(formats(&["-o", "audit.out"]), Ok(vec!["terminal"]));
}

#[test]
fn csv_files_get_a_byte_order_mark_and_stdout_none_unless_asked() {
    let bom = |extra: &[&str]| {
        let mut args = vec![
            "rolecall",
            "audit",
            "t.csv",
            "--format",
            "csv",
            "--no-config",
        ];
        args.extend(extra);
        match parse(&args) {
            Ok(Settings::Audit(a)) => match a.formats[..] {
                [Format::Csv(options)] => options.bom,
                ref other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    };
    assert!(!bom(&[]));
    assert!(bom(&["-o", "out"]));
    assert!(!bom(&["-o", "out", "--no-csv-bom"]));
    assert!(bom(&["--csv-bom"]));
    // The last of the pair wins, as with any flag given twice.
    assert!(bom(&["--no-csv-bom", "--csv-bom"]));
    assert!(!bom(&["--csv-bom", "--no-csv-bom"]));
    let e = parse(&["rolecall", "audit", "t.csv", "--format", "md", "--csv-bom"]);
    assert!(e.is_err_and(|e| e.0 == "--csv-bom goes with --format csv"));
}

#[test]
fn rejects_out_of_range_thresholds_and_unknown_kinds() {
    let e = parse(&["rolecall", "audit", "t.csv", "--min-score", "1.5"]);
    assert!(e.is_err_and(|e| e.0.contains("--min-score")));
    let e = parse(&["rolecall", "audit", "t.csv", "--fail-on", "gaps"]);
    assert!(e.is_err_and(|e| e.0.contains("unknown finding kind")));
}

#[test]
fn generated_at_takes_calendar_dates_only() {
    let date = parse_date("2026-02-28").unwrap();
    assert_eq!(
        (date.year(), u8::from(date.month()), date.day()),
        (2026, 2, 28)
    );
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "26-01-01",
        "2026/01/01",
        "yesterday",
        "2026-1-5",
    ] {
        let e = parse_date(bad).unwrap_err();
        assert!(
            e.0.contains("--generated-at") && e.0.contains("YYYY-MM-DD"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn sheet_numbers_and_names() {
    match parse(&["rolecall", "audit", "t.xlsx", "--sheet", "2"]) {
        Ok(Settings::Audit(a)) => {
            assert_eq!(a.read.sheets, SheetChoice::One(SheetSelector::Number(2)))
        }
        other => panic!("{other:?}"),
    }
    match parse(&["rolecall", "audit", "t.xlsx", "--sheet", "Q3 plan"]) {
        Ok(Settings::Audit(a)) => {
            assert_eq!(
                a.read.sheets,
                SheetChoice::One(SheetSelector::Name("Q3 plan".into()))
            )
        }
        other => panic!("{other:?}"),
    }
}
