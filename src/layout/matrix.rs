//! The matrix layout: tasks down one side, parties (people or role titles) across the other,
//! RACI marks where they meet.
//!
//! Reading happens in two steps. [`find`] looks for the line of party names: the line under
//! which some positions hold mostly marks. [`extract`] then reads every line under it as a
//! task, a task-group heading, a legend or a total, and turns each mark into an assignment.
//! Both work on a [`Grid`], so a transposed chart is the same code run on the sheet's columns.
//!
//! What tells a heading from a task nobody is marked on: a heading has no marks and either
//! fills its whole line (a merged cell), stands left of the task column, lacks the number
//! every task has, or reads as one ("Phase 2: Build", "LAUNCH", "Discovery:"). Anything else
//! unmarked is a task, and the RACI rules report it as unassigned.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::grid::Grid;
use super::header::{
    is_header_filler, named_column, normalise_header, resolve_spec, role_named_by,
    HEADER_SEARCH_ROWS,
};
use super::marks::{looks_like_mark, read_cell, reads_as_marks, CellMarks, Marks, Scheme};
use super::{
    Assignment, Chart, ChartTask, ColumnRole, Decided, DetectedColumn, Extraction, LayoutError,
    LayoutKind, LayoutOptions, MarkNote, Party, PartyNote, SheetNotes, SkipReason, SkippedLine,
    Warning, Who,
};
use crate::input::{column_letters, parse_column_letters, RawRow};

/// Share of a party column's filled cells that must look like marks: high enough that a
/// column of names or numbers never passes, low enough for a stray note or a total.
const MARK_SHARE: f64 = 0.7;

/// Headers that name a column of text beside the marks, never a party.
const NOT_PARTIES: &[&str] = &[
    "notes",
    "note",
    "comments",
    "comment",
    "remarks",
    "description",
    "details",
    "status",
    "due",
    "due date",
    "date",
    "deadline",
    "link",
    "links",
    "priority",
    "id",
    "ref",
    "no",
    "number",
];

/// Nouns that make a text a job title: "Engineering Manager", "Support Lead", "TPM".
const ROLE_NOUNS: &[&str] = &[
    "manager",
    "lead",
    "leader",
    "head",
    "director",
    "engineer",
    "designer",
    "analyst",
    "architect",
    "owner",
    "officer",
    "counsel",
    "specialist",
    "coordinator",
    "scientist",
    "developer",
    "administrator",
    "consultant",
    "writer",
    "recruiter",
    "master",
    "sponsor",
    "executive",
    "chief",
    "vp",
    "cto",
    "ceo",
    "coo",
    "cfo",
    "cpo",
    "ciso",
    "pm",
    "pmm",
    "tpm",
    "pgm",
    "em",
    "qa",
    "sre",
    "devops",
];

/// Words of a function, which name a role as a party header ("Legal", "Marketing") but a
/// team over a group of names.
const FUNCTION_WORDS: &[&str] = &[
    "engineering",
    "design",
    "legal",
    "marketing",
    "sales",
    "support",
    "operations",
    "ops",
    "ux",
    "team",
    "committee",
    "board",
    "stakeholders",
    "finance",
    "hr",
    "security",
    "compliance",
    "program",
    "programme",
    "product",
    "project",
    "research",
    "platform",
    "infrastructure",
    "success",
    "steering",
    "scrum",
    "partner",
    "vendor",
];

fn has_word(text: &str, list: &[&str]) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| list.contains(&word))
}

/// A job title, never a team: holds a role noun.
fn names_a_role(text: &str) -> bool {
    has_word(text, ROLE_NOUNS)
}

/// Words that open a task-group heading.
const HEADING_WORDS: &[&str] = &[
    "phase",
    "stage",
    "workstream",
    "milestone",
    "section",
    "part",
    "step",
    "track",
    "stream",
    "wave",
];

/// A party header that names a role or a function rather than a person.
pub(super) fn looks_like_role_title(text: &str) -> bool {
    names_a_role(text) || has_word(text, FUNCTION_WORDS)
}

/// "Ana Lima (Product Manager)", "Ana Lima - PM", or a name over a title on two lines: the
/// name and the title. A header that is itself a title names a role, whose party is that
/// title.
fn parse_party(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() >= 2 {
        let rest = lines[1..].join(" ");
        // "Ana Lima" over "(Project Manager)": the brackets only set the title apart.
        let rest = match rest.strip_prefix('(') {
            Some(inner) => inner.strip_suffix(')').unwrap_or(inner).trim().to_string(),
            None => rest,
        };
        if looks_like_role_title(&rest) && !looks_like_role_title(lines[0]) {
            return (lines[0].to_string(), Some(rest));
        }
    }
    let flat = lines.join(" ");
    if let Some((name, inner)) = flat
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .map(|(name, inner)| (name.trim(), inner.trim()))
    {
        if !name.is_empty() && looks_like_role_title(inner) && !looks_like_role_title(name) {
            return (name.to_string(), Some(inner.to_string()));
        }
    }
    for separator in [" - ", " – ", " — ", ", "] {
        if let Some((name, title)) = flat.split_once(separator) {
            if looks_like_role_title(title) && !looks_like_role_title(name) {
                return (name.trim().to_string(), Some(title.trim().to_string()));
            }
        }
    }
    let title = looks_like_role_title(&flat).then(|| flat.clone());
    (flat, title)
}

/// Headers that say a column holds marks without saying whose they are.
const MARKS_HEADERS: &[&str] = &[
    "role",
    "raci",
    "raci role",
    "raci code",
    "responsibility",
    "involvement",
    "mark",
    "marks",
];

/// Words of a sheet's name that say what kind of sheet it is, not whose.
const CHART_WORDS: &[&str] = &["raci", "rasci", "ram", "matrix", "chart", "sheet", "roles"];

/// The party of a one-party chart. Its column's header often says only what the column
/// holds ("Role"), while the sheet's name says whose marks they are ("TPM RACI"): then the
/// sheet's name without its chart words names the party.
fn party_of_lone_column(header: &str, sheet: &str) -> String {
    if !MARKS_HEADERS.contains(&normalise_header(header).as_str()) {
        return header.to_string();
    }
    let owner: Vec<&str> = sheet
        .split_whitespace()
        .filter(|w| !CHART_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if owner.is_empty() {
        header.to_string()
    } else {
        owner.join(" ")
    }
}

/// A line whose cells all hold one text: a merged heading or banner filled across.
fn is_uniform(line: &RawRow) -> bool {
    line.cells.len() >= 2
        && line
            .cells
            .iter()
            .all(|c| c.text.trim() == line.cells[0].text.trim())
}

/// Legend and total lines are recognised by their first words.
///
/// Every line of a sheet is asked this while its layout is detected, so only the first
/// words are normalised, and the legend spelling is only read after a one-letter word.
fn legend_or_total(line: &RawRow) -> Option<SkipReason> {
    let text = &line.cells.first()?.text;
    let (first_word, second_word) = first_header_words(text);
    if matches!(first_word.as_str(), "legend" | "key") {
        return Some(SkipReason::Legend);
    }
    if matches!(
        first_word.as_str(),
        "total" | "totals" | "count" | "sum" | "subtotal"
    ) || (first_word == "number" && second_word)
    {
        return Some(SkipReason::Total);
    }
    // "R = Responsible", "A: Accountable"
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let letter = words.next()?;
    if letter.is_ascii() && letter.len() != 1 {
        return None;
    }
    // "R" alone in its cell, its meaning in the next: "Responsible - does the work".
    if words.next().is_none() && letter.chars().count() == 1 {
        let meaning = line.cells.get(1).map(|c| c.text.as_str()).unwrap_or("");
        let first = meaning
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        return (first.chars().count() > 1 && reads_as_marks(first)).then_some(SkipReason::Legend);
    }
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let (letter, meaning) = (words.next()?, words.next()?);
    let spelled = meaning.len() > 1 && reads_as_marks(meaning);
    (letter.chars().count() == 1 && spelled).then_some(SkipReason::Legend)
}

/// The first word of [`normalise_header`]'s reading of a text, and whether a second one
/// follows; plain ASCII text is read without normalising all of it.
fn first_header_words(text: &str) -> (String, bool) {
    if !text.is_ascii() {
        let normalised = normalise_header(text);
        let mut words = normalised.split(' ');
        let first = words.next().unwrap_or("").to_string();
        return (first, words.next().is_some());
    }
    let mut words = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty() && !is_header_filler(w));
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    (first, words.next().is_some())
}

fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
    let first = normalise_header(text);
    let first_word = first.split(' ').next().unwrap_or("");
    text.ends_with(':') || shouting || HEADING_WORDS.contains(&first_word)
}

fn looks_like_id(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 10 && text.chars().any(|c| c.is_ascii_digit())
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn mean(values: impl Iterator<Item = usize>) -> f64 {
    let (sum, n) = values.fold((0, 0), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum as f64 / n as f64
    }
}

fn mean_of(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}

/// Verbs a task line often opens with, in the languages of the charts people share.
const TASK_VERBS: &[&str] = &[
    "define",
    "develop",
    "create",
    "review",
    "plan",
    "approve",
    "build",
    "design",
    "write",
    "test",
    "deploy",
    "release",
    "run",
    "manage",
    "track",
    "prepare",
    "conduct",
    "draft",
    "gather",
    "identify",
    "perform",
    "set",
    "update",
    "maintain",
    "monitor",
    "analyse",
    "analyze",
    "implement",
    "configure",
    "install",
    "train",
    "document",
    "communicate",
    "coordinate",
    "schedule",
    "publish",
    "launch",
    "deliver",
    "establish",
    "evaluate",
    "assess",
    "collect",
    "provide",
    "ensure",
    "report",
    "sign",
    "submit",
    "organise",
    "organize",
    "hold",
    "refine",
    "estimate",
    "integrate",
    "migrate",
    "validate",
    "verify",
    "select",
    "negotiate",
    "finalize",
    "finalise",
    "study",
    "arrange",
    "accept",
    "act",
    "determine",
    "decide",
    "support",
    "handle",
    "onboard",
    "present",
    "procure",
    // French, Spanish, Portuguese, German
    "définir",
    "créer",
    "rédiger",
    "valider",
    "definir",
    "crear",
    "revisar",
    "elaborar",
    "criar",
    "desenvolver",
    "erstellen",
    "prüfen",
    "planen",
];

/// Words that make a header a placeholder or a name of people, not work.
const PARTY_WORDS: &[&str] = &[
    "person",
    "people",
    "name",
    "department",
    "team",
    "role",
    "stakeholder",
    "client",
    "customer",
    "vendor",
    "owner",
];

/// Words that make a text read as work to be done.
const WORK_WORDS: &[&str] = &[
    "task",
    "activity",
    "deliverable",
    "milestone",
    "tarea",
    "actividad",
    "tâche",
    "taches",
    "tache",
    "atividade",
    "entregável",
    "aufgabe",
];

/// How much a text reads as a task rather than a party, from about -1.5 (a person or a
/// role title) to about +2 (a numbered phrase opening with a verb). Both sides of a
/// chart are asked, and the side reading more as tasks holds the tasks.
fn taskiness(text: &str) -> f64 {
    let text = text.trim();
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut score: f64 = 0.0;
    let numbered = text.split_whitespace().next().is_some_and(|w| {
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ')')
    });
    if numbered || text.starts_with(['–', '-', '•']) {
        score += 1.0;
    }
    let first_word = tokens
        .iter()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()));
    // A verb with an object: "Launch" alone is as likely the name of a phase.
    if tokens.len() >= 2 && first_word.is_some_and(|w| TASK_VERBS.contains(w)) {
        score += 1.0;
    }
    if tokens.iter().any(|w| WORK_WORDS.contains(w)) {
        score += 1.0;
    }
    if tokens.len() >= 4 {
        score += 0.5;
    }
    let (_, title) = parse_party(text);
    if names_a_role(text)
        || tokens.iter().any(|w| PARTY_WORDS.contains(w))
        || title.as_deref().is_some_and(|t| t != text)
    {
        score -= 1.0;
    } else if title.is_some() {
        // A function's word alone ("Security", "Infrastructure") names a team as often
        // as an area of work.
        score -= 0.25;
    } else if (2..=3).contains(&tokens.len())
        && text
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && first_word.is_none_or(|w| !TASK_VERBS.contains(w))
    {
        // "Huot Amaury", "Ana Lima": a person's name.
        score -= 0.5;
    }
    score
}

/// Letters a legend on the sheet defines beyond the scheme's own ("D | Driver", "S = Support"),
/// each read as the mark its meaning names under any scheme: the sheet's own key wins over
/// a warning that the letter is unknown.
fn legend_letters(lines: &[RawRow], scheme: Scheme) -> Vec<(String, Marks)> {
    let mut defined: Vec<(String, Marks)> = Vec::new();
    for line in lines {
        let Some(first) = line.cells.first() else {
            continue;
        };
        let mut tokens = first
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty());
        let Some(letter) = tokens.next().filter(|t| t.chars().count() == 1) else {
            continue;
        };
        let meaning = match tokens.next() {
            Some(word) => word.to_string(),
            None => line
                .cells
                .get(1)
                .and_then(|c| {
                    c.text
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|t| !t.is_empty())
                })
                .unwrap_or("")
                .to_string(),
        };
        if meaning.chars().count() < 2
            || !matches!(read_cell(letter, scheme), CellMarks::Unknown)
            || defined.iter().any(|(l, _)| l.eq_ignore_ascii_case(letter))
        {
            continue;
        }
        let marks = Scheme::ALL
            .into_iter()
            .find_map(|s| match read_cell(&meaning, s) {
                CellMarks::Marks(m) => Some(m),
                _ => None,
            });
        if let Some(marks) = marks {
            defined.push((letter.to_uppercase(), marks));
        }
    }
    defined
}

/// A cell under the scheme, or failing that through the letters the sheet's legend defines
/// ("D", "R/S").
fn read_with_legend(text: &str, scheme: Scheme, defined: &[(String, Marks)]) -> CellMarks {
    let read = read_cell(text, scheme);
    if !matches!(read, CellMarks::Unknown) || defined.is_empty() {
        return read;
    }
    let mut marks = Marks::default();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let known = match read_cell(token, scheme) {
            CellMarks::Marks(m) => Some(m),
            _ => defined
                .iter()
                .find(|(letter, _)| letter.eq_ignore_ascii_case(token))
                .map(|(_, m)| *m),
        };
        match known {
            Some(m) => marks = marks.union(m),
            None => return CellMarks::Unknown,
        }
    }
    if marks.is_empty() {
        CellMarks::Unknown
    } else {
        CellMarks::Marks(marks)
    }
}

/// Where a matrix lies on its grid.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    /// The line of party names.
    header: u32,
    /// The position of the task texts.
    label: u32,
    label_decided: Decided,
    /// A position of the task group (phase, stage), named by its header.
    group: Option<u32>,
    parties: Vec<u32>,
    /// Cells that read as marks under some scheme.
    marks: usize,
    /// Filled cells in the party positions, marks or not.
    filled: usize,
    /// Lines with at least one mark.
    task_lines: usize,
    label_words: f64,
    party_words: f64,
    /// Mean [`taskiness`] of the task texts and of the party names.
    label_taskiness: f64,
    party_taskiness: f64,
}

impl Reading {
    /// Evidence enough to call the sheet a matrix without being told.
    pub fn is_strong(&self) -> bool {
        // One marked task is no chart: a legend's letters beside a column of tasks, or a
        // list's column of grades, read that way when the sheet is turned over.
        self.parties.len() >= 2
            && self.task_lines >= 2
            && self.marks >= self.task_lines.max(2)
            && self.marks as f64 >= self.filled as f64 * 0.6
    }

    /// How much more the task side reads like tasks than the party side: a task is a
    /// phrase, a party a name or a title. (The corner cell is no help: "Task" there may head
    /// the column under it or the row it stands in.)
    pub fn task_likeness(&self) -> f64 {
        (self.label_taskiness - self.party_taskiness) + 0.25 * (self.label_words - self.party_words)
    }

    /// Where the parties are named, in words: "5 parties named across row 3 (columns C to G)".
    fn named(&self, grid: &Grid<'_>) -> String {
        let span = |position: u32| {
            let (row, column) = grid.cell(self.header, position);
            if grid.transposed {
                row.to_string()
            } else {
                column_letters(column)
            }
        };
        let side = if grid.transposed { "down" } else { "across" };
        let noun = if grid.transposed { "row" } else { "column" };
        let first = span(self.parties.first().copied().unwrap_or(0));
        let last = span(self.parties.last().copied().unwrap_or(0));
        match self.parties.len() {
            1 => format!(
                "1 party named {side} {} ({noun} {first})",
                grid.line(self.header)
            ),
            n => format!(
                "{n} parties named {side} {} ({noun}s {first} to {last})",
                grid.line(self.header)
            ),
        }
    }

    fn tasks(&self, grid: &Grid<'_>) -> String {
        let across = if grid.transposed { "across" } else { "down" };
        format!(
            "{} marked task{} {across} {}",
            self.task_lines,
            if self.task_lines == 1 { "" } else { "s" },
            grid.across(self.label)
        )
    }

    /// The evidence, in words, for the input notes.
    pub fn evidence(&self, grid: &Grid<'_>) -> String {
        format!(
            "{} and {}, with {} cells of R/A/C/I marks between them; task texts average {:.1} words against {:.1} for the party names, and read as tasks {:+.2} against {:+.2}",
            self.named(grid),
            self.tasks(grid),
            self.marks,
            self.label_words,
            self.party_words,
            self.label_taskiness,
            self.party_taskiness,
        )
    }

    /// What speaks for this reading and what against it, one fact to a line, for `inspect`.
    pub fn weigh(&self, grid: &Grid<'_>) -> (Vec<String>, Vec<String>) {
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        good.push(self.named(grid));
        let how = match self.label_decided {
            Decided::Header => "its header names it",
            Decided::Content => "the line of most text beside the marks",
            Decided::Override => "named on the command line",
        };
        good.push(format!("{} ({how})", self.tasks(grid)));
        let share = 100.0 * self.marks as f64 / self.filled.max(1) as f64;
        good.push(format!(
            "{} cells of R/A/C/I marks, {share:.0}% of the filled cells in the party positions",
            self.marks
        ));
        let mut side = |holds: bool, text: String| {
            if holds {
                good.push(text);
            } else {
                bad.push(text);
            }
        };
        side(
            self.label_taskiness > self.party_taskiness,
            format!(
                "task texts read as tasks {:+.2}, the party names {:+.2} (a score of verbs and work words, less names and titles)",
                self.label_taskiness, self.party_taskiness
            ),
        );
        side(
            // Equal as shown is no evidence either way: it counts against.
            self.label_words - self.party_words >= 0.05,
            format!(
                "task texts average {:.1} words, the party names {:.1}",
                self.label_words, self.party_words
            ),
        );
        if self.parties.len() < 2 {
            bad.push("only one party position holds marks".to_string());
        }
        if self.task_lines < 2 {
            bad.push("only one task carries marks".to_string());
        }
        if (self.marks as f64) < self.filled as f64 * 0.6 {
            bad.push("fewer than 60% of the filled cells in the party positions read as marks, so the block is more text than marks".to_string());
        } else if self.filled > self.marks {
            let others = self.filled - self.marks;
            bad.push(format!(
                "{others} filled cell{} in the party positions {} not marks",
                if others == 1 { "" } else { "s" },
                if others == 1 { "is" } else { "are" },
            ));
        }
        (good, bad)
    }
}

/// The best reading of the grid as tasks down, parties across; `None` when no line has at
/// least two positions of marks under it.
pub(super) fn find(grid: &Grid<'_>, options: &LayoutOptions) -> Option<Reading> {
    find_with(grid, options, 2)
}

/// A chart of one party's marks ("Step | Role", the role's letters down one column): read
/// only when nothing else reads, since one column of letters beside text is weak evidence.
pub(super) fn find_one_party(grid: &Grid<'_>, options: &LayoutOptions) -> Option<Reading> {
    find_with(grid, options, 1).filter(|r| {
        r.parties.len() == 1
            && !grid.transposed
            && r.task_lines >= ONE_PARTY_MIN_TASKS
            && r.marks as f64 >= r.filled as f64 * 0.9
    })
}

/// A one-party chart needs this many marked tasks before it is believed.
const ONE_PARTY_MIN_TASKS: usize = 4;

fn find_with(grid: &Grid<'_>, options: &LayoutOptions, min_parties: usize) -> Option<Reading> {
    let fixed_header = if grid.transposed {
        options
            .columns
            .iter()
            .find(|(role, _)| *role == ColumnRole::Person)
            .and_then(|(_, spec)| parse_column_letters(spec.0.trim()))
            .map(|column| column + 1)
    } else {
        options.header_row
    };
    let candidates: Vec<&RawRow> = match fixed_header {
        Some(number) => grid.lines.iter().filter(|l| l.number == number).collect(),
        None => grid.lines.iter().take(HEADER_SEARCH_ROWS).collect(),
    };
    let survey = Survey::new(grid, candidates.last().map_or(0, |l| l.number));
    let mut best: Option<(Reading, usize)> = None;
    for header in candidates.into_iter().filter(|l| !is_uniform(l)) {
        let Some(reading) = read_at(grid, &survey, header, options, min_parties) else {
            continue;
        };
        // The latest line with the most marks: any earlier one has the names in its body;
        // except that a line repeating one text over the parties ("Project Team" merged
        // across) groups the names above it rather than naming anyone.
        let names = distinct_names(grid, &reading);
        if best
            .as_ref()
            .is_none_or(|(b, b_names)| (reading.marks, names >= *b_names) >= (b.marks, true))
        {
            best = Some((reading, names));
        }
    }
    best.map(|(reading, _)| reading)
}

/// How many different texts name the parties of a reading.
fn distinct_names(grid: &Grid<'_>, reading: &Reading) -> usize {
    let Some(line) = grid.lines.iter().find(|l| l.number == reading.header) else {
        return 0;
    };
    let mut names: Vec<&str> = reading
        .parties
        .iter()
        .filter_map(|&p| line.get(p).map(str::trim))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// (filled, mark-like) cells per position of some lines.
type PositionCounts = BTreeMap<u32, (usize, usize)>;

/// What header detection asks of one cell, worked out once: every header candidate weighs
/// the same cells, and reading each cell's marks again for each of them (twenty candidates,
/// both ways round) made a chart of a million marks take most of a minute.
#[derive(Debug, Clone, Copy)]
struct CellKind {
    /// [`looks_like_mark`]: a mark or a short code like one.
    looks: bool,
    /// [`reads_as_marks`] under some scheme.
    reads: bool,
    /// Blank under RACI: empty, or a "not involved" placeholder.
    blank: bool,
}

impl CellKind {
    fn of(text: &str) -> CellKind {
        CellKind {
            looks: looks_like_mark(text),
            reads: reads_as_marks(text),
            blank: matches!(read_cell(text, Scheme::Raci), CellMarks::None),
        }
    }
}

/// What every header candidate asks of the lines under it, worked out once per grid. Each
/// candidate's body is the lines after it up to the first legend line, less headings,
/// totals and lines filled with one text. All candidates lie among the first lines, so
/// their bodies differ only there and share one tail. Without this, finding the header of
/// a 100,000-row sheet read every cell twenty times over.
struct Survey {
    /// Per line, the kinds of its cells in cell order.
    kinds: Vec<Vec<CellKind>>,
    /// Per line: whether a body keeps it (no legend, total or uniform line).
    kept: Vec<bool>,
    /// Per line: whether some cell looks like a mark. A line with none (a heading, a note,
    /// a definition below the chart) says nothing about which positions hold marks.
    marked: Vec<bool>,
    /// Indices of the legend lines, where a body ends.
    legends: Vec<usize>,
    /// Per line before the tail: its counts when a body keeps it.
    head: Vec<Option<PositionCounts>>,
    /// Counts of the lines from the tail up to the first legend line at or after it.
    tail: PositionCounts,
}

impl Survey {
    fn new(grid: &Grid<'_>, last_candidate: u32) -> Survey {
        let tail_start = grid.lines.partition_point(|l| l.number <= last_candidate);
        let kinds: Vec<Vec<CellKind>> = grid
            .lines
            .par_iter()
            .map(|line| line.cells.iter().map(|c| CellKind::of(&c.text)).collect())
            .collect();
        let marked: Vec<bool> = kinds.iter().map(|k| k.iter().any(|k| k.looks)).collect();
        let count = |counts: &mut PositionCounts, index: usize| {
            if !marked[index] {
                return;
            }
            for (cell, kind) in grid.lines[index].cells.iter().zip(&kinds[index]) {
                let entry = counts.entry(cell.column).or_default();
                entry.0 += 1;
                entry.1 += usize::from(kind.looks);
            }
        };
        let mut kept = Vec::with_capacity(grid.lines.len());
        let mut legends = Vec::new();
        let mut head = Vec::with_capacity(tail_start);
        let mut tail = PositionCounts::new();
        for (index, line) in grid.lines.iter().enumerate() {
            let keeps = match legend_or_total(line) {
                Some(SkipReason::Legend) => {
                    legends.push(index);
                    false
                }
                Some(_) => false,
                None => !is_uniform(line),
            };
            kept.push(keeps);
            if index < tail_start {
                head.push(keeps.then(|| {
                    let mut counts = PositionCounts::new();
                    count(&mut counts, index);
                    counts
                }));
            } else if keeps && legends.last().is_none_or(|&l| l < tail_start) {
                count(&mut tail, index);
            }
        }
        Survey {
            kinds,
            kept,
            marked,
            legends,
            head,
            tail,
        }
    }

    /// The index of the legend line that ends the body under the line at `header`.
    fn body_end(&self, header: usize) -> Option<usize> {
        self.legends.iter().copied().find(|&l| l > header)
    }

    /// Indices of the lines of the body under the line at `header`.
    fn body_lines(&self, header: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.body_end(header).unwrap_or(self.kept.len());
        (header + 1..end).filter(|&index| self.kept[index])
    }

    /// The counts of the body under the line at index `header`.
    fn body(&self, header: usize) -> PositionCounts {
        let start = header + 1;
        let legend = self.body_end(header).filter(|&l| l < self.head.len());
        let end = legend.unwrap_or(self.head.len());
        let mut counts = PositionCounts::new();
        for line in self.head[start.min(end)..end].iter().flatten() {
            add(&mut counts, line);
        }
        if legend.is_none() {
            add(&mut counts, &self.tail);
        }
        counts
    }
}

/// The cells of a line at the given positions, or at every other position, with their
/// kinds: one walk along both, as both are in position order.
fn cells_at<'l>(
    line: &'l RawRow,
    kinds: &'l [CellKind],
    positions: &'l [u32],
    inside: bool,
) -> impl Iterator<Item = (u32, &'l str, CellKind)> + 'l {
    let mut rest = positions;
    line.cells
        .iter()
        .zip(kinds.iter().copied())
        .filter(move |(cell, _)| {
            while let Some((&position, later)) = rest.split_first() {
                if position >= cell.column {
                    break;
                }
                rest = later;
            }
            (rest.first() == Some(&cell.column)) == inside
        })
        .map(|(cell, kind)| (cell.column, cell.text.as_str(), kind))
}

fn add(total: &mut PositionCounts, counts: &PositionCounts) {
    for (&position, &(filled, marks)) in counts {
        let entry = total.entry(position).or_default();
        entry.0 += filled;
        entry.1 += marks;
    }
}

fn read_at(
    grid: &Grid<'_>,
    survey: &Survey,
    header: &RawRow,
    options: &LayoutOptions,
    min_parties: usize,
) -> Option<Reading> {
    let header_index = grid.lines.partition_point(|l| l.number < header.number);
    let counts = survey.body(header_index);
    let fixed_label = if grid.transposed {
        options.header_row.map(|row| row - 1)
    } else {
        options
            .columns
            .iter()
            .find(|(role, _)| *role == ColumnRole::Task)
            .and_then(|(_, spec)| resolve_spec(header, spec))
    };
    // A named group column is the rows' phase, never a party; turned over, a column letter
    // names no line of the sheet's columns, so only the tasks' header row applies there.
    let fixed_group = (!grid.transposed)
        .then(|| named_column(options, ColumnRole::Group, header)?.ok())
        .flatten();
    let is_party = |position: u32, text: &str| {
        let (filled, marks) = counts.get(&position).copied().unwrap_or((0, 0));
        Some(position) != fixed_label
            && Some(position) != fixed_group
            && !NOT_PARTIES.contains(&normalise_header(text).as_str())
            && !text.trim().chars().all(|c| c.is_ascii_digit() || c == '.')
            && (filled == 0 || marks as f64 >= filled as f64 * MARK_SHARE)
    };
    let marked: Vec<u32> = header
        .cells
        .iter()
        .filter(|c| is_party(c.column, &c.text))
        .filter(|c| counts.get(&c.column).is_some_and(|&(_, m)| m > 0))
        .map(|c| c.column)
        .collect();
    let (&first, &last) = (marked.first()?, marked.last()?);
    // Unmarked parties count inside the block and in a run right after it.
    let mut parties: Vec<u32> = Vec::new();
    let mut next_after_block = last + 1;
    for cell in &header.cells {
        let inside = cell.column >= first && cell.column <= last;
        let run = cell.column == next_after_block;
        if (inside || run) && is_party(cell.column, &cell.text) {
            parties.push(cell.column);
            if run {
                next_after_block += 1;
            }
        }
    }
    if parties.len() < min_parties {
        return None;
    }
    let is_listed = |position: &u32| parties.binary_search(position).is_ok();
    let label_by_header = header
        .cells
        .iter()
        .filter(|c| !is_listed(&c.column))
        // A header is a few words; a sentence ending "... the tasks" is a legend's.
        .find(|c| words(&c.text) <= 4 && role_named_by(&c.text) == Some(ColumnRole::Task))
        .map(|c| c.column);
    let (label, label_decided) = match (fixed_label, label_by_header) {
        (Some(label), _) => (label, Decided::Override),
        (None, Some(label)) => (label, Decided::Header),
        (None, None) => {
            // The position with the most text that is not marks, nearest the parties.
            let mut text_cells: BTreeMap<u32, usize> = BTreeMap::new();
            for index in survey.body_lines(header_index) {
                let line = &grid.lines[index];
                let others = cells_at(line, &survey.kinds[index], &parties, false);
                for (position, text, kind) in others {
                    if !kind.looks && !looks_like_id(text) {
                        *text_cells.entry(position).or_default() += 1;
                    }
                }
            }
            let text_cells = |position: u32| text_cells.get(&position).copied().unwrap_or(0);
            let label = counts
                .keys()
                .copied()
                .filter(|p| !is_listed(p) && *p < first)
                .max_by_key(|&p| (text_cells(p), p))
                .or_else(|| {
                    counts
                        .keys()
                        .copied()
                        .filter(|p| !is_listed(p))
                        .max_by_key(|&p| (text_cells(p), std::cmp::Reverse(p)))
                })?;
            (label, Decided::Content)
        }
    };
    let group = fixed_group.filter(|&g| g != label).or_else(|| {
        header
            .cells
            .iter()
            .filter(|c| c.column != label && !is_listed(&c.column))
            .find(|c| role_named_by(&c.text) == Some(ColumnRole::Group))
            .map(|c| c.column)
    });
    let mut marks = 0;
    let mut filled = 0;
    let mut task_lines = 0;
    let mut label_lengths = Vec::new();
    let mut label_texts: Vec<&str> = Vec::new();
    for index in survey.body_lines(header_index) {
        // Notes and definitions below a chart, with no mark on their line, are no evidence
        // against the marks.
        if !survey.marked[index] {
            continue;
        }
        let line = &grid.lines[index];
        let mut line_marks = 0;
        // "N", "-", "n/a" written in every empty cell say "not involved": blank.
        for (_, _, kind) in cells_at(line, &survey.kinds[index], &parties, true) {
            if !kind.blank {
                filled += 1;
                line_marks += usize::from(kind.reads);
            }
        }
        if line_marks > 0 {
            marks += line_marks;
            task_lines += 1;
            if let Some(text) = line.get(label) {
                label_lengths.push(words(text));
                label_texts.push(text);
            }
        }
    }
    if marks == 0 {
        return None;
    }
    let party_texts: Vec<&str> = parties.iter().filter_map(|&p| header.get(p)).collect();
    let party_words = mean(party_texts.iter().map(|t| words(t)));
    let party_taskiness = mean_of(party_texts.iter().map(|t| taskiness(t)));
    let label_taskiness = mean_of(label_texts.iter().map(|t| taskiness(t)));
    Some(Reading {
        header: header.number,
        label,
        label_decided,
        group,
        marks,
        filled,
        task_lines,
        label_words: mean(label_lengths.into_iter()),
        party_words,
        label_taskiness,
        party_taskiness,
        parties,
    })
}

/// The line above the names, when it names a group of each party (a team or a title).
fn party_groups(grid: &Grid<'_>, reading: &Reading) -> Option<(ColumnRole, Vec<Option<String>>)> {
    let above = grid.lines.iter().find(|l| l.number + 1 == reading.header)?;
    let first = *reading.parties.first()?;
    let mut role = None;
    for cell in above.cells.iter().filter(|c| c.column < first) {
        let normalised = normalise_header(&cell.text);
        let named = [ColumnRole::Title, ColumnRole::Team]
            .into_iter()
            .find(|r| r.synonyms().contains(&normalised.as_str()));
        match named {
            Some(named) if cell.column == reading.label && role.is_none() => role = Some(named),
            // A banner or a label over the task column: not a group line.
            _ => return None,
        }
    }
    let mut current: Option<String> = None;
    let values: Vec<Option<String>> = reading
        .parties
        .iter()
        .map(|&p| {
            if let Some(text) = above.get(p) {
                current = Some(text.trim().to_string());
            }
            current.clone()
        })
        .collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let role = role.unwrap_or_else(|| {
        if values.iter().flatten().all(|v| names_a_role(v)) {
            ColumnRole::Title
        } else {
            ColumnRole::Team
        }
    });
    Some((role, values))
}

/// Reads every line under the party names into tasks and assignments.
pub(super) fn extract(
    grid: &Grid<'_>,
    reading: &Reading,
    options: &LayoutOptions,
    layout_reason: String,
) -> Result<Extraction, LayoutError> {
    let table = grid.table;
    let scheme = options.scheme;
    let defined = legend_letters(&grid.lines, scheme);
    let header = grid
        .lines
        .iter()
        .find(|l| l.number == reading.header)
        .ok_or_else(|| LayoutError::BlankHeaderRow {
            location: grid.location(reading.header, None),
        })?;
    let groups = party_groups(grid, reading);
    let lone = reading.parties.len() == 1;
    let parties: Vec<Party> = reading
        .parties
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let text = header.get(p).unwrap_or("");
            let text = match table.sheet.as_deref() {
                Some(sheet) if lone => party_of_lone_column(text, sheet),
                _ => text.to_string(),
            };
            let (name, mut title) = parse_party(&text);
            let mut team = None;
            if let Some((role, values)) = &groups {
                let value = values[i].clone();
                match role {
                    ColumnRole::Title => title = title.or(value),
                    _ => team = value,
                }
            }
            Party { name, title, team }
        })
        .collect();

    // Tasks carry a number (1.1, T-03) in a column left of their text when most marked
    // lines have one there; a line without one is then a heading.
    let body: Vec<&RawRow> = grid
        .lines
        .iter()
        .filter(|l| l.number > reading.header)
        .collect();
    let marked_lines: Vec<&&RawRow> = body
        .iter()
        .filter(|l| reading.parties.iter().any(|&p| l.get(p).is_some()))
        .collect();
    // Tasks written as a bulleted list ("– Define scope"): a line without the bullet is a
    // heading, however long.
    let is_bulleted = |text: &str| text.trim_start().starts_with(['–', '-', '•', '*', '—']);
    let labelled: Vec<&str> = marked_lines
        .iter()
        .filter_map(|l| l.get(reading.label))
        .collect();
    let bulleted_tasks = labelled.len() >= 3
        && labelled.iter().filter(|t| is_bulleted(t)).count() as f64 >= labelled.len() as f64 * 0.8;
    let id_position = (0..reading.label)
        .filter(|p| !reading.parties.contains(p) && Some(*p) != reading.group)
        .find(|&p| {
            let ids = marked_lines
                .iter()
                .filter(|l| l.get(p).is_some_and(looks_like_id))
                .count();
            !marked_lines.is_empty() && ids as f64 >= marked_lines.len() as f64 * 0.6
        });

    let mut assignments = Vec::new();
    let mut tasks: Vec<ChartTask> = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut mark_notes: BTreeMap<String, (Marks, usize)> = BTreeMap::new();
    let mut group: Option<String> = None;
    let mut in_legend = false;
    let mut previous = reading.header;
    let mut lines_read = 0;
    let skip = |skipped: &mut Vec<SkippedLine>, number: u32, reason: SkipReason| {
        skipped.push(SkippedLine {
            line: grid.line(number),
            reason,
        });
    };
    // Each party's name, title and team, shared by all of its assignments.
    let named: Vec<Who> = parties
        .iter()
        .map(|p| {
            (
                Arc::from(p.name.as_str()),
                p.title.as_deref().map(Arc::from),
                p.team.as_deref().map(Arc::from),
            )
        })
        .collect();
    let has_marks = |line: &RawRow| {
        reading
            .parties
            .iter()
            .any(|&p| line.get(p).is_some_and(reads_as_marks))
    };
    let header_label = header.get(reading.label).map(normalise_header);
    for (index, &line) in body.iter().enumerate() {
        for blank in previous + 1..line.number {
            skip(&mut skipped, blank, SkipReason::Blank);
        }
        previous = line.number;
        lines_read += 1;
        match legend_or_total(line) {
            Some(SkipReason::Legend) => in_legend = true,
            Some(reason) if !in_legend => {
                skip(&mut skipped, line.number, reason);
                continue;
            }
            _ => {}
        }
        if in_legend {
            skip(&mut skipped, line.number, SkipReason::Legend);
            continue;
        }
        if is_uniform(line) {
            group = Some(line.cells[0].text.trim().to_string());
            skip(&mut skipped, line.number, SkipReason::Category);
            continue;
        }
        // The party names again, as charts repeat their header under each phase.
        let repeated = reading
            .parties
            .iter()
            .filter(|&&p| {
                line.get(p)
                    .is_some_and(|t| header.get(p).is_some_and(|h| h.trim() == t.trim()))
            })
            .count();
        // A second header line under the names ("Deliverable or Task | Sponsor | Project
        // Team"): its task cell names the column, and nothing in it is a mark.
        let names_the_column = line.get(reading.label).is_some_and(|label| {
            words(label) <= 4 && role_named_by(label) == Some(ColumnRole::Task)
        }) && !reading
            .parties
            .iter()
            .any(|&p| line.get(p).is_some_and(reads_as_marks));
        if repeated * 2 > reading.parties.len() || names_the_column {
            skip(&mut skipped, line.number, SkipReason::RepeatedHeader);
            continue;
        }
        // Sentences where marks would stand, and no mark: the parties' definitions or notes
        // written under the chart.
        let party_texts: Vec<&str> = reading
            .parties
            .iter()
            .filter_map(|&p| line.get(p))
            .collect();
        if !party_texts.is_empty()
            && party_texts.iter().all(|t| !looks_like_mark(t))
            && party_texts.iter().any(|t| words(t) >= 3)
        {
            skip(&mut skipped, line.number, SkipReason::Legend);
            continue;
        }
        if let Some(text) = reading.group.and_then(|p| line.get(p)) {
            group = Some(text.trim().to_string());
        }
        let mut marks: Vec<(usize, u32, Marks)> = Vec::new();
        let mut unknown = 0;
        for (index, &position) in reading.parties.iter().enumerate() {
            let Some(text) = line.get(position) else {
                continue;
            };
            match read_with_legend(text, scheme, &defined) {
                CellMarks::Marks(m) => {
                    let note = mark_notes.entry(text.trim().to_string()).or_insert((m, 0));
                    note.1 += 1;
                    marks.push((index, position, m));
                }
                CellMarks::None => {}
                CellMarks::Unknown => {
                    unknown += 1;
                    let (row, column) = grid.cell(line.number, position);
                    warnings.push(Warning {
                        row,
                        column: column_letters(column),
                        message: format!(
                            "{}: \"{}\" is not a {} mark ({}); the cell is left out{}",
                            grid.location(line.number, Some(position)),
                            text.trim(),
                            scheme.name().to_uppercase(),
                            scheme_letters(scheme),
                            match scheme {
                                Scheme::Raci => "; pass --scheme rasci or --scheme daci if the sheet uses those letters",
                                _ => "",
                            }
                        ),
                    });
                }
            }
        }
        let label = line
            .get(reading.label)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(label) = label else {
            let heading = line
                .cells
                .iter()
                .find(|c| c.column < reading.label && !looks_like_id(&c.text));
            match heading {
                Some(cell) if marks.is_empty() && unknown == 0 => {
                    group = Some(cell.text.trim().to_string());
                    skip(&mut skipped, line.number, SkipReason::Category);
                }
                _ => skip(&mut skipped, line.number, SkipReason::NoTask),
            }
            continue;
        };
        let unmarked = marks.is_empty() && unknown == 0;
        // Short and verbless: what a heading reads like, though the sheet did not set it
        // apart as one. Kept as a task, it is reported with less certainty.
        let short_noun_phrase =
            words(label) <= 6 && taskiness(label) < 1.0 && !label.starts_with(['–', '-', '•']);
        if unmarked {
            let normalised = normalise_header(label);
            if role_named_by(label) == Some(ColumnRole::Task)
                || header_label.as_deref() == Some(normalised.as_str())
            {
                skip(&mut skipped, line.number, SkipReason::RepeatedHeader);
                continue;
            }
            let numbered_elsewhere = id_position.is_some_and(|p| line.get(p).is_none())
                || (bulleted_tasks && !is_bulleted(label));
            // Text in the task position alone, short and not opening with a verb, over a
            // marked task: the name of the group under it ("Testing", "GitHub Actions").
            // Nothing else from the task column to the last party: a status or deliverable
            // beside the text makes it a task; notes far to the right do not.
            let first = reading.parties.first().copied().unwrap_or(reading.label);
            let last = reading.parties.last().copied().unwrap_or(reading.label);
            let span = reading.label.min(first)..=reading.label.max(last);
            let alone = line.cells.iter().all(|c| {
                c.column == reading.label
                    || !span.contains(&c.column)
                    || Some(c.column) == id_position
                    || Some(c.column) == reading.group
            });
            let heads_tasks = body[index + 1..]
                .iter()
                .find(|l| l.get(reading.label).is_some())
                .is_some_and(|l| has_marks(l));
            if numbered_elsewhere
                || looks_like_heading(label)
                || (alone && heads_tasks && short_noun_phrase)
            {
                group = Some(label.trim_end_matches(':').trim().to_string());
                skip(&mut skipped, line.number, SkipReason::Category);
                continue;
            }
        }
        let location = grid.location(line.number, Some(reading.label));
        for &(index, position, m) in &marks {
            let (person, title, team) = &named[index];
            let (row, column) = grid.cell(line.number, position);
            assignments.push(Assignment {
                person: person.clone(),
                title: title.clone(),
                team: team.clone(),
                task: label.to_string(),
                effort: None,
                raci: Some(m),
                group: group.clone(),
                sheet: table.sheet.clone(),
                row,
                column,
            });
        }
        tasks.push(ChartTask {
            text: label.to_string(),
            group: group.clone(),
            location,
            marks: marks.iter().map(|&(index, _, m)| (index, m)).collect(),
            may_be_heading: unmarked && short_noun_phrase,
        });
    }
    if tasks.is_empty() {
        return Err(LayoutError::NoTasks {
            location: grid.location(reading.header, None),
            header_row: reading.header,
        });
    }
    let mut columns = vec![DetectedColumn {
        role: ColumnRole::Task,
        at: grid.across(reading.label),
        header: header.get(reading.label).unwrap_or("").trim().to_string(),
        decided: reading.label_decided,
    }];
    if let Some(p) = reading.group {
        columns.push(DetectedColumn {
            role: ColumnRole::Group,
            at: grid.across(p),
            header: header.get(p).unwrap_or("").trim().to_string(),
            decided: if !grid.transposed
                && named_column(options, ColumnRole::Group, header) == Some(Ok(p))
            {
                Decided::Override
            } else {
                Decided::Header
            },
        });
    }
    let chart = Chart {
        sheet: table.sheet.clone(),
        parties: parties.clone(),
        tasks,
    };
    Ok(Extraction {
        assignments,
        notes: SheetNotes {
            sheet: table.sheet.clone(),
            layout: if grid.transposed {
                LayoutKind::Transposed
            } else {
                LayoutKind::Matrix
            },
            layout_reason,
            layout_doubt: None,
            weighed: Vec::new(),
            header: grid.line(reading.header),
            columns,
            parties: parties
                .into_iter()
                .zip(&reading.parties)
                .map(|(party, &p)| PartyNote {
                    name: party.name,
                    title: party.title,
                    team: party.team,
                    at: grid.across(p),
                })
                .collect(),
            scheme: Some(scheme),
            marks: MarkNote::from_counts(mark_notes),
            merged: Vec::new(),
            lines_read,
            skipped,
            warnings,
        },
        chart: Some(chart),
    })
}

fn scheme_letters(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Raci => "R, A, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Rasci => "R, A, S, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Daci => "D, A, C, I, Driver, Approver, Contributor, Informed, or x / ✓ / yes for D",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_headers_give_names_and_titles() {
        assert_eq!(parse_party("Ana Lima"), ("Ana Lima".into(), None));
        assert_eq!(
            parse_party("Ana Lima (Product Manager)"),
            ("Ana Lima".into(), Some("Product Manager".into()))
        );
        assert_eq!(
            parse_party("Wei Chen (陈伟)"),
            ("Wei Chen (陈伟)".into(), None)
        );
        assert_eq!(
            parse_party("Bo Berg\nTPM"),
            ("Bo Berg".into(), Some("TPM".into()))
        );
        assert_eq!(
            parse_party("Siddham Sharma\n(Project Manager)"),
            ("Siddham Sharma".into(), Some("Project Manager".into()))
        );
        assert_eq!(
            parse_party("Engineering Lead"),
            ("Engineering Lead".into(), Some("Engineering Lead".into()))
        );
    }

    #[test]
    fn headings_legends_and_totals() {
        assert!(looks_like_heading("Phase 2: Build"));
        assert!(looks_like_heading("LAUNCH"));
        assert!(looks_like_heading("Discovery:"));
        assert!(!looks_like_heading("Write the launch plan"));
        let line = |text: &str| RawRow::from_texts(9, &[text]);
        assert_eq!(legend_or_total(&line("Legend")), Some(SkipReason::Legend));
        assert_eq!(
            legend_or_total(&line("R = Responsible")),
            Some(SkipReason::Legend)
        );
        assert_eq!(legend_or_total(&line("Total R")), Some(SkipReason::Total));
        assert_eq!(
            legend_or_total(&line("Count of A")),
            Some(SkipReason::Total)
        );
        assert_eq!(legend_or_total(&line("Run the retro")), None);
    }
}
