//! A Trello board's JSON export (Menu > Print, export and share > Export as JSON) as a
//! table: one row per card, at the card's 1-based place in the board's `cards`, under a
//! header row 0 naming the card fields it keeps. Member and list ids are resolved to the
//! names the board holds for them, so no id ever stands for a person; a card in an archived
//! list counts as archived itself.
//!
//! Only the fields a who-does-what reading needs are kept: `name` (the task), `idMembers`
//! (the people, "; "-joined), `idList` (the list's name: the card's stage), `closed`,
//! `labels`, `desc` and `isTemplate`. Recognising the table as a Trello export is the layout's work, like
//! any other export's.

use std::collections::HashMap;

use compact_str::CompactString;
use serde::Deserialize;

use super::error::InputError;
use super::table::{Cell, RawRow, RawTable};

#[derive(Deserialize)]
struct Board {
    cards: Option<Vec<Card>>,
    #[serde(default)]
    lists: Vec<List>,
    #[serde(default)]
    members: Vec<Member>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Card {
    name: String,
    id_members: Vec<String>,
    id_list: String,
    closed: bool,
    labels: Vec<Label>,
    desc: String,
    is_template: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Label {
    name: String,
    color: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct List {
    id: String,
    name: String,
    closed: bool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Member {
    id: String,
    full_name: String,
    username: String,
}

/// The header: the card fields kept, as Trello names them.
const FIELDS: [&str; 7] = [
    "name",
    "idMembers",
    "idList",
    "closed",
    "labels",
    "desc",
    "isTemplate",
];

/// The text after any `//` comment lines a board saved from a browser's console starts with.
fn without_leading_comments(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix("//") {
            Some(comment) => rest = comment.split_once('\n').map_or("", |(_, after)| after),
            None => return trimmed,
        }
    }
}

/// The board's cards as a table, or why the bytes are not a board.
pub(super) fn parse(name: &str, bytes: &[u8]) -> Result<RawTable, InputError> {
    let bad = |detail: String| InputError::Board {
        file: name.to_string(),
        detail,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8 text: {e}")))?;
    let board: Board =
        serde_json::from_str(without_leading_comments(text)).map_err(|e| bad(e.to_string()))?;
    let cards = board
        .cards
        .ok_or_else(|| bad("no \"cards\" array, so not a Trello board".to_string()))?;
    let people: HashMap<&str, &str> = board
        .members
        .iter()
        .map(|m| {
            let name = [&m.full_name, &m.username, &m.id]
                .into_iter()
                .find(|n| !n.trim().is_empty())
                .map_or("", |n| n.trim());
            (m.id.as_str(), name)
        })
        .collect();
    let lists: HashMap<&str, &List> = board.lists.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut rows = vec![row(0, FIELDS.map(String::from))];
    for (index, card) in cards.iter().enumerate() {
        let list = lists.get(card.id_list.as_str());
        let members: Vec<&str> = card
            .id_members
            .iter()
            .map(|id| people.get(id.as_str()).copied().unwrap_or(id.as_str()))
            .collect();
        let labels: Vec<&str> = card
            .labels
            .iter()
            .map(|l| {
                if l.name.trim().is_empty() {
                    l.color.as_deref().unwrap_or("")
                } else {
                    l.name.trim()
                }
            })
            .filter(|l| !l.is_empty())
            .collect();
        let closed = card.closed || list.is_some_and(|l| l.closed);
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        rows.push(row(
            number,
            [
                card.name.clone(),
                members.join("; "),
                list.map_or_else(String::new, |l| l.name.clone()),
                closed.to_string(),
                labels.join(", "),
                card.desc.clone(),
                card.is_template.to_string(),
            ],
        ));
    }
    Ok(RawTable {
        file: name.to_string(),
        sheet: None,
        rows,
        merged: Vec::new(),
    })
}

fn row(number: u32, texts: [String; 7]) -> RawRow {
    RawRow {
        number,
        cells: texts
            .into_iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(column, text)| Cell {
                column: column as u32,
                text: CompactString::from(text),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_lists_are_named_and_comments_skipped() {
        let json = br#"// saved from the console
{"cards":[{"name":"Draft","idMembers":["m1","m9"],"idList":"l1","closed":false}],
 "lists":[{"id":"l1","name":"Doing","closed":true}],
 "members":[{"id":"m1","fullName":"Ana Ruiz","username":"ana"}]}"#;
        let table = parse("b.json", json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows[1].number, 1);
        assert_eq!(table.rows[1].get(1), Some("Ana Ruiz; m9"));
        assert_eq!(table.rows[1].get(2), Some("Doing"));
        assert_eq!(table.rows[1].get(3), Some("true"));
    }

    #[test]
    fn json_without_cards_is_no_board() {
        let error = parse("b.json", b"{\"name\": 1}").map(|_| ()).unwrap_err();
        assert!(error.to_string().contains("no \"cards\""));
    }
}
