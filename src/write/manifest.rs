//! Content hashes: the deploy manifest's lines and the service worker's cache name.

use std::path::{Path, PathBuf};

/// A path as [`manifest_line`] wrote it, back.
pub(super) fn unescape(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of [`MANIFEST`]: the [`hash_bytes`] of the file as 16 hex digits, its size in
/// bytes and its path relative to the output (`/` between names; a tab, newline or `\` in
/// a name written `\t`, `\n`, `\\`), separated by two spaces.
pub fn manifest_line(hash: u64, size: u64, path: &Path) -> String {
    let mut p = String::new();
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            p.push('/');
        }
        for ch in c.as_os_str().to_string_lossy().chars() {
            match ch {
                '\\' => p.push_str("\\\\"),
                '\t' => p.push_str("\\t"),
                '\n' => p.push_str("\\n"),
                _ => p.push(ch),
            }
        }
    }
    format!("{hash:016x}  {size}  {p}\n")
}

/// The metadata of `path` when it is a regular file (not a link) holding exactly `bytes`.
/// Reads it in pieces and stops at the first difference; a different size is seen without
/// A fast, stable 64-bit hash of one file's bytes, a word at a time (not cryptographic:
/// it only has to change when the content changes, for the service worker's cache name).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K);
        h ^= h >> 29;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 32)
}

/// A short, stable fingerprint of the whole output from each file's path and
/// [`hash_bytes`], in path order: the same input gives the same value, any change another.
pub fn fingerprint(files: &mut [(PathBuf, u64)]) -> String {
    // By the path's bytes: comparing paths component by component is ten times slower,
    // which shows with 250,000 files.
    files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()).then(a.1.cmp(&b.1)));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, file_hash) in files.iter() {
        h = (h ^ hash_bytes(path.to_string_lossy().as_bytes())).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h = (h ^ file_hash).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
