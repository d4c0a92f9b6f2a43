//! The bad-input corpus: each case in tests/fixtures/bad/<case>/ overlays a few files onto
//! the good fixture site. `onderdak check --format json` (or the command on a `command:`
//! line of the case's `expect` file, e.g. `command: build --production`) must exit 1,
//! never panic, and report every `<file>[:<line>] <CODE>` line of `expect` as an error
//! with that code at that place; a `not: <CODE>` line names a code that must not appear.
//! The cases are checked on codes and places, not on message texts (those are in Dutch
//! or English, by `--lang`).

use std::fs;

use crate::common::*;

/// One case's expectations, read from its `expect` file.
struct Expect {
    command: Vec<String>,
    errors: Vec<(String, Option<usize>, String)>,
    not: Vec<String>,
}

fn read_expect(text: &str) -> Expect {
    let mut e = Expect {
        command: vec!["check".into()],
        errors: Vec::new(),
        not: Vec::new(),
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(c) = line.strip_prefix("command:") {
            e.command = c.split_whitespace().map(String::from).collect();
        } else if let Some(c) = line.strip_prefix("not:") {
            e.not.push(c.trim().to_string());
        } else {
            let (place, code) = line.rsplit_once(' ').expect("`<file>[:<line>] <CODE>`");
            let (file, l) = match place.rsplit_once(':') {
                Some((f, l)) if l.chars().all(|c| c.is_ascii_digit()) => {
                    (f.to_string(), l.parse().ok())
                }
                _ => (place.to_string(), None),
            };
            e.errors.push((file, l, code.to_string()));
        }
    }
    e
}

#[test]
fn every_bad_input_gives_a_located_error() {
    let cases_dir = fixture("bad");
    let mut cases: Vec<_> = fs::read_dir(&cases_dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .collect();
    cases.sort_by_key(|e| e.file_name());
    assert!(
        cases.len() >= 20,
        "the corpus must have at least 20 cases, has {}",
        cases.len()
    );
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/errors.md")).unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().to_string_lossy().to_string();
        let site = good_site_copy();
        for entry in walkdir::WalkDir::new(case.path()) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(case.path()).unwrap();
            if entry.file_type().is_file() && rel != std::path::Path::new("expect") {
                let target = site.path().join(rel);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(entry.path(), target).unwrap();
            }
        }
        let expect = read_expect(&fs::read_to_string(case.path().join("expect")).unwrap());
        let out_dir = tempfile::tempdir().unwrap();
        let mut args: Vec<&str> = expect.command.iter().map(String::as_str).collect();
        args.extend(["--site", site.path().to_str().unwrap(), "--format", "json"]);
        if args[0] == "build" {
            args.extend(["--out", out_dir.path().to_str().unwrap()]);
        }
        let out = onderdak(&args);
        let err = stderr(&out);
        let json = String::from_utf8_lossy(&out.stdout).to_string();
        let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap_or_default();
        let mut problems = Vec::new();
        if out.status.code() != Some(1) {
            problems.push(format!("exit code {:?}, want 1", out.status.code()));
        }
        if err.contains("panicked") {
            problems.push("it panicked".to_string());
        }
        for (file, line, code) in &expect.errors {
            let found = all.iter().any(|d| {
                d["severity"] == "error"
                    && d["code"] == code.as_str()
                    && d["file"] == file.as_str()
                    && line.is_none_or(|l| d["line"] == l)
            });
            if !found {
                problems.push(format!(
                    "no error {code} at {file}{}",
                    line.map(|l| format!(":{l}")).unwrap_or_default()
                ));
            }
        }
        for code in &expect.not {
            if all.iter().any(|d| d["code"] == code.as_str()) {
                problems.push(format!("it reports {code}"));
            }
        }
        // Every diagnostic of the case, errors and warnings, has its code explained.
        for d in &all {
            let code = d["code"].as_str().unwrap_or("");
            if code.is_empty() || !docs.contains(&format!("\n## {code} ")) {
                problems.push(format!(
                    "`{code}` ({}) has no row `## {code} ` in docs/errors.md",
                    d["message_en"]
                ));
            }
        }
        for why in problems {
            failures.push(format!(
                "{name}: {why}\n--- json ---\n{json}\n--- stderr ---\n{err}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_good_fixture_passes_check() {
    let out = onderdak(&["check", "--site", fixture("good").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 error(s)"));
}

#[test]
fn check_lists_every_problem_not_only_the_first() {
    let site = good_site_copy();
    let svc = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&svc)
        .unwrap()
        .replace("kind: shelter", "kind: shelterr");
    fs::write(&svc, text).unwrap();
    let muni = site
        .path()
        .join("content/municipalities/testdorp/loket-testdorp.md");
    let text = fs::read_to_string(&muni)
        .unwrap()
        .replace("last_checked: 2026-01-10", "last_checked: 2026-13-01");
    fs::write(&muni, text).unwrap();
    let out = onderdak(&["check", "--site", site.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("nachtopvang-test.md:4:"), "{err}");
    assert!(err.contains("loket-testdorp.md:7:"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
}

#[test]
fn check_json_is_machine_readable() {
    let site = good_site_copy();
    let svc = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&svc)
        .unwrap()
        .replace("050-1234567", "123");
    fs::write(&svc, text).unwrap();
    let out = onderdak(&[
        "check",
        "--site",
        site.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first_error = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(first_error["line"], 10);
    assert!(first_error["file"]
        .as_str()
        .unwrap()
        .ends_with("nachtopvang-test.md"));
}

/// A service file that is a symbolic link is reported, not dropped without a word (issue
/// 24, defect 12). The corpus copies files, so the link is made here.
#[test]
fn a_linked_service_file_is_reported() {
    let site = good_site_copy();
    let dir = site.path().join("content/regions/regio-test");
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("gelinkt.md");
    fs::copy(dir.join("nachtopvang-test.md"), &real).unwrap();
    fs::remove_file(dir.join("nachtopvang-test.en.md")).unwrap();
    fs::remove_file(dir.join("nachtopvang-test.md")).unwrap();
    std::os::unix::fs::symlink(&real, dir.join("nachtopvang-test.md")).unwrap();
    let out = onderdak(&["check", "--site", site.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[Y110]: this is a symbolic link")
            && err.contains("--> content/regions/regio-test/nachtopvang-test.md"),
        "{err}"
    );
}

/// A byte-order mark at the start of every YAML file (as Notepad saves them) changes
/// nothing (issue 24, defect 10).
#[test]
fn a_byte_order_mark_in_yaml_is_ignored() {
    let site = good_site_copy();
    let mut n = 0;
    for e in walkdir::WalkDir::new(site.path().join("content")) {
        let e = e.unwrap();
        if e.path()
            .extension()
            .is_some_and(|x| x == "yaml" || x == "md")
        {
            let mut bytes = b"\xef\xbb\xbf".to_vec();
            bytes.extend(fs::read(e.path()).unwrap());
            fs::write(e.path(), bytes).unwrap();
            n += 1;
        }
    }
    assert!(n > 8);
    let out = onderdak(&["check", "--site", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 error(s)"), "{}", stderr(&out));
}

/// A file name that is not UTF-8 does not lose every diagnostic in `--format json`
/// (issue 24, defect 9).
#[test]
fn check_json_survives_a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = good_site_copy();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    fs::write(
        site.path().join("content/pages").join(name),
        "---\ntitle: x\n---\n",
    )
    .unwrap();
    let out = onderdak(&[
        "check",
        "--site",
        site.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(
        all.iter().any(|d| d["severity"] == "error"
            && d["file"].as_str().unwrap().starts_with("content/pages/caf")),
        "{v:#}"
    );
    assert!(all.len() > 1, "the other diagnostics are there too: {v:#}");
}
