//! The files one run reads, known by what they are rather than by how their paths are
//! spelt, so that no output of the run can replace one of them.
//!
//! Comparing paths misses a symbolic link, a hard link, `./x/../x` or a second mount of the
//! same folder; the file system's own identity of a file (its device and inode on Unix)
//! catches them all. A report written over the rubric it was made with, or over the saved
//! audit it is compared with, loses the user's file for good: the write is atomic, so the
//! old bytes are gone the moment the new ones arrive.

use std::path::{Path, PathBuf};

/// A file as the file system knows it, whatever path leads there.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileId(Key);

#[cfg(unix)]
type Key = (u64, u64);
#[cfg(not(unix))]
type Key = PathBuf;

impl FileId {
    /// The file `path` leads to, links followed; `None` when nothing is there yet (an
    /// output not yet written) or it cannot be asked.
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| FileId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId)
        }
    }
}

/// What a file read by a run is to it, as a refusal names it ("the input file").
pub type Role = &'static str;

/// The files a run reads, each with its role.
#[derive(Debug, Clone, Default)]
pub struct ReadFiles {
    files: Vec<(FileId, Role)>,
}

impl ReadFiles {
    /// Records the file at `path` as read by this run. Only a regular file is kept: a path
    /// that leads nowhere is left for its reader to report, and a pipe or device read from
    /// (standard input from a terminal) is no file an output could replace.
    pub fn add(&mut self, path: &Path, role: Role) {
        let id = FileId::of(path).filter(|_| path.is_file());
        self.files.extend(id.map(|id| (id, role)));
    }

    /// Records standard input when it is a file redirected in (`< team.csv`), which an
    /// output named by its path would otherwise replace unnoticed.
    pub fn add_stdin(&mut self, role: Role) {
        self.add(Path::new("/dev/stdin"), role);
    }

    /// What the file `output` leads to is to this run, if the run reads it.
    pub fn role_of(&self, output: &Path) -> Option<Role> {
        let id = FileId::of(output)?;
        self.files
            .iter()
            .find(|(read, _)| *read == id)
            .map(|(_, role)| *role)
    }

    /// The first of `outputs` that is a file this run reads, with its role.
    pub fn first_read<'p>(&self, outputs: &'p [PathBuf]) -> Option<(&'p Path, Role)> {
        outputs
            .iter()
            .find_map(|path| Some((path.as_path(), self.role_of(path)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_every_path_that_leads_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("my.toml");
        std::fs::write(&file, "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut read = ReadFiles::default();
        read.add(&file, "the rubric file");
        read.add(&dir.path().join("missing.toml"), "a rubric file");

        let spellings = [
            file.clone(),
            dir.path().join("sub/../my.toml"),
            dir.path().join("./my.toml"),
        ];
        for path in &spellings {
            assert_eq!(read.role_of(path), Some("the rubric file"), "{path:?}");
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            let hard = dir.path().join("hard.toml");
            std::fs::hard_link(&file, &hard).unwrap();
            assert_eq!(read.role_of(&link), Some("the rubric file"));
            assert_eq!(read.role_of(&hard), Some("the rubric file"));
        }
        let other = dir.path().join("other.toml");
        std::fs::write(&other, "x").unwrap();
        assert_eq!(read.role_of(&other), None);
        assert_eq!(read.role_of(&dir.path().join("missing.toml")), None);
        let outputs = [other.clone(), spellings[1].clone()];
        assert_eq!(
            read.first_read(&outputs),
            Some((spellings[1].as_path(), "the rubric file"))
        );
    }
}
