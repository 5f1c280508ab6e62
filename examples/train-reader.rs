//! Trains the learned column reader on the written readings of the real-world corpus and
//! measures it leaving one file out: a file's columns are only ever judged by a forest that
//! never saw that file.
//!
//! ```sh
//! cargo run --release --example train-reader            # measure only
//! cargo run --release --example train-reader -- --write # and write the shipped forest
//! ```
//!
//! The corpus stays outside the repository (`../shared/realworld`); the readings
//! (`tests/data/readings/`) say, for every file, its header rows and what each column holds.
//! The forest learns from the header row's columns (labelled by the reading) and from a few
//! rows that are not the header (every column "other"), so that it learns where a header is
//! as well as what its columns are; files with no who-does-what table teach it what to
//! refuse.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Deserialize;

use rolecall::input::{
    column_letters, parse_column_letters, InputPath, Isolation, Limits, RawTable, Workbook,
};
use rolecall::layout::learned::{
    self, features, lines, ColumnClass, Example, Forest, Growth, Guess,
};
use rolecall::layout::HEADER_SEARCH_ROWS;

#[derive(Deserialize)]
struct Reading {
    file: String,
    kind: String,
    language: String,
    sheet: String,
    readable: bool,
    header_rows: Vec<u32>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    lines: BTreeMap<String, String>,
}

/// "4-15, 17" as the rows it names.
fn rows(ranges: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in ranges.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
            out.extend(a..=b);
        }
    }
    out
}

/// The kinds of file the column reader is for: one row per task with its owner in a column.
const LIST_KINDS: [&str; 5] = [
    "person-task-list",
    "tracker",
    "wbs-plan",
    "cell-list",
    "weekly-plan",
];

struct File {
    reading: Reading,
    table: RawTable,
    /// (features, class) of every column example the file gives.
    examples: Vec<(Vec<f32>, usize)>,
    /// (row, features, class) of every unowned line with task text: 0 a task, 1 not.
    lines: Vec<(u32, Vec<f32>, usize)>,
}

/// The unowned lines of a file's table, as the line reader sees them, with their class.
fn line_examples(reading: &Reading, table: &RawTable) -> Vec<(u32, Vec<f32>, usize)> {
    let columns_of = |wanted: &[&str]| -> Vec<u32> {
        reading
            .columns
            .iter()
            .filter(|(_, kind)| wanted.contains(&kind.as_str()))
            .filter_map(|(letter, _)| parse_column_letters(letter))
            .collect()
    };
    let (Some(&header), Some(&task)) = (reading.header_rows.last(), columns_of(&["task"]).first())
    else {
        return Vec::new();
    };
    if !reading.readable || reading.kind == "transposed-matrix" || reading.kind == "long-form" {
        return Vec::new();
    }
    let owners = columns_of(&["party", "person"]);
    let tasks = rows(reading.lines.get("task").map_or("", String::as_str));
    let frame = lines::Frame {
        lines: &table.rows,
        merged: &table.merged,
        header,
        task,
        owners: &owners,
    };
    let body = lines::Body::new(&frame);
    table
        .rows
        .iter()
        .filter(|r| r.number > header)
        .filter(|r| {
            !owners
                .iter()
                .any(|&c| r.get(c).is_some_and(|t| !t.trim().is_empty()))
        })
        .filter_map(|r| {
            let f = body.features(r.number)?;
            Some((r.number, f, usize::from(!tasks.contains(&r.number))))
        })
        .collect()
}

fn sheet(path: &Path, name: &str) -> Option<RawTable> {
    let mut workbook = Workbook::open(
        &InputPath::File(path.to_path_buf()),
        &Limits::default(),
        &Isolation::InProcess,
    )
    .ok()?;
    let names = workbook.sheet_names();
    let index = names
        .iter()
        .position(|n| n.as_deref().unwrap_or("") == name)
        .unwrap_or(0);
    workbook.take_sheet(index).ok()
}

fn class_of(reading: &Reading, column: u32) -> ColumnClass {
    reading
        .columns
        .iter()
        .find(|(letter, _)| parse_column_letters(letter) == Some(column))
        .map_or(ColumnClass::Other, |(_, kind)| {
            ColumnClass::of_reading(kind)
        })
}

fn examples(reading: &Reading, table: &RawTable) -> Vec<(Vec<f32>, usize)> {
    let mut out = Vec::new();
    let header = reading.header_rows.last().copied();
    let tabular = reading.readable && reading.kind != "transposed-matrix";
    if let (true, Some(header)) = (tabular, header) {
        for (column, f) in features::columns(table, header) {
            out.push((f, class_of(reading, column).index()));
        }
    }
    // Rows that are not the header: the banner above it, the first rows under it, or the
    // top of a sheet with no table at all.
    let at = header
        .and_then(|h| table.rows.iter().position(|r| r.number == h))
        .unwrap_or(0);
    let others = table
        .rows
        .iter()
        .enumerate()
        .take(HEADER_SEARCH_ROWS)
        .filter(|(i, r)| {
            !reading.header_rows.contains(&r.number) && (!tabular || (*i + 3 >= at && *i <= at + 2))
        })
        .take(5);
    for (_, row) in others {
        for (_, f) in features::columns(table, row.number) {
            out.push((f, ColumnClass::Other.index()));
        }
    }
    out
}

fn load(root: &Path, corpus: &Path) -> Result<Vec<File>, String> {
    let folder = root.join("tests/data/readings");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let reading: Reading =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if reading.file.ends_with(".json") {
            continue;
        }
        let Some(table) = sheet(&corpus.join(&reading.file), &reading.sheet) else {
            continue;
        };
        let examples = examples(&reading, &table);
        let lines = line_examples(&reading, &table);
        files.push(File {
            reading,
            table,
            examples,
            lines,
        });
    }
    Ok(files)
}

fn train(files: &[File], leave_out: Option<usize>) -> Forest {
    let kept = || {
        files
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != leave_out)
            .flat_map(|(_, f)| f.examples.iter())
    };
    let mut per_class = [0usize; ColumnClass::ALL.len()];
    for (_, class) in kept() {
        per_class[*class] += 1;
    }
    let total: usize = per_class.iter().sum();
    let examples: Vec<Example> = kept()
        .map(|(features, class)| Example {
            features,
            class: *class,
            weight: total as f32 / (per_class.len() * per_class[*class].max(1)) as f32,
        })
        .collect();
    Forest::train(&examples, ColumnClass::ALL.len(), Growth::default())
}

fn train_lines(files: &[File], leave_out: Option<usize>) -> Forest {
    let kept = || {
        files
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != leave_out)
            .flat_map(|(_, f)| f.lines.iter())
    };
    let mut per_class = [0usize; 2];
    for (_, _, class) in kept() {
        per_class[*class] += 1;
    }
    let total: usize = per_class.iter().sum();
    let examples: Vec<Example> = kept()
        .map(|(_, features, class)| Example {
            features,
            class: *class,
            weight: total as f32 / (2 * per_class[*class].max(1)) as f32,
        })
        .collect();
    Forest::train(&examples, 2, Growth::default())
}

/// Each unowned line's probability of being no task, by a forest that never saw its file.
fn judge_lines(files: &[File], index: usize) -> Vec<(u32, usize, f32)> {
    if files[index].lines.is_empty() {
        return Vec::new();
    }
    let forest = train_lines(files, Some(index));
    files[index]
        .lines
        .iter()
        .map(|(row, f, class)| (*row, *class, forest.predict(f)[1]))
        .collect()
}

/// How many unowned lines the forest sets apart at each bar, by what they are.
fn print_lines(files: &[File], judged: &[Vec<(u32, usize, f32)>]) {
    println!("\nunowned lines with task text, leaving each file out:");
    for (file, lines) in files.iter().zip(judged) {
        let wrong: Vec<String> = lines
            .iter()
            .filter(|(_, class, p)| (*p >= learned::LINE_BAR) != (*class == 1))
            .map(|(row, class, p)| {
                format!(
                    "{row}{}{p:.2}",
                    if *class == 1 { " not task " } else { " task " }
                )
            })
            .collect();
        if !wrong.is_empty() {
            println!(
                "  {} [{}]: wrong {}",
                file.reading.file,
                file.reading.kind,
                wrong.join(", ")
            );
        }
    }
    for bar in [0.5f32, 0.6, 0.7, 0.8, 0.9] {
        let (mut caught, mut others, mut lost, mut tasks) = (0, 0, 0, 0);
        for (_, class, p) in judged.iter().flatten() {
            if *class == 1 {
                others += 1;
                caught += usize::from(*p >= bar);
            } else {
                tasks += 1;
                lost += usize::from(*p >= bar);
            }
        }
        println!(
            "bar {bar}: non-tasks set apart {caught} of {others}; tasks nobody owns set apart by mistake {lost} of {tasks}"
        );
    }
}

/// Whether a guess is the reading's: its header row, its task column, one of its person columns.
fn is_right(reading: &Reading, guess: &Guess) -> bool {
    reading.header_rows.contains(&guess.header)
        && class_of(reading, guess.task) == ColumnClass::Task
        && class_of(reading, guess.person) == ColumnClass::Person
}

struct Judged {
    file: usize,
    guess: Option<Guess>,
    /// Column classes right at the true header, and columns judged.
    columns_right: usize,
    columns: usize,
}

fn judge(files: &[File], index: usize) -> Judged {
    let forest = train(files, Some(index));
    let file = &files[index];
    let guess = learned::guess(
        &forest,
        &file.table,
        file.table.rows.iter().take(HEADER_SEARCH_ROWS),
    );
    let (mut columns_right, mut columns) = (0, 0);
    if file.reading.readable && file.reading.kind != "transposed-matrix" {
        if let Some(&header) = file.reading.header_rows.last() {
            for (column, f) in features::columns(&file.table, header) {
                let p = forest.predict(&f);
                let best = (0..p.len())
                    .max_by(|a, b| p[*a].total_cmp(&p[*b]))
                    .unwrap_or(0);
                columns += 1;
                columns_right += usize::from(best == class_of(&file.reading, column).index());
            }
        }
    }
    Judged {
        file: index,
        guess,
        columns_right,
        columns,
    }
}

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/realworld");
    let write = std::env::args().any(|a| a == "--write");
    match run(&root, &corpus, write) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-reader: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(root: &Path, corpus: &Path, write: bool) -> Result<(), String> {
    let files = load(root, corpus)?;
    println!(
        "{} files, {} examples",
        files.len(),
        files.iter().map(|f| f.examples.len()).sum::<usize>()
    );
    let judged: Vec<Judged> = (0..files.len())
        .into_par_iter()
        .map(|i| judge(&files, i))
        .collect();
    print_columns(&files, &judged);
    print_lists(&files, &judged);
    let judged_lines: Vec<Vec<(u32, usize, f32)>> = (0..files.len())
        .into_par_iter()
        .map(|i| judge_lines(&files, i))
        .collect();
    print_lines(&files, &judged_lines);
    if write {
        for (name, forest) in [
            ("columns.forest", train(&files, None)),
            ("lines.forest", train_lines(&files, None)),
        ] {
            let path = root.join("src/layout/learned").join(name);
            std::fs::write(&path, forest.to_text())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}

/// Column classes right at the written header, by kind of file and by language.
fn print_columns(files: &[File], judged: &[Judged]) {
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_language: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for j in judged {
        let r = &files[j.file].reading;
        for (table, key) in [(&mut by_kind, &r.kind), (&mut by_language, &r.language)] {
            let e = table.entry(key.clone()).or_default();
            e.0 += j.columns_right;
            e.1 += j.columns;
        }
    }
    println!("\ncolumn classes right at the written header, leaving each file out:");
    for (name, table) in [("kind", &by_kind), ("language", &by_language)] {
        for (key, (right, all)) in table {
            if *all > 0 {
                let share = 100.0 * *right as f64 / *all as f64;
                println!("  {name} {key}: {right} of {all} ({share:.0}%)");
            }
        }
    }
}

/// Each list's header row and task and person columns as the forest that never saw it
/// reads them, and how many are read right and wrong at each bar.
fn print_lists(files: &[File], judged: &[Judged]) {
    println!("\nlists (task and person columns and header row), leaving each file out:");
    for j in judged {
        let r = &files[j.file].reading;
        let list = r.readable && LIST_KINDS.contains(&r.kind.as_str());
        if !list && r.readable {
            continue;
        }
        let said = match &j.guess {
            Some(g) => format!(
                "{} row {} task {} ({:.2}) person {} ({:.2})",
                if list && is_right(r, g) {
                    "right"
                } else {
                    "wrong"
                },
                g.header,
                column_letters(g.task),
                g.task_probability,
                column_letters(g.person),
                g.person_probability
            ),
            None => "no guess".to_string(),
        };
        println!(
            "  {} [{}]: {said}",
            r.file,
            if list { &r.kind } else { "none" }
        );
    }
    for bar in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let (mut right, mut wrong, mut refused_none, mut read_none) = (0, 0, 0, 0);
        for j in judged {
            let r = &files[j.file].reading;
            let sure = j
                .guess
                .as_ref()
                .filter(|g| g.task_probability >= bar && g.person_probability >= bar);
            if !r.readable {
                if sure.is_some() {
                    read_none += 1
                } else {
                    refused_none += 1
                }
            } else if LIST_KINDS.contains(&r.kind.as_str()) {
                match sure {
                    Some(g) if is_right(r, g) => right += 1,
                    Some(_) => wrong += 1,
                    None => {}
                }
            }
        }
        println!(
            "bar {bar}: lists right {right}, wrong {wrong}; files with no table refused {refused_none}, read {read_none}"
        );
    }
}
