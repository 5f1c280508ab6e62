//! The test-team generator (`crates/synthetic`) as rolecall reads it: its sheets are what the
//! other tests and the benchmarks audit, so they must read as they were written. The
//! generator's own promises (seeds, counts, unique names) are tested in its crate.

use rolecall::input::{InputPath, Isolation, Limits};
use rolecall::layout::{split_tasks, LayoutOptions};
use rolecall::progress::Progress;
use rolecall::settings::{ReadOptions, SheetChoice};
use rolecall_synthetic::{rows, write_csv, TeamSpec};

use crate::util::TestEnv;

/// The sheet reads through rolecall's own column detection, every row one assignment.
#[test]
fn a_generated_sheet_reads_through_the_layout_row_for_row() {
    let env = TestEnv::new();
    let spec = TeamSpec {
        people: 30,
        tasks_per_person: 4,
        seed: 7,
    };
    let path = env.path("team.csv");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    write_csv(spec, file).unwrap_or_else(|e| panic!("{e}"));
    let team = rolecall::read(&ReadOptions {
        input: InputPath::File(path),
        sheets: SheetChoice::First,
        layout: LayoutOptions::default(),
        limits: Limits::default(),
        isolation: Isolation::InProcess,
        progress: Progress::Hidden,
        strict_reading: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(team.assignments.len(), 120);
    for (assignment, row) in team.assignments.iter().zip(rows(spec)) {
        assert_eq!(*assignment.person, *row.name);
        assert_eq!(assignment.title.as_deref(), Some(row.title));
        assert_eq!(assignment.team.as_deref(), Some(row.team.as_str()));
        assert_eq!(assignment.task, row.task);
        assert_eq!(assignment.effort, Some(row.hours));
    }
}

/// One row, one task: no generated task holds anything the layout would split a cell at.
#[test]
fn a_generated_task_is_one_task_to_the_layout() {
    let spec = TeamSpec {
        people: 1_000,
        tasks_per_person: 10,
        seed: 7,
    };
    for row in rows(spec) {
        assert_eq!(split_tasks(&row.task), [row.task.as_str()]);
    }
}

fn planted_team(people: usize) -> rolecall_synthetic::Planted {
    rolecall_synthetic::planted(TeamSpec {
        people,
        tasks_per_person: 5,
        seed: 7,
    })
}

/// The generator's copy of the rubrics (it must not depend on rolecall) is the rubrics: the
/// same responsibilities, of the same roles, core alike; and the same mapping of its titles
/// to roles. A planted truth that names what rolecall does not know could never be matched.
#[test]
fn a_planted_truth_names_the_rubrics_and_titles_as_rolecall_does() {
    let rubric = rolecall::Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let truth = planted_team(20).truth;
    let ours: Vec<(&str, &str, bool)> = truth
        .responsibilities
        .iter()
        .map(|r| (r.id, r.role, r.core))
        .collect();
    let theirs: Vec<(&str, &str, bool)> = rubric
        .responsibilities
        .iter()
        .map(|r| (r.id.as_str(), r.role.as_str(), r.core))
        .collect();
    assert_eq!(ours, theirs);
    let titles = rubric.titles();
    for (title, role) in rolecall_synthetic::title_roles() {
        let mapped = titles.kind(title).role().map(|r| r.id.as_str());
        assert_eq!(mapped, role, "{title}");
    }
    let kinds: Vec<&str> = rolecall::FindingKind::ALL
        .iter()
        .map(|k| k.name())
        .collect();
    for kind in rolecall_synthetic::ExpectedKind::ALL {
        assert!(kinds.contains(&kind.name()), "{}", kind.name());
    }
    assert_eq!(
        rolecall_synthetic::SIMILAR_WORK_JACCARD,
        rolecall::AuditSettings::default().similar_work_jaccard
    );
}

/// Noise and all, a planted line is one task to the layout.
#[test]
fn a_planted_task_is_one_task_to_the_layout() {
    for row in planted_team(1_000).rows {
        assert_eq!(split_tasks(&row.task), [row.task.as_str()]);
    }
}
