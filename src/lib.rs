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
pub use commands::{audit_report, load_rubric, read, run};
pub use error::{Error, Exit};
pub use input::{Isolation, Location, RawTable};
pub use layout::Assignment;
pub use matching::{Match, MatchSettings, MatchStatus, Matcher, Scratch};
pub use rubric::{Responsibility, Rubric};
pub use settings::Settings;
