//! The model cache: a model trained from the user's rubrics is kept in the cache folder and
//! read back by the next run; a damaged file is trained again and replaced; the folder comes
//! from `ROLECALL_CACHE_DIR`, else the platform's cache folder; `--no-cache` and
//! `ROLECALL_NO_CACHE` keep nothing; a folder that cannot be written is a note, not a failure.
//! Every run names its cache folder: no test writes to the user's home.

use std::path::{Path, PathBuf};

use crate::util::{Run, TestEnv};

/// Two small roles with a training file (`mine/`, 24 lines) and a team of two (`team.csv`):
/// trains in a moment.
pub(crate) fn small_rubrics(env: &TestEnv) {
    let role = |id: &str, name: &str, term: &str| {
        format!("[role]\nid = \"{id}\"\nname = \"{name}\"\naliases = [\"{name}\"]\nsummary = \"s\"\n\n[[responsibility]]\nid = \"{id}-main\"\ntitle = \"{name} work\"\ndescription = \"The {term} work.\"\nterms = [\"{term}\"]\nexamples = [\"{term} plan\"]\ncore = true\nsource = \"ours\"\n")
    };
    env.write("mine/ops.toml", role("ops", "Office Manager", "offsite"));
    env.write("mine/fin.toml", role("fin", "Controller", "ledger"));
    let mut training = String::from("text,label,style\n");
    for i in 0..12 {
        training.push_str(&format!(
            "Order snacks and chairs for room {i},ops-main,sheet\n"
        ));
        training.push_str(&format!(
            "Reconcile the accounts for entity {i},fin-main,sheet\n"
        ));
    }
    env.write("mine/training/lines.csv", &training);
    env.write(
        "team.csv",
        "Name,Task\nAna,Order snacks for the offsite\nBo,Reconcile the ledger\n",
    );
}

/// With a pinned date, so that two runs' reports are the same bytes.
const AUDIT: [&str; 8] = [
    "audit",
    "team.csv",
    "--rubric",
    "mine",
    "--format",
    "json",
    "--generated-at",
    "2026-11-23",
];

fn audit_with(env: &TestEnv, args: &[&str], vars: &[(&str, Option<&Path>)]) -> Run {
    let run = env.run_with_env(args, None, vars);
    run.success();
    run
}

/// The model files in a folder.
fn models(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        name.starts_with("model-") && name.ends_with(".bin")
    });
    files.sort();
    files
}

#[test]
fn a_second_run_reads_the_model_the_first_one_kept() {
    let env = TestEnv::new();
    small_rubrics(&env);
    let cache = env.path("cache");
    let vars = [("ROLECALL_CACHE_DIR", Some(cache.as_path()))];
    let first = audit_with(&env, &AUDIT, &vars);
    // Off a terminal no bar is drawn: one line says what the pause is, before it.
    assert_eq!(
        first.stderr,
        "rolecall: note: training the matcher on 24 lines of mine (first run; cached for the next)\n"
    );
    let kept = models(&cache);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let good = std::fs::read(&kept[0]).unwrap_or_default();
    let second = audit_with(&env, &AUDIT, &vars);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(second.stderr, "", "a run that reads the cache says nothing");
    assert_eq!(models(&cache), kept);
    // Read, not trained and written again: a rewrite is a new file renamed into place.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = || {
            std::fs::metadata(&kept[0])
                .map(|m| m.ino())
                .unwrap_or_default()
        };
        let before = inode();
        audit_with(&env, &AUDIT, &vars);
        assert_eq!(inode(), before, "the second run wrote the model again");
    }

    // Damaged weights: the run still succeeds, gives the same report and mends the file.
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x40;
    std::fs::write(&kept[0], &bad).unwrap_or_else(|e| panic!("{e}"));
    let mended = audit_with(&env, &AUDIT, &vars);
    assert_eq!(mended.stdout, first.stdout);
    assert_eq!(std::fs::read(&kept[0]).unwrap_or_default(), good);

    // Asked for quiet, a run that trains says nothing either.
    let quiet = env.path("quiet-cache");
    let args = [&AUDIT[..], &["--quiet"]].concat();
    let run = audit_with(
        &env,
        &args,
        &[("ROLECALL_CACHE_DIR", Some(quiet.as_path()))],
    );
    assert_eq!(run.stderr, "");
    assert_eq!(models(&quiet).len(), 1);

    // Another training line is another model, beside the first.
    env.write(
        "mine/training/more.csv",
        "text,label,style\nBook the caterer for the offsite,ops-main,sheet\n",
    );
    audit_with(&env, &AUDIT, &vars);
    assert_eq!(models(&cache).len(), 2);
}

#[test]
fn no_cache_keeps_nothing() {
    let env = TestEnv::new();
    small_rubrics(&env);
    let cache = env.path("cache");
    let with_cache = [("ROLECALL_CACHE_DIR", Some(cache.as_path()))];
    let mut args = AUDIT.to_vec();
    args.push("--no-cache");
    let flagged = audit_with(&env, &args, &with_cache);
    let by_env = audit_with(
        &env,
        &AUDIT,
        &[
            ("ROLECALL_CACHE_DIR", Some(cache.as_path())),
            ("ROLECALL_NO_CACHE", Some(Path::new("1"))),
        ],
    );
    assert!(!cache.exists(), "a cache folder was made");
    assert_eq!(flagged.stdout, by_env.stdout);
    assert_eq!(flagged.stdout, audit_with(&env, &AUDIT, &with_cache).stdout);
}

#[test]
fn the_folder_is_the_platform_cache_folder_without_rolecall_cache_dir() {
    let env = TestEnv::new();
    small_rubrics(&env);
    let xdg = env.path("xdg");
    let home = env.path("home");
    audit_with(
        &env,
        &AUDIT,
        &[
            ("ROLECALL_CACHE_DIR", None),
            ("XDG_CACHE_HOME", Some(xdg.as_path())),
            ("HOME", Some(home.as_path())),
        ],
    );
    assert_eq!(models(&xdg.join("rolecall")).len(), 1);
    assert!(!home.exists());
    audit_with(
        &env,
        &AUDIT,
        &[
            ("ROLECALL_CACHE_DIR", None),
            ("XDG_CACHE_HOME", None),
            ("HOME", Some(home.as_path())),
        ],
    );
    assert_eq!(models(&home.join(".cache/rolecall")).len(), 1);
}

#[test]
fn a_folder_that_cannot_be_written_is_a_note() {
    let env = TestEnv::new();
    small_rubrics(&env);
    let blocked = env.write("blocked", "a file, not a folder");
    let cache = blocked.join("cache");
    let run = audit_with(
        &env,
        &AUDIT,
        &[("ROLECALL_CACHE_DIR", Some(cache.as_path()))],
    );
    // The line that says it trains, then the one that says why the next run will too.
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("rolecall: note: training the matcher"),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with("rolecall: note: cannot keep the trained model in "),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("ops-main"), "{}", run.stdout);
}

#[test]
fn the_built_in_rubrics_keep_nothing() {
    let env = TestEnv::new();
    small_rubrics(&env);
    let cache = env.path("cache");
    audit_with(
        &env,
        &["audit", "team.csv", "--format", "json"],
        &[("ROLECALL_CACHE_DIR", Some(cache.as_path()))],
    );
    assert!(!cache.exists());
}
