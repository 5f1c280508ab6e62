//! The ground floor: text helpers that any stage may use and that know nothing of teams,
//! rubrics or reports. Every other module sits above this one, so a reader, the layout and
//! the reports all make user text safe, word lists, order names and show numbers in the
//! same way.

mod escape;
mod natural;
mod number;
mod shorten;
mod words;

pub use escape::{code_span, markdown, one_line, renders_as_nothing, sanitise, toml_string};
pub use natural::natural_cmp;
pub use number::{decimal, percent, percent_of, round, round3, thousands};
pub use shorten::{shorten, shorten_before_more, CUT};
pub use words::{
    and_list, breaks_around, capped_list, capped_of, lower_first, might_be_cjk, slug, NAMES_SHOWN,
};
