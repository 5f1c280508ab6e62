//! The terminal summary at its width: on a pseudo-terminal of 80 columns with `COLUMNS`
//! unset (the width comes from the terminal), through a pipe with `COLUMNS=80`, and at the
//! default width; colour on a terminal only, never in a pipe, as `NO_COLOR` and `--color`
//! say; long lists capped at any size.

use std::path::Path;
use std::process::{Command, Stdio};

use unicode_width::UnicodeWidthStr;

use crate::util::{generated_org, sample, TestEnv};

/// The binary, with no `COLUMNS` or `NO_COLOR` from the environment running the tests.
fn rolecall(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    command
        .args(args)
        .current_dir(dir)
        .env("ROLECALL_CACHE_DIR", crate::util::cache_dir())
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// What the command writes to a pseudo-terminal `columns` wide, as the terminal receives it.
#[cfg(unix)]
fn on_pty(mut command: Command, columns: u16) -> String {
    use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
    use std::io::Read;

    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap_or_else(|e| panic!("{e}"));
    grantpt(&master).unwrap_or_else(|e| panic!("{e}"));
    unlockpt(&master).unwrap_or_else(|e| panic!("{e}"));
    let name = ptsname(&master, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_string_lossy().as_ref())
        .unwrap_or_else(|e| panic!("{e}"));
    rustix::termios::tcsetwinsize(
        &slave,
        rustix::termios::Winsize {
            ws_row: 50,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    command.stdout(slave);
    let mut child = command.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
    // The command holds the parent's copy of the terminal's end: without dropping it the
    // master never sees the end of the output.
    drop(command);
    let mut master = std::fs::File::from(master);
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    // Linux answers EIO, not end of file, once the last writer has closed the terminal.
    while let Ok(n @ 1..) = master.read(&mut chunk) {
        bytes.extend_from_slice(&chunk[..n]);
    }
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(status.success(), "{status:?}");
    // The terminal's line discipline writes each newline as CR LF.
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

fn piped(mut command: Command) -> String {
    let output = command
        .stdout(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// `text` without ANSI escape sequences (CSI ... final byte).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The widest line in display columns (a CJK character counts two), escapes stripped.
#[track_caller]
fn assert_fits(text: &str, width: usize) {
    let plain = strip_ansi(text);
    assert!(
        plain.contains("Findings") && plain.contains("People"),
        "{plain}"
    );
    for line in plain.lines() {
        assert!(
            line.width() <= width,
            "{} columns > {width}: {line:?}",
            line.width()
        );
    }
}

fn has_colour(text: &str) -> bool {
    text.contains("\u{1b}[")
}

#[cfg(unix)]
#[test]
fn a_pty_of_80_columns_gets_lines_of_80_at_most_in_colour() {
    let env = TestEnv::new();
    let northwind = sample("northwind-product-org.csv");
    let generated = generated_org(&env, 366, 6);
    for input in [northwind.as_path(), generated.as_path()] {
        let input = input.to_string_lossy();
        let shown = on_pty(rolecall(&env.path(""), &["audit", &input]), 80);
        assert_fits(&shown, 80);
        assert!(has_colour(&shown), "no colour on a terminal: {shown}");
        // Red for a high finding (comfy-table writes crossterm's 256-colour red).
        assert!(shown.contains("\u{1b}[38;5;9m"), "{shown}");
        // A wider terminal is used whole: the width is the terminal's, not a constant.
        let wide = on_pty(rolecall(&env.path(""), &["audit", &input]), 132);
        assert_fits(&wide, 132);
        assert!(
            strip_ansi(&wide).lines().any(|l| l.width() > 100),
            "a 132-column terminal got no line wider than 100"
        );
    }
}

#[cfg(unix)]
#[test]
fn no_color_and_color_never_keep_a_terminal_plain() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.csv");
    let input = input.to_string_lossy();
    let mut no_color = rolecall(&env.path(""), &["audit", &input]);
    no_color.env("NO_COLOR", "1");
    let shown = on_pty(no_color, 80);
    assert_fits(&shown, 80);
    assert!(!has_colour(&shown), "NO_COLOR was not honoured: {shown}");

    let shown = on_pty(
        rolecall(&env.path(""), &["audit", &input, "--color", "never"]),
        80,
    );
    assert!(!has_colour(&shown), "--color never was not honoured");

    // An empty NO_COLOR is as if unset (no-color.org).
    let mut empty = rolecall(&env.path(""), &["audit", &input]);
    empty.env("NO_COLOR", "");
    assert!(has_colour(&on_pty(empty, 80)));
}

#[test]
fn a_pipe_gets_no_colour_unless_asked_and_the_width_of_columns() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.csv");
    let input = input.to_string_lossy();
    let plain = piped(rolecall(&env.path(""), &["audit", &input]));
    assert!(!has_colour(&plain), "escape codes in a pipe: {plain}");
    assert_fits(&plain, 100);

    let mut at_80 = rolecall(&env.path(""), &["audit", &input]);
    at_80.env("COLUMNS", "80");
    let at_80 = piped(at_80);
    assert_fits(&at_80, 80);
    assert!(!has_colour(&at_80));

    let forced = piped(rolecall(
        &env.path(""),
        &["audit", &input, "--color", "always"],
    ));
    assert!(has_colour(&forced), "--color always wrote no colour");
    assert_fits(&forced, 100);
}

/// Double-width names, long unbroken words and every narrow width down to below the minimum:
/// no line wider than the width (or than the 40-column minimum), and no panic.
#[test]
fn wide_characters_and_narrow_widths_still_fit() {
    let env = TestEnv::new();
    let long = "x".repeat(120);
    let csv = format!(
        "Name,Job Title,Task\n\
         鈴木美咲鈴木美咲鈴木美咲,プロダクトマネージャー,ロードマップの優先順位付け\n\
         鈴木美咲鈴木美咲鈴木美咲,Product Manager,Own the roadmap and prioritisation {long}\n\
         陈伟,Technical Program Manager,Run the release train across teams\n\
         Ana Lee,Program Manager,Own the roadmap\n"
    );
    let input = env.write("wide.csv", csv);
    let input = input.to_string_lossy();
    for columns in [1usize, 39, 40, 41, 53, 80, 97] {
        let mut command = rolecall(&env.path(""), &["audit", &input]);
        command.env("COLUMNS", columns.to_string());
        let shown = piped(command);
        assert_fits(&shown, columns.max(40));
    }
}

/// The summary stays a summary at any size: 30 findings and 25 people at most, with a count
/// of the rest, so 18,000 people read in a few hundred lines.
#[test]
fn long_lists_are_capped_with_a_count_of_the_rest() {
    let env = TestEnv::new();
    let mut lines = Vec::new();
    for people in [13, 18_000] {
        let input = generated_org(&env, people, 6);
        let mut command = rolecall(&env.path(""), &["audit", &input.to_string_lossy()]);
        command.env("COLUMNS", "80");
        let shown = piped(command);
        assert_fits(&shown, 80);
        lines.push(shown.lines().count());
        if people > 25 {
            let rest = people - 25;
            assert!(
                shown.contains(&format!(
                    "… and {} more people",
                    rolecall::text::thousands(rest)
                )),
                "{shown}"
            );
            assert!(shown.contains("more findings"), "{shown}");
        }
    }
    assert!(lines[1] < 600, "18,000 people: {} lines", lines[1]);
}
