//! Command-line arguments, as clap derive types. The doc comments are the help text; no
//! logic lives here (see `settings` for validation).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::audit::FindingKind;
use crate::input::Limits;

const EXAMPLES: &str = "\
Examples:
  rolecall audit team.xlsx                      terminal summary of the first recognised sheet
  rolecall audit team.xlsx --format md -o audit.md
  rolecall audit team.csv --format csv -o out/  tasks.csv, coverage.csv, findings.csv, people.csv
  rolecall audit team.xlsx --format pdf -o audit.pdf --paper letter --anonymize
  rolecall audit team.xlsx --sheet Q3 --task-column \"What they do\" --person-column B
  rolecall audit raci.xlsx --all-sheets --scheme rasci --strict-raci
  rolecall inspect raci.xlsx                    how the sheet was read, without auditing
  rolecall audit team.csv --fail-on gap --fail-on drift   exit 1 when such a finding exists
  rolecall audit team.xlsx --baseline q3.json   the report plus what changed since q3.json
  rolecall audit team.xlsx --roles pm,tpm       audit gaps of these roles only
  rolecall audit team.xlsx --config rolecall.toml   roles, title mappings, exclusions, thresholds
  rolecall rubrics export my-rubrics/           the built-in rubrics as files to edit
  cat team.csv | rolecall audit -
  rolecall explain \"Own the Q3 roadmap and PRDs\"
  rolecall review team.xlsx -o review.xlsx      the lines to label, most consequential first
  rolecall rubrics                              list the built-in roles and responsibilities
  rolecall rubrics check my-rubrics/            validate your own rubric files
  rolecall eval labelled.csv                    measure matching on labelled lines
  rolecall completions bash                     a completion script (bash, zsh, fish, powershell, elvish)
  rolecall man | man -l -                       the manual page (--dir DIR: every page)

Exit codes: 0 the command ran; 1 --fail-on matched a finding; 2 usage or input error.";

/// Audit who does what on a team: match a team sheet's tasks to Product Manager, Program
/// Manager and Technical Program Manager responsibilities, then report overlaps, gaps, role
/// drift and single points of failure.
#[derive(Debug, Parser)]
#[command(name = "rolecall", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit a team sheet (xlsx, xlsm, xls, xlsb, ods, csv, tsv; - reads CSV from stdin).
    #[command(after_help = EXAMPLES)]
    Audit(Box<AuditArgs>),
    /// Show how a sheet is read (layout, header, columns, parties, marks, rows skipped)
    /// without auditing it.
    Inspect(InspectArgs),
    /// Write the task lines to review (ambiguous, weak, unmatched, other work), one row per
    /// distinct text, most consequential first, with an empty `label` column to fill in and
    /// pass back with --labels.
    #[command(after_help = REVIEW_EXAMPLES)]
    Review(Box<ReviewArgs>),
    /// Show how one task text matches the rubrics, with the words that carried each match.
    Explain(ExplainArgs),
    /// List the rubrics' roles and responsibilities, or check a rubric file.
    Rubrics(RubricsArgs),
    /// Compare two JSON reports of the same team (`audit --format json`): findings new,
    /// resolved and persisting, people who joined or left, coverage that rose or fell, and
    /// role mixes that shifted.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(DiffArgs),
    /// Measure matching on a labelled CSV (columns "label" and "text"; labels PM, PgM, TPM,
    /// NONE, or two joined by |): confusion matrix, per-label, fine and coarse accuracy.
    Eval(EvalArgs),
    /// Print a shell completion script: `rolecall completions bash > ~/.local/share/bash-completion/completions/rolecall`.
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page, rolecall(1), as roff: `rolecall man > ~/.local/share/man/man1/rolecall.1`.
    Man {
        /// Write rolecall.1 and one page per subcommand (rolecall-audit.1, ...) into this
        /// folder, created if missing, instead of printing rolecall(1).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Internal: parse a workbook for a parent rolecall, in a capped child process.
    #[command(name = crate::input::WORKER_COMMAND, hide = true)]
    ReadWorkbook {
        #[arg(value_name = "FILE")]
        path: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub rubric: RubricArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub matching: MatchingArgs,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub baseline: BaselineArgs,
}

const REVIEW_EXAMPLES: &str = "Examples:
  rolecall review team.xlsx -o review.xlsx     the lines to look at, to label in a spreadsheet
  rolecall review team.csv -o review.csv --confidence 0.8
  rolecall review team.csv | head -21          the twenty that matter most, as CSV";

/// `review`: the sheet read, matched and audited as `audit` does it, with the same flags.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub rubric: RubricArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub matching: MatchingArgs,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Write the review to this file, .csv or .xlsx, instead of CSV on stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// An earlier audit to compare this one with, for the report's "Since the last audit".
#[derive(Debug, Args)]
#[command(next_help_heading = "Since the last audit")]
pub struct BaselineArgs {
    /// Compare with this earlier JSON report (made with the same rubrics) and add "Since the
    /// last audit" to the report: findings new, resolved and persisting, people who joined
    /// or left, coverage that rose or fell, role mixes that shifted. It may be the -o file
    /// itself: it is read whole before the report is written.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,

    /// With --baseline: list a person's role share that moved by at least this much (0 to 1)
    /// [default: 0.2].
    #[arg(long, value_name = "SHARE")]
    pub mix_shift: Option<f64>,
}

/// What to write, and where.
#[derive(Debug, Args)]
#[command(next_help_heading = "Report")]
pub struct ReportArgs {
    /// Output format, or several separated by commas (json,pdf,xlsx), written from one
    /// audit into the folder -o names [default: the one -o's extension names (.json, .md,
    /// .pdf, .xlsx, .txt, .csv), else the config file's, else text].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT")]
    pub format: Vec<FormatArg>,

    /// Write to this file instead of stdout; for csv (unless the name ends in .csv, which
    /// takes one table), or several formats, to this folder (report.json, report.pdf, ...,
    /// and the CSV tables).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// With --format csv: write only this table (to stdout, or to -o as a file) [default
    /// without -o, or with -o FILE.csv: tasks].
    #[arg(long, value_enum, value_name = "NAME")]
    pub table: Option<TableArg>,

    /// With --format csv: write every cell exactly as its text. By default a cell starting
    /// with =, +, -, @, a tab or a carriage return gets a leading ' so that a spreadsheet
    /// shows it as text instead of running it as a formula; this turns that protection off,
    /// for scripts that want the exact text. Never open such files in a spreadsheet.
    #[arg(long)]
    pub raw_csv: bool,

    /// With --format csv: start each file with a UTF-8 byte order mark, which Excel and
    /// LibreOffice need to read accented or non-Latin names right when they open a CSV file
    /// [default: on when writing files with -o, off on stdout, or the config file's].
    #[arg(long, overrides_with = "no_csv_bom")]
    pub csv_bom: bool,

    /// With --format csv: no byte order mark, for scripts that do not expect one.
    #[arg(long, overrides_with = "csv_bom")]
    pub no_csv_bom: bool,

    /// With --format text: colour severities. auto colours only when stdout is a terminal
    /// and NO_COLOR is unset or empty.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// How much of the evidence behind each verdict to keep: top keeps the three heaviest
    /// words for and two against of what the task reads as (its role, or the other work an
    /// unmatched task is), as the reports show them, and the alternatives at least 5% likely;
    /// full keeps every role, close responsibility and other-work area with every word of
    /// each, for tuning the rubrics (Northwind's JSON: 75 KB against 136 KB).
    #[arg(long, value_enum, value_name = "DETAIL", default_value_t = EvidenceArg::Top)]
    pub evidence: EvidenceArg,

    /// With --format md: a paste-sized report (under 60,000 characters at any size): the
    /// headline, the first findings of each kind with counts of the rest, the most notable
    /// people, and no per-task appendix.
    #[arg(long)]
    pub summary: bool,

    /// With --format pdf: the paper size [default: a4, or the config file's].
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,

    /// With --format pdf: how much of Appendix A (every task and why it matched) to print.
    /// `short` lists every task of a small team and, for a large one, the tasks behind the
    /// findings and the unmatched ones first, up to a few pages; the JSON and CSV reports
    /// always hold every task.
    #[arg(long, value_enum, default_value_t = AppendixArg::Short)]
    pub appendix: AppendixArg,

    /// The date the report says it was generated, as YYYY-MM-DD [default: today]; a fixed
    /// date makes the PDF byte-for-byte reproducible.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub generated_at: Option<String>,

    /// Replace people's names by stable pseudonyms (Person 1, Person 2, ... in order of first
    /// appearance) in every format, for reports that travel.
    #[arg(long)]
    pub anonymize: bool,

    /// Show the files the audit read (the input, --rubric files) by the path as
    /// given. By default reports name them by file name alone, so that a report that is
    /// forwarded does not show the folders (a home folder, a user name) it was made in.
    #[arg(long)]
    pub show_path: bool,

    // The help names every kind, read from the audit's table of kinds.
    #[arg(long, value_name = "KIND", help = fail_on_help())]
    pub fail_on: Vec<String>,
}

/// `--fail-on`'s help: every kind of finding by name, the RACI chart's apart.
fn fail_on_help() -> String {
    let names = |raci: bool| {
        FindingKind::ALL
            .into_iter()
            .filter(|kind| kind.is_raci() == raci)
            .map(FindingKind::name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "Exit with code 1, naming the kinds and counts found, when a finding of this kind \
         exists (repeatable; \"any\" for all kinds). Kinds: {}, and for RACI charts {}. With \
         --baseline, \"new:KIND\" or \"new:any\" fails only on findings the baseline did not \
         have",
        names(false),
        names(true)
    )
}

/// Which roles are audited, who is left out, and the rules' thresholds. Each flag wins over
/// the config file, which wins over the defaults shown.
#[derive(Debug, Args)]
#[command(next_help_heading = "Audit rules")]
pub struct RuleArgs {
    /// Read settings from this file [default: rolecall.toml in the working folder, if any].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore rolecall.toml in the working folder.
    #[arg(long)]
    pub no_config: bool,

    /// The roles the team is meant to have, audited for gaps: ids, names or short names
    /// (pm, pgm, tpm), comma-separated [default: the roles someone's title holds; a role
    /// nobody holds is reported once as context].
    #[arg(long, value_name = "ROLES", value_delimiter = ',')]
    pub roles: Option<Vec<String>>,

    /// Leave this person out of the audit, by name (repeatable).
    #[arg(long, value_name = "NAME")]
    pub exclude_person: Vec<String>,

    /// Leave everyone of this team out of the audit (repeatable).
    #[arg(long, value_name = "TEAM")]
    pub exclude_team: Vec<String>,

    /// Report two people as doing similar work when their covered responsibilities overlap
    /// at least this much (Jaccard index, 0 to 1) [default: 0.5].
    #[arg(long, value_name = "RATIO")]
    pub similar_work: Option<f64>,

    /// Show each person in at most this many similar-work pairs: those with their closest
    /// teammates [default: 3].
    #[arg(long, value_name = "N")]
    pub similar_work_peers: Option<usize>,

    /// Report drift when more than this share of a person's matched work lies outside the
    /// role of their title (0 to 1) [default: 0.5].
    #[arg(long, value_name = "SHARE")]
    pub drift_share: Option<f64>,

    /// A match whose role probability is below this is weak: it counts in coverage, but no
    /// overlap, single point of failure, drift or missing-core finding rests on it alone,
    /// and it is listed for review (0 to 1) [default: 0.7].
    #[arg(long, value_name = "SHARE")]
    pub confidence: Option<f64>,

    /// An overlap is ownership split among at most this many people; responsibilities more
    /// people carry are shared work, said once [default: 4].
    #[arg(long, value_name = "N")]
    pub max_owners: Option<usize>,
    /// RACI charts: only an R counts as doing a task (by default an A does too).
    #[arg(long)]
    pub strict_raci: bool,
    /// RACI charts: report a party Responsible or Accountable for more than this share of
    /// the chart's tasks (0 to 1) [default: 0.5].
    #[arg(long, value_name = "SHARE")]
    pub raci_overload: Option<f64>,
    /// Match the tasks even when most are in another language than the rubrics' English
    /// (by default such an input gets one finding saying so, and only the RACI checks).
    #[arg(long)]
    pub any_language: bool,
}

/// Which file, which sheets, and how to read them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The team sheet, or - for CSV on standard input.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Sheet to read, by name or 1-based number [default: the first sheet with a
    /// recognisable layout].
    #[arg(long, value_name = "NAME|NUMBER", conflicts_with = "all_sheets")]
    pub sheet: Option<String>,
    /// Read every sheet with a recognisable layout, as one team.
    #[arg(long)]
    pub all_sheets: bool,
    /// The sheet's layout [default: detected per sheet].
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
    /// The letters of a RACI chart; other schemes' letters are never guessed.
    #[arg(long, value_enum, default_value_t = SchemeArg::Raci)]
    pub scheme: SchemeArg,
    #[command(flatten)]
    pub columns: ColumnArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Draw no progress on stderr (it is drawn only on a terminal, for large inputs).
    #[arg(short, long)]
    pub quiet: bool,
    /// Stop with exit 2, writing nothing, when a sheet's reading is in doubt (its
    /// confidence under the bar, 0.75: another layout read it nearly as well, marks the
    /// scheme does not know, many lines left out, ...), instead of reporting on it with a
    /// warning: for scripts and CI, where a doubtful reading should not pass unseen.
    #[arg(long)]
    pub strict_reading: bool,
    /// Leave out the issues a tracker export marks done (by its status, completion date or
    /// archive flag): audit the open work only. By default done issues count as the work
    /// people did, and are never reported as unassigned gaps.
    #[arg(long)]
    pub open_only: bool,
}

/// Caps on what reading one input may cost; a file past a cap is refused with an error that
/// names the cap. Raise them only for files you trust.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Most non-blank cells in the whole input.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cells)]
    pub max_cells: u64,
    /// Most characters in one cell (Excel's own cap is 32,767).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cell_chars)]
    pub max_cell_chars: usize,
    /// Most megabytes of input: a CSV file's size, or what a zipped workbook (xlsx, xlsb,
    /// ods) unpacks to.
    #[arg(long, value_name = "MB", default_value_t = Limits::default().max_input_bytes / MIB)]
    pub max_input_mb: u64,
    /// Most worksheets in one workbook.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sheets)]
    pub max_sheets: usize,
    /// Most megabytes of memory the workbook parser may use (it runs as a separate
    /// process under this cap).
    #[arg(long, value_name = "MB", default_value_t = Limits::default().max_memory_bytes / MIB)]
    pub max_memory_mb: u64,
    /// Most seconds the workbook parser may take.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().timeout.as_secs())]
    pub read_timeout: u64,
    /// Most tasks the input may split into, one per person and task (a cell listing several
    /// tasks, or naming several people, is several).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_tasks)]
    pub max_tasks: usize,
    /// Most cells an ods's repeat counts may add (a non-empty row or cell written once and
    /// repeated: every copy past the first counts; empty ones are free).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_repeated_cells)]
    pub max_repeated_cells: u64,
    /// Most people an audit may take (names told apart as the report tells them).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_people)]
    pub max_people: usize,
}

const MIB: u64 = 1024 * 1024;

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the notes as JSON (the "input" object of the audit's JSON report).
    #[arg(long)]
    pub json: bool,
}

/// Column overrides: each takes a header text or a column letter.
#[derive(Debug, Args)]
pub struct ColumnArgs {
    /// Row number (1-based) of the header row: a list's or matrix's column names, a
    /// transposed matrix's task names [default: found among the first 20 rows].
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
    /// Column holding people's names (for a transposed matrix: the parties, as a letter).
    #[arg(long, value_name = "NAME|LETTER")]
    pub person_column: Option<String>,
    /// Column holding the tasks.
    #[arg(long, value_name = "NAME|LETTER")]
    pub task_column: Option<String>,
    /// Column holding job titles.
    #[arg(long, value_name = "NAME|LETTER")]
    pub title_column: Option<String>,
    /// Column holding team names.
    #[arg(long, value_name = "NAME|LETTER")]
    pub team_column: Option<String>,
    /// Column holding effort (hours, "25%", "0.25", "4h", "0.5 FTE").
    #[arg(long, value_name = "NAME|LETTER")]
    pub effort_column: Option<String>,
    /// Column holding each task's phase or category; a value holds for the rows under it.
    #[arg(long, value_name = "NAME|LETTER")]
    pub group_column: Option<String>,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    /// Rubric file or folder of *.toml files (and training/*.csv) to use instead of the
    /// built-in rubrics; a .csv file is training text (repeatable).
    #[arg(long, value_name = "PATH")]
    pub rubric: Vec<PathBuf>,
}

/// Whether a model trained from --rubric files is kept for the next run.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Train the matcher for --rubric files afresh and keep nothing in the cache folder (or
    /// set ROLECALL_NO_CACHE=1).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Matching")]
pub struct MatchingArgs {
    /// A task whose best role's probability is below this is unmatched (0 to 1) [default:
    /// 0.3].
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,
    /// A task whose two likeliest roles' probabilities lie closer than this is ambiguous
    /// (0 to 1) [default: 0.1].
    #[arg(long, value_name = "SCORE")]
    pub ambiguity_margin: Option<f64>,
    /// The team's labels (CSV or xlsx with "task" and "label" columns, as `rolecall review`
    /// writes): a labelled task gets that verdict, and the model learns from the labels.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The task text, as it would appear in a team sheet.
    #[arg(value_name = "TEXT")]
    pub text: String,

    /// How many ranked matches to show.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

/// What `explain` and `eval` share: the rubrics and thresholds to judge text with, and how
/// to print the result.
#[derive(Debug, Args)]
pub struct JudgeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormatArg::Text)]
    pub format: ExplainFormatArg,

    #[command(flatten)]
    pub rubric: RubricArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub matching: MatchingArgs,
}

const DIFF_EXAMPLES: &str = "Examples:
  rolecall audit team.xlsx --format json -o q3.json
  rolecall audit team.xlsx --format json -o q4.json
  rolecall diff q3.json q4.json
  rolecall diff q3.json q4.json --format md -o since-q3.md
  rolecall diff q3.json q4.json --fail-on new:gap --fail-on new:overlap";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier audit's JSON report (the baseline).
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,

    /// The later audit's JSON report.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,

    #[arg(long, value_enum, default_value_t = DiffFormatArg::Text)]
    pub format: DiffFormatArg,

    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with code 1 when the comparison has new findings of this kind ("new:gap", or
    /// "new:any"); repeatable.
    #[arg(long, value_name = "new:KIND")]
    pub fail_on: Vec<String>,

    /// List a person's role share that moved by at least this much (0 to 1) [default: 0.2].
    #[arg(long, value_name = "SHARE")]
    pub mix_shift: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    Text,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The labelled CSV file.
    #[arg(value_name = "FILE")]
    pub path: PathBuf,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

#[derive(Debug, Args)]
pub struct RubricsArgs {
    #[command(subcommand)]
    pub action: Option<RubricsAction>,

    #[command(flatten)]
    pub rubric: RubricArgs,
}

#[derive(Debug, Subcommand)]
pub enum RubricsAction {
    /// Validate rubric files (a file or a folder of *.toml) and summarise them, with their
    /// training lines and a cross-validated accuracy.
    Check {
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        cache: CacheArgs,
    },
    /// Write the built-in rubrics (the role files and their training text) into a folder,
    /// to edit and pass back with --rubric DIR.
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Replace files of the same names already in the folder.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A readable summary for the terminal.
    Text,
    /// CSV tables: tasks, coverage, findings (and their tasks and responsibilities, one per
    /// row), people, rollup.
    Csv,
    /// One JSON object (see README "JSON schema").
    Json,
    /// A Markdown report.
    Md,
    /// A PDF report for leaders (needs -o FILE).
    Pdf,
    /// An Excel workbook: a summary, then findings, tasks, coverage and people as tables
    /// (needs -o FILE).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// One row per person and task.
    List,
    /// Tasks down, people or roles across, RACI marks in the cells.
    Matrix,
    /// People or roles down, tasks across.
    Transposed,
    /// One row per task, a column per RACI letter, names in the cells.
    LetterColumns,
    /// One row per task, party and RACI letter, as tools export a chart.
    LongForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemeArg {
    /// Responsible, Accountable, Consulted, Informed.
    Raci,
    /// RACI plus S (Support).
    Rasci,
    /// Driver (read as R), Approver (A), Contributor (C), Informed (I).
    Daci,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// 210 x 297 mm.
    A4,
    /// 8.5 x 11 inches.
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AppendixArg {
    /// Every task, however many pages that takes.
    Full,
    /// Every task of a small team; for a large one, a few pages, findings' tasks first.
    Short,
    /// No Appendix A.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormatArg {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvidenceArg {
    Top,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    Tasks,
    /// One row per distinct task text: its verdict, scores and evidence.
    Verdicts,
    Coverage,
    Findings,
    /// One row per task behind each finding.
    FindingTasks,
    /// One row per responsibility each finding is about.
    FindingResponsibilities,
    People,
    /// Each role's work per title and per team.
    Rollup,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The help is prose around the kinds' names: held to the list the audit has, so a new
    /// kind cannot go unnamed (foreign-language once did, when the help was kept by hand).
    #[test]
    fn fail_on_help_names_every_finding_kind() {
        let mut command = Cli::command();
        let audit = command
            .find_subcommand_mut("audit")
            .unwrap_or_else(|| panic!("no audit command"));
        let help = audit
            .get_arguments()
            .find(|a| a.get_id() == "fail_on")
            .and_then(|a| a.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let named: Vec<&str> = help
            .split(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .collect();
        for kind in FindingKind::ALL {
            assert!(
                named.contains(&kind.name()),
                "--fail-on's help omits {kind}"
            );
        }
    }

    /// The thresholds' defaults live in the library (a flag left out falls back to the
    /// config file, then to them), so the help states them in words: held to the values here.
    #[test]
    fn help_states_the_defaults_the_library_uses() {
        let audit = crate::audit::AuditSettings::default();
        let matching = crate::matching::MatchSettings::default();
        let mut command = Cli::command();
        let command = command
            .find_subcommand_mut("audit")
            .unwrap_or_else(|| panic!("no audit command"));
        let help = |id: &str| {
            let arg = command
                .get_arguments()
                .find(|a| a.get_id() == id)
                .unwrap_or_else(|| panic!("no --{id}"));
            arg.get_help().map(ToString::to_string).unwrap_or_default()
        };
        for (id, default) in [
            ("similar_work", audit.similar_work_jaccard.to_string()),
            ("similar_work_peers", audit.similar_work_peers.to_string()),
            ("drift_share", audit.drift_share.to_string()),
            ("confidence", audit.confidence.to_string()),
            ("max_owners", audit.max_owners.to_string()),
            ("raci_overload", audit.raci_overload_share.to_string()),
            ("min_score", matching.min_score.to_string()),
            ("ambiguity_margin", matching.ambiguity_margin.to_string()),
        ] {
            let text = help(id);
            assert!(
                text.contains(&format!("[default: {default}]")),
                "--{id}: {text}"
            );
        }
    }
}
