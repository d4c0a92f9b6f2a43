//! Building the good fixture site: what comes out, snapshots of key pages, determinism, and
//! that a failed build leaves the previous output exactly as it was.

use std::fs;
use std::path::Path;

use crate::common::*;

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
/// The page's `<main>`, one tag per line: what the snapshot is about. The head, the exit
/// bar and the footer are the same on every page and tested on their own; in a snapshot
/// they would make every theme change touch every snapshot.
fn readable(html: &str) -> String {
    let start = html.find("<main").expect("the page has a <main>");
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e + "</main>".len());
    html[start..end].replace("><", ">\n<")
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
    let mut names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    // The output and the first build's record of what each file was made from.
    assert_eq!(
        names,
        vec![".public.onderdak-inputs", "public"],
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
    use onderdak::model::Date;
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
                let whole = onderdak::write::minify(&a);
                let again = onderdak::write::minify(&b);
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
            && bytes.len() as u64 >= onderdak::write::PRECOMPRESS_MIN_BYTES;
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
fn build_args(site: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    onderdak(&args)
}

/// `--out` at the site folder, above it, or at the home folder is refused, even with
/// `--force`, and nothing is deleted (defect 1 of issue 24).
#[test]
fn an_output_at_or_above_the_site_or_home_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let site = home.path().join("mysite");
    copy_dir(&fixture("good"), &site);
    fs::create_dir_all(home.path().join("docs")).unwrap();
    fs::write(home.path().join("docs/thesis.txt"), "four years").unwrap();
    let before = tree(home.path());
    for (out, force) in [
        (site.clone(), false),
        (site.clone(), true),
        (home.path().to_path_buf(), false),
        (home.path().to_path_buf(), true),
        (site.join("content"), true),
        (site.join("content/regions/nieuw"), false),
        (site.join("."), false),
    ] {
        let extra: &[&str] = if force { &["--force"] } else { &[] };
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_onderdak"))
            .env("LC_ALL", "en_US.UTF-8")
            .args(["build", "--site", site.to_str().unwrap(), "--out"])
            .arg(&out)
            .args(extra)
            .env("HOME", home.path())
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}: {}",
            out.display(),
            stderr(&o)
        );
        let err = stderr(&o);
        assert!(
            err.contains(out.to_str().unwrap()) && err.contains("hint"),
            "{}: {err}",
            out.display()
        );
        assert_eq!(tree(home.path()), before, "{} changed files", out.display());
    }
    // The home folder itself, with the site elsewhere.
    let elsewhere = good_site_copy();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_onderdak"))
        .env("LC_ALL", "en_US.UTF-8")
        .args([
            "build",
            "--force",
            "--site",
            elsewhere.path().to_str().unwrap(),
            "--out",
        ])
        .arg(home.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("home folder"), "{}", stderr(&o));
    assert_eq!(tree(home.path()), before);
}

/// A folder with files but no marker is refused unless `--force`; an empty one is fine;
/// every output carries the marker, so rebuilding it needs no `--force`.
#[test]
fn a_folder_onderdak_did_not_write_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = build(&fixture("good"), &out);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("notes.txt") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    let o = build_args(&fixture("good"), &out, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join(".onderdak-output").is_file());
    assert!(!out.join("notes.txt").exists());
    // The replaced folder is not kept beside the output as a previous generation.
    assert!(!dir.path().join(".www.onderdak-prev").exists());
    let o = build(&fixture("good"), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    assert!(build(&fixture("good"), &empty).status.success());
}

/// `keep:` in site.yaml carries files another service put into the output over to the next
/// build; a folder beside the output with a name like onderdak's staging folders, but no
/// marker, is left alone (defect 3).
#[test]
fn kept_files_and_look_alike_folders_survive_a_rebuild() {
    let site = good_site_copy();
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap()
        + "keep: [CNAME, .well-known/, \"google*.html\", docs/report.pdf]\n";
    fs::write(&yaml, text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert!(build(site.path(), &out).status.success());
    fs::write(out.join("CNAME"), "hulp.example").unwrap();
    fs::create_dir_all(out.join(".well-known/acme")).unwrap();
    fs::write(out.join(".well-known/acme/token"), "t").unwrap();
    fs::write(out.join("google1234abcd.html"), "google-site-verification").unwrap();
    fs::write(out.join("stray.txt"), "not kept").unwrap();
    fs::create_dir_all(out.join("docs")).unwrap();
    fs::write(out.join("docs/report.pdf"), "pdf").unwrap();
    for look_alike in [".public.tmp-1", ".public.old-1", ".public.onderdak-tmp-1"] {
        fs::create_dir_all(dir.path().join(look_alike)).unwrap();
        fs::write(dir.path().join(look_alike).join("mine.txt"), "mine").unwrap();
    }
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "hulp.example"
    );
    assert_eq!(
        fs::read_to_string(out.join(".well-known/acme/token")).unwrap(),
        "t"
    );
    assert!(out.join("google1234abcd.html").is_file());
    assert!(out.join("docs/report.pdf").is_file());
    assert!(!out.join("stray.txt").exists());
    assert!(out.join("nl/index.html").is_file());
    for look_alike in [".public.tmp-1", ".public.old-1", ".public.onderdak-tmp-1"] {
        assert!(
            dir.path().join(look_alike).join("mine.txt").is_file(),
            "{look_alike}"
        );
    }
    // A bad pattern is an error in site.yaml, before anything is written.
    let text = fs::read_to_string(&yaml)
        .unwrap()
        .replace("docs/report.pdf", "../x");
    fs::write(&yaml, text).unwrap();
    let o = build(site.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml") && stderr(&o).contains("../x"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "hulp.example"
    );
}

/// `--out` a file is refused and the file kept; `--out` a link builds into its target and
/// the link stays a link (defect 3).
#[test]
fn an_output_that_is_a_file_or_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "my notes").unwrap();
    let o = build(&fixture("good"), &notes);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my notes");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")]);

    let target = dir.path().join("real");
    let link = dir.path().join("current");
    std::os::unix::fs::symlink("real", &link).unwrap();
    for _ in 0..2 {
        let o = build(&fixture("good"), &link);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(target.join("nl/index.html").is_file());
    }
}

/// A second build into the same output waits for the first (it holds the lock file) and
/// says so; the output is whole afterwards (defect 2).
#[test]
fn a_second_build_into_the_same_output_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert!(build(&fixture("good"), &out).status.success());
    let whole = tree(&out);
    // Play the first build: hold the lock.
    let lock = fs::File::create(dir.path().join(".public.onderdak-lock")).unwrap();
    lock.lock().unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_onderdak"))
        .env("LC_ALL", "en_US.UTF-8")
        .args([
            "build",
            "--site",
            fixture("good").to_str().unwrap(),
            "--out",
        ])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let waiting = child.id();
    assert!(
        fs::read_to_string(format!("/proc/{waiting}/status")).is_ok(),
        "the second build did not wait"
    );
    lock.unlock().unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("waiting: another onderdak build"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&out), whole);
    // Two at once: both succeed, and the output is whole.
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_onderdak"))
            .env("LC_ALL", "en_US.UTF-8")
            .args([
                "build",
                "--site",
                fixture("good").to_str().unwrap(),
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(run);
        let b = s.spawn(run);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success() && b.status.success());
    assert_eq!(tree(&out), whole);
}

/// `<!--<script>` in any text of a service must not blank its page: the JSON-LD block
/// escapes `<`, `>` and `&` (issue 24, defect 4).
#[test]
fn json_ld_cannot_open_a_comment_or_a_script() {
    let site = good_site_copy();
    let svc = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let hostile = "<!--<script>x & y</script>";
    let text = fs::read_to_string(&svc)
        .unwrap()
        .replace(
            "name: Nachtopvang Test",
            &format!("name: \"Nachtopvang {hostile}\""),
        )
        .replace(
            "summary: Een bed voor de nacht.",
            &format!("summary: \"{hostile}\""),
        )
        .replace(
            "provider: Testorganisatie",
            &format!("provider: \"{hostile}\""),
        );
    fs::write(&svc, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = build(site.path(), out.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let html =
        fs::read_to_string(out.path().join("nl/regio-test/nachtopvang-test/index.html")).unwrap();
    let open = "<script type=application/ld+json>";
    let start = html.find(open).expect("json-ld present") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let block = &html[start..end];
    assert!(!block.contains(['<', '>', '&']), "{block}");
    let v: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(v["provider"]["name"], hostile);
    assert_eq!(v["description"], hostile);
    // The rest of the page is still there, after the block.
    assert!(html[end..].contains("<main"), "{}", &html[end..]);
}

/// Every `&` in XML starts an entity: none is left raw.
fn assert_xml_escaped(name: &str, xml: &str) {
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "{name}: raw & at {i}: {}",
            &rest[..rest.len().min(40)]
        );
    }
}

/// A base URL with `&` (a valid URL) keeps the sitemaps and feeds well-formed (defect 12).
#[test]
fn the_base_url_is_escaped_in_sitemaps_and_feeds() {
    let out = tempfile::tempdir().unwrap();
    let o = build_args(
        &fixture("good"),
        out.path(),
        &["--base-url", "https://x.example/a&b"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut checked = 0;
    for e in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        let name = e.path().to_string_lossy().to_string();
        if name.ends_with(".xml") || name.ends_with(".atom") {
            let xml = fs::read_to_string(e.path()).unwrap();
            assert!(xml.contains("https://x.example/a&amp;b"), "{name}: {xml}");
            assert_xml_escaped(&name, &xml);
            checked += 1;
        }
    }
    assert!(checked >= 3, "sitemap and feeds: {checked}");
}

/// A static file that cannot be read is named in the error, not only the output folder
/// (issue 24, defect 11). Permissions do not stop root, so this runs as another user only.
#[test]
fn an_unreadable_static_file_is_named() {
    if rustix::process::geteuid().is_root() {
        eprintln!("skipped: root reads any file");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let site = good_site_copy();
    fs::create_dir_all(site.path().join("static")).unwrap();
    let css = site.path().join("static/site.css");
    fs::write(&css, "body{}").unwrap();
    fs::set_permissions(&css, fs::Permissions::from_mode(0o000)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = build(site.path(), &out.path().join("public"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("static/site.css"), "{}", stderr(&o));
}
