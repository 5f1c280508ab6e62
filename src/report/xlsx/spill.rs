//! The temporary folder that sheets spill into. In constant-memory mode rust_xlsxwriter
//! streams each sheet to a temporary file, and `expect`s every write to it and the rewind
//! that reads it back: a full disk or a file-size limit there panicked inside the crate
//! (exit 101 and a backtrace), where no `Result` reaches us. Opening the file is an error
//! it returns ([`XlsxError::TempFileError`]); writing it is not. So the workbook is built
//! under `catch_unwind`, and a panic that carries an OS error, which only those files can
//! raise (the workbook itself is zipped in memory), becomes one line naming the folder and
//! the cause. Any other panic is a bug, and goes on as one.

use std::any::Any;
use std::cell::Cell;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use rust_xlsxwriter::XlsxError;

use crate::report::ReportError;

thread_local! {
    /// Whether this thread is building a workbook, whose spill failures are errors to
    /// report rather than panics to print.
    static BUILDING: Cell<bool> = const { Cell::new(false) };
}

/// Builds a workbook whose sheets spill into the system's temporary folder (`TMPDIR`), with
/// every failure to write there as [`ReportError::TempFolder`].
pub(super) fn building<T>(
    build: impl FnOnce(&Path) -> Result<T, XlsxError>,
) -> Result<T, ReportError> {
    let folder = std::env::temp_dir();
    keep_spill_panics_quiet();
    BUILDING.with(|building| building.set(true));
    let built = panic::catch_unwind(AssertUnwindSafe(|| build(&folder)));
    BUILDING.with(|building| building.set(false));
    let cannot_spill = |folder: PathBuf, source| ReportError::TempFolder {
        folder: folder.display().to_string(),
        source,
    };
    match built {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(XlsxError::TempFileError(folder, source))) => Err(cannot_spill(folder, source)),
        Ok(Err(error)) => Err(ReportError::Render {
            format: "Excel",
            message: error.to_string(),
        }),
        Err(payload) => match message(&*payload).and_then(os_error) {
            Some(source) => Err(cannot_spill(folder, source)),
            None => panic::resume_unwind(payload),
        },
    }
}

/// Wraps the panic hook, once, so that a spill failure in [`building`] prints nothing (its
/// one line comes from the error) while every other panic prints as it always did.
fn keep_spill_panics_quiet() {
    static WRAPPED: Once = Once::new();
    WRAPPED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let spilling =
                BUILDING.with(Cell::get) && message(info.payload()).and_then(os_error).is_some();
            if !spilling {
                previous(info);
            }
        }));
    });
}

fn message(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

/// The OS error in a panic message of `expect` or `unwrap` on an `io::Result`, which ends in
/// the error's debug form: "Couldn't write to xml file: Os { code: 28, kind: StorageFull,
/// message: \"No space left on device\" }".
fn os_error(message: &str) -> Option<io::Error> {
    let (_, code) = message.split_once("Os { code: ")?;
    let end = code.find(|c: char| !c.is_ascii_digit())?;
    Some(io::Error::from_raw_os_error(code[..end].parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_os_error_is_read_from_the_panic_message() {
        let full = os_error(
            "Couldn't write to xml file: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }",
        );
        assert_eq!(full.map(|e| e.raw_os_error()), Some(Some(28)));
        assert!(os_error("index out of bounds: the len is 3 but the index is 7").is_none());
        assert!(os_error("Os { code: }").is_none());
    }

    #[test]
    fn a_spill_failure_is_an_error_naming_the_folder_and_any_other_panic_stays_one() {
        let failed = building(|_| -> Result<(), XlsxError> {
            panic!(
                "Couldn't write to xml file: {:?}",
                io::Error::from_raw_os_error(28)
            )
        });
        let folder = std::env::temp_dir().display().to_string();
        match failed {
            Err(error @ ReportError::TempFolder { .. }) => {
                let line = error.to_string();
                assert!(line.starts_with(&folder), "{line}");
                assert!(line.contains("No space left on device"), "{line}");
            }
            other => panic!("{:?}", other.err()),
        }
        let bug =
            panic::catch_unwind(|| building(|_| -> Result<(), XlsxError> { panic!("a bug") }));
        assert!(bug.is_err());
    }
}
