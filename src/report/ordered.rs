//! A long list rendered on every core and written in order. Turning a million task records
//! into bytes is most of a large report's time, and one core doing it leaves the others
//! idle; chunks render in parallel into their own buffers while the writer drains the
//! previous batch, so the bytes are the same as one thread's, whatever the thread count.

use std::io::{self, Write};
use std::sync::mpsc;

use rayon::prelude::*;

/// Items one thread renders into one buffer: about a megabyte of pretty JSON tasks.
const CHUNK: usize = 256;
/// Chunks rendered together; one batch renders while the one before it is written, so at
/// most three batches' bytes are held at once.
const BATCH: usize = 4;

/// Writes `items` to `out`, each chunk as `render` writes it into a buffer. `render` gets
/// the index of the chunk's first item, so that it can tell the list's very first item
/// (no separator before it, a header above it) from the rest.
pub(super) fn write_in_order<'a, T: Sync>(
    items: &'a [T],
    out: &mut dyn Write,
    render: impl Fn(usize, &'a [T], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let render = &render;
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel(1);
        scope.spawn(move || {
            for (b, batch) in items.chunks(CHUNK * BATCH).enumerate() {
                let rendered: io::Result<Vec<Vec<u8>>> = batch
                    .par_chunks(CHUNK)
                    .enumerate()
                    .map(|(c, chunk)| {
                        let mut bytes = Vec::new();
                        render((b * BATCH + c) * CHUNK, chunk, &mut bytes)?;
                        Ok(bytes)
                    })
                    .collect();
                let failed = rendered.is_err();
                // The writer has stopped (a write failed) or rendering did: nothing more
                // is wanted.
                if send.send(rendered).is_err() || failed {
                    return;
                }
            }
        });
        // Dropping the receiver on an error stops the renderer at its next batch.
        for rendered in receive {
            for bytes in rendered? {
                out.write_all(&bytes)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(items: &[usize]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        write_in_order(items, &mut out, |first, chunk, bytes| {
            for (i, n) in chunk.iter().enumerate() {
                if first + i > 0 {
                    bytes.push(b',');
                }
                write!(bytes, "{n}")?;
            }
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn many_batches_come_out_in_order_with_the_first_item_told_apart() -> io::Result<()> {
        let items: Vec<usize> = (0..CHUNK * BATCH * 3 + 17).collect();
        let expected = items
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(String::from_utf8_lossy(&numbers(&items)?), expected);
        assert!(numbers(&[])?.is_empty());
        Ok(())
    }

    #[test]
    fn a_render_error_is_returned_and_stops_the_writing() {
        let items: Vec<usize> = (0..CHUNK * BATCH * 4).collect();
        let mut out = Vec::new();
        let result = write_in_order(&items, &mut out, |first, chunk, bytes| {
            if first >= CHUNK * BATCH {
                return Err(io::Error::other("cannot render"));
            }
            bytes.extend(chunk.iter().map(|_| b'x'));
            Ok(())
        });
        assert_eq!(
            result.map_err(|e| e.to_string()),
            Err("cannot render".to_string())
        );
        assert_eq!(out.len(), CHUNK * BATCH, "only the batch before the error");
    }

    /// A writer that fails after a number of bytes, as a full disk does.
    struct FullDisk(usize);

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 < buf.len() {
                return Err(io::Error::other("no space left"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_is_returned() {
        let items: Vec<usize> = (0..CHUNK * BATCH * 4).collect();
        let result = write_in_order(&items, &mut FullDisk(1000), |_, chunk, bytes| {
            bytes.extend(chunk.iter().map(|_| b'x'));
            Ok(())
        });
        assert_eq!(
            result.map_err(|e| e.to_string()),
            Err("no space left".to_string())
        );
    }
}
