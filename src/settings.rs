//! From parsed arguments to validated settings: clap's types stop here, and everything after
//! works with the library's own types.

use std::path::{Path, PathBuf};

use crate::audit::{AuditSettings, FindingKind};
use crate::cli::{
    AppendixArg, AuditArgs, Cli, ColorArg, Command, DiffArgs, DiffFormatArg, EvalArgs, ExplainArgs,
    ExplainFormatArg, FormatArg, InputArgs, LayoutArg, LimitArgs, MatchingArgs, PaperArg,
    RubricsAction, SchemeArg, TableArg,
};
use crate::config::{Config, MatchingConfig, Share};
use crate::input::{InputPath, Isolation, Limits, ReadFiles, SheetSelector};
use crate::layout::{ColumnRole, ColumnSpec, LayoutKind, LayoutOptions, Scheme};
use crate::matching::MatchSettings;
use crate::progress::Progress;
use crate::report::{
    Appendix, Colour, ComparisonFormat, CsvOptions, Destination, Format, MarkdownOptions, Paper,
    PdfOptions, Table, TerminalOptions,
};
use clap::ValueEnum;

#[derive(Debug, Clone, PartialEq)]
pub enum Settings {
    Audit(Box<AuditOptions>),
    Inspect(InspectOptions),
    Explain(ExplainOptions),
    Eval(EvalOptions),
    ListRubrics {
        rubrics: Vec<PathBuf>,
    },
    CheckRubrics {
        paths: Vec<PathBuf>,
    },
    /// Write the built-in rubrics into a folder; `rubrics` are the user's own, named with
    /// `--rubric`, which the export must not replace.
    ExportRubrics {
        dir: PathBuf,
        force: bool,
        rubrics: Vec<PathBuf>,
    },
    Diff(DiffOptions),
    Completions {
        shell: clap_complete::Shell,
    },
    Man {
        dir: Option<PathBuf>,
    },
    /// This process is the capped child that parses a workbook for its parent.
    ReadWorkbook {
        path: PathBuf,
    },
}

/// Two reports to compare, and how to say what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: ComparisonFormat,
    pub destination: Destination,
    /// Kinds of new finding that fail the run; `None` inside means "any kind".
    pub fail_on: Vec<Option<FindingKind>>,
    pub mix_threshold: f64,
}

/// The smallest role-share change a comparison lists unless told otherwise.
pub const DEFAULT_MIX_SHIFT: f64 = 0.2;

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct InspectOptions {
    pub read: ReadOptions,
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditOptions {
    pub read: ReadOptions,
    pub rubrics: Vec<PathBuf>,
    pub matching: MatchSettings,
    pub audit: AuditSettings,
    /// One format, or several written from one audit into the folder `destination` names.
    pub formats: Vec<Format>,
    pub table: Option<Table>,
    pub destination: Destination,
    /// The date `--generated-at` pinned, for reproducible reports; otherwise now.
    pub generated_at: Option<time::Date>,
    /// Empty: never fail on findings. `None` inside means "any kind".
    pub fail_on: Vec<Option<FindingKind>>,
    /// The earlier audit to compare with, for "Since the last audit".
    pub baseline: Option<Baseline>,
    /// Names become pseudonyms before the audit, so no format can leak them.
    pub anonymize: bool,
    /// The roles and titles as the user named them, resolved once the rubrics are loaded.
    pub scope: ScopeRequest,
    /// People and teams left out before the audit.
    pub exclude: Exclusions,
    /// The config file the settings came from, if one was read.
    pub config: Option<PathBuf>,
}

impl AuditOptions {
    /// Every file this audit reads, none of which its outputs may replace.
    pub fn files_read(&self) -> ReadFiles {
        let mut read = rubric_files_read(&self.rubrics);
        match &self.read.input {
            InputPath::File(path) => read.add(path, "the input file"),
            InputPath::Stdin => read.add_stdin("the input file"),
        }
        if let Some(config) = &self.config {
            read.add(config, "the config file");
        }
        if let Some(baseline) = &self.baseline {
            read.add(&baseline.path, "the baseline report");
        }
        read
    }
}

impl DiffOptions {
    /// The two reports compared, which the comparison's output may not replace.
    pub fn files_read(&self) -> ReadFiles {
        let mut read = ReadFiles::default();
        read.add(&self.old, "a report this diff compares");
        read.add(&self.new, "a report this diff compares");
        read
    }
}

/// The rubric and training files that `--rubric PATH`s name, each as what it is.
pub fn rubric_files_read(rubrics: &[PathBuf]) -> ReadFiles {
    let mut read = ReadFiles::default();
    for file in crate::rubric::files_read(rubrics) {
        let role = if crate::rubric::is_training_file(&file) {
            "a training file"
        } else {
            "a rubric file"
        };
        read.add(&file, role);
    }
    read
}

/// `--baseline`: an earlier audit's JSON report, and what of the comparison to list and
/// fail on.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub path: PathBuf,
    /// The smallest change of a role's share listed (`--mix-shift`).
    pub mix_threshold: f64,
    /// Kinds of new finding that fail the run (`--fail-on new:KIND`); `None` inside means
    /// "any kind".
    pub fail_on_new: Vec<Option<FindingKind>>,
}

/// Roles and titles as written on the command line or in the config file; the rubrics
/// decide what they name (see `lib::resolve_scope`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeRequest {
    /// The roles to audit for gaps, and where they were named ("--roles", a config file).
    pub roles: Option<(Vec<String>, String)>,
    /// Local titles and the role each is, by id, name, short name, or "none".
    pub titles: Vec<(String, String)>,
    /// The config file the titles came from, for messages.
    pub source: String,
}

/// People and teams left out of the audit, matched without regard to case or surrounding
/// space.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exclusions {
    pub people: Vec<String>,
    pub teams: Vec<String>,
}

impl Exclusions {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.teams.is_empty()
    }

    /// The names folded once into sets: every row of a sheet is checked against them, and
    /// comparing each row with every name of a list of 100,000 took minutes.
    pub fn lookup(&self) -> ExcludedNames {
        let folded = |list: &[String]| list.iter().map(|n| fold_name(n)).collect();
        ExcludedNames {
            people: folded(&self.people),
            teams: folded(&self.teams),
        }
    }
}

/// [`Exclusions`] as sets of names, each trimmed and with its ASCII case folded.
pub struct ExcludedNames {
    people: std::collections::HashSet<String>,
    teams: std::collections::HashSet<String>,
}

impl ExcludedNames {
    /// Whether this person, of this team, is left out.
    pub fn excludes(&self, person: &str, team: Option<&str>) -> bool {
        let named = |set: &std::collections::HashSet<String>, value: &str| {
            !set.is_empty() && set.contains(&fold_name(value))
        };
        named(&self.people, person) || team.is_some_and(|team| named(&self.teams, team))
    }
}

/// A name as exclusions compare it: surrounding space and ASCII case do not matter.
fn fold_name(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExplainOptions {
    pub text: String,
    pub rubrics: Vec<PathBuf>,
    pub matching: MatchSettings,
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvalOptions {
    pub path: PathBuf,
    pub rubrics: Vec<PathBuf>,
    pub matching: MatchSettings,
    pub json: bool,
}

/// A command line that parsed but makes no sense.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn ratio(name: &str, value: f64) -> Result<f64, UsageError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(UsageError(format!(
            "--{name} must lie between 0 and 1, not {value}"
        )))
    }
}

/// A threshold from its flag, which is checked here, else from the config file, which was
/// checked (with its line) as the file was parsed, else the default.
fn share(
    flag: &str,
    given: Option<f64>,
    filed: Option<Share>,
    default: f64,
) -> Result<f64, UsageError> {
    match given {
        Some(value) => ratio(flag, value),
        None => Ok(filed.map_or(default, Share::get)),
    }
}

fn matching(
    args: &MatchingArgs,
    config: &MatchingConfig,
    keep: usize,
) -> Result<MatchSettings, UsageError> {
    let defaults = MatchSettings::default();
    Ok(MatchSettings {
        min_score: share(
            "min-score",
            args.min_score,
            config.min_score,
            defaults.min_score,
        )?,
        ambiguity_margin: share(
            "ambiguity-margin",
            args.ambiguity_margin,
            config.ambiguity_margin,
            defaults.ambiguity_margin,
        )?,
        keep,
    })
}

impl Settings {
    /// Validates a command line. `isolation` is where workbooks will be parsed: only the
    /// rolecall executable itself can be its own parser child, so a library caller (a test,
    /// a bench) passes [`Isolation::InProcess`].
    pub fn from_cli(cli: Cli, isolation: &Isolation) -> Result<Settings, UsageError> {
        Ok(match cli.command {
            Command::Audit(args) => Settings::Audit(Box::new(audit(*args, isolation)?)),
            Command::Inspect(args) => Settings::Inspect(InspectOptions {
                read: read(args.input, isolation)?,
                json: args.json,
            }),
            Command::Explain(args) => Settings::Explain(explain(args)?),
            Command::Eval(args) => Settings::Eval(eval(args)?),
            Command::Rubrics(args) => match args.action {
                Some(RubricsAction::Check { paths }) => Settings::CheckRubrics { paths },
                Some(RubricsAction::Export { dir, force }) => Settings::ExportRubrics {
                    dir,
                    force,
                    rubrics: args.rubric.rubric,
                },
                None => Settings::ListRubrics {
                    rubrics: args.rubric.rubric,
                },
            },
            Command::Diff(args) => Settings::Diff(diff(args)?),
            Command::Completions { shell } => Settings::Completions { shell },
            Command::Man { dir } => Settings::Man { dir },
            Command::ReadWorkbook { path } => Settings::ReadWorkbook { path },
        })
    }
}

fn diff(args: DiffArgs) -> Result<DiffOptions, UsageError> {
    let fail_on = args
        .fail_on
        .iter()
        .map(|name| match fail_on(name)? {
            FailOn::New(kind) => Ok(kind),
            FailOn::Found(_) => Err(UsageError(format!(
                "--fail-on {name}: a comparison fails on new findings: write new:KIND or new:any"
            ))),
        })
        .collect::<Result<_, _>>()?;
    Ok(DiffOptions {
        old: args.old,
        new: args.new,
        format: match args.format {
            DiffFormatArg::Text => ComparisonFormat::Text,
            DiffFormatArg::Json => ComparisonFormat::Json,
            DiffFormatArg::Md => ComparisonFormat::Markdown,
        },
        destination: args.output.map_or(Destination::Stdout, Destination::Path),
        fail_on,
        mix_threshold: ratio("mix-shift", args.mix_shift.unwrap_or(DEFAULT_MIX_SHIFT))?,
    })
}

/// What a `--fail-on` value fails on: findings of a kind ("gap", "any"), or, in a
/// comparison, new findings of a kind ("new:gap", "new:any").
enum FailOn {
    Found(Option<FindingKind>),
    New(Option<FindingKind>),
}

/// One `--fail-on` value, for `audit` and `diff` alike; each says which of the two it takes.
fn fail_on(name: &str) -> Result<FailOn, UsageError> {
    let (new, kind) = match name.strip_prefix("new:") {
        Some(kind) => (true, kind),
        None => (false, name),
    };
    let kind = fail_on_kind(kind).map_err(|e| UsageError(format!("--fail-on {name}: {e}")))?;
    Ok(if new {
        FailOn::New(kind)
    } else {
        FailOn::Found(kind)
    })
}

/// A kind `--fail-on` names: "any", or a finding kind.
fn fail_on_kind(name: &str) -> Result<Option<FindingKind>, String> {
    match name {
        "any" => Ok(None),
        _ => FindingKind::from_name(name).map(Some).ok_or_else(|| {
            format!(
                "unknown finding kind; use one of any, {}",
                FindingKind::ALL.map(|k| k.name()).join(", ")
            )
        }),
    }
}

fn explain(args: ExplainArgs) -> Result<ExplainOptions, UsageError> {
    if args.text.trim().is_empty() {
        return Err(UsageError("explain needs a task text".to_string()));
    }
    Ok(ExplainOptions {
        text: args.text,
        rubrics: args.judge.rubric.rubric,
        matching: matching(
            &args.judge.matching,
            &MatchingConfig::default(),
            args.top.max(1),
        )?,
        json: args.judge.format == ExplainFormatArg::Json,
    })
}

fn eval(args: EvalArgs) -> Result<EvalOptions, UsageError> {
    Ok(EvalOptions {
        path: args.path,
        rubrics: args.judge.rubric.rubric,
        matching: matching(&args.judge.matching, &MatchingConfig::default(), 1)?,
        json: args.judge.format == ExplainFormatArg::Json,
    })
}

fn read(args: InputArgs, isolation: &Isolation) -> Result<ReadOptions, UsageError> {
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

/// The formats asked for, each once: the flag's, else the one the output's extension names,
/// else the config file's (`filed`), else text.
fn format_choice(
    given: &[FormatArg],
    output: Option<&Path>,
    filed: impl FnOnce() -> Result<Option<Vec<FormatArg>>, UsageError>,
) -> Result<Vec<FormatArg>, UsageError> {
    let mut formats = if !given.is_empty() {
        given.to_vec()
    } else if let Some(format) = output.and_then(format_of_extension) {
        vec![format]
    } else {
        filed()?.unwrap_or_else(|| vec![FormatArg::Text])
    };
    let mut seen = Vec::with_capacity(formats.len());
    formats.retain(|f| {
        let first = !seen.contains(f);
        seen.push(*f);
        first
    });
    Ok(formats)
}

/// The format a file name's extension names, for `-o audit.pdf` without `--format`.
fn format_of_extension(path: &Path) -> Option<FormatArg> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "json" => FormatArg::Json,
        "md" | "markdown" => FormatArg::Md,
        "pdf" => FormatArg::Pdf,
        "xlsx" => FormatArg::Xlsx,
        "txt" => FormatArg::Text,
        "csv" => FormatArg::Csv,
        _ => return None,
    })
}

fn audit(args: AuditArgs, isolation: &Isolation) -> Result<AuditOptions, UsageError> {
    let rules = args.rules;
    let report = args.report;
    let config = if rules.no_config {
        Config::default()
    } else {
        Config::find(rules.config.as_deref()).map_err(|e| UsageError(e.to_string()))?
    };
    let config_name = config.name();
    // A value from the file is checked as the flag would be, and its message names the file.
    let from_file = |key: &str, value: &str, allowed: &str| {
        UsageError(format!(
            "{config_name}: {key} = \"{value}\": expected one of {allowed}"
        ))
    };
    let read = read(args.input, isolation)?;
    let generated_at = report.generated_at.as_deref().map(parse_date).transpose()?;
    let filed_formats = || {
        config
            .report
            .format
            .as_deref()
            .map(|names| {
                names
                    .split(',')
                    .map(|name| {
                        FormatArg::from_str(name.trim(), true).map_err(|_| {
                            from_file("format", names, "text, csv, json, md, pdf, xlsx")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
    };
    let format_args = format_choice(&report.format, report.output.as_deref(), filed_formats)?;
    let paper_arg = match (report.paper, &config.report.paper) {
        (Some(paper), _) => paper,
        (None, Some(name)) => {
            PaperArg::from_str(name, true).map_err(|_| from_file("paper", name, "a4, letter"))?
        }
        (None, None) => PaperArg::A4,
    };
    let several = format_args.len() > 1;
    let formats: Vec<Format> = format_args
        .iter()
        .map(|format_arg| match format_arg {
            FormatArg::Text => Format::Text(TerminalOptions::detect(
                match report.color {
                    ColorArg::Auto => Colour::Auto,
                    ColorArg::Always => Colour::Always,
                    ColorArg::Never => Colour::Never,
                },
                report.output.is_none(),
            )),
            FormatArg::Csv => Format::Csv(CsvOptions {
                raw: report.raw_csv,
                // A file is for a spreadsheet, which needs the mark to read UTF-8; a pipe
                // is for a script, which would read the mark as part of the first header.
                bom: match (report.csv_bom, report.no_csv_bom) {
                    (true, _) => true,
                    (_, true) => false,
                    _ => config.report.csv_bom.unwrap_or(report.output.is_some()),
                },
            }),
            FormatArg::Json => Format::Json,
            FormatArg::Md => Format::Markdown(MarkdownOptions {
                summary: report.summary,
            }),
            FormatArg::Pdf => Format::Pdf(PdfOptions {
                paper: match paper_arg {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::Letter => Paper::Letter,
                },
                appendix: match report.appendix {
                    AppendixArg::Full => Appendix::Full,
                    AppendixArg::Short => Appendix::Short,
                    AppendixArg::None => Appendix::None,
                },
                generated_at: generated_at
                    .unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
            }),
            FormatArg::Xlsx => Format::Xlsx,
        })
        .collect();
    if several && report.output.is_none() {
        return Err(UsageError(
            "several formats are written into a folder: pass -o FOLDER".to_string(),
        ));
    }
    let binary = formats.iter().find_map(|format| match format {
        Format::Pdf(_) => Some("pdf"),
        Format::Xlsx => Some("xlsx"),
        _ => None,
    });
    if let Some(name) = binary {
        if report.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            return Err(UsageError(format!(
                "--format {name} writes binary data; pass -o FILE.{name} (or pipe stdout)"
            )));
        }
    }
    let table = report.table.map(|t| match t {
        TableArg::Tasks => Table::Tasks,
        TableArg::Coverage => Table::Coverage,
        TableArg::Findings => Table::Findings,
        TableArg::FindingTasks => Table::FindingTasks,
        TableArg::FindingResponsibilities => Table::FindingResponsibilities,
        TableArg::People => Table::People,
        TableArg::Rollup => Table::Rollup,
    });
    let has = |wanted: FormatArg| format_args.contains(&wanted);
    let csv = has(FormatArg::Csv);
    if table.is_some() && (!csv || several) {
        return Err(UsageError(
            "--table goes with --format csv alone".to_string(),
        ));
    }
    if report.summary && !has(FormatArg::Md) {
        return Err(UsageError("--summary goes with --format md".to_string()));
    }
    for (given, flag) in [
        (report.raw_csv, "--raw-csv"),
        (report.csv_bom, "--csv-bom"),
        (report.no_csv_bom, "--no-csv-bom"),
    ] {
        if given && !csv {
            return Err(UsageError(format!("{flag} goes with --format csv")));
        }
    }
    // CSV to stdout, or to a file named as one (`-o tasks.csv`), is one table: the tasks
    // unless another is named. Any other path is a folder for every table.
    let one_file = report
        .output
        .as_deref()
        .is_none_or(|path| format_of_extension(path) == Some(FormatArg::Csv));
    let table = match formats.as_slice() {
        [Format::Csv(_)] if one_file => Some(table.unwrap_or(Table::Tasks)),
        _ => table,
    };
    let mut fail_on_found = Vec::new();
    let mut fail_on_new = Vec::new();
    for name in &report.fail_on {
        match fail_on(name)? {
            FailOn::Found(kind) => fail_on_found.push(kind),
            FailOn::New(_) if args.baseline.baseline.is_none() => {
                return Err(UsageError(format!(
                    "--fail-on {name}: new findings are those a baseline lacks: add --baseline OLD.json"
                )))
            }
            FailOn::New(kind) => fail_on_new.push(kind),
        }
    }
    let baseline = match (args.baseline.baseline, args.baseline.mix_shift) {
        (Some(path), shift) => Some(Baseline {
            path,
            mix_threshold: ratio("mix-shift", shift.unwrap_or(DEFAULT_MIX_SHIFT))?,
            fail_on_new,
        }),
        (None, Some(_)) => {
            return Err(UsageError(
                "--mix-shift goes with --baseline OLD.json".to_string(),
            ))
        }
        (None, None) => None,
    };
    let defaults = AuditSettings::default();
    let audit_config = &config.audit;
    let roles = match (rules.roles, &audit_config.roles) {
        (Some(roles), _) => Some((roles, "--roles".to_string())),
        (None, Some(roles)) => Some((roles.clone(), config_name.clone())),
        (None, None) => None,
    };
    let mut exclude = Exclusions {
        people: rules.exclude_person,
        teams: rules.exclude_team,
    };
    exclude.people.extend(config.exclude.people.iter().cloned());
    exclude.teams.extend(config.exclude.teams.iter().cloned());
    Ok(AuditOptions {
        read,
        rubrics: args.rubric.rubric,
        matching: matching(
            &args.matching,
            &config.matching,
            MatchSettings::default().keep,
        )?,
        audit: AuditSettings {
            similar_work_jaccard: share(
                "similar-work",
                rules.similar_work,
                audit_config.similar_work,
                defaults.similar_work_jaccard,
            )?,
            similar_work_peers: rules
                .similar_work_peers
                .or(audit_config.similar_work_peers)
                .unwrap_or(defaults.similar_work_peers),
            drift_share: share(
                "drift-share",
                rules.drift_share,
                audit_config.drift_share,
                defaults.drift_share,
            )?,
            strict_raci: rules.strict_raci || audit_config.strict_raci.unwrap_or(false),
            raci_overload_share: share(
                "raci-overload",
                rules.raci_overload,
                audit_config.raci_overload,
                defaults.raci_overload_share,
            )?,
            any_language: rules.any_language || audit_config.any_language.unwrap_or(false),
            ..defaults
        },
        formats,
        table,
        destination: report.output.map_or(Destination::Stdout, Destination::Path),
        generated_at,
        fail_on: fail_on_found,
        baseline,
        anonymize: report.anonymize || config.report.anonymize.unwrap_or(false),
        scope: ScopeRequest {
            roles,
            titles: config
                .titles
                .iter()
                .map(|(title, role)| (title.clone(), role.clone()))
                .collect(),
            source: config_name,
        },
        exclude,
        config: config.path.clone(),
    })
}

/// "2026-11-23" as a calendar date; anything else is a usage error naming the flag.
fn parse_date(text: &str) -> Result<time::Date, UsageError> {
    let invalid = || {
        UsageError(format!(
            "--generated-at {text}: expected a date as YYYY-MM-DD, e.g. 2026-11-23"
        ))
    };
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or_else(invalid)
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(invalid)?;
    let day = u8::try_from(day).map_err(|_| invalid())?;
    time::Date::from_calendar_date(i32::from(year), month, day).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Settings, UsageError> {
        let cli = Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"));
        Settings::from_cli(cli, &Isolation::InProcess)
    }

    #[test]
    fn csv_without_output_prints_the_tasks_table() {
        match parse(&["rolecall", "audit", "t.csv", "--format", "csv"]) {
            Ok(Settings::Audit(a)) => assert_eq!(a.table, Some(Table::Tasks)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_csv_reaches_the_csv_options_and_goes_with_csv_only() {
        for (flag, raw) in [(None, false), (Some("--raw-csv"), true)] {
            let mut args = vec!["rolecall", "audit", "t.csv", "--format", "csv"];
            args.extend(flag);
            match parse(&args) {
                Ok(Settings::Audit(a)) => {
                    assert_eq!(a.formats, [Format::Csv(CsvOptions { raw, bom: false })])
                }
                other => panic!("{other:?}"),
            }
        }
        let e = parse(&[
            "rolecall",
            "audit",
            "t.csv",
            "--format",
            "json",
            "--raw-csv",
        ]);
        assert!(e.is_err_and(|e| e.0 == "--raw-csv goes with --format csv"));
    }

    /// The formats an audit command line asks for, by name.
    fn formats(args: &[&str]) -> Result<Vec<&'static str>, String> {
        let mut line = vec!["rolecall", "audit", "t.csv", "--no-config"];
        line.extend(args);
        match parse(&line) {
            Ok(Settings::Audit(a)) => Ok(a.formats.iter().map(|f| f.name()).collect()),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e.0),
        }
    }

    #[test]
    fn several_formats_go_into_a_folder_each_once() {
        assert_eq!(
            formats(&["--format", "json,pdf,xlsx,json", "-o", "out"]),
            Ok(vec!["JSON", "PDF", "Excel"])
        );
        assert_eq!(
            formats(&["--format", "json", "--format", "md", "-o", "out"]),
            Ok(vec!["JSON", "Markdown"])
        );
        assert_eq!(
            formats(&["--format", "json,md"]),
            Err("several formats are written into a folder: pass -o FOLDER".to_string())
        );
        assert_eq!(
            formats(&["--format", "csv,json", "--table", "people", "-o", "out"]),
            Err("--table goes with --format csv alone".to_string())
        );
    }

    #[test]
    fn csv_to_a_file_named_csv_is_one_table_and_to_any_other_path_a_folder() {
        let table = |args: &[&str]| {
            let mut line = vec!["rolecall", "audit", "t.csv", "--no-config"];
            line.extend(args);
            match parse(&line) {
                Ok(Settings::Audit(a)) => a.table,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(table(&["-o", "tasks.csv"]), Some(Table::Tasks));
        assert_eq!(
            table(&["--format", "csv", "-o", "all.CSV"]),
            Some(Table::Tasks)
        );
        assert_eq!(
            table(&["-o", "people.csv", "--table", "people"]),
            Some(Table::People)
        );
        assert_eq!(table(&["--format", "csv", "-o", "out"]), None);
    }

    #[test]
    fn the_output_extension_names_the_format_when_no_flag_does() {
        assert_eq!(formats(&["-o", "audit.pdf"]), Ok(vec!["PDF"]));
        assert_eq!(formats(&["-o", "Audit.XLSX"]), Ok(vec!["Excel"]));
        assert_eq!(formats(&["-o", "audit.markdown"]), Ok(vec!["Markdown"]));
        assert_eq!(formats(&["-o", "audit.json"]), Ok(vec!["JSON"]));
        assert_eq!(formats(&["-o", "audit.txt"]), Ok(vec!["terminal"]));
        assert_eq!(formats(&["-o", "tasks.csv"]), Ok(vec!["CSV"]));
        // The flag wins; an extension no format has leaves the default.
        assert_eq!(
            formats(&["-o", "audit.pdf", "--format", "json"]),
            Ok(vec!["JSON"])
        );
        assert_eq!(formats(&["-o", "audit.out"]), Ok(vec!["terminal"]));
    }

    #[test]
    fn csv_files_get_a_byte_order_mark_and_stdout_none_unless_asked() {
        let bom = |extra: &[&str]| {
            let mut args = vec![
                "rolecall",
                "audit",
                "t.csv",
                "--format",
                "csv",
                "--no-config",
            ];
            args.extend(extra);
            match parse(&args) {
                Ok(Settings::Audit(a)) => match a.formats[..] {
                    [Format::Csv(options)] => options.bom,
                    ref other => panic!("{other:?}"),
                },
                other => panic!("{other:?}"),
            }
        };
        assert!(!bom(&[]));
        assert!(bom(&["-o", "out"]));
        assert!(!bom(&["-o", "out", "--no-csv-bom"]));
        assert!(bom(&["--csv-bom"]));
        // The last of the pair wins, as with any flag given twice.
        assert!(bom(&["--no-csv-bom", "--csv-bom"]));
        assert!(!bom(&["--csv-bom", "--no-csv-bom"]));
        let e = parse(&["rolecall", "audit", "t.csv", "--format", "md", "--csv-bom"]);
        assert!(e.is_err_and(|e| e.0 == "--csv-bom goes with --format csv"));
    }

    #[test]
    fn rejects_out_of_range_thresholds_and_unknown_kinds() {
        let e = parse(&["rolecall", "audit", "t.csv", "--min-score", "1.5"]);
        assert!(e.is_err_and(|e| e.0.contains("--min-score")));
        let e = parse(&["rolecall", "audit", "t.csv", "--fail-on", "gaps"]);
        assert!(e.is_err_and(|e| e.0.contains("unknown finding kind")));
    }

    #[test]
    fn generated_at_takes_calendar_dates_only() {
        let date = parse_date("2026-02-28").unwrap();
        assert_eq!(
            (date.year(), u8::from(date.month()), date.day()),
            (2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-01-01",
            "2026/01/01",
            "yesterday",
            "2026-1-5",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(
                e.0.contains("--generated-at") && e.0.contains("YYYY-MM-DD"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn sheet_numbers_and_names() {
        match parse(&["rolecall", "audit", "t.xlsx", "--sheet", "2"]) {
            Ok(Settings::Audit(a)) => {
                assert_eq!(a.read.sheets, SheetChoice::One(SheetSelector::Number(2)))
            }
            other => panic!("{other:?}"),
        }
        match parse(&["rolecall", "audit", "t.xlsx", "--sheet", "Q3 plan"]) {
            Ok(Settings::Audit(a)) => {
                assert_eq!(
                    a.read.sheets,
                    SheetChoice::One(SheetSelector::Name("Q3 plan".into()))
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
