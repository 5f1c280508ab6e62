//! The size limits a reader of the crate relies on: no source file over 800 lines and no
//! function over 120, tests apart (a `tests.rs` file, or the `#[cfg(test)] mod tests` at the
//! end of a file). A file past the limit has stopped doing one job; a function past it has
//! steps that want names. Measured on the text, so a limit broken fails here with the file,
//! the line and the size, not in a reviewer's head.

use crate::layers::sources;
use crate::util::repo_root;

const MAX_FILE_LINES: usize = 800;
const MAX_FUNCTION_LINES: usize = 120;

/// The text with comments, string and character literals blanked out (newlines kept), so
/// that braces and `fn` are only counted where they are code.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#, and so on.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_start = j + 1;
            let rest: String = chars[body_start..].iter().collect();
            let end = rest.find(&closing).map_or(chars.len(), |at| {
                body_start + rest[..at].chars().count() + closing.len()
            });
            for &ch in &chars[i..end] {
                out.push(blank(ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&ch| ch == '\'')
                    .map(|at| i + 2 + at + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end - i));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The code of a source file without its test module at the end.
fn without_tests(code: &str) -> &str {
    match code.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &code[..at],
        None => code,
    }
}

/// Every function with a body: (name, first line, number of lines).
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let mut depth = 0i32;
        let mut opened = false;
        for (offset, text) in lines[start..].iter().enumerate() {
            for ch in text.chars() {
                match ch {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                found.push((name.clone(), start + 1, offset + 1));
                break;
            }
            if !opened && text.trim_end().ends_with(';') {
                break; // a declaration in a trait, without a body
            }
        }
    }
    found
}

/// The name declared by a line that starts a function, if it does.
fn fn_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let qualifier = word.starts_with("pub")
            || matches!(
                *word,
                "const" | "async" | "unsafe" | "extern" | "\"C\"" | "default"
            );
        if !qualifier {
            break;
        }
        words.next();
    }
    if words.next()? != "fn" {
        return None;
    }
    let rest = words.next()?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn no_source_file_or_function_is_past_its_limit() {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    files.sort();
    let mut broken = Vec::new();
    for (file, text) in &files {
        let code = code_only(text);
        let code = without_tests(&code);
        let lines = code.lines().count();
        if lines > MAX_FILE_LINES {
            broken.push(format!(
                "src/{file}: {lines} lines besides tests, over {MAX_FILE_LINES}"
            ));
        }
        for (name, line, length) in functions(code) {
            if length > MAX_FUNCTION_LINES {
                broken.push(format!(
                    "src/{file}:{line}: fn {name} is {length} lines, over {MAX_FUNCTION_LINES}"
                ));
            }
        }
    }
    assert!(broken.is_empty(), "past the limits:\n{}", broken.join("\n"));
}

/// The reader behind the limits: braces in strings, characters and comments are not code,
/// a lifetime is not a character, and a function ends at its own closing brace.
#[test]
fn the_function_reader_counts_only_code() {
    let source = r##"
/// A doc with a { brace.
pub(crate) fn first<'a>(x: &'a str) -> &'a str {
    let _ = "}}}";
    let _ = r#"{ "quoted" }"#;
    let _ = '{';
    let _ = '\'';
    /* { nested /* } */ still comment { */
    x
}
fn second() {}
trait T {
    fn declared(&self);
}
"##;
    let code = code_only(source);
    assert_eq!(code.lines().count(), source.lines().count());
    let found = functions(&code);
    assert_eq!(
        found,
        vec![("first".to_string(), 3, 8), ("second".to_string(), 11, 1)]
    );
}
