//! Line breaking by measured width. Lines break at spaces and around CJK characters; a word
//! wider than the whole line is broken between characters, so no text ever runs past its
//! box. Text a box cannot hold whole is shortened as [`crate::text::shorten`] cuts: after a
//! sentence or a clause, else between words, never inside one.

use super::fonts::{Fonts, Style};
use crate::text::{breaks_around, shorten, shorten_before_more};

/// A piece of text that may not be split across lines, and whether a space precedes it.
struct Piece<'t> {
    spaced: bool,
    text: &'t str,
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut spaced = true;
        let mut start = 0;
        for (at, c) in word.char_indices() {
            if breaks_around(c) {
                if start < at {
                    out.push(Piece {
                        spaced,
                        text: &word[start..at],
                    });
                    spaced = false;
                }
                let end = at + c.len_utf8();
                out.push(Piece {
                    spaced,
                    text: &word[at..end],
                });
                spaced = false;
                start = end;
            }
        }
        if start < word.len() {
            out.push(Piece {
                spaced,
                text: &word[start..],
            });
        }
    }
    out
}

/// Lines of `text` no wider than `width` points at `size`.
pub fn wrap(fonts: &Fonts, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
    let space = fonts.width(style, size, " ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for piece in pieces(text) {
        let piece_width = fonts.width(style, size, piece.text);
        let gap = if piece.spaced && !line.is_empty() {
            space
        } else {
            0.0
        };
        if line_width + gap + piece_width <= width {
            if gap > 0.0 {
                line.push(' ');
            }
            line.push_str(piece.text);
            line_width += gap + piece_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        if piece_width <= width {
            line.push_str(piece.text);
            line_width = piece_width;
            continue;
        }
        // A word longer than the line: break it wherever the line is full.
        for c in piece.text.chars() {
            let w = fonts.width(style, size, c.encode_utf8(&mut [0; 4]));
            if line_width + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` on one line of `width`, shortened when it does not fit.
pub fn fit(fonts: &Fonts, style: Style, size: f32, text: &str, width: f32) -> String {
    shorten(text, |s| fonts.width(style, size, s) <= width).into_owned()
}

/// `text` wrapped to `width` in at most `max` lines (at least one), shortened when it needs
/// more. With `more_follows`, text after it is being dropped, and the cut says so even
/// when `text` itself fits.
#[allow(clippy::too_many_arguments)]
pub fn clamp(
    fonts: &Fonts,
    style: Style,
    size: f32,
    text: &str,
    max: usize,
    width: f32,
    more_follows: bool,
) -> Vec<String> {
    let max = max.max(1);
    let lines = wrap(fonts, style, size, text, width);
    if lines.len() <= max && !more_follows {
        return lines;
    }
    // Only what the first lines hold can be kept: the shortening measures that much of the
    // text, not all of a task line of 30,000 characters at every try.
    let reach: usize = lines
        .iter()
        .take(max + 1)
        .map(|l| l.chars().count() + 1)
        .sum();
    let (head, more_follows) = match text.char_indices().nth(reach) {
        // Back to a space, so that the head never ends in part of a word.
        Some((at, _)) => {
            let head = &text[..at];
            (
                head.rfind(char::is_whitespace)
                    .map_or(head, |space| &head[..space]),
                true,
            )
        }
        None => (text, more_follows),
    };
    let fits = |s: &str| wrap(fonts, style, size, s, width).len() <= max;
    let kept = if more_follows {
        shorten_before_more(head, fits)
    } else {
        shorten(head, fits).into_owned()
    };
    wrap(fonts, style, size, &kept, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::new().unwrap()
    }

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let fonts = fonts();
        let text = "Coordinate the cross-team dependency review with platform, payments and \
                    identity; publish the RAID log weekly and escalate blockers to the steering committee";
        for width in [40.0, 80.0, 150.0, 400.0] {
            let lines = wrap(&fonts, Style::Regular, 8.0, text, width);
            for line in &lines {
                assert!(
                    fonts.width(Style::Regular, 8.0, line) <= width + 1e-3,
                    "{line:?} at {width}"
                );
            }
            assert_eq!(
                lines
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace(' ', ""),
                text.split_whitespace().collect::<String>()
            );
        }
    }

    #[test]
    fn long_words_and_cjk_break_between_characters() {
        let fonts = fonts();
        let lines = wrap(
            &fonts,
            Style::Regular,
            10.0,
            "https://wiki.example.com/very/long/path/to/a/page",
            60.0,
        );
        assert!(lines.len() > 2);
        assert!(lines
            .iter()
            .all(|l| fonts.width(Style::Regular, 10.0, l) <= 60.0));
        let cjk = wrap(
            &fonts,
            Style::Regular,
            10.0,
            "王芳负责移动端路线图和客户访谈",
            35.0,
        );
        assert!(cjk.len() >= 4, "{cjk:?}");
        assert_eq!(cjk.concat(), "王芳负责移动端路线图和客户访谈");
    }

    #[test]
    fn fit_and_clamp_mark_what_they_cut() {
        let fonts = fonts();
        let cut = fit(
            &fonts,
            Style::Bold,
            9.0,
            "Aoife Ní Bhriain-Montgomery",
            50.0,
        );
        assert!(
            cut.ends_with(" …") && fonts.width(Style::Bold, 9.0, &cut) <= 50.0,
            "{cut}"
        );
        assert!("Aoife Ní Bhriain-Montgomery".starts_with(cut.trim_end_matches(" …")));
        assert_eq!(fit(&fonts, Style::Bold, 9.0, "Ana", 50.0), "Ana");
        let text = "word ".repeat(100);
        let kept = clamp(&fonts, Style::Regular, 8.0, &text, 3, 60.0, false);
        assert_eq!(kept.len(), 3);
        assert!(kept[2].ends_with("word …") && fonts.width(Style::Regular, 8.0, &kept[2]) <= 60.0);
        let marked = clamp(&fonts, Style::Regular, 8.0, "Ana plans.", 3, 60.0, true);
        assert_eq!(marked, ["Ana plans. …"]);
    }
}
