//! Errors an editor can act on (issue 21): the language of the messages, the source line
//! with a caret, the warning summary, the serve banner, the missing-templates case.

use std::fs;
use std::process::{Command, Output};

use crate::common::*;

/// onderdak with the given environment language and nothing else set.
fn onderdak_env(lang: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onderdak"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(l) = lang {
        c.env("LANG", l);
    }
    c.args(args).output().expect("run onderdak")
}

/// The good site with `walk_in` indented by 3 spaces among fields of 2.
fn three_spaces() -> tempfile::TempDir {
    let site = good_site_copy();
    let f = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&f)
        .unwrap()
        .replace("\n  walk_in: true", "\n   walk_in: true");
    fs::write(&f, text).unwrap();
    site
}

#[test]
fn dutch_by_default_english_when_asked() {
    let site = three_spaces();
    let s = site.path().to_str().unwrap();
    for (env, flag, want) in [
        (
            None,
            None,
            "fout[Y102]: regel 11 heeft 3 spaties; de andere velden van `contact` hebben er 2",
        ),
        (
            Some("C.UTF-8"),
            None,
            "fout[Y102]: regel 11 heeft 3 spaties",
        ),
        (
            Some("en_GB.UTF-8"),
            None,
            "error[Y102]: line 11 has 3 spaces; the other fields of `contact` have 2",
        ),
        (Some("en_GB.UTF-8"), Some("nl"), "fout[Y102]: regel 11"),
        (None, Some("en"), "error[Y102]: line 11"),
    ] {
        let mut args = vec!["check", "--site", s];
        if let Some(l) = flag {
            args.extend(["--lang", l]);
        }
        let out = onderdak_env(env, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(want),
            "{env:?} {flag:?}: want `{want}` in\n{err}"
        );
    }
}

#[test]
fn the_source_line_is_shown_with_a_caret() {
    let site = three_spaces();
    let out = onderdak_env(None, &["check", "--site", site.path().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    let want = "  --> content/regions/regio-test/nachtopvang-test.md:11:4\n   |\n11 |    walk_in: true\n   |    ^^^^^^^\n";
    assert!(err.contains(want), "{err}");
    assert!(
        err.contains(
            "= tip: spring `walk_in` in met 2 spaties, net als de andere velden van `contact`"
        ),
        "{err}"
    );
}

#[test]
fn warnings_are_summed_up_unless_verbose() {
    let s = fixture("good");
    let s = s.to_str().unwrap();
    let out = onderdak(&["check", "--site", s]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let stale: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[F211]"))
        .collect();
    assert_eq!(stale.len(), 1, "one line for the kind: {err}");
    let n: usize = stale[0]
        .split(": ")
        .nth(1)
        .and_then(|c| c.split('×').next())
        .and_then(|c| c.parse().ok())
        .unwrap();
    assert!(n > 1, "{err}");
    let verbose = stderr(&onderdak(&["check", "--site", s, "--verbose"]));
    assert_eq!(
        verbose.matches("warning[F211]").count(),
        n,
        "every one with --verbose: {verbose}"
    );
}

#[test]
fn json_carries_the_code_and_english_text() {
    let site = three_spaces();
    let out = onderdak_env(
        None,
        &[
            "check",
            "--site",
            site.path().to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(e["code"], "Y102");
    assert_eq!(e["line"], 11);
    assert!(
        e["message"].as_str().unwrap().starts_with("regel 11"),
        "{e}"
    );
    assert!(
        e["message_en"].as_str().unwrap().starts_with("line 11"),
        "{e}"
    );
}

#[test]
fn serve_shows_placeholders_in_a_banner_and_build_refuses_them() {
    let site = good_site_copy();
    let f = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&f)
        .unwrap()
        .replace("id: fixture, section", "id: TODO, section");
    fs::write(&f, text).unwrap();
    let mut session = onderdak::serve::Session::new(site.path());
    let r = session.rebuild(&[]);
    assert!(r.errors.is_none(), "serve builds it");
    let page = r
        .files()
        .find(|(k, _)| k.ends_with("nachtopvang-test/index.html"))
        .map(|(_, v)| String::from_utf8_lossy(v).to_string())
        .unwrap();
    assert!(
        page.contains("id=\"onderdak-guard\""),
        "the banner is there"
    );
    assert!(page.contains("[P802]"), "{page}");
    // Fixed, the banner goes.
    let text = fs::read_to_string(&f)
        .unwrap()
        .replace("id: TODO, section", "id: fixture, section");
    fs::write(&f, text).unwrap();
    let r = session.rebuild(&[]);
    assert!(r
        .files()
        .all(|(_, v)| !String::from_utf8_lossy(v).contains("onderdak-guard")));
}

#[test]
fn the_placeholder_base_url_warns_on_every_build() {
    let site = good_site_copy();
    let out_dir = tempfile::tempdir().unwrap();
    let s = site.path().to_str().unwrap();
    let o = out_dir.path().to_str().unwrap();
    let out = onderdak(&["build", "--site", s, "--out", o, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "P803" && d["severity"] == "warning" && d["line"] == 4),
        "{v:#}"
    );
    // A real address given on the command line: no warning, and --production passes.
    let out = onderdak(&[
        "build",
        "--site",
        s,
        "--out",
        o,
        "--production",
        "--base-url",
        "https://hulp.voorbeeldgemeente.nl",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !v.as_array().unwrap().iter().any(|d| d["code"] == "P803"),
        "{v:#}"
    );
}

#[test]
fn missing_templates_say_where_onderdak_looked() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &fixture("good").join("content"),
        &dir.path().join("content"),
    );
    let out = onderdak(&[
        "check",
        "--site",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "B701")
        .unwrap_or_else(|| panic!("{v:#}"));
    let looked = std::path::absolute(dir.path().join("themes/default/templates")).unwrap();
    let msg = e["message"].as_str().unwrap();
    assert!(msg.contains(&looked.display().to_string()), "{msg}");
    let hint = e["hint"].as_str().unwrap();
    assert!(hint.contains("copy the folder themes/"), "{hint}");
    assert!(!hint.contains("set `theme:`"), "{hint}");
}
