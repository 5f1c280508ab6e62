//! Each distinct task text, found once: an organisation's export repeats its task lines, and
//! a verdict depends on the text alone, so the audit matches each text once. The texts are
//! hashed on every core first, which needs a hasher that passes on a hash made beforehand.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};

use rayon::prelude::*;

use crate::layout::Assignment;

/// The distinct task texts in order of first appearance, and each task's index among them.
///
/// Hashing a million task lines is most of the work, so the texts are hashed on every core
/// first (SipHash with the map's random keys, as the map itself would) and the one pass
/// that numbers them in order only compares.
pub(super) fn distinct_texts(assignments: &[Assignment]) -> (Vec<&str>, Vec<usize>) {
    let keys = RandomState::new();
    let hashed: Vec<Hashed<'_>> = assignments
        .par_iter()
        .map(|a| Hashed {
            hash: keys.hash_one(a.task.as_str()),
            text: &a.task,
        })
        .collect();
    let mut index: HashMap<Hashed<'_>, usize, BuildHasherDefault<AlreadyHashed>> =
        HashMap::default();
    let mut texts = Vec::new();
    let of_task = hashed
        .into_iter()
        .map(|key| {
            let text = key.text;
            *index.entry(key).or_insert_with(|| {
                texts.push(text);
                texts.len() - 1
            })
        })
        .collect();
    (texts, of_task)
}

/// A text with its hash, computed beforehand.
#[derive(PartialEq, Eq)]
struct Hashed<'a> {
    hash: u64,
    text: &'a str,
}

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A hasher that passes on the one hash a [`Hashed`] gives it.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("only a Hashed is hashed, and it writes one u64")
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}
