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
//! The child sends each worksheet's cells as it reads them, in frames of a few thousand,
//! then the sheet's end: its merged ranges, or why it could not be read, so a damaged sheet
//! stays an error of that sheet alone, as it is in-process. The parent builds the tables
//! while the child still reads: neither side holds every cell twice, nor the whole answer
//! as bytes.

use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::limits::Exceeded;
use super::spreadsheet::{Kind, Spreadsheet};
use super::table::CellSink;
use super::{CellRange, InputError, Limit, Limits, Location, RawTable};

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
    let mut tables = Tables::new(name);
    read_each(path, name, kind, limits, &mut tables)?;
    Ok(tables.sheets)
}

/// What a workbook read hands on, sheet after sheet: each cell of the sheet being read,
/// then that sheet's end.
trait Receiver {
    fn cell(&mut self, row: u32, column: u32, text: CompactString);
    /// The sheet's cells are all handed over: its merged ranges, or why it could not be
    /// read (the cells handed over for it are then dropped).
    fn end(&mut self, sheet: String, merged: Result<Vec<CellRange>, InputError>);
}

/// Reads every worksheet in this process, handing each to `receiver` as it is read.
fn read_each(
    path: &Path,
    name: &str,
    kind: Kind,
    limits: &Limits,
    receiver: &mut dyn Receiver,
) -> Result<(), InputError> {
    let crashed = || InputError::Corrupt {
        file: name.to_string(),
        kind: kind.label(),
        detail: "the parser crashed on it".to_string(),
    };
    let mut book = std::panic::catch_unwind(|| Spreadsheet::open(path, name, kind, limits))
        .unwrap_or_else(|_| Err(crashed()))?;
    for (index, sheet) in book.sheet_names().into_iter().enumerate() {
        // A panic inside calamine is the file's doing: it ends this sheet, not the read.
        let merged = std::panic::catch_unwind(AssertUnwindSafe(|| {
            book.read_sheet(index, &mut |row, column, text| {
                receiver.cell(row, column, text)
            })
        }))
        .unwrap_or_else(|_| {
            Err(InputError::CorruptSheet {
                location: Location {
                    sheet: Some(sheet.clone()),
                    ..Location::file(name)
                },
                detail: "the parser crashed on it".to_string(),
            })
        });
        receiver.end(sheet, merged);
    }
    Ok(())
}

/// Sheets built into tables as their cells arrive, here or from the child.
struct Tables {
    file: String,
    sink: CellSink,
    sheets: Vec<SheetRead>,
}

impl Tables {
    fn new(file: &str) -> Tables {
        Tables {
            file: file.to_string(),
            sink: CellSink::default(),
            sheets: Vec::new(),
        }
    }
}

impl Receiver for Tables {
    fn cell(&mut self, row: u32, column: u32, text: CompactString) {
        self.sink.push(row, column, text);
    }

    fn end(&mut self, sheet: String, merged: Result<Vec<CellRange>, InputError>) {
        let sink = std::mem::take(&mut self.sink);
        let table = merged.map(|merged| {
            let mut table = sink.finish(self.file.clone(), Some(sheet.clone()));
            table.fill_merged(&merged);
            table
        });
        self.sheets.push(SheetRead { name: sheet, table });
    }
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
    let reply = receive(child.stdout.take(), name.to_string(), kind);
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
    let reply = reply
        .join()
        .unwrap_or_else(|_| Err("the reading thread stopped".to_string()));
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
    match reply.map_err(|e| failed(format!("the parser's answer was unreadable: {e}")))? {
        Received::Failed(error) => Err(error.into_input_error(name, kind)),
        Received::Sheets(sheets) => Ok(sheets),
    }
}

/// The child's side: reads the request, caps itself, reads the workbook and sends each
/// sheet on stdout as it is read. It always exits 0 once it has answered; anything else is
/// a crash.
pub fn serve(path: &Path) -> std::io::Result<()> {
    let mut request = Vec::new();
    std::io::stdin().lock().read_to_end(&mut request)?;
    let request: Request = postcard::from_bytes(&request)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    cap_this_process(&request.limits)?;
    let mut sender = Sender {
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        cells: Vec::with_capacity(FRAME_CELLS),
        failed: None,
    };
    let read = read_each(
        path,
        &request.name,
        request.kind,
        &request.limits,
        &mut sender,
    );
    if let Err(error) = read {
        sender.send(&Frame::Failed(WireError::from(error)));
    }
    match sender.failed {
        Some(error) => Err(error),
        None => sender.out.flush(),
    }
}

/// Cells a frame carries: enough that framing costs nothing next to the cells, few enough
/// that neither side holds more than a sliver of the sheet in flight.
const FRAME_CELLS: usize = 4096;

/// The child's receiver: sends the cells in frames as they are read, and each sheet's end.
struct Sender<W: Write> {
    out: W,
    cells: Vec<(u32, u32, CompactString)>,
    /// The first write that failed; nothing more is sent after it.
    failed: Option<std::io::Error>,
}

impl<W: Write> Sender<W> {
    /// Writes one frame: its length in four bytes (little-endian), then its postcard bytes.
    fn send(&mut self, frame: &Frame) {
        if self.failed.is_some() {
            return;
        }
        let written = postcard::to_stdvec(frame)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            .and_then(|bytes| {
                let length = u32::try_from(bytes.len())
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
                self.out.write_all(&length.to_le_bytes())?;
                self.out.write_all(&bytes)
            });
        if let Err(error) = written {
            self.failed = Some(error);
        }
    }

    fn send_cells(&mut self) {
        if !self.cells.is_empty() {
            let cells = std::mem::replace(&mut self.cells, Vec::with_capacity(FRAME_CELLS));
            self.send(&Frame::Cells(cells));
        }
    }
}

impl<W: Write> Receiver for Sender<W> {
    fn cell(&mut self, row: u32, column: u32, text: CompactString) {
        self.cells.push((row, column, text));
        if self.cells.len() >= FRAME_CELLS {
            self.send_cells();
        }
    }

    fn end(&mut self, sheet: String, merged: Result<Vec<CellRange>, InputError>) {
        self.send_cells();
        self.send(&Frame::End {
            sheet,
            merged: merged
                .map(|ranges| {
                    ranges
                        .into_iter()
                        .map(|r| (r.top, r.left, r.bottom, r.right))
                        .collect()
                })
                .map_err(WireError::from),
        });
    }
}

/// What the child answered, once its frames are read.
enum Received {
    Sheets(Vec<SheetRead>),
    Failed(WireError),
}

/// Builds the sheets from the child's frames on a thread of its own, as they arrive, so
/// that the tables are ready when the child ends and neither pipe can fill and stall the
/// child while the parent waits on the other. Whatever follows an unreadable frame is read
/// to its end all the same.
fn receive(
    pipe: Option<impl Read + Send + 'static>,
    file: String,
    kind: Kind,
) -> std::thread::JoinHandle<Result<Received, String>> {
    std::thread::spawn(move || {
        let Some(pipe) = pipe else {
            return Err("the parser's output could not be read".to_string());
        };
        let mut pipe = std::io::BufReader::with_capacity(1 << 16, pipe);
        let received = frames(&mut pipe, &file, kind);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        received
    })
}

/// The most bytes one frame may say it has: far above any the child writes.
const MOST_FRAME_BYTES: usize = 1 << 30;

fn frames(pipe: &mut impl Read, file: &str, kind: Kind) -> Result<Received, String> {
    let mut tables = Tables::new(file);
    let mut bytes = Vec::new();
    loop {
        let mut length = [0u8; 4];
        match fill(pipe, &mut length).map_err(|e| e.to_string())? {
            0 => return Ok(Received::Sheets(tables.sheets)),
            4 => {}
            _ => return Err("it ended inside a frame".to_string()),
        }
        let length = u32::from_le_bytes(length) as usize;
        if length > MOST_FRAME_BYTES {
            return Err(format!("a frame of {length} bytes"));
        }
        bytes.resize(length, 0);
        if fill(pipe, &mut bytes).map_err(|e| e.to_string())? != length {
            return Err("it ended inside a frame".to_string());
        }
        match postcard::from_bytes(&bytes).map_err(|e| e.to_string())? {
            Frame::Cells(cells) => {
                for (row, column, text) in cells {
                    tables.cell(row, column, text);
                }
            }
            Frame::End { sheet, merged } => {
                let merged = merged
                    .map(|ranges| {
                        ranges
                            .into_iter()
                            .map(|(top, left, bottom, right)| CellRange {
                                top,
                                left,
                                bottom,
                                right,
                            })
                            .collect()
                    })
                    .map_err(|e| e.into_input_error(file, kind));
                tables.end(sheet, merged);
            }
            Frame::Failed(error) => return Ok(Received::Failed(error)),
        }
    }
}

/// Reads into all of `buffer` unless the pipe ends first; how many bytes were read.
fn fill(pipe: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match pipe.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
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

/// One frame of the child's answer.
#[derive(Serialize, Deserialize)]
enum Frame {
    /// Cells of the sheet being read, `(row, column, text)`, 0-based, as the parser gave
    /// them.
    Cells(Vec<(u32, u32, CompactString)>),
    /// The sheet's cells are all sent: its merged ranges `(top, left, bottom, right)`, or
    /// why it could not be read.
    End {
        sheet: String,
        merged: Result<Vec<(u32, u32, u32, u32)>, WireError>,
    },
    /// The workbook could not be opened: the only frame.
    Failed(WireError),
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
