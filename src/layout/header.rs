//! Finding the header row and what each column holds, from the words people use in headers.

use std::fmt;

use crate::input::{parse_column_letters, RawRow, RawTable};

use super::{vocabulary, LayoutError, Line};

/// How many rows from the top are searched for a header: enough for a banner, a subtitle
/// and some notes, few enough that a data row is not mistaken for one.
pub const HEADER_SEARCH_ROWS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    Person,
    Title,
    Team,
    Task,
    Effort,
    /// The task group: a phase, stage or workstream.
    Group,
}

impl ColumnRole {
    pub const ALL: [ColumnRole; 6] = [
        ColumnRole::Person,
        ColumnRole::Title,
        ColumnRole::Team,
        ColumnRole::Task,
        ColumnRole::Effort,
        ColumnRole::Group,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ColumnRole::Person => "person",
            ColumnRole::Title => "title",
            ColumnRole::Team => "team",
            ColumnRole::Task => "task",
            ColumnRole::Effort => "effort",
            ColumnRole::Group => "group",
        }
    }

    /// Header words that name this role, already normalised by [`normalise_header`].
    pub(super) fn synonyms(self) -> &'static [&'static str] {
        match self {
            ColumnRole::Person => vocabulary::PERSON_HEADERS,
            ColumnRole::Title => vocabulary::TITLE_HEADERS,
            ColumnRole::Team => vocabulary::TEAM_HEADERS,
            ColumnRole::Task => vocabulary::TASK_HEADERS,
            ColumnRole::Effort => vocabulary::EFFORT_HEADERS,
            ColumnRole::Group => vocabulary::GROUP_HEADERS,
        }
    }
}

impl fmt::Display for ColumnRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Lowercase, punctuation to spaces (keeping `%`), whitespace collapsed.
pub fn normalise_header(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '%' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .filter(|w| !is_header_filler(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words a header reads the same without ("Hours per week", "% of time"), in any case.
pub fn is_header_filler(word: &str) -> bool {
    ["per", "the", "of", "in", "a"]
        .iter()
        .any(|filler| filler.eq_ignore_ascii_case(word))
}

/// A user's `--x-column` value: a header text or a column letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec(pub String);

/// How a column's role was decided, for the input notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decided {
    /// Its header text names the role.
    Header,
    /// What the column holds: the most text beside a block of marks.
    Content,
    /// The user named it.
    Override,
    /// The learned column reader chose it from what its cells hold, when no header word
    /// named it: always said as a doubt.
    Learned,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DetectedColumn {
    pub role: ColumnRole,
    /// A column; a row when a transposed matrix lists its tasks across one.
    #[serde(flatten)]
    pub at: Line,
    pub header: String,
    pub decided: Decided,
}

/// User overrides for the layout guesses, and the cap on what a sheet may fan out into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutOptions {
    /// `None`: detected per sheet.
    pub layout: Option<super::LayoutKind>,
    pub scheme: super::Scheme,
    pub header_row: Option<u32>,
    pub columns: Vec<(ColumnRole, ColumnSpec)>,
    /// Most tasks (one per person and task) of the whole input: a few kilobytes of cells
    /// listing `x;x;x…` beside many names split into millions, past every cell cap.
    pub max_tasks: usize,
    /// Tasks the sheets read before this one gave, counted against `max_tasks`.
    pub tasks_before: usize,
    /// Leave a tracker export's done issues out (`--open-only`).
    pub open_only: bool,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            layout: None,
            scheme: super::Scheme::default(),
            header_row: None,
            columns: Vec::new(),
            max_tasks: crate::input::Limits::default().max_tasks,
            tasks_before: 0,
            open_only: false,
        }
    }
}

impl LayoutOptions {
    /// The error for a sheet whose tasks, with those read before it, pass the cap.
    pub(super) fn check_tasks(
        &self,
        tasks: usize,
        location: impl FnOnce() -> crate::input::Location,
    ) -> Result<(), super::LayoutError> {
        if self.tasks_before.saturating_add(tasks) > self.max_tasks {
            return Err(super::LayoutError::TooManyTasks {
                location: location(),
                cap: self.max_tasks,
            });
        }
        Ok(())
    }
}

/// The header row (1-based) and the columns given a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub row: u32,
    pub columns: Vec<DetectedColumn>,
    /// A later row of the search that names a person and a task column too, in other
    /// words: the first was taken, and the reading says it guessed.
    pub rival: Option<u32>,
    /// When the learned column reader chose a column: what it chose and how sure it was,
    /// in words, for the reading's doubts.
    pub learned: Option<String>,
    /// Set when the header is a tracker export's: its rows are then read as issues.
    pub(crate) tracker: Option<Box<super::tracker::Export>>,
}

impl Header {
    pub fn column(&self, role: ColumnRole) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.role == role)
            .and_then(|c| c.at.column())
    }

    /// The person and task columns found, in words, for the notes.
    pub(super) fn evidence(&self) -> String {
        let named = |role: ColumnRole| {
            self.columns
                .iter()
                .find(|c| c.role == role)
                .and_then(|c| {
                    let letters = crate::input::column_letters(c.at.column()?);
                    let how = if c.decided == Decided::Learned {
                        ", chosen by what its cells hold"
                    } else {
                        ""
                    };
                    Some(format!("{letters} \"{}\"{how}", c.header))
                })
                .unwrap_or_default()
        };
        let verb = if self.learned.is_some() {
            "heads"
        } else {
            "names"
        };
        format!(
            "row {} {verb} a person column ({}) and a task column ({})",
            self.row,
            named(ColumnRole::Person),
            named(ColumnRole::Task)
        )
    }

    pub fn header_text(&self, role: ColumnRole) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.role == role)
            .map(|c| c.header.as_str())
    }
}

fn role_by_header(normalised: &str) -> Option<ColumnRole> {
    ColumnRole::ALL
        .into_iter()
        .find(|role| role.synonyms().contains(&normalised))
}

/// A header such as "Task owner" or "Hours / week" that contains a synonym as a word: the
/// last such word wins, since English puts the head noun last; except that "name" after
/// another role's word names that thing ("Task Name" is the task, "Team name" the team).
fn role_by_word(normalised: &str) -> Option<ColumnRole> {
    let mut roles = normalised
        .split(' ')
        .rev()
        .filter_map(|word| role_by_header(word).map(|role| (word, role)));
    let (word, role) = roles.next()?;
    if role == ColumnRole::Person && matches!(word, "name" | "names") {
        if let Some((_, earlier)) = roles.find(|(_, r)| *r != ColumnRole::Person) {
            return Some(earlier);
        }
    }
    Some(role)
}

/// The role a header text names, as a whole or by its head word.
pub(super) fn role_named_by(header: &str) -> Option<ColumnRole> {
    let normalised = normalise_header(header);
    role_by_header(&normalised).or_else(|| role_by_word(&normalised))
}

/// Assigns roles to the cells of one candidate header row. Overrides first, then exact
/// header names, then headers containing a synonym word; each role and column once.
fn classify(row: &RawRow, options: &LayoutOptions) -> Result<Vec<DetectedColumn>, ColumnSpec> {
    let mut columns: Vec<DetectedColumn> = Vec::new();
    let header_of = |column: u32| row.get(column).unwrap_or("").trim().to_string();
    for (role, spec) in &options.columns {
        let column = resolve_spec(row, spec).ok_or_else(|| spec.clone())?;
        columns.retain(|c| c.role != *role);
        columns.push(DetectedColumn {
            role: *role,
            at: Line::Column(column),
            header: header_of(column),
            decided: Decided::Override,
        });
    }
    for matcher in [role_by_header, role_by_word] {
        for cell in &row.cells {
            if columns.iter().any(|c| c.at == Line::Column(cell.column)) {
                continue;
            }
            let Some(role) = matcher(&normalise_header(&cell.text)) else {
                continue;
            };
            if columns.iter().any(|c| c.role == role) {
                continue;
            }
            columns.push(DetectedColumn {
                role,
                at: Line::Column(cell.column),
                header: cell.text.trim().to_string(),
                decided: Decided::Header,
            });
        }
    }
    // Lists often give a task more than one person column ("Assigned-1", "Assigned-2";
    // "Names" under build and again under testing): every one of them names people.
    if let Some(first) = columns.iter().position(|c| c.role == ColumnRole::Person) {
        let decided = columns[first].decided;
        for cell in &row.cells {
            let taken = columns.iter().any(|c| c.at == Line::Column(cell.column));
            if !taken && role_named_by(&cell.text) == Some(ColumnRole::Person) {
                columns.push(DetectedColumn {
                    role: ColumnRole::Person,
                    at: Line::Column(cell.column),
                    header: cell.text.trim().to_string(),
                    decided,
                });
            }
        }
    }
    columns.sort_by_key(|c| c.at);
    Ok(columns)
}

/// A spec names a header (exact text, then normalised) before it is read as a column letter,
/// so a header literally called "A" or "ID" still works.
pub(super) fn resolve_spec(row: &RawRow, spec: &ColumnSpec) -> Option<u32> {
    let wanted = spec.0.trim();
    row.cells
        .iter()
        .find(|c| c.text.trim() == wanted)
        .or_else(|| {
            let wanted = normalise_header(wanted);
            row.cells
                .iter()
                .find(|c| normalise_header(&c.text) == wanted)
        })
        .map(|c| c.column)
        .or_else(|| parse_column_letters(wanted))
}

/// The column the user named for `role`, found in `row`: `None` when none was named,
/// `Some(Err(spec))` when the row has no column of that header.
pub(super) fn named_column<'a>(
    options: &'a LayoutOptions,
    role: ColumnRole,
    row: &RawRow,
) -> Option<Result<u32, &'a ColumnSpec>> {
    let (_, spec) = options.columns.iter().find(|(r, _)| *r == role)?;
    Some(resolve_spec(row, spec).ok_or(spec))
}

/// The columns the user named for `roles`, found in `row` (`None` where none was named),
/// or the near miss to tell when the row lacks one of them.
pub(super) fn named_columns<const N: usize>(
    options: &LayoutOptions,
    roles: [ColumnRole; N],
    row: &RawRow,
) -> Result<[Option<u32>; N], String> {
    let mut found = [None; N];
    for (slot, role) in found.iter_mut().zip(roles) {
        *slot = named_column(options, role, row).transpose().map_err(|_| {
            format!(
                "row {} has no column of the header named on the command line",
                row.number
            )
        })?;
    }
    Ok(found)
}

/// The rows a header is looked for in: the one `--header-row` names, or the top rows.
pub(super) fn header_candidates<'a>(
    table: &'a RawTable,
    options: &LayoutOptions,
) -> impl Iterator<Item = &'a RawRow> {
    let named = options.header_row;
    table
        .rows
        .iter()
        .filter(move |r| named.is_none_or(|n| r.number == n))
        .take(if named.is_some() {
            1
        } else {
            HEADER_SEARCH_ROWS
        })
}

/// Whether two rows say the same words: a header repeated is no rival to itself.
fn same_texts(a: &RawRow, b: &RawRow) -> bool {
    let texts = |row: &RawRow| -> Vec<String> {
        row.cells
            .iter()
            .map(|c| normalise_header(&c.text))
            .collect()
    };
    texts(a) == texts(b)
}

fn has(columns: &[DetectedColumn], role: ColumnRole) -> bool {
    columns.iter().any(|c| c.role == role)
}

/// Finds the header: the given `--header-row`, or the first of the top rows that names both
/// a person and a task column.
pub fn detect(table: &RawTable, options: &LayoutOptions) -> Result<Header, LayoutError> {
    let sheet_location = || table.location(None, None);
    if table.rows.is_empty() {
        return Err(LayoutError::EmptySheet {
            location: sheet_location(),
        });
    }
    let seen = |row: &RawRow| {
        row.cells
            .iter()
            .map(|c| c.text.trim().to_string())
            .collect()
    };
    let candidates: Vec<&RawRow> = match options.header_row {
        Some(number) => match table.rows.iter().find(|r| r.number == number) {
            Some(row) => vec![row],
            None => {
                return Err(LayoutError::BlankHeaderRow {
                    location: table.location(Some(number), None),
                })
            }
        },
        None => table.rows.iter().take(HEADER_SEARCH_ROWS).collect(),
    };
    let mut best_partial: Option<(&RawRow, Vec<DetectedColumn>)> = None;
    // A header text the user named is looked for in every candidate row; only when no row
    // has it is that the error, shown against the first row.
    let mut unresolved: Option<LayoutError> = None;
    for (index, row) in candidates.iter().enumerate() {
        let columns = match classify(row, options) {
            Ok(columns) => columns,
            Err(spec) => {
                unresolved.get_or_insert_with(|| LayoutError::UnknownColumn {
                    location: table.location(Some(row.number), None),
                    spec: spec.0,
                    seen: seen(row),
                });
                continue;
            }
        };
        if has(&columns, ColumnRole::Person) && has(&columns, ColumnRole::Task) {
            let rival = candidates[index + 1..]
                .iter()
                .find(|other| {
                    other.cells.len() > 1
                        && !same_texts(row, other)
                        && classify(other, options)
                            .is_ok_and(|c| has(&c, ColumnRole::Person) && has(&c, ColumnRole::Task))
                })
                .map(|other| other.number);
            return Ok(Header {
                row: row.number,
                columns,
                rival,
                learned: None,
                tracker: None,
            });
        }
        let score = columns.len();
        if score > 0 && best_partial.as_ref().is_none_or(|(_, c)| score > c.len()) {
            best_partial = Some((row, columns));
        }
    }
    if let (None, Some(error)) = (&best_partial, unresolved) {
        return Err(error);
    }
    if let Some(header) = learned_header(table, &candidates, options) {
        return Ok(header);
    }
    match best_partial {
        Some((row, columns)) => {
            let missing = if has(&columns, ColumnRole::Task) {
                ColumnRole::Person
            } else {
                ColumnRole::Task
            };
            Err(LayoutError::MissingColumn {
                location: table.location(Some(row.number), None),
                role: missing,
                seen: seen(row),
            })
        }
        None => Err(LayoutError::NoHeader {
            location: sheet_location(),
            searched: candidates.len(),
            first_row: candidates.first().map(|r| seen(r)).unwrap_or_default(),
        }),
    }
}

/// The header the learned column reader finds among `candidates` when the header words found
/// none, with the roles the words did find on that row kept and the task and person
/// columns they missed filled in; `None` when the reader is not sure of both (under
/// [`learned::BAR`](super::learned::BAR)) or the user named columns it would overrule.
fn learned_header(
    table: &RawTable,
    candidates: &[&RawRow],
    options: &LayoutOptions,
) -> Option<Header> {
    let named = |role| options.columns.iter().any(|(r, _)| *r == role);
    if named(ColumnRole::Task) && named(ColumnRole::Person) {
        return None;
    }
    let guess = super::learned::guess(
        super::learned::shipped()?,
        table,
        candidates.iter().copied(),
    )?;
    if guess.task_probability < super::learned::BAR
        || guess.person_probability < super::learned::BAR
    {
        return None;
    }
    let row = candidates.iter().find(|r| r.number == guess.header)?;
    let mut columns = classify(row, options).ok()?;
    let mut chose = Vec::new();
    for (role, column, probability) in [
        (ColumnRole::Task, guess.task, guess.task_probability),
        (ColumnRole::Person, guess.person, guess.person_probability),
    ] {
        if has(&columns, role) || columns.iter().any(|c| c.at == Line::Column(column)) {
            continue;
        }
        let header = row.get(column).unwrap_or("").trim().to_string();
        chose.push(format!(
            "{role} = column {} \"{header}\" ({:.0}% sure)",
            crate::input::column_letters(column),
            probability * 100.0
        ));
        columns.push(DetectedColumn {
            role,
            at: Line::Column(column),
            header,
            decided: Decided::Learned,
        });
    }
    if !(has(&columns, ColumnRole::Task) && has(&columns, ColumnRole::Person)) {
        return None;
    }
    columns.sort_by_key(|c| c.at);
    Some(Header {
        row: row.number,
        columns,
        learned: (!chose.is_empty()).then(|| {
            format!(
                "no header word names the columns, so they were chosen by what their cells hold: {}",
                chose.join(", ")
            )
        }),
        tracker: None,
        rival: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, texts: &[&str]) -> RawRow {
        RawRow::from_texts(number, texts)
    }

    fn table(rows: Vec<RawRow>) -> RawTable {
        RawTable {
            file: "t.csv".into(),
            sheet: None,
            rows,
            merged: Vec::new(),
        }
    }

    fn roles(header: &Header) -> Vec<(ColumnRole, u32)> {
        header
            .columns
            .iter()
            .filter_map(|c| Some((c.role, header.column(c.role)?)))
            .collect()
    }

    #[test]
    fn normalises_case_and_punctuation() {
        assert_eq!(normalise_header("  Hours / Week "), "hours week");
        assert_eq!(normalise_header("% Time"), "% time");
        assert_eq!(normalise_header("Job-Title"), "job title");
        assert_eq!(normalise_header("What THEY do?"), "what they do");
    }

    #[test]
    fn finds_header_below_a_banner() {
        let t = table(vec![
            row(1, &["Team audit, Q3"]),
            row(3, &["Employee", "Position", "Squad", "Duties", "% time"]),
            row(4, &["Ana", "PM", "Core", "Roadmap", "50%"]),
        ]);
        let header = detect(&t, &LayoutOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(header.row, 3);
        use ColumnRole::*;
        assert_eq!(
            roles(&header),
            vec![(Person, 0), (Title, 1), (Team, 2), (Task, 3), (Effort, 4)]
        );
    }

    #[test]
    fn contained_words_and_head_noun() {
        let t = table(vec![row(1, &["Task owner", "Task", "Hours / week"])]);
        let header = detect(&t, &LayoutOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        use ColumnRole::*;
        assert_eq!(roles(&header), vec![(Person, 0), (Task, 1), (Effort, 2)]);
    }

    #[test]
    fn overrides_win_by_header_text_or_letter() {
        let t = table(vec![row(1, &["Who", "Notes", "Task"])]);
        let options = LayoutOptions {
            columns: vec![(ColumnRole::Task, ColumnSpec("notes".into()))],
            ..LayoutOptions::default()
        };
        let header = detect(&t, &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(header.column(ColumnRole::Task), Some(1));
        let t = table(vec![row(1, &["Notes", "Who", "Task"])]);
        let options = LayoutOptions {
            header_row: Some(1),
            columns: vec![(ColumnRole::Person, ColumnSpec("a".into()))],
            ..LayoutOptions::default()
        };
        let header = detect(&t, &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(header.column(ColumnRole::Person), Some(0));
        assert_eq!(header.column(ColumnRole::Task), Some(2));
    }

    #[test]
    fn missing_task_column_is_named() {
        let t = table(vec![row(1, &["Name", "Notes"]), row(2, &["Ana", "x"])]);
        match detect(&t, &LayoutOptions::default()) {
            Err(LayoutError::MissingColumn { role, .. }) => assert_eq!(role, ColumnRole::Task),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn no_header_at_all() {
        let t = table(vec![row(1, &["1", "2"]), row(2, &["3", "4"])]);
        assert!(matches!(
            detect(&t, &LayoutOptions::default()),
            Err(LayoutError::NoHeader { .. })
        ));
    }
}
