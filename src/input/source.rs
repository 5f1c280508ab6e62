//! Where the input comes from (a file, or CSV on standard input), with the names and the
//! digest a report's provenance records for it.

use std::path::PathBuf;

use super::error::InputError;

/// Where the input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File(PathBuf),
}

impl InputPath {
    pub fn display_name(&self) -> String {
        match self {
            InputPath::Stdin => "<stdin>".to_string(),
            InputPath::File(path) => path.display().to_string(),
        }
    }

    /// The file's name without its folder ("-" for standard input).
    pub fn file_name(&self) -> String {
        match self {
            InputPath::Stdin => "-".to_string(),
            InputPath::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
        }
    }

    /// The file's size and SHA-256 in hex, read apart from the parser (which may run in a
    /// child process); `None` for standard input, which can be read only once.
    pub fn digest(&self) -> Result<Option<(u64, String)>, InputError> {
        use sha2::{Digest, Sha256};
        let InputPath::File(path) = self else {
            return Ok(None);
        };
        let io = |source| InputError::Io {
            file: path.display().to_string(),
            source,
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let read = match std::io::Read::read(&mut file, &mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io(e)),
            };
            hasher.update(&buffer[..read]);
            bytes += read as u64;
        }
        let hex = hasher
            .finalize()
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{byte:02x}");
                hex
            });
        Ok(Some((bytes, hex)))
    }
}
