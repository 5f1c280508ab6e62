//! rolecall audits who does what on a team.
//!
//! The pipeline reads top to bottom, one module per stage, on [`text`], the ground floor of
//! helpers every stage may use (making user text safe to show):
//!
//! 1. [`input`] turns a spreadsheet or CSV file into [`RawTable`]s of text cells that remember
//!    their location (file, sheet, row, column).
//! 2. [`layout`] tells a list (one row per person and task) from a RACI matrix (tasks down,
//!    parties across, or transposed), finds the header and the columns or parties, and reads
//!    every sheet into [`Assignment`]s (one party, one task, RACI letters when the sheet has
//!    them), the matrices into [`layout::Chart`]s, and notes on how each sheet was read.
//!    With `--anonymize`, [`privacy`] then puts pseudonyms in place of people's names.
//! 3. [`rubric`] loads the roles and their [`Responsibility`]s from TOML, with labelled
//!    training lines from CSV (built in, or the user's own).
//! 4. [`matching`] gives each task a probability for every responsibility and area of other
//!    work with a linear model trained on the rubrics and their training text, and says
//!    which words carried each [`Match`], with their weights. [`quality`] measures it on
//!    labelled lines.
//! 5. [`audit`] turns assignments and matches into an [`AuditReport`]: coverage, people and
//!    [`Finding`]s (overlap, gaps, drift, single points of failure, tasks to review, and the
//!    RACI rules on every chart).
//! 6. [`report`] renders that one report as terminal text, CSV, JSON, Markdown or PDF, and writes
//!    it atomically.
//!
//! [`commands`] wires the stages for each subcommand, a file each (`inspect` stops after the
//! layout), and holds everything said on stderr; [`run`] picks the command, and `main.rs`
//! only maps its result to an exit code. Between the command line and the commands,
//! [`cli`] is clap's view of the arguments and [`settings`] the validated options each
//! command takes, with a flag winning over the [`config`] file and the file over the
//! defaults.
//!
//! # Where to change what
//!
//! | To add | Change | Held together by |
//! |---|---|---|
//! | an output format | a renderer in `src/report/` implementing [`report::Render`], a [`report::Format`] variant, its `--format` value in `src/cli.rs` and its extension in `src/settings/formats.rs`, README's Output section | `every_format_is_named_in_readme`, `tests/integration/golden.rs` |
//! | a finding kind | one row of the table in `src/audit/kinds.rs` (name, RACI or not, PDF home), its rule in `src/audit/findings/` (or `src/audit/raci/`), its advice | `every_finding_kind_has_one_home_in_the_pdf`, `every_finding_kind_carries_advice` |
//! | a layout | a reader in `src/layout/` implementing its `Reader` trait, a [`layout::LayoutKind`] variant and its place in `READERS` (`src/layout/reader.rs`), its `--layout` value in `src/cli.rs`, README's Layouts section | `every_layout_has_its_reader_once_in_the_detection_order`, `every_layout_is_named_in_readme_and_in_the_layout_flag` |
//! | a flag | its clap field in `src/cli.rs`, its setting in `src/settings/` (through `src/settings/precedence.rs` when `rolecall.toml` may set it too, with its key in `src/config.rs`), README | `tests/integration/manual.rs` (man pages and completions come from the same definition) |
//! | a rubric or responsibility | a TOML file in `rubrics/` with its training lines, then `cargo run --release --example train-model` | `the_shipped_model_is_what_training_gives`, `rolecall rubrics check` |
//! | a subcommand | a file in `src/commands/`, its arm in [`commands::run`], a variant of [`cli::Command`], its options in `src/settings/` | `tests/integration/manual.rs` |
//!
//! Every path and test this table names is checked to exist (`tests/integration/layers.rs`),
//! so a move that leaves the table behind fails.

// Tests may unwrap: a panic there is a failed test, not a crash in a user's hands.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod error;
pub mod input;
pub mod layout;
pub mod matching;
pub mod privacy;
pub mod progress;
pub mod quality;
pub mod report;
pub mod rubric;
pub mod settings;
pub mod text;

pub use audit::{AuditReport, AuditSettings, Finding, FindingKind, Severity, TaskId};
pub use cli::Cli;
pub use commands::{audit_report, load_rubric, load_team_rubric, read, run};
pub use error::{Error, Exit};
pub use input::{Isolation, Location, RawTable};
pub use layout::Assignment;
pub use matching::{Match, MatchSettings, MatchStatus, Matcher, Scratch};
pub use rubric::{Responsibility, Rubric};
pub use settings::Settings;
