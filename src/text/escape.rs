//! User text made safe to show: a spreadsheet cell is untrusted, and printed raw it could
//! move the cursor or recolour a terminal (escape sequences), reorder what follows it (bidi
//! overrides), hide words (zero-width characters) or break a one-line error in two.
//!
//! [`sanitise`] serves every terminal path: the summary, `inspect`, `explain` and the error
//! line. [`one_line`] serves the PDF report and, through [`markdown`], the Markdown one
//! (which, unlike CSV and JSON, have no escaping of their own for these characters). Both show each such character as a visible
//! escape and leave all other text, whatever its script, untouched. The result is for
//! reading, not for parsing back: a backslash already in the text is left as it is.

use std::fmt::Write as _;

/// `text` with every control, bidi and invisible character shown as an escape: `\n`, `\r`
/// and `\t` for the usual three, `\u{202e}` (the code point in hex) for the rest.
pub fn sanitise(text: &str) -> String {
    escape(text, |c| match c {
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    })
}

/// The same for a report a person reads (Markdown, PDF): a line break or tab typed into a
/// cell (Alt+Enter in Excel) is layout there, not a threat, so it reads as a space; every
/// other hidden character is escaped as [`sanitise`] does.
pub fn one_line(text: &str) -> String {
    escape(text, |c| matches!(c, '\n' | '\r' | '\t').then_some(" "))
}

/// Cell text for a Markdown document: [`one_line`], then every character that Markdown or
/// GitHub's extensions would read as syntax shown as itself, so that a cell can neither
/// inject HTML (`<script>`, `<img onerror>`) nor a link, an image or an autolink, nor
/// emphasis, nor end its table cell.
///
/// - `<` becomes an entity, and so does an `&` that would start one: no HTML, no
///   `<https://…>` autolink, no entity of the cell's own. (`>` closes nothing once no `<`
///   opens it.)
/// - `\`, `` ` ``, `*`, `_`, `~`, `[`, `]` and `|` get a backslash: no code span, emphasis,
///   strike-through, link or image (without `[` neither `(…)` nor `!` is syntax, so they
///   stay as typed), and no end of a table cell.
/// - `://` and `www.` get an entity for their `/` or `.`, which GFM's bare-URL autolinks
///   need typed literally; the text reads the same once rendered.
/// - A `#`, `>`, `+`, `-`, `=` or `1.`/`1)` at the start gets a backslash, so the text of
///   a list item cannot open a heading, a quote or a nested list. Leading
///   spaces are dropped (four would open a code block).
///
/// Email addresses are left as typed: GFM may render them as `mailto:` links, which run
/// nothing.
pub fn markdown(text: &str) -> String {
    let text = one_line(text);
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let lead = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            // Only `&name;` or `&#number;` is an entity; "R&D" or "review & retro" read
            // the same typed as they are.
            '&' if entity_follows(&text[i + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '>' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == lead && i > 0 => {
                out.push('\\');
                out.push(c);
            }
            '/' if text[..i].ends_with(':') || text[..i].ends_with(":/") => out.push_str("&#47;"),
            '.' if text
                .get(i.saturating_sub(3)..i)
                .is_some_and(|before| before.eq_ignore_ascii_case("www")) =>
            {
                out.push_str("&#46;")
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` would make it an entity: letters, digits or `#`, then `;`.
fn entity_follows(after: &str) -> bool {
    let name = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(after.len());
    name > 0 && after[name..].starts_with(';')
}

/// `text` as a Markdown code span inside a table cell: a fence of backticks longer than any
/// run in the text, and pipes escaped (GFM reads a table's `\|` before the code span).
pub fn code_span(text: &str) -> String {
    let text = one_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

/// Escapes every [`hidden`] character, writing `plain(c)` instead where it gives a text.
fn escape(text: &str, plain: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match plain(c) {
            Some(replacement) => out.push_str(replacement),
            None if hidden(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
            None => out.push(c),
        }
    }
    out
}

/// Characters that act on the display instead of appearing on it, by Unicode property
/// rather than by a list of the ones seen so far: controls (C0 with ESC, DEL, C1 with a lone
/// CSI), format characters (General_Category Cf: bidi controls, zero-width characters, tag
/// characters, the soft hyphen, invisible operators, interlinear annotation marks), line
/// and paragraph separators (Zl, Zp), every Default_Ignorable_Code_Point (variation
/// selectors, fillers such as U+3164 that render as nothing), and the 66 noncharacters
/// (U+FFFE, U+FFFF and kin: no glyph, and XML forbids the first two, so an Excel table's
/// column names rely on their escape).
fn hidden(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.is_control()
        || matches!(
            c.general_category(),
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
        )
        || renders_as_nothing(c)
        || noncharacter(c)
}

/// U+FDD0 to U+FDEF, and the last two code points of every plane.
fn noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Format characters and default-ignorable ones: a name with them reads the same as one
/// without, so the two are one person's (see `layout::same_name_key`).
pub fn renders_as_nothing(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::Format || default_ignorable(c)
}

/// Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt), less what is Cf and
/// so caught above: the property's own ranges, which no general category gives.
fn default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{034F}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{2065}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A TOML basic string, quoted and escaped: a `rolecall.toml` line rolecall suggests can be
/// pasted whatever the task or title holds.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{code_span, markdown, one_line, sanitise};

    #[test]
    fn markdown_shows_html_links_and_emphasis_as_text() {
        assert_eq!(
            markdown("<script>alert(1)</script> & co &amp; R&D -> &#47;"),
            "&lt;script>alert(1)&lt;/script> & co &amp;amp; R&D -> &amp;#47;"
        );
        assert_eq!(
            markdown("[click](javascript:alert(1)) ![x](y)"),
            "\\[click\\](javascript:alert(1)) !\\[x\\](y)"
        );
        assert_eq!(
            markdown("*bold* _it_ ~s~ `c` a|b \\"),
            "\\*bold\\* \\_it\\_ \\~s\\~ \\`c\\` a\\|b \\\\"
        );
        assert_eq!(
            markdown("see http://evil and WWW.evil.com"),
            "see http:&#47;&#47;evil and WWW&#46;evil.com"
        );
        assert_eq!(markdown("  # Title"), "\\# Title");
        assert_eq!(markdown("> quote"), "\\> quote");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("12. item"), "12\\. item");
        assert_eq!(markdown("Q3 - roadmap, v1.2"), "Q3 - roadmap, v1.2");
        assert_eq!(markdown("line\nbreak"), "line break");
    }

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code_span("gap:pm-roadmap"), "`gap:pm-roadmap`");
        assert_eq!(code_span("a`b``c|d"), "```a`b``c\\|d```");
        assert_eq!(code_span("`x"), "`` `x ``");
    }

    #[test]
    fn documents_read_line_breaks_as_spaces_and_escape_the_rest() {
        assert_eq!(
            one_line("Budget tracking\nacross\r\tprograms"),
            "Budget tracking across  programs"
        );
        assert_eq!(one_line("a\u{1b}[31m\u{202e}b"), "a\\u{001b}[31m\\u{202e}b");
        assert_eq!(one_line("Zoë 陈伟"), "Zoë 陈伟");
    }

    #[test]
    fn c0_del_and_c1_controls_are_escaped() {
        assert_eq!(sanitise("a\u{1b}[31mred"), "a\\u{001b}[31mred");
        assert_eq!(sanitise("one\ntwo\r\tthree"), "one\\ntwo\\r\\tthree");
        assert_eq!(sanitise("\u{0}\u{7}\u{8}"), "\\u{0000}\\u{0007}\\u{0008}");
        assert_eq!(sanitise("x\u{7f}y"), "x\\u{007f}y");
        assert_eq!(sanitise("\u{85}\u{9b}2J"), "\\u{0085}\\u{009b}2J");
    }

    #[test]
    fn bidi_controls_are_escaped() {
        for (c, escaped) in [
            ('\u{202A}', "\\u{202a}"),
            ('\u{202B}', "\\u{202b}"),
            ('\u{202C}', "\\u{202c}"),
            ('\u{202D}', "\\u{202d}"),
            ('\u{202E}', "\\u{202e}"),
            ('\u{2066}', "\\u{2066}"),
            ('\u{2067}', "\\u{2067}"),
            ('\u{2068}', "\\u{2068}"),
            ('\u{2069}', "\\u{2069}"),
            ('\u{200E}', "\\u{200e}"),
            ('\u{200F}', "\\u{200f}"),
            ('\u{061C}', "\\u{061c}"),
        ] {
            assert_eq!(
                sanitise(&format!("Eve{c}gpj.exe")),
                format!("Eve{escaped}gpj.exe")
            );
        }
    }

    #[test]
    fn zero_width_characters_and_line_separators_are_escaped() {
        for (c, escaped) in [
            ('\u{200B}', "\\u{200b}"),
            ('\u{200C}', "\\u{200c}"),
            ('\u{200D}', "\\u{200d}"),
            ('\u{2060}', "\\u{2060}"),
            ('\u{FEFF}', "\\u{feff}"),
            ('\u{2028}', "\\u{2028}"),
            ('\u{2029}', "\\u{2029}"),
        ] {
            assert_eq!(sanitise(&format!("Ana{c}Lee")), format!("Ana{escaped}Lee"));
        }
    }

    #[test]
    fn ordinary_text_in_any_script_is_unchanged() {
        for text in [
            "Zoë Brontë",
            "陈伟",
            "Дмитрий",
            "محمد",
            "Ana-Maria O'Neil",
            "C:\\teams\\q3.csv",
            "“Roadmap” – Q3 · 50% ✓",
            "",
        ] {
            assert_eq!(sanitise(text), text);
        }
    }

    #[test]
    fn noncharacters_are_escaped() {
        assert_eq!(
            sanitise("a\u{FFFE}b\u{FFFF}c\u{FDD0}d\u{10FFFF}"),
            "a\\u{fffe}b\\u{ffff}c\\u{fdd0}d\\u{10ffff}"
        );
        assert_eq!(
            sanitise("\u{FFFD}\u{FDCF}\u{FDF0}"),
            "\u{FFFD}\u{FDCF}\u{FDF0}"
        );
    }

    /// Every character that renders as nothing or acts on the text around it, by property:
    /// tag characters, invisible operators, the soft hyphen, the Mongolian vowel separator,
    /// the Hangul filler, interlinear annotation marks, the combining grapheme joiner and
    /// variation selectors.
    #[test]
    fn invisible_characters_are_escaped_by_property() {
        for c in [
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{2062}',
            '\u{2063}',
            '\u{00AD}',
            '\u{180E}',
            '\u{3164}',
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}',
            '\u{034F}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{0600}',
        ] {
            let escaped = format!("\\u{{{:04x}}}", u32::from(c));
            assert_eq!(sanitise(&format!("Ana{c}Lee")), format!("Ana{escaped}Lee"));
            assert_eq!(one_line(&format!("Ana{c}Lee")), format!("Ana{escaped}Lee"));
        }
    }
}
