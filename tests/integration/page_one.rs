//! Page 1 of the PDF as a leader forwards it, for generated organisations of 13, 400 and
//! 5,000 people, read back by pdftotext: no word cut before an ellipsis, no count of four or
//! more digits without its thousands set apart, and no folder of the input's path unless
//! `--show-path` asks for it; and the terminal and Markdown summaries of the 5,000 people
//! with no bare count either. The 5,000-person audit takes about a second in the test
//! profile, so all three sizes run on every `cargo test`.
//!
//! Needs poppler-utils (pdftotext); see `util::poppler`.

use std::path::Path;

use crate::util::{generated_org, json, poppler, TestEnv};

const DATE: &str = "2026-12-03";
/// How page 1 prints [`DATE`]: its year is no count.
const DATE_WORDS: &str = "3 December 2026";

fn audit(env: &TestEnv, input: &Path, format: &str, extra: &[&str]) -> String {
    let out = env.path(&format!("report-{format}"));
    let mut args: Vec<String> = [
        "audit",
        &input.display().to_string(),
        "--format",
        format,
        "-o",
        &out.display().to_string(),
        "--generated-at",
        DATE,
        "--quiet",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    env.run(&args).success();
    if format == "pdf" {
        page_one(&out)
    } else {
        std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// Page 1's text as pdftotext lays it out.
fn page_one(pdf: &Path) -> String {
    crate::util::pdftotext_with(pdf, &["-f", "1", "-l", "1", "-layout"])
}

/// Every string of the JSON report (messages, advice, names, titles, tasks), its spaces
/// made single as the PDF prints them: the text page 1 quotes from.
fn source_text(report: &serde_json::Value, out: &mut String) {
    match report {
        serde_json::Value::String(s) => {
            out.push_str(&s.split_whitespace().collect::<Vec<_>>().join(" "));
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| source_text(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| source_text(v, out)),
        _ => {}
    }
}

fn is_cjk(c: char) -> bool {
    rolecall::text::breaks_around(c)
}

/// The words printed before each ellipsis of `page`, each a problem when the source has
/// them only as the start of a longer word ("their par…" of "their part"). pdftotext sets
/// columns apart by runs of spaces, so each column's text is read on its own; the last
/// words before the ellipsis (up to three, fewer when three are not in the source, as when
/// a line joins a message and its suggestion) must occur in the source followed by
/// something other than a letter or digit. Text cut between two CJK characters is cut
/// between words.
fn words_cut(page: &str, source: &str) -> Vec<String> {
    let mut cut = Vec::new();
    for line in page.lines() {
        for column in line.split("  ").filter(|c| c.contains('…')) {
            for (at, _) in column.match_indices('…') {
                let before: Vec<&str> = column[..at].split_whitespace().collect();
                let Some(last) = before.last() else {
                    continue;
                };
                if last
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_cjk(c) || !c.is_alphanumeric())
                {
                    continue;
                }
                let whole = (1..=before.len().min(3)).rev().find_map(|n| {
                    let phrase = before[before.len() - n..].join(" ");
                    let found: Vec<bool> = source
                        .match_indices(&phrase)
                        .map(|(i, _)| {
                            source[i + phrase.len()..]
                                .chars()
                                .next()
                                .is_none_or(|c| !c.is_alphanumeric())
                        })
                        .collect();
                    (!found.is_empty()).then(|| found.contains(&true))
                });
                if whole != Some(true) {
                    cut.push(format!("{}…", before.join(" ")));
                }
            }
        }
    }
    cut
}

/// Runs of four or more digits standing alone (not part of an id like "T82e5193a01", nor
/// of "5,000"), the date left out: counts printed without their separators. The generated
/// sheets' task lines hold no such run, so every one found is a count.
fn bare_counts(page: &str) -> Vec<String> {
    let page = page.replace(DATE_WORDS, "").replace(DATE, "");
    let chars: Vec<char> = page.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let joined = |c: Option<&char>| c.is_some_and(|&c| c.is_alphanumeric() || c == ',');
        let inside =
            joined(start.checked_sub(1).and_then(|s| chars.get(s))) || joined(chars.get(i));
        if i - start >= 4 && !inside {
            found.push(
                chars[start.saturating_sub(20)..(i + 10).min(chars.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    found
}

#[test]
fn the_checks_catch_what_they_name() {
    let source = "Agree with Søren Dubois whether they hand their part over or support.\n";
    assert_eq!(
        words_cut("HIGH    Søren Dubois whether they hand their par…", source),
        ["Søren Dubois whether they hand their par…"]
    );
    assert!(words_cut("HIGH    whether they hand their …   5,000", source).is_empty());
    assert!(words_cut("Ana 陈…", "Ana 陈伟\n").is_empty());
    assert_eq!(
        bare_counts("232463 h  5,000 people  T82e5193a01"),
        ["232463 h  5,000 "]
    );
    assert!(bare_counts(&format!("generated {DATE_WORDS} · 116,768 h")).is_empty());
}

#[test]
fn page_one_can_be_forwarded_at_every_size() {
    if !poppler(&["pdftotext"]) {
        return;
    }
    let env = TestEnv::new();
    for people in [13, 400, 5_000] {
        let input = generated_org(&env, people, 5);
        let folder = input
            .parent()
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| panic!("{} has no folder", input.display()));
        let page = audit(&env, &input, "pdf", &[]);
        let mut source = String::new();
        source_text(&json(&audit(&env, &input, "json", &[])), &mut source);
        assert!(page.contains("What matters most"), "{page}");
        assert_eq!(
            words_cut(&page, &source),
            Vec::<String>::new(),
            "{people} people:\n{page}"
        );
        assert_eq!(
            bare_counts(&page),
            Vec::<String>::new(),
            "{people} people:\n{page}"
        );
        assert!(
            !page.contains(&folder),
            "{people} people: the input's folder is shown:\n{page}"
        );
        if people == 5_000 {
            // The other formats a person reads; the full Markdown's task table is left out
            // for its row numbers, which are references to the sheet, not counts.
            for (format, extra) in [("text", &[][..]), ("md", &["--summary"][..])] {
                let text = audit(&env, &input, format, extra);
                assert_eq!(
                    bare_counts(&text),
                    Vec::<String>::new(),
                    "{format}:\n{text}"
                );
            }
        }
        if people == 13 {
            let shown = audit(&env, &input, "pdf", &["--show-path"]);
            assert!(
                shown.contains(&folder),
                "--show-path hides the folder:\n{shown}"
            );
        }
    }
}
