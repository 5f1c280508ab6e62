//! Doubt said aloud (issue 35, item 7): a sheet read with a confidence under the bar says so
//! on stderr, on page 1 of the PDF, at the top of the terminal and Markdown reports and in
//! the JSON; `--strict-reading` stops it with exit 2 and nothing written; `inspect` shows
//! every doubt with its evidence, even those too slight to be said; a clean sheet says
//! nothing of the kind.

use crate::util::{json, poppler, TestEnv};

/// A chart whose "Q" marks no scheme knows, three of its twelve cells: they are left
/// out, which a reader must hear about, and that one doubt puts it under the bar.
const Q_MARKS: &str = "Task,Ana Lima,Bo Chen,Cy Diaz\n\
    Write the launch plan,R,A,Q\n\
    Review the pricing page copy,A,R,Q\n\
    Run the customer interviews,R,Q,A\n\
    Prepare the quarterly budget,A,R,I\n";

/// The same chart with every mark known.
const CLEAN: &str = "Task,Ana Lima,Bo Chen,Cy Diaz\n\
    Write the launch plan,R,A,C\n\
    Review the pricing page copy,A,R,I\n\
    Run the customer interviews,R,C,A\n\
    Prepare the quarterly budget,A,R,I\n";

const SAID: &str = "was read with doubts";

fn run_to(env: &TestEnv, input: &str, format: &str, extra: &[&str]) -> (crate::util::Run, String) {
    let out = env.path(&format!("{input}.{format}"));
    let mut args = vec![
        "audit".to_string(),
        input.to_string(),
        "--format".to_string(),
        format.to_string(),
        "-o".to_string(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = env.run(&args);
    let written = match format {
        "pdf" if run.code == 0 && poppler(&["pdftotext"]) => {
            crate::util::pdftotext_with(&out, &["-f", "1", "-l", "1"])
        }
        "pdf" => String::new(),
        _ => std::fs::read_to_string(&out).unwrap_or_default(),
    };
    (run, written)
}

/// Text with its line breaks and runs of spaces made single spaces, as a wrapped line
/// reads once joined.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_sheet_read_in_doubt_says_so_everywhere() {
    let env = TestEnv::new();
    env.write("q.csv", Q_MARKS);

    let (run, report) = run_to(&env, "q.csv", "json", &[]);
    run.success();
    let stderr: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("doubts"))
        .collect();
    assert_eq!(stderr.len(), 1, "{}", run.stderr);
    assert!(
        stderr[0].starts_with("rolecall: q.csv: read with doubts (confidence 0.70): 3 cells"),
        "{}",
        stderr[0]
    );
    assert!(
        stderr[0].contains("\"Q\" (3 cells: D2, D3, C4)"),
        "{}",
        stderr[0]
    );
    assert!(
        stderr[0].ends_with("; check with rolecall inspect q.csv"),
        "{}",
        stderr[0]
    );

    let reading = &json(&report)["input"]["sheets"][0]["reading"];
    assert_eq!(reading["in_doubt"], true, "{reading}");
    assert_eq!(reading["confidence"], 0.7, "{reading}");
    assert_eq!(reading["doubts"][0]["kind"], "unknown-marks", "{reading}");
    assert!(reading["doubts"][0]["settle"]
        .as_str()
        .is_some_and(|s| s.contains("--scheme")));

    let (_, markdown) = run_to(&env, "q.csv", "md", &[]);
    let top: Vec<&str> = markdown.lines().take(4).collect();
    assert!(
        top.iter()
            .any(|l| l.starts_with("> **This sheet was read with doubts")
                && l.contains("`rolecall inspect q.csv`")),
        "{markdown}"
    );

    let (_, terminal) = run_to(&env, "q.csv", "text", &[]);
    assert!(
        flat(&terminal).contains(&format!("This sheet {SAID}")),
        "{terminal}"
    );

    let (run, page_one) = run_to(&env, "q.csv", "pdf", &["--quiet"]);
    run.success();
    // Said under --quiet too: quiet draws no progress, it hides no warning.
    assert!(run.stderr.contains("read with doubts"), "{}", run.stderr);
    if !page_one.is_empty() {
        let page = flat(&page_one);
        assert!(page.contains(&format!("This sheet {SAID}")), "{page}");
        assert!(page.contains("check with rolecall inspect q.csv"), "{page}");
    }
}

#[test]
fn a_clean_sheet_says_no_doubt() {
    let env = TestEnv::new();
    env.write("clean.csv", CLEAN);
    let (run, report) = run_to(&env, "clean.csv", "json", &[]);
    run.success();
    assert!(!run.stderr.contains("doubt"), "{}", run.stderr);
    let reading = &json(&report)["input"]["sheets"][0]["reading"];
    assert_eq!(reading["in_doubt"], false, "{reading}");
    assert_eq!(reading["confidence"], 1.0, "{reading}");
    assert_eq!(reading["doubts"].as_array().map(Vec::len), Some(0));

    for format in ["md", "text", "pdf"] {
        let (run, text) = run_to(&env, "clean.csv", format, &["--strict-reading"]);
        run.success();
        assert!(!flat(&text).contains(SAID), "{format}: {text}");
    }
}

#[test]
fn strict_reading_stops_a_sheet_under_the_bar_and_writes_nothing() {
    let env = TestEnv::new();
    env.write("q.csv", Q_MARKS);
    let out = env.path("q.json");
    let run = env.run([
        "audit".as_ref(),
        "q.csv".as_ref(),
        "--strict-reading".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    run.fails_with("rolecall: q.csv: read with doubts (confidence 0.70): 3 cells");
    assert!(
        run.stderr.contains("\"Q\" (3 cells: D2, D3, C4)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--strict-reading stops here"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "a stopped run wrote its report");
}

/// A doubt too slight to cross the bar is not said by an audit, but `inspect` shows it
/// with its evidence and the confidence.
#[test]
fn inspect_shows_every_doubt_with_its_evidence() {
    let env = TestEnv::new();
    env.write(
        "filled.csv",
        "Name,Task\nAna Lima,Write the launch plan\n,Review the pricing page copy\nBo Chen,Run the customer interviews\n",
    );
    let audit = env.run(["audit", "filled.csv", "--format", "json"]);
    audit.success();
    assert!(!audit.stderr.contains("doubt"), "{}", audit.stderr);
    let reading = &json(&audit.stdout)["input"]["sheets"][0]["reading"];
    assert_eq!(reading["confidence"], 0.9, "{reading}");
    assert_eq!(reading["in_doubt"], false, "{reading}");

    let inspect = env.run(["inspect", "filled.csv"]);
    inspect.success();
    let text = flat(&inspect.stdout);
    assert!(
        text.contains("confidence 0.90, above the bar (the bar is 0.75)"),
        "{text}"
    );
    assert!(
        text.contains("fill-down (×0.90): the person was carried down from a row above onto 1 of 3 rows of work"),
        "{text}"
    );
}
