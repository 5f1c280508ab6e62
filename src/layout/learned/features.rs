//! What the column reader sees of a column under a candidate header row: mostly what its
//! cells hold (how full, how long, how repetitive, how name-like), which reads the same in
//! every language, and a little of what its header says in the languages our header words
//! cover. The names below are the features' order; the trained forest depends on it, so a
//! change here means training again (`cargo run --release --example train-reader`).

use std::collections::HashMap;

use crate::input::{RawRow, RawTable};

use super::super::header::{role_named_by, ColumnRole};
use super::super::marks::looks_like_mark;
use super::super::vocabulary;

/// How many rows under the header are looked at: enough to see a column's habits, few
/// enough that a sheet of a million rows costs nothing more than one of three hundred.
pub const ROWS_SEEN: usize = 300;

/// How many columns of a row are looked at: a list has a dozen, an export a hundred; a sheet
/// sixteen thousand wide must not cost a forest walk per column.
pub const COLUMNS_SEEN: usize = 128;

/// The features' names, in their order.
pub const FEATURES: [&str; 38] = [
    "fill",
    "mean chars (log)",
    "mean words",
    "distinct share",
    "top value share",
    "numeric share",
    "date share",
    "name-like share",
    "mark share",
    "single character share",
    "punctuated share",
    "capitalised share",
    "multi-line share",
    "id-like share",
    "link or e-mail share",
    "several names share",
    "place among the header's columns",
    "first text column",
    "longest text rank",
    "most distinct rank",
    "most name-like rank",
    "most repeated rank",
    "fullest rank",
    "header columns",
    "header filled",
    "header names a person",
    "header names a task",
    "header names a title",
    "header names a team",
    "header names an effort",
    "header names a group",
    "header names something beside",
    "header chars (log)",
    "header name-like",
    "header numeric or date",
    "header length against the cells'",
    "header repeated in the column",
    "rows above the header",
];

/// One column's cell statistics before the row-wide ranks are known.
struct Stats {
    column: u32,
    fill: f32,
    mean_chars: f32,
    mean_words: f32,
    distinct: f32,
    top: f32,
    shares: [f32; 10],
    several: f32,
}

fn is_numeric(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches('%')
        .trim_start_matches(['$', '€', '£']);
    !t.is_empty()
        && t.replace([',', '.', ' '], "")
            .chars()
            .all(|c| c.is_ascii_digit())
}

fn is_date(text: &str) -> bool {
    let t = text.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let separators = t
        .chars()
        .filter(|c| matches!(c, '-' | '/' | '.' | ':'))
        .count();
    t.len() <= 25
        && digits >= 4
        && separators >= 2
        && digits + separators + 2 >= t.chars().count() / 2
}

/// One to four words, no digits, short: how names, titles and teams look, in scripts with
/// case (capitalised words) and without.
fn is_name_like(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && t.chars().count() <= 40
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ':' | '?' | '!' | '(' | '=' | '@'))
        && words.iter().all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase() || !first.is_lowercase()
        })
}

fn is_id_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 24
        && !t.contains(' ')
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#'))
}

fn cell_shares(texts: &[&str]) -> [f32; 10] {
    let mut counts = [0usize; 10];
    for text in texts {
        let t = text.trim();
        let flags = [
            is_numeric(t),
            is_date(t),
            is_name_like(t),
            looks_like_mark(t),
            t.chars().count() == 1,
            t.contains(['.', ',', ':', ';', '(']),
            t.chars().next().is_some_and(char::is_uppercase),
            t.contains('\n'),
            is_id_like(t),
            t.contains("://") || t.contains('@'),
        ];
        for (count, flag) in counts.iter_mut().zip(flags) {
            *count += usize::from(flag);
        }
    }
    let n = texts.len().max(1) as f32;
    counts.map(|c| c as f32 / n)
}

fn stats(column: u32, body: &[&RawRow]) -> Stats {
    let texts: Vec<&str> = body
        .iter()
        .filter_map(|row| row.get(column))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let n = texts.len().max(1) as f32;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for t in &texts {
        *seen.entry(t).or_default() += 1;
    }
    let several = texts
        .iter()
        .filter(|t| super::super::names::split_people(t).len() > 1)
        .count() as f32
        / n;
    Stats {
        column,
        fill: texts.len() as f32 / body.len().max(1) as f32,
        mean_chars: (texts.iter().map(|t| t.chars().count()).sum::<usize>() as f32 / n).ln_1p(),
        mean_words: texts
            .iter()
            .map(|t| t.split_whitespace().count())
            .sum::<usize>() as f32
            / n,
        distinct: seen.len() as f32 / n,
        top: seen.values().copied().max().unwrap_or(0) as f32 / n,
        shares: cell_shares(&texts),
        several,
    }
}

/// The rank of each value among `values`, 0 for the least and 1 for the most.
fn ranks(values: &[f32]) -> Vec<f32> {
    let n = values.len();
    values
        .iter()
        .map(|v| {
            let below = values.iter().filter(|w| *w < v).count();
            if n > 1 {
                below as f32 / (n - 1) as f32
            } else {
                1.0
            }
        })
        .collect()
}

/// The features of every column that has a header cell or a cell under `header`, in column
/// order, with the column's index.
pub fn columns(table: &RawTable, header: u32) -> Vec<(u32, Vec<f32>)> {
    let Some(at) = table.rows.iter().position(|r| r.number == header) else {
        return Vec::new();
    };
    let head = &table.rows[at];
    let body: Vec<&RawRow> = table.rows[at + 1..].iter().take(ROWS_SEEN).collect();
    let mut columns: Vec<u32> = head.cells.iter().map(|c| c.column).collect();
    for row in &body {
        columns.extend(row.cells.iter().map(|c| c.column));
    }
    columns.sort_unstable();
    columns.dedup();
    columns.truncate(COLUMNS_SEEN);
    let all: Vec<Stats> = columns.iter().map(|&c| stats(c, &body)).collect();
    let text_rank = ranks(
        &all.iter()
            .map(|s| s.mean_chars * s.fill)
            .collect::<Vec<_>>(),
    );
    let distinct_rank = ranks(&all.iter().map(|s| s.distinct * s.fill).collect::<Vec<_>>());
    let name_rank = ranks(&all.iter().map(|s| s.shares[2] * s.fill).collect::<Vec<_>>());
    let repeated_rank = ranks(
        &all.iter()
            .map(|s| (1.0 - s.distinct) * s.fill)
            .collect::<Vec<_>>(),
    );
    let full_rank = ranks(&all.iter().map(|s| s.fill).collect::<Vec<_>>());
    let first_text = all
        .iter()
        .find(|s| s.fill > 0.3 && s.shares[0] < 0.5 && s.mean_chars > 1.6)
        .map(|s| s.column);
    let above = at as f32;
    all.iter()
        .enumerate()
        .map(|(i, s)| {
            let header_text = head.get(s.column).unwrap_or("").trim();
            let role = (!header_text.is_empty())
                .then(|| role_named_by(header_text))
                .flatten();
            let is = |r: ColumnRole| f32::from(u8::from(role == Some(r)));
            let header_chars = header_text.chars().count() as f32;
            let repeated = body
                .iter()
                .filter(|r| {
                    !header_text.is_empty() && r.get(s.column).map(str::trim) == Some(header_text)
                })
                .count() as f32;
            let mut f = vec![s.fill, s.mean_chars, s.mean_words, s.distinct, s.top];
            f.extend_from_slice(&s.shares);
            f.push(s.several);
            f.extend([
                i as f32 / columns.len().max(1) as f32,
                f32::from(u8::from(first_text == Some(s.column))),
                text_rank[i],
                distinct_rank[i],
                name_rank[i],
                repeated_rank[i],
                full_rank[i],
                columns.len() as f32,
                f32::from(u8::from(!header_text.is_empty())),
                is(ColumnRole::Person),
                is(ColumnRole::Task),
                is(ColumnRole::Title),
                is(ColumnRole::Team),
                is(ColumnRole::Effort),
                is(ColumnRole::Group),
                f32::from(u8::from(vocabulary::names_something_beside(header_text))),
                header_chars.ln_1p(),
                f32::from(u8::from(is_name_like(header_text))),
                f32::from(u8::from(is_numeric(header_text) || is_date(header_text))),
                header_chars.ln_1p() - s.mean_chars,
                repeated,
                above,
            ]);
            (s.column, f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_gets_every_feature() {
        let table = RawTable::from_texts(
            "t.csv",
            &[
                &["Owner", "What"],
                &["Ana Silva", "Write the launch plan"],
                &["Ana Silva", "Review the budget, with finance"],
                &["Bo Li", "Run the weekly status meeting"],
            ],
        );
        let got = columns(&table, 1);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|(_, f)| f.len() == FEATURES.len()));
        let (owner, what) = (&got[0].1, &got[1].1);
        let at = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
        assert_eq!(owner[at("name-like share")], 1.0);
        assert!(what[at("mean words")] > owner[at("mean words")]);
        assert_eq!(owner[at("header names a person")], 1.0);
    }
}
