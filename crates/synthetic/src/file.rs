//! A generated team (and a planted one's truth) written to a path a user names (the demo
//! example). A sheet of a million rows takes a while to write: interrupted, it must leave no
//! half sheet under the name, and it must never replace someone's file unless they said so.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{planted, write_csv, write_rows, TeamSpec};

/// Why a team could not be written; each reads as one line naming the path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: already exists", .0.display())]
    Exists(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
}

/// Writes the team as CSV ([`write_csv`]) to `path`, through a temporary file beside it that
/// is renamed into place when whole. An existing file is refused unless `replace` is set,
/// both before the work starts and at the rename, so that a file made meanwhile is kept too.
pub fn write_file(spec: TeamSpec, path: &Path, replace: bool) -> Result<(), WriteError> {
    refuse_existing(&[path], replace)?;
    write_whole(path, "csv", replace, |file| {
        write_csv(spec, file).map_err(|source| WriteError::Csv {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Writes a [`planted()`] organisation as [`write_file`] writes a team: its sheet to `sheet`
/// and its truth as JSON to `truth`. Both names are checked before the work starts, so
/// that a refusal leaves neither written.
pub fn write_planted(
    spec: TeamSpec,
    sheet: &Path,
    truth: &Path,
    replace: bool,
) -> Result<(), WriteError> {
    refuse_existing(&[sheet, truth], replace)?;
    let organisation = planted(spec);
    write_whole(sheet, "csv", replace, |file| {
        write_rows(&organisation.rows, file).map_err(|source| WriteError::Csv {
            path: sheet.to_path_buf(),
            source,
        })
    })?;
    write_whole(truth, "json", replace, |file| {
        let mut out = io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, &organisation.truth)
            .map_err(io::Error::from)
            .and_then(|()| out.flush())
            .map_err(|source| WriteError::Io {
                path: truth.to_path_buf(),
                source,
            })
    })
}

fn refuse_existing(paths: &[&Path], replace: bool) -> Result<(), WriteError> {
    match paths
        .iter()
        .find(|path| !replace && (path.exists() || path.is_symlink()))
    {
        Some(path) => Err(WriteError::Exists(path.to_path_buf())),
        None => Ok(()),
    }
}

/// Writes `path` through a temporary file of the given extension beside it, renamed into
/// place when `write` has written it whole.
fn write_whole(
    path: &Path,
    extension: &str,
    replace: bool,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let io_error = |source: io::Error| {
        if source.kind() == io::ErrorKind::AlreadyExists && !replace {
            WriteError::Exists(path.to_path_buf())
        } else {
            WriteError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".rolecall-demo-")
        .suffix(&format!(".{extension}.tmp"))
        .tempfile_in(folder)
        .map_err(io_error)?;
    write(temp.as_file_mut())?;
    // A temporary file is private (0600); a team sheet is for sharing, so it gets the mode
    // of the file it replaces, or the usual 0644, as rolecall's reports do.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io_error)?;
    }
    temp.as_file().sync_all().map_err(io_error)?;
    let placed = if replace {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    placed.map_err(|e| io_error(e.error))?;
    Ok(())
}
