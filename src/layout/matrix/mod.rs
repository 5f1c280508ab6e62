//! The matrix layout: tasks down one side, parties (people or role titles) across the other,
//! RACI marks where they meet.
//!
//! Reading happens in two steps. The party search (`search`) looks for the line of party
//! names: the line under which some positions hold mostly marks. The extraction (`extract`)
//! then reads every line under it as a task, a task-group heading, a legend or a total
//! (`lines` tells which), and turns each mark into an assignment. Both work on a [`Grid`],
//! so a transposed chart is the same code run on the sheet's columns.
//!
//! What tells a heading from a task nobody is marked on: a heading has no marks and either
//! fills its whole line (a merged cell), stands left of the task column, lacks the number
//! every task has, or reads as one ("Phase 2: Build", "LAUNCH", "Discovery:"). Anything else
//! unmarked is a task, and the RACI rules report it as unassigned.

mod extract;
mod legend;
mod lines;
mod parties;
mod reading;
mod search;
mod survey;

#[cfg(doc)]
use super::grid::Grid;

pub(super) use extract::extract;
pub(super) use reading::Reading;
pub(super) use search::{find, find_one_party};
