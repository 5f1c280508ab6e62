//! The rolecall binary: parse arguments, run, map the outcome to an exit code. Errors print
//! as one line, never as a backtrace, whatever RUST_BACKTRACE says.

use std::process::ExitCode;

use clap::Parser;
use rolecall::{Cli, Exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match rolecall::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) if error.is_broken_pipe() => Exit::Success.into(),
        Err(error) => {
            eprintln!("rolecall: {error}");
            Exit::Error.into()
        }
    }
}
