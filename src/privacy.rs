//! Pseudonyms for people, so a report can travel without the names in the sheet.
//!
//! A stage of its own, between reading the team and auditing it: names are replaced in the
//! assignments and charts themselves, before matching and audit, so every derived output
//! (finding ids and messages, coverage, the people table, every format) is built from
//! pseudonyms, the audit never sees a real name, and no renderer has to remember to hide
//! anything.
//!
//! Limits: a name is found in free text only as a whole word (or, for scripts written
//! without spaces such as Chinese, anywhere), so an inflected form ("с Дмитрием") or a
//! nickname the sheet never gives is not recognised; a first name shared by two people is
//! left alone, since it cannot say which pseudonym it stands for; and people named only on
//! skipped rows are unknown here.

use std::collections::{BTreeMap, BTreeSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::layout::Team;

/// Name parts shorter than this are initials or common short words ("Al", "Jo", "Li")
/// more often than names, so replacing them alone would mangle ordinary task text.
const MIN_PART_CHARS: usize = 3;

/// Replaces every person by "Person N", numbered in order of first appearance, and every
/// mention of a known name in task, title and team text.
///
/// People are told apart by their exact name, as the audit tells them apart, so two
/// spellings stay two people and anonymizing never changes the analysis itself.
pub fn anonymize(team: &mut Team) {
    let mut people: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    // A matrix party named by its role title is a role, not a person: it keeps its name.
    let is_role = |name: &str, title: Option<&str>| title == Some(name);
    let named = team
        .assignments
        .iter()
        .map(|a| (&*a.person, a.title.as_deref()))
        .chain(
            team.charts
                .iter()
                .flat_map(|c| &c.parties)
                .map(|p| (p.name.as_str(), p.title.as_deref())),
        );
    for (name, title) in named {
        if !is_role(name, title) && !index.contains_key(name) {
            index.insert(name.to_string(), people.len());
            people.push(name.to_string());
        }
    }
    let pseudonyms: Vec<String> = (1..=people.len()).map(|n| format!("Person {n}")).collect();
    let aliases = aliases(&people);
    let replace = |text: &str| replace_names(text, &aliases, &pseudonyms);
    let rename = |name: &mut String| {
        if let Some(&p) = index.get(name.as_str()) {
            name.clone_from(&pseudonyms[p]);
        }
    };
    let replace_all = |texts: [&mut Option<String>; 3]| {
        for text in texts {
            *text = text.as_deref().map(replace);
        }
    };
    for a in team.assignments.iter_mut() {
        if let Some(&p) = index.get(&*a.person) {
            a.person = pseudonyms[p].as_str().into();
        }
        a.task = replace(&a.task);
        a.title = a.title.as_deref().map(|t| replace(t).into());
        a.team = a.team.as_deref().map(|t| replace(t).into());
        a.group = a.group.as_deref().map(replace);
    }
    for chart in team.charts.iter_mut() {
        for party in chart.parties.iter_mut() {
            rename(&mut party.name);
            replace_all([&mut party.title, &mut party.team, &mut None]);
        }
        for task in chart.tasks.iter_mut() {
            task.text = replace(&task.text);
            replace_all([&mut task.group, &mut None, &mut None]);
        }
    }
    for party in team
        .notes
        .sheets
        .iter_mut()
        .flat_map(|s| s.parties.iter_mut())
    {
        rename(&mut party.name);
        replace_all([&mut party.title, &mut party.team, &mut None]);
    }
}

/// One way a person may be written in free text, already case-folded, with whitespace
/// runs collapsed to one space.
#[derive(Debug)]
struct Alias {
    pattern: Vec<char>,
    person: usize,
}

/// Aliases by their first folded character, so each position of a text is tried against
/// the few names that could start there rather than the whole team.
type Aliases = BTreeMap<char, Vec<Alias>>;

/// Every name and name part that points to exactly one person, longest first, so that
/// "Ana García" is replaced as one before "Ana" could match half of it.
fn aliases(people: &[String]) -> Aliases {
    let mut names: BTreeMap<Vec<char>, usize> = BTreeMap::new();
    let mut parts: BTreeMap<Vec<char>, BTreeSet<usize>> = BTreeMap::new();
    for (person, name) in people.iter().enumerate() {
        let (outer, inner) = split_parenthesised(name);
        // The whole cell, the name around a parenthesis and the name inside it are each a
        // complete way of writing the person ("Wei Chen", "陈伟"), so no length floor.
        let mut full = vec![fold(name)];
        full.push(fold(&outer));
        full.extend(inner.iter().map(|n| fold(n)));
        for pattern in full.into_iter().filter(|p| !p.is_empty()) {
            // Cells differing only in case read the same in free text: the first to
            // appear takes the mentions.
            names.entry(pattern).or_insert(person);
        }
        for word in std::iter::once(outer.as_str())
            .chain(inner.iter().map(String::as_str))
            .flat_map(str::split_whitespace)
        {
            // "Jean-Luc" is written in full or as "Luc", "O'Brien" also as "Brien".
            let word = word.trim_matches(|c: char| !is_word(c));
            let pieces = word.split(|c: char| !is_word(c)).filter(|p| *p != word);
            for part in std::iter::once(word).chain(pieces) {
                let pattern = fold(part);
                if pattern.len() >= MIN_PART_CHARS {
                    parts.entry(pattern).or_default().insert(person);
                }
            }
        }
    }
    for (pattern, owners) in parts {
        if let (1, Some(&person)) = (owners.len(), owners.first()) {
            names.entry(pattern).or_insert(person);
        }
    }
    let mut aliases = Aliases::new();
    for (pattern, person) in names {
        if let Some(&first) = pattern.first() {
            aliases
                .entry(first)
                .or_default()
                .push(Alias { pattern, person });
        }
    }
    for candidates in aliases.values_mut() {
        // Stable sort over a sorted map: equal lengths keep a fixed order.
        candidates.sort_by_key(|a| std::cmp::Reverse(a.pattern.len()));
    }
    aliases
}

/// "Wei Chen (陈伟)" as "Wei Chen" and ["陈伟"]: a parenthesis in a name cell holds the name
/// in another script or a nickname.
fn split_parenthesised(name: &str) -> (String, Vec<String>) {
    let mut outer = String::new();
    let mut inner = Vec::new();
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        outer.push_str(&rest[..open]);
        outer.push(' ');
        let inside = rest[open + 1..open + close].trim();
        if inside.chars().count() >= 2 {
            inner.push(inside.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    outer.push_str(rest);
    (
        outer.split_whitespace().collect::<Vec<_>>().join(" "),
        inner,
    )
}

/// Case-folds for comparison: NFC first, so "García" typed with a combining accent still
/// matches, and final sigma as sigma, since per-character lowercase cannot tell them apart.
fn fold(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.nfc().flat_map(fold_char));
    }
    out
}

fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Letters, digits and the combining marks that belong to them: what a name may not be
/// glued to, so "Banana" does not hide an "Ana".
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Scripts written without spaces between words, where a name has no word boundary to
/// wait for.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x31F0..=0x31FF     // Katakana extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B to G
}

/// The text with every alias replaced by its person's pseudonym; unchanged, byte for byte,
/// when no name occurs in it.
fn replace_names(text: &str, aliases: &Aliases, pseudonyms: &[String]) -> String {
    let chars: Vec<char> = text.nfc().collect();
    let mut out = String::with_capacity(text.len());
    let mut replaced = false;
    let mut i = 0;
    while i < chars.len() {
        let candidates = fold_char(chars[i])
            .next()
            .and_then(|first| aliases.get(&first))
            .map_or(&[][..], Vec::as_slice);
        let found = candidates.iter().find_map(|alias| {
            let end = match_at(&chars, i, &alias.pattern)?;
            let glued_before = i > 0 && is_word(chars[i - 1]);
            let glued_after = end < chars.len() && is_word(chars[end]);
            let needs_space = |c: Option<&char>| c.is_some_and(|&c| is_word(c) && !is_unspaced(c));
            let bad_start = glued_before && needs_space(alias.pattern.first());
            let bad_end = glued_after && needs_space(alias.pattern.last());
            (!bad_start && !bad_end).then_some((end, alias.person))
        });
        match found {
            Some((end, person)) => {
                out.push_str(&pseudonyms[person]);
                replaced = true;
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    if replaced {
        out
    } else {
        text.to_string()
    }
}

/// Where a folded pattern starting at `start` ends in the text, if it occurs there; a space
/// in the pattern stands for any run of whitespace.
fn match_at(text: &[char], start: usize, pattern: &[char]) -> Option<usize> {
    let mut t = start;
    let mut p = 0;
    while p < pattern.len() {
        if pattern[p] == ' ' {
            let run = text[t..].iter().take_while(|c| c.is_whitespace()).count();
            if run == 0 {
                return None;
            }
            t += run;
            p += 1;
            continue;
        }
        let c = *text.get(t)?;
        t += 1;
        for folded in fold_char(c) {
            if pattern.get(p) != Some(&folded) {
                return None;
            }
            p += 1;
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Assignment;

    fn assignment(person: &str, task: &str) -> Assignment {
        Assignment {
            person: person.into(),
            title: None,
            team: None,
            task: task.to_string(),
            effort: None,
            raci: None,
            group: None,
            sheet: None,
            row: 1,
            column: 0,
        }
    }

    fn team(assignments: Vec<Assignment>) -> Team {
        let mut team = Team::new("team.csv");
        team.assignments = assignments;
        team
    }

    fn anonymized(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut team = team(rows.iter().map(|(p, t)| assignment(p, t)).collect());
        anonymize(&mut team);
        team.assignments
            .into_iter()
            .map(|a| (a.person.to_string(), a.task))
            .collect()
    }

    fn people(rows: &[(&str, &str)]) -> Vec<String> {
        anonymized(rows).into_iter().map(|(p, _)| p).collect()
    }

    fn tasks(rows: &[(&str, &str)]) -> Vec<String> {
        anonymized(rows).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn anonymize_numbers_people_in_order_of_first_appearance() {
        let rows = [
            ("Marcus Webb", "roadmap"),
            ("Ana García", "PRDs"),
            ("Marcus Webb", "QBR prep"),
            ("Zoë Brontë", "code reviews"),
            ("Ana García", "OKRs"),
        ];
        assert_eq!(
            people(&rows),
            ["Person 1", "Person 2", "Person 1", "Person 3", "Person 2"]
        );
    }

    #[test]
    fn anonymize_keeps_distinct_spellings_distinct() {
        // The audit counts these as two people; pseudonyms must not merge them.
        let rows = [
            ("Ana García", "a"),
            ("ana garcía", "b"),
            ("Ana García", "c"),
        ];
        assert_eq!(people(&rows), ["Person 1", "Person 2", "Person 1"]);
    }

    #[test]
    fn anonymize_replaces_names_mentioned_in_tasks() {
        let rows = [
            ("Ana García", "Own the mobile roadmap"),
            ("Marcus Webb", "sync with Ana García on roadmap"),
            (
                "Marcus Webb",
                "1:1s with Ana; pair with WEBB, and ana garcía's PRDs",
            ),
            ("Søren Dubois", "Review Marcus's PRD with Ana  García"),
        ];
        assert_eq!(
            tasks(&rows),
            [
                "Own the mobile roadmap",
                "sync with Person 1 on roadmap",
                "1:1s with Person 1; pair with Person 2, and Person 1's PRDs",
                "Review Person 2's PRD with Person 1",
            ]
        );
    }

    #[test]
    fn anonymize_replaces_whole_names_before_their_parts() {
        // "Ana" alone would leave "Person 1 García" behind.
        let rows = [("Ana García", "x"), ("Bo", "ask Ana García and Bo")];
        assert_eq!(tasks(&rows)[1], "ask Person 1 and Person 2");
    }

    #[test]
    fn anonymize_leaves_words_that_merely_contain_a_name() {
        let rows = [
            ("Ana García", "x"),
            (
                "Wei Chen",
                "Banana split, Anaheim offsite, Weird bugs, Chennai vendor",
            ),
        ];
        assert_eq!(
            tasks(&rows)[1],
            "Banana split, Anaheim offsite, Weird bugs, Chennai vendor"
        );
    }

    #[test]
    fn anonymize_leaves_shared_and_short_name_parts() {
        // Which Ana? And "Li" is a syllable of too many words to replace alone.
        let rows = [
            ("Ana García", "x"),
            ("Ana Souza", "y"),
            ("Li Na", "ask Ana; ask Li; ask García; ask Li Na"),
        ];
        assert_eq!(
            tasks(&rows)[2],
            "ask Ana; ask Li; ask Person 1; ask Person 3"
        );
    }

    #[test]
    fn anonymize_replaces_pieces_of_hyphenated_names() {
        let rows = [
            ("Jean-Luc O'Brien", "x"),
            (
                "Bo",
                "ask Jean-Luc; ask Luc; ask jean; ask Brien; ask O'Brien",
            ),
        ];
        assert_eq!(
            tasks(&rows)[1],
            "ask Person 1; ask Person 1; ask Person 1; ask Person 1; ask Person 1"
        );
    }

    #[test]
    fn anonymize_handles_non_latin_names() {
        let rows = [
            ("Wei Chen (陈伟)", "status report"),
            ("Дмитрий Волков", "sync with Wei Chen and 陈伟; 与陈伟开会"),
            ("Łukasz Nowak", "ДМИТРИЙ to review; Волков on-call"),
            (
                "Søren Dubois",
                "budget w/ łukasz; SØREN's PRD; Wei (陈伟) risks",
            ),
            ("Νικόλαος Παππάς", "x"),
            ("Aoife Ní Bhriain", "ΝΙΚΌΛΑΟΣ reviews; Chen and Aoife"),
        ];
        assert_eq!(
            tasks(&rows),
            [
                "status report",
                "sync with Person 1 and Person 1; 与Person 1开会",
                "Person 2 to review; Person 2 on-call",
                "budget w/ Person 3; Person 4's PRD; Person 1 (Person 1) risks",
                "x",
                "Person 5 reviews; Person 1 and Person 6",
            ]
        );
        assert_eq!(people(&rows)[0], "Person 1");
    }

    #[test]
    fn anonymize_matches_decomposed_accents() {
        let decomposed = "sync with Ana Garci\u{301}a";
        let rows = [("Ana García", "x"), ("Bo", decomposed)];
        assert_eq!(tasks(&rows)[1], "sync with Person 1");
    }

    #[test]
    fn anonymize_replaces_names_in_title_and_team() {
        let mut team = team(vec![assignment("Ana García", "x"), assignment("Bo", "y")]);
        team.assignments[1].title = Some("Deputy to Ana".into());
        team.assignments[1].team = Some("García's squad".into());
        anonymize(&mut team);
        assert_eq!(
            team.assignments[1].title.as_deref(),
            Some("Deputy to Person 1")
        );
        assert_eq!(
            team.assignments[1].team.as_deref(),
            Some("Person 1's squad")
        );
    }

    #[test]
    fn anonymize_leaves_text_without_names_byte_for_byte() {
        let untouched = "Cafe\u{301} launch";
        let rows = [("Ana García", untouched)];
        assert_eq!(tasks(&rows)[0], untouched);
    }
}
