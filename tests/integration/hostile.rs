//! Hostile input, rounds two and three: inputs shaped to make one rule or reader blow up in
//! time or memory, generated here because they are large. Each is held to the bad-input
//! promises (one line and exit 2, or a report; within 10 seconds and 1 GiB, rolecall and its
//! child).

use crate::bad_input::{check, succeeds_within_bounds, Error, Report};
use crate::util::TestEnv;
use crate::workbooks::Sheet;

/// 4,000 people with no team column, all doing much the same work: every pair of them
/// qualifies for similar-work, and weighing all 8 million pairs took 14 s and 1.9 GB.
#[test]
fn similar_work_stays_near_linear_in_people() {
    let env = TestEnv::new();
    let tasks = [
        "Own the product roadmap",
        "Run user interviews",
        "Track cross-team dependencies",
        "Write the release plan",
    ];
    let mut csv = String::from("Name,Title,Task\n");
    for person in 0..4_000 {
        for k in 0..3 {
            let task = tasks[(person + k) % tasks.len()];
            csv.push_str(&format!("Person {person},Product Manager,{task}\n"));
        }
    }
    let path = env.write("four-thousand.csv", csv);
    check(&env, &path, &Report, &[]);
}

/// A RACI chart 16,383 parties wide, everyone marked on every task.
#[test]
fn a_chart_sixteen_thousand_parties_wide_is_read() {
    let env = TestEnv::new();
    let parties = 16_383;
    let mut header = vec!["Task".to_string()];
    header.extend((0..parties).map(|p| format!("P{p}")));
    let mut rows = vec![header];
    for task in [
        "Own the product roadmap",
        "Run user interviews",
        "Track dependencies",
    ] {
        let mut row = vec![task.to_string()];
        row.extend((0..parties).map(|p| if p % 2 == 0 { "R" } else { "A" }.to_string()));
        rows.push(row);
    }
    let path = env.workbook(
        "wide-chart.xlsx",
        &[Sheet {
            name: "RACI",
            rows,
            merges: Vec::new(),
        }],
    );
    check(&env, &path, &Report, &[]);
}

/// A few cells that list thousands of tasks beside thousands of names fan out into millions
/// of tasks; the cap stops them while the cells are split, naming the cell and the flag.
#[test]
fn task_fan_out_is_capped_while_cells_are_split() {
    let env = TestEnv::new();
    let names: Vec<String> = (0..3_000).map(|i| format!("P{i}")).collect();
    let tasks = vec!["x"; 3_000].join(";");
    let mut csv = String::from("Name,Task\n");
    for _ in 0..3 {
        csv.push_str(&format!("\"{}\",\"{tasks}\"\n", names.join(";")));
    }
    let path = env.write("fan-out.csv", csv);
    check(
        &env,
        &path,
        &Error("fan-out.csv, cell B2: the cells split into more tasks (a task for each person named on each line), over the cap of 2000000 tasks; raise it with --max-tasks"),
        &[],
    );

    // One shared string of 16,000 tasks in 250 cells: 4 million tasks from a 6 KB file.
    let cell = vec!["x"; 16_000].join(";");
    let mut rows = vec![vec!["Name".to_string(), "Task".to_string()]];
    rows.extend((0..250).map(|i| vec![format!("P{i}"), cell.clone()]));
    let path = env.workbook(
        "fan-out.xlsx",
        &[Sheet {
            name: "Team",
            rows,
            merges: Vec::new(),
        }],
    );
    check(
        &env,
        &path,
        &Error("over the cap of 2000000 tasks; raise it with --max-tasks"),
        &[],
    );
    // Raised, the cap is the only thing in the way of a small file.
    let small = env.write("small.csv", "Name,Task\nAna,a;b;c\nBo,d;e\n");
    check(
        &env,
        &small,
        &Error("small.csv, cell B3: the cells split into more tasks"),
        &["--max-tasks", "4"],
    );
    check(&env, &small, &Report, &["--max-tasks", "5"]);
}

/// Sheets read together count against one cap.
#[test]
fn the_task_cap_counts_every_sheet_read() {
    let env = TestEnv::new();
    let sheet = |name| Sheet {
        name,
        rows: vec![
            vec!["Name".to_string(), "Task".to_string()],
            vec!["Ana".to_string(), "Write the roadmap".to_string()],
            vec!["Bo".to_string(), "Run the beta".to_string()],
            vec!["Cy".to_string(), "Ship it".to_string()],
        ],
        merges: Vec::new(),
    };
    let path = env.workbook("two.xlsx", &[sheet("One"), sheet("Two")]);
    check(&env, &path, &Report, &["--all-sheets", "--max-tasks", "6"]);
    check(
        &env,
        &path,
        &Error("sheet \"Two\""),
        &["--all-sheets", "--max-tasks", "5"],
    );
}

/// Flags past what can be honoured are refused in one line, never a panic or an abort.
#[test]
fn flags_past_what_can_be_honoured_are_refused_in_one_line() {
    let env = TestEnv::new();
    let sample = crate::util::repo_root().join("samples/launch-raci.xlsx");
    let sample = sample.to_str().unwrap_or_default();
    env.run(["audit", sample, "--read-timeout", "18446744073709551615"])
        .fails_with("--read-timeout is at most 86400 (a day)");
    env.run(["audit", sample, "--max-memory-mb", "1"])
        .fails_with("--max-memory-mb must be at least 16");
    env.run(["audit", sample, "--max-memory-mb", "16", "--format", "json"])
        .success();
    env.run(["audit", sample, "--max-tasks", "0"])
        .fails_with("--max-tasks must be at least 1");
    // More matches asked for than there are: all of them, at once.
    let run = env.run([
        "explain",
        "Own the product roadmap",
        "--top",
        "1000000000000",
        "--format",
        "json",
    ]);
    run.success();
    let shown = crate::util::json(&run.stdout);
    let matches = shown["matches"].as_array().map_or(0, Vec::len);
    assert!(matches > 5, "{}", run.stdout);
}

/// Output paths that are not regular files: a device or a pipe is written to, never
/// replaced by a file; a link stays a link; a folder and a closed stdout are refused.
#[cfg(unix)]
#[test]
fn outputs_that_are_not_files_are_written_to_or_refused() {
    use std::os::unix::fs::{symlink, FileTypeExt};
    let env = TestEnv::new();
    let sample = crate::util::repo_root().join("samples/launch-raci.xlsx");
    let sample = sample.to_str().unwrap_or_default();
    let json_to = |target: &str| env.run(["audit", sample, "--format", "json", "-o", target]);
    let is_link = |name: &str| {
        std::fs::symlink_metadata(env.path(name)).is_ok_and(|m| m.file_type().is_symlink())
    };

    symlink("/dev/null", env.path("null-link")).unwrap_or_else(|e| panic!("{e}"));
    json_to("null-link").success();
    assert!(is_link("null-link"), "the link to /dev/null was replaced");
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device()));

    if std::path::Path::new("/dev/full").exists() {
        symlink("/dev/full", env.path("full-link")).unwrap_or_else(|e| panic!("{e}"));
        json_to("full-link").fails_with("full-link: cannot write report");
        assert!(is_link("full-link"), "the link to /dev/full was replaced");
    }

    std::fs::write(env.path("real.json"), "old").unwrap_or_else(|e| panic!("{e}"));
    symlink("real.json", env.path("link.json")).unwrap_or_else(|e| panic!("{e}"));
    json_to("link.json").success();
    assert!(
        is_link("link.json"),
        "a link to a report was replaced by a file"
    );
    let written = std::fs::read_to_string(env.path("real.json")).unwrap_or_default();
    assert!(written.contains("schema_version"), "{written}");

    std::fs::create_dir(env.path("folder")).unwrap_or_else(|e| panic!("{e}"));
    json_to("folder").fails_with("folder: is a folder");

    // A FIFO with a reader: the reader gets the whole report.
    let fifo = env.path("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
        };
        json_to("pipe").success();
        let got = reader.join().unwrap_or_default();
        assert!(
            crate::util::json(&got)["tasks"]
                .as_array()
                .is_some_and(|t| !t.is_empty()),
            "the FIFO's reader got {} bytes",
            got.len()
        );
        assert!(std::fs::metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo()));
    }

    // /proc/self/fd/1 is standard output itself.
    if std::path::Path::new("/proc/self/fd/1").exists() {
        let run = json_to("/proc/self/fd/1");
        run.success();
        assert!(run.stdout.contains("schema_version"), "{}", run.stdout);
    }

    // A closed standard output is an error, not a silent success; -o still works.
    let closed = |extra: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" audit \"$1\" {extra} >&-"))
            .arg(env!("CARGO_BIN_EXE_rolecall"))
            .arg(sample)
            .current_dir(env.path(""))
            .output()
            .unwrap_or_else(|e| panic!("sh: {e}"))
    };
    let output = closed("");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("standard output is closed"), "{stderr}");
    let output = closed("--format json -o closed.json");
    assert_eq!(output.status.code(), Some(0));
    assert!(env.path("closed.json").exists());
}

/// A rubric path that is no regular file, or a file past the size cap, is refused at once;
/// a large valid rubric loads in linear time.
#[test]
fn rubric_paths_are_regular_files_within_a_cap() {
    let env = TestEnv::new();
    env.run(["rubrics", "check", "/dev/zero"])
        .fails_with("/dev/zero: is not a regular file");
    let sample = crate::util::repo_root().join("samples/launch-raci.xlsx");
    let sample = sample.to_str().unwrap_or_default();
    env.run(["audit", sample, "--rubric", "/dev/zero"])
        .fails_with("/dev/zero: is not a regular file");
    let fifo = env.path("rubric.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        env.run(["rubrics", "check", "rubric.toml"])
            .fails_with("rubric.toml: is not a regular file");
    }

    let responsibility = |i: usize| {
        format!(
            "[[responsibility]]\nid = \"r{i}\"\ntitle = \"T {i}\"\ndescription = \"d\"\n\
             terms = [\"alpha{i}\"]\nexamples = [\"alpha{i}\"]\ncore = false\nsource = \"t\"\n"
        )
    };
    let rubric = |count: usize| {
        let mut text = String::from(
            "[role]\nid = \"big\"\nname = \"Big\"\naliases = [\"Big\"]\nsummary = \"s\"\n",
        );
        for i in 0..count {
            text.push_str(&responsibility(i));
        }
        text
    };
    env.write("huge.toml", rubric(70_000));
    env.run(["rubrics", "check", "huge.toml"])
        .fails_with("huge.toml: the rubric file is larger than 8 MB");
    // 20,000 responsibilities, each id's line found by search, not by counting from the top.
    let mut large = rubric(20_000);
    large.push_str(&responsibility(7));
    env.write("large.toml", large);
    let started = std::time::Instant::now();
    env.run(["rubrics", "check", "large.toml"]).fails_with(
        "large.toml: line 160007: duplicate id \"r7\" (first defined in large.toml, line 63)",
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    // 20,000 responsibilities that load would each be a class of the model: refused before
    // training, which would have run for minutes, in one line.
    env.write("many.toml", rubric(20_000));
    env.run(["audit", sample, "--rubric", "many.toml"])
        .fails_with("many.toml: the rubrics are too large to train a model on: 20000 responsibilities and areas over 100000 words of text");
}

/// Rubrics shaped against the matcher: 200,000 terms sharing their first word, and terms of
/// 300 words matched against tasks of 4,000 words. Each trains and matches within the
/// bad-input bounds.
#[test]
fn rubrics_shaped_against_the_matcher_stay_within_bounds() {
    let env = TestEnv::new();
    let role = "[role]\nid = \"big\"\nname = \"Big\"\naliases = [\"Big\"]\nsummary = \"s\"\n";
    let responsibility = |i: usize, terms: &[String]| {
        let terms: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
        format!(
            "[[responsibility]]\nid = \"r{i}\"\ntitle = \"T {i}\"\ndescription = \"d\"\n\
             terms = [{}]\nexamples = [\"plan it\"]\ncore = false\nsource = \"t\"\n",
            terms.join(", ")
        )
    };
    let team = env.write(
        "team.csv",
        "Name,Task\nAna,plan word17 and word4\nBo,plan the word99 review\n",
    );
    let mut shared = role.to_string();
    for i in 0..4 {
        let terms: Vec<String> = (0..50_000)
            .map(|t| format!("plan word{}", t * 4 + i))
            .collect();
        shared.push_str(&responsibility(i, &terms));
    }
    let shared = env.write("shared.toml", shared);
    check(&env, &team, &Report, &["--rubric", path_text(&shared)]);

    let words = |from: usize, count: usize| {
        (from..from + count)
            .map(|w| format!("w{}", w % 5_000))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut long = role.to_string();
    for i in 0..10 {
        let terms: Vec<String> = (0..2).map(|t| words(i * 600 + t * 300, 300)).collect();
        long.push_str(&responsibility(i, &terms));
    }
    let long = env.write("long.toml", long);
    let mut tasks = String::from("Name,Task\n");
    for person in 0..200 {
        tasks.push_str(&format!("P{person},{}\n", words(person * 13, 4_000)));
    }
    let long_tasks = env.write("long-tasks.csv", tasks);
    check(&env, &long_tasks, &Report, &["--rubric", path_text(&long)]);
}

fn path_text(path: &std::path::Path) -> &str {
    path.to_str().unwrap_or_default()
}

/// Invisible characters in a cell reach neither the terminal, nor Markdown, nor an error
/// line raw: each shows as an escape.
#[test]
fn invisible_characters_show_as_escapes_everywhere_people_read() {
    let env = TestEnv::new();
    let hidden = [
        '\u{E0041}',
        '\u{2062}',
        '\u{00AD}',
        '\u{180E}',
        '\u{3164}',
        '\u{FFF9}',
        '\u{034F}',
        '\u{FE0F}',
    ];
    let name: String = std::iter::once("Ana".to_string())
        .chain(hidden.iter().map(|c| c.to_string()))
        .chain(std::iter::once("Lee".to_string()))
        .collect();
    env.write(
        "team.csv",
        format!("Name,Title,Task\n{name},Product Manager,Own the product roadmap\n"),
    );
    for format in ["text", "md"] {
        let run = env.run(["audit", "team.csv", "--format", format]);
        run.success();
        for c in hidden {
            assert!(
                !run.stdout.contains(c),
                "{format}: U+{:04X} raw",
                u32::from(c)
            );
            let escape = format!("\\u{{{:04x}}}", u32::from(c));
            assert!(run.stdout.contains(&escape), "{format}: no {escape}");
        }
    }
    // An error quoting the user's text shows it escaped too.
    let run = env.run(["audit", "team.csv", "--person-column", &format!("X{name}")]);
    run.fails_with("no column");
    assert!(run.stderr.contains(r"\u{e0041}"), "{}", run.stderr);
    assert!(
        hidden.iter().all(|&c| !run.stderr.contains(c)),
        "{}",
        run.stderr
    );
}

/// One person written two ways, composed and decomposed, or with a character that renders
/// as nothing, is one person; letters that only look alike are not.
#[test]
fn one_name_written_two_ways_is_one_person() {
    let env = TestEnv::new();
    let composed = "Jos\u{e9} N\u{fa}\u{f1}ez";
    let decomposed = "Jose\u{301} Nu\u{301}n\u{303}ez";
    let with_hidden = "Jos\u{e9}\u{200b} N\u{fa}\u{f1}ez";
    let lookalike = "J\u{43e}s\u{e9} N\u{fa}\u{f1}ez"; // a Cyrillic o
    env.write(
        "team.csv",
        format!(
            "Name,Title,Task\n{composed},Product Manager,Own the product roadmap\n\
             {decomposed},Product Manager,Run user interviews\n\
             {with_hidden},Product Manager,Write the launch brief\n\
             {lookalike},Program Manager,Track cross-team dependencies\n"
        ),
    );
    let run = env.run(["audit", "team.csv", "--format", "json"]);
    run.success();
    let report = crate::util::json(&run.stdout);
    let people: Vec<(&str, u64)> = report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or(""),
                p["tasks"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(people.len(), 2, "{people:?}");
    assert!(people.contains(&(composed, 3)), "{people:?}");
    assert!(people.contains(&(lookalike, 1)), "{people:?}");
    let warnings: Vec<&str> = report["input"]["sheets"][0]["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("team.csv, row 5"), "{warnings:?}");
    assert!(warnings[0].contains("looks like"), "{warnings:?}");
}

fn sheet_notes(report: &serde_json::Value) -> (Vec<String>, Vec<(u64, String)>) {
    let sheet = &report["input"]["sheets"][0];
    let warnings = sheet["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["message"].as_str().map(str::to_string))
        .collect();
    let skipped = sheet["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["row"].as_u64().unwrap_or(0),
                s["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (warnings, skipped)
}

/// Misreadings that were silent: a quote left open swallowing the rows after it, and a
/// second header (byte order mark and all) where two exports were joined.
#[test]
fn silent_misreadings_are_said_aloud() {
    let env = TestEnv::new();
    env.write(
        "open-quote.tsv",
        "Name\tTitle\tTask\nAna\tPM\t\"Own the roadmap\nBo\tTPM\tTrack deps\nCy\tPgM\tRun status\n",
    );
    let run = env.run(["audit", "open-quote.tsv", "--format", "json"]);
    run.success();
    let (warnings, _) = sheet_notes(&crate::util::json(&run.stdout));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("open-quote.tsv, cell C2")
                && w.contains("a quote left open may have swallowed the rows after it")),
        "{warnings:?}"
    );
    // Commas inside ordinary multi-task cells are no such sign.
    env.write(
        "tasks.csv",
        "Name,Title,Task\nAna,PM,\"Roadmap, pricing\nLaunch, beta\"\n",
    );
    let run = env.run(["audit", "tasks.csv", "--format", "json"]);
    run.success();
    assert!(sheet_notes(&crate::util::json(&run.stdout)).0.is_empty());

    env.write(
        "joined.csv",
        "Name,Title,Task\nAna,PM,Own the roadmap\n\u{feff}Name,Title,Task\nBo,TPM,Track deps\n",
    );
    let run = env.run(["audit", "joined.csv", "--format", "json"]);
    run.success();
    let report = crate::util::json(&run.stdout);
    let people: Vec<&str> = report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(people, ["Ana", "Bo"]);
    assert!(sheet_notes(&report)
        .1
        .contains(&(3, "repeated-header".to_string())));
}

/// Writes `parts` to a file in `env`, each part `times` times, without holding the file: the
/// inputs below are up to a gigabyte.
fn write_repeated(env: &TestEnv, name: &str, parts: &[(&[u8], usize)]) -> std::path::PathBuf {
    use std::io::Write;
    let path = env.path(name);
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
    for (part, times) in parts {
        for _ in 0..*times {
            file.write_all(part).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    file.flush().unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A gigabyte on one line, nearly all of it blank cells: read a field at a time, it costs
/// what its few non-blank cells cost (held as one record, it cost 2 GB).
#[test]
fn a_gigabyte_on_one_line_costs_only_its_cells() {
    let env = TestEnv::new();
    let commas = vec![b','; 1 << 20];
    let path = write_repeated(
        &env,
        "sparse.csv",
        &[
            (b"Name,Title,Task\nAna,Product Manager,Own the roadmap", 1),
            (&commas, 1024),
            (b"\nBo,Program Manager,Track dependencies\n", 1),
        ],
    );
    check(&env, &path, &Report, &["--max-input-mb", "2048"]);
    // Past the input cap, it is refused by its size before a byte of it is read.
    check(
        &env,
        &path,
        &Error("sparse.csv: the file is 1073741914 bytes, over the cap of 256 MB of input"),
        &[],
    );
}

/// 250 MB on one line in Windows-1252 (every byte one accented letter): decoded as it
/// streams, the cell is refused at the length cap with its length counted, not kept
/// (decoding it whole cost 1.5 GB).
#[test]
fn a_long_windows_1252_line_is_decoded_as_it_streams() {
    let env = TestEnv::new();
    let accents = vec![0xE9; 1 << 20];
    let path = write_repeated(
        &env,
        "accents.csv",
        &[(b"Name,Task\nAna,", 1), (&accents, 250), (b"\n", 1)],
    );
    check(
        &env,
        &path,
        &Error("accents.csv, cell B2: a cell holds 262144000 characters, over the cap of 32767 characters a cell"),
        &[],
    );
}

/// Twenty million one-letter cells on one line: the cell cap stops the record where it is
/// passed, not after the line is read.
#[test]
fn the_cell_cap_stops_a_record_where_it_is_passed() {
    let env = TestEnv::new();
    let cells = b"x,".repeat(1 << 19);
    let path = write_repeated(&env, "cells.csv", &[(b"Name,Task\n", 1), (&cells, 20)]);
    check(
        &env,
        &path,
        &Error(
            "the input has more cells, over the cap of 10000000 cells; raise it with --max-cells",
        ),
        &[],
    );
}

/// A RACI chart of a million marks, 1,000 tasks by 1,000 people: detection reads each
/// cell once, not once per header candidate and orientation (it took 19 s). The audit's
/// JSON report of a million assignments is 2.7 GB, so detection is what is timed here.
#[test]
fn a_million_marks_are_read_in_about_linear_time() {
    let env = TestEnv::new();
    let marks = ["R", "A", "C", "I"];
    let mut csv = String::from("Task");
    for person in 0..1_000 {
        csv.push_str(&format!(",Person {person}"));
    }
    csv.push('\n');
    for task in 0..1_000 {
        csv.push_str(&format!("Task number {task}"));
        for person in 0..1_000 {
            csv.push(',');
            csv.push_str(marks[(task + person) % marks.len()]);
        }
        csv.push('\n');
    }
    let path = env.write("million-marks.csv", csv);
    let layout = succeeds_within_bounds(&env, &["inspect".into(), path.into(), "--json".into()]);
    let layout = crate::util::json(&layout);
    assert_eq!(layout["sheets"][0]["layout"], "matrix", "{layout}");
    assert_eq!(
        layout["sheets"][0]["parties"].as_array().map(Vec::len),
        Some(1_000)
    );
}

/// The config file's lookups, at sizes the file cap allows: 100,000 excluded names and
/// 40,000 title mappings against a 40,000-row sheet. Every row was compared with every
/// name (minutes) and every title with every mapping (13 s); both are now set and map
/// lookups, with the same folding of case and surrounding space.
#[test]
fn config_exclusions_and_title_mappings_are_looked_up_not_searched() {
    let env = TestEnv::new();
    let mut csv = String::from("Name,Title,Task\n");
    for i in 0..40_000 {
        csv.push_str(&format!("Person {i},Title {i},Own the product roadmap\n"));
    }
    let sheet = env.write("forty-thousand.csv", csv);
    let audit = |config: &std::path::Path| {
        let out = env.path("out.json");
        let args: Vec<std::ffi::OsString> = vec![
            "audit".into(),
            sheet.clone().into(),
            "--config".into(),
            config.into(),
            "--format".into(),
            "json".into(),
            "-o".into(),
            out.clone().into(),
        ];
        succeeds_within_bounds(&env, &args);
        crate::util::json(&std::fs::read_to_string(out).unwrap_or_default())
    };

    // Every odd person, named in other case and spacing, among 80,000 names of no one.
    let mut names: Vec<String> = (1..40_000)
        .step_by(2)
        .map(|i| format!(" PERSON {i}"))
        .collect();
    names.extend((0..80_000).map(|i| format!("N{i}")));
    let list = names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>();
    let config = env.write(
        "exclude.toml",
        format!("[exclude]\npeople = [{}]\n", list.join(",")),
    );
    let report = audit(&config);
    assert_eq!(report["scope"]["excluded_people"], 20_000);
    assert_eq!(report["summary"]["people"], 20_000);

    // Every title mapped, in capitals: the even ones to PM, the odd ones to no role.
    let mut titles = String::from("[titles]\n");
    for i in 0..40_000 {
        let role = if i % 2 == 0 { "pm" } else { "none" };
        titles.push_str(&format!("\"TITLE {i}\" = \"{role}\"\n"));
    }
    let config = env.write("titles.toml", titles);
    let report = audit(&config);
    let people = report["people"].as_array().cloned().unwrap_or_default();
    assert_eq!(people.len(), 40_000);
    for person in &people {
        let even = person["title"]
            .as_str()
            .and_then(|t| t.trim_start_matches("Title ").parse::<u32>().ok())
            .is_some_and(|i| i % 2 == 0);
        let role = if even { "product-manager" } else { "" };
        assert_eq!(
            person["title_role"].as_str().unwrap_or(""),
            role,
            "{person}"
        );
    }
}

/// A million people of one task each (31 MB): each person costs the audit a record, a place
/// in its rules' tallies and often a finding (it took 1.95 GB and wrote a 5.5 GB report),
/// so the input is refused at the people cap once its sheet is laid out.
#[test]
fn a_million_people_are_refused_at_the_people_cap() {
    use std::fmt::Write;
    let env = TestEnv::new();
    let tasks = [
        "Own the roadmap",
        "Run interviews",
        "Track risks",
        "Plan a release",
    ];
    let mut csv = String::with_capacity(32 << 20);
    csv.push_str("Name,Title,Task\n");
    for i in 0..1_000_000 {
        let _ = writeln!(csv, "P{i},PM,{}", tasks[i % tasks.len()]);
    }
    let path = env.write("million-people.csv", csv);
    check(
        &env,
        &path,
        &Error("million-people.csv: the input names 1000000 people, over the cap of 250000 people; raise it with --max-people"),
        &[],
    );
    // The cap counts people, not rows or tasks, and raised it is the only thing in the way.
    let small = env.write("three.csv", "Name,Task\nAna,a;b\nBo,c\nAna ,d\nCy,e\n");
    check(
        &env,
        &small,
        &Error("three.csv: the input names 3 people, over the cap of 2 people"),
        &["--max-people", "2"],
    );
    check(&env, &small, &Report, &["--max-people", "3"]);
}

/// 4,000 tasks of 30,000 characters (120 MB) of the rubrics' own words in random order, so
/// that each task lights thousands of the model's features: the language check stemmed
/// every word of every line, a verdict grouped its features into terms by searching the
/// terms before each, and the findings quoted each line whole (13 s of CPU and a 259 MB
/// report).
#[test]
fn long_tasks_in_the_rubrics_words_are_matched_in_linear_time() {
    let env = TestEnv::new();
    let mut words: Vec<String> = Vec::new();
    for file in [
        "product-manager",
        "program-manager",
        "technical-program-manager",
        "other-work",
    ] {
        let path = crate::util::repo_root().join(format!("rubrics/{file}.toml"));
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        words.extend(
            text.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2)
                .map(str::to_lowercase),
        );
    }
    words.sort();
    words.dedup();
    assert!(words.len() > 1_000, "{}", words.len());
    let mut csv = String::with_capacity(121 << 20);
    csv.push_str("Name,Title,Task\n");
    let mut state: u64 = 2026;
    for person in 0..4_000 {
        csv.push_str(&format!("Person {person},PM,"));
        let start = csv.len();
        while csv.len() - start < 30_000 {
            // Knuth's MMIX generator: the same words in another order in every task.
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            csv.push_str(&words[(state >> 33) as usize % words.len()]);
            csv.push(' ');
        }
        csv.truncate(start + 30_000);
        csv.push('\n');
    }
    let path = env.write("long-tasks.csv", csv);
    check(&env, &path, &Report, &[]);
}
