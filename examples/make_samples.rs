//! Writes the shipped workbook samples from one description, as xlsx and as ods:
//!
//! ```sh
//! cargo run --example make_samples
//! ```
//!
//! The files go to `samples/` at the repository root and are byte-identical run to run, so
//! regenerating them only shows a diff when the content changed.

use std::path::Path;

#[path = "../tests/support/workbooks.rs"]
mod workbooks;

use workbooks::Sheet;

/// The launch RACI sample: a product launch chart as a programme office keeps one, with a
/// merged title banner, a line of job titles over the names, phase headings, a legend, and
/// these deliberate problems, which `tests/integration/raci.rs` expects the audit to name
/// (and no other RACI finding):
///
/// - 1.4 has two Accountable parties (Priya and Aisha);
/// - 1.3 and 2.2 were written as one responsibility (milestone tracking) answered for by a
///   Program Manager and a Technical Program Manager; the trained matcher reads 1.3 (an
///   integrated launch schedule) as cross-project program planning instead, so the chart
///   shows no accountability overlap;
/// - 2.4 has nobody Accountable;
/// - 2.5 has a mark "TBD" that is no RACI letter (a warning naming cell D16);
/// - 3.1 consults five of the seven parties;
/// - 3.2 has four Responsible parties;
/// - 3.3 has nobody Accountable and nobody Responsible;
/// - 3.4 has no marks at all;
/// - Tomás is Responsible or Accountable for 7 of the 13 tasks (overload);
/// - Daniel is on the chart but Responsible or Accountable for nothing: only Consulted, a
///   sponsor's part by design, which is no underload.
fn launch_raci() -> Vec<Sheet<'static>> {
    vec![Sheet::new(
        "Launch RACI",
        &[
            &["Atlas 2.0 launch: who does what (RACI)"],
            &["Owner: Launch PMO. Last reviewed 2026-10-02."],
            &[],
            &[
                "",
                "",
                "Product Manager",
                "Technical Program Manager",
                "Engineering Manager",
                "Program Manager",
                "Product Marketing Manager",
                "Support Lead",
                "Legal Counsel",
            ],
            &[
                "#",
                "Task",
                "Priya Natarajan",
                "Tomás Herrera",
                "Mei Lin (林美)",
                "Jonas Berg",
                "Aisha Bello",
                "Olga Ivanova",
                "Daniel Kim",
            ],
            &["", "Phase 1: Discovery and planning"],
            &[
                "1.1",
                "Define the launch goals and success metrics",
                "A",
                "R",
                "I",
                "C",
                "R",
            ],
            &[
                "1.2",
                "Prioritise the launch scope and feature backlog",
                "A/R",
                "C",
                "C",
            ],
            &[
                "1.3",
                "Build the integrated launch schedule and milestone plan",
                "",
                "R",
                "C",
                "A",
            ],
            &[
                "1.4",
                "Approve launch pricing and packaging",
                "A",
                "",
                "",
                "I",
                "A",
                "",
                "C",
            ],
            &["", "Phase 2: Build and readiness"],
            &[
                "2.1",
                "Run the technical design review for the API migration",
                "C",
                "R",
                "A",
            ],
            &[
                "2.2",
                "Track delivery milestones and report schedule slips",
                "",
                "A/R",
                "C",
                "C",
            ],
            &[
                "2.3",
                "Complete the security and privacy review",
                "",
                "R",
                "A",
                "",
                "",
                "",
                "C",
            ],
            &[
                "2.4",
                "Write the release notes and help-centre articles",
                "C",
                "",
                "",
                "",
                "R",
                "R",
            ],
            &[
                "2.5",
                "Train the support team on the new features",
                "",
                "TBD",
                "",
                "",
                "A",
                "R",
            ],
            &["", "Phase 3: Launch"],
            &[
                "3.1",
                "Make the go/no-go call on launch readiness",
                "C",
                "R",
                "C",
                "A",
                "C",
                "C",
                "C",
            ],
            &[
                "3.2",
                "Run the launch-day war room",
                "",
                "R",
                "R",
                "A/R",
                "",
                "R",
            ],
            &[
                "3.3",
                "Brief the sales team on the launch",
                "",
                "",
                "",
                "",
                "C",
                "I",
            ],
            &["3.4", "Hold the post-launch retrospective"],
            &[],
            &["Legend"],
            &["R = Responsible: does the work"],
            &["A = Accountable: answers for the outcome, one per task"],
            &["C = Consulted: asked before the work is done"],
            &["I = Informed: told once it is done"],
        ],
    )
    .merge(0, 0, 0, 8)]
}

fn main() -> std::io::Result<()> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let sheets = launch_raci();
    for (name, write) in [
        (
            "launch-raci.xlsx",
            workbooks::write_xlsx as fn(&Path, &[Sheet]) -> std::io::Result<()>,
        ),
        ("launch-raci.ods", workbooks::write_ods),
    ] {
        let path = samples.join(name);
        write(&path, &sheets)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
