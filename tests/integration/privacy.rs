//! `--anonymize`: no real name from the sample reaches any output, in any format, and the
//! analysis is the same as without it.
//!
//! The names are read from the sample's CSV rather than written here, so a person added to
//! the sample is checked too.

use std::collections::BTreeSet;

use crate::util::{json, repo_root, sample, TestEnv};

fn org_xlsx() -> String {
    sample("northwind-product-org.xlsx").display().to_string()
}

/// The Name column of the sample, each person once, in order.
fn sample_names() -> Vec<String> {
    let path = repo_root().join("samples/northwind-product-org.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let headers = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    let column = headers
        .iter()
        .position(|h| h == "Name")
        .unwrap_or_else(|| panic!("no Name column in {headers:?}"));
    let mut names = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let name = record.get(column).unwrap_or("").trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    assert!(names.len() > 5, "too few names read: {names:?}");
    names
}

/// What must not appear: each whole name, the name in parentheses ("陈伟", a complete name
/// however short), and each word of 3 or more characters that only one person's name holds.
fn forbidden(names: &[String]) -> Vec<String> {
    let words = |name: &str| -> BTreeSet<String> {
        name.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| w.chars().count() >= 3)
            .collect()
    };
    let mut out: Vec<String> = names.to_vec();
    for name in names {
        if let (Some(open), Some(close)) = (name.find('('), name.rfind(')')) {
            out.push(name[open + 1..close].trim().to_string());
        }
        for word in words(name) {
            let owners = names.iter().filter(|n| words(n).contains(&word)).count();
            if owners == 1 {
                out.push(word);
            }
        }
    }
    out
}

/// Whether `word` occurs in `text` as a word, ignoring case: "Ana" is in "Ana's" and
/// "drift:ana-garcía", not in "Analytics".
fn mentions(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let word = word.to_lowercase();
    text.match_indices(&word).any(|(at, found)| {
        let before = text[..at].chars().next_back();
        let after = text[at + found.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn leaks(text: &str, forbidden: &[String]) -> Vec<String> {
    forbidden
        .iter()
        .filter(|w| mentions(text, w))
        .cloned()
        .collect()
}

/// Every output of one audit of the sample, labelled by format (and table).
fn outputs(env: &TestEnv, anonymize: bool) -> Vec<(String, String)> {
    let audit = |rest: &[&str]| {
        let input = org_xlsx();
        let mut args = vec!["audit", input.as_str()];
        args.extend_from_slice(rest);
        if anonymize {
            args.push("--anonymize");
        }
        let run = env.run(&args);
        run.success();
        run.stdout
    };
    let read = |name: &str| {
        std::fs::read_to_string(env.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let mut out = vec![
        ("text".to_string(), audit(&[])),
        ("json".to_string(), audit(&["--format", "json"])),
    ];
    audit(&["--format", "md", "-o", "audit.md"]);
    out.push(("md".to_string(), read("audit.md")));
    audit(&["--format", "csv", "-o", "out"]);
    for table in ["tasks", "coverage", "findings", "people"] {
        let name = format!("out/{table}.csv");
        out.push((format!("csv {table}"), read(&name)));
    }
    audit(&["--format", "pdf", "-o", "audit.pdf"]);
    let pdf = std::fs::read(env.path("audit.pdf")).unwrap_or_else(|e| panic!("audit.pdf: {e}"));
    let doc = lopdf::Document::load_mem(&pdf).unwrap_or_else(|e| panic!("audit.pdf: {e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc
        .extract_text(&pages)
        .unwrap_or_else(|e| panic!("audit.pdf: {e}"));
    out.push(("pdf".to_string(), text));
    out
}

/// PDF text comes back without the spaces between separately placed lines, so words run
/// together ("13people", "AnaGarcía"): there, look for whole names with spaces removed,
/// which are long enough not to turn up inside other words.
fn pdf_leaks(text: &str, names: &[String]) -> Vec<String> {
    let squash = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
    let text = squash(text);
    names
        .iter()
        .flat_map(|name| {
            let inner = name
                .find('(')
                .zip(name.rfind(')'))
                .map(|(open, close)| name[open + 1..close].to_string());
            std::iter::once(name.clone()).chain(inner)
        })
        .filter(|name| text.contains(&squash(name)))
        .collect()
}

#[test]
fn anonymized_outputs_name_nobody() {
    let forbidden = forbidden(&sample_names());
    let env = TestEnv::new();
    for (format, text) in outputs(&env, true) {
        let found = if format == "pdf" {
            pdf_leaks(&text, &sample_names())
        } else {
            leaks(&text, &forbidden)
        };
        assert!(found.is_empty(), "{format} leaks {found:?}:\n{text}");
        assert!(
            text.contains("Person 1") || text.contains("Person1"),
            "{format} has no pseudonym:\n{text}"
        );
    }
}

#[test]
fn without_anonymize_the_names_are_printed() {
    // Otherwise the test above would pass on a report that names nobody anyway.
    let names = sample_names();
    let forbidden = forbidden(&names);
    let env = TestEnv::new();
    for (format, text) in outputs(&env, false) {
        let found = if format == "pdf" {
            pdf_leaks(&text, &names)
        } else {
            leaks(&text, &forbidden)
        };
        assert!(!found.is_empty(), "{format} names nobody:\n{text}");
        assert!(
            !text.contains("Person 1") && !text.contains("Person1"),
            "{format}:\n{text}"
        );
    }
    let run = env.run(["audit", &org_xlsx(), "--format", "json"]);
    run.success();
    let people: Vec<String> = json(&run.stdout)["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect();
    assert_eq!(people, names);
}

#[test]
fn anonymizing_keeps_the_analysis() {
    let env = TestEnv::new();
    let report = |anonymize: bool| {
        let input = org_xlsx();
        let mut args = vec!["audit", input.as_str(), "--format", "json"];
        if anonymize {
            args.push("--anonymize");
        }
        let run = env.run(&args);
        run.success();
        json(&run.stdout)
    };
    let (plain, anonymized) = (report(false), report(true));
    let len = |value: &serde_json::Value, key: &str| value[key].as_array().map(Vec::len);
    for key in ["people", "findings", "tasks", "coverage"] {
        assert_eq!(len(&plain, key), len(&anonymized, key), "{key}");
    }
    assert!(len(&plain, "findings").is_some_and(|n| n > 0));
    assert_eq!(plain["summary"], anonymized["summary"]);
    let verdicts = |value: &serde_json::Value| -> Vec<(serde_json::Value, serde_json::Value)> {
        value["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| (t["status"].clone(), t["responsibility"].clone()))
            .collect()
    };
    assert_eq!(verdicts(&plain), verdicts(&anonymized));
    let kinds = |value: &serde_json::Value| -> Vec<(String, String)> {
        let mut kinds: Vec<(String, String)> = value["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| (f["kind"].to_string(), f["severity"].to_string()))
            .collect();
        kinds.sort();
        kinds
    };
    assert_eq!(kinds(&plain), kinds(&anonymized));
    assert_eq!(anonymized["people"][0]["name"], "Person 1");
}
