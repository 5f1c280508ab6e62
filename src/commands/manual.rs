//! The completion scripts and the man pages, generated from the same clap definitions as
//! `--help`, so that they can never describe flags the binary no longer has.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::report::{self, Body, Destination, Rendered, ReportError};

/// The script `shell` sources to complete rolecall's subcommands, flags and their values.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut command = visible(Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "rolecall", &mut script);
    script
}

/// rolecall(1) in roff: the top-level help with every visible subcommand listed.
pub fn man_page() -> Result<Vec<u8>, ReportError> {
    render(clap_mangen::Man::new(Cli::command()))
}

/// rolecall(1) and a page for every visible subcommand at any depth (rolecall-rubrics-check(1),
/// ...), which rolecall(1) refers to, each written atomically. Returns how many were written.
pub fn write_man_pages(dir: &Path) -> Result<usize, ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.display().to_string(),
        source,
    })?;
    let mut root = Cli::command().disable_help_subcommand(true);
    // Builds the subcommands' names as "rolecall-audit", which their pages are named by.
    root.build();
    let mut pending = vec![root];
    let mut written = 0;
    while let Some(command) = pending.pop() {
        pending.extend(
            command
                .get_subcommands()
                .filter(|sub| !sub.is_hide_set())
                .cloned(),
        );
        let man = clap_mangen::Man::new(command);
        let path = dir.join(man.get_filename());
        report::write(
            &Rendered::Document(Body::Bytes(render(man)?)),
            &Destination::Path(path),
            &crate::input::ReadFiles::default(),
        )?;
        written += 1;
    }
    Ok(written)
}

fn render(man: clap_mangen::Man) -> Result<Vec<u8>, ReportError> {
    let mut page = Vec::new();
    man.render(&mut page).map_err(|e| ReportError::Render {
        format: "man",
        message: e.to_string(),
    })?;
    Ok(page)
}

/// The command without its hidden subcommands, which clap_complete would otherwise offer
/// (the parser child's internal command is no user's business). clap cannot drop a
/// subcommand, so the root is rebuilt around the visible ones; it has no flags of its own
/// beyond --help and --version, which clap adds again.
fn visible(command: clap::Command) -> clap::Command {
    let subcommands: Vec<clap::Command> = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect();
    clap::Command::new("rolecall")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .subcommands(subcommands)
}
