//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Copies a folder recursively (following the fixture's `themes` link).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).follow_links(true) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the good fixture site in a temporary folder.
pub fn good_site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("good"), dir.path());
    dir
}

/// Runs onderdak in English (the tests read its messages; the Dutch ones are tested
/// with `--lang nl` where it matters, and by code in the bad-input corpus).
pub fn onderdak(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onderdak"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .output()
        .expect("run onderdak")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Cases per property test: small by default so the suite stays fast; a long run with
/// `ONDERDAK_PROPTEST_CASES=2000 cargo test --release --test it` (see CONTRIBUTING.md).
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("ONDERDAK_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
