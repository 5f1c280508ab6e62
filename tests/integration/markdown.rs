//! The Markdown report: cell text never becomes live syntax (parsed as a wiki would, with
//! GFM's tables and extensions), and `--summary` is paste-sized at any size.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rolecall_synthetic::{write_csv, TeamSpec};

use crate::util::TestEnv;

/// What a hostile sheet puts in names, titles and tasks.
const PAYLOADS: [&str; 10] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil)",
    "<https://evil>",
    "www.evil.com",
    "| pipe",
    "*bold*",
    "_it_ ~~gone~~ `code`",
    "&lt;b&gt; R&D",
];

fn hostile_csv(env: &TestEnv) -> String {
    let mut csv = String::from("Name,Job Title,Task\n");
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let quoted = payload.replace('"', "\"\"");
        csv.push_str(&format!(
            "\"Ana {i} {quoted}\",\"Product Manager {quoted}\",\"Own the roadmap {quoted}\"\n"
        ));
        csv.push_str(&format!(
            "\"Ana {i} {quoted}\",\"Product Manager {quoted}\",\"{quoted}\"\n"
        ));
    }
    env.write("hostile.csv", csv).to_string_lossy().into_owned()
}

fn gfm() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// No HTML, link, image, emphasis or strike-through comes out of the document, save the
/// report's own bold "nobody"; every table row has its header's number of cells; and the
/// source holds no bare URL that GFM's autolinks would pick up.
#[track_caller]
fn assert_inert(markdown: &str) {
    let lower = markdown.to_lowercase();
    for bare in ["http://", "https://", "www."] {
        assert!(!lower.contains(bare), "a live {bare} in:\n{markdown}");
    }
    let mut header_cells = 0;
    let mut row_cells = 0;
    let mut in_strong = false;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, gfm()) {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("live HTML {html:?}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a live link to {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("a live image of {dest_url}"),
            Event::Start(Tag::Emphasis | Tag::Strikethrough) => panic!("live emphasis"),
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Start(Tag::TableHead | Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableHead) => header_cells = row_cells,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(row_cells, header_cells, "a cell was split or merged")
            }
            Event::Text(t) if in_strong => assert_eq!(&**t, "nobody"),
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    // The text is all there, shown as typed.
    for payload in PAYLOADS {
        assert!(text.contains(payload), "{payload:?} is not shown as text");
    }
}

#[test]
fn cell_text_is_shown_never_run_in_the_full_report_and_the_summary() {
    let env = TestEnv::new();
    let input = hostile_csv(&env);
    for extra in [None, Some("--summary")] {
        let mut args = vec!["audit", &input, "--format", "md"];
        args.extend(extra);
        let run = env.run(&args);
        run.success();
        assert_inert(&run.stdout);
    }
}

#[test]
fn the_summary_is_paste_sized_at_18000_people_and_the_full_report_is_not() {
    let env = TestEnv::new();
    let path = env.path("team.csv");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    write_csv(
        TeamSpec {
            people: 18_000,
            tasks_per_person: 6,
            seed: 7,
        },
        std::io::BufWriter::new(file),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let input = path.to_string_lossy();
    let summary = env.run(["audit", &input, "--format", "md", "--summary"]);
    summary.success();
    let text = &summary.stdout;
    let chars = text.chars().count();
    assert!(
        chars < 60_000,
        "summary of 18,000 people: {chars} characters"
    );
    assert!(text.contains("- 18,000 people, 108,000 tasks"), "{text}");
    let findings = text
        .lines()
        .find(|l| l.starts_with("- Findings: "))
        .unwrap_or_else(|| panic!("no findings counts in {text}"));
    assert!(findings.contains(" drift"), "{findings}");
    assert!(
        text.contains("more drift"),
        "no count of the drift left out"
    );
    assert!(text.contains("… and 17,975 more people"), "{text}");
    assert!(
        !text.contains("## Tasks"),
        "the summary has the per-task appendix"
    );

    let full = env.run(["audit", &input, "--format", "md"]);
    full.success();
    assert!(full.stdout.contains("## Tasks"));
    assert!(full.stdout.len() > 100 * text.len());
}

#[test]
fn summary_goes_with_markdown_only() {
    let env = TestEnv::new();
    let input = hostile_csv(&env);
    env.run(["audit", &input, "--summary"])
        .fails_with("--summary goes with --format md");
}
