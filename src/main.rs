//! The rolecall binary: parse arguments, run, map the outcome to an exit code. Errors print
//! as one line, never as a backtrace, whatever RUST_BACKTRACE says, and user text inside them
//! (a file or sheet name) is sanitised so that it can neither break the line nor act on the
//! terminal. Workbooks are parsed in a capped child of this executable, so that no file can
//! take the process down; without a path to itself (no /proc), only the caps checked while
//! reading hold.

use std::process::ExitCode;

use clap::Parser;
use rolecall::commands::stderr;
use rolecall::{Cli, Exit, Isolation};

fn main() -> ExitCode {
    rolecall::report::guard_stdout();
    let cli = Cli::parse();
    let isolation = std::env::current_exe().map_or(Isolation::InProcess, Isolation::Child);
    match rolecall::run(cli, &isolation) {
        Ok(exit) => exit.into(),
        Err(error) if error.is_broken_pipe() => Exit::Success.into(),
        Err(error) => {
            stderr::error(&error);
            Exit::Error.into()
        }
    }
}
