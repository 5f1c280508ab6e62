//! Trains the model for the built-in rubrics and writes it to `rubrics/model.bin`, the file
//! the binary ships. Run after changing anything under `rubrics/`:
//!
//! ```text
//! cargo run --release --example train-model
//! ```
//!
//! The test `the_shipped_model_is_what_training_gives` fails until this has been run.

use std::time::Instant;

use rolecall::matching::{Hyperparameters, Model};
use rolecall::Rubric;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rubric = Rubric::built_in()?;
    let started = Instant::now();
    let model = Model::train(&rubric, |_| true, Hyperparameters::default());
    let elapsed = started.elapsed();
    let bytes = model.to_bytes();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/model.bin");
    std::fs::write(&path, &bytes)?;
    println!(
        "trained on {} training lines and the rubric text in {:.2} s: {} classes, {} features, {} bytes -> {}",
        rubric.training.len(),
        elapsed.as_secs_f64(),
        model.classes(),
        model.features(),
        bytes.len(),
        path.display()
    );
    Ok(())
}
