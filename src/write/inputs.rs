//! The record of what each file of the output was made from (`.<name>.onderdak-inputs`,
//! beside the output, never in it: it is the builder's, not the web's). One line per file
//! the build made: the file's inputs number (`crate::plan::inputs`), the hash and size of
//! its bytes, its path. The next build keeps a file whose number is unchanged without
//! making it.
//!
//! The record belongs to one output: its first line holds the hash of that output's
//! manifest, and a record whose hash is not the live manifest's (a build killed between the
//! swap and the record, an output changed by hand) is ignored, so the next build makes
//! every file. It is written after the swap, as a new file renamed into place.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::manifest::{hash_bytes, manifest_line, unescape};
use super::MANIFEST;

const HEADER: &str = "onderdak-inputs 1";

/// One file of the last build, as the record has it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Made {
    pub inputs: u64,
    pub hash: u64,
    pub size: u64,
}

/// The last build's record, when it belongs to the live output.
pub(super) struct Previous {
    pub files: HashMap<PathBuf, Made>,
    /// When the record was written: a live file changed after it (by hand) is made again.
    pub written: SystemTime,
}

pub(super) fn record_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.onderdak-inputs"))
}

/// The record of the output `live`, if there is one and it belongs to it.
pub(super) fn read(parent: &Path, name: &str, live: &Path) -> Option<Previous> {
    let path = record_path(parent, name);
    let written = fs::symlink_metadata(&path)
        .ok()
        .filter(|m| m.is_file())?
        .modified()
        .ok()?;
    let text = fs::read_to_string(&path).ok()?;
    let manifest = fs::read(live.join(MANIFEST)).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?;
    let (header, of) = first.rsplit_once(' ')?;
    if header != HEADER || of != format!("{:016x}", hash_bytes(&manifest)) {
        return None;
    }
    let mut files = HashMap::with_capacity(text.len() / 80);
    for line in lines {
        let mut parts = line.splitn(4, "  ");
        let (Some(inputs), Some(hash), Some(size), Some(p)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let made = Made {
            inputs: u64::from_str_radix(inputs, 16).ok()?,
            hash: u64::from_str_radix(hash, 16).ok()?,
            size: size.parse().ok()?,
        };
        files.insert(PathBuf::from(unescape(p)), made);
    }
    Some(Previous { files, written })
}

/// Writes the record of the output whose manifest is `manifest`: `files` sorted by path.
pub(super) fn write(
    parent: &Path,
    name: &str,
    manifest: &[u8],
    files: &[(&Path, Made)],
) -> io::Result<()> {
    let mut text = String::with_capacity(files.len() * 90 + 64);
    text.push_str(&format!("{HEADER} {:016x}\n", hash_bytes(manifest)));
    for (path, m) in files {
        text.push_str(&format!("{:016x}  ", m.inputs));
        text.push_str(&manifest_line(m.hash, m.size, path));
    }
    let path = record_path(parent, name);
    let tmp = parent.join(format!(".{name}.onderdak-inputs-{}", std::process::id()));
    fs::write(&tmp, text)?;
    fs::rename(&tmp, &path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Removes the record (before a swap whose record could not be written, or with
/// `--full`): without it the next build makes every file.
pub(super) fn forget(parent: &Path, name: &str) {
    let _ = fs::remove_file(record_path(parent, name));
}
