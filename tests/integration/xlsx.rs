//! The Excel report: every sample's workbook read back by calamine holds the JSON report's
//! numbers, as numbers, and LibreOffice converts every one to PDF.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use serde_json::Value;

use crate::util::{
    finding_tasks, libreoffice_available, report_json, sample, soffice_convert, TestEnv,
};

const SAMPLES: [&str; 6] = [
    "startup-five.csv",
    "gaps-team.csv",
    "northwind-product-org.csv",
    "northwind-product-org.xlsx",
    "launch-raci.xlsx",
    "launch-raci.ods",
];

const SHEETS: [&str; 9] = [
    "Summary",
    "Findings",
    "Finding tasks",
    "Tasks",
    "Verdicts",
    "Coverage",
    "Heatmap",
    "People",
    "Roll-up",
];

/// One table sheet as header names and data rows, blank rows (an empty table's) left out.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Data>>,
}

impl Sheet {
    fn read(path: &Path, name: &str) -> Sheet {
        let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{e}"));
        let range: Range<Data> = book
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut rows = range.rows().map(<[Data]>::to_vec);
        let header = rows
            .next()
            .unwrap_or_default()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let rows = rows
            .filter(|r| r.iter().any(|c| !matches!(c, Data::Empty)))
            .collect();
        Sheet { header, rows }
    }

    #[track_caller]
    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }

    #[track_caller]
    fn texts(&self, name: &str) -> Vec<String> {
        let c = self.column(name);
        self.rows.iter().map(|r| r[c].to_string()).collect()
    }

    #[track_caller]
    fn numbers(&self, name: &str) -> Vec<f64> {
        let c = self.column(name);
        self.rows.iter().map(|r| number(&r[c])).collect()
    }
}

#[track_caller]
fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(n) => *n,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn json_numbers(items: &Value, key: &str) -> Vec<f64> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not an array"))
        .iter()
        .map(|item| {
            item[key]
                .as_f64()
                .unwrap_or_else(|| panic!("{key}: {item}"))
        })
        .collect()
}

fn json_texts(items: &Value, key: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not an array"))
        .iter()
        .map(|item| item[key].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The sample's JSON report, and its workbook written to `name`.xlsx.
fn audit(env: &TestEnv, input: &Path, name: &str) -> (Value, std::path::PathBuf) {
    let input = input.to_string_lossy().into_owned();
    let run = env.run(["audit", input.as_str(), "--format", "json"]);
    run.success();
    let out = format!("{name}.xlsx");
    env.run([
        "audit",
        input.as_str(),
        "--format",
        "xlsx",
        "-o",
        out.as_str(),
    ])
    .success();
    (report_json(&run.stdout), env.path(&out))
}

#[test]
fn every_sample_reads_back_to_the_json_numbers() {
    let env = TestEnv::new();
    for name in SAMPLES {
        let (report, xlsx) = audit(&env, &sample(name), name);
        let book = open_workbook_auto(&xlsx).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(book.sheet_names(), SHEETS, "{name}");

        let summary = Sheet::read(&xlsx, "Summary");
        let figure = |section: &str, figure: &str| -> f64 {
            let row = summary
                .rows
                .iter()
                .find(|r| r[0] == section && r[1] == figure)
                .unwrap_or_else(|| panic!("{name}: no {section} {figure}"));
            number(&row[2])
        };
        for key in [
            "people",
            "tasks",
            "assignments",
            "matched",
            "ambiguous",
            "unmatched",
            "responsibilities",
            "responsibilities_covered",
        ] {
            let expected = report["summary"][key].as_f64().unwrap_or(f64::NAN);
            assert_eq!(figure("summary", key), expected, "{name}: summary {key}");
        }
        let kinds = report["summary"]["findings"]
            .as_object()
            .unwrap_or_else(|| panic!("{name}: findings"));
        for (kind, count) in kinds {
            assert_eq!(
                Some(figure("findings", kind)),
                count.as_f64(),
                "{name}: {kind}"
            );
        }

        let findings = Sheet::read(&xlsx, "Findings");
        assert_eq!(
            findings.texts("id"),
            json_texts(&report["findings"], "id"),
            "{name}"
        );
        assert_eq!(
            Sheet::read(&xlsx, "Finding tasks").rows.len(),
            finding_tasks(&report),
            "{name}"
        );

        let tasks = Sheet::read(&xlsx, "Tasks");
        assert_eq!(
            tasks.texts("id"),
            json_texts(&report["tasks"], "id"),
            "{name}"
        );
        assert_eq!(
            tasks.numbers("score"),
            json_numbers(&report["tasks"], "score"),
            "{name}"
        );
        assert_eq!(
            tasks.numbers("row"),
            json_numbers(&report["tasks"], "row"),
            "{name}"
        );

        let coverage = Sheet::read(&xlsx, "Coverage");
        assert_eq!(
            coverage.texts("responsibility id"),
            json_texts(&report["coverage"], "responsibility"),
            "{name}"
        );
        assert_eq!(
            coverage.numbers("weight"),
            json_numbers(&report["coverage"], "weight"),
            "{name}"
        );
        let core = coverage.column("core");
        let expected_core: Vec<Data> = report["coverage"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| Data::Bool(c["core"].as_bool().unwrap_or_default()))
            .collect();
        let core_cells: Vec<Data> = coverage.rows.iter().map(|r| r[core].clone()).collect();
        assert_eq!(core_cells, expected_core, "{name}: core as booleans");

        let people = Sheet::read(&xlsx, "People");
        assert_eq!(
            people.texts("name"),
            json_texts(&report["people"], "name"),
            "{name}"
        );
        assert_eq!(
            people.numbers("tasks"),
            json_numbers(&report["people"], "tasks"),
            "{name}"
        );
        let drift = people.column("drift");
        assert!(
            people
                .rows
                .iter()
                .all(|r| matches!(r[drift], Data::Bool(_))),
            "{name}: drift as booleans"
        );
    }
}

#[test]
fn non_ascii_names_and_formula_like_tasks_read_back_exactly() {
    let env = TestEnv::new();
    let names = [
        "José Álvarez",
        "王芳",
        "Łukasz Żółkiewski",
        "Дмитрий Ἀλέξανδρος",
    ];
    let mut csv = String::from("Name,Title,Task\n");
    for name in names {
        csv.push_str(&format!(
            "{name},Product Manager,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\") own the product roadmap\"\n"
        ));
    }
    let input = env.write("team.csv", csv);
    let (_, xlsx) = audit(&env, &input, "team");
    let mut people = Sheet::read(&xlsx, "People").texts("name");
    people.sort();
    let mut expected: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(people, expected);
    let tasks = Sheet::read(&xlsx, "Tasks").texts("task");
    assert!(tasks
        .iter()
        .all(|t| t == "=HYPERLINK(\"http://x\",\"y\") own the product roadmap"));
    let mut book = open_workbook_auto(&xlsx).unwrap_or_else(|e| panic!("{e}"));
    for sheet in SHEETS {
        let formulas = book
            .worksheet_formula(sheet)
            .unwrap_or_else(|e| panic!("{sheet}: {e}"));
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}: a formula"
        );
    }
}

#[test]
fn libreoffice_converts_every_sample_workbook_to_pdf() {
    if !libreoffice_available() {
        return;
    }
    let env = TestEnv::new();
    let books: Vec<_> = SAMPLES
        .iter()
        .map(|name| audit(&env, &sample(name), name).1)
        .collect();
    let pdfs = env.path("pdf");
    soffice_convert(&env, &["--convert-to", "pdf"], &pdfs, &books);
    for book in &books {
        let stem = book.file_stem().unwrap_or_default().to_string_lossy();
        let pdf = pdfs.join(format!("{stem}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
        assert!(
            bytes.len() > 1000,
            "{}: {} bytes",
            pdf.display(),
            bytes.len()
        );
    }
}
