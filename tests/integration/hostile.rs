//! Hostile input, round two: inputs shaped to make one rule or reader blow up in time or
//! memory, generated here because they are large. Each is held to the bad-input promises
//! (one line and exit 2, or a report; within 10 seconds and 1 GiB, rolecall and its child).

use crate::bad_input::{check, Report};
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
