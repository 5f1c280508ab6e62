//! Completion scripts and man pages: generated from the CLI, naming its subcommands and
//! flags, and never the parser child's hidden command.

use std::process::Command;

use crate::util::TestEnv;

const SUBCOMMANDS: [&str; 9] = [
    "audit",
    "review",
    "inspect",
    "explain",
    "rubrics",
    "diff",
    "eval",
    "completions",
    "man",
];

#[test]
fn every_shell_gets_a_script_naming_the_subcommands_and_flags() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = env.run(["completions", shell]);
        run.success();
        // fish spells flags as `-l format`, the others as `--format`.
        for name in SUBCOMMANDS.iter().chain(&["format", "fail-on", "paper"]) {
            assert!(
                run.stdout.contains(name),
                "{shell} script lacks {name}:\n{}",
                run.stdout
            );
        }
        assert!(
            !run.stdout.contains("read-workbook"),
            "{shell} offers the hidden worker command"
        );
    }
}

#[test]
fn bash_accepts_the_bash_script() {
    let env = TestEnv::new();
    let run = env.run(["completions", "bash"]);
    run.success();
    let script = env.path("rolecall.bash");
    std::fs::write(&script, &run.stdout).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    let checked = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(
        checked.status.success(),
        "bash -n rejects the script: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let env = TestEnv::new();
    let run = env.run(["completions", "tcsh"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn the_man_page_is_roff_listing_the_subcommands() {
    let env = TestEnv::new();
    let run = env.run(["man"]);
    run.success();
    let th = run
        .stdout
        .lines()
        .find(|line| !line.starts_with(".ie") && !line.starts_with(".el"))
        .unwrap_or_default();
    assert!(th.starts_with(".TH rolecall 1"), "first line: {th}");
    for name in SUBCOMMANDS {
        assert!(
            run.stdout.contains(&format!("rolecall\\-{name}(1)")),
            "man page does not list {name}"
        );
    }
    assert!(!run.stdout.contains("read\\-workbook"));
}

#[test]
fn man_dir_writes_every_page_it_refers_to() {
    let env = TestEnv::new();
    env.run(["man", "--dir", "pages"]).success();
    let pages = env.path("pages");
    for name in [
        "rolecall",
        "rolecall-audit",
        "rolecall-diff",
        "rolecall-rubrics-check",
        "rolecall-man",
    ] {
        let page = std::fs::read_to_string(pages.join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("{name}.1: {e}"));
        assert!(
            page.contains(&format!(".TH {name} 1")),
            "{name}.1 has no .TH"
        );
    }
    let audit = std::fs::read_to_string(pages.join("rolecall-audit.1"))
        .unwrap_or_else(|e| panic!("rolecall-audit.1: {e}"));
    assert!(
        audit.contains("\\-\\-format"),
        "rolecall-audit(1) lacks --format"
    );
    let entries: Vec<std::path::PathBuf> = std::fs::read_dir(&pages)
        .unwrap_or_else(|e| panic!("pages: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(
        entries.len(),
        12,
        "pages: one per visible command, no temp file left"
    );
    // groff reads a page as Latin-1 unless told otherwise, so a "ë" in a flag's help would
    // print as two wrong characters (and fail CI's groff -ww check).
    for page in &entries {
        let bytes = std::fs::read(page).unwrap_or_default();
        assert!(bytes.is_ascii(), "{}: not ASCII", page.display());
    }
}
