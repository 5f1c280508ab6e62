//! Formula injection ("CSV injection", as OWASP calls it): a spreadsheet that opens a CSV file
//! evaluates a cell starting with `=`, `+`, `-` or `@` as a formula, and a team sheet is
//! untrusted text, so a name like `=HYPERLINK("http://x","y")` would become a live link or
//! worse in the reader's spreadsheet. Following OWASP, such a cell, and one starting with a tab
//! or carriage return (which some spreadsheets skip before looking), is written with a single
//! quote in front, which spreadsheets show as text.
//!
//! The quote goes on every *string* cell, through [`Neutralised`], a serde wrapper around a
//! whole row, so no field can be forgotten and a new column is covered the day it is added.
//! Numbers rolecall computes (scores, effort, counts) are serialised as numbers and left
//! alone, even negative ones: `-0.5` is a number to a spreadsheet, not a formula, and a
//! quote would turn it into text nobody can sum. A user's text that merely looks like a
//! number (`-2+3`, or a team called `-1`) is a string and gets the quote.
//!
//! The wrapper reaches strings in struct fields, options and newtypes: the shapes of the flat
//! row structs the CSV writer takes. `--raw-csv` skips it for scripts that want exact text.

use std::borrow::Cow;

use serde::ser::{self, Serialize, Serializer};

/// What a spreadsheet may read as the start of a formula. All ASCII, so the first byte
/// tells, which matters on a table of millions of cells.
const TRIGGERS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// `text` as a spreadsheet will show it rather than evaluate it.
pub(super) fn neutralise(text: &str) -> Cow<'_, str> {
    if text
        .as_bytes()
        .first()
        .is_some_and(|b| TRIGGERS.contains(b))
    {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A value that serialises as itself, every string in it neutralised.
pub(super) struct Neutralised<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Neutralised<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Strings(serializer))
    }
}

/// A serializer that hands everything to the one inside unchanged, except strings.
struct Strings<S>(S);

/// Methods that pass a value through untouched.
macro_rules! pass_through {
    ($($method:ident($type:ty)),* $(,)?) => {
        $(fn $method(self, value: $type) -> Result<S::Ok, S::Error> {
            self.0.$method(value)
        })*
    };
}

impl<S: Serializer> Serializer for Strings<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = Fields<S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    pass_through!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_char(self, value: char) -> Result<S::Ok, S::Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(&neutralise(value))
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Neutralised(value))
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Neutralised(value))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Neutralised(value))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
        self.0.serialize_seq(len)
    }

    fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<S::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<S::SerializeTupleVariant, S::Error> {
        self.0.serialize_tuple_variant(name, index, variant, len)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<S::SerializeMap, S::Error> {
        self.0.serialize_map(len)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Fields)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<S::SerializeStructVariant, S::Error> {
        self.0.serialize_struct_variant(name, index, variant, len)
    }
}

/// A struct's fields, each neutralised; the field names (the CSV header) are rolecall's own.
struct Fields<S>(S);

impl<S: ser::SerializeStruct> ser::SerializeStruct for Fields<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &Neutralised(value))
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.0.skip_field(key)
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote_and_other_text_is_unchanged() {
        for (text, shown) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Ana-Maria", "Ana-Maria"),
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("'=1", "'=1"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), shown, "{text:?}");
        }
    }

    #[derive(serde::Serialize)]
    struct Row<'a> {
        name: &'a str,
        owned: String,
        maybe: Option<&'a str>,
        letter: char,
        score: f64,
        effort: Option<f64>,
        count: i32,
        flag: bool,
    }

    fn csv_of(row: &Row) -> String {
        let mut writer = ::csv::Writer::from_writer(Vec::new());
        writer.serialize(Neutralised(row)).unwrap();
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn every_string_field_is_neutralised_and_numbers_stay_numbers() {
        let row = Row {
            name: "=1+1",
            owned: "-2+3".to_string(),
            maybe: Some("@SUM(A1)"),
            letter: '+',
            score: -0.5,
            effort: Some(-4.0),
            count: -3,
            flag: true,
        };
        assert_eq!(
            csv_of(&row),
            "name,owned,maybe,letter,score,effort,count,flag\n'=1+1,'-2+3,'@SUM(A1),'+,-0.5,-4.0,-3,true\n"
        );
    }

    #[test]
    fn a_carriage_return_start_is_quoted_as_well_as_neutralised() {
        let row = Row {
            name: "\r=1",
            owned: "\t=1".to_string(),
            maybe: None,
            letter: 'a',
            score: 0.0,
            effort: None,
            count: 0,
            flag: false,
        };
        assert_eq!(
            csv_of(&row),
            "name,owned,maybe,letter,score,effort,count,flag\n\"'\r=1\",'\t=1,,a,0.0,,0,false\n"
        );
    }
}
