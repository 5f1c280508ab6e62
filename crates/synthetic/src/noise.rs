//! The noise of real task lines, for planted organisations: people abbreviate, skip capitals,
//! paste ticket ids, tack on a status or their team, and mistype a word now and then. None
//! of it changes what a line means, so the truth a line was planted with still holds, and a
//! matcher measured on these lines is measured on lines like those it will be given.

use crate::rng::SplitMix64;

/// Words people shorten, and how.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("with", "w/"),
    ("and", "&"),
    ("engineering", "eng"),
    ("engineers", "eng"),
    ("requirements", "reqs"),
    ("meeting", "mtg"),
    ("documentation", "docs"),
    ("management", "mgmt"),
    ("customers", "custs"),
    ("review", "rvw"),
];

const TICKETS: &[&str] = &["JIRA", "PROJ", "ENG", "OPS", "PLAT", "PM"];

const STATUSES: &[&str] = &[
    " (WIP)",
    " - ongoing",
    " [done]",
    " - in progress",
    " (blocked)",
    " - tbd",
    " (recurring)",
];

const QUARTERS: &[&str] = &["Q1", "Q2", "Q3", "Q4", "H2", "FY26"];

/// `line` as someone in `team` might have typed it.
pub(crate) fn noisy(line: &str, team: &str, rng: &mut SplitMix64) -> String {
    let mut words: Vec<String> = line.split(' ').map(str::to_string).collect();
    if rng.chance(0.3) {
        for word in &mut words {
            if let Some((_, short)) = ABBREVIATIONS.iter().find(|(long, _)| long == word) {
                *word = (*short).to_string();
            }
        }
    }
    if rng.chance(0.06) {
        typo(&mut words, rng);
    }
    let mut out = words.join(" ");
    if rng.chance(0.15) {
        out = out.to_lowercase();
    }
    if rng.chance(0.1) {
        let ticket = format!("{}-{}", rng.pick(TICKETS), 100 + rng.below(9_900));
        out = if rng.chance(0.5) {
            format!("{ticket} {out}")
        } else {
            format!("{out} ({ticket})")
        };
    }
    if rng.chance(0.12) {
        out.push_str(rng.pick::<&str>(STATUSES));
    }
    if rng.chance(0.08) {
        match rng.below(3) {
            0 => out.push_str(&format!(" - {team}")),
            1 => out.push_str(&format!(" [{team}]")),
            _ => out.push_str(&format!(" ({})", rng.pick(QUARTERS))),
        }
    }
    out
}

/// Two neighbouring letters swapped inside one longer word, as fast typing does.
fn typo(words: &mut [String], rng: &mut SplitMix64) {
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].len() >= 6 && words[i].chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    if long.is_empty() {
        return;
    }
    let word = &mut words[*rng.pick(&long)];
    let at = 1 + rng.below(word.len() - 3);
    let mut letters: Vec<char> = word.chars().collect();
    letters.swap(at, at + 1);
    *word = letters.into_iter().collect();
}
