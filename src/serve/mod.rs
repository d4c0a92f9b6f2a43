//! `onderdak serve`: build into memory, serve on localhost, watch the files, rebuild only
//! the pages a change touches, and tell open tabs to reload (server-sent events). When the
//! content is broken, HTML requests get a page listing the problems; fixing the file brings
//! the site back without a restart. Not a stage of the pipeline: a driver around it.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

mod http;
mod session;
mod watch;

use http::*;
pub use http::{content_type, host_allowed, safe_path, MAX_CONNECTIONS};
pub use session::{bench_edit, Rebuild, Session};
use watch::*;

/// Added to every page in serve mode only; `build` output never has it.
pub const LIVE_SCRIPT_TAG: &str = "<script src=\"/__onderdak/live.js\" defer></script>";
const LIVE_JS: &str =
    "new EventSource('/__onderdak/events').onmessage=function(){location.reload()};\n";

pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub bind: String,
    pub port: u16,
}

/// What the server hands out: the last good build, or the problems of the last attempt.
#[derive(Default)]
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    errors: Option<String>,
    generation: u64,
    /// The data files (search indexes, feeds, HSDS, …) are not those of the last build:
    /// they are made when one is asked for, not after every save.
    data_stale: bool,
}

type Shared = Arc<(Mutex<Served>, Condvar)>;

/// Builds, serves and watches until the process is stopped.
pub fn serve(opts: &ServeOptions) -> io::Result<()> {
    let listener = TcpListener::bind((opts.bind.as_str(), opts.port))?;
    let shared: Shared = Arc::new((Mutex::new(Served::default()), Condvar::new()));
    let mut session = Session::new(&opts.site_dir);
    let first = session.rebuild(&[]);
    report(&first);
    publish(&shared, first);
    let static_dirs = Arc::new(session.static_dirs());
    // The watcher rebuilds; a request for a data file that is out of date makes them all.
    let session = Arc::new(Mutex::new(session));
    println!(
        "serving {} at http://{}/ (Ctrl+C to stop)",
        opts.site_dir.display(),
        listener.local_addr()?
    );

    // Watcher thread: debounce, rebuild, publish.
    let site_dir = std::fs::canonicalize(&opts.site_dir)?;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(io::Error::other)?;
    watch_all(&mut watcher, &site_dir)?;
    let watch_shared = shared.clone();
    let watch_session = session.clone();
    std::thread::spawn(move || {
        let mut watcher = watcher;
        while let Ok(first) = rx.recv() {
            let mut paths = BTreeSet::new();
            collect(&first, &site_dir, &mut paths);
            // Debounce: editors write a file in several steps; wait until 40 ms of quiet.
            while let Ok(ev) = rx.recv_timeout(Duration::from_millis(40)) {
                collect(&ev, &site_dir, &mut paths);
            }
            if paths.is_empty() {
                continue;
            }
            // `content/` (or another watched folder) removed and put back, or renamed: the
            // old watch went with it; watch what is there now.
            if paths.iter().any(|p| p.components().count() == 1) {
                if let Err(e) = watch_all(&mut watcher, &site_dir) {
                    eprintln!("cannot watch {}: {e}", site_dir.display());
                }
            }
            let changed: Vec<PathBuf> = paths.into_iter().collect();
            let mut session = watch_session.lock().unwrap_or_else(|e| e.into_inner());
            let r = session.rebuild(&changed);
            report(&r);
            publish(&watch_shared, r);
        }
    });

    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        use std::sync::atomic::Ordering;
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = respond(
                &mut stream,
                "503 Service Unavailable",
                "text/plain",
                b"too many connections\n",
                false,
                "Retry-After: 1\r\n",
            );
            continue;
        }
        let shared = shared.clone();
        let dirs = static_dirs.clone();
        let session = session.clone();
        let open = Open(open.clone());
        std::thread::spawn(move || {
            let _open = open; // counted down however the thread ends
            let _ = handle(stream, &shared, &dirs, &session);
        });
    }
    Ok(())
}

/// One connection counted in [`MAX_CONNECTIONS`], until dropped.
struct Open(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

fn report(r: &Rebuild) {
    match &r.errors {
        Some(d) => {
            for e in d.errors() {
                eprintln!("{e}");
            }
            eprintln!(
                "build failed ({} errors); still serving the last good build",
                d.errors().count()
            );
        }
        None => println!(
            "rendered {} pages{} in {:.0} ms ({})",
            r.pages_rendered,
            if r.full { "" } else { " (incremental)" },
            r.elapsed.as_secs_f64() * 1000.0,
            r.steps()
        ),
    }
}

fn publish(shared: &Shared, r: Rebuild) {
    let (lock, cvar) = &**shared;
    let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
    match r.errors {
        Some(d) => s.errors = Some(error_page(&d)),
        None => {
            if r.full {
                s.files.clear();
            }
            for (k, v) in r.files {
                s.files.insert(k, Arc::new(v));
            }
            s.errors = None;
            s.data_stale = true;
        }
    }
    s.generation += 1;
    cvar.notify_all();
}

/// Makes the data files of the session's last good build and adds them to what is served,
/// without a reload. Holding the session, no rebuild runs meanwhile, so they match the
/// pages published last.
fn publish_data(shared: &Shared, session: &Mutex<Session>) {
    let mut session = session.lock().unwrap_or_else(|e| e.into_inner());
    let files = session.data_files();
    let (lock, _) = &**shared;
    let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
    for (k, v) in files.into_iter().flatten() {
        s.files.insert(k, Arc::new(v));
    }
    s.data_stale = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(safe_path("/nl/assen/").as_deref(), Some("/nl/assen/"));
        assert_eq!(safe_path("/nl/%C3%A9/?x=1").as_deref(), Some("/nl/é/"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/static/..%2f..%2fetc/passwd",
            "/a/%2E%2E/b",
            "/a\\..\\b",
            "/%00",
            "nl/",
            "/%zz",
            "/%",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_local_hosts_are_answered() {
        let lan: std::net::IpAddr = "192.168.1.20".parse().unwrap();
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "site.localhost:1111",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "[::1]",
            "192.168.1.20:1111",
        ] {
            assert!(host_allowed(ok, Some(lan)), "{ok}");
        }
        for bad in [
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.example",
            "192.168.1.21:1111",
            "127.0.0.1:80:80",
            "[::1]x",
            "",
            "0.0.0.0:1111",
        ] {
            assert!(!host_allowed(bad, Some(lan)), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("/a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("/static/site.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("/sitemap.xml"),
            "application/xml; charset=utf-8"
        );
    }
}
