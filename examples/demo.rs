//! Writes a demo organisation of any size as a team sheet, to try rolecall at scale without
//! writing one by hand:
//!
//! ```sh
//! cargo run --release --example demo -- --people 1000 -o team.csv
//! rolecall audit team.csv
//! ```
//!
//! The sheet is realistic in shape (names in several scripts, job titles, teams of about 25,
//! task lines written the way people write them, hours a week) and the same for the same
//! seed on every machine: the generator rolecall's own tests and benchmarks use
//! (`crates/synthetic`). It is written through a temporary file renamed into place, and an
//! existing file is only replaced with `--force`. Bad arguments and failures print one line
//! and exit 2, as rolecall's own errors do.
//!
//! `--truth FILE` writes a planted organisation instead, and the truth planted in it as JSON
//! (what each line was written for, who wears two hats, which responsibilities nobody, one
//! person or a few carry, and the findings a correct audit reports; see the generator's
//! `truth` module for their definitions): the organisation rolecall's findings bench
//! measures against (`cargo bench --bench findings`).

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::RangedU64ValueParser;
use clap::error::ErrorKind;
use clap::Parser;
use rolecall_synthetic::{write_file, write_planted, TeamSpec, WriteError};

/// Write a demo organisation as a team sheet (CSV) for `rolecall audit`.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// How many people
    #[arg(long, value_name = "N", default_value_t = 200,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    people: usize,
    /// Tasks per person, one a row
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    tasks_per_person: usize,
    /// The same seed gives the same organisation
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The CSV file to write
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Write a planted organisation, and the truth planted in it to FILE as JSON
    #[arg(long, value_name = "FILE")]
    truth: Option<PathBuf>,
    /// Replace the output files if they exist
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    match demo(std::env::args_os()) {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(line) => {
            eprintln!("{line}");
            ExitCode::from(2)
        }
    }
}

/// Runs the demo on its command line: what to print when done (the help, or what was
/// written), or the one line of error to print before exiting with status 2. Public for
/// `tests/integration/demo.rs`, which compiles this file in and runs it as `main` would.
pub fn demo<I, T>(args: I) -> Result<String, String>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(e.to_string().trim_end().to_string());
        }
        Err(e) => return Err(first_paragraph(&e.to_string())),
    };
    let spec = TeamSpec {
        people: args.people,
        tasks_per_person: args.tasks_per_person,
        seed: args.seed,
    };
    let written = match &args.truth {
        Some(truth) => write_planted(spec, &args.output, truth, args.force),
        None => write_file(spec, &args.output, args.force),
    };
    written.map_err(|e| match e {
        WriteError::Exists(_) => format!("error: {e} (--force replaces it)"),
        _ => format!("error: {e}"),
    })?;
    let truth = args.truth.as_ref().map_or(String::new(), |truth| {
        format!("; the truth planted in it: {}", truth.display())
    });
    Ok(format!(
        "{}: {} people, {} tasks{truth}",
        args.output.display(),
        args.people,
        args.people.saturating_mul(args.tasks_per_person)
    ))
}

/// clap's message up to its first blank line, on one line: the error without the usage and
/// tips that follow it ("error: the following required arguments were not provided:
/// --output <FILE>").
fn first_paragraph(message: &str) -> String {
    message
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}
