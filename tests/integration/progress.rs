//! Progress on stderr: drawn on a terminal for a large input and for training a model from
//! the user's rubrics, never when stderr is not a terminal, never with --quiet. The terminal is a pseudo-terminal from util-linux's
//! `script`; without it those two cases are skipped (the piped case always runs).

use std::process::Command;

use rolecall_synthetic::{self as synthetic, TeamSpec};

use crate::util::TestEnv;

/// Enough tasks that a terminal gets a matching bar.
fn large_team(env: &TestEnv) -> String {
    let spec = TeamSpec {
        people: 2_500,
        tasks_per_person: 10,
        seed: 11,
    };
    let path = env.path("large.csv");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    synthetic::write_csv(spec, std::io::BufWriter::new(file)).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

#[test]
fn nothing_on_stderr_when_it_is_not_a_terminal() {
    let env = TestEnv::new();
    let input = large_team(&env);
    let out = env.path("out.json").display().to_string();
    let run = env.run(["audit", &input, "--format", "json", "-o", &out]);
    run.success();
    assert_eq!(run.stderr, "");
}

/// What a terminal shows of one run: stdout and stderr together, as `script` records them.
fn on_terminal(env: &TestEnv, args: &str) -> Option<String> {
    on_terminal_with(env, "", args)
}

/// [`on_terminal`] with environment variables (`NAME=value `, shell-quoted) before the
/// command.
fn on_terminal_with(env: &TestEnv, vars: &str, args: &str) -> Option<String> {
    let command = format!("{vars}{} {args}", env!("CARGO_BIN_EXE_rolecall"));
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env.path(""))
        .env("ROLECALL_CACHE_DIR", crate::util::cache_dir())
        .output()
        .ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_terminal_sees_matching_progress_unless_quiet() {
    let env = TestEnv::new();
    let input = large_team(&env);
    let Some(shown) = on_terminal(
        &env,
        &format!("audit {input} --format json --generated-at 2026-11-23 -o a.json"),
    ) else {
        eprintln!("skipped: util-linux script is not installed");
        return;
    };
    assert!(shown.contains("matching"), "{shown:?}");
    assert!(shown.contains("tasks"), "{shown:?}");
    assert!(
        shown.contains("writing the JSON report (25000 tasks)"),
        "{shown:?}"
    );
    let quiet = on_terminal(
        &env,
        &format!("audit {input} --format json --generated-at 2026-11-23 -o b.json --quiet"),
    )
    .unwrap_or_default();
    assert_eq!(quiet, "");
    // The bar changes nothing in the report.
    let read = |name: &str| std::fs::read(env.path(name)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read("a.json"), read("b.json"));
}

#[test]
fn a_terminal_sees_training_on_a_first_run_only() {
    let env = TestEnv::new();
    crate::cache::small_rubrics(&env);
    let vars = format!("ROLECALL_CACHE_DIR='{}' ", env.path("cache").display());
    let args = "audit team.csv --rubric mine --format json -o a.json";
    let Some(first) = on_terminal_with(&env, &vars, args) else {
        eprintln!("skipped: util-linux script is not installed");
        return;
    };
    assert!(
        first.contains("training the matcher on 24 lines of mine (first run; cached for the next)"),
        "{first:?}"
    );
    assert!(first.contains("iterations"), "{first:?}");
    let second = on_terminal_with(&env, &vars, &args.replace("a.json", "b.json"));
    assert_eq!(
        second.unwrap_or_default(),
        "",
        "a run that reads the cache says nothing"
    );
    let quiet = on_terminal_with(
        &env,
        "",
        &format!("{} --no-cache --quiet", args.replace("a.json", "c.json")),
    );
    assert_eq!(quiet.unwrap_or_default(), "");
}
