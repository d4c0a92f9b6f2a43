//! A property test: random text (NUL, byte-order marks, CR, invalid UTF-8, markup and
//! script fragments) in every text field and the body of a service. Either `check` refuses
//! it with a located error, or the service's pages parse as HTML5 with a body that is not
//! empty, and hold no `<script>` but the JSON-LD block and the site's own (issue 24).
//!
//! 32 cases by default, to stay fast; `ONDERDAK_PROPTEST_CASES=2000` for a long run.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use onderdak::model::Date;
use proptest::prelude::*;

/// The text fields of a service, as `(key path, placeholder)` in the template below.
const FIELDS: [&str; 13] = [
    "NAME",
    "SUMMARY",
    "PROVIDER",
    "CAPACITY",
    "STAY",
    "PHONE_NOTE",
    "STREET",
    "CITY",
    "HOURS_NOTE",
    "EXC_NOTE",
    "COST",
    "BRING",
    "AUDIENCE_NOTE",
];

const TEMPLATE: &str = "---
name: NAME
summary: SUMMARY
kind: shelter
needs: [sleep-tonight, shelter-intake]
audience: { min_age: 23, groups: [adults], note: AUDIENCE_NOTE }
provider: PROVIDER
capacity: CAPACITY
stay: STAY
contact:
  phone: \"050-1234567\"
  phone_note: PHONE_NOTE
  walk_in: true
address: { street: STREET, postcode: 9401 AA, city: CITY }
hours:
  mon: [\"21:00-09:00\"]
  exceptions:
    - { date: 2026-12-25, closed: true, note: EXC_NOTE }
  note: HOURS_NOTE
cost: COST
bring: [BRING]
sources: [{ id: fixture, section: \"§1\" }]
last_checked: 2026-01-10
---
";

/// Pieces that break naive escaping, and bytes that are not text.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    let tokens: Vec<&'static [u8]> = vec![
        b"\0",
        "\u{feff}".as_bytes(),
        b"\r",
        b"\r\n",
        b"\n",
        b"\t",
        b"<!--",
        b"-->",
        b"<script>",
        b"</script>",
        b"<script src=//evil.example/x.js>",
        b"</title><script>alert(1)</script>",
        b"&",
        b"&amp;",
        b"<",
        b">",
        b"\"",
        b"'",
        b"\\",
        b"]]>",
        b"{{ t }}",
        b"{% raw %}",
        b"javascript:alert(1)",
        b"[x](javascript:alert(1))",
        b"![i](https://evil.example/p.png)",
        "\u{2028}".as_bytes(),
        "\u{202e}".as_bytes(),
        b"---",
        b": ",
        b"# ",
        b"=HYPERLINK(1)",
    ];
    prop_oneof![
        3 => prop::sample::select(tokens).prop_map(<[u8]>::to_vec),
        2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        1 => "[a-zA-Z0-9 ]{1,8}".prop_map(String::into_bytes),
        1 => (0u8..0x80).prop_map(|b| vec![b]),
    ]
}

/// Now and then, bytes that are not UTF-8 in one field (or the body, `FIELDS.len()`).
fn broken() -> impl Strategy<Value = Option<(usize, Vec<u8>)>> {
    let bad: Vec<&'static [u8]> = vec![b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82", b"\xfe\xff"];
    prop::option::weighted(
        0.15,
        (
            0..=FIELDS.len(),
            prop::sample::select(bad).prop_map(<[u8]>::to_vec),
        ),
    )
}

fn hostile() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..6).prop_map(|v| v.concat())
}

/// A YAML scalar holding `bytes`: escaped as a JSON string when they are UTF-8 (JSON is
/// YAML, so the value reaches the page exactly), or raw in double quotes otherwise.
fn scalar(bytes: &[u8], raw: bool) -> Vec<u8> {
    match std::str::from_utf8(bytes) {
        Ok(s) if !raw => serde_json::to_string(&format!("x{s}"))
            .unwrap()
            .into_bytes(),
        _ => {
            let mut out = b"\"x".to_vec();
            for &b in bytes {
                if b == b'"' || b == b'\\' {
                    out.push(b'\\');
                }
                out.push(b);
            }
            out.push(b'"');
            out
        }
    }
}

fn service_file(values: &[Vec<u8>], body: &[u8], raw: bool) -> Vec<u8> {
    let mut text = TEMPLATE.as_bytes().to_vec();
    for (field, value) in FIELDS.iter().zip(values) {
        let at = text
            .windows(field.len())
            .position(|w| w == field.as_bytes())
            .unwrap();
        text.splice(at..at + field.len(), scalar(value, raw));
    }
    text.extend_from_slice(b"Tekst ");
    text.extend_from_slice(body);
    text.push(b'\n');
    text
}

/// What a page may hold: a parse, a body with content, only allowed scripts.
fn assert_page_is_whole(url: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let body = doc.select(&sel("body")).next().expect("a body");
    assert!(
        body.children().any(|c| c.value().is_element()),
        "{url}: the body is empty:\n{html}"
    );
    assert!(
        doc.select(&sel("main h1")).next().is_some(),
        "{url}: no <main> with a heading:\n{html}"
    );
    let mut json_ld = 0;
    for script in doc.select(&sel("script")) {
        let el = script.value();
        match (el.attr("src"), el.attr("type")) {
            (Some(src), None) => assert!(
                src.starts_with("/static/") || src.starts_with("/__onderdak/"),
                "{url}: a script from elsewhere: {src}"
            ),
            (None, Some("application/ld+json")) => {
                json_ld += 1;
                let text: String = script.text().collect();
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{url}: JSON-LD does not parse ({e}): {text}"));
            }
            _ => panic!("{url}: a script the site did not write: {}", script.html()),
        }
    }
    assert!(json_ld <= 1, "{url}: {json_ld} JSON-LD blocks");
}

fn cases() -> u32 {
    std::env::var("ONDERDAK_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32)
}

fn check_one(site: &Path, values: &[Vec<u8>], body: &[u8], raw: bool) {
    let file = site.join("content/regions/regio-test/nachtopvang-test.md");
    fs::write(&file, service_file(values, body, raw)).unwrap();
    // The English translation carries the fixture's facts, not these: without it the
    // English page shows the hostile Dutch text, which is what is tested here.
    let _ = fs::remove_file(site.join("content/regions/regio-test/nachtopvang-test.en.md"));
    let (checked, diags) = onderdak::check_site_on(site, Date::parse("2026-11-23").unwrap());
    let Some(checked) = checked else {
        // Refused: with a located error, in a content file.
        assert!(
            diags.errors().any(|d| d.file.starts_with("content")),
            "refused without a located error: {diags:?}"
        );
        return;
    };
    let tera =
        onderdak::render::load_templates(site, &checked.config.theme).expect("templates load");
    let renderer = onderdak::render::Renderer::new(&checked, tera);
    let pages = onderdak::plan::plan(&checked);
    let mut seen = 0;
    for p in pages
        .iter()
        .filter(|p| p.url.ends_with("/nachtopvang-test/"))
    {
        let html = renderer.render(p).expect("the page renders");
        assert_page_is_whole(&p.url, &html);
        seen += 1;
    }
    assert!(seen >= 2, "the service's pages in both languages: {seen}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_in_any_service_field_never_breaks_the_page(
        values in prop::collection::vec(hostile(), FIELDS.len()),
        body in hostile(),
        raw in prop::bool::weighted(0.3),
        broken in broken(),
    ) {
        let site = SITE.with(|s| s.path().to_path_buf());
        let (mut values, mut body) = (values, body);
        if let Some((i, bytes)) = broken {
            values.get_mut(i).unwrap_or(&mut body).extend(bytes);
        }
        check_one(&site, &values, &body, raw);
    }
}

thread_local! {
    /// One copy of the good site per test thread; each case rewrites the one service file.
    static SITE: tempfile::TempDir = {
        let s = good_site_copy();
        // Keep only the original: the translation would not change with the original.
        let _ = fs::remove_file(s.path().join("content/regions/regio-test/nachtopvang-test.en.md"));
        s
    };
}

/// The hand-picked worst case, always run: every field `<!--<script>` and a NUL-free body.
#[test]
fn comment_and_script_openers_in_every_field() {
    let site = good_site_copy();
    let values: Vec<Vec<u8>> = FIELDS
        .iter()
        .map(|_| b"<!--<script>&</script><!--".to_vec())
        .collect();
    check_one(
        site.path(),
        &values,
        b"<!--<script>alert(1)</script>",
        false,
    );
    // And the service made it through check: its page was looked at.
    let (checked, _) = onderdak::check_site_on(site.path(), Date::parse("2026-11-23").unwrap());
    assert!(checked.is_some());
}
