//! Progress on stderr for the runs a person waits on: reading a large file, matching many
//! tasks. Drawn only when stderr is a terminal and `--quiet` is not given, and only above a
//! size where a run takes long enough to wonder about (training a model from the user's
//! rubrics always does); reports and errors never mix with it
//! (bars are cleared before anything else is written).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};

use crate::text::sanitise;

/// Whether progress may be drawn at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Progress {
    #[default]
    Hidden,
    Shown,
}

impl Progress {
    /// A file smaller than this is read in well under a second.
    const READ_BYTES: u64 = 4 << 20;
    /// Fewer distinct task texts than this are matched in a blink.
    const MATCH_TASKS: usize = 5_000;

    /// Shown on a terminal, unless the user asked for quiet.
    pub fn on_terminal(quiet: bool) -> Progress {
        if !quiet && std::io::stderr().is_terminal() {
            Progress::Shown
        } else {
            Progress::Hidden
        }
    }

    /// A spinner while a file of `bytes` is read and laid out; cleared when dropped.
    pub fn reading(self, name: &str, bytes: u64) -> ProgressBar {
        if self == Progress::Hidden || bytes < Self::READ_BYTES {
            return ProgressBar::hidden();
        }
        let spinner = ProgressBar::new_spinner()
            .with_message(format!(
                "reading {} ({:.0} MB)",
                sanitise(name),
                bytes as f64 / 1e6
            ))
            .with_finish(ProgressFinish::AndClear);
        spinner.enable_steady_tick(Duration::from_millis(120));
        spinner
    }

    /// A spinner while a report of `tasks` tasks is rendered and written ("writing the PDF
    /// report"); cleared when dropped. A large PDF takes seconds to lay out and a large JSON
    /// report longer to write, with nothing else on the screen.
    pub fn writing(self, what: &str, tasks: usize) -> ProgressBar {
        if self == Progress::Hidden || tasks < Self::MATCH_TASKS {
            return ProgressBar::hidden();
        }
        let spinner = ProgressBar::new_spinner()
            .with_message(format!("writing the {what} report ({tasks} tasks)"))
            .with_finish(ProgressFinish::AndClear);
        // Drawn at once: a report written within the first tick still says so.
        spinner.tick();
        spinner.enable_steady_tick(Duration::from_millis(120));
        spinner
    }

    /// A bar over the optimiser's iterations (at most `iterations`) while a model is trained
    /// from the user's rubrics, `what` saying on what; cleared when dropped. Training takes
    /// seconds whatever the input's size, so it is shown for any input.
    pub fn training(self, what: &str, iterations: usize) -> ProgressBar {
        self.bar(
            "{msg} {bar:24} {pos}/{len} iterations",
            iterations,
            sanitise(what),
        )
    }

    /// A bar over the folds of `rubrics check`'s cross-validation; cleared when dropped.
    pub fn folds(self, folds: usize) -> ProgressBar {
        self.bar(
            "cross-validating {bar:24} {pos}/{len} folds trained, {elapsed}",
            folds,
            String::new(),
        )
    }

    fn bar(self, template: &str, length: usize, message: String) -> ProgressBar {
        if self == Progress::Hidden {
            return ProgressBar::hidden();
        }
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::new(length as u64)
            .with_style(style)
            .with_message(message)
            .with_finish(ProgressFinish::AndClear);
        // Drawn at once: the first iteration or fold takes a while.
        bar.tick();
        bar
    }

    /// A bar over the distinct task texts being matched; cleared when dropped.
    pub fn matching(self, tasks: usize) -> ProgressBar {
        if self == Progress::Hidden || tasks < Self::MATCH_TASKS {
            return ProgressBar::hidden();
        }
        let style = ProgressStyle::with_template(
            "matching {bar:32} {human_pos}/{human_len} tasks, {per_sec}, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(tasks as u64)
            .with_style(style)
            .with_finish(ProgressFinish::AndClear)
    }
}
