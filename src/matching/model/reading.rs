//! How the model reads a text's words: each word's stems as the vocabulary knows them, with
//! spelling that should not change the answer taken back to the words the training text
//! uses. Every rule is learned from the vocabulary (the training text's own words), not from
//! a list, and only a word the model would otherwise not know, or two neighbours it would
//! read apart, ever changes: a known word is never read as another.
//!
//! - **Compounds written apart.** Two neighbouring words (apart or hyphenated) whose
//!   concatenation stems to a known stem of at least [`JOIN_MIN`] letters are read as that
//!   one word: "road map", "road-map" and "road mapping" as "roadmap"; unless the training
//!   text itself writes the two as a pair (then both readings are its own).
//! - **Compounds written together.** An unknown word that is two known words run together,
//!   each at least two letters, is read as the two: "signoff" as "sign off", "oncall" as
//!   "on call", when the two are a pair the training text writes, or one of them is a stop
//!   word and the other a known word of at least [`SPLIT_HALF_MIN`] letters. Only a word with
//!   exactly one such reading is split.
//! - **Typing slips.** An unknown word whose stem is one edit (a letter added, left out,
//!   changed, or two neighbours swapped) from exactly one known stem of at least
//!   [`SLIP_MIN`] letters is read as that stem: "stakeholers", "requirmeents". Shorter stems
//!   are too close to one another for a slip to say which was meant.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Stem, Vocabulary};
use crate::matching::text::{self, Analyzer};

/// The shortest concatenation read as one word: shorter ones ("the me") are chance.
pub(crate) const JOIN_MIN: usize = 6;
/// The shortest known half of a word split around a stop word ("followup": "follow").
pub(crate) const SPLIT_HALF_MIN: usize = 4;
/// The shortest known stem a typing slip is taken back to.
pub(crate) const SLIP_MIN: usize = 6;
/// The longest word a slip or a split is looked for in. Both try every letter of the word,
/// each try as long as the word: a pasted blob of megabytes in one cell would take hours.
/// Real words, and two run together, are far shorter.
pub(crate) const REPAIR_MAX: usize = 48;
/// In [`Vocabulary::slips`], a shortened stem that several known stems give.
const AMBIGUOUS: u32 = u32::MAX;

/// A word of folded text as the model reads it.
pub(crate) struct Word {
    stems: Box<[Stem]>,
    /// The word, to show as evidence.
    surface: Arc<str>,
    /// Whether the word begins a longer known stem ("road" of "roadmap"): only then can it
    /// join the word after it.
    begins: bool,
    /// The word's number in [`Words`], [`UNCACHED`] when the cache is full.
    id: u32,
}

/// The id of a word read when [`Words`] was full.
const UNCACHED: u32 = u32::MAX;

/// The words read so far, each analysed once: sheets repeat their words, and stemming a
/// word costs more than looking it up. It never changes a reading.
#[derive(Default)]
pub(crate) struct Words {
    words: HashMap<Box<str>, Word>,
    /// Two neighbours (by id) written as one, and the known stem they make if read so.
    joined: HashMap<(u32, u32), Option<u32>>,
    /// The text being read, folded: kept for its allocation.
    buffer: String,
}

impl Words {
    /// Enough for the vocabulary of any real organisation; a file of random words stops
    /// adding to the cache here rather than growing it without end.
    pub(crate) const MAX_WORDS: usize = 200_000;
    /// Pairs of neighbours are many more than words (a text of 2,000 distinct words can
    /// hold millions of pairs), and one not kept is stemmed again at every meeting: up to
    /// this many are kept (about 70 MB at most).
    pub(crate) const MAX_PAIRS: usize = 4_000_000;
}

impl Vocabulary {
    /// The stems of `text` with the word (by place) each came from, into `stems`, and each
    /// word as evidence names it, into `surfaces`. Two words read as one take one place.
    pub(crate) fn read(
        &self,
        analyzer: &Analyzer,
        text: &str,
        words: &mut Words,
        stems: &mut Vec<(Stem, u32)>,
        surfaces: &mut Vec<Arc<str>>,
    ) {
        let mut folded = std::mem::take(&mut words.buffer);
        text::fold_into(text, &mut folded);
        self.read_folded(analyzer, &folded, words, stems, surfaces);
        words.buffer = folded;
    }

    fn read_folded(
        &self,
        analyzer: &Analyzer,
        folded: &str,
        words: &mut Words,
        stems: &mut Vec<(Stem, u32)>,
        surfaces: &mut Vec<Arc<str>>,
    ) {
        stems.clear();
        surfaces.clear();
        // The word before, when it may join this one: its text, id and first stem's place.
        let mut before: Option<(&str, u32, usize)> = None;
        for word in text::split_words(folded) {
            let place = surfaces.len() as u32;
            let start = stems.len();
            let (id, begins) = self.with_word(analyzer, words, word, |known| {
                stems.extend(known.stems.iter().map(|&stem| (stem, place)));
                surfaces.push(known.surface.clone());
                (known.id, known.begins)
            });
            if let Some((first, first_id, first_start)) = before.take() {
                let (first_stems, second_stems) =
                    stems[first_start..].split_at(start - first_start);
                let pair = ((first, first_id), (word, id));
                if let Some(joined) = self.join(analyzer, words, pair, first_stems, second_stems) {
                    stems.truncate(first_start);
                    stems.push((Stem::Known(joined), place - 1));
                    surfaces.truncate(place as usize - 1);
                    surfaces.push(format!("{first} {word}").into());
                    continue;
                }
            }
            before = begins.then_some((word, id, start));
        }
    }

    /// Calls `f` with the word read, from the cache when the word was read before.
    fn with_word<R>(
        &self,
        analyzer: &Analyzer,
        words: &mut Words,
        word: &str,
        f: impl FnOnce(&Word) -> R,
    ) -> R {
        if let Some(known) = words.words.get(word) {
            return f(known);
        }
        let mut read = self.analyse(analyzer, word);
        if words.words.len() < Words::MAX_WORDS {
            read.id = words.words.len() as u32;
        }
        let result = f(&read);
        if read.id != UNCACHED {
            words.words.insert(word.into(), read);
        }
        result
    }

    /// Whether a word of the text says anything to the model: `None` for a stop word or a
    /// label, else whether any of its stems is known.
    pub(crate) fn knows(&self, analyzer: &Analyzer, words: &mut Words, word: &str) -> Option<bool> {
        self.with_word(analyzer, words, word, |read| {
            (!read.stems.is_empty()).then(|| read.stems.iter().any(|s| *s != Stem::Unknown))
        })
    }

    fn analyse(&self, analyzer: &Analyzer, word: &str) -> Word {
        let own = analyzer.word_stems(word);
        let mut stems: Vec<Stem> = own.iter().map(|stem| self.stem(stem)).collect();
        if let ([stem], [Stem::Unknown]) = (own.as_slice(), stems.as_slice()) {
            if let Some(id) = self.slip(stem) {
                stems = vec![Stem::Known(id)];
            } else if let Some(halves) = self.split(analyzer, word) {
                stems = halves;
            }
        }
        Word {
            stems: stems.into(),
            surface: Arc::from(word),
            begins: self.begins(word),
            id: UNCACHED,
        }
    }

    /// Whether `word` begins a known stem at least two letters longer. Stems are numbered
    /// in sorted order, so those that begin with it follow one another.
    fn begins(&self, word: &str) -> bool {
        let sorted = &self.names[..self.stems.len()];
        let first = sorted.partition_point(|stem| &**stem < word);
        sorted[first..]
            .iter()
            .take_while(|stem| stem.starts_with(word))
            .any(|stem| stem.len() >= word.len() + 2)
    }

    /// The known stem two neighbouring words make written as one, when the text should be
    /// read so; `first` and `second` are the stems each gave alone.
    fn join(
        &self,
        analyzer: &Analyzer,
        words: &mut Words,
        ((word, id), (next, next_id)): ((&str, u32), (&str, u32)),
        first: &[(Stem, u32)],
        second: &[(Stem, u32)],
    ) -> Option<u32> {
        if let Some(&joined) = words.joined.get(&(id, next_id)) {
            return joined;
        }
        // Words the training text itself writes as a pair keep their own reading.
        let apart = match (first.last(), second.first()) {
            (Some((Stem::Known(a), _)), Some((Stem::Known(b), _))) => {
                self.pairs.contains_key(&(*a, *b))
            }
            _ => false,
        };
        let long_enough = word.len() >= 2 && next.len() >= 2 && word.len() + next.len() >= JOIN_MIN;
        let joined = if apart || !long_enough {
            None
        } else {
            match analyzer.word_stems(&format!("{word}{next}")).as_slice() {
                [stem] => match self.stem(stem) {
                    Stem::Known(id) => Some(id),
                    Stem::Unknown => None,
                },
                _ => None,
            }
        };
        if id != UNCACHED && next_id != UNCACHED && words.joined.len() < Words::MAX_PAIRS {
            words.joined.insert((id, next_id), joined);
        }
        joined
    }

    /// The known stem one typing slip away from `stem`, when there is exactly one.
    fn slip(&self, stem: &str) -> Option<u32> {
        if !stem.is_ascii() || stem.len() + 1 < SLIP_MIN || stem.len() > REPAIR_MAX {
            return None;
        }
        let mut found: Option<u32> = None;
        let mut ambiguous = false;
        let mut consider = |id: u32| {
            if id == AMBIGUOUS || found.is_some_and(|f| f != id) {
                ambiguous = true;
            }
            found = Some(id);
        };
        // A letter left out of a known stem.
        if let Some(&id) = self.slips.get(stem) {
            consider(id);
        }
        let mut shorter = String::with_capacity(stem.len());
        for at in 0..stem.len() {
            shorter.clear();
            shorter.push_str(&stem[..at]);
            shorter.push_str(&stem[at + 1..]);
            // A letter added to a known stem.
            if let Some(&id) = self.stems.get(shorter.as_str()) {
                if shorter.len() >= SLIP_MIN {
                    consider(id);
                }
            }
            // A letter changed, or two neighbours swapped: both lose one letter to the same.
            if let Some(&id) = self.slips.get(shorter.as_str()) {
                let close =
                    id == AMBIGUOUS || strsim::osa_distance(stem, &self.names[id as usize]) == 1;
                if close {
                    consider(id);
                }
            }
        }
        found.filter(|_| !ambiguous)
    }

    /// The two halves of an unknown word run together, when it has exactly one reading as
    /// two words: a pair of known stems the training text writes side by side, or a known
    /// word beside a stop word.
    fn split(&self, analyzer: &Analyzer, word: &str) -> Option<Vec<Stem>> {
        if !word.is_ascii() || word.len() < JOIN_MIN || word.len() > REPAIR_MAX {
            return None;
        }
        let mut found = None;
        for at in 2..=word.len() - 2 {
            let (first, second) = word.split_at(at);
            let (a, b) = (analyzer.word_stems(first), analyzer.word_stems(second));
            let known: Option<Vec<u32>> = a
                .iter()
                .chain(&b)
                .map(|stem| match self.stem(stem) {
                    Stem::Known(id) => Some(id),
                    Stem::Unknown => None,
                })
                .collect();
            let Some(known) = known else { continue };
            let fits = match (a.is_empty(), b.is_empty()) {
                (true, true) => false,
                (false, false) => self
                    .pairs
                    .contains_key(&(known[a.len() - 1], known[a.len()])),
                (true, false) => second.len() >= SPLIT_HALF_MIN,
                (false, true) => first.len() >= SPLIT_HALF_MIN,
            };
            if fits {
                if found.is_some() {
                    return None;
                }
                found = Some(known.into_iter().map(Stem::Known).collect());
            }
        }
        found
    }

    /// Fills [`Vocabulary::slips`] from the known stems.
    pub(super) fn index_slips(&mut self) {
        let mut slips: HashMap<Box<str>, u32> = HashMap::new();
        for (id, stem) in self.names[..self.stems.len()].iter().enumerate() {
            if !stem.is_ascii() || stem.len() < SLIP_MIN {
                continue;
            }
            for at in 0..stem.len() {
                let shorter = format!("{}{}", &stem[..at], &stem[at + 1..]);
                slips
                    .entry(shorter.into())
                    .and_modify(|other| {
                        if *other != id as u32 {
                            *other = AMBIGUOUS;
                        }
                    })
                    .or_insert(id as u32);
            }
        }
        self.slips = slips;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vocabulary of `texts`, and how it reads `text`: each stem the model knows (or
    /// `?`) with the words it came from.
    fn read(texts: &[&str], text: &str) -> Vec<(String, String)> {
        let analyzer = Analyzer::default();
        let vocabulary = Vocabulary::build(&analyzer, texts, 2);
        let (mut stems, mut surfaces) = (Vec::new(), Vec::new());
        let mut words = Words::default();
        vocabulary.read(&analyzer, text, &mut words, &mut stems, &mut surfaces);
        stems
            .iter()
            .map(|&(stem, place)| {
                let name = match stem {
                    Stem::Known(id) => vocabulary.names[id as usize].to_string(),
                    Stem::Unknown => "?".to_string(),
                };
                (name, surfaces[place as usize].to_string())
            })
            .collect()
    }

    fn stems(texts: &[&str], text: &str) -> Vec<String> {
        read(texts, text)
            .into_iter()
            .map(|(stem, _)| stem)
            .collect()
    }

    const TEXTS: &[&str] = &[
        "own the product roadmap",
        "roadmap review with leadership",
        "roadmap review for the platform",
        "map the data flows",
        "sign off the release",
        "align stakeholders",
        "data base tuning",
        "data base backups",
        "database design",
        "contract renewals",
        "contrast study",
        "plan the launch",
    ];

    #[test]
    fn neighbours_the_training_writes_as_one_word_are_read_as_it() {
        for text in ["road map", "road-map", "Road mapping", "roadmap"] {
            assert_eq!(stems(TEXTS, text), ["roadmap"], "{text}");
        }
        assert_eq!(
            read(TEXTS, "the road-map"),
            [("roadmap".to_string(), "road map".to_string())]
        );
        // A known word on its own is never read as another.
        assert_eq!(stems(TEXTS, "map the flows"), ["map", "flow"]);
    }

    #[test]
    fn neighbours_the_training_writes_apart_stay_apart() {
        assert_eq!(stems(TEXTS, "data base tuning"), ["data", "base", "tune"]);
        assert_eq!(stems(TEXTS, "database tuning"), ["databas", "tune"]);
    }

    #[test]
    fn an_unknown_word_run_together_is_read_as_its_two_words() {
        // Beside a stop word, and as a pair of known stems the training text writes.
        assert_eq!(stems(TEXTS, "signoff"), stems(TEXTS, "sign-off"));
        assert_eq!(stems(TEXTS, "roadmapreview"), ["roadmap", "review"]);
        // Halves that are not both known leave the word unknown.
        assert_eq!(stems(TEXTS, "roadmapxyz"), ["?"]);
    }

    #[test]
    fn a_typing_slip_of_a_long_known_stem_is_read_as_it() {
        for slip in ["stakeholers", "stakehlders", "stakehoders", "stakeholdders"] {
            assert_eq!(stems(TEXTS, slip), ["stakehold"], "{slip}");
        }
        // One slip from two known stems: which was meant is not known.
        assert_eq!(stems(TEXTS, "contrat"), ["?"]);
        // Short stems are too close to one another to guess.
        assert_eq!(stems(TEXTS, "plam"), ["?"]);
    }

    #[test]
    fn reading_from_the_cache_is_reading_afresh() {
        let analyzer = Analyzer::default();
        let vocabulary = Vocabulary::build(&analyzer, TEXTS, 2);
        let mut words = Words::default();
        let (mut stems, mut surfaces) = (Vec::new(), Vec::new());
        let text = "road map sign-off with stakeholers, road map again";
        vocabulary.read(&analyzer, text, &mut words, &mut stems, &mut surfaces);
        let first = (stems.clone(), surfaces.clone());
        vocabulary.read(&analyzer, text, &mut words, &mut stems, &mut surfaces);
        assert_eq!((stems, surfaces), first);
    }
}
