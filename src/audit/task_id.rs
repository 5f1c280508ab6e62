//! Task ids that survive edits to the sheet: what makes two audits of one sheet comparable
//! task by task.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

/// A task's id as every report and finding names it: "T" and ten hex digits of a digest of
/// the task's place and content (sheet, person or party, task text), then "-2", "-3" … for
/// the second and later copies of the same task. Inserting, moving or deleting other rows
/// changes no id, so two audits of one sheet can be compared task by task; the order it was
/// read in is kept beside it for sorting and is never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId {
    order: u32,
    key: u64,
    copy: u32,
}

impl TaskId {
    /// Hex digits shown: 40 bits keep a chance collision (which would only turn two tasks
    /// into "copies") below one in two hundred at 100,000 distinct tasks.
    const DIGITS: usize = 10;

    /// The id of the first copy of a task, read `order`th.
    pub fn derive(order: u32, sheet: Option<&str>, person: &str, task: &str) -> TaskId {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        // Each field with its length first, so no two different places hash alike.
        for field in [sheet.unwrap_or(""), person, task] {
            let normal = normal_text(field);
            digest.update((normal.len() as u64).to_le_bytes());
            digest.update(normal.as_bytes());
        }
        let bytes = digest.finalize();
        let mut key = [0u8; 8];
        key.copy_from_slice(&bytes[..8]);
        TaskId {
            order,
            key: u64::from_be_bytes(key) >> (64 - 4 * Self::DIGITS),
            copy: 1,
        }
    }
}

/// Text as an id sees it: case and runs of white space do not make another task.
fn normal_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Numbers the copies of each task in reading order: the first keeps the bare id.
pub(super) fn number_copies(ids: &mut [TaskId]) {
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(ids.len());
    for id in ids {
        let copies = seen.entry(id.key).or_default();
        *copies += 1;
        id.copy = *copies;
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{:0width$x}", self.key, width = Self::DIGITS)?;
        if self.copy > 1 {
            write!(f, "-{}", self.copy)?;
        }
        Ok(())
    }
}

impl Serialize for TaskId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
