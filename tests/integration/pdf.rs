//! The PDF report: a valid document whose first page carries the headline, with its fonts
//! embedded, byte-for-byte reproducible; and, rendered by poppler, no text outside the box
//! the layout gave it, nothing outside the margins, at 5, 15 and 200 people.
//!
//! The rendering checks need poppler-utils (pdftotext, pdftoppm). `.ci/run` installs them
//! and sets ROLECALL_REQUIRE_POPPLER=1, which turns their absence into a failure; elsewhere
//! the checks say they were skipped.

use std::path::Path;
use std::process::Command;

use rolecall::report::pdf::{compose, Composition, Fonts};
use rolecall::report::Format;
use rolecall::settings::Settings;

use crate::util::{generated_org, pdftotext, poppler, sample, TestEnv};

const DATE: &str = "2026-11-23";

fn audit_pdf(env: &TestEnv, input: &Path, out: &str, extra: &[&str]) -> Vec<u8> {
    let path = env.path(out);
    let mut args = vec![
        "audit".to_string(),
        input.display().to_string(),
        "--format".into(),
        "pdf".into(),
        "-o".into(),
        path.display().to_string(),
    ];
    if !extra.contains(&"--generated-at") {
        args.extend(["--generated-at".to_string(), DATE.to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    env.run(&args).success();
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {out}: {e}"))
}

fn page_text(doc: &lopdf::Document, page: u32) -> String {
    doc.extract_text(&[page])
        .unwrap_or_else(|e| panic!("page {page}: {e}"))
}

#[test]
fn sample_report_is_a_valid_pdf_with_the_headline_on_page_one() {
    let env = TestEnv::new();
    let bytes = audit_pdf(
        &env,
        &sample("northwind-product-org.xlsx"),
        "report.pdf",
        &[],
    );
    let doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("not a PDF: {e}"));
    let pages = doc.get_pages().len();
    assert!((8..=20).contains(&pages), "{pages} pages");

    // Text extraction joins separately placed lines without spaces, so compare without any.
    let squash = |text: &str| text.split_whitespace().collect::<String>();
    let squashed = squash(&page_text(&doc, 1));
    // Headline figures of the sample: 13 people, 63 tasks, 39 matched, 17 of 30 carried.
    for expected in [
        "13 people",
        "63 tasks",
        "62%",
        "(39 of 63)",
        "17 of 30",
        "What matters most",
        "23 November 2026",
    ] {
        assert!(
            squashed.contains(&squash(expected)),
            "page 1 lacks {expected:?}:\n{squashed}"
        );
    }
    assert!(
        ["Ana García", "Łukasz Nowak", "Søren Dubois"]
            .iter()
            .any(|name| squashed.contains(&squash(name))),
        "page 1 names nobody outside ASCII:\n{squashed}"
    );
    let everywhere: String = (1..=pages as u32).map(|p| page_text(&doc, p)).collect();
    assert!(everywhere.contains("陈伟") && squash(&everywhere).contains("ДмитрийВолков"));

    // Every font is embedded (a FontFile2 stream behind each descriptor).
    let mut descriptors = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            if dict
                .get(b"Type")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"FontDescriptor")
            {
                descriptors += 1;
                assert!(dict.has(b"FontFile2"), "a font is not embedded: {dict:?}");
            }
        }
    }
    assert!(
        descriptors >= 2,
        "expected the regular and bold faces, found {descriptors}"
    );
}

#[test]
fn same_input_and_date_give_the_same_bytes() {
    let env = TestEnv::new();
    let input = sample("northwind-product-org.xlsx");
    let one = audit_pdf(&env, &input, "one.pdf", &[]);
    let two = audit_pdf(&env, &input, "two.pdf", &[]);
    assert!(one == two, "two runs differ");
    let other_day = audit_pdf(&env, &input, "three.pdf", &["--generated-at", "2026-12-01"]);
    assert!(one != other_day, "the date must be part of the report");
}

#[test]
fn letter_paper_and_a4_differ_in_size() {
    let env = TestEnv::new();
    let input = sample("startup-five.csv");
    let letter = audit_pdf(&env, &input, "letter.pdf", &["--paper", "letter"]);
    let doc = lopdf::Document::load_mem(&letter).unwrap_or_else(|e| panic!("{e}"));
    let (_, page) = doc
        .get_pages()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no pages"));
    let media = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(|m| m.as_array())
        .map(|a| {
            a.iter()
                .map(|v| v.as_float().unwrap_or(0.0))
                .collect::<Vec<_>>()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(media[2..], [612.0, 792.0]);
}

/// The composition the binary drew, recomputed through the library with the same options.
fn composition_of(input: &Path) -> Composition {
    let cli = <rolecall::Cli as clap::Parser>::try_parse_from([
        "rolecall",
        "audit",
        &input.display().to_string(),
        "--format",
        "pdf",
        "-o",
        "unused.pdf",
        "--generated-at",
        DATE,
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let Ok(Settings::Audit(options)) = Settings::from_cli(cli, &rolecall::Isolation::InProcess)
    else {
        panic!("not an audit")
    };
    let [Format::Pdf(pdf)] = options.formats[..] else {
        panic!("not pdf")
    };
    let report = rolecall::audit_report(&options).unwrap_or_else(|e| panic!("{e}"));
    let fonts = Fonts::new().unwrap_or_else(|e| panic!("{e}"));
    compose(&fonts, rolecall::report::Document::of(&report), &pdf)
}

/// One word as poppler read it off the page: text and box in points from the top-left.
struct Word {
    page: usize,
    text: String,
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

fn attribute(tag: &str, name: &str) -> f32 {
    let start = tag
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + name.len()
        + 2;
    let end = start + tag[start..].find('"').unwrap_or(0);
    tag[start..end]
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn words(pdf: &Path) -> Vec<Word> {
    let html = pdftotext(pdf, "-bbox");
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap_or((rest, ""));
            out.push(Word {
                page,
                text: text.trim_end_matches("</word>").to_string(),
                left: attribute(tag, "xMin"),
                top: attribute(tag, "yMin"),
                right: attribute(tag, "xMax"),
                bottom: attribute(tag, "yMax"),
            });
        }
    }
    out
}

/// Every word poppler finds lies inside the box the layout gave its line (a cell, a tile,
/// the text column), and the page has no ink outside its margins.
#[track_caller]
fn assert_rendered_within_bounds(pdf: &Path, composition: &Composition) {
    let words = words(pdf);
    assert!(!words.is_empty());
    let pages = composition.pages.len();
    assert_eq!(words.iter().map(|w| w.page).max(), Some(pages));
    const SLACK: f32 = 0.6;
    for word in &words {
        let boxes = composition.pages[word.page - 1]
            .items
            .iter()
            .filter_map(|item| match item {
                rolecall::report::pdf::Item::Text(label) => Some(label.bounds),
                _ => None,
            });
        let middle = (word.top + word.bottom) / 2.0;
        let inside = boxes.into_iter().any(|b| {
            word.left >= b.left - SLACK
                && word.right <= b.right + SLACK
                && middle >= b.top
                && middle <= b.bottom
        });
        assert!(
            inside,
            "page {}: {:?} at x {:.1}..{:.1}, y {:.1}..{:.1} lies in no text box",
            word.page, word.text, word.left, word.right, word.top, word.bottom
        );
    }
    margins_are_blank(pdf, composition);
}

/// Renders every page at 36 dpi in grey and checks that all ink lies inside the margins.
fn margins_are_blank(pdf: &Path, composition: &Composition) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let status = Command::new("pdftoppm")
        .args(["-r", "36", "-gray"])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .unwrap_or_else(|e| panic!("pdftoppm: {e}"));
    assert!(status.success());
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert_eq!(files.len(), composition.pages.len());
    let scale = 36.0 / 72.0;
    let area = composition.printable;
    for (index, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
        // PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        let (width, height): (usize, usize) = (
            fields[1].parse().unwrap_or(0),
            fields[2].parse().unwrap_or(0),
        );
        let pixels = &bytes[at + 1..];
        assert_eq!(pixels.len(), width * height);
        // One pixel of slack for anti-aliasing at the edges.
        let left = ((area.left * scale).floor() as usize).saturating_sub(1);
        let right = (area.right * scale).ceil() as usize + 1;
        let top = ((area.top * scale).floor() as usize).saturating_sub(1);
        let bottom = (area.bottom * scale).ceil() as usize + 1;
        for y in 0..height {
            for x in 0..width {
                let outside = x < left || x > right || y < top || y > bottom;
                if outside {
                    assert!(
                        pixels[y * width + x] > 250,
                        "page {}: ink at ({x}, {y}) px, outside the margins",
                        index + 1
                    );
                }
            }
        }
    }
}

#[test]
fn rendered_pages_keep_text_in_its_boxes_at_5_15_and_200_people() {
    if !poppler(&["pdftotext", "pdftoppm"]) {
        return;
    }
    let env = TestEnv::new();
    for people in [5, 15, 200] {
        let input = generated_org(&env, people, 6);
        let out = format!("team-{people}.pdf");
        audit_pdf(&env, &input, &out, &[]);
        assert_rendered_within_bounds(&env.path(&out), &composition_of(&input));
    }
}

#[test]
fn rendered_sample_keeps_text_in_its_boxes() {
    if !poppler(&["pdftotext", "pdftoppm"]) {
        return;
    }
    let env = TestEnv::new();
    let input = sample("northwind-product-org.xlsx");
    audit_pdf(&env, &input, "sample.pdf", &[]);
    assert_rendered_within_bounds(&env.path("sample.pdf"), &composition_of(&input));
}
