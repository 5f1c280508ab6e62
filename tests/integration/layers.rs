//! The crate's floors, and the lists kept by hand beside the code (layouts in README and in
//! `--layout`). The floors: a module imports only from its own floor and the floors below, so
//! that a change to a report cannot reach back into reading a sheet, and a newcomer can
//! read the crate from the ground up. Read from the sources: every `crate::MODULE` a file
//! names outside its tests.

use std::path::Path;

use crate::util::repo_root;

/// Each top-level module and its floor, lowest first.
const FLOORS: &[(&str, u8)] = &[
    // Helpers any stage may use.
    ("text", 0),
    // Files in, rubrics in; the progress bar on stderr.
    ("input", 1),
    ("rubric", 1),
    ("progress", 1),
    // Sheets read into assignments; tasks matched to responsibilities.
    ("layout", 2),
    ("matching", 2),
    // People's names replaced by pseudonyms before the audit sees them.
    ("privacy", 3),
    // Matching measured on labelled lines.
    ("quality", 4),
    ("audit", 5),
    ("compare", 6),
    ("report", 7),
    // The command line, the config file and the settings made of both; the one error type.
    ("config", 8),
    ("cli", 8),
    ("settings", 8),
    ("error", 8),
    // The commands, one file each, with everything said on stderr; the crate root, which
    // re-exports them.
    ("commands", 9),
    ("lib", 9),
    ("main", 9),
];

/// Imports that still point up a floor, each as (file, module imported). A ratchet: the
/// list may only shrink, and an entry no longer needed fails the test too.
const ALLOWED: &[(&str, &str)] = &[];

fn floor(module: &str) -> Option<u8> {
    FLOORS.iter().find(|(m, _)| *m == module).map(|(_, f)| *f)
}

/// The modules a source text names as `crate::MODULE` or inside `crate::{...}`, with their
/// lines, leaving out a test module at the end of the file.
fn imports(source: &str) -> Vec<(usize, String)> {
    let code = match source.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &source[..at],
        None => source,
    };
    let mut found = Vec::new();
    for (index, _) in code.match_indices("crate::") {
        let line = code[..index].matches('\n').count() + 1;
        let rest = &code[index + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group
                    .split(',')
                    .filter_map(|part| part.trim().split("::").next())
                    .collect()
            }
            None => rest
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .take(1)
                .collect(),
        };
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            found.push((line, name.to_string()));
        }
    }
    found
}

/// Every `.rs` file under `dir` but the test-only `tests.rs` files, relative to `src/`.
pub(crate) fn sources(dir: &Path, src: &Path, out: &mut Vec<(String, String)>) {
    rust_files(dir, src, false, out);
}

/// Every `.rs` file under `dir` (with `tests.rs` files or without), relative to `root`, with
/// its text.
fn rust_files(dir: &Path, root: &Path, with_tests: bool, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, root, with_tests, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && (with_tests || path.file_name().is_some_and(|n| n != "tests.rs"))
        {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            out.push((relative, text));
        }
    }
}

#[test]
fn no_module_imports_from_a_floor_above_it() {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    files.sort();
    let mut broken = Vec::new();
    let mut allowed_seen = Vec::new();
    for (file, text) in &files {
        let module = file
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        let own = floor(module).unwrap_or_else(|| panic!("{file}: module {module} has no floor"));
        for (line, name) in imports(text) {
            // `crate::Error` and the like: a name the crate root re-exports.
            let theirs = floor(&name).unwrap_or_else(|| floor("lib").unwrap_or(u8::MAX));
            if theirs <= own {
                continue;
            }
            if ALLOWED.contains(&(file.as_str(), name.as_str())) {
                allowed_seen.push((file.clone(), name));
                continue;
            }
            broken.push(format!(
                "src/{file}:{line}: {module} (floor {own}) imports {name} (floor {theirs})"
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "imports up a floor:\n{}",
        broken.join("\n")
    );
    for (file, name) in ALLOWED {
        assert!(
            allowed_seen.iter().any(|(f, n)| f == file && n == name),
            "{file} no longer imports {name}: take it off the allow-list"
        );
    }
}

#[test]
fn the_import_reader_sees_paths_and_groups() {
    let source = "use crate::audit::Finding;\nuse crate::{input::Location, report};\nlet x = crate::Error::from(e);\n#[cfg(test)]\nmod tests {\n    use crate::lib;\n}\n";
    let names: Vec<(usize, String)> = imports(source);
    let expected: Vec<(usize, String)> = [(1, "audit"), (2, "input"), (2, "report"), (3, "Error")]
        .into_iter()
        .map(|(l, n)| (l, n.to_string()))
        .collect();
    assert_eq!(names, expected);
}

/// Layouts are named in three places by hand besides the code: README's list, the
/// `--layout` values and README's flag line. Each must name every layout the reader has.
#[test]
fn every_layout_is_named_in_readme_and_in_the_layout_flag() {
    use clap::ValueEnum;
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap_or_default();
    let section = readme
        .split("### Layouts")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .unwrap_or_default();
    let names: Vec<&str> = rolecall::layout::LayoutKind::ALL
        .iter()
        .map(|k| k.name())
        .collect();
    let flag_values: Vec<String> = rolecall::cli::LayoutArg::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
        .collect();
    assert_eq!(
        flag_values, names,
        "--layout's values and the layouts differ"
    );
    for name in &names {
        assert!(
            section.contains(&format!("- **{name}**:")),
            "README's Layouts section does not describe {name}"
        );
    }
    assert!(
        section.contains(&format!("`--layout {}`", names.join("|"))),
        "README's --layout line does not name every layout"
    );
}

/// The `--format` values are named by hand in README's Output section.
#[test]
fn every_format_is_named_in_readme() {
    use clap::ValueEnum;
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap_or_default();
    let section = readme
        .split("\n## Output\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or_default();
    let values: Vec<String> = rolecall::cli::FormatArg::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
        .collect();
    assert!(values.len() >= 6, "{values:?}");
    for value in &values {
        assert!(
            section.contains(&format!("`--format {value}")),
            "README's Output section does not describe --format {value}"
        );
    }
}

/// The crate docs' "Where to change what" table: every file or folder it names exists, and
/// every test it names is a function in `src/` or `tests/`.
#[test]
fn the_where_to_change_what_table_names_what_exists() {
    let root = repo_root();
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap_or_default();
    let table: Vec<&str> = lib
        .lines()
        .skip_while(|l| !l.starts_with("//! # Where to change what"))
        .skip(1)
        .skip_while(|l| !l.starts_with("//! |"))
        .take_while(|l| l.starts_with("//! |"))
        .collect();
    assert!(table.len() >= 7, "the table is missing from src/lib.rs");
    let mut code = Vec::new();
    for dir in ["src", "tests"] {
        rust_files(&root.join(dir), &root, true, &mut code);
    }
    let mut named = 0;
    for row in &table {
        for (index, part) in row.split('`').enumerate() {
            if index % 2 == 0 || part.contains(' ') {
                continue;
            }
            if part.contains('/') {
                assert!(
                    root.join(part.trim_end_matches('/')).exists(),
                    "the table names {part}, which does not exist"
                );
                named += 1;
            } else if part.contains('_') && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                let declared = format!("fn {part}(");
                assert!(
                    code.iter().any(|(_, text)| text.contains(&declared)),
                    "the table names the test {part}, which does not exist"
                );
                named += 1;
            }
        }
    }
    assert!(named >= 15, "the table names only {named} files and tests");
}
