//! Hostile input, round two: inputs shaped to make one rule or reader blow up in time or
//! memory, generated here because they are large. Each is held to the bad-input promises
//! (one line and exit 2, or a report; within 10 seconds and 1 GiB, rolecall and its child).

use crate::bad_input::{check, Error, Report};
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
