//! Drives `onderdak serve` on a temporary site: edit a service, see the new text; break the
//! YAML, see the error page with file and line; fix it, see the page again. Also checks that
//! nothing outside the output can be fetched and that the reload script is serve-only.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(site: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_onderdak"))
        .env("LC_ALL", "en_US.UTF-8")
        .args([
            "serve",
            "--site",
            site.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child, port);
    wait_for(&server, "/", |status, _| status == 200);
    server
}

/// A bare HTTP GET: (status, body).
fn get(server: &Server, path: &str) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", server.1)) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let started = Instant::now();
    loop {
        let (status, body) = get(server, path);
        if ok(status, &body) {
            return (status, body);
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {path}: last status {status}\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edit_break_and_fix_a_service_while_serving() {
    let site = good_site_copy();
    let server = start(site.path());
    let page = "/nl/regio-test/nachtopvang-test/";
    let (_, body) = get(&server, page);
    assert!(body.contains("Nachtopvang Test"));
    assert!(
        body.contains("/__onderdak/live.js"),
        "serve injects the reload script"
    );

    let file = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let original = fs::read_to_string(&file).unwrap();
    let hsds = "/data/hsds/services.json";
    assert!(get(&server, hsds).1.contains("Een bed voor de nacht."));
    fs::write(
        &file,
        original
            .replace("Je kunt hier **slapen**.", "Vanaf vandaag ook soep.")
            .replace(
                "summary: Een bed voor de nacht.",
                "summary: Een bed en soep.",
            ),
    )
    .unwrap();
    wait_for(&server, page, |s, b| {
        s == 200 && b.contains("Vanaf vandaag ook soep.")
    });
    // The data files served after the edit are made from it.
    let (_, json) = get(&server, hsds);
    assert!(json.contains("Een bed en soep."), "{hsds} is out of date");
    // The answer page and the municipality page that list this shelter show its new
    // summary: they were rebuilt too, not only the service's own page.
    for listing in ["/nl/teststad/waar-kan-ik-terecht/nee/nee/", "/nl/teststad/"] {
        let (status, body) = get(&server, listing);
        assert_eq!(status, 200, "{listing}");
        assert!(
            body.contains("Een bed en soep.") && !body.contains("Een bed voor de nacht."),
            "{listing} was not rebuilt after the edit"
        );
    }

    fs::write(&file, original.replace("kind: shelter", "kind: [shelter")).unwrap();
    let (status, body) = wait_for(&server, page, |s, _| s == 500);
    assert_eq!(status, 500);
    assert!(
        body.contains("nachtopvang-test.md:4"),
        "the error page names file and line:\n{body}"
    );

    fs::write(&file, &original).unwrap();
    wait_for(&server, page, |s, b| s == 200 && b.contains("Je kunt hier"));
}

#[test]
fn serve_never_leaves_the_output_and_sets_content_types() {
    let site = good_site_copy();
    let server = start(site.path());
    for bad in [
        "/../Cargo.toml",
        "/%2e%2e/content/site.yaml",
        "/static/..%2f..%2fcontent%2fsite.yaml",
        "/static/%2E%2E/%2E%2E/content/site.yaml",
    ] {
        let (status, body) = get(&server, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("base_url"), "{bad} leaked a file");
    }
    let mut s = TcpStream::connect(("127.0.0.1", server.1)).unwrap();
    write!(
        s,
        "GET /static/site.css HTTP/1.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    assert!(text.contains("Content-Type: text/css"), "{text}");
    assert_eq!(get(&server, "/does/not/exist/").0, 404);
    // The data files follow the pages.
    let (_, index) = wait_for(&server, "/nl/zoeken/index.json", |s, _| s == 200);
    assert!(index.starts_with('['), "{index}");
    wait_for(&server, "/data/hsds/services.json", |s, _| s == 200);
}

#[test]
fn build_output_has_no_reload_script() {
    let out = tempfile::tempdir().unwrap();
    assert!(onderdak(&[
        "build",
        "--site",
        fixture("good").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap()
    ])
    .status
    .success());
    for e in walkdir::WalkDir::new(out.path())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let text = fs::read_to_string(e.path()).unwrap_or_default();
        assert!(!text.contains("/__onderdak/"), "{}", e.path().display());
    }
}

/// The incremental rebuild renders only what an edit touches, and everything it touches:
/// the service's own pages, the municipality page that lists it, and the answer pages that
/// showed it before the edit, even once it no longer matches them.
#[test]
fn an_edit_rebuilds_the_pages_that_show_the_service_and_no_others() {
    let site = good_site_copy();
    let file = std::path::PathBuf::from("content/municipalities/teststad/loket-teststad.md");
    let mut session = onderdak::serve::Session::new(site.path());
    let first = session.rebuild(&[]);
    assert!(first.errors.is_none() && first.full);
    let total = first.pages_rendered;
    let debt = first
        .page("/nl/teststad/")
        .map(|p| String::from_utf8_lossy(p).to_string())
        .unwrap();
    assert!(debt.contains("Loket Teststad"));

    // A new name: its page, its flyer and the municipality page change; a page about
    // another municipality does not come along.
    replace_in(
        &site.path().join(&file),
        "name: Loket Teststad",
        "name: Loket Teststad Centrum",
    );
    let r = session.rebuild(std::slice::from_ref(&file));
    assert!(r.errors.is_none());
    assert!(
        !r.full && r.pages_rendered < total / 2,
        "{} of {total}",
        r.pages_rendered
    );
    for url in [
        "/nl/teststad/loket-teststad/",
        "/nl/teststad/loket-teststad/flyer/",
        "/nl/teststad/",
    ] {
        let page =
            String::from_utf8_lossy(r.page(url).unwrap_or_else(|| panic!("{url} not rebuilt")))
                .to_string();
        assert!(page.contains("Loket Teststad Centrum"), "{url}");
    }
    assert!(
        r.page("/nl/testdorp/").is_none(),
        "another municipality was rebuilt"
    );
    let answers_before: Vec<String> = r
        .page_urls()
        .filter(|u| u.contains("/teststad/waar-kan-ik-terecht/"))
        .collect();
    assert!(
        !answers_before.is_empty(),
        "no answer page showed the front door"
    );

    // Drop a need: the answer pages that showed it before are rendered again too.
    replace_in(
        &site.path().join(&file),
        "needs: [front-door, debt-help]",
        "needs: [front-door]",
    );
    let r = session.rebuild(std::slice::from_ref(&file));
    assert!(r.errors.is_none(), "{:?}", r.errors);
    let answers_after: Vec<String> = r
        .page_urls()
        .filter(|u| u.contains("/teststad/waar-kan-ik-terecht/"))
        .collect();
    for u in &answers_before {
        assert!(
            answers_after.contains(u),
            "{u} showed the service and was not rebuilt"
        );
    }
}

/// `serve` makes the data files too (search index, feeds, HSDS, sitemap), and after an edit
/// they say what the edited file says, as a fresh `build` would.
#[test]
fn serve_makes_the_data_files_of_each_rebuild() {
    let site = good_site_copy();
    let file = std::path::PathBuf::from("content/municipalities/teststad/loket-teststad.md");
    let mut session = onderdak::serve::Session::new(site.path());
    assert!(
        session.data_files().is_none(),
        "data files before any build"
    );
    assert!(session.rebuild(&[]).errors.is_none());
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        let mut n: Vec<String> = files.iter().map(|f| f.0.clone()).collect();
        n.sort();
        n
    };
    let first = session.data_files().unwrap();
    for path in [
        "/nl/zoeken/index.json",
        "/en/zoeken/index.json",
        "/nl/zoeken/regio/regio-test.json",
        "/data/hsds/services.json",
        "/data/hsds/datapackage.json",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        assert!(names(&first).iter().any(|n| n == path), "{path} missing");
    }
    assert!(
        names(&first).iter().any(|n| n.ends_with("/feed.atom")),
        "no feed"
    );
    assert!(
        names(&first).iter().any(|n| n.ends_with("/offline.json")),
        "no offline list"
    );

    replace_in(
        &site.path().join(&file),
        "name: Loket Teststad",
        "name: Loket Teststad Centrum",
    );
    assert!(session
        .rebuild(std::slice::from_ref(&file))
        .errors
        .is_none());
    let after = session.data_files().unwrap();
    let out = tempfile::tempdir().unwrap();
    onderdak::build(&onderdak::BuildOptions {
        site_dir: site.path().to_path_buf(),
        out_dir: out.path().to_path_buf(),
        base_url: None,
        precompress: false,
        force: false,
        production: false,
        full: false,
    })
    .unwrap();
    for (path, bytes) in &after {
        let built = fs::read(out.path().join(path.trim_start_matches('/'))).unwrap();
        assert!(built == *bytes, "{path} differs from a fresh build's");
    }
    // A municipality's service is searched in its region's shard.
    let shard = &after
        .iter()
        .find(|f| f.0 == "/nl/zoeken/regio/regio-test.json")
        .unwrap()
        .1;
    assert!(String::from_utf8_lossy(shard).contains("Loket Teststad Centrum"));
    assert_eq!(names(&after), names(&first));
}

/// Replaces `from` with `to` in a file, as an editor's save would.
fn replace_in(path: &std::path::Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

/// Edits applied one after another through the incremental rebuild leave exactly what a
/// fresh full build of the edited site gives: no page that shows an edit is missed. The
/// last edit makes the service stop answering "a bed for tonight": the answer pages that
/// showed it must be rendered again although it is no longer on them.
#[test]
fn incremental_rebuilds_add_up_to_a_full_build() {
    use std::collections::BTreeMap;
    let site = good_site_copy();
    let mut session = onderdak::serve::Session::new(site.path());
    let collect = |r: &onderdak::serve::Rebuild, into: &mut BTreeMap<String, Vec<u8>>| {
        for (k, v) in r.files() {
            into.insert(k.to_string(), v.to_vec());
        }
    };
    let mut served = BTreeMap::new();
    let first = session.rebuild(&[]);
    assert!(first.errors.is_none());
    collect(&first, &mut served);
    let edits = [
        (
            "content/municipalities/teststad/loket-teststad.md",
            "name: Loket Teststad",
            "name: Loket Stad",
        ),
        (
            "content/regions/regio-test/nachtopvang-test.en.md",
            "Test",
            "Trial",
        ),
        (
            "content/regions/regio-test/nachtopvang-test.md",
            "last_checked: 2026-01-10",
            "last_checked: 2026-02-01",
        ),
        (
            "content/municipalities/teststad/loket-teststad.md",
            "needs: [front-door, debt-help]",
            "needs: [debt-help]",
        ),
    ];
    for (file, from, to) in edits {
        replace_in(&site.path().join(file), from, to);
        let r = session.rebuild(&[std::path::PathBuf::from(file)]);
        assert!(r.errors.is_none(), "{file}: {:?}", r.errors);
        assert!(!r.full, "{file}: rebuilt everything");
        assert!(
            r.timings.iter().any(|(step, _)| *step == "read"),
            "{file}: not the fast path ({})",
            r.steps()
        );
        collect(&r, &mut served);
    }
    let fresh = onderdak::serve::Session::new(site.path()).rebuild(&[]);
    let mut full = BTreeMap::new();
    collect(&fresh, &mut full);
    assert_eq!(served.len(), full.len());
    for (k, v) in &full {
        assert!(served.get(k) == Some(v), "{k} differs from a full build");
    }
}

/// Sends `raw` and reads the answer's status (0 when the connection closes without one).
fn raw_status(server: &Server, raw: &[u8]) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", server.1)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let _ = s.write_all(raw);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// A request line or headers without end are cut off; a slow client is let go at a
/// deadline; connections beyond the cap get 503 (issue 24, defect 5).
#[test]
fn serve_bounds_requests_in_size_time_and_number() {
    let site = good_site_copy();
    let server = start(site.path());
    let mut long = b"GET /".to_vec();
    long.extend(std::iter::repeat_n(b'a', 1 << 20));
    assert_eq!(raw_status(&server, &long), 414);
    let mut headers = b"GET / HTTP/1.1\r\nHost: localhost\r\n".to_vec();
    for _ in 0..2000 {
        headers.extend_from_slice(b"X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
    }
    assert_eq!(raw_status(&server, &headers), 431);
    assert_eq!(get(&server, "/").0, 200);

    // A byte every two seconds: a per-read timeout would keep this open for ever.
    let started = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", server.1)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut closed = false;
    for b in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaa".iter() {
        if slow.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 64];
        if matches!(slow.read(&mut buf), Ok(0)) {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(1900));
        if started.elapsed() > Duration::from_secs(16) {
            break;
        }
    }
    assert!(
        closed,
        "a slow request was still open after {:?}",
        started.elapsed()
    );

    // Connections that send nothing hold their places until the deadline; the cap holds.
    let idle: Vec<TcpStream> = (0..onderdak::serve::MAX_CONNECTIONS + 4)
        .map(|_| TcpStream::connect(("127.0.0.1", server.1)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(&server, "/").0, 503);
    drop(idle);
    wait_for(&server, "/", |s, _| s == 200);
}

/// Only loopback names and the bound address are answered (no DNS rebinding), and a link in
/// static/ is never followed out of the site (defect 6).
#[test]
fn serve_checks_the_host_and_follows_no_links() {
    let site = good_site_copy();
    fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc", site.path().join("static/etc")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.path().join("static/host.txt")).unwrap();
    fs::write(site.path().join("static/own.txt"), "own").unwrap();
    let server = start(site.path());
    let req = |host: &str, path: &str| {
        raw_status(
            &server,
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    let port = server.1;
    assert_eq!(req("attacker.example", "/"), 421);
    assert_eq!(
        req(&format!("attacker.example:{port}"), "/static/own.txt"),
        421
    );
    assert_eq!(req(&format!("localhost:{port}"), "/"), 200);
    assert_eq!(req(&format!("127.0.0.1:{port}"), "/"), 200);
    assert_eq!(req("localhost", "/static/own.txt"), 200);
    assert_eq!(req("localhost", "/static/etc/passwd"), 404);
    assert_eq!(req("localhost", "/static/host.txt"), 404);
}

/// Renaming a folder rebuilds, and so does removing `content/` and putting it back
/// (defect 7).
#[test]
fn serve_sees_folder_renames_and_a_recreated_content_folder() {
    let site = good_site_copy();
    let server = start(site.path());
    let munis = site.path().join("content/municipalities");
    fs::rename(munis.join("testdorp"), munis.join("testdorp-nieuw")).unwrap();
    wait_for(&server, "/nl/teststad/", |s, _| s == 500);
    fs::rename(munis.join("testdorp-nieuw"), munis.join("testdorp")).unwrap();
    wait_for(&server, "/nl/testdorp/", |s, _| s == 200);

    let content = site.path().join("content");
    let saved = tempfile::tempdir().unwrap();
    copy_dir(&content, saved.path());
    fs::remove_dir_all(&content).unwrap();
    wait_for(&server, "/nl/teststad/", |s, _| s == 500);
    copy_dir(saved.path(), &content);
    let page = "/nl/regio-test/nachtopvang-test/";
    wait_for(&server, page, |s, b| {
        s == 200 && b.contains("Nachtopvang Test")
    });
    // And the new folder is watched: an edit in it shows.
    replace_in(
        &content.join("regions/regio-test/nachtopvang-test.md"),
        "Je kunt hier **slapen**.",
        "Weer terug.",
    );
    wait_for(&server, page, |s, b| s == 200 && b.contains("Weer terug."));
}
