//! The demo example (`examples/demo.rs`), its code compiled into this binary and run as its
//! `main` would be: a sheet of the size asked for that rolecall audits, no file replaced
//! without --force, and one line and exit status 2 for bad arguments.

#[allow(dead_code)] // its main, which cargo runs; the tests call what main calls
#[path = "../../examples/demo.rs"]
mod example;

use crate::util::TestEnv;

fn demo(env: &TestEnv, args: &[&str]) -> Result<String, String> {
    let output = env.path("team.csv");
    let output = output.to_str().unwrap_or_else(|| panic!("{output:?}"));
    let args = args.iter().map(|a| if *a == "OUT" { output } else { a });
    example::demo(std::iter::once("demo").chain(args))
}

#[test]
fn the_demo_writes_the_team_asked_for_and_rolecall_audits_it() {
    let env = TestEnv::new();
    let done = demo(
        &env,
        &["--people", "40", "--tasks-per-person", "3", "-o", "OUT"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(done.ends_with("team.csv: 40 people, 120 tasks"), "{done}");
    let mut expected = Vec::new();
    rolecall_synthetic::write_csv(
        rolecall_synthetic::TeamSpec {
            people: 40,
            tasks_per_person: 3,
            seed: 1,
        },
        &mut expected,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(std::fs::read(env.path("team.csv")).is_ok_and(|bytes| bytes == expected));
    // Only the sheet is left: the temporary file was renamed into place, readable by others
    // as any file a user writes.
    assert_eq!(env.files(), ["team.csv"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("team.csv")).map(|m| m.permissions().mode());
        assert!(mode.as_ref().is_ok_and(|m| m & 0o777 == 0o644), "{mode:?}");
    }
    let run = env.run(["audit", "team.csv", "--format", "json"]);
    let report = crate::util::json(&run.success().stdout);
    assert_eq!(report["people"].as_array().map(Vec::len), Some(40));
}

#[test]
fn the_demo_replaces_a_file_only_with_force() {
    let env = TestEnv::new();
    env.write("team.csv", "mine");
    let Err(line) = demo(&env, &["--people", "3", "-o", "OUT"]) else {
        panic!("an existing file is replaced without --force");
    };
    assert!(
        line.starts_with("error: ")
            && line.ends_with("team.csv: already exists (--force replaces it)"),
        "{line}"
    );
    assert!(std::fs::read(env.path("team.csv")).is_ok_and(|bytes| bytes == b"mine"));
    assert_eq!(env.files(), ["team.csv"]);
    demo(&env, &["--people", "3", "-o", "OUT", "--force"]).unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read_to_string(env.path("team.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        written.starts_with("Name,Job Title,Team,Task,Hours / week\n"),
        "{written}"
    );
    assert_eq!(env.files(), ["team.csv"]);
}

/// `--truth` writes a planted organisation and its truth, both renamed into place, and
/// refuses to start when either file exists.
#[test]
fn the_demo_writes_a_planted_organisation_and_its_truth() {
    let env = TestEnv::new();
    let truth = env.path("truth.json");
    let truth = truth.to_str().unwrap_or_else(|| panic!("{truth:?}"));
    let args = [
        "--people", "30", "-o", "OUT", "--truth", truth, "--seed", "4",
    ];
    let done = demo(&env, &args).unwrap_or_else(|e| panic!("{e}"));
    assert!(done.ends_with("truth.json"), "{done}");
    let planted = rolecall_synthetic::planted(rolecall_synthetic::TeamSpec {
        people: 30,
        tasks_per_person: 5,
        seed: 4,
    });
    let mut sheet = Vec::new();
    rolecall_synthetic::write_rows(&planted.rows, &mut sheet).unwrap_or_else(|e| panic!("{e}"));
    assert!(std::fs::read(env.path("team.csv")).is_ok_and(|bytes| bytes == sheet));
    let written =
        crate::util::json(&std::fs::read_to_string(env.path("truth.json")).unwrap_or_default());
    assert_eq!(
        written,
        serde_json::to_value(&planted.truth).unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(written["tasks"].as_array().map(Vec::len), Some(150));
    assert_eq!(env.files(), ["team.csv", "truth.json"]);
    std::fs::remove_file(env.path("team.csv")).unwrap_or_else(|e| panic!("{e}"));
    let Err(line) = demo(&env, &args) else {
        panic!("an existing truth file is replaced without --force");
    };
    assert!(
        line.ends_with("truth.json: already exists (--force replaces it)"),
        "{line}"
    );
    assert_eq!(env.files(), ["truth.json"]);
}

#[test]
fn bad_demo_arguments_are_one_line_each() {
    let env = TestEnv::new();
    for (args, expected) in [
        (
            &["--people", "0", "-o", "OUT"][..],
            "error: invalid value '0' for '--people <N>'",
        ),
        (
            &["--people", "many", "-o", "OUT"],
            "error: invalid value 'many' for '--people <N>'",
        ),
        (
            &["--seed", "-1", "-o", "OUT"],
            "error: unexpected argument '-1' found",
        ),
        (
            &["--people", "5"],
            "error: the following required arguments were not provided: --output <FILE>",
        ),
        (
            &["--colour", "-o", "OUT"],
            "error: unexpected argument '--colour' found",
        ),
    ] {
        let Err(line) = demo(&env, args) else {
            panic!("{args:?} accepted");
        };
        assert!(line.starts_with(expected), "{args:?}: {line}");
        assert!(!line.contains('\n'), "{args:?}: {line}");
    }
    assert!(env.files().is_empty());
    let help = demo(&env, &["--help"]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        help.contains("--tasks-per-person <N>") && help.contains("--force"),
        "{help}"
    );
}
