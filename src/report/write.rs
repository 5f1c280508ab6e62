//! The one place reports reach the disk or stdout.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{interrupt, Body, Format, Rendered, ReportError, Table};
use crate::input::ReadFiles;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A file for a document, a folder for CSV tables.
    Path(PathBuf),
}

/// Writes rendered output. No file of `read`, what the run read, is ever overwritten.
pub fn write(
    rendered: &Rendered<'_>,
    destination: &Destination,
    read: &ReadFiles,
) -> Result<(), ReportError> {
    match (rendered, destination) {
        (Rendered::Document(body), Destination::Stdout) => {
            refuse_closed_stdout()?;
            let mut stdout = BufWriter::with_capacity(BUFFER, std::io::stdout().lock());
            body.write_to(&mut stdout)
                .and_then(|()| stdout.flush())
                .map_err(|source| ReportError::Write {
                    path: "<stdout>".to_string(),
                    source,
                })
        }
        (Rendered::Document(body), Destination::Path(path)) => {
            refuse_read(std::slice::from_ref(path), read)?;
            match Target::of(path)? {
                Target::File(path) => write_atomically(&[(path, body)]),
                Target::Stream => write_directly(path, body),
            }
        }
        (Rendered::Tables(tables), Destination::Path(folder)) => {
            let files = tables.iter().map(|(name, body)| (name.as_str(), body));
            write_into_folder(
                files,
                folder,
                read,
                "CSV output needs a folder for its tables (or pass --table NAME)",
            )
        }
        (Rendered::Tables(_), Destination::Stdout) => Err(ReportError::Destination {
            path: "<stdout>".to_string(),
            message: "several tables cannot share stdout; pass -o FOLDER or --table NAME"
                .to_string(),
        }),
    }
}

/// Writes the reports of several formats, made from one audit, into the folder
/// `destination` names, as one set: each document under its name (`report.pdf`), each CSV
/// table under its own. One report is written as [`write()`] writes it.
pub fn write_all(
    reports: &[(&str, Rendered<'_>)],
    destination: &Destination,
    read: &ReadFiles,
) -> Result<(), ReportError> {
    let folder = match (reports, destination) {
        ([(_, one)], _) => return write(one, destination, read),
        (_, Destination::Path(folder)) => folder,
        (_, Destination::Stdout) => {
            return Err(ReportError::Destination {
                path: "<stdout>".to_string(),
                message: "several formats cannot share stdout; pass -o FOLDER".to_string(),
            })
        }
    };
    let files = reports.iter().flat_map(|(name, rendered)| match rendered {
        Rendered::Document(body) => vec![(*name, body)],
        Rendered::Tables(tables) => tables
            .iter()
            .map(|(name, body)| (name.as_str(), body))
            .collect(),
    });
    write_into_folder(
        files,
        folder,
        read,
        "several formats need a folder to go into",
    )
}

/// Writes named files into `folder`, created if need be, as one set (see
/// [`write_atomically`]); `why` says why a file where the folder should be is refused.
fn write_into_folder<'b, 'r: 'b>(
    files: impl IntoIterator<Item = (&'b str, &'b Body<'r>)>,
    folder: &Path,
    read: &ReadFiles,
    why: &str,
) -> Result<(), ReportError> {
    if folder.is_file() {
        return Err(ReportError::Destination {
            path: folder.display().to_string(),
            message: format!("is a file; {why}"),
        });
    }
    std::fs::create_dir_all(folder).map_err(|source| ReportError::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let files: Vec<(PathBuf, &Body<'_>)> = files
        .into_iter()
        .map(|(name, body)| (folder.join(name), body))
        .collect();
    let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    refuse_read(&paths, read)?;
    write_atomically(&files)
}

/// Large enough that a streamed report reaches the kernel in few calls.
const BUFFER: usize = 1 << 18;

/// What an output path is, once links are followed.
enum Target {
    /// A regular file, or none yet: written to a temporary file and renamed into place.
    /// Through a link it is the file the link points to, so the link stays a link.
    File(PathBuf),
    /// A character device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO): renaming over it
    /// would replace the device with a file and give a reader nothing, so it is written to.
    Stream,
}

impl Target {
    fn of(path: &Path) -> Result<Target, ReportError> {
        let refuse = |what: &str| ReportError::Destination {
            path: path.display().to_string(),
            message: format!("is {what}; rolecall writes to a file, a character device or a pipe"),
        };
        let Ok(metadata) = std::fs::metadata(path) else {
            // Nothing there yet, or a link to nothing: the file is made where the link
            // points, so the link is not replaced.
            return Ok(Target::File(match std::fs::read_link(path) {
                Ok(target) => path.parent().unwrap_or(Path::new("")).join(target),
                Err(_) => path.to_path_buf(),
            }));
        };
        if metadata.is_file() {
            return Ok(Target::File(
                std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            ));
        }
        if metadata.is_dir() {
            return Err(refuse("a folder"));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let kind = metadata.file_type();
            if kind.is_char_device() || kind.is_fifo() {
                return Ok(Target::Stream);
            }
            if kind.is_block_device() {
                return Err(refuse("a block device"));
            }
            if kind.is_socket() {
                return Err(refuse("a socket"));
            }
        }
        Err(refuse("not a regular file"))
    }
}

/// Writes straight into a device or pipe; what the reader gets cannot be taken back, so
/// an error is still one line and exit 2, but not atomic.
fn write_directly(path: &Path, body: &Body<'_>) -> Result<(), ReportError> {
    let error = |source| ReportError::Write {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(error)?;
    let mut buffered = BufWriter::with_capacity(BUFFER, file);
    body.write_to(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(error)
}

/// Whether standard output was closed when the process started.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called first thing by the binary. Rust's runtime opens /dev/null, for reading and
/// writing, in place of a standard output that was closed, so `rolecall audit x >&-` would
/// exit 0 having written nothing. A shell's `> /dev/null` opens it for writing only, which
/// tells the two apart (Linux, where /proc shows a descriptor's target and flags).
pub fn guard_stdout() {
    let target = std::fs::read_link("/proc/self/fd/1");
    let flags = std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|info| {
            let line = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
            u32::from_str_radix(line.trim(), 8).ok()
        });
    const ACCESS_MODE: u32 = 0o3;
    const READ_WRITE: u32 = 0o2;
    let placeholder = target.is_ok_and(|t| t == Path::new("/dev/null"))
        && flags.is_some_and(|f| f & ACCESS_MODE == READ_WRITE);
    STDOUT_CLOSED.store(placeholder, std::sync::atomic::Ordering::Relaxed);
}

fn refuse_closed_stdout() -> Result<(), ReportError> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(ReportError::Destination {
            path: "<stdout>".to_string(),
            message: "standard output is closed; pass -o FILE".to_string(),
        });
    }
    Ok(())
}

/// Refuses outputs of which one is a file the run reads, by identity, whatever the path's
/// spelling. Called before a run reads anything, with [`output_files`], and again as each
/// set is written.
pub fn refuse_read(outputs: &[PathBuf], read: &ReadFiles) -> Result<(), ReportError> {
    match read.first_read(outputs) {
        Some((path, role)) => Err(ReportError::WouldOverwrite {
            path: path.display().to_string(),
            role,
        }),
        None => Ok(()),
    }
}

/// Every file the reports of `formats` will take at `destination`, as [`write_all`] names
/// them: known before the audit, so that a run whose output is a file it reads stops
/// before it reads anything. `table` is the one CSV table `--table` chose.
pub fn output_files(
    formats: &[Format],
    table: Option<Table>,
    destination: &Destination,
) -> Vec<PathBuf> {
    let Destination::Path(path) = destination else {
        return Vec::new();
    };
    let tables = || Table::ALL.iter().map(|t| path.join(t.file_name()));
    match formats {
        [Format::Csv(_)] if table.is_none() => tables().collect(),
        [_] => vec![path.clone()],
        several => several
            .iter()
            .flat_map(|format| match format {
                Format::Csv(_) => tables().collect::<Vec<_>>(),
                other => vec![path.join(other.file_name())],
            })
            .collect(),
    }
}

/// Writes files as one set: each to a temporary file beside its target, then, once all are
/// written and on disk, renamed into place together. Readers see the old files or the new
/// ones, never a part of one, and never new tables beside old ones.
fn write_atomically(files: &[(PathBuf, &Body<'_>)]) -> Result<(), ReportError> {
    let mut written = Vec::with_capacity(files.len());
    for (path, body) in files {
        // On an error the files written so far are dropped, which removes them.
        written.push((write_temporary(path, body)?, path.as_path()));
    }
    rename_into_place(written)
}

/// A file being written beside its target: removed when dropped unless renamed into place,
/// and removed by the signal handler if a signal comes first.
struct Temporary {
    // Dropped before the registration: the file is gone before its path leaves the registry,
    // so no signal can come while it exists unregistered.
    file: tempfile::NamedTempFile,
    _registration: interrupt::Registration,
}

fn temporary_name() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rolecall-").suffix(".tmp");
    builder
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> ReportError + '_ {
    move |source| ReportError::Write {
        path: path.display().to_string(),
        source,
    }
}

fn write_temporary(path: &Path, body: &Body<'_>) -> Result<Temporary, ReportError> {
    let error = write_error(path);
    let mut temporary = {
        let changing = interrupt::changing();
        let file = temporary_name()
            .tempfile_in(folder_of(path))
            .map_err(&error)?;
        let registration = interrupt::Registration::new(&changing, file.path());
        Temporary {
            file,
            _registration: registration,
        }
    };
    let mut buffered = BufWriter::with_capacity(BUFFER, temporary.file.as_file_mut());
    body.write_to(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(&error)?;
    drop(buffered);
    // A temporary file is private (0600); a report is for sharing, so it gets the mode of
    // the report it replaces, or the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        temporary
            .file
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(&error)?;
    }
    temporary.file.as_file().sync_all().map_err(&error)?;
    Ok(temporary)
}

/// Each rename is atomic, but a set of them is not: the third can fail after two old tables
/// were replaced. So every target but the last first gets a second name, and when a rename
/// fails, the ones before it are undone from those. A signal waits until the renames are all
/// done or all undone.
fn rename_into_place(written: Vec<(Temporary, &Path)>) -> Result<(), ReportError> {
    let _changing = interrupt::changing();
    let last = written.len().saturating_sub(1);
    let mut backups = written[..last]
        .iter()
        .map(|(_, target)| backup(target))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter();
    let mut placed = Vec::with_capacity(written.len());
    for (temporary, target) in written {
        let Temporary {
            file,
            _registration,
        } = temporary;
        if let Err(failed) = file.persist(target) {
            for (target, backup) in placed.into_iter().rev() {
                undo(target, backup);
            }
            return Err(write_error(target)(failed.error));
        }
        placed.push((target, backups.next().flatten()));
    }
    Ok(())
}

/// A second name for the file now at `target`, to put it back from; none when there is no
/// file to keep (nothing there yet, or a folder in the way, which the rename will refuse).
fn backup(target: &Path) -> Result<Option<tempfile::NamedTempFile<()>>, ReportError> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(metadata) if metadata.is_dir() => return Ok(None),
        _ => {}
    }
    temporary_name()
        .make_in(folder_of(target), |name| {
            // A file system without hard links (FAT) gets a copy instead.
            std::fs::hard_link(target, name).or_else(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Err(e)
                } else {
                    std::fs::copy(target, name).map(drop)
                }
            })
        })
        .map(Some)
        .map_err(write_error(target))
}

/// Puts back what was at `target` before the set was renamed into place.
fn undo(target: &Path, backup: Option<tempfile::NamedTempFile<()>>) {
    // Should this fail too, nothing more can be done; the error reported is the first one.
    let _ = match backup {
        Some(old) => old.persist(target).map_err(|e| e.error),
        None => std::fs::remove_file(target),
    };
}
