//! The written readings of the real-world corpus (`tests/data/readings/`, format in its
//! README): each is well formed and says something about every row of its sheet, so that a
//! figure measured against them measures the reader, not a gap in the truth.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use rolecall::input::{parse_column_letters, InputPath, Isolation, Limits, Workbook};

use crate::util::{outside_set_present, repo_root};

const FILE_KINDS: [&str; 11] = [
    "raci-matrix",
    "transposed-matrix",
    "letter-columns",
    "long-form",
    "person-task-list",
    "cell-list",
    "tracker",
    "wbs-plan",
    "weekly-plan",
    "roster",
    "none",
];

const COLUMN_KINDS: [&str; 17] = [
    "task",
    "description",
    "party",
    "person",
    "reporter",
    "account-id",
    "id",
    "group",
    "status",
    "type",
    "priority",
    "effort",
    "date",
    "deliverable",
    "mark",
    "notes",
    "other",
];

const OTHER_SHEET_KINDS: [&str; 6] = ["legend", "notes", "template", "chart", "data", "empty"];

const MEANINGS: [&str; 7] = ["R", "A", "C", "I", "S", "V", "O"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reading {
    pub(crate) file: String,
    pub(crate) kind: String,
    pub(crate) language: String,
    pub(crate) sheet: String,
    pub(crate) readable: bool,
    #[serde(default)]
    pub(crate) reason: String,
    pub(crate) header_rows: Vec<u32>,
    pub(crate) confidence: String,
    #[serde(default)]
    pub(crate) doubt: String,
    #[serde(default)]
    pub(crate) other_sheets: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) columns: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) marks: BTreeMap<String, String>,
    pub(crate) lines: Lines,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lines {
    #[serde(default)]
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) header: String,
    #[serde(default)]
    pub(crate) task: String,
    #[serde(default)]
    pub(crate) heading: String,
    #[serde(default)]
    pub(crate) note: String,
    #[serde(default)]
    pub(crate) legend: String,
    #[serde(default)]
    pub(crate) party: String,
    #[serde(default)]
    pub(crate) repeated_header: String,
    #[serde(default)]
    pub(crate) continuation: String,
    #[serde(default)]
    pub(crate) total: String,
    #[serde(default)]
    pub(crate) other: String,
    #[serde(default)]
    pub(crate) unassigned: String,
}

impl Lines {
    /// Every kind but `unassigned`, which is a subset of `task`.
    pub(crate) fn kinds(&self) -> [(&'static str, &str); 11] {
        [
            ("title", &self.title),
            ("header", &self.header),
            ("task", &self.task),
            ("heading", &self.heading),
            ("note", &self.note),
            ("legend", &self.legend),
            ("party", &self.party),
            ("repeated_header", &self.repeated_header),
            ("continuation", &self.continuation),
            ("total", &self.total),
            ("other", &self.other),
        ]
    }
}

/// "4-15, 17" as the rows it names; an error names what does not parse.
pub(crate) fn rows(ranges: &str) -> Result<BTreeSet<u32>, String> {
    let mut rows = BTreeSet::new();
    for part in ranges.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = |n: &str| {
            n.trim()
                .parse::<u32>()
                .map_err(|_| format!("\"{part}\" is not a row or a range of rows"))
        };
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(part)?, number(part)?),
        };
        if first == 0 || last < first {
            return Err(format!("\"{part}\" is not a range of 1-based rows"));
        }
        rows.extend(first..=last);
    }
    Ok(rows)
}

pub(crate) fn readings() -> Vec<(PathBuf, Reading)> {
    let dir = repo_root().join("tests/data/readings");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let reading: Reading =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, reading)
        })
        .collect()
}

/// What is wrong with a reading on its own, without its sheet.
fn form_problems(path: &Path, r: &Reading) -> Vec<String> {
    let mut problems = Vec::new();
    let mut problem = |message: String| problems.push(message);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if name != format!("{}.toml", r.file) {
        problem(format!("names file {} but is called {name}", r.file));
    }
    if !FILE_KINDS.contains(&r.kind.as_str()) {
        problem(format!("kind \"{}\" is none of {FILE_KINDS:?}", r.kind));
    }
    if !["sure", "likely", "unsure"].contains(&r.confidence.as_str()) {
        problem(format!("confidence \"{}\"", r.confidence));
    }
    if r.confidence == "unsure" && r.doubt.trim().is_empty() {
        problem("unsure, and no doubt said".to_string());
    }
    if r.language.is_empty() {
        problem("no language".to_string());
    }
    if !r.readable && r.reason.trim().is_empty() {
        problem("not readable, and no reason".to_string());
    }
    for (sheet, kind) in &r.other_sheets {
        if !OTHER_SHEET_KINDS.contains(&kind.as_str()) {
            problem(format!("other sheet \"{sheet}\" is \"{kind}\""));
        }
    }
    for (column, kind) in &r.columns {
        // A board's JSON has fields, not columns.
        if !r.file.ends_with(".json") && parse_column_letters(column).is_none() {
            problem(format!("column \"{column}\" is no column letter"));
        }
        if !COLUMN_KINDS.contains(&kind.as_str()) {
            problem(format!("column {column} is \"{kind}\""));
        }
    }
    for (mark, meaning) in &r.marks {
        let known = meaning == "?" || meaning.split('+').all(|m| MEANINGS.contains(&m.trim()));
        if !known {
            problem(format!("mark \"{mark}\" means \"{meaning}\""));
        }
    }
    let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
    for (kind, ranges) in r.lines.kinds() {
        match rows(ranges) {
            Ok(named) => {
                for row in named {
                    if let Some(other) = seen.insert(row, kind) {
                        problem(format!("row {row} is both {other} and {kind}"));
                    }
                }
            }
            Err(e) => problem(format!("[lines] {kind}: {e}")),
        }
    }
    let tasks = rows(&r.lines.task).unwrap_or_default();
    match rows(&r.lines.unassigned) {
        Ok(unassigned) => {
            let stray: Vec<u32> = unassigned.difference(&tasks).copied().collect();
            if !stray.is_empty() {
                problem(format!("unassigned rows that are no task: {stray:?}"));
            }
        }
        Err(e) => problem(format!("[lines] unassigned: {e}")),
    }
    let headers = rows(&r.lines.header).unwrap_or_default();
    let listed: BTreeSet<u32> = r.header_rows.iter().copied().collect();
    if listed != headers {
        problem(format!(
            "header_rows {:?} are not the header lines {headers:?}",
            r.header_rows
        ));
    }
    problems
}

/// The non-empty rows of the reading's sheet, as rolecall's reader numbers them; `None` for
/// a file it does not read (a board's JSON).
fn sheet_rows(file: &Path, sheet: &str) -> Result<Option<BTreeSet<u32>>, String> {
    if file.extension().is_some_and(|e| e == "json") {
        return Ok(None);
    }
    let mut workbook = Workbook::open(
        &InputPath::File(file.to_path_buf()),
        &Limits::default(),
        &Isolation::InProcess,
    )
    .map_err(|e| e.to_string())?;
    let names = workbook.sheet_names();
    let index = names
        .iter()
        .position(|name| name.as_deref().unwrap_or("") == sheet)
        .ok_or_else(|| format!("no sheet \"{sheet}\"; the sheets are {names:?}"))?;
    let table = workbook.take_sheet(index).map_err(|e| e.to_string())?;
    Ok(Some(
        table
            .rows
            .iter()
            .filter(|row| !row.cells.is_empty())
            .map(|row| row.number)
            .collect(),
    ))
}

/// What is wrong with a reading against its sheet: a non-empty row with no kind, or a kind
/// naming a row with nothing in it.
fn sheet_problems(corpus: &Path, r: &Reading) -> Vec<String> {
    let file = corpus.join(&r.file);
    if !file.exists() {
        return vec![format!("{} is not in the corpus", r.file)];
    }
    if !r.readable && r.lines.kinds().iter().all(|(_, ranges)| ranges.is_empty()) {
        return Vec::new();
    }
    let present = match sheet_rows(&file, &r.sheet) {
        Ok(Some(present)) => present,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![e],
    };
    let mut named = BTreeSet::new();
    for (_, ranges) in r.lines.kinds() {
        named.extend(rows(ranges).unwrap_or_default());
    }
    let unnamed: Vec<u32> = present.difference(&named).copied().collect();
    let empty: Vec<u32> = named.difference(&present).copied().collect();
    let mut problems = Vec::new();
    if !unnamed.is_empty() {
        problems.push(format!("rows with no kind: {unnamed:?}"));
    }
    if !empty.is_empty() {
        problems.push(format!("rows with nothing in them given a kind: {empty:?}"));
    }
    problems
}

#[test]
fn every_reading_is_well_formed_and_covers_its_sheet() {
    let corpus = repo_root().join("../shared/realworld");
    let readings = readings();
    assert!(!readings.is_empty(), "no readings in tests/data/readings");
    let check_sheets = outside_set_present(&corpus);
    let mut problems = Vec::new();
    for (path, reading) in &readings {
        let mut found = form_problems(path, reading);
        if check_sheets {
            found.extend(sheet_problems(&corpus, reading));
        }
        problems.extend(found.into_iter().map(|p| format!("{}: {p}", reading.file)));
    }
    if check_sheets {
        let read: BTreeSet<&str> = readings.iter().map(|(_, r)| r.file.as_str()).collect();
        let unread: Vec<String> = std::fs::read_dir(&corpus)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name != "SOURCES.md" && !read.contains(name.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        if !unread.is_empty() {
            problems.push(format!("corpus files with no reading: {unread:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn row_ranges_read_as_written() {
    assert_eq!(
        rows("4-6, 9,11-11").ok(),
        Some(BTreeSet::from([4, 5, 6, 9, 11]))
    );
    assert_eq!(rows("").ok(), Some(BTreeSet::new()));
    assert!(rows("6-4").is_err());
    assert!(rows("0").is_err());
    assert!(rows("four").is_err());
}
