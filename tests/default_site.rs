//! Checks on the default site in content/: honest content, a complete build, correct
//! language markup, working internal links, the page budget, and the question flow.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use onderdak::model::Date;
use proptest::prelude::*;

/// The default site, built once for all tests in this file.
fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let o = onderdak(&[
            "build",
            "--site",
            root().to_str().unwrap(),
            "--out",
            out.path().join("public").to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "the default site must build:\n{}",
            stderr(&o)
        );
        out
    })
    .path()
}

fn public() -> PathBuf {
    built().join("public")
}

fn html_pages() -> Vec<(String, String)> {
    walkdir::WalkDir::new(public())
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path()
                    .strip_prefix(public())
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

fn site() -> onderdak::model::Site {
    let (site, diags) = onderdak::check_site_on(&root(), Date::today());
    assert!(
        !diags.has_errors(),
        "{:?}",
        diags.errors().map(ToString::to_string).collect::<Vec<_>>()
    );
    site.unwrap()
}

#[test]
fn default_content_passes_check() {
    let o = onderdak(&["check", "--site", root().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn every_service_cites_a_source_and_a_check_date() {
    let site = site();
    assert!(
        site.services.len() >= 30,
        "the four regions have many services; found {}",
        site.services.len()
    );
    let known = |id: &str| site.sources.contains_key(id);
    for s in &site.services {
        let v = &s.doc.front.value;
        assert!(!v.sources.is_empty(), "{}: cites no source", s.id);
        for c in &v.sources {
            assert!(known(c.id()), "{}: unknown source `{}`", s.id, c.id());
        }
        assert!(
            v.last_checked.year >= 2020,
            "{}: last_checked {}",
            s.id,
            v.last_checked
        );
    }
    for p in &site.pages {
        assert!(
            !p.doc.front.value.sources.is_empty(),
            "page {} has no source",
            p.slug
        );
    }
    for m in &site.municipalities {
        assert!(
            !m.sources.is_empty(),
            "municipality {} has no source",
            m.slug
        );
        assert!(
            m.contact.phone.is_some() || m.phone_not_found.is_some(),
            "municipality {} has no phone and no note of where it was looked for",
            m.slug
        );
    }
    // Readers see titles and publishers, never internal codes.
    for (id, src) in &site.sources {
        for code in ["DOMAIN.md", "seeds/"] {
            assert!(
                !src.title.contains(code),
                "source {id}: title shows `{code}`"
            );
        }
    }
}

/// Phone-like digit runs in a text: 3+ digits possibly split by spaces or dashes.
fn phone_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_alphanumeric()
                    || chars[i - 1] == ':'
                    || chars[i - 1] == '.'
                    || chars[i - 1] == '/'))
        {
            let start = i;
            let mut digits = String::new();
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ' ' || chars[i] == '-')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()))
            {
                if chars[i].is_ascii_digit() {
                    digits.push(chars[i]);
                }
                i += 1;
            }
            let next = chars.get(i).copied();
            let looks_like_phone = (digits == "112"
                || digits == "113"
                || (digits.starts_with('0') && digits.len() >= 8))
                && !next.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '%');
            if looks_like_phone
                && chars[start..i]
                    .iter()
                    .filter(|c| c.is_ascii_digit())
                    .count()
                    == digits.len()
            {
                out.push(digits);
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn no_phone_number_in_content_lacks_a_source() {
    let site = site();
    // Numbers that a sourced service gives as its phone (or in its phone note).
    let mut sourced: BTreeSet<String> = BTreeSet::new();
    for s in &site.services {
        let v = &s.doc.front.value;
        if v.sources.is_empty() {
            continue;
        }
        if let Some(c) = &v.contact {
            for p in c.phone.iter().chain(&c.night_phone) {
                sourced.insert(p.0.chars().filter(char::is_ascii_digit).collect());
            }
            for note in c.phone_note.iter().chain(&c.night_phone_note) {
                sourced.extend(phone_numbers(note));
            }
        }
    }
    for m in &site.municipalities {
        if let Some(p) = &m.contact.phone {
            sourced.insert(p.0.chars().filter(char::is_ascii_digit).collect());
        }
    }
    let mut unsourced = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        // The source register holds addresses of pages (with digits), not numbers to call.
        if entry.file_name() == "README.md"
            || entry
                .path()
                .parent()
                .is_some_and(|p| p.ends_with("sources"))
        {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        // YAML comments are notes for editors (old numbers not used, what was searched), and
        // digits inside a web address are not phone numbers.
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let text: String = text
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        for n in phone_numbers(&text) {
            if !sourced.contains(&n) {
                unsourced.push(format!("{}: {n}", entry.path().display()));
            }
        }
    }
    assert!(
        unsourced.is_empty(),
        "phone numbers with no sourced service behind them:\n{}",
        unsourced.join("\n")
    );
}

#[test]
fn phone_scanner_finds_numbers_and_skips_dates() {
    assert_eq!(
        phone_numbers("Bel 0800-2000 of 113, of 050 123 4567."),
        vec!["08002000", "113", "0501234567"]
    );
    assert!(phone_numbers("2026-11-23, 8 bedden, 24 plekken, §3.2, 2024").is_empty());
}

#[test]
fn every_page_has_the_right_lang_and_dir() {
    let site = site();
    for (path, html) in html_pages() {
        let first = path.split('/').next().unwrap();
        let lang = if site.language(first).is_some() {
            first
        } else {
            site.default_language()
        };
        let dir = &site.language(lang).unwrap().dir;
        let head = &html[..html.find("<head").unwrap_or(0)];
        assert_eq!(attr_values(head, "lang"), vec![lang], "{path}: {head}");
        assert_eq!(
            attr_values(head, "dir"),
            vec![dir.as_str()],
            "{path}: {head}"
        );
    }
}

/// Every attribute value of `attr` in `html` (minified HTML may leave values unquoted).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            }
        })
        .collect()
}

fn resolves(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let local = public().join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        local.join("index.html").is_file()
    } else {
        local.is_file()
    }
}

#[test]
fn every_internal_link_and_hreflang_target_resolves() {
    let base = site().config.base_url.0.clone();
    let mut broken = Vec::new();
    for (path, html) in html_pages() {
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                let v = v.replace("&amp;", "&");
                let local = if let Some(rest) = v.strip_prefix(&base) {
                    rest.to_string()
                } else {
                    v.clone()
                };
                if local.starts_with('/') && !local.starts_with("//") && !resolves(&local) {
                    broken.push(format!("{path}: {attr}={v}"));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken
            .iter()
            .take(50)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

#[test]
fn every_page_with_its_css_fits_in_14_kb_gzipped() {
    let css = fs::read(public().join("static/site.css")).unwrap();
    let css_gz = gzip_len(&css);
    let mut largest = (0, String::new());
    let mut over = Vec::new();
    for (path, html) in html_pages() {
        let mut size = gzip_len(html.as_bytes()) + css_gz;
        for src in attr_values(&html, "src") {
            if let Ok(js) = fs::read(public().join(src.trim_start_matches('/'))) {
                size += gzip_len(&js);
            }
        }
        if size > largest.0 {
            largest = (size, path.clone());
        }
        if size > 14 * 1024 {
            over.push(format!("{path}: {size} bytes"));
        }
    }
    eprintln!(
        "largest page with CSS and scripts, gzip: {} bytes ({})",
        largest.0, largest.1
    );
    assert!(
        over.is_empty(),
        "pages over 14 kB gzip:\n{}",
        over.join("\n")
    );
}

#[test]
fn every_municipality_has_the_flow_and_a_front_door() {
    let site = site();
    for (m, muni) in site.municipalities.iter().enumerate() {
        assert!(public()
            .join(format!("nl/{}/waar-kan-ik-terecht/index.html", muni.slug))
            .is_file());
        assert!(public()
            .join(format!("en/{}/waar-kan-ik-terecht/index.html", muni.slug))
            .is_file());
        let front = site.matching(Some(m), &[onderdak::model::Need::FrontDoor]);
        assert!(
            !front.local.is_empty() || !front.regional.is_empty(),
            "{} has no front door",
            muni.slug
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    /// Random walks through the flow for random municipalities always end at an answer
    /// that shows at least one service.
    #[test]
    fn random_paths_end_at_an_answer_with_help(muni_seed in any::<usize>(), choices in proptest::collection::vec(any::<usize>(), 12)) {
        let site = cached_site();
        let m = muni_seed % site.municipalities.len();
        let mut node = site.tree.start.clone();
        for (step, c) in choices.iter().enumerate() {
            let q = site.question(&node).expect("question exists");
            let o = &q.options[c % q.options.len()];
            if let Some(a) = &o.answer {
                let answer = site.answer(a).expect("answer exists");
                let found = site.matching(Some(m), &answer.needs);
                prop_assert!(!found.is_empty(), "answer {} has no service in {}", a, site.municipalities[m].slug);
                return Ok(());
            }
            node = o.next.clone().expect("option leads somewhere");
            prop_assert!(step < 11, "path longer than 12 steps");
        }
        prop_assert!(false, "no answer reached");
    }
}

fn cached_site() -> &'static onderdak::model::Site {
    static SITE: OnceLock<onderdak::model::Site> = OnceLock::new();
    SITE.get_or_init(site)
}

#[test]
fn offline_essentials_hold_every_page_the_flow_can_reach() {
    let site = cached_site();
    let paths = onderdak::plan::flow_paths(site);
    let mut largest = (0usize, 0usize, String::new());
    for lang in &site.languages {
        for (m, muni) in site.municipalities.iter().enumerate() {
            let urls = onderdak::data::offline::essentials(site, &lang.code, m);
            let listed: BTreeSet<&String> = urls.iter().collect();
            for (trail, node) in &paths {
                let url = onderdak::url::flow_url(site, &lang.code, Some(m), trail);
                assert!(
                    listed.contains(&url),
                    "{} {}: {url} not kept offline",
                    lang.code,
                    muni.slug
                );
                // …and every service an answer shows there.
                if let onderdak::plan::FlowNode::Answer(a) = node {
                    for i in site.matching(Some(m), &site.answer(a).unwrap().needs).all() {
                        let s = onderdak::url::service_url(site, &lang.code, i);
                        assert!(
                            listed.contains(&s),
                            "{} {}: {s} (shown by answer {a}) not kept offline",
                            lang.code,
                            muni.slug
                        );
                    }
                }
            }
            // The built manifest says the same, and every URL in it exists.
            let manifest: serde_json::Value = serde_json::from_slice(
                &fs::read(
                    public()
                        .join(&lang.code)
                        .join(&muni.slug)
                        .join("offline.json"),
                )
                .unwrap(),
            )
            .unwrap();
            assert_eq!(manifest["urls"].as_array().unwrap().len(), urls.len());
            let (mut raw, mut gz) = (0, 0);
            for u in &urls {
                assert!(
                    resolves(u),
                    "{u} is listed for offline use but was not built"
                );
                let file = if u.ends_with('/') {
                    public().join(u.trim_start_matches('/')).join("index.html")
                } else {
                    public().join(u.trim_start_matches('/'))
                };
                let bytes = fs::read(file).unwrap();
                raw += bytes.len();
                gz += gzip_len(&bytes);
            }
            if raw > largest.0 {
                largest = (
                    raw,
                    gz,
                    format!("{} {} ({} files)", lang.code, muni.slug, urls.len()),
                );
            }
        }
    }
    eprintln!(
        "largest offline set: {} bytes stored, {} bytes gzip transferred: {}",
        largest.0, largest.1, largest.2
    );
}

#[test]
fn every_region_has_a_changes_page_and_an_atom_feed_of_its_services() {
    let site = cached_site();
    for (r, region) in site.regions.iter().enumerate() {
        let services = onderdak::plan::region_services(site, r);
        assert!(!services.is_empty(), "{} has no services", region.slug);
        let feed = fs::read_to_string(
            public()
                .join("nl")
                .join(&region.slug)
                .join("wat-is-er-veranderd/feed.atom"),
        )
        .unwrap();
        assert!(
            feed.starts_with("<?xml") && feed.contains("xmlns=\"http://www.w3.org/2005/Atom\"")
        );
        assert_eq!(
            feed.matches("<entry>").count(),
            services.len(),
            "{}",
            region.slug
        );
        assert_eq!(
            feed.matches("<entry>").count(),
            feed.matches("</entry>").count()
        );
        // Newest first, as the page promises.
        let dates: Vec<&str> = feed
            .match_indices("<updated>")
            .skip(1)
            .map(|(i, _)| &feed[i + 9..i + 19])
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{}: {:?}",
            region.slug,
            dates
        );
        assert!(public()
            .join("en")
            .join(&region.slug)
            .join("wat-is-er-veranderd/index.html")
            .is_file());
    }
}

/// Search is split so a phone never fetches the whole country: every service is in exactly
/// one search file of its language, national ones in the main index, the others in their
/// region's shard; every municipality and region is in the main index with its region.
#[test]
fn every_service_is_in_one_search_file_and_places_name_their_region() {
    let site = cached_site();
    let read = |rel: String| -> Vec<serde_json::Value> {
        serde_json::from_slice(
            &fs::read(public().join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}")),
        )
        .unwrap()
    };
    for lang in ["nl", "en"] {
        let main = read(format!("{lang}/zoeken/index.json"));
        let urls = |items: &[serde_json::Value]| -> Vec<String> {
            items
                .iter()
                .map(|it| it["u"].as_str().unwrap().to_string())
                .collect()
        };
        let mut seen: Vec<String> = Vec::new();
        for (i, s) in site.services.iter().enumerate() {
            let url = onderdak::url::service_url(site, lang, i);
            let file = match &s.scope {
                onderdak::load::Scope::National => "index.json".to_string(),
                _ => {
                    let r = (0..site.regions.len())
                        .find(|&r| onderdak::plan::region_services(site, r).contains(&i))
                        .unwrap_or_else(|| panic!("{} in no region", s.id));
                    format!("regio/{}.json", site.regions[r].slug)
                }
            };
            let items = read(format!("{lang}/zoeken/{file}"));
            assert_eq!(
                urls(&items).iter().filter(|u| **u == url).count(),
                1,
                "{url} not once in {lang}/zoeken/{file}"
            );
            seen.push(url);
        }
        // Nothing else: the shards together hold exactly the non-national services.
        let mut in_files = urls(&main)
            .into_iter()
            .filter(|u| seen.contains(u))
            .collect::<Vec<_>>();
        for r in &site.regions {
            in_files.extend(urls(&read(format!("{lang}/zoeken/regio/{}.json", r.slug))));
        }
        in_files.sort();
        seen.sort();
        assert_eq!(
            in_files, seen,
            "{lang}: the search files do not hold each service once"
        );
        for m in &site.municipalities {
            let it = main
                .iter()
                .find(|it| it["u"] == format!("/{lang}/{}/", m.slug))
                .unwrap_or_else(|| panic!("{} not in the main index", m.slug));
            assert_eq!(it["r"], site.regions[m.region].slug.as_str(), "{}", m.slug);
        }
        for r in &site.regions {
            assert!(
                main.iter()
                    .any(|it| it["r"] == r.slug.as_str()
                        && it["u"] == format!("/{lang}/{}/", r.slug)),
                "{} not in the main index",
                r.slug
            );
        }
    }
}

/// Reachable help, per region: the figures of the content round of issue 17, printed for the
/// closing note, with a floor each may not drop below. Raise a floor when content improves;
/// lowering one needs a reason in the commit.
#[test]
fn reachable_help_does_not_drop_below_its_floor() {
    let site = site();
    let cov = onderdak::check::reach::coverage(&site, Date::today());
    println!(
        "{:<20} {:>9} {:>12} {:>11} {:>13} {:>13}  sources by kind / by age (≤1y ≤2y older undated)",
        "region", "muni☎", "svc contact", "shelter☎", "tonight☎", "tonight night☎"
    );
    for (region, c) in &cov {
        println!(
            "{:<20} {:>4}/{:<4} {:>6}/{:<5} {:>5}/{:<5} {:>6}/{:<6} {:>6}/{:<6}  {:?} / {:?}",
            region,
            c.municipalities_with_phone,
            c.municipalities,
            c.services_with_contact,
            c.services,
            c.shelters_with_phone,
            c.shelters,
            c.tonight_with_number,
            c.tonight_answers,
            c.tonight_with_night_number,
            c.tonight_answers,
            c.sources_by_kind,
            c.sources_by_age
        );
    }
    // (region, municipalities with a phone, services with any contact, shelters with a phone,
    //  tonight answers with a number, tonight answers with a night number)
    let floors: [(&str, usize, usize, usize, usize, usize); 5] = [
        (
            "drechtsteden",
            FLOOR_DRECHTSTEDEN.0,
            FLOOR_DRECHTSTEDEN.1,
            FLOOR_DRECHTSTEDEN.2,
            FLOOR_DRECHTSTEDEN.3,
            FLOOR_DRECHTSTEDEN.4,
        ),
        (
            "ijssel-vecht",
            FLOOR_IJSSEL_VECHT.0,
            FLOOR_IJSSEL_VECHT.1,
            FLOOR_IJSSEL_VECHT.2,
            FLOOR_IJSSEL_VECHT.3,
            FLOOR_IJSSEL_VECHT.4,
        ),
        (
            "provincie-groningen",
            FLOOR_GRONINGEN.0,
            FLOOR_GRONINGEN.1,
            FLOOR_GRONINGEN.2,
            FLOOR_GRONINGEN.3,
            FLOOR_GRONINGEN.4,
        ),
        (
            "regio-assen",
            FLOOR_ASSEN.0,
            FLOOR_ASSEN.1,
            FLOOR_ASSEN.2,
            FLOOR_ASSEN.3,
            FLOOR_ASSEN.4,
        ),
        ("landelijk", 0, 3, 0, 0, 0),
    ];
    let mut below = Vec::new();
    for (region, muni, contact, shelter, tonight, night) in floors {
        let c = cov.get(region).cloned().unwrap_or_default();
        for (what, have, floor) in [
            (
                "municipalities with a phone",
                c.municipalities_with_phone,
                muni,
            ),
            (
                "services with any contact",
                c.services_with_contact,
                contact,
            ),
            ("shelters with a phone", c.shelters_with_phone, shelter),
            (
                "tonight answers with a number",
                c.tonight_with_number,
                tonight,
            ),
            (
                "tonight answers with a night number",
                c.tonight_with_night_number,
                night,
            ),
        ] {
            if have < floor {
                below.push(format!("{region}: {what} {have} < floor {floor}"));
            }
        }
    }
    // Every municipality must have a phone and every tonight answer a number (check errors).
    // (Without a phone, a municipality must say where it was looked for: `phone_not_found`.)
    for c in cov.values() {
        assert_eq!(
            c.municipalities_with_phone + c.municipalities_phone_searched,
            c.municipalities
        );
        assert_eq!(c.tonight_with_number, c.tonight_answers);
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

// Floors reached in the content round of issue 17 (2026-12-01).
// Before that round: no municipality had a phone number and no shelter either.
const FLOOR_DRECHTSTEDEN: (usize, usize, usize, usize, usize) = (4, 15, 2, 27, 0);
const FLOOR_IJSSEL_VECHT: (usize, usize, usize, usize, usize) = (8, 26, 1, 24, 24);
const FLOOR_GRONINGEN: (usize, usize, usize, usize, usize) = (8, 30, 6, 30, 30);
const FLOOR_ASSEN: (usize, usize, usize, usize, usize) = (8, 35, 1, 27, 27);

/// Hours that are only a note (a winter scheme: "only when it freezes") show the note, not
/// a week of "closed" and no "open now" verdict; the JSON-LD gives no opening hours either.
#[test]
fn hours_that_are_only_a_note_show_the_note_and_no_verdict() {
    let site = site();
    let mut checked = 0;
    for (i, s) in site.services.iter().enumerate() {
        let Some(h) = &s.doc.front.value.hours else {
            continue;
        };
        if h.has_times() {
            continue;
        }
        for l in &site.languages {
            let url = onderdak::url::service_url(&site, &l.code, i);
            let html = fs::read_to_string(
                public()
                    .join(url.trim_start_matches('/'))
                    .join("index.html"),
            )
            .unwrap();
            let hours = &html[html
                .find("aria-labelledby=hours")
                .unwrap_or_else(|| panic!("{url}: no hours section"))..];
            let hours = &hours[..hours.find("</section>").unwrap()];
            assert!(
                !hours.contains("<table"),
                "{url}: a week table for hours that are only a note"
            );
            assert!(
                !hours.contains("open-now"),
                "{url}: an open-now verdict for hours that are only a note"
            );
            let closed = &l.strings["closed"];
            assert!(!hours.contains(closed.as_str()), "{url}: says {closed:?}");
            if let Some(note) = &h.note {
                if l.code == site.default_language() {
                    // Numbers in the note are isolated in <bdi> for right-to-left pages.
                    let shown = hours.replace("<bdi>", "").replace("</bdi>", "");
                    assert!(
                        shown.contains(note.as_str()),
                        "{url}: the note {note:?} is not shown"
                    );
                }
            }
            let ld = html.split("application/ld+json>").nth(1).unwrap();
            let ld = &ld[..ld.find("</script>").unwrap()];
            assert!(
                !ld.contains("hoursAvailable") && !ld.contains("openingHours"),
                "{url}: {ld}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "the default site has no service whose hours are only a note"
    );
}

/// Text of an attribute value with the entities tera writes decoded.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The `content` of `<meta name="description">` in a page's head, if there is one.
fn meta_description(html: &str) -> Vec<String> {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    head.split("<meta ")
        .skip(1)
        .map(|m| &m[..m.find('>').unwrap_or(m.len())])
        .filter(|m| m.contains("name=description") || m.contains("name=\"description\""))
        .map(|m| {
            attr_values(&format!(" {m}"), "content")
                .first()
                .map(|s| unescape(s))
                .unwrap_or_default()
        })
        .collect()
}

/// Every page has one `<meta name="description">`, not empty; a service's and an
/// explainer's is the summary their page shows.
#[test]
fn every_page_has_a_meta_description_from_its_summary() {
    let site = site();
    let mut missing = Vec::new();
    for (path, html) in html_pages() {
        let d = meta_description(&html);
        if d.len() != 1 || d[0].trim().is_empty() {
            missing.push(format!("{path}: {d:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "{} pages:\n{}",
        missing.len(),
        missing.join("\n")
    );
    for l in &site.languages {
        for i in 0..site.services.len() {
            let (card, html) = service_page(&site, &l.code, i);
            let d = &meta_description(&html)[0];
            match &card.summary {
                Some(s) => assert_eq!(
                    d,
                    &s.split_whitespace().collect::<Vec<_>>().join(" "),
                    "{}",
                    card.url
                ),
                None => assert!(d.contains(&card.name), "{}: {d}", card.url),
            }
        }
    }
}

/// The JSON-LD of a service page speaks the page's language: `inLanguage`, and the name and
/// description the page shows (Dutch, and `nl`, only where the page falls back to Dutch).
#[test]
fn service_json_ld_says_what_the_page_shows_in_its_language() {
    let site = site();
    for l in &site.languages {
        for i in 0..site.services.len() {
            let (card, html) = service_page(&site, &l.code, i);
            let ld = html.split("application/ld+json>").nth(1).unwrap();
            let ld: serde_json::Value =
                serde_json::from_str(&ld[..ld.find("</script>").unwrap()].replace("<\\/", "</"))
                    .unwrap();
            let want_lang = card
                .fallback
                .as_ref()
                .map_or(l.code.as_str(), |f| f.code.as_str());
            assert_eq!(ld["inLanguage"], want_lang, "{}", card.url);
            assert_eq!(ld["name"], card.name.as_str(), "{}", card.url);
            let h1 = html
                .split("<h1")
                .nth(1)
                .and_then(|h| h.split_once('>'))
                .map(|(_, h)| h)
                .unwrap()
                .split("</h1>")
                .next()
                .unwrap();
            assert_eq!(
                unescape(h1),
                card.name,
                "{}: the page shows another name",
                card.url
            );
            assert_eq!(
                ld["description"].as_str(),
                card.summary.as_deref(),
                "{}",
                card.url
            );
        }
    }
}

/// Every HTML page of the build is in the sitemap, except the stand-ins that say
/// `noindex` (the 404 page, the offline pages); no page in the sitemap says `noindex`.
#[test]
fn every_public_page_is_in_the_sitemap() {
    let base = site().config.base_url.0.clone();
    let sitemap = fs::read_to_string(public().join("sitemap.xml")).unwrap();
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|x| {
            x.split("</loc>")
                .next()
                .unwrap()
                .trim_start_matches(&base)
                .to_string()
        })
        .collect();
    let mut problems = Vec::new();
    let mut unlisted = 0;
    for (path, html) in html_pages() {
        let url = format!("/{}", path.trim_end_matches("index.html"));
        let head = &html[..html.find("</head>").unwrap()];
        let noindex = head.contains("robots") && head.contains("noindex");
        match (listed.contains(&url), noindex) {
            (true, true) => problems.push(format!("{url}: in the sitemap but noindex")),
            (false, false) => problems.push(format!("{url}: not in the sitemap")),
            (false, true) => unlisted += 1,
            (true, false) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        unlisted,
        1 + site().languages.len(),
        "the 404 page and one offline page per language"
    );
}

/// A service's card in one language and its built page.
fn service_page(
    site: &onderdak::model::Site,
    lang: &str,
    i: usize,
) -> (onderdak::render::views::ServiceCard, String) {
    let card = onderdak::render::views::service_card(site, lang, i);
    let html = fs::read_to_string(
        public()
            .join(card.url.trim_start_matches('/'))
            .join("index.html"),
    )
    .unwrap();
    (card, html)
}
