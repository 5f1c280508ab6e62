//! The test environment: a temporary folder that receives generated fixtures (CSV, xlsx
//! through rust_xlsxwriter, ods as a hand-built zip) and runs the real binary on them.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Exit 2 with exactly one stderr line containing `expected`, and no panic.
    #[track_caller]
    pub fn fails_with(&self, expected: &str) -> &Run {
        assert_eq!(self.code, 2, "expected exit 2\nstderr:\n{}", self.stderr);
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one stderr line, got:\n{}",
            self.stderr
        );
        assert!(
            lines[0].contains(expected),
            "stderr {:?} does not contain {:?}",
            lines[0],
            expected
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo_root().join("samples").join(name)
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    /// An xlsx with one sheet per `(name, rows)`; empty strings leave cells blank.
    pub fn xlsx(&self, name: &str, sheets: &[(&str, &[&[&str]])]) -> PathBuf {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (sheet_name, rows) in sheets {
            let sheet = book.add_worksheet();
            sheet
                .set_name(*sheet_name)
                .unwrap_or_else(|e| panic!("sheet name: {e}"));
            for (r, row) in rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    if text.is_empty() {
                        continue;
                    }
                    match text.parse::<f64>() {
                        Ok(number) => sheet.write_number(r as u32, c as u16, number),
                        Err(_) => sheet.write_string(r as u32, c as u16, *text),
                    }
                    .unwrap_or_else(|e| panic!("write cell: {e}"));
                }
            }
        }
        let path = self.path(name);
        book.save(&path)
            .unwrap_or_else(|e| panic!("save xlsx: {e}"));
        path
    }

    /// A minimal OpenDocument spreadsheet: mimetype, manifest and content.xml.
    pub fn ods(&self, name: &str, sheet: &str, rows: &[&[&str]]) -> PathBuf {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let mut content = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
        );
        content.push_str(&format!(r#"<table:table table:name="{}">"#, escape(sheet)));
        for row in rows {
            content.push_str("<table:table-row>");
            for text in *row {
                if text.is_empty() {
                    content.push_str("<table:table-cell/>");
                } else {
                    content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        escape(text)
                    ));
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str(
            "</table:table></office:spreadsheet></office:body></office:document-content>",
        );
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
        let path = self.path(name);
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("create: {e}"));
        let mut zip = zip::ZipWriter::new(file);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (entry, body) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content.as_str()),
        ] {
            zip.start_file(entry, stored)
                .unwrap_or_else(|e| panic!("zip: {e}"));
            zip.write_all(body.as_bytes())
                .unwrap_or_else(|e| panic!("zip: {e}"));
        }
        zip.finish().unwrap_or_else(|e| panic!("zip: {e}"));
        path
    }

    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin<I, S>(&self, args: I, stdin: Option<&[u8]>) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rolecall"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("RUST_BACKTRACE", "1")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
        if let Some(bytes) = stdin {
            if let Some(mut pipe) = child.stdin.take() {
                pipe.write_all(bytes)
                    .unwrap_or_else(|e| panic!("stdin: {e}"));
            }
        }
        Run::from(
            child
                .wait_with_output()
                .unwrap_or_else(|e| panic!("wait: {e}")),
        )
    }

    /// Names of the files in the folder (generated fixtures included), sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap_or_else(|e| panic!("read_dir: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Parses JSON output, failing the test with the text when it is not JSON.
#[track_caller]
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
