//! Models trained from a user's rubrics, kept between runs: training takes seconds (tens on a
//! busy machine) and gives the same weights every time, so the second run with the same
//! rubrics reads them back instead.
//!
//! A model file is named for a digest of everything training reads, so a changed word in a
//! rubric or a training line, other settings or another model version is another file, never
//! a stale model. The folder is the caller's to choose (the environment is read above this
//! layer). A cache is a convenience: a file that does not read back exactly is trained
//! again and replaced, and a folder that cannot be written costs the next run its time,
//! never this run its report.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::lbfgs::Lbfgs;
use super::model::{Hyperparameters, Model, MODEL_VERSION};
use crate::progress::Progress;
use crate::rubric::{Rubric, TrainingLine};
use crate::text::thousands;

/// How many models a cache folder keeps, the most recently used: a user trying rubric edits
/// makes a new model each time, and each is a megabyte or more.
pub const KEEP: usize = 8;

/// Starts every cached model file, before the key and the checksum of the model's bytes.
/// The checksum is a CRC-32 (damage, not forgery, is what it looks for): a SHA-256 of the
/// megabytes of weights cost a warm run a millisecond, a tenth of its time.
const HEADER: &[u8] = b"rolecall cached model 2\n";

/// Whether and where trained models are kept, and whether training may draw its progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Training {
    /// The cache folder; `None` trains every time and writes nothing.
    pub cache: Option<PathBuf>,
    pub progress: Progress,
    /// Off a terminal (where no bar is drawn) and unless the user asked for quiet, a run
    /// that trains says so in one line first: seconds of silence read as a hang.
    pub say_off_terminal: bool,
}

/// A model for a user's rubrics, and what getting it took.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    /// The model was trained in this run (no shipped or cached one fitted).
    pub trained: bool,
    /// The trained model could not be kept: why, for a one-line note.
    pub unkept: Option<String>,
}

/// The model for `rubric` (named `name` in the progress line): the shipped one for the
/// built-in rubrics, else the cached one trained on exactly these, else trained now and
/// cached. `say` gets the line that tells a run off a terminal it is training, before it
/// does, when [`Training::say_off_terminal`] asks for it.
pub fn model_for(
    rubric: &Rubric,
    training: &Training,
    name: &str,
    say: impl FnOnce(&str),
) -> Loaded {
    match ready_model(rubric, training) {
        Some(model) => Loaded {
            model,
            trained: false,
            unkept: None,
        },
        None => train_model(rubric, training, name, say),
    }
}

/// The model for `rubric` that needs no training: the shipped one for the built-in rubrics,
/// else the cached one trained on exactly these. Quick and silent, so a command may look
/// for it while it does something else.
pub fn ready_model(rubric: &Rubric, training: &Training) -> Option<Model> {
    if let Some(model) = Model::shipped_for(rubric) {
        return Some(model);
    }
    let hyper = Hyperparameters::default();
    let key = key(rubric, &hyper);
    let path = file_of(training.cache.as_deref()?, &key);
    load(&path, &key, rubric, &hyper)
}

/// Trains the model for `rubric` and keeps it in the cache folder, as [`model_for`] does
/// when [`ready_model`] has none.
pub fn train_model(
    rubric: &Rubric,
    training: &Training,
    name: &str,
    say: impl FnOnce(&str),
) -> Loaded {
    let hyper = Hyperparameters::default();
    let key = key(rubric, &hyper);
    let path = training
        .cache
        .as_deref()
        .map(|folder| file_of(folder, &key));
    let what = format!(
        "training the matcher on {} lines of {name} ({})",
        thousands(rubric.training.len()),
        if path.is_some() {
            "first run; cached for the next"
        } else {
            "not cached"
        }
    );
    if training.progress == Progress::Hidden && training.say_off_terminal {
        say(&what);
    }
    let bar = training
        .progress
        .training(&what, hyper.optimiser.max_iterations);
    let model = Model::train_observed(rubric, |_| true, hyper, |n| bar.set_position(n as u64));
    drop(bar);
    let unkept = training.cache.as_deref().and_then(|folder| {
        store(folder, &key, &model)
            .err()
            .map(|e| format!("cannot keep the trained model in {}: {e}", folder.display()))
    });
    Loaded {
        model,
        trained: true,
        unkept,
    }
}

/// The digest of everything a model is trained on, in hex: the model version, the
/// hyperparameters, the rubric text as training reads it and every training line.
pub fn key(rubric: &Rubric, hyper: &Hyperparameters) -> String {
    let mut hasher = Sha256::new();
    field(&mut hasher, MODEL_VERSION);
    digest_hyperparameters(&mut hasher, hyper);
    for r in &rubric.responsibilities {
        field(&mut hasher, b"responsibility");
        for text in [&r.id, &r.role, &r.title, &r.description] {
            field(&mut hasher, text.as_bytes());
        }
        digest_texts(&mut hasher, &r.terms);
        digest_texts(&mut hasher, &r.examples);
    }
    for a in &rubric.other_work {
        field(&mut hasher, b"area");
        for text in [&a.id, &a.title, &a.description] {
            field(&mut hasher, text.as_bytes());
        }
        digest_texts(&mut hasher, &a.terms);
        digest_texts(&mut hasher, &a.examples);
    }
    for line in &rubric.training {
        field(&mut hasher, b"line");
        digest_line(&mut hasher, line);
    }
    hex(&hasher.finalize())
}

/// Every field of a training line ([`TrainingLine::feed`] names them): a model trained on
/// other lines must never be read back for these.
fn digest_line(hasher: &mut Sha256, line: &TrainingLine) {
    line.feed(|bytes| field(hasher, bytes));
}

/// Every setting of training, destructured for the same reason as [`digest_line`].
fn digest_hyperparameters(hasher: &mut Sha256, hyper: &Hyperparameters) {
    let Hyperparameters {
        l2,
        min_pair_texts,
        optimiser:
            Lbfgs {
                memory,
                max_iterations,
                gradient_tolerance,
                relative_tolerance,
            },
    } = hyper;
    for number in [
        l2.to_bits(),
        *min_pair_texts as u64,
        *memory as u64,
        *max_iterations as u64,
        gradient_tolerance.to_bits(),
        relative_tolerance.to_bits(),
    ] {
        field(hasher, &number.to_le_bytes());
    }
}

fn digest_texts(hasher: &mut Sha256, texts: &[String]) {
    field(hasher, &(texts.len() as u64).to_le_bytes());
    for text in texts {
        field(hasher, text.as_bytes());
    }
}

/// Length first, so that no two sequences of fields digest alike.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file of the model with this key.
pub fn file_of(folder: &Path, key: &str) -> PathBuf {
    folder.join(format!("model-{key}.bin"))
}

/// The cached model, if the file holds exactly what [`store`] wrote for this key and the
/// model fits the rubric; anything else is as good as no file.
fn load(path: &Path, key: &str, rubric: &Rubric, hyper: &Hyperparameters) -> Option<Model> {
    let bytes = fs::read(path).ok()?;
    let rest = bytes.strip_prefix(HEADER)?;
    let (stored_key, rest) = rest.split_at_checked(key.len())?;
    let (checksum, body) = rest.split_at_checked(4)?;
    if stored_key != key.as_bytes() || crc32fast::hash(body).to_le_bytes() != checksum {
        return None;
    }
    let model = Model::from_bytes(body).filter(|m| m.is_for(rubric, hyper))?;
    // Used now: the pruning keeps it over models unused for longer.
    let _ = fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()));
    Some(model)
}

/// Writes the model under its key through a temporary file in the same folder, so that a
/// run that stops half-way, or another run reading at the same time, never sees half a
/// file; then leaves only the [`KEEP`] most recently used models.
fn store(folder: &Path, key: &str, model: &Model) -> std::io::Result<()> {
    fs::create_dir_all(folder)?;
    let body = model.to_bytes();
    let mut file = tempfile::Builder::new()
        .prefix(".model-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    file.write_all(HEADER)?;
    file.write_all(key.as_bytes())?;
    file.write_all(&crc32fast::hash(&body).to_le_bytes())?;
    file.write_all(&body)?;
    file.persist(file_of(folder, key)).map_err(|e| e.error)?;
    prune(folder);
    Ok(())
}

/// Removes all but the [`KEEP`] most recently used model files. Best effort: a file another
/// run removed first, or one that cannot be removed, is left to the next run.
fn prune(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let mut models: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("model-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    models.sort_by(|a, b| b.cmp(a));
    for (_, path) in models.into_iter().skip(KEEP) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
