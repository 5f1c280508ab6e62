use crate::util::{json, people_and_tasks, repo_root, TestEnv};

const HEADER: &[&str] = &["Name", "Title", "Task"];
const ANA: &[&str] = &["Ana García", "Product Manager", "Own the roadmap"];
const WEI: &[&str] = &["陈伟", "TPM", "Track API dependencies"];

fn expected(first_row: u64) -> Vec<(String, String, u64)> {
    vec![
        ("Ana García".into(), "Own the roadmap".into(), first_row),
        (
            "陈伟".into(),
            "Track API dependencies".into(),
            first_row + 1,
        ),
    ]
}

#[track_caller]
fn audit_json(env: &TestEnv, file: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", file, "--format", "json"];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    run.success();
    json(&run.stdout)
}

#[test]
fn xlsx_with_banner_and_second_sheet() {
    let env = TestEnv::new();
    env.xlsx(
        "team.xlsx",
        &[
            ("Cover", &[&["Quarterly review"], &["nothing to see"]]),
            ("Q3", &[&["Team roles, Q3"], &[], HEADER, ANA, WEI]),
        ],
    );
    let report = audit_json(&env, "team.xlsx", &[]);
    assert_eq!(people_and_tasks(&report), expected(4));
    assert_eq!(report["input"]["sheets"][0]["sheet"], "Q3");
    assert_eq!(report["tasks"][0]["sheet"], "Q3");
    assert_eq!(report["input"]["sheets"][0]["header"]["row"], 3);
}

#[test]
fn sheet_by_name_and_number() {
    let env = TestEnv::new();
    env.xlsx(
        "team.xlsx",
        &[("One", &[HEADER, ANA]), ("Two", &[HEADER, WEI])],
    );
    for wanted in ["Two", "2", "two"] {
        let report = audit_json(&env, "team.xlsx", &["--sheet", wanted]);
        assert_eq!(report["tasks"][0]["person"], "陈伟", "--sheet {wanted}");
    }
    let report = audit_json(&env, "team.xlsx", &[]);
    assert_eq!(report["tasks"][0]["person"], "Ana García");
}

#[test]
fn xlsm_is_read_as_xlsx() {
    let env = TestEnv::new();
    let path = env.xlsx("team.xlsx", &[("Team", &[HEADER, ANA, WEI])]);
    std::fs::copy(&path, env.path("team.xlsm")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        people_and_tasks(&audit_json(&env, "team.xlsm", &[])),
        expected(2)
    );
}

#[test]
fn ods() {
    let env = TestEnv::new();
    env.ods("team.ods", "Team", &[&["Who is who"], HEADER, ANA, WEI]);
    let report = audit_json(&env, "team.ods", &[]);
    assert_eq!(people_and_tasks(&report), expected(3));
    assert_eq!(report["input"]["sheets"][0]["sheet"], "Team");
}

#[test]
fn xls_fixture() {
    let env = TestEnv::new();
    let file = repo_root().join("tests/fixtures/team.xls");
    let run = env.run(["audit", file.to_str().unwrap_or(""), "--format", "json"]);
    run.success();
    let report = json(&run.stdout);
    let got = people_and_tasks(&report);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].0, "Zoë Brontë");
    assert_eq!(got[1].0, "Zoë Brontë", "name filled down");
    assert_eq!(got[2].0, "Łukasz Nowak");
    assert_eq!(got[0].2, 4);
    assert_eq!(report["input"]["sheets"][0]["header"]["row"], 3);
}

#[test]
fn csv_comma_semicolon_tab_and_tsv() {
    let env = TestEnv::new();
    for (name, delimiter) in [
        ("comma.csv", ","),
        ("semicolon.csv", ";"),
        ("tab.csv", "\t"),
        ("team.tsv", "\t"),
        ("team.txt", "\t"),
    ] {
        let text: String = [HEADER, ANA, WEI]
            .iter()
            .map(|row| row.join(delimiter) + "\n")
            .collect();
        env.write(name, text);
        assert_eq!(
            people_and_tasks(&audit_json(&env, name, &[])),
            expected(2),
            "{name}"
        );
    }
}

#[test]
fn csv_encodings() {
    let env = TestEnv::new();
    let text: String = [HEADER, ANA, WEI]
        .iter()
        .map(|row| row.join(",") + "\r\n")
        .collect();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    env.write("bom.csv", bom);
    assert_eq!(
        people_and_tasks(&audit_json(&env, "bom.csv", &[])),
        expected(2)
    );

    // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
    let tabbed = text.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    env.write("unicode.txt", &utf16);
    assert_eq!(
        people_and_tasks(&audit_json(&env, "unicode.txt", &[])),
        expected(2)
    );
    env.write("unicode.csv", utf16);
    assert_eq!(
        people_and_tasks(&audit_json(&env, "unicode.csv", &[])),
        expected(2)
    );

    // Windows-1252: "García" with é as 0xE9 is not UTF-8 and must not fail.
    let latin = b"Name,Task\nJos\xE9 Garc\xEDa,Own the roadmap\n";
    env.write("latin.csv", latin);
    let report = audit_json(&env, "latin.csv", &[]);
    assert_eq!(report["tasks"][0]["person"], "José García");
}

#[test]
fn csv_from_stdin() {
    let env = TestEnv::new();
    let text: String = [HEADER, ANA, WEI]
        .iter()
        .map(|r| r.join(";") + "\n")
        .collect();
    let run = env.run_with_stdin(["audit", "-", "--format", "json"], Some(text.as_bytes()));
    run.success();
    let report = json(&run.stdout);
    assert_eq!(people_and_tasks(&report), expected(2));
    assert_eq!(report["input"]["file"], "<stdin>");
}

#[test]
fn input_file_is_never_modified() {
    let env = TestEnv::new();
    let path = env.xlsx("team.xlsx", &[("Team", &[HEADER, ANA, WEI])]);
    let before = std::fs::read(&path).unwrap_or_default();
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    env.run(["audit", "team.xlsx", "--format", "md", "-o", "report.md"])
        .success();
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);
    assert_eq!(
        std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
        modified
    );
}
