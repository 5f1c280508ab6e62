//! Layout: from a [`RawTable`] to [`Assignment`]s, one per party and task.
//!
//! Format-agnostic: CSV and every workbook kind arrive here as the same text grid. A sheet is
//! read in one of five layouts ([`LayoutKind::ALL`]), detected or named by the user:
//!
//! - a **list**, one row per person and task (the `list` module): the header is found by the
//!   words people use (the `header` module), and everything below it is read forgivingly, the
//!   way a person would read it: a name given once per block applies to the rows under it, a
//!   cell listing several tasks is several tasks, an effort that cannot be read is a warning;
//! - a **matrix**, tasks down the side and parties (people or role titles) across the top,
//!   with RACI marks in the cells (the `matrix` module);
//! - a **transposed** matrix, parties down the side and tasks across. It is the matrix reader
//!   run on the sheet's columns (the `grid` module), so every rule holds for both;
//! - **letter columns**, one row per task and a column per RACI letter, the parties' names in
//!   the cells (the `letters` module);
//! - **long form**, one row per task, party and letter, as RACI tools export a chart (the
//!   `long` module).
//!
//! Every layout gives the same [`Assignment`]s, so matching, audit and reports never ask
//! which one the sheet used; a matrix also gives a [`Chart`] for the RACI rules, and every
//! sheet gives [`SheetNotes`] saying how it was read.
//!
//! Every layout has a reader (the `reader` module's `Reader` trait): it finds where its
//! layout lies on a sheet, as a candidate that can weigh the evidence for and against it
//! and then read the sheet. Detection (the `detect` module) is one loop over the readers in
//! their order of preference, and `--layout` reads through the same reader. The words the
//! readers recognise in headers and labels are kept in the `vocabulary` module.
//!
//! # Adding a layout
//!
//! 1. A file (or folder) of its own implementing `Reader` and `Candidate`: `find` returns
//!    where the layout lies or a [`LayoutError`] saying why it does not fit, `weigh` the
//!    evidence as a [`Considered`], `extract` the [`Extraction`].
//! 2. A [`LayoutKind`] variant, with its name and its place in [`LayoutKind::ALL`]; the
//!    compiler then asks for its reader in `LayoutKind::reader`.
//! 3. An entry in `READERS`, in its place in the order of preference (a unit test checks
//!    every kind is there once), and that order in words where detection tells why a
//!    reading lost (`detect`'s `judge`).
//! 4. README's Layouts section and `--layout`'s values (the integration test `layers`
//!    checks both).

mod chart;
mod detect;
mod doubt;
mod effort;
mod grid;
mod header;
pub mod learned;
mod letters;
mod list;
mod long;
mod marks;
mod matrix;
mod meanings;
mod names;
mod reader;
mod roles;
mod tracker;
mod vocabulary;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::input::{column_letters, CellRange, Location, RawTable};

pub use detect::{Considered, Verdict};
pub use doubt::{Doubt, DoubtKind, ReadingDoubt, CONFIDENCE_BAR};
pub use effort::{parse_effort, EffortUnit, HOURS_PER_WEEK};
pub use header::{
    normalise_header, ColumnRole, ColumnSpec, Decided, DetectedColumn, Header, LayoutOptions,
    HEADER_SEARCH_ROWS,
};
pub use list::split_tasks;
pub use marks::{read_cell, CellMarks, Mark, Marks, Scheme};

/// One party doing (or marked on) one task, as read from the sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// A person's name, or a role title when a matrix names roles rather than people.
    pub person: Arc<str>,
    pub title: Option<Arc<str>>,
    pub team: Option<Arc<str>>,
    pub task: String,
    /// Hours per week, when the sheet gives an effort.
    pub effort: Option<f64>,
    /// The RACI marks of a matrix cell; `None` for a list, where every row is work done.
    pub raci: Option<Marks>,
    /// The task group: a matrix's category row or phase column.
    pub group: Option<String>,
    pub sheet: Option<String>,
    /// Where the task's cell is (1-based row, 0-based column): a list's task cell, a
    /// matrix's mark cell.
    pub row: u32,
    #[serde(skip)]
    pub column: u32,
}

/// A person's (or a chart party's) name, title and team, shared by all their assignments.
pub(crate) type Who = (Arc<str>, Option<Arc<str>>, Option<Arc<str>>);

/// `text` as the shared string in `last` when equal, or as a new one kept there: a sheet
/// writes a person's name, title and team on row after row, and the report repeats them.
pub(crate) fn share(last: &mut Option<Arc<str>>, text: &str) -> Arc<str> {
    match last {
        Some(shared) if **shared == *text => shared.clone(),
        _ => last.insert(Arc::from(text)).clone(),
    }
}

impl Assignment {
    /// Whether the party does or owns the task (any list row; R, A or S in a matrix), as
    /// opposed to being consulted or informed. Only such assignments credit a responsibility.
    pub fn carries_work(&self) -> bool {
        self.raci.is_none_or(Marks::carries_work)
    }
}

/// Which way a sheet is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayoutKind {
    /// One row per person and task.
    List,
    /// Tasks down, parties across, marks in the cells.
    Matrix,
    /// Parties down, tasks across.
    Transposed,
    /// One row per task, a column per RACI letter, parties' names in the cells.
    LetterColumns,
    /// One row per task, party and letter.
    LongForm,
}

impl LayoutKind {
    /// Every layout, in the order README and `--layout` list them.
    pub const ALL: [LayoutKind; 5] = [
        LayoutKind::List,
        LayoutKind::Matrix,
        LayoutKind::Transposed,
        LayoutKind::LetterColumns,
        LayoutKind::LongForm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LayoutKind::List => "list",
            LayoutKind::Matrix => "matrix",
            LayoutKind::Transposed => "transposed",
            LayoutKind::LetterColumns => "letter-columns",
            LayoutKind::LongForm => "long-form",
        }
    }
}

impl fmt::Display for LayoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A whole row or a whole column of the sheet, as the spreadsheet program names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Line {
    /// 1-based.
    Row(u32),
    /// 0-based; shown as a letter.
    Column(u32),
}

impl Line {
    /// The column, when the line is one.
    pub fn column(self) -> Option<u32> {
        match self {
            Line::Column(column) => Some(column),
            Line::Row(_) => None,
        }
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Row(row) => write!(f, "row {row}"),
            Line::Column(column) => write!(f, "column {}", column_letters(*column)),
        }
    }
}

impl Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        match self {
            Line::Row(row) => map.serialize_entry("row", row)?,
            Line::Column(column) => map.serialize_entry("column", &column_letters(*column))?,
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Nothing in any cell.
    Blank,
    /// A name, title, team or marks but no task text.
    NoTask,
    /// Task text with no name on it or above it.
    NoPerson,
    /// A task-group heading (a matrix's phase row, a list's summary row): the group of
    /// the tasks under it.
    Category,
    /// A legend explaining the marks.
    Legend,
    /// A total or count line.
    Total,
    /// The header's words again, as charts repeat them under each phase.
    RepeatedHeader,
    /// A done issue of a tracker export, left out by `--open-only`.
    Done,
    /// A card template of a board, copied to make cards, not work itself.
    Template,
}

impl SkipReason {
    pub fn describe(&self) -> &'static str {
        match self {
            SkipReason::Blank => "blank",
            SkipReason::NoTask => "no task text",
            SkipReason::NoPerson => "no person named on the row or above it",
            SkipReason::Category => "task group heading",
            SkipReason::Legend => "legend",
            SkipReason::Total => "total or count",
            SkipReason::RepeatedHeader => "the header repeated",
            SkipReason::Done => "a done issue, left out by --open-only",
            SkipReason::Template => "a card template",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedLine {
    #[serde(flatten)]
    pub line: Line,
    pub reason: SkipReason,
}

/// A problem with one cell that does not stop the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub row: u32,
    pub column: String,
    pub message: String,
}

impl SkippedLine {
    /// The blank rows between two rows read, which the readers leave out.
    pub(crate) fn blank_rows(after: u32, before: u32) -> impl Iterator<Item = SkippedLine> {
        (after + 1..before).map(|blank| SkippedLine {
            line: Line::Row(blank),
            reason: SkipReason::Blank,
        })
    }
}

impl MarkNote {
    /// Notes from mark texts gathered with what they read as and how often, in text order.
    pub(crate) fn from_counts(
        counts: std::collections::BTreeMap<String, (Marks, usize)>,
    ) -> Vec<MarkNote> {
        counts
            .into_iter()
            .map(|(text, (marks, cells))| MarkNote { text, marks, cells })
            .collect()
    }
}

/// One party of a matrix and where its name stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyNote {
    pub name: String,
    pub title: Option<String>,
    pub team: Option<String>,
    #[serde(flatten)]
    pub at: Line,
}

/// A cell text read as marks, and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkNote {
    pub text: String,
    pub marks: Marks,
    pub cells: usize,
}

/// What rolecall understood of one sheet, reported with every audit so a reader can check
/// the reading before trusting the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetNotes {
    pub sheet: Option<String>,
    pub layout: LayoutKind,
    /// Why this layout: the evidence, in words.
    pub layout_reason: String,
    /// How sure the reading is, and every guess that makes it less so.
    pub reading: ReadingDoubt,
    /// Every reading detection weighed, with the evidence for and against it; empty when
    /// the user named the layout.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weighed: Vec<Considered>,
    /// The line naming the columns: a row, or for a transposed matrix the column of names.
    pub header: Line,
    pub columns: Vec<DetectedColumn>,
    /// A matrix's parties; empty for a list.
    pub parties: Vec<PartyNote>,
    /// The scheme a matrix's marks were read in.
    pub scheme: Option<Scheme>,
    /// Distinct mark texts and what they were read as.
    pub marks: Vec<MarkNote>,
    pub merged: Vec<CellRange>,
    /// Lines under the header that held something.
    pub lines_read: usize,
    pub skipped: Vec<SkippedLine>,
    pub warnings: Vec<Warning>,
    /// Set when the sheet is an issue tracker's export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracker: Option<TrackerNotes>,
}

/// What a tracker export held beyond its assignments: the issues nobody is assigned to,
/// which the audit reports, and how many issues were done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerNotes {
    /// The tool whose export was recognised ("Jira", "Trello", ...).
    pub tool: String,
    /// Issues whose status, completion date or archive flag says done.
    pub done: usize,
    /// Whether `--open-only` left the done issues out.
    pub open_only: bool,
    /// The issues with no assignee, in row order.
    pub unassigned: Vec<UnassignedIssue>,
}

/// An issue nobody is assigned to: where its title is, and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnassignedIssue {
    pub row: u32,
    #[serde(serialize_with = "letters")]
    pub column: u32,
    pub task: String,
    pub done: bool,
}

fn letters<S: serde::Serializer>(column: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&column_letters(*column))
}

/// A sheet of the workbook that was not audited, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetSkipped {
    pub sheet: String,
    pub reason: String,
}

/// What rolecall understood of the input, for every report's input section and `inspect`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputNotes {
    pub file: String,
    /// The sheets read, in workbook order.
    pub sheets: Vec<SheetNotes>,
    /// Sheets seen but not read.
    pub sheets_skipped: Vec<SheetSkipped>,
}

/// One party of a responsibility matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub title: Option<String>,
    pub team: Option<String>,
}

/// One task row of a matrix with every party's marks, including tasks nobody is marked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartTask {
    pub text: String,
    pub group: Option<String>,
    pub location: Location,
    /// (index into [`Chart::parties`], marks), for parties with marks only.
    pub marks: Vec<(usize, Marks)>,
    /// Unmarked, and short and verbless like a heading the sheet did not set apart: the
    /// finding that nobody holds it is then said as a doubt, not a fact.
    pub may_be_heading: bool,
    /// Marks on the task's line that were given no RACI meaning: the rules that find
    /// nobody Responsible or Accountable say so with less certainty, as one of them may be.
    pub unread: Vec<UnreadMark>,
}

/// A mark on a chart's task line that was read as no RACI mark: unknown to the scheme and
/// to the sheet's legend, or explained by the legend as something RACI has no letter for
/// ("Q: quality review"). Kept, so that it is listed rather than dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadMark {
    /// Index into [`Chart::parties`].
    pub party: usize,
    /// The cell, as the spreadsheet names it ("E5").
    pub cell: String,
    pub text: String,
    /// The sheet's own words for it, when its legend explains it.
    pub explained: Option<String>,
}

/// A responsibility matrix as read, which the RACI rules check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub sheet: Option<String>,
    pub parties: Vec<Party>,
    pub tasks: Vec<ChartTask>,
}

impl Chart {
    /// Takes the parties `leave_out` names off the chart with their marks, as if their
    /// column had never been there: excluded people break no RACI rule.
    pub fn remove_parties(&mut self, leave_out: impl Fn(&Party) -> bool) {
        let mut new_index = Vec::with_capacity(self.parties.len());
        let mut kept = 0;
        for party in &self.parties {
            if leave_out(party) {
                new_index.push(None);
            } else {
                new_index.push(Some(kept));
                kept += 1;
            }
        }
        if kept == self.parties.len() {
            return;
        }
        let mut index = new_index.iter();
        self.parties
            .retain(|_| index.next().is_some_and(Option::is_some));
        for task in &mut self.tasks {
            task.marks = task
                .marks
                .iter()
                .filter_map(|&(party, marks)| {
                    new_index.get(party).copied().flatten().map(|p| (p, marks))
                })
                .collect();
        }
    }
}

/// The assignments of one sheet and what was learned reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub assignments: Vec<Assignment>,
    pub notes: SheetNotes,
    /// Present when the sheet is a matrix.
    pub chart: Option<Chart>,
}

/// Every sheet read, as one team: the assignments of all of them, their charts and notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub assignments: Vec<Assignment>,
    pub charts: Vec<Chart>,
    pub notes: InputNotes,
    /// Each name as written, to the spelling that stands for its person: the first met of
    /// those that are one name (see [`same_name_key`]).
    spellings: HashMap<Arc<str>, Arc<str>>,
    /// A person's key to that spelling.
    people: HashMap<String, Arc<str>>,
    /// The confusable skeleton of each person's key (UTS #39) to their spelling, so that
    /// names that only look alike are told to the reader.
    lookalikes: HashMap<String, Arc<str>>,
}

/// What makes two written names one person's: the same text once composed (NFC, so a
/// "José" typed with a combining accent is the "José" of the next sheet) and with the
/// characters that render as nothing taken out. Homoglyphs, which render alike but are
/// other letters, stay apart.
fn same_name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc()
        .filter(|&c| !crate::text::renders_as_nothing(c))
        .collect::<String>()
        .trim()
        .to_string()
}

impl Team {
    pub fn new(file: &str) -> Team {
        Team {
            assignments: Vec::new(),
            charts: Vec::new(),
            notes: InputNotes {
                file: file.to_string(),
                sheets: Vec::new(),
                sheets_skipped: Vec::new(),
            },
            spellings: HashMap::new(),
            people: HashMap::new(),
            lookalikes: HashMap::new(),
        }
    }

    pub fn add(&mut self, mut extraction: Extraction) {
        let mut confusable = Vec::new();
        // A reader shares one string among a person's consecutive rows: the same string as
        // the row before is the same spelling, found without hashing the name again (and a
        // name met before has no lookalike to tell of).
        let mut previous: Option<(Arc<str>, Arc<str>)> = None;
        for assignment in &mut extraction.assignments {
            if let Some((written, spelling)) = &previous {
                if Arc::ptr_eq(written, &assignment.person) {
                    assignment.person = spelling.clone();
                    continue;
                }
            }
            let written = assignment.person.clone();
            let (spelling, lookalike) = self.spelling(&written);
            assignment.person = spelling;
            if let Some(other) = lookalike {
                confusable.push((assignment.row, assignment.person.clone(), other));
            }
            previous = Some((written, assignment.person.clone()));
        }
        for party in extraction
            .chart
            .iter_mut()
            .flat_map(|c| c.parties.iter_mut())
        {
            party.name = self.spelling(&party.name).0.to_string();
        }
        for (row, name, other) in confusable {
            let location = Location {
                sheet: extraction.notes.sheet.clone(),
                row: Some(row),
                ..Location::file(self.notes.file.clone())
            };
            extraction.notes.warnings.push(Warning {
                row,
                column: String::new(),
                message: format!(
                    "{location}: \"{name}\" looks like \"{other}\" but is written with other letters, so the two are read as two people; if they are one, write the name one way"
                ),
            });
        }
        // The first sheet's assignments are taken as they are: extending an empty list
        // would copy every one and hold both lists at once.
        if self.assignments.is_empty() {
            self.assignments = extraction.assignments;
        } else {
            self.assignments.extend(extraction.assignments);
        }
        self.charts.extend(extraction.chart);
        self.notes.sheets.push(extraction.notes);
    }

    /// The spelling that stands for the person written `name`, and, the first time a new
    /// person is met whose name looks like an earlier one's, that one. Names repeat down a
    /// sheet, so each written form is composed once.
    fn spelling(&mut self, name: &str) -> (Arc<str>, Option<Arc<str>>) {
        if let Some(spelling) = self.spellings.get(name) {
            return (spelling.clone(), None);
        }
        let written: Arc<str> = Arc::from(name);
        let key = same_name_key(name);
        let mut lookalike = None;
        let spelling = match self.people.get(&key) {
            Some(spelling) => spelling.clone(),
            None => {
                self.people.insert(key.clone(), written.clone());
                let skeleton: String =
                    unicode_security::confusable_detection::skeleton(&key).collect();
                match self.lookalikes.get(&skeleton) {
                    Some(other) => lookalike = Some(other.clone()),
                    None => {
                        self.lookalikes.insert(skeleton, written.clone());
                    }
                }
                written.clone()
            }
        };
        self.spellings.insert(written, spelling.clone());
        (spelling, lookalike)
    }

    /// Refuses an input naming more people than `cap`, checked as each sheet is added:
    /// every person costs the audit a record, a place in its rules' tallies and often a
    /// finding, and a million of them took gigabytes.
    pub fn check_people(&self, cap: usize) -> Result<(), LayoutError> {
        if self.people.len() > cap {
            return Err(LayoutError::TooManyPeople {
                location: Location::file(self.notes.file.clone()),
                people: self.people.len(),
                cap,
            });
        }
        Ok(())
    }

    pub fn skip(&mut self, sheet: String, reason: String) {
        self.notes
            .sheets_skipped
            .push(SheetSkipped { sheet, reason });
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("{location}: the sheet is empty")]
    EmptySheet { location: Location },
    #[error("{location}: no header row found in the first {searched} rows (first row seen: {}); name the columns with --header-row N, --person-column and --task-column", list(first_row))]
    NoHeader {
        location: Location,
        searched: usize,
        first_row: Vec<String>,
    },
    #[error("{location}: no {role} column; pass --{role}-column NAME or a column letter (headers seen: {})", list(seen))]
    MissingColumn {
        location: Location,
        role: ColumnRole,
        seen: Vec<String>,
    },
    #[error("{location}: no column \"{spec}\" in the header row (headers seen: {}); give a header text or a column letter", list(seen))]
    UnknownColumn {
        location: Location,
        spec: String,
        seen: Vec<String>,
    },
    #[error("{location}: the header row is blank; pick another with --header-row N")]
    BlankHeaderRow { location: Location },
    #[error("{location}: no task rows under the header in row {header_row}")]
    NoTasks { location: Location, header_row: u32 },
    #[error("{location}: no {layout} found: {detail}")]
    NoMatrix {
        location: Location,
        layout: LayoutKind,
        detail: String,
    },
    #[error("{location}: the cells split into more tasks (a task for each person named on each line), over the cap of {cap} tasks; raise it with --max-tasks if the file is trusted")]
    TooManyTasks { location: Location, cap: usize },
    #[error("{location}: the input names {people} people, over the cap of {cap} people; raise it with --max-people if the file is trusted")]
    TooManyPeople {
        location: Location,
        people: usize,
        cap: usize,
    },
    #[error("{location}: no recognisable layout: no header row names a person and a task column, and no block of R/A/C/I marks stands under a row of names; {hint}")]
    NoLayout { location: Location, hint: String },
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Reads a sheet in the layout the user named, or the one its content shows.
///
/// The table is taken, not borrowed: a list's rows are freed as they become assignments,
/// so a large sheet is not held twice.
pub fn extract(mut table: RawTable, options: &LayoutOptions) -> Result<Extraction, LayoutError> {
    let merged = std::mem::take(&mut table.merged);
    clear_banners(&mut table, &merged);
    let role_legend = roles::RoleLegend::read(&table);
    let table_location = table.location(None, None);
    // The header is one of the first non-empty rows: what stands above it is read here,
    // before the readers take the table.
    let top: Vec<u32> = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS + 1)
        .map(|r| r.number)
        .collect();
    let sheet = reader::Sheet::new(table);
    let mut extraction = match options.layout {
        Some(kind) => kind.reader().find_named(&sheet, options)?.extract(
            sheet,
            options,
            &format!("named by --layout {kind}"),
        )?,
        None => detect::detect(sheet, options)?,
    };
    extraction.notes.merged = merged;
    let above_header = match extraction.notes.header {
        Line::Row(header) => top.iter().filter(|&&row| row < header).count(),
        Line::Column(_) => 0,
    };
    doubt::assess(&mut extraction, options, above_header);
    role_legend.apply(&mut extraction);
    // A list is checked while its cells are split; a chart's marks are cells, capped on
    // reading, but several sheets together can still pass the cap.
    options.check_tasks(extraction.assignments.len(), || table_location.clone())?;
    Ok(extraction)
}

/// A layout's reason: what was found, after the flag that named the layout if one did.
fn reason(named: &str, found: String) -> String {
    if named.is_empty() {
        found
    } else {
        format!("{named}; {found}")
    }
}

/// A merged range of three or more cells whose text reads as marks ("RACI", "Responsible,
/// Accountable, Consulted, Informed") is a chart's title or subtitle, never a mark: its
/// copies would otherwise read as a party marked on every task. Such ranges are blanked.
/// A title merged across three or more columns, alone in its rows, keeps only its first
/// cell: copied across, it would give every column the same label.
fn clear_banners(table: &mut RawTable, merged: &[crate::input::CellRange]) {
    for range in merged {
        let cells =
            (u64::from(range.bottom - range.top) + 1) * (u64::from(range.right - range.left) + 1);
        if cells < 3 {
            continue;
        }
        let Some(text) = table
            .rows
            .iter()
            .find(|r| r.number == range.top)
            .and_then(|r| r.get(range.left))
            .map(|t| t.trim().to_string())
        else {
            continue;
        };
        let alone_in_its_rows = table
            .rows
            .iter()
            .filter(|r| (range.top..=range.bottom).contains(&r.number))
            .all(|r| {
                r.cells
                    .iter()
                    .all(|c| (range.left..=range.right).contains(&c.column))
            });
        if !marks::reads_as_marks(&text) {
            // A title across the top ("Software X - Post Implementation"), the only text of
            // its rows: kept once, where it was written, so no line reads it as its own.
            if alone_in_its_rows && range.right > range.left + 1 {
                for row in table
                    .rows
                    .iter_mut()
                    .filter(|r| (range.top..=range.bottom).contains(&r.number))
                {
                    row.cells.retain(|c| {
                        (c.column == range.left && row.number == range.top)
                            || !(range.left..=range.right).contains(&c.column)
                    });
                }
            }
            continue;
        }
        for row in table
            .rows
            .iter_mut()
            .filter(|r| (range.top..=range.bottom).contains(&r.number))
        {
            row.cells.retain(|c| {
                !(range.left..=range.right).contains(&c.column) || c.text.trim() != text
            });
        }
    }
    table.rows.retain(|r| !r.cells.is_empty());
}

#[cfg(test)]
mod tests;
