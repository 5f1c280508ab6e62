//! The ground floor: text helpers that any stage may use and that know nothing of teams,
//! rubrics or reports. Every other module sits above this one, so a reader, the layout and
//! the reports all make user text safe in the same way.

mod escape;

pub use escape::{code_span, markdown, one_line, renders_as_nothing, sanitise};
