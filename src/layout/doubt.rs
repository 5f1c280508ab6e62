//! How sure a reading is. Every place a reader guesses (which way round a chart runs,
//! which row is the header, which column holds the tasks, what a mark means) can leave a
//! [`Doubt`] on the sheet's notes: a short sentence with its evidence and the flag or
//! command that settles it. A report built on a wrong guess reads as confidently as any
//! other, so the doubts are said aloud when together they weigh enough.
//!
//! # The rule
//!
//! Each kind of doubt has a factor in (0, 1] ([`DoubtKind::factor`]); a reading's
//! confidence is the product of the factors of its doubts, rounded to two decimals, 1.0
//! with none. A reading under [`CONFIDENCE_BAR`] is *in doubt*: stderr, page 1 and the
//! reports say so, and `--strict-reading` stops the run. The factors are set so that one
//! strong doubt (a close call between layouts, marks the scheme does not know, many rows
//! left out, several tables) crosses the bar alone, and a weak one (a header found far
//! down, a column chosen by its content, names filled down, a sheet chosen among several)
//! only with another: each weak one is common in sheets read right.
//!
//! # Adding a doubt
//!
//! One call where the guess is made, on the notes being built:
//! `notes.reading.add(DoubtKind::X, "what was guessed, with its evidence", "the flag that settles it")`.
//! A new source of doubt is a new [`DoubtKind`] with its factor (and its name in README's
//! table).

use serde::Serialize;

use super::{
    ColumnRole, Decided, Extraction, LayoutKind, LayoutOptions, Line, SheetNotes, SkipReason,
};

/// Readings less sure than this are said to be in doubt.
pub const CONFIDENCE_BAR: f64 = 0.75;

/// Where a doubt comes from; each kind weighs by its own factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoubtKind {
    /// The chart read nearly as well the other way round.
    CloseLayout,
    /// A reading of another kind fits too, and lost by the order of preference alone.
    OtherLayoutFits,
    /// The header was found below many lines of text, or another row would serve as well.
    Header,
    /// A task or person column chosen by what it holds, not by its header.
    ColumnByContent,
    /// A list's task and person columns chosen by the learned column reader, no header
    /// word naming them: always said.
    LearnedColumns,
    /// Cells where marks stand that the scheme does not know, left out.
    UnknownMarks,
    /// Many lines under the header left out, or read as tasks nobody holds.
    LinesLeftOut,
    /// Names written once and carried down over the rows under them.
    FillDown,
    /// Unmarked lines of a chart taken as headings by their shape alone.
    HeadingByShape,
    /// The sheet holds more than one table.
    SeveralTables,
    /// The first readable sheet of several was taken.
    SheetChosen,
    /// A learned reading of the lines' kinds was unsure of some of them.
    LineKinds,
    /// Marks read by the sheet's own legend: letters no scheme knows, or meanings outside
    /// RACI kept aside. The sheet says what they mean, so this weighs little.
    LegendMarks,
    /// The sheet's legend gives one of the scheme's own letters another meaning ("A |
    /// Auxiliary"): a key read wrong would turn every such mark.
    LegendRedefines,
}

impl DoubtKind {
    /// The kind's name, as JSON and `inspect` give it.
    pub fn name(self) -> &'static str {
        match self {
            DoubtKind::CloseLayout => "close-layout",
            DoubtKind::OtherLayoutFits => "other-layout-fits",
            DoubtKind::Header => "header",
            DoubtKind::ColumnByContent => "column-by-content",
            DoubtKind::LearnedColumns => "learned-columns",
            DoubtKind::UnknownMarks => "unknown-marks",
            DoubtKind::LinesLeftOut => "lines-left-out",
            DoubtKind::FillDown => "fill-down",
            DoubtKind::HeadingByShape => "heading-by-shape",
            DoubtKind::SeveralTables => "several-tables",
            DoubtKind::SheetChosen => "sheet-chosen",
            DoubtKind::LineKinds => "line-kinds",
            DoubtKind::LegendMarks => "legend-marks",
            DoubtKind::LegendRedefines => "legend-redefines",
        }
    }

    /// How much of the confidence this kind of doubt leaves standing.
    pub fn factor(self) -> f64 {
        match self {
            DoubtKind::CloseLayout => 0.6,
            DoubtKind::OtherLayoutFits
            | DoubtKind::LearnedColumns
            | DoubtKind::UnknownMarks
            | DoubtKind::LinesLeftOut
            | DoubtKind::SeveralTables => 0.7,
            DoubtKind::Header
            | DoubtKind::ColumnByContent
            | DoubtKind::SheetChosen
            | DoubtKind::LineKinds
            | DoubtKind::LegendRedefines => 0.85,
            DoubtKind::FillDown | DoubtKind::HeadingByShape => 0.9,
            DoubtKind::LegendMarks => 0.95,
        }
    }
}

/// One guess a reader made, with its evidence and what settles it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doubt {
    pub kind: DoubtKind,
    pub factor: f64,
    /// What was guessed, and the evidence for doubting it.
    pub says: String,
    /// The flag or command that settles it.
    pub settle: String,
}

impl Doubt {
    /// The doubt in one phrase: what was guessed, then what settles it.
    pub fn sentence(&self) -> String {
        format!("{} ({})", self.says, self.settle)
    }
}

/// How sure the reading of one sheet is, and why not surer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingDoubt {
    /// The product of the doubts' factors, 0 to 1.
    pub confidence: f64,
    /// Under [`CONFIDENCE_BAR`]: said aloud, and stopped by `--strict-reading`.
    pub in_doubt: bool,
    pub bar: f64,
    pub doubts: Vec<Doubt>,
}

impl Default for ReadingDoubt {
    fn default() -> ReadingDoubt {
        ReadingDoubt {
            confidence: 1.0,
            in_doubt: false,
            bar: CONFIDENCE_BAR,
            doubts: Vec::new(),
        }
    }
}

impl ReadingDoubt {
    /// Records a doubt of `kind`, at its kind's factor.
    pub fn add(&mut self, kind: DoubtKind, says: impl Into<String>, settle: impl Into<String>) {
        self.add_weighed(kind, kind.factor(), says, settle);
    }

    /// Records a doubt at a factor of its own, for evidence that comes graded (a learned
    /// classifier's probability): clamped to (0, 1].
    pub fn add_weighed(
        &mut self,
        kind: DoubtKind,
        factor: f64,
        says: impl Into<String>,
        settle: impl Into<String>,
    ) {
        let factor = if factor.is_finite() {
            factor.clamp(0.01, 1.0)
        } else {
            1.0
        };
        self.doubts.push(Doubt {
            kind,
            factor,
            says: says.into(),
            settle: settle.into(),
        });
        let product: f64 = self.doubts.iter().map(|d| d.factor).product();
        // Two decimals: what is shown, so the figure compared with the bar is the one read.
        self.confidence = (product * 100.0).round() / 100.0;
        self.in_doubt = self.confidence < CONFIDENCE_BAR;
    }

    /// The doubts as one line: each one's sentence, joined by "; ".
    pub fn summary(&self) -> String {
        self.doubts
            .iter()
            .map(Doubt::sentence)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// More non-empty lines than this above the header, and the header may be a table's
/// further down, under another table or a block of notes.
const LINES_ABOVE_HEADER: usize = 5;

/// At least this many lines, and this share of those read, left out or without an owner
/// make the reading doubtful: a header or a column taken wrong leaves most lines unread.
const LEFT_OUT_LINES: usize = 3;
const LEFT_OUT_SHARE: f64 = 0.25;

/// The factor of a chart's task line found by what it holds (see [`assess`]).
const MATRIX_COLUMN_FACTOR: f64 = 0.95;

/// This many unmarked tasks that read like headings make the reading doubtful.
const HEADING_LIKE_TASKS: usize = 2;

/// The doubts to be read from a sheet's notes once it is read: the header's place, the
/// columns chosen by their content, and the lines left out. `above_header` is how many
/// non-empty rows stand above the header row; the user's flags settle what they name.
pub(super) fn assess(extraction: &mut Extraction, options: &LayoutOptions, above_header: usize) {
    let notes = &mut extraction.notes;
    if options.header_row.is_none() && above_header > LINES_ABOVE_HEADER {
        if let Line::Row(row) = notes.header {
            notes.reading.add(
                DoubtKind::Header,
                format!(
                    "the header was found in row {row}, under {above_header} lines of other text"
                ),
                "pass --header-row N if the table starts elsewhere",
            );
        }
    }
    for column in &notes.columns {
        if column.decided != Decided::Content
            || !matches!(column.role, ColumnRole::Task | ColumnRole::Person)
        {
            continue;
        }
        let header = if column.header.is_empty() {
            "no header".to_string()
        } else {
            format!("header \"{}\"", column.header)
        };
        // A chart's corner cell often holds its title or nothing: its task line is
        // found by what it holds as a rule, which is a slighter doubt than a list's.
        let factor = match notes.layout {
            LayoutKind::Matrix | LayoutKind::Transposed => MATRIX_COLUMN_FACTOR,
            _ => DoubtKind::ColumnByContent.factor(),
        };
        notes.reading.add_weighed(
            DoubtKind::ColumnByContent,
            factor,
            format!(
                "the {} {} ({header}) was chosen by what it holds, not by its header",
                column.role, column.at
            ),
            format!("pass --{}-column NAME if it is another", column.role),
        );
    }
    left_out(extraction);
    several_tables(&mut extraction.notes);
}

/// A list whose header comes again lower down holds more than one table, read as one:
/// their columns may differ. (A chart repeats its header under each phase, and is not
/// doubted for it.)
fn several_tables(notes: &mut SheetNotes) {
    if notes.layout != LayoutKind::List {
        return;
    }
    let again: Vec<String> = notes
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::RepeatedHeader)
        .map(|s| s.line.to_string())
        .collect();
    if let Some(first) = again.first() {
        notes.reading.add(
            DoubtKind::SeveralTables,
            format!(
                "the header comes again ({first}{}): the sheet may hold several tables, read as one",
                if again.len() > 1 { format!(" and {} more", again.len() - 1) } else { String::new() }
            ),
            "pass --header-row N to read one of them",
        );
    }
}

/// Lines under the header left out for want of a person or a task, or read as tasks
/// nobody is marked on; and apart, unmarked tasks that read like headings, which a chart
/// that set its headings apart some other way would not have made tasks.
fn left_out(extraction: &mut Extraction) {
    let notes = &mut extraction.notes;
    let count = |reason: SkipReason| notes.skipped.iter().filter(|s| s.reason == reason).count();
    let (no_person, no_task) = (count(SkipReason::NoPerson), count(SkipReason::NoTask));
    let unmarked = |heading_like: bool| {
        extraction.chart.as_ref().map_or(0, |chart| {
            chart
                .tasks
                .iter()
                .filter(|t| t.marks.is_empty() && t.may_be_heading == heading_like)
                .count()
        })
    };
    let (unowned, heading_like) = (unmarked(false), unmarked(true));
    let read = notes.lines_read.max(1);
    if heading_like >= HEADING_LIKE_TASKS {
        notes.reading.add(
            DoubtKind::LinesLeftOut,
            format!("{heading_like} tasks marked for nobody are short and verbless, like headings the sheet did not set apart"),
            "rolecall inspect lists them; if they are headings, the findings that nobody holds them are not",
        );
    }
    let left = no_person + no_task + unowned;
    if left < LEFT_OUT_LINES || (left as f64) < read as f64 * LEFT_OUT_SHARE {
        return;
    }
    let mut parts = Vec::new();
    for (n, what) in [
        (no_person, "no person"),
        (no_task, "no task"),
        (unowned, "tasks marked for nobody"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    notes.reading.add(
        DoubtKind::LinesLeftOut,
        format!(
            "{left} of {read} lines under the header were left out or have no owner ({})",
            parts.join(", ")
        ),
        "rolecall inspect lists them; pass --header-row N or name the columns if the table is elsewhere",
    );
}

/// The factor of names carried down in a sheet that otherwise writes them on each row.
const FILL_DOWN_AGAINST_THE_SHEET: f64 = 0.7;

/// How a list's rows of work name their person, counted as they are read: carrying a
/// name down is the sheet's way when it writes a name once over its rows, but when it
/// writes the name on row after row, a row without one is more likely nobody's.
#[derive(Debug, Default)]
pub(super) struct FillDown {
    work_rows: usize,
    filled_down: usize,
    /// Rows whose person is written right under a row of work that wrote one.
    written_again: usize,
    previous_written: bool,
}

impl FillDown {
    /// One row of work: whether it writes its person, and if not, whether one was above.
    pub fn row(&mut self, written: bool, person_above: bool) {
        self.work_rows += 1;
        self.filled_down += usize::from(!written && person_above);
        self.written_again += usize::from(written && self.previous_written);
        self.previous_written = written;
    }

    pub fn doubt(&self, reading: &mut ReadingDoubt) {
        if self.filled_down == 0 {
            return;
        }
        let written = self.work_rows - self.filled_down;
        let (factor, why) = if self.written_again * 2 >= written {
            (
                FILL_DOWN_AGAINST_THE_SHEET,
                "; the sheet writes the person on row after row, so those may be nobody's",
            )
        } else {
            (DoubtKind::FillDown.factor(), "")
        };
        reading.add_weighed(
            DoubtKind::FillDown,
            factor,
            format!(
                "the person was carried down from a row above onto {} of {} rows of work that leave it blank{why}",
                self.filled_down, self.work_rows
            ),
            "rolecall inspect shows the rows; write the name on each row if they are not that person's",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_doubt_is_full_confidence() {
        let sure = ReadingDoubt::default();
        assert_eq!(sure.confidence, 1.0);
        assert!(!sure.in_doubt);
    }

    #[test]
    fn one_strong_doubt_crosses_the_bar_and_a_weak_one_needs_another() {
        let mut strong = ReadingDoubt::default();
        strong.add(DoubtKind::CloseLayout, "close", "--layout transposed");
        assert_eq!(strong.confidence, 0.6);
        assert!(strong.in_doubt);

        let mut weak = ReadingDoubt::default();
        weak.add(DoubtKind::Header, "far down", "--header-row N");
        assert_eq!(weak.confidence, 0.85);
        assert!(!weak.in_doubt);
        weak.add(DoubtKind::ColumnByContent, "by content", "--task-column");
        assert_eq!(weak.confidence, 0.72);
        assert!(weak.in_doubt);
        assert_eq!(
            weak.summary(),
            "far down (--header-row N); by content (--task-column)"
        );
    }

    #[test]
    fn a_weighed_factor_is_kept_in_range() {
        let mut doubt = ReadingDoubt::default();
        doubt.add_weighed(DoubtKind::LinesLeftOut, f64::NAN, "x", "y");
        doubt.add_weighed(DoubtKind::LinesLeftOut, 7.0, "x", "y");
        assert_eq!(doubt.confidence, 1.0);
        doubt.add_weighed(DoubtKind::LinesLeftOut, -1.0, "x", "y");
        assert_eq!(doubt.confidence, 0.01);
    }

    #[test]
    fn names_carried_down_weigh_more_where_the_sheet_writes_them_on_each_row() {
        // Ana, (blank), (blank), Bo, (blank): the name is written once over its rows.
        let mut blocks = FillDown::default();
        for written in [true, false, false, true, false] {
            blocks.row(written, true);
        }
        let mut reading = ReadingDoubt::default();
        blocks.doubt(&mut reading);
        assert_eq!(reading.confidence, 0.9);

        // A name on every row but the last: that row is more likely nobody's.
        let mut each_row = FillDown::default();
        for written in [true, true, true, true, false] {
            each_row.row(written, true);
        }
        let mut reading = ReadingDoubt::default();
        each_row.doubt(&mut reading);
        assert_eq!(reading.confidence, 0.7);
        assert!(reading.in_doubt);
        assert!(
            reading.summary().contains("1 of 5 rows"),
            "{}",
            reading.summary()
        );

        let mut none = FillDown::default();
        none.row(true, false);
        let mut reading = ReadingDoubt::default();
        none.doubt(&mut reading);
        assert!(reading.doubts.is_empty());
    }
}
