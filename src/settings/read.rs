//! The options of reading a sheet, which `audit` and `inspect` share: the file, which of
//! its sheets, how to read their layout, and the caps that keep a hostile file from taking
//! the run down.

use crate::cli::{InputArgs, LayoutArg, LimitArgs, SchemeArg};
use crate::input::{InputPath, Isolation, Limits, SheetSelector};
use crate::layout::{ColumnRole, ColumnSpec, LayoutKind, LayoutOptions, Scheme};
use crate::progress::Progress;

use super::UsageError;

/// Which sheets of a workbook to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetChoice {
    /// The first sheet with a recognisable layout.
    First,
    One(SheetSelector),
    /// Every sheet with a recognisable layout, as one team.
    All,
}

/// Which file and sheets to read, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    pub input: InputPath,
    pub sheets: SheetChoice,
    pub layout: LayoutOptions,
    pub limits: Limits,
    pub isolation: Isolation,
    pub progress: Progress,
    /// A reading in doubt is an error, not a warning.
    pub strict_reading: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InspectOptions {
    pub read: ReadOptions,
    pub json: bool,
}

pub(super) fn read(args: InputArgs, isolation: &Isolation) -> Result<ReadOptions, UsageError> {
    let input = if args.input.as_os_str() == "-" {
        InputPath::Stdin
    } else {
        InputPath::File(args.input)
    };
    let sheets = match args.sheet {
        Some(s) => SheetChoice::One(match s.trim().parse::<usize>() {
            Ok(n) if n >= 1 => SheetSelector::Number(n),
            _ => SheetSelector::Name(s),
        }),
        None if args.all_sheets => SheetChoice::All,
        None => SheetChoice::First,
    };
    if input == InputPath::Stdin && sheets != SheetChoice::First {
        return Err(UsageError(
            "--sheet and --all-sheets do not apply to CSV on standard input".to_string(),
        ));
    }
    let limits = limits(&args.limits)?;
    let c = args.columns;
    if c.header_row == Some(0) {
        return Err(UsageError("--header-row counts from 1".to_string()));
    }
    let columns = [
        (ColumnRole::Person, c.person_column),
        (ColumnRole::Title, c.title_column),
        (ColumnRole::Team, c.team_column),
        (ColumnRole::Task, c.task_column),
        (ColumnRole::Effort, c.effort_column),
        (ColumnRole::Group, c.group_column),
    ]
    .into_iter()
    .filter_map(|(role, spec)| spec.map(|s| (role, ColumnSpec(s))))
    .collect();
    Ok(ReadOptions {
        progress: Progress::on_terminal(args.quiet),
        strict_reading: args.strict_reading,
        input,
        sheets,
        layout: LayoutOptions {
            layout: args.layout.map(|l| match l {
                LayoutArg::List => LayoutKind::List,
                LayoutArg::Matrix => LayoutKind::Matrix,
                LayoutArg::Transposed => LayoutKind::Transposed,
                LayoutArg::LetterColumns => LayoutKind::LetterColumns,
                LayoutArg::LongForm => LayoutKind::LongForm,
            }),
            scheme: match args.scheme {
                SchemeArg::Raci => Scheme::Raci,
                SchemeArg::Rasci => Scheme::Rasci,
                SchemeArg::Daci => Scheme::Daci,
            },
            header_row: c.header_row,
            columns,
            max_tasks: limits.max_tasks,
            tasks_before: 0,
            open_only: args.open_only,
        },
        limits,
        isolation: isolation.clone(),
    })
}

/// The longest parser time allowed: a day is past any real workbook, and far below where a
/// deadline computed from it would overflow.
const MOST_TIMEOUT_SECS: u64 = 86_400;

/// The least parser memory allowed. Under a 2 MB cap the parser crashes opening even the
/// launch sample, which it reads under 4 MB; four times that leaves no doubt that a failure
/// under the cap is the file's size, not the parser's own start.
const LEAST_PARSER_MB: u64 = 16;

fn limits(args: &LimitArgs) -> Result<Limits, UsageError> {
    const MIB: u64 = 1024 * 1024;
    let positive = [
        ("--max-cells", args.max_cells),
        ("--max-cell-chars", args.max_cell_chars as u64),
        ("--max-input-mb", args.max_input_mb),
        ("--max-sheets", args.max_sheets as u64),
        ("--max-memory-mb", args.max_memory_mb),
        ("--read-timeout", args.read_timeout),
        ("--max-tasks", args.max_tasks as u64),
        ("--max-repeated-cells", args.max_repeated_cells),
        ("--max-people", args.max_people as u64),
    ];
    if let Some((flag, _)) = positive.iter().find(|(_, value)| *value == 0) {
        return Err(UsageError(format!("{flag} must be at least 1")));
    }
    if args.read_timeout > MOST_TIMEOUT_SECS {
        return Err(UsageError(format!(
            "--read-timeout is at most {MOST_TIMEOUT_SECS} (a day)"
        )));
    }
    // Below this the parser cannot start at all, and its failure would read as the file's.
    if args.max_memory_mb < LEAST_PARSER_MB {
        return Err(UsageError(format!(
            "--max-memory-mb must be at least {LEAST_PARSER_MB}: the parser needs that much to open any workbook"
        )));
    }
    Ok(Limits {
        max_cells: args.max_cells,
        max_cell_chars: args.max_cell_chars,
        max_input_bytes: args.max_input_mb.saturating_mul(MIB),
        max_sheets: args.max_sheets,
        max_memory_bytes: args.max_memory_mb.saturating_mul(MIB),
        timeout: std::time::Duration::from_secs(args.read_timeout),
        max_tasks: args.max_tasks,
        max_repeated_cells: args.max_repeated_cells,
        max_people: args.max_people,
    })
}
