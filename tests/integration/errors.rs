//! Every error path: one line on stderr naming the file (and sheet, row or column), exit 2,
//! no panic, and no output file left behind.

use crate::util::TestEnv;

/// Runs an audit that must fail, asking for a Markdown report, and checks nothing was
/// written.
#[track_caller]
fn fails(env: &TestEnv, input: &str, extra: &[&str], expected: &str) {
    let mut args = vec!["audit", input, "--format", "md", "-o", "report.md"];
    args.extend_from_slice(extra);
    env.run(&args).fails_with(expected);
    assert!(!env.path("report.md").exists(), "a report was written");
    let leftovers: Vec<String> = env
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".rolecall-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn missing_file() {
    let env = TestEnv::new();
    fails(
        &env,
        "nope.xlsx",
        &[],
        "nope.xlsx: no such file; check the path",
    );
}

#[test]
fn directory() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path("folder.csv")).unwrap_or_else(|e| panic!("{e}"));
    fails(&env, "folder.csv", &[], "folder.csv: is a directory");
}

#[test]
fn unsupported_extension() {
    let env = TestEnv::new();
    env.write("team.pdf", "%PDF-1.4");
    fails(
        &env,
        "team.pdf",
        &[],
        "team.pdf: unsupported file type \"pdf\"",
    );
}

#[test]
fn corrupt_workbooks() {
    let env = TestEnv::new();
    env.write("random.xlsx", b"this is not a zip file at all");
    fails(
        &env,
        "random.xlsx",
        &[],
        "random.xlsx: not a readable xlsx workbook",
    );
    env.write("random.ods", b"PK\x03\x04 truncated");
    fails(
        &env,
        "random.ods",
        &[],
        "random.ods: not a readable ods workbook",
    );
    env.write("random.xls", [0u8; 600]);
    fails(
        &env,
        "random.xls",
        &[],
        "random.xls: not a readable xls workbook",
    );
    env.write("empty.xlsb", b"");
    fails(
        &env,
        "empty.xlsb",
        &[],
        "empty.xlsb: not a readable xlsb workbook",
    );
}

#[test]
fn truncated_xlsx() {
    let env = TestEnv::new();
    let path = env.xlsx(
        "good.xlsx",
        &[("Team", &[&["Name", "Task"], &["Ana", "Roadmap"]])],
    );
    let bytes = std::fs::read(path).unwrap_or_default();
    env.write("cut.xlsx", &bytes[..bytes.len() / 2]);
    fails(
        &env,
        "cut.xlsx",
        &[],
        "cut.xlsx: not a readable xlsx workbook",
    );
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    let env = TestEnv::new();
    env.xlsx(
        "team.xlsx",
        &[("Q3", &[&["Name", "Task"], &["Ana", "Roadmap"]])],
    );
    fails(
        &env,
        "team.xlsx",
        &["--sheet", "Q4"],
        "team.xlsx: no sheet \"Q4\"; sheets are: \"Q3\"",
    );
    fails(&env, "team.xlsx", &["--sheet", "3"], "no sheet number 3");
}

#[test]
fn no_recognisable_header() {
    let env = TestEnv::new();
    env.write("team.csv", "alpha,beta\n1,2\n");
    fails(
        &env,
        "team.csv",
        &[],
        "team.csv: no recognisable layout: no header row names a person and a task column, and no block of R/A/C/I marks stands under a row of names; searched the first 2 rows (first row seen: alpha, beta)",
    );
    env.xlsx("team.xlsx", &[("Data", &[&["alpha", "beta"], &["1", "2"]])]);
    fails(
        &env,
        "team.xlsx",
        &[],
        "team.xlsx: sheet \"Data\": no recognisable layout",
    );
}

#[test]
fn no_usable_sheet_in_a_workbook_of_several() {
    let env = TestEnv::new();
    env.xlsx(
        "team.xlsx",
        &[("A", &[&["x"], &["1"]]), ("B", &[&["y"], &["2"]])],
    );
    fails(
        &env,
        "team.xlsx",
        &[],
        "team.xlsx: no sheet has a recognisable layout (sheets: \"A\", \"B\")",
    );
}

#[test]
fn no_task_column() {
    let env = TestEnv::new();
    env.write("team.csv", "Name,Title,Notes\nAna,PM,hi\n");
    fails(
        &env,
        "team.csv",
        &[],
        "team.csv, row 1: no task column; pass --task-column NAME or a column letter (headers seen: Name, Title, Notes)",
    );
}

#[test]
fn unknown_column_override() {
    let env = TestEnv::new();
    env.write("team.csv", "Name,Task\nAna,Roadmap\n");
    fails(
        &env,
        "team.csv",
        &["--task-column", "Duties list"],
        "team.csv, row 1: no column \"Duties list\" in the header row (headers seen: Name, Task)",
    );
}

#[test]
fn empty_inputs() {
    let env = TestEnv::new();
    env.write("empty.csv", "");
    fails(&env, "empty.csv", &[], "empty.csv: the sheet is empty");
    env.xlsx("empty.xlsx", &[("Blank", &[])]);
    fails(
        &env,
        "empty.xlsx",
        &[],
        "empty.xlsx: sheet \"Blank\": the sheet is empty",
    );
    env.write("header-only.csv", "Name,Task\n");
    fails(
        &env,
        "header-only.csv",
        &[],
        "header-only.csv: no task rows under the header in row 1",
    );
}

#[test]
fn bad_rubric() {
    let env = TestEnv::new();
    env.write("team.csv", "Name,Task\nAna,Roadmap\n");
    env.write(
        "mine.toml",
        "[role]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\nsummary = \"s\"\nsumary = \"typo\"\n",
    );
    fails(
        &env,
        "team.csv",
        &["--rubric", "mine.toml"],
        "mine.toml: line 6: unknown field `sumary`",
    );
    fails(
        &env,
        "team.csv",
        &["--rubric", "missing.toml"],
        "missing.toml: cannot read rubric",
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.write("team.csv", "Name,Task\nAna,Roadmap\n");
    fails(
        &env,
        "team.csv",
        &["--min-score", "2"],
        "--min-score must lie between 0 and 1",
    );
    let run = env.run(["audit"]);
    assert_eq!(run.code, 2);
    let run = env.run(["frobnicate"]);
    assert_eq!(run.code, 2);
}

/// Every format, by the input's own name, another spelling of it, a symlink to it, or a CSV
/// folder whose table names it: refused, and the input unchanged.
#[test]
fn refuses_to_overwrite_the_input() {
    let env = TestEnv::new();
    let original = "Name,Task\nAna,Roadmap\n";
    env.write("team.csv", original);
    let mut cases: Vec<(&[&str], &str)> = vec![
        (
            &["--format", "csv", "--table", "tasks", "-o", "team.csv"],
            "team.csv",
        ),
        (&["--format", "json", "-o", "./team.csv"], "./team.csv"),
        (&["--format", "md", "-o", "team.csv"], "team.csv"),
        (
            &[
                "--format",
                "pdf",
                "--generated-at",
                "2026-11-23",
                "-o",
                "team.csv",
            ],
            "team.csv",
        ),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("team.csv", env.path("link.csv"))
            .unwrap_or_else(|e| panic!("{e}"));
        cases.push((&["--format", "json", "-o", "link.csv"], "link.csv"));
    }
    for (args, shown) in cases {
        let mut command = vec!["audit", "team.csv"];
        command.extend_from_slice(args);
        env.run(&command).fails_with(&format!(
            "{shown}: is the input file; choose another output path"
        ));
        assert_eq!(
            std::fs::read_to_string(env.path("team.csv")).unwrap_or_default(),
            original,
            "{args:?}"
        );
    }
    // The four tables into the input's own folder, where one of them has the input's name.
    env.write("tasks.csv", original);
    env.run(["audit", "tasks.csv", "--format", "csv", "-o", "."])
        .fails_with("./tasks.csv: is the input file; choose another output path");
    assert_eq!(
        std::fs::read_to_string(env.path("tasks.csv")).unwrap_or_default(),
        original
    );
    assert!(!env.path("coverage.csv").exists(), "no table is written");
}
