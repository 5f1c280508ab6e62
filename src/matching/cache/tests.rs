use super::*;
use crate::matching::tests::rubric;
use crate::rubric::{Label, Style};

fn trained(folder: &Path) -> Loaded {
    let training = Training {
        cache: Some(folder.to_path_buf()),
        progress: Progress::Hidden,
        say_off_terminal: false,
    };
    model_for(&rubric(), &training, "test rubrics", |_| {})
}

#[test]
fn a_second_run_reads_the_model_the_first_one_kept() {
    let folder = tempfile::tempdir().unwrap();
    let first = trained(folder.path());
    assert!(
        first.trained && first.unkept.is_none(),
        "{:?}",
        first.unkept
    );
    let file = file_of(folder.path(), &key(&rubric(), &Hyperparameters::default()));
    assert!(file.exists(), "no cache file {}", file.display());
    let second = trained(folder.path());
    assert!(!second.trained, "the second run trained again");
    assert_eq!(second.model, first.model);
}

#[test]
fn a_damaged_file_is_trained_again_and_replaced() {
    let folder = tempfile::tempdir().unwrap();
    let first = trained(folder.path());
    let file = file_of(folder.path(), &key(&rubric(), &Hyperparameters::default()));
    let good = fs::read(&file).unwrap();
    let mut bad = good.clone();
    // The last weight: the model still parses, only its checksum tells.
    let last = bad.len() - 1;
    bad[last] ^= 0x40;
    fs::write(&file, &bad).unwrap();
    let again = trained(folder.path());
    assert!(again.trained, "a damaged model was read back");
    assert_eq!(again.model, first.model);
    assert_eq!(
        fs::read(&file).unwrap(),
        good,
        "the damaged file was not replaced"
    );
    fs::write(&file, b"not a model").unwrap();
    assert!(trained(folder.path()).trained);
}

#[test]
fn a_folder_that_cannot_be_written_is_a_note_not_a_failure() {
    let folder = tempfile::tempdir().unwrap();
    let blocked = folder.path().join("a-file");
    fs::write(&blocked, b"").unwrap();
    let loaded = trained(&blocked.join("cache"));
    assert!(loaded.trained);
    let note = loaded.unkept.unwrap_or_default();
    assert!(
        note.starts_with("cannot keep the trained model in "),
        "{note}"
    );
}

#[test]
fn every_field_of_a_training_line_changes_the_key() {
    let hyper = Hyperparameters::default();
    let base = rubric();
    let unchanged = key(&rubric(), &hyper);
    assert_eq!(key(&base, &hyper), unchanged);
    type Change = fn(&mut TrainingLine);
    let changes: [(&str, Change); 5] = [
        ("text", |line| line.text.push('!')),
        ("label", |line| line.label = Label::Responsibility(0)),
        ("role label", |line| line.label = Label::Role(0)),
        ("style", |line| line.style = Style::Negative),
        ("weight", |line| line.weight = 4.0),
    ];
    for (field, change) in changes {
        let mut changed = rubric();
        let last = changed.training.len() - 1;
        change(&mut changed.training[last]);
        assert_ne!(key(&changed, &hyper), unchanged, "{field}");
    }
    let mut fewer = rubric();
    fewer.training.pop();
    assert_ne!(key(&fewer, &hyper), unchanged, "a line removed");
    let mut reworded = rubric();
    reworded.responsibilities[0]
        .examples
        .push("another task".to_string());
    assert_ne!(key(&reworded, &hyper), unchanged, "rubric text");
    let other = Hyperparameters {
        l2: 2e-5,
        ..Hyperparameters::default()
    };
    assert_ne!(key(&base, &other), unchanged, "hyperparameters");
}

#[test]
fn the_folder_keeps_the_most_recently_used_models_only() {
    let folder = tempfile::tempdir().unwrap();
    let model = trained(folder.path()).model;
    for n in 0..KEEP + 3 {
        store(folder.path(), &format!("{n:064x}"), &model).unwrap();
    }
    let mut names: Vec<String> = fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), KEEP, "{names:?}");
    let newest = file_of(folder.path(), &format!("{:064x}", KEEP + 2));
    assert!(newest.exists(), "{names:?}");
}

#[test]
fn the_built_in_rubrics_use_the_shipped_model_and_write_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let training = Training {
        cache: Some(folder.path().to_path_buf()),
        progress: Progress::Hidden,
        say_off_terminal: false,
    };
    let loaded = model_for(&Rubric::built_in().unwrap(), &training, "built-in", |_| {});
    assert!(!loaded.trained);
    assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 0);
}
