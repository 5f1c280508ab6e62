//! rolecall's integration tests: one binary, one module per concern.
//!
//! - `util`:      the test environment (temp folder, fixture writers, running the binary)
//! - `workbooks`: xlsx and ods writers with merged cells, shared with examples/make_samples.rs
//! - `detection`: header and column detection, overrides, multi-task cells, fill-down, effort
//! - `doubt`:     a reading under the confidence bar said on stderr, page 1, every report and JSON;
//!   --strict-reading stops it; inspect shows every doubt; a clean sheet says none
//! - `formats`:   every input format (csv, tsv, encodings, stdin, xlsx, ods, xls)
//! - `merged`:    merged cells fill their range (banner, a name merged down over its tasks)
//! - `errors`:    every error path: one line, exit 2, no output file
//! - `cache`:     a model trained from user rubrics is kept and read back; where; --no-cache
//! - `bad_input`: the hostile-input corpus and the caps: one line or a report, in time and memory
//! - `hostile`:   hostile input, rounds two and three: quadratic sizes, fan-out, flags, paths,
//!   a million people, config lookups, long task lines
//! - `read_files`: no output replaces a file the run reads; saved audits and configs that lie
//! - `leader`:    scope, rolecall.toml, rubrics export, advice on every finding, honest tiles, --fail-on
//! - `findings`:  each audit rule firing and staying quiet, with a rubric made for the test
//! - `pdf`:       the PDF report: validity, page 1, fonts, determinism, rendered geometry
//! - `pdf_scale`: the PDF at 13, 366 and 18,000 people: page budget, page 1, contents, no empty page
//! - `page_one`: page 1 of the PDF at 13, 400 and 5,000 people: no word cut, counts with separators, no folder
//! - `golden`:    every sample in every format gives the bytes recorded before the speed work
//! - `history`:   task ids that survive edits to other rows; the run metadata in the JSON
//! - `compare`:   `rolecall diff`: no change against itself, a moved task, --fail-on new:KIND, refusals
//! - `terminal`:  the summary at 80 columns on a pty and through pipes, colour, capped lists
//! - `markdown`:  no live HTML or link from a cell (parsed as GFM); --summary is paste-sized
//! - `outputs`:   JSON schema, CSV tables, Markdown, determinism, --fail-on, atomic writes
//! - `atomic`:    a killed run leaves the old report or the whole new one; the input untouched
//! - `signals`:   a signal removes the unfinished output; CSV tables replaced as one set or not at all
//! - `injection`: hostile cells: no formula in CSV (LibreOffice), no control character on screen
//! - `xlsx`:      the Excel report read back by calamine against the JSON; LibreOffice opens it
//! - `xlsx_hostile`: the Excel report with a full temp folder, control characters in names, 16,400 teams
//! - `unicode_csv`: LibreOffice opens the CSV tables with every non-ASCII name exact
//! - `samples`:   the shipped samples and the README quick-start command
//! - `progress`:  a progress bar on a terminal for large inputs; nothing when piped or --quiet
//! - `privacy`:   --anonymize: no real name in any format, and the same analysis
//! - `raci`:      RACI charts in every shape and format, inspect, the launch sample
//! - `marks`:     marks a sheet's own legend explains (beside, under, above the chart; French;
//!   P/S), joined marks, unknown marks listed by cell and said as unsure
//! - `realworld`: real sheets from outside the team and our samples against written readings
//! - `commands`:  explain and rubrics
//! - `review`:    `rolecall review`'s file (columns, order, label column, xlsx, no overwrite)
//!   and explain's "carried by"
//! - `labels`:    a team's labels and `[tasks]` patterns: exact verdicts, "labelled by the team", errors
//! - `manual`:    shell completions and man pages
//! - `layers`:    no module imports from a floor above its own; every layout named in README and --layout
//! - `sizes`:     no source file over 800 lines, no function over 120 (tests apart)
//! - `quality`:   matching accuracy (devset, real lines, the eval command, QA never PM)
//! - `properties`: proptest on generated teams: row order changes nothing, a newcomer removes no finding
//! - `synthetic`: the test-team generator's sheets read by rolecall as they were written
//! - `demo`:      the demo example: the team asked for, no file replaced without --force, one-line errors
//! - `trackers`:  tracker exports (Jira, Azure DevOps, GitLab, Asana, Trello CSV and JSON,
//!   Smartsheet, Planner) read without flags; unassigned issues; --open-only; bad JSON
//! - `titles`:    titles in other languages and with qualifiers hold their role; unknown titles said once

mod atomic;
mod bad_input;
mod cache;
mod commands;
mod compare;
mod demo;
mod detection;
mod doubt;
mod errors;
mod findings;
mod formats;
mod golden;
mod history;
mod hostile;
mod injection;
mod labels;
mod layers;
mod leader;
mod manual;
mod markdown;
mod marks;
mod merged;
mod outputs;
mod page_one;
mod pdf;
mod pdf_scale;
mod privacy;
mod progress;
mod properties;
mod quality;
mod raci;
mod read_files;
mod reading_score;
mod readings;
mod realworld;
mod review;
mod samples;
mod signals;
mod sizes;
mod spelling;
mod synthetic;
mod terminal;
mod titles;
mod trackers;
mod unicode_csv;
mod util;
#[path = "../support/workbooks.rs"]
mod workbooks;
mod xlsx;
mod xlsx_hostile;
