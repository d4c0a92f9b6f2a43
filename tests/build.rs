//! Building the good fixture site: what comes out, snapshots of key pages, determinism, and
//! that a failed build leaves the previous output exactly as it was.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn build(site: &Path, out: &Path) -> std::process::Output {
    onderdak(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Minified HTML on one line is hard to review; break it at tags for snapshots.
fn readable(html: &str) -> String {
    html.replace("><", ">\n<")
}

#[test]
fn builds_every_page_kind_with_sitemap_and_robots() {
    let out = tempfile::tempdir().unwrap();
    let o = build(&fixture("good"), &out.path().join("public"));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("built ") && stdout.contains("2 languages"),
        "{stdout}"
    );
    let p = out.path().join("public");
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "static/site.css",
        "nl/index.html",
        "en/index.html",
        "nl/regio-test/index.html",
        "nl/teststad/index.html",
        "nl/regio-test/nachtopvang-test/index.html",
        "en/landelijk/alarmnummer-112/index.html",
        "nl/uitleg/index.html",
        "nl/uitleg/uitleg-test/index.html",
        "nl/waar-kan-ik-terecht/index.html",
        "nl/waar-kan-ik-terecht/nee/nee/index.html",
        "en/teststad/waar-kan-ik-terecht/nee/weet-niet/index.html",
    ] {
        assert!(p.join(f).is_file(), "missing {f}");
    }
    let sitemap = fs::read_to_string(p.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://test.example/nl/teststad/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("hreflang=\"en\" href=\"https://test.example/en/teststad/\""));
    assert!(!sitemap.contains("404"));
}

#[test]
fn snapshot_of_a_municipality_page_and_a_service_page() {
    let out = tempfile::tempdir().unwrap();
    let o = build(&fixture("good"), out.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let muni = fs::read_to_string(out.path().join("nl/teststad/index.html")).unwrap();
    insta::assert_snapshot!("municipality_nl_teststad", readable(&muni));
    let service =
        fs::read_to_string(out.path().join("en/regio-test/nachtopvang-test/index.html")).unwrap();
    insta::assert_snapshot!("service_en_nachtopvang", readable(&service));
    let answer = fs::read_to_string(
        out.path()
            .join("nl/teststad/waar-kan-ik-terecht/nee/nee/index.html"),
    )
    .unwrap();
    insta::assert_snapshot!("answer_nl_teststad_vannacht", readable(&answer));
}

#[test]
fn two_builds_are_identical_byte_for_byte() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), a.path()).status.success());
    assert!(build(&fixture("good"), b.path()).status.success());
    assert_eq!(tree(a.path()), tree(b.path()));
}

#[test]
fn raw_html_in_content_never_reaches_the_page() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), out.path()).status.success());
    let html =
        fs::read_to_string(out.path().join("nl/regio-test/nachtopvang-test/index.html")).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)"), "{html}");
}

#[test]
fn a_template_error_on_one_page_leaves_the_previous_output_unchanged() {
    let site = good_site_copy();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    assert!(build(site.path(), &public).status.success());
    let before = tree(&public);
    // A site override that fails only when rendering service pages.
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(site.path().join("templates/service.html"), "{% extends \"base.html\" %}{% block main %}{{ service.no_such_field.deeper }}{% endblock main %}").unwrap();
    let o = build(site.path(), &public);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("service.html") && err.contains("unchanged"),
        "{err}"
    );
    assert_eq!(tree(&public), before);
    let names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names,
        vec!["public"],
        "no temporary folders may be left behind"
    );
}

#[test]
fn an_unwritable_output_folder_fails_cleanly() {
    let out = tempfile::tempdir().unwrap();
    let blocker = out.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    let o = build(&fixture("good"), &blocker.join("public"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot write the site"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = good_site_copy();
    let out = tempfile::tempdir().unwrap();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Eigen 404</h1>{% endblock main %}",
    )
    .unwrap();
    assert!(build(site.path(), out.path()).status.success());
    assert!(fs::read_to_string(out.path().join("404.html"))
        .unwrap()
        .contains("Eigen 404"));
}

#[test]
fn service_pages_carry_schema_org_json_ld() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), out.path()).status.success());
    let html =
        fs::read_to_string(out.path().join("nl/regio-test/nachtopvang-test/index.html")).unwrap();
    let start = html
        .find("<script type=application/ld+json>")
        .expect("json-ld present")
        + "<script type=application/ld+json>".len();
    let end = start + html[start..].find("</script>").unwrap();
    let v: serde_json::Value = serde_json::from_str(&html[start..end]).expect("valid JSON");
    assert_eq!(v["@type"], "GovernmentService");
    assert_eq!(v["provider"]["name"], "Testorganisatie");
    assert_eq!(
        v["availableChannel"]["servicePhone"]["telephone"],
        "050-1234567"
    );
    assert_eq!(
        v["availableChannel"]["serviceLocation"]["address"]["postalCode"],
        "9401 AA"
    );
    // 21:00–09:00 runs past midnight: it closes "before" it opens, as schema.org reads it.
    assert_eq!(v["hoursAvailable"][0]["opens"], "21:00");
    assert_eq!(v["hoursAvailable"][0]["closes"], "09:00");
    assert_eq!(v["audience"]["suggestedMinAge"], 23);
}

/// Builds ship pages made from minified templates, not pages minified one by one. For every
/// page of the fixture site and of the default site, minifying the shipped page must give
/// exactly what minifying the page made from the templates as written gives: the two differ
/// only in what a minifier would remove anyway.
#[test]
fn pages_from_minified_templates_equal_pages_minified_whole() {
    use onderdak::load::model::Date;
    use rayon::prelude::*;
    for site_dir in [fixture("good"), root()] {
        let (site, diags) = onderdak::check_site_on(&site_dir, Date::today());
        let site = site.unwrap_or_else(|| panic!("{diags:?}"));
        let theme = site.config.theme.clone();
        let raw = onderdak::render::load_templates_with(&site_dir, &theme, false).unwrap();
        let small = onderdak::render::load_templates_with(&site_dir, &theme, true).unwrap();
        let raw = onderdak::render::Renderer::new(&site, raw);
        let small = onderdak::render::Renderer::new(&site, small);
        let pages = onderdak::plan::plan(&site);
        let (shipped, whole, differ): (usize, usize, Vec<String>) = pages
            .par_iter()
            .map(|p| {
                let a = raw.render(p).unwrap();
                let b = small.render(p).unwrap();
                let whole = onderdak::output::minify(&a);
                let again = onderdak::output::minify(&b);
                let bad = if whole == again {
                    vec![]
                } else {
                    vec![p.url.clone()]
                };
                (b.len(), whole.len(), bad)
            })
            .reduce(
                || (0, 0, vec![]),
                |x, y| (x.0 + y.0, x.1 + y.1, [x.2, y.2].concat()),
            );
        assert!(
            differ.is_empty(),
            "{} of {} pages differ, e.g. {:?}",
            differ.len(),
            pages.len(),
            &differ[..differ.len().min(5)]
        );
        // For the record (cargo test -- --nocapture): what skipping per-page minifying costs.
        eprintln!(
            "{}: {} pages, {} bytes shipped, {} bytes if minified whole (+{:.2}%)",
            site_dir.display(),
            pages.len(),
            shipped,
            whole,
            (shipped as f64 / whole as f64 - 1.0) * 100.0
        );
    }
}

/// `build --precompress` writes a `.gz` and a `.br` beside every page, asset and data file
/// worth compressing, each decompressing to the file itself; a plain build writes none.
#[test]
fn precompress_writes_gzip_and_brotli_beside_the_files() {
    use std::io::Read;
    let out = tempfile::tempdir().unwrap();
    let p = out.path().join("public");
    let o = onderdak(&[
        "build",
        "--site",
        fixture("good").to_str().unwrap(),
        "--out",
        p.to_str().unwrap(),
        "--precompress",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(" precompressed"));
    let files = tree(&p);
    let mut checked = 0;
    for (path, bytes) in &files {
        if path.ends_with(".gz") || path.ends_with(".br") {
            let original = &path[..path.len() - 3];
            assert!(files.contains_key(original), "{path} beside no {original}");
            continue;
        }
        let worth = [
            ".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".atom", ".txt",
        ]
        .iter()
        .any(|e| path.ends_with(e))
            && bytes.len() as u64 >= onderdak::output::PRECOMPRESS_MIN_BYTES;
        if !worth {
            assert!(!files.contains_key(&format!("{path}.gz")), "{path}.gz");
            continue;
        }
        let gz = &files[&format!("{path}.gz")];
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert!(plain == *bytes, "{path}.gz does not decompress to {path}");
        let br = &files[&format!("{path}.br")];
        let mut plain = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert!(plain == *bytes, "{path}.br does not decompress to {path}");
        assert!(br.len() < bytes.len() && gz.len() < bytes.len(), "{path}");
        checked += 1;
    }
    for must in [
        "index.html",
        "nl/teststad/index.html",
        "static/site.css",
        "static/site.js",
        "sitemap.xml",
        "sw.js",
    ] {
        assert!(files.contains_key(&format!("{must}.br")), "no {must}.br");
    }
    assert!(checked > 20, "only {checked} files compressed");

    let plain = tempfile::tempdir().unwrap();
    let o = build(&fixture("good"), &plain.path().join("public"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!tree(&plain.path().join("public"))
        .keys()
        .any(|k| k.ends_with(".gz") || k.ends_with(".br")));
}

/// The example server settings in deploy/ set what the page's meta CSP cannot (who may
/// frame the page, no MIME sniffing), serve the precompressed files, and give pages and
/// the service worker no lifetime while the unfingerprinted assets get a short one.
#[test]
fn example_server_settings_set_the_headers_a_meta_csp_cannot() {
    let nginx = fs::read_to_string(root().join("deploy/nginx.conf")).unwrap();
    let headers = fs::read_to_string(root().join("deploy/_headers")).unwrap();
    for text in [&nginx, &headers] {
        assert!(text.contains("frame-ancestors 'none'"), "{text}");
        assert!(text.contains("X-Content-Type-Options") && text.contains("nosniff"));
        assert!(text.contains("no-cache"));
        assert!(text.contains("max-age=31536000, immutable"));
    }
    for directive in [
        "gzip_static on;",
        "brotli_static on;",
        "error_page 404 /404.html;",
    ] {
        assert!(nginx.contains(directive), "nginx.conf lacks {directive}");
    }
    // _headers: every rule is a path line followed by indented `Name: value` lines.
    let mut paths = Vec::new();
    for line in headers
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        if line.starts_with(char::is_whitespace) {
            assert!(line.trim().contains(": "), "not a header: {line}");
        } else {
            assert!(line.starts_with('/'), "not a path: {line}");
            paths.push(line.to_string());
        }
    }
    for p in ["/*", "/static/*", "/sw.js"] {
        assert!(
            paths.iter().any(|x| x == p),
            "_headers has no rule for {p}: {paths:?}"
        );
    }
}
