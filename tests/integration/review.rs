//! `rolecall review`: the file's columns and order, its sorting, the empty label column, the
//! workbook read back, no input replaced, one-line errors; and `explain`'s "carried by".

use calamine::{open_workbook_auto, Data, Reader};

use crate::util::{json, sample, TestEnv};

const HEADERS: [&str; 17] = [
    "task",
    "why",
    "people",
    "rows",
    "effort",
    "findings",
    "role 1",
    "probability 1",
    "responsibility 1",
    "evidence 1",
    "role 2",
    "probability 2",
    "responsibility 2",
    "evidence 2",
    "carried by",
    "how to fix",
    "label",
];

fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("header: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("row: {e}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

fn number(cell: &str) -> f64 {
    if cell.is_empty() {
        0.0
    } else {
        cell.parse()
            .unwrap_or_else(|e| panic!("{cell:?} is no number: {e}"))
    }
}

#[test]
fn the_review_lists_the_lines_to_label_most_consequential_first() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.csv");
    let run = env.run(["review".as_ref(), input.as_os_str()]);
    run.success();
    assert!(!run.stdout.starts_with('\u{feff}'), "no BOM on stdout");
    let (header, rows) = rows(&run.stdout);
    assert_eq!(header, HEADERS);
    assert!(rows.len() >= 10, "{}", run.stdout);
    let col = |name: &str| HEADERS.iter().position(|h| *h == name).unwrap_or(0);
    // One row per distinct text, every label left to the reviewer.
    let mut texts: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), rows.len(), "a text listed twice");
    assert!(rows.iter().all(|r| r[col("label")].is_empty()));
    for row in &rows {
        let why = &row[col("why")];
        assert!(
            ["ambiguous", "weak", "unmatched"].contains(&why.as_str())
                || why.starts_with("other work: "),
            "{why}"
        );
        assert!(!row[col("how to fix")].is_empty(), "{row:?}");
    }
    // Other work after the rest; within each, findings fed, then effort, most first.
    let other = |r: &Vec<String>| r[col("why")].starts_with("other work");
    let first_other = rows.iter().position(other).unwrap_or(rows.len());
    assert!(rows[first_other..].iter().all(other), "other work is last");
    let key = |r: &Vec<String>| (number(&r[col("findings")]), number(&r[col("effort")]));
    for part in [&rows[..first_other], &rows[first_other..]] {
        for pair in part.windows(2) {
            let (a, b) = (key(&pair[0]), key(&pair[1]));
            assert!(
                a.0 > b.0 || (a.0 == b.0 && a.1 >= b.1),
                "{a:?} before {b:?}"
            );
        }
    }
    assert!(
        number(&rows[0][col("findings")]) > 0.0,
        "a line behind a finding comes first"
    );
    assert!(rows[..first_other]
        .iter()
        .any(|r| number(&r[col("findings")]) == 0.0));
    assert!(
        run.stderr
            .contains(&format!("{} tasks to review of ", rows.len()))
            && run.stderr.contains("the first 20 carry"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_file_is_the_same_bytes_every_run_and_starts_with_a_bom() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.csv");
    let mut written = Vec::new();
    for name in ["one.csv", "two.csv"] {
        let out = env.path(name);
        env.run([
            "review".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .success();
        written.push(std::fs::read(&out).unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    assert_eq!(written[0], written[1]);
    assert!(written[0].starts_with(b"\xEF\xBB\xBF"), "a file has a BOM");
    let stdout = env.run(["review".as_ref(), input.as_os_str()]);
    assert_eq!(
        &written[0][3..],
        stdout.stdout.as_bytes(),
        "the file is stdout's CSV"
    );
}

#[test]
fn the_workbook_opens_with_the_same_rows() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.csv");
    let csv = env.run(["review".as_ref(), input.as_os_str()]);
    let (_, expected) = rows(&csv.stdout);
    let out = env.path("review.xlsx");
    env.run([
        "review".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
    .success();
    let mut workbook = open_workbook_auto(&out).unwrap_or_else(|e| panic!("open: {e}"));
    let range = workbook
        .worksheet_range("Review")
        .unwrap_or_else(|e| panic!("Review: {e}"));
    let mut sheet = range.rows();
    let header: Vec<String> = sheet
        .next()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    assert_eq!(header, HEADERS);
    let body: Vec<&[Data]> = sheet.collect();
    assert_eq!(body.len(), expected.len());
    for (cells, row) in body.iter().zip(&expected) {
        assert_eq!(cells[0].to_string(), row[0], "task");
        assert_eq!(cells[1].to_string(), row[1], "why");
        assert!(cells.get(16).is_none_or(|c| *c == Data::Empty), "label");
    }
}

#[test]
fn the_review_never_replaces_the_input_and_bad_input_is_one_line() {
    let env = TestEnv::new();
    let team = env.write("team.csv", "Name,Task\nAna,Own the product roadmap\n");
    let before = std::fs::read(&team).unwrap_or_default();
    env.run(["review", "team.csv", "-o", "team.csv"])
        .fails_with("is the input file");
    assert_eq!(std::fs::read(&team).unwrap_or_default(), before);
    env.run(["review", "team.csv", "-o", "review.txt"])
        .fails_with("a review is written as .csv or .xlsx");
    env.run(["review", "missing.csv", "-o", "review.csv"])
        .fails_with("missing.csv");
    env.run(["review", "team.csv", "--confidence", "2"])
        .fails_with("--confidence");
    assert!(!env.path("review.csv").exists());
}

#[test]
fn explain_names_the_one_word_that_carried_a_verdict_and_how_to_override_it() {
    let env = TestEnv::new();
    // The training text reads UAT as QA work: the one word outweighs the release sign-off.
    let run = env.run(["explain", "UAT sign-off for the release"]);
    run.success();
    assert!(run.stdout.contains("carried by \"uat\""), "{}", run.stdout);
    assert!(run.stdout.contains("[tasks]"), "{}", run.stdout);
    let run = env.run([
        "explain",
        "UAT sign-off for the release",
        "--format",
        "json",
    ]);
    run.success();
    let value = json(&run.stdout);
    let carried = &value["carried_by"];
    assert_eq!(carried["terms"][0]["term"], "uat", "{}", run.stdout);
    assert_eq!(carried["terms"].as_array().map(Vec::len), Some(1));
    assert_ne!(carried["without"], value["status"], "the verdict changes");
    assert!(carried["fix"]
        .as_str()
        .is_some_and(|f| f.contains("--labels")));
}

#[test]
fn explain_names_no_word_when_many_words_carry_the_verdict() {
    let env = TestEnv::new();
    let text = "Prioritise the Q3 roadmap with customer feedback and define product requirements";
    let run = env.run(["explain", text, "--format", "json"]);
    run.success();
    let value = json(&run.stdout);
    assert_eq!(value["status"], "matched", "{}", run.stdout);
    assert!(value["carried_by"].is_null(), "{}", run.stdout);
    let run = env.run(["explain", text]);
    assert!(!run.stdout.contains("carried by \""), "{}", run.stdout);
}

#[test]
fn a_task_that_looks_like_a_formula_stays_text() {
    let env = TestEnv::new();
    env.write(
        "team.csv",
        "Name,Task\nAna,=HYPERLINK(\"http://x\")\nBo,Own the product roadmap\n",
    );
    let run = env.run(["review", "team.csv", "-o", "review.csv"]);
    run.success();
    let text = std::fs::read_to_string(env.path("review.csv")).unwrap_or_default();
    let (_, rows) = rows(&text);
    assert!(
        rows.iter().any(|r| r[0] == "'=HYPERLINK(\"http://x\")"),
        "{text}"
    );
    assert!(rows.iter().all(|r| !r.iter().any(|c| c.starts_with('='))));
}
