//! Job titles to roles. People write titles every which way ("Sr. PM", "Technical Program
//! Mgr", "Product Manager for Payments", "Chef de produit", "产品经理"), so a title is read in
//! three steps, each a rule rather than a list of examples (README "Titles to roles"):
//!
//! 1. Folded: case, accents and full-width forms do not matter, abbreviations are spelled
//!    out, and each character of a script written without spaces (Chinese, Japanese,
//!    Korean) is a word of its own, so "高级产品经理" ends with the words of "产品经理" as
//!    "Senior Product Manager" ends with those of "Product Manager".
//! 2. Split: a title often carries a team or a second hat after a separator ("PM, Payments",
//!    "TPM / Scrum Master", "Product Manager – Mobile") or a connector word ("for", "of",
//!    "para", "pour", ...), so each part, and each head of a part before a connector, is
//!    tried, the whole first.
//! 3. Compared with every role's aliases: equal, then equal without seniority words
//!    ("Program Manager II"), then ending with an alias ("Payments Product Manager", and
//!    compounds such as "Digitalproduktmanager"), then a close spelling for typos.
//!
//! A title no alias matches is another job when it holds a word of one (see [`super::jobs`]),
//! and unrecognised otherwise: the audit says so once rather than guess.

use std::collections::HashMap;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use super::jobs::OTHER_JOBS;
use super::Role;

/// What a job title says about the job, as far as the rubrics and the table of other jobs
/// tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind<'a> {
    /// A title of this role, maybe with seniority and a qualifier.
    Role(&'a Role),
    /// The title of a job that is none of the roles: an engineer, a designer, a CEO.
    Other,
    /// Neither: rolecall cannot tell what the job is.
    Unrecognised,
}

impl<'a> TitleKind<'a> {
    pub fn role(self) -> Option<&'a Role> {
        match self {
            TitleKind::Role(role) => Some(role),
            TitleKind::Other | TitleKind::Unrecognised => None,
        }
    }
}

/// Words that say how senior someone is, not what their job is, as folded.
const SENIORITY: &[&str] = &[
    "senior",
    "junior",
    "staff",
    "principal",
    "lead",
    "associate",
    "assistant",
    "deputy",
    "group",
    "interim",
    "acting",
    "intern",
    "trainee",
    "apprentice",
    "mid",
    "medior",
    "pleno",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "1",
    "2",
    "3",
    "4",
    "5",
    "asociado",
    "asociada",
    "adjunto",
    "adjunta",
    "asistente",
    "assistente",
    "adjoint",
    "adjointe",
    "confirme",
    "confirmee",
    "leitender",
    "leitende",
    "stellvertretender",
    "stellvertretende",
    "starszy",
    "starsza",
    "mlodszy",
    "mlodsza",
    "praktikant",
    "praktikantin",
    "stagiaire",
    "becario",
    "becaria",
    "estagiario",
    "estagiaria",
    "stagista",
    "stagiair",
    "stazysta",
];

/// Words after which a title names a team, a product or a place rather than the job:
/// "Product Manager for Payments", "Gerente de Producto para Pagos", "Chef de produit pour
/// l'équipe paiements". "of" and "de" are among them, so a head is only taken when it is
/// itself a role's title: "Head of Product" is matched whole, never as "Head".
const CONNECTORS: &[&str] = &[
    "for", "of", "in", "at", "on", "para", "de", "del", "en", "pour", "du", "des", "fur", "bei",
    "im", "per", "di", "della", "voor", "van", "bij", "dla",
];

/// Characters that end one part of a title and start the next.
const SEPARATORS: &[char] = &[
    ',', '/', '(', ')', '[', ']', '|', '–', '—', ';', ':', '@', '、', '【', '】', '「', '」',
];

/// An alias compared as a suffix ends a title only at a word boundary, or, this long
/// (folded, without spaces), inside a compound word: "digitalproduktmanager".
const COMPOUND_SUFFIX: usize = 12;

/// Close spellings for typos: Jaro-Winkler at least this, and at most this many edits.
const TYPO_SIMILARITY: f64 = 0.94;
const TYPO_EDITS: usize = 2;

/// Scripts written without spaces between words, where each character is taken as a word.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
    )
}

/// A Latin letter without its accents, and the letters no decomposition takes apart.
fn push_folded(c: char, word: &mut String) {
    match c {
        'ß' => word.push_str("ss"),
        'ł' => word.push('l'),
        'ø' => word.push('o'),
        'đ' => word.push('d'),
        'ı' => word.push('i'),
        'æ' => word.push_str("ae"),
        'œ' => word.push_str("oe"),
        'þ' => word.push_str("th"),
        c if c.is_ascii() => word.push(c),
        c => decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                word.push(part);
            }
        }),
    }
}

/// A title's words, folded: lowercase, without accents, abbreviations spelled out, each
/// character of an unspaced script a word of its own.
fn words(title: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in title.nfkc().flat_map(char::to_lowercase) {
        if unspaced(c) {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            words.push(c.to_string());
        } else if c.is_alphanumeric() {
            push_folded(c, &mut word);
        } else if !is_combining_mark(c) {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    for word in &mut words {
        let full = match word.as_str() {
            "sr" | "snr" => "senior",
            "jr" => "junior",
            "mgr" | "mngr" => "manager",
            "mgmt" => "management",
            "tech" => "technical",
            "eng" | "engg" => "engineering",
            "programme" | "prog" => "program",
            "prod" => "product",
            "dir" => "director",
            "assoc" => "associate",
            _ => continue,
        };
        *word = full.to_string();
    }
    words
}

/// A title as its words, joined by spaces: "Sr. Tech. Program Mgr" and "Senior Technical
/// Program Manager" read the same.
pub fn normalise_title(title: &str) -> String {
    words(title).join(" ")
}

fn without_seniority<S: AsRef<str>>(words: &[S]) -> Vec<&str> {
    words
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| !SENIORITY.contains(w))
        .collect()
}

/// The parts of a title, the whole first: "PM, Payments" is tried as "PM, Payments", "PM"
/// and "Payments".
fn parts(title: &str) -> impl Iterator<Item = &str> {
    std::iter::once(title).chain(
        title
            .split(SEPARATORS)
            .flat_map(|part| part.split(" - "))
            .map(str::trim)
            .filter(|p| !p.is_empty()),
    )
}

/// The heads of a part: the whole, then the words before each connector, longest first.
fn heads<S: AsRef<str>>(words: &[S]) -> impl Iterator<Item = &[S]> {
    std::iter::once(words).chain(
        (1..words.len())
            .rev()
            .filter(|&i| CONNECTORS.contains(&words[i].as_ref()))
            .map(|i| &words[..i]),
    )
}

/// Some words as one string without spaces, and where each word starts in it.
fn compact<S: AsRef<str>>(words: &[S]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(words.len());
    for word in words {
        starts.push(text.len());
        text.push_str(word.as_ref());
    }
    (text, starts)
}

struct Alias<'a> {
    role: &'a Role,
    /// Folded, without spaces: "Product Manager" and "Productmanager" are one title.
    compact: String,
    /// Without seniority words and spaces, for titles written with seniority the alias lacks.
    bare: String,
    /// Without seniority words, with spaces, for typos; and its length in characters, as
    /// a title more than two characters longer or shorter is no typo of it.
    bare_words: String,
    bare_chars: usize,
}

/// The roles' aliases, folded once, to read many titles against: an organisation has
/// thousands of titles, and folding every alias again for each was most of the cost.
pub struct Titles<'a> {
    aliases: Vec<Alias<'a>>,
    /// The first role with this compact alias, and with this bare one.
    exact: HashMap<String, &'a Role>,
    bare: HashMap<String, &'a Role>,
}

impl<'a> Titles<'a> {
    pub fn new(roles: &'a [Role]) -> Titles<'a> {
        let aliases: Vec<Alias<'a>> = roles
            .iter()
            .flat_map(|role| {
                role.aliases.iter().map(move |alias| {
                    let words = words(alias);
                    let bare = without_seniority(&words);
                    Alias {
                        role,
                        compact: words.concat(),
                        bare: bare.concat(),
                        bare_words: bare.join(" "),
                        bare_chars: bare.join(" ").chars().count(),
                    }
                })
            })
            .collect();
        let mut exact = HashMap::new();
        let mut bare = HashMap::new();
        for alias in &aliases {
            exact.entry(alias.compact.clone()).or_insert(alias.role);
            if !alias.bare.is_empty() {
                bare.entry(alias.bare.clone()).or_insert(alias.role);
            }
        }
        Titles {
            aliases,
            exact,
            bare,
        }
    }

    /// What `title` says about the job (see the module's rules).
    pub fn kind(&self, title: &str) -> TitleKind<'a> {
        // Full-width separators ("（", "，") split as their ASCII forms do.
        let title: String = title.nfkc().collect();
        for part in parts(&title) {
            if let Some(role) = self.role_of(&words(part)) {
                return TitleKind::Role(role);
            }
        }
        if is_other_job(&words(&title)) {
            TitleKind::Other
        } else {
            TitleKind::Unrecognised
        }
    }

    fn role_of(&self, words: &[String]) -> Option<&'a Role> {
        let heads: Vec<&[String]> = heads(words).collect();
        for head in &heads {
            let bare = without_seniority(head);
            let (whole, starts) = compact(head);
            let (bare_whole, bare_starts) = compact(&bare);
            let found = self
                .exact
                .get(&whole)
                .or_else(|| self.bare.get(&bare_whole))
                .copied()
                .or_else(|| self.ending(&whole, &starts))
                .or_else(|| self.ending(&bare_whole, &bare_starts));
            if found.is_some() {
                return found;
            }
        }
        if words.iter().any(|w| w.chars().any(unspaced)) {
            return None;
        }
        heads
            .iter()
            .find_map(|head| self.typo(&without_seniority(head).join(" ")))
    }

    /// The role of the longest alias `title` ends with, at a word boundary or inside a
    /// compound.
    fn ending(&self, title: &str, starts: &[usize]) -> Option<&'a Role> {
        self.aliases
            .iter()
            .filter(|alias| !alias.compact.is_empty() && title.len() > alias.compact.len())
            .filter(|alias| title.ends_with(&alias.compact))
            .filter(|alias| {
                starts.contains(&(title.len() - alias.compact.len()))
                    || alias.compact.chars().count() >= COMPOUND_SUFFIX
            })
            .fold(None::<&Alias<'a>>, |best, alias| match best {
                Some(b) if b.compact.len() >= alias.compact.len() => Some(b),
                _ => Some(alias),
            })
            .map(|alias| alias.role)
    }

    /// The role of the alias `bare` is a slip of the keyboard away from, if any.
    fn typo(&self, bare: &str) -> Option<&'a Role> {
        if bare.len() < 8 {
            return None;
        }
        let chars = bare.chars().count();
        self.aliases
            .iter()
            .filter(|alias| {
                alias.bare_words.len() >= 8 && alias.bare_chars.abs_diff(chars) <= TYPO_EDITS
            })
            .map(|alias| (strsim::jaro_winkler(bare, &alias.bare_words), alias))
            .filter(|(similarity, alias)| {
                *similarity >= TYPO_SIMILARITY
                    && strsim::damerau_levenshtein(bare, &alias.bare_words) <= TYPO_EDITS
            })
            .fold(
                None::<(f64, &Alias<'a>)>,
                |best, (similarity, alias)| match best {
                    Some((b, _)) if b >= similarity => best,
                    _ => Some((similarity, alias)),
                },
            )
            .map(|(_, alias)| alias.role)
    }
}

/// Whether a title holds a word of another job (see [`super::jobs`] for how entries match).
fn is_other_job(words: &[String]) -> bool {
    let (whole, _) = compact(words);
    OTHER_JOBS
        .iter()
        .flat_map(|(_, entries)| entries.iter())
        .any(|entry| {
            if entry.chars().any(unspaced) {
                whole.contains(entry)
            } else if entry.chars().count() <= 3 {
                words.iter().any(|w| w == entry)
            } else {
                words.iter().any(|w| w.contains(entry))
            }
        })
}

#[cfg(test)]
mod tests;
