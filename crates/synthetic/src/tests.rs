//! The generator's promises that need nothing of rolecall: the same seed gives the same rows,
//! the counts add up, names are unique, tasks vary. That rolecall reads its sheets as meant
//! is tested on rolecall's side (tests/integration/synthetic.rs).

use std::collections::HashSet;

use super::*;

fn spec(people: usize, tasks_per_person: usize) -> TeamSpec {
    TeamSpec {
        people,
        tasks_per_person,
        seed: 7,
    }
}

#[test]
fn same_seed_same_rows_other_seed_other_rows() {
    let a: Vec<Row> = rows(spec(50, 4)).collect();
    let b: Vec<Row> = rows(spec(50, 4)).collect();
    assert_eq!(a, b);
    let c: Vec<Row> = rows(TeamSpec {
        seed: 8,
        ..spec(50, 4)
    })
    .collect();
    assert_ne!(a, c);
}

#[test]
fn rows_are_people_times_tasks() {
    for (people, tasks) in [(0, 5), (5, 0), (1, 1), (15, 5), (333, 3)] {
        let iter = rows(spec(people, tasks));
        assert_eq!(iter.len(), people * tasks);
        let all: Vec<Row> = iter.collect();
        assert_eq!(all.len(), people * tasks);
        let names: HashSet<&str> = all.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), if tasks == 0 { 0 } else { people });
    }
}

/// Names must be unique, and so must the slugs findings build their ids from.
#[test]
fn names_are_unique_and_mix_scripts() {
    for people in [1_000, 12_000] {
        let names = Names::new(&mut SplitMix64::new(people as u64));
        let all: Vec<String> = (0..people).map(|i| names.name(i)).collect();
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), people);
        let slugs: HashSet<String> = all
            .iter()
            .map(|n| {
                n.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect();
        assert_eq!(slugs.len(), people);
    }
    let names: Vec<String> = rows(spec(1_000, 1)).map(|r| r.name).collect();
    let has = |f: fn(char) -> bool| names.iter().any(|n| n.chars().any(f));
    assert!(has(|c| "øëłíéüçåö".contains(c)), "Latin with diacritics");
    assert!(has(|c| ('\u{0370}'..='\u{03FF}').contains(&c)), "Greek");
    assert!(has(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "Cyrillic");
    assert!(has(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "CJK");
    assert!(has(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)), "Hangul");
    assert!(names.iter().any(|n| n.is_ascii()), "plain English");
}

#[test]
fn tasks_are_varied_filled_in_and_sometimes_long() {
    let all: Vec<Row> = rows(spec(1_000, 10)).collect();
    let distinct: HashSet<&str> = all.iter().map(|r| r.task.as_str()).collect();
    assert!(distinct.len() > 3_000, "{} distinct tasks", distinct.len());
    assert!(all.iter().all(|r| !r.task.contains(['{', '}'])));
    let long = all
        .iter()
        .filter(|r| r.task.split_whitespace().count() >= 20)
        .count();
    assert!(long > 100 && long < 2_000, "{long} long tasks");
    assert!(all.iter().all(|r| (1.0..=12.0).contains(&r.hours)));
    let teams: HashSet<&str> = all.iter().map(|r| r.team.as_str()).collect();
    assert_eq!(teams.len(), 40);
    let small: HashSet<String> = rows(spec(15, 5)).map(|r| r.team).collect();
    assert_eq!(small.len(), 8);
}

#[test]
fn a_large_organisation_has_teams_of_about_twenty_five() {
    let teams: HashSet<String> = rows(spec(2_500, 1)).map(|r| r.team).collect();
    assert_eq!(teams.len(), 100);
    assert!(teams.contains("Payments") && teams.contains("Payments 2"));
    assert!(!teams.iter().any(|t| t.ends_with(" 4")));
}

#[test]
fn csv_has_the_header_and_parses_back() {
    let mut bytes = Vec::new();
    write_csv(spec(20, 3), &mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["Name", "Job Title", "Team", "Task", "Hours / week"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 60);
    for (record, row) in records.iter().zip(rows(spec(20, 3))) {
        assert_eq!(&record[0], row.name);
        assert_eq!(&record[3], row.task);
        assert_eq!(record[4].parse::<f64>().unwrap(), row.hours);
    }
}
