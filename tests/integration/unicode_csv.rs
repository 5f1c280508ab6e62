//! Names beyond ASCII in the CSV tables, as a spreadsheet opens them.
//!
//! A spreadsheet reads a CSV file in the charset its import picks, and LibreOffice's import
//! dialog picks UTF-8 only when the file starts with UTF-8's byte order mark; without one it
//! offers the system's charset, Windows-1252 on a Windows desktop, where "García" opens as
//! "GarcÃ­a" (Excel's double-click behaves the same). Headless LibreOffice has no dialog, so
//! the test applies the dialog's rule to the file's first bytes and lets LibreOffice do the
//! decoding: with the mark the names arrive exactly and the mark itself is not part of the
//! first header; without it they do not. (LibreOffice 7.4's headless import without filter
//! options is Windows-1252 whatever the file holds; later versions default to UTF-8, which
//! reads these files right as well.)

use calamine::{open_workbook_auto, Data, Reader};

use crate::util::{libreoffice_available, soffice_convert, TestEnv};

const NAMES: [&str; 3] = ["Ana García", "Zoë Ødegård", "李雷"];

/// The charset LibreOffice's CSV import dialog preselects for a file that starts with
/// `head`: UTF-8 (LibreOffice's code 76) by the byte order mark, else a Windows desktop's own.
fn dialog_charset(head: &[u8]) -> &'static str {
    if head.starts_with(b"\xEF\xBB\xBF") {
        "76"
    } else {
        "1252"
    }
}

/// The people table written with `flags`, opened in LibreOffice and read back: its header
/// and the name column.
fn people_as_opened(env: &TestEnv, folder: &str, flags: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut args = vec!["audit", "team.csv", "--format", "csv", "-o", folder];
    args.extend(flags);
    env.run(args).success();
    let table = env.path(&format!("{folder}/people.csv"));
    let bytes = std::fs::read(&table).unwrap_or_default();
    let filter = format!("--infilter=CSV:44,34,{},1", dialog_charset(&bytes));
    let converted = env.path(&format!("{folder}-xlsx"));
    soffice_convert(
        env,
        &[&filter, "--convert-to", "xlsx"],
        &converted,
        &[table],
    );
    let xlsx = converted.join("people.xlsx");
    let mut book = open_workbook_auto(&xlsx).unwrap_or_else(|e| panic!("{}: {e}", xlsx.display()));
    let sheet = book.sheet_names().first().cloned().unwrap_or_default();
    let range = book
        .worksheet_range(&sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    let text = |cell: &Data| match cell {
        Data::String(text) => text.clone(),
        other => other.to_string(),
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(text).collect())
        .unwrap_or_default();
    let names = rows.filter_map(|r| r.first().map(text)).collect();
    (header, names)
}

#[test]
fn libreoffice_opens_the_csv_files_with_every_name_exact() {
    if !libreoffice_available() {
        return;
    }
    let env = TestEnv::new();
    let rows: String = NAMES
        .iter()
        .zip(["Product Manager", "Engineer", "Program Manager"])
        .map(|(name, title)| format!("{name},{title},Core,Own the product roadmap\n"))
        .collect();
    env.write("team.csv", format!("Name,Title,Team,Task\n{rows}"));

    let (header, names) = people_as_opened(&env, "marked", &[]);
    assert_eq!(
        header.first().map(String::as_str),
        Some("name"),
        "{header:?}"
    );
    for name in NAMES {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }

    // The same bytes without the mark, as a script on stdout gets them, open garbled.
    let (_, names) = people_as_opened(&env, "unmarked", &["--no-csv-bom"]);
    // "í" is two bytes in UTF-8, C3 AD, which Windows-1252 shows as "Ã" and a soft hyphen.
    assert!(names.iter().any(|n| n == "Ana GarcÃ\u{AD}a"), "{names:?}");
    for name in NAMES {
        assert!(!names.iter().any(|n| n == name), "{name} in {names:?}");
    }
}
