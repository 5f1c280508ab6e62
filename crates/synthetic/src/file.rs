//! A generated team written to a path a user names (the demo example). A sheet of a million
//! rows takes a while to write: interrupted, it must leave no half sheet under the name, and
//! it must never replace someone's file unless they said so.

use std::io;
use std::path::{Path, PathBuf};

use crate::{write_csv, TeamSpec};

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
    if !replace && (path.exists() || path.is_symlink()) {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".rolecall-demo-")
        .suffix(".csv.tmp")
        .tempfile_in(folder)
        .map_err(io_error)?;
    write_csv(spec, temp.as_file_mut()).map_err(|source| WriteError::Csv {
        path: path.to_path_buf(),
        source,
    })?;
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
