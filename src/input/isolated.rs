//! Workbook parsing in a child process under a memory and a time cap.
//!
//! calamine has inputs that kill the process that parses them: a few kilobytes that make it
//! allocate until the allocator aborts (an abort, not a panic, so it cannot be caught), or
//! that loop in a damaged compound file. Caps checked while reading cannot reach inside the
//! parser, so the parser runs in a child: this same executable, started with a hidden
//! subcommand, under `RLIMIT_AS`, with its core dumps off and its stderr kept from the user.
//! Whatever the file does to the child, the parent sees an exit status and turns it into
//! one line naming the cap.
//!
//! The child reads every worksheet and sends the sheets back at once, each with its own
//! result, so a damaged sheet stays an error of that sheet alone, as it is in-process.

use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::limits::Exceeded;
use super::spreadsheet::{Kind, Spreadsheet};
use super::{Cell, CellRange, InputError, Limit, Limits, Location, RawRow, RawTable};

/// The hidden subcommand that makes this executable a parser child.
pub const WORKER_COMMAND: &str = "__read-workbook";

/// One worksheet as read: its name and its cells, or why they could not be read.
pub(super) struct SheetRead {
    pub name: String,
    pub table: Result<RawTable, InputError>,
}

/// Reads every worksheet of a workbook in this process.
pub(super) fn read_here(
    path: &Path,
    name: &str,
    kind: Kind,
    limits: &Limits,
) -> Result<Vec<SheetRead>, InputError> {
    let crashed = || InputError::Corrupt {
        file: name.to_string(),
        kind: kind.label(),
        detail: "the parser crashed on it".to_string(),
    };
    let mut book = std::panic::catch_unwind(|| Spreadsheet::open(path, name, kind, limits))
        .unwrap_or_else(|_| Err(crashed()))?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for (index, sheet) in names.into_iter().enumerate() {
        // A panic inside calamine is the file's doing: it ends this sheet, not the read.
        let table = std::panic::catch_unwind(AssertUnwindSafe(|| book.read_sheet(index)))
            .unwrap_or_else(|_| {
                Err(InputError::CorruptSheet {
                    location: Location {
                        sheet: Some(sheet.clone()),
                        ..Location::file(name)
                    },
                    detail: "the parser crashed on it".to_string(),
                })
            });
        sheets.push(SheetRead { name: sheet, table });
    }
    Ok(sheets)
}

/// What the parent sends the child on its stdin; the path comes as an argument, since a
/// path need not be UTF-8.
#[derive(Serialize, Deserialize)]
struct Request {
    name: String,
    kind: Kind,
    limits: Limits,
}

/// Reads every worksheet in a child process (`exe`, this program) under `limits`.
pub(super) fn read_in_child(
    exe: &Path,
    path: &Path,
    name: &str,
    kind: Kind,
    limits: &Limits,
) -> Result<Vec<SheetRead>, InputError> {
    let failed = |detail: String| InputError::Corrupt {
        file: name.to_string(),
        kind: kind.label(),
        detail,
    };
    let request = postcard::to_stdvec(&Request {
        name: name.to_string(),
        kind,
        limits: *limits,
    })
    .map_err(|e| failed(format!("cannot start the parser: {e}")))?;
    let mut child = Command::new(exe)
        .arg(WORKER_COMMAND)
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("cannot start the parser: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A child that died at once has closed its end; its status says why.
        let _ = stdin.write_all(&request);
    }
    let reply = drain(child.stdout.take());
    let diagnostics = drain(child.stderr.take());
    let status = wait_until(&mut child, Instant::now() + limits.timeout);
    let over = |limit| {
        InputError::limit(
            Location::file(name),
            Exceeded { limit, found: None },
            limits,
        )
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(over(Limit::Time));
    };
    let reply = reply.join().unwrap_or_default();
    let diagnostics = diagnostics.join().unwrap_or_default();
    if !status.success() {
        let diagnostics = String::from_utf8_lossy(&diagnostics);
        return Err(if diagnostics.contains("memory allocation of") {
            // Rust's allocator says so before it aborts.
            over(Limit::Memory)
        } else {
            failed(format!("the parser stopped on it ({})", describe(status)))
        });
    }
    let reply: Reply = postcard::from_bytes(&reply)
        .map_err(|e| failed(format!("the parser's answer was unreadable: {e}")))?;
    let file = name.to_string();
    match reply {
        Reply::Failed(error) => Err(error.into_input_error(&file, kind)),
        Reply::Sheets(sheets) => Ok(sheets
            .into_iter()
            .map(|sheet| SheetRead {
                table: sheet
                    .table
                    .map(|table| table.into_raw(&file, &sheet.name))
                    .map_err(|e| e.into_input_error(&file, kind)),
                name: sheet.name,
            })
            .collect()),
    }
}

/// The child's side: reads the request, caps itself, reads the workbook and answers on
/// stdout. It always exits 0 once it has answered; anything else is a crash.
pub fn serve(path: &Path) -> std::io::Result<()> {
    let mut request = Vec::new();
    std::io::stdin().lock().read_to_end(&mut request)?;
    let request: Request = postcard::from_bytes(&request)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    cap_this_process(&request.limits)?;
    let reply = match read_here(path, &request.name, request.kind, &request.limits) {
        Ok(sheets) => Reply::Sheets(
            sheets
                .into_iter()
                .map(|sheet| WireSheet {
                    table: sheet.table.map(WireTable::from).map_err(WireError::from),
                    name: sheet.name,
                })
                .collect(),
        ),
        Err(error) => Reply::Failed(WireError::from(error)),
    };
    let bytes = postcard::to_stdvec(&reply)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&bytes)?;
    stdout.flush()
}

/// The memory cap counts from what the process already maps (the executable, its
/// libraries), so that `--max-memory-mb` is what parsing may add.
#[cfg(target_os = "linux")]
fn cap_this_process(limits: &Limits) -> std::io::Result<()> {
    let mapped = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmSize:"))
                .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0)
        .saturating_mul(1024);
    // Never above a cap the parent was already given (an unprivileged process cannot raise
    // its hard limit).
    let (_, hard) = rlimit::getrlimit(rlimit::Resource::AS)?;
    let cap = mapped.saturating_add(limits.max_memory_bytes).min(hard);
    rlimit::setrlimit(rlimit::Resource::AS, cap, cap)?;
    // An abort must not leave a core file in the user's folder.
    rlimit::setrlimit(rlimit::Resource::CORE, 0, 0)
}

#[cfg(not(target_os = "linux"))]
fn cap_this_process(_limits: &Limits) -> std::io::Result<()> {
    Ok(())
}

/// Reads a pipe to its end on a thread of its own, so that neither pipe can fill and stall
/// the child while the parent waits on the other.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Waits for the child until `deadline`; `None` when it is still running then.
fn wait_until(child: &mut std::process::Child, deadline: Instant) -> Option<ExitStatus> {
    let mut pause = Duration::from_micros(200);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() >= deadline => return None,
            Ok(None) => {
                std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(_) => return None,
        }
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("signal {signal}");
        }
    }
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "no exit code".to_string(),
    }
}

// The wire format: plain data that postcard can carry. Library types stay free of serde
// derives they would only need here.

#[derive(Serialize, Deserialize)]
enum Reply {
    Sheets(Vec<WireSheet>),
    Failed(WireError),
}

#[derive(Serialize, Deserialize)]
struct WireSheet {
    name: String,
    table: Result<WireTable, WireError>,
}

#[derive(Serialize, Deserialize)]
struct WireTable {
    rows: Vec<(u32, Vec<(u32, CompactString)>)>,
    merged: Vec<(u32, u32, u32, u32)>,
}

impl From<RawTable> for WireTable {
    fn from(table: RawTable) -> WireTable {
        WireTable {
            rows: table
                .rows
                .into_iter()
                .map(|row| {
                    let cells = row.cells.into_iter().map(|c| (c.column, c.text)).collect();
                    (row.number, cells)
                })
                .collect(),
            merged: table
                .merged
                .into_iter()
                .map(|r| (r.top, r.left, r.bottom, r.right))
                .collect(),
        }
    }
}

impl WireTable {
    fn into_raw(self, file: &str, sheet: &str) -> RawTable {
        RawTable {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            rows: self
                .rows
                .into_iter()
                .map(|(number, cells)| RawRow {
                    number,
                    cells: cells
                        .into_iter()
                        .map(|(column, text)| Cell { column, text })
                        .collect(),
                })
                .collect(),
            merged: self
                .merged
                .into_iter()
                .map(|(top, left, bottom, right)| CellRange {
                    top,
                    left,
                    bottom,
                    right,
                })
                .collect(),
        }
    }
}

/// The errors a workbook read can end in, without the parts that cannot cross a pipe (an
/// `io::Error` travels as its message).
#[derive(Serialize, Deserialize)]
enum WireError {
    Encrypted,
    NoSheets,
    Corrupt {
        detail: String,
    },
    CorruptSheet {
        sheet: Option<String>,
        detail: String,
    },
    Limit {
        sheet: Option<String>,
        row: Option<u32>,
        column: Option<u32>,
        limit: Limit,
        what: String,
        cap: String,
    },
    Io {
        detail: String,
    },
}

impl From<InputError> for WireError {
    fn from(error: InputError) -> WireError {
        match error {
            InputError::Encrypted { .. } => WireError::Encrypted,
            InputError::NoSheets { .. } => WireError::NoSheets,
            InputError::Corrupt { detail, .. } => WireError::Corrupt { detail },
            InputError::CorruptSheet { location, detail } => WireError::CorruptSheet {
                sheet: location.sheet,
                detail,
            },
            InputError::Limit {
                location,
                limit,
                what,
                cap,
            } => WireError::Limit {
                sheet: location.sheet,
                row: location.row,
                column: location.column,
                limit,
                what,
                cap,
            },
            InputError::Io { source, .. } => WireError::Io {
                detail: source.to_string(),
            },
            // Not raised while reading a workbook; carried whole all the same.
            other => WireError::Io {
                detail: other.to_string(),
            },
        }
    }
}

impl WireError {
    fn into_input_error(self, file: &str, kind: Kind) -> InputError {
        let location = |sheet, row, column| Location {
            file: file.to_string(),
            sheet,
            row,
            column,
        };
        match self {
            WireError::Encrypted => InputError::Encrypted {
                file: file.to_string(),
            },
            WireError::NoSheets => InputError::NoSheets {
                file: file.to_string(),
            },
            WireError::Corrupt { detail } => InputError::Corrupt {
                file: file.to_string(),
                kind: kind.label(),
                detail,
            },
            WireError::CorruptSheet { sheet, detail } => InputError::CorruptSheet {
                location: location(sheet, None, None),
                detail,
            },
            WireError::Limit {
                sheet,
                row,
                column,
                limit,
                what,
                cap,
            } => InputError::Limit {
                location: location(sheet, row, column),
                limit,
                what,
                cap,
            },
            WireError::Io { detail } => InputError::Io {
                file: file.to_string(),
                source: std::io::Error::other(detail),
            },
        }
    }
}
