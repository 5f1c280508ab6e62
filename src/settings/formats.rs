//! Which reports an audit writes and how: the formats (from the flag, the output's
//! extension or the config file), each format's own options, the CSV table, and the
//! combinations refused before anything is read.

use std::path::Path;

use clap::ValueEnum;

use crate::cli::{AppendixArg, ColorArg, FormatArg, PaperArg, ReportArgs, TableArg};
use crate::config::Config;
use crate::report::{
    Appendix, Colour, CsvOptions, Format, MarkdownOptions, Paper, PdfOptions, Table,
    TerminalOptions,
};

use super::precedence::flag_file_default;
use super::UsageError;

/// The reports to write, and the CSV table when CSV is one table rather than a folder.
pub(super) fn reports(
    report: &ReportArgs,
    config: &Config,
    generated_at: Option<time::Date>,
) -> Result<(Vec<Format>, Option<Table>), UsageError> {
    let format_args = format_choice(&report.format, report.output.as_deref(), || {
        filed_formats(config)
    })?;
    let paper = flag_file_default(
        report.paper,
        || {
            config
                .report
                .paper
                .as_deref()
                .map(|name| {
                    PaperArg::from_str(name, true)
                        .map_err(|_| filed_value_error(config, "paper", name, "a4, letter"))
                })
                .transpose()
        },
        || PaperArg::A4,
    )?;
    let csv_bom = csv_bom(report, config)?;
    let formats: Vec<Format> = format_args
        .iter()
        .map(|&format_arg| format(format_arg, report, paper, csv_bom, generated_at))
        .collect();
    refuse_destination(&formats, report)?;
    let table = table(report, &format_args, &formats)?;
    Ok((formats, table))
}

/// A value from the file is checked as the flag would be, and its message names the file.
fn filed_value_error(config: &Config, key: &str, value: &str, allowed: &str) -> UsageError {
    UsageError(format!(
        "{}: {key} = \"{value}\": expected one of {allowed}",
        config.name()
    ))
}

/// The config file's `format`, a list like the flag's.
fn filed_formats(config: &Config) -> Result<Option<Vec<FormatArg>>, UsageError> {
    config
        .report
        .format
        .as_deref()
        .map(|names| {
            names
                .split(',')
                .map(|name| {
                    FormatArg::from_str(name.trim(), true).map_err(|_| {
                        filed_value_error(config, "format", names, "text, csv, json, md, pdf, xlsx")
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
}

/// The formats asked for, each once: the flag's, else the one the output's extension names,
/// else the config file's (`filed`), else text.
fn format_choice(
    given: &[FormatArg],
    output: Option<&Path>,
    filed: impl FnOnce() -> Result<Option<Vec<FormatArg>>, UsageError>,
) -> Result<Vec<FormatArg>, UsageError> {
    let flag = if !given.is_empty() {
        Some(given.to_vec())
    } else {
        output
            .and_then(format_of_extension)
            .map(|format| vec![format])
    };
    let mut formats = flag_file_default(flag, filed, || vec![FormatArg::Text])?;
    let mut seen = Vec::with_capacity(formats.len());
    formats.retain(|f| {
        let first = !seen.contains(f);
        seen.push(*f);
        first
    });
    Ok(formats)
}

/// The format a file name's extension names, for `-o audit.pdf` without `--format`.
pub(super) fn format_of_extension(path: &Path) -> Option<FormatArg> {
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

/// Whether CSV starts with a byte order mark. A file is for a spreadsheet, which needs the
/// mark to read UTF-8; a pipe is for a script, which would read the mark as part of the
/// first header.
fn csv_bom(report: &ReportArgs, config: &Config) -> Result<bool, UsageError> {
    let flag = match (report.csv_bom, report.no_csv_bom) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    flag_file_default(
        flag,
        || Ok(config.report.csv_bom),
        || report.output.is_some(),
    )
}

/// One format with its options.
fn format(
    format_arg: FormatArg,
    report: &ReportArgs,
    paper: PaperArg,
    csv_bom: bool,
    generated_at: Option<time::Date>,
) -> Format {
    match format_arg {
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
            bom: csv_bom,
        }),
        FormatArg::Json => Format::Json,
        FormatArg::Md => Format::Markdown(MarkdownOptions {
            summary: report.summary,
        }),
        FormatArg::Pdf => Format::Pdf(PdfOptions {
            paper: match paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            },
            appendix: match report.appendix {
                AppendixArg::Full => Appendix::Full,
                AppendixArg::Short => Appendix::Short,
                AppendixArg::None => Appendix::None,
            },
            generated_at: generated_at.unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
        }),
        FormatArg::Xlsx => Format::Xlsx,
    }
}

/// Several formats need a folder, and binary data no terminal.
fn refuse_destination(formats: &[Format], report: &ReportArgs) -> Result<(), UsageError> {
    if formats.len() > 1 && report.output.is_none() {
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
    Ok(())
}

/// The CSV table to write, when CSV is one table; and the flags that go with one format
/// only, refused with any other.
fn table(
    report: &ReportArgs,
    format_args: &[FormatArg],
    formats: &[Format],
) -> Result<Option<Table>, UsageError> {
    let table = report.table.map(|t| match t {
        TableArg::Tasks => Table::Tasks,
        TableArg::Verdicts => Table::Verdicts,
        TableArg::Coverage => Table::Coverage,
        TableArg::Findings => Table::Findings,
        TableArg::FindingTasks => Table::FindingTasks,
        TableArg::FindingResponsibilities => Table::FindingResponsibilities,
        TableArg::People => Table::People,
        TableArg::Rollup => Table::Rollup,
    });
    let has = |wanted: FormatArg| format_args.contains(&wanted);
    let csv = has(FormatArg::Csv);
    if table.is_some() && (!csv || format_args.len() > 1) {
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
    Ok(match formats {
        [Format::Csv(_)] if one_file => Some(table.unwrap_or(Table::Tasks)),
        _ => table,
    })
}
