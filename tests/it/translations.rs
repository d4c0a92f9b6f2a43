//! Translations: what they translate (marks) and when they go out of date, the fallback
//! chain, and the PO round trip for translators. On copies of the good fixture site.

use std::fs;
use std::path::Path;

use crate::common::*;
use polib::message::{MessageMutView, MessageView};

fn run(args: &[&str]) -> (bool, String, String) {
    let out = onderdak(args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        stderr(&out),
    )
}

fn site_arg(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

/// A third language, Ukrainian, made from the English interface texts (a test needs a
/// language with a fallback chain; the words do not matter here).
fn add_ukrainian(dir: &Path, fallback: &str) {
    add_ukrainian_with(dir, fallback, true)
}

fn add_ukrainian_with(dir: &Path, fallback: &str, flow: bool) {
    let en = fs::read_to_string(dir.join("content/i18n/en.yaml")).unwrap();
    let uk = en
        .lines()
        .map(|l| {
            if l.starts_with("language_name:") {
                "language_name: Українська".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(dir.join("content/i18n/uk.yaml"), uk + "\n").unwrap();
    let site = fs::read_to_string(dir.join("content/site.yaml")).unwrap();
    let site = site.replace("languages: [nl, en]", "languages: [nl, en, uk]");
    fs::write(dir.join("content/site.yaml"), format!("{site}{fallback}")).unwrap();
    if flow {
        fs::copy(
            dir.join("content/tree.en.yaml"),
            dir.join("content/tree.uk.yaml"),
        )
        .unwrap();
    }
}

/// The page's `<h1 …>…</h1>` with quotes and repeated spaces taken out, for comparisons
/// that do not depend on the minifier's choices.
fn h1(html: &str) -> String {
    let start = html.find("<h1").expect("an h1");
    let end = html[start..].find("</h1>").expect("h1 closes") + start + 5;
    html[start..end]
        .replace('"', "")
        .split(' ')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn page(out: &Path, url: &str) -> String {
    fs::read_to_string(out.join(url.trim_start_matches('/')).join("index.html"))
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

const SHELTER_EN: &str = "content/regions/regio-test/nachtopvang-test.en.md";

#[test]
fn an_edited_original_makes_its_translation_outdated_in_check_and_on_the_page() {
    let site = good_site_copy();
    let s = site_arg(site.path());
    let (ok, stdout, err) = run(&["translations", "mark", "--site", s]);
    assert!(ok, "{err}");
    assert!(stdout.contains(&format!("marked {SHELTER_EN}")), "{stdout}");
    let marked = fs::read_to_string(site.path().join(SHELTER_EN)).unwrap();
    assert!(marked.contains("\ntranslates: \"name:"), "{marked}");
    // Marked and unchanged: no warning about it, and a second mark changes nothing.
    let (_, _, err) = run(&["check", "--site", s]);
    assert!(!err.contains("original changed"), "{err}");
    let (_, stdout, _) = run(&["translations", "mark", "--site", s]);
    assert!(stdout.contains("0 marked"), "{stdout}");

    // The Dutch summary changes.
    let nl = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&nl).unwrap();
    fs::write(
        &nl,
        text.replace(
            "summary: Een bed voor de nacht.",
            "summary: Een bed en een douche voor de nacht.",
        ),
    )
    .unwrap();
    let (ok, _, err) = run(&["check", "--site", s]);
    assert!(
        ok,
        "an outdated translation is a warning, not an error: {err}"
    );
    let warning = err
        .lines()
        .find(|l| l.contains(SHELTER_EN) && l.contains("original changed"))
        .unwrap_or_else(|| panic!("no outdated warning naming the translation:\n{err}"));
    assert!(
        warning.contains("summary changed, now \"Een bed en een douche voor de nacht.\""),
        "{warning}"
    );
    assert!(
        !warning.contains("name"),
        "only the summary changed: {warning}"
    );

    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("public");
    let (ok, _, err) = run(&["build", "--site", s, "--out", o.to_str().unwrap()]);
    assert!(ok, "{err}");
    let html = page(&o, "/en/regio-test/nachtopvang-test/");
    assert_eq!(
        html.matches("The Dutch text has changed since this translation was made.")
            .count(),
        1,
        "the English page says once that the Dutch is newer"
    );
    assert!(
        html.contains("href=\"/nl/regio-test/nachtopvang-test/\""),
        "the note links to the Dutch page"
    );
    // Marked again after updating: the note is gone.
    run(&["translations", "mark", "--site", s, SHELTER_EN]);
    let (_, _, err) = run(&["check", "--site", s]);
    assert!(!err.contains("original changed"), "{err}");
}

#[test]
fn the_fallback_chain_is_tried_in_order_and_only_the_fallback_text_carries_its_language() {
    let site = good_site_copy();
    let s = site_arg(site.path());
    add_ukrainian(site.path(), "fallback:\n  uk: [en]\n");
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("public");
    let (ok, _, err) = run(&["build", "--site", s, "--out", o.to_str().unwrap()]);
    assert!(ok, "{err}");
    // The shelter has an English translation and no Ukrainian one: English comes first.
    let html = page(&o, "/uk/regio-test/nachtopvang-test/");
    assert_eq!(
        h1(&html),
        "<h1 lang=en dir=ltr>Night shelter Test</h1>",
        "the English name, marked as English"
    );
    assert!(html.contains("lang=\"uk\"><head>"), "the page is Ukrainian");
    assert!(
        !html.contains("<article class=service lang")
            && !html.contains("<article class=\"service\" lang"),
        "the article around it stays in the page's language"
    );
    // Once per page, naming the languages (the national line of the fixture has no
    // translation at all, so Dutch is named too).
    assert_eq!(
        html.matches("Some texts on this page are not translated yet.")
            .count(),
        1,
        "the page says once which texts are in another language"
    );
    assert!(
        html.contains("You read them in: English, Nederlands."),
        "English first"
    );
    // The front door of Teststad has no translation at all: Dutch, the last of every chain.
    let html = page(&o, "/uk/teststad/loket-teststad/");
    assert!(
        h1(&html).starts_with("<h1 lang=nl dir=ltr>"),
        "Dutch, marked as Dutch: {}",
        h1(&html)
    );
    assert_eq!(html.matches("You read them in: ").count(), 1);
    assert!(html.contains("Nederlands."));

    // Without a chain, Ukrainian falls back to Dutch directly.
    let plain = good_site_copy();
    add_ukrainian(plain.path(), "");
    let o2 = out.path().join("plain");
    let (ok, _, err) = run(&[
        "build",
        "--site",
        site_arg(plain.path()),
        "--out",
        o2.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let html = page(&o2, "/uk/regio-test/nachtopvang-test/");
    assert_eq!(h1(&html), "<h1 lang=nl dir=ltr>Nachtopvang Test</h1>");
}

#[test]
fn a_po_file_goes_out_and_comes_back_as_marked_translations() {
    let site = good_site_copy();
    let s = site_arg(site.path());
    add_ukrainian_with(site.path(), "", false);
    let po = site.path().join("translations/uk.po");
    let (ok, stdout, err) = run(&["translations", "export", "--site", s, "--lang", "uk"]);
    assert!(ok, "{err}");
    assert!(stdout.contains("uk.po"), "{stdout}");
    let mut catalog = polib::po_file::parse(&po).unwrap();
    assert_eq!(catalog.metadata.language, "uk");
    let shelter = "content/regions/regio-test/nachtopvang-test.md#summary";
    assert!(
        catalog
            .messages()
            .any(|m| m.msgctxt() == Some(shelter) && m.msgid() == "Een bed voor de nacht."),
        "the Dutch summary is a message"
    );
    // A translator fills in every text (keeping its facts: the prefix adds none).
    for mut m in catalog.messages_mut() {
        let t = format!("[uk] {}", m.msgid());
        *m.msgstr_mut().unwrap() = t;
    }
    polib::po_file::write_to_file(&catalog, &po).unwrap();
    let (ok, stdout, err) = run(&["translations", "import", "--site", s, po.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        stdout.contains("wrote content/regions/regio-test/nachtopvang-test.uk.md"),
        "{stdout}"
    );
    let written = fs::read_to_string(
        site.path()
            .join("content/regions/regio-test/nachtopvang-test.uk.md"),
    )
    .unwrap();
    assert!(
        written.contains("summary: \"[uk] Een bed voor de nacht.\""),
        "{written}"
    );
    assert!(written.contains("reviewed: false"), "{written}");
    assert!(written.contains("\ntranslates: \""), "{written}");
    assert!(
        written.contains("[uk] Je kunt hier **slapen**."),
        "{written}"
    );
    // The imported files pass check, are not outdated, and nothing is left to export.
    let (ok, _, err) = run(&["check", "--site", s]);
    assert!(ok, "{err}");
    assert!(!err.contains("original changed"), "{err}");
    // Their marks are current: marking again changes none of them.
    let (_, stdout, _) = run(&["translations", "mark", "--site", s, "--lang", "uk"]);
    assert!(!stdout.contains(".uk.md"), "{stdout}");
    let again = site.path().join("again.po");
    let (ok, stdout, err) = run(&[
        "translations",
        "export",
        "--site",
        s,
        "--lang",
        "uk",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        stdout.contains("(0 texts of 0 files and flow steps)"),
        "{stdout}"
    );
    let (_, stdout, _) = run(&["check", "--site", s, "--translations"]);
    let uk = stdout.lines().find(|l| l.starts_with("uk ")).unwrap();
    let cols: Vec<&str> = uk.split_whitespace().collect();
    assert_eq!(cols[3], "0", "no file missing in uk: {uk}");
}

#[test]
fn a_half_translated_po_file_writes_only_the_complete_files() {
    let site = good_site_copy();
    let s = site_arg(site.path());
    add_ukrainian(site.path(), "");
    let po = site.path().join("uk.po");
    run(&[
        "translations",
        "export",
        "--site",
        s,
        "--lang",
        "uk",
        "--out",
        po.to_str().unwrap(),
    ]);
    let mut catalog = polib::po_file::parse(&po).unwrap();
    for mut m in catalog.messages_mut() {
        if m.msgctxt().is_some_and(|c| {
            c.starts_with("content/regions/regio-test/nachtopvang-test.md#")
                && !c.ends_with("#body.1")
        }) {
            let t = format!("[uk] {}", m.msgid());
            *m.msgstr_mut().unwrap() = t;
        }
    }
    polib::po_file::write_to_file(&catalog, &po).unwrap();
    let (ok, stdout, err) = run(&["translations", "import", "--site", s, po.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(stdout.contains("skipped content/regions/regio-test/nachtopvang-test.md: `body.1` is not translated yet"), "{stdout}");
    assert!(!site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.uk.md")
        .exists());
}
