//! What a signal leaves behind. SIGINT, SIGTERM or SIGHUP in the middle of a write would end
//! the process with its temporary file still in the folder, a hidden `.rolecall-*.tmp` for
//! the user to find and delete. So every temporary file is registered here while it lives,
//! and the handler removes those still registered before the process exits with the shell's
//! code for the signal (128 + its number: 130, 143, 129).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Temporary files that exist and are not yet in place.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held across a change to the disk that a signal must not cut in two: a temporary file made
/// and registered, a set of files renamed into place. The handler takes it and never gives
/// it back, so once it has begun, nothing more is made or renamed.
static CHANGING: Mutex<()> = Mutex::new(());

/// A panic while a lock was held leaves a list of paths as good as it was, so a poisoned
/// lock is taken all the same: the cleanup matters most when something already went wrong.
fn lock<T>(mutex: &'static Mutex<T>) -> MutexGuard<'static, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Proof that [`CHANGING`] is held, asked for wherever a signal must wait.
pub(super) struct Changing {
    _held: MutexGuard<'static, ()>,
}

pub(super) fn changing() -> Changing {
    Changing {
        _held: lock(&CHANGING),
    }
}

/// A temporary path the handler will remove; dropped, it is forgotten again.
pub(super) struct Registration(PathBuf);

impl Registration {
    /// Takes [`Changing`] so that no signal can fall between the file's making and this.
    pub(super) fn new(_changing: &Changing, path: &Path) -> Registration {
        lock(&UNFINISHED).push(path.to_path_buf());
        Registration(path.to_path_buf())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        lock(&UNFINISHED).retain(|path| path != &self.0);
    }
}

/// Starts handling SIGINT, SIGTERM and SIGHUP, once per process. Where the handler cannot
/// start, a signal ends the process as it did before, leaving at worst the hidden file.
pub fn handle_signals() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // The signals are claimed on the thread that reads them: a thread that failed to
            // start would otherwise leave them caught and never acted on.
            let _ = std::thread::Builder::new()
                .name("rolecall-signals".to_string())
                .spawn(|| {
                    let Ok(mut signals) =
                        signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
                    else {
                        return;
                    };
                    if let Some(signal) = signals.forever().next() {
                        leave(signal);
                    }
                });
        });
    }
}

/// Removes what is unfinished and exits; never returns, and never lets go of [`CHANGING`].
#[cfg(unix)]
fn leave(signal: i32) -> ! {
    use std::io::Write;
    let _changing = changing();
    let removed = lock(&UNFINISHED)
        .iter()
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count();
    let message = if removed > 0 {
        "rolecall: interrupted; removed the unfinished output"
    } else {
        "rolecall: interrupted"
    };
    // After SIGHUP the terminal may be gone, and a failed write must not stop the exit.
    let _ = writeln!(std::io::stderr(), "{message}");
    std::process::exit(128 + signal)
}
