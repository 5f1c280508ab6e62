//! Text shortened to fit a space, cut where a reader expects a cut. A leader forwards page 1
//! of the PDF; a sentence that stops at "whether they hand their par…" reads as a broken
//! report. So text is cut after a whole sentence, else after a clause (a comma, a colon,
//! before a bracket), else between words, and never inside a word. Every report that
//! shortens text (the PDF's boxes and table cells, the short reports' messages) does it here.

use std::borrow::Cow;

/// The mark of a cut: a space, then an ellipsis, so that the word before it reads whole.
pub const CUT: &str = " …";

/// A place `text` may be cut, from the most to the least readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    /// After a sentence's full stop: what is kept is whole sentences.
    Sentence,
    /// After a comma, semicolon or colon, or before a bracket or a dash.
    Clause,
    /// Between two words (or two CJK characters, each a word of its own).
    Word,
}

/// A cut is taken at a coarser boundary when it keeps at least this share of what the
/// finest (word) cut keeps: whole sentences read better than one more line cut anywhere,
/// but not at the price of most of the text.
const COARSER_KEEPS: f64 = 2.0 / 3.0;

/// `text` whole when `fits` takes it; otherwise the longest shortening `fits` takes: after a
/// whole sentence, else after a clause, else between words, the cut marked with [`CUT`]
/// unless what is kept is whole sentences. `fits` must take shorter text whenever it takes longer (as a width or a count
/// of lines does). A first word `fits` cannot take at all is cut between characters: that
/// is the one cut inside a word, for a box narrower than a single word (a long file name).
pub fn shorten<'t>(text: &'t str, fits: impl Fn(&str) -> bool) -> Cow<'t, str> {
    if fits(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cut(text, false, fits))
}

/// [`shorten`] of text that more text followed and will not: the cut is marked even when
/// it falls after a sentence, or when the whole text fits, since something was dropped.
pub fn shorten_before_more(text: &str, fits: impl Fn(&str) -> bool) -> String {
    let marked = format!("{}{CUT}", text.trim_end());
    if fits(&marked) {
        return marked;
    }
    cut(text, true, fits)
}

fn cut(text: &str, more_follows: bool, fits: impl Fn(&str) -> bool) -> String {
    let places = boundaries(text);
    let render = |&(end, boundary): &(usize, Boundary)| {
        let head = text[..end].trim_end();
        if boundary == Boundary::Sentence && !more_follows {
            head.to_string()
        } else {
            format!("{}{CUT}", head.trim_end_matches([',', ';', ':', ' ']))
        }
    };
    let best = |coarsest: Boundary| -> Option<String> {
        let candidates: Vec<&(usize, Boundary)> =
            places.iter().filter(|(_, b)| *b <= coarsest).collect();
        // The longest candidate that fits, by bisection: `fits` is monotone in length.
        let fitting = candidates.partition_point(|c| fits(&render(c)));
        fitting.checked_sub(1).map(|i| render(candidates[i]))
    };
    let Some(finest) = best(Boundary::Word) else {
        return by_characters(text, fits);
    };
    let enough = finest.chars().count() as f64 * COARSER_KEEPS;
    [Boundary::Sentence, Boundary::Clause]
        .into_iter()
        .filter_map(best)
        .find(|kept| kept.chars().count() as f64 >= enough)
        .unwrap_or(finest)
}

/// The longest run of whole characters that fits with the mark, for a box too narrow for
/// the first word; the mark alone when not even one character fits.
fn by_characters(text: &str, fits: impl Fn(&str) -> bool) -> String {
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .collect();
    let marked = |end: usize| format!("{}…", &text[..end]);
    let fitting = ends.partition_point(|&end| fits(&marked(end)));
    fitting
        .checked_sub(1)
        .map_or_else(|| "…".to_string(), |i| marked(ends[i]))
}

/// Every place `text` may be cut, in order, with how readable a cut there is. A place is a
/// byte offset the kept text ends at (before any trailing space).
fn boundaries(text: &str) -> Vec<(usize, Boundary)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    // Brackets and quotes open: a full stop inside "(Sr. TPM)" ends no sentence.
    let mut depth = 0usize;
    for (i, &(at, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' | '“' => depth += 1,
            ')' | ']' | '”' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let next = chars.get(i + 1).map(|&(_, n)| n);
        if crate::text::breaks_around(c) && next.is_some_and(|n| !n.is_whitespace()) {
            let boundary = if matches!(c, '。' | '！' | '？') && depth == 0 {
                Boundary::Sentence
            } else {
                Boundary::Word
            };
            out.push((at + c.len_utf8(), boundary));
            continue;
        }
        if next.is_some_and(crate::text::breaks_around) && !c.is_whitespace() {
            out.push((at + c.len_utf8(), Boundary::Word));
            continue;
        }
        if !c.is_whitespace() || i == 0 || chars[i - 1].1.is_whitespace() {
            continue;
        }
        let before = &text[..at];
        let following = text[at..].trim_start();
        out.push((at, kind(before, following, depth)));
    }
    out
}

/// What a cut between `before` and `following` (a space between them) ends.
fn kind(before: &str, following: &str, depth: usize) -> Boundary {
    let last = before.chars().next_back().unwrap_or(' ');
    let next = following.chars().next().unwrap_or(' ');
    let last_word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '“']);
    // "Nathan A. Evans": a single letter and a stop is an initial, not a sentence's end.
    let initial = last_word.chars().filter(|c| c.is_alphabetic()).count() <= 1;
    let starts_sentence = next.is_uppercase() || matches!(next, '"' | '“' | '(');
    if matches!(last, '.' | '!' | '?') && depth == 0 && starts_sentence && !initial {
        Boundary::Sentence
    } else if matches!(last, ',' | ';' | ':') || matches!(next, '(' | '—' | '–') {
        Boundary::Clause
    } else {
        Boundary::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(max: usize) -> impl Fn(&str) -> bool {
        move |s: &str| s.chars().count() <= max
    }

    const ITEM: &str = "Ana García, Søren Dubois and Aoife Ní Bhriain all carry \"Customer research\" (Product Manager). Suggestion: Consider letting Ana García (Senior Product Manager), the Product Manager among them, own it, and agreeing with Søren Dubois whether they hand their part over or support.";

    /// Every word before the mark is a word of the text: the cut is never inside one.
    fn assert_cut_between_words(text: &str, kept: &str) {
        let head = kept.strip_suffix(CUT).unwrap_or(kept);
        assert!(
            text.starts_with(head),
            "{kept:?} is not a start of the text"
        );
        let after = text[head.len()..].chars().next();
        assert!(
            after.is_none_or(|c| !c.is_alphanumeric()),
            "{kept:?} cuts inside a word"
        );
    }

    #[test]
    fn text_that_fits_is_kept_whole() {
        assert!(matches!(shorten(ITEM, within(1000)), Cow::Borrowed(_)));
    }

    #[test]
    fn whole_sentences_are_kept_when_they_keep_most_of_the_text() {
        let kept = shorten(ITEM, within(120));
        assert_eq!(
            kept,
            "Ana García, Søren Dubois and Aoife Ní Bhriain all carry \"Customer research\" (Product Manager)."
        );
    }

    #[test]
    fn a_clause_is_dropped_before_a_word_is_cut() {
        let kept = shorten(ITEM, within(200));
        assert!(
            kept.ends_with("(Senior Product Manager), the Product Manager among them …"),
            "{kept}"
        );
        assert_cut_between_words(ITEM, &kept);
    }

    #[test]
    fn no_width_cuts_inside_a_word() {
        for max in 5..ITEM.chars().count() {
            let kept = shorten(ITEM, within(max));
            assert!(kept.chars().count() <= max, "{kept:?} over {max}");
            assert_cut_between_words(ITEM, &kept);
        }
    }

    #[test]
    fn initials_and_bracketed_stops_end_no_sentence() {
        let text = "Chloé A. Nowak carries it (Sr. TPM) alone today. Ask who else could.";
        let places = boundaries(text);
        let sentences: Vec<&str> = places
            .iter()
            .filter(|(_, b)| *b == Boundary::Sentence)
            .map(|&(end, _)| &text[..end])
            .collect();
        assert_eq!(
            sentences,
            ["Chloé A. Nowak carries it (Sr. TPM) alone today."]
        );
    }

    #[test]
    fn cjk_is_cut_between_characters_and_one_long_word_between_letters() {
        assert_eq!(shorten("王芳负责移动端路线图", within(5)), "王芳负 …");
        assert_eq!(
            shorten("team-org-chart-final-v2.xlsx", within(10)),
            "team-org-…"
        );
    }

    #[test]
    fn text_before_dropped_text_is_marked() {
        assert_eq!(
            shorten_before_more("Ana: plan.", within(20)),
            "Ana: plan. …"
        );
        let kept = shorten_before_more("Ana plans the roadmap.", within(15));
        assert_eq!(kept, "Ana plans the …");
    }
}
