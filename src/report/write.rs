//! The one place reports reach the disk or stdout.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{Body, Rendered, ReportError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A file for a document, a folder for CSV tables.
    Path(PathBuf),
}

/// Writes rendered output. `input` is the audited file, which is never overwritten.
pub fn write(
    rendered: &Rendered<'_>,
    destination: &Destination,
    input: Option<&Path>,
) -> Result<(), ReportError> {
    match (rendered, destination) {
        (Rendered::Document(body), Destination::Stdout) => {
            let mut stdout = BufWriter::with_capacity(BUFFER, std::io::stdout().lock());
            body.write_to(&mut stdout)
                .and_then(|()| stdout.flush())
                .map_err(|source| ReportError::Write {
                    path: "<stdout>".to_string(),
                    source,
                })
        }
        (Rendered::Document(body), Destination::Path(path)) => {
            refuse_input(path, input)?;
            write_atomically(path, body)
        }
        (Rendered::Tables(tables), Destination::Path(folder)) => {
            if folder.is_file() {
                return Err(ReportError::Destination {
                    path: folder.display().to_string(),
                    message: "is a file; CSV output needs a folder for its four tables (or pass --table NAME)".to_string(),
                });
            }
            std::fs::create_dir_all(folder).map_err(|source| ReportError::Write {
                path: folder.display().to_string(),
                source,
            })?;
            for (name, _) in tables {
                refuse_input(&folder.join(name), input)?;
            }
            for (name, body) in tables {
                write_atomically(&folder.join(name), body)?;
            }
            Ok(())
        }
        (Rendered::Tables(_), Destination::Stdout) => Err(ReportError::Destination {
            path: "<stdout>".to_string(),
            message: "several tables cannot share stdout; pass -o FOLDER or --table NAME"
                .to_string(),
        }),
    }
}

/// Large enough that a streamed report reaches the kernel in few calls.
const BUFFER: usize = 1 << 18;

fn refuse_input(path: &Path, input: Option<&Path>) -> Result<(), ReportError> {
    let Some(input) = input else { return Ok(()) };
    let same = match (std::fs::canonicalize(path), std::fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(ReportError::WouldOverwriteInput {
            path: path.display().to_string(),
        });
    }
    Ok(())
}

/// A temporary file beside the target, then a rename: readers see the old file or the new
/// one, never a part.
fn write_atomically(path: &Path, body: &Body<'_>) -> Result<(), ReportError> {
    let error = |source| ReportError::Write {
        path: path.display().to_string(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".rolecall-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(error)?;
    let mut buffered = BufWriter::with_capacity(BUFFER, file.as_file_mut());
    body.write_to(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(error)?;
    drop(buffered);
    // A temporary file is private (0600); a report is for sharing, so it gets the mode of
    // the report it replaces, or the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(error)?;
    }
    file.as_file().sync_all().map_err(error)?;
    file.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}
