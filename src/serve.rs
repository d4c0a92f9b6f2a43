//! `onderdak serve`: build into memory, serve on localhost, watch the files, rebuild only
//! the pages a change touches, and tell open tabs to reload (server-sent events). When the
//! content is broken, HTML requests get a page listing the problems; fixing the file brings
//! the site back without a restart. Not a stage of the pipeline: a driver around it.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::Site;
use crate::diagnostics::Diagnostics;
use crate::load::model::{ServiceFront, ServiceTranslationFront};
use crate::load::{Doc, ServiceFile};
use crate::plan::{self, PlannedPage};
use crate::{check_site, render};

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

/// The builder's memory between rebuilds.
pub struct Session {
    site_dir: PathBuf,
    site: Option<Site>,
    pages: Vec<PlannedPage>,
    theme: String,
    /// Compiled templates, kept while no template changes.
    tera: Option<tera::Tera>,
    /// Service and explainer views of the last render, kept for the next.
    views: Option<render::Views>,
}

/// Result of one (re)build.
pub struct Rebuild {
    pub pages_rendered: usize,
    pub elapsed: Duration,
    pub errors: Option<Diagnostics>,
    /// Time per step, for the log and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    files: Vec<(String, Vec<u8>)>,
    /// Whether every page was rendered (not an incremental rebuild).
    pub full: bool,
}

impl Rebuild {
    fn failed(
        started: Instant,
        errors: Diagnostics,
        timings: Vec<(&'static str, Duration)>,
    ) -> Self {
        Rebuild {
            pages_rendered: 0,
            elapsed: started.elapsed(),
            errors: Some(errors),
            timings,
            files: Vec::new(),
            full: false,
        }
    }

    /// The time per step on one line: `load and check 6.2 ms, templates 0.3 ms, …`.
    pub fn steps(&self) -> String {
        self.timings
            .iter()
            .map(|(n, d)| format!("{n} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every file this rebuild made: (path from the site root, bytes).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The URLs of the pages this rebuild made.
    pub fn page_urls(&self) -> impl Iterator<Item = String> + '_ {
        self.files
            .iter()
            .map(|(k, _)| k.strip_suffix("index.html").unwrap_or(k).to_string())
    }

    /// The rendered page at a site URL (`/nl/assen/`), if this rebuild made it.
    pub fn page(&self, url: &str) -> Option<&[u8]> {
        let key = format!("{url}index.html");
        self.files
            .iter()
            .find(|(k, _)| *k == key || k == url)
            .map(|(_, v)| v.as_slice())
    }
}

impl Session {
    pub fn new(site_dir: &Path) -> Self {
        Session {
            site_dir: site_dir.to_path_buf(),
            site: None,
            pages: Vec::new(),
            theme: "default".into(),
            tera: None,
            views: None,
        }
    }

    /// Rebuilds after `changed` files (site-relative paths); an empty list rebuilds everything.
    ///
    /// A change to content files that keeps the same pages renders only the pages that
    /// show what changed, judged on the site before and after the change (a service that
    /// stops matching an answer leaves that answer page too). Anything else (site.yaml,
    /// interface strings, a template, a file added or removed) renders every page.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        if let Some(r) = self.edit_services(changed, started) {
            return r;
        }
        let mut timings: Vec<(&'static str, Duration)> = Vec::new();
        let mut lap = Instant::now();
        let mut step = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
            timings.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let (site, diags) = check_site(&self.site_dir);
        step("load and check", &mut timings);
        let Some(site) = site else {
            return Rebuild::failed(started, diags, timings);
        };
        let templates_changed = changed.is_empty()
            || changed.iter().any(|p| {
                p.starts_with("themes") || p.starts_with("templates") || p.ends_with("site.yaml")
            });
        let tera = match (&self.tera, templates_changed) {
            (Some(t), false) if site.config.theme == self.theme => t.clone(),
            _ => match render::load_templates(&self.site_dir, &site.config.theme) {
                Ok(t) => {
                    self.tera = Some(t.clone());
                    t
                }
                Err(errs) => {
                    self.tera = None;
                    let mut d = diags;
                    errs.into_iter().for_each(|e| d.push(e));
                    return Rebuild::failed(started, d, timings);
                }
            },
        };
        step("templates", &mut timings);
        let pages = plan::plan(&site);
        step("plan", &mut timings);
        let same_pages = self.site.is_some()
            && pages.len() == self.pages.len()
            && pages.iter().zip(&self.pages).all(|(a, b)| a.url == b.url);
        let content_only = !changed.is_empty()
            && changed.iter().all(|p| {
                let s = p.to_string_lossy();
                (s.starts_with("content/regions")
                    || s.starts_with("content/municipalities")
                    || s.starts_with("content/national")
                    || s.starts_with("content/pages")
                    || s.starts_with("content/tree"))
                    && p.extension().is_some_and(|e| e == "md" || e == "yaml")
            });
        let selected: Vec<usize> = match (&self.site, same_pages && content_only) {
            (Some(old), true) => {
                let now = plan::Touched::new(&site, changed);
                let before = plan::Touched::new(old, changed);
                (0..pages.len())
                    .into_par_iter()
                    .filter(|&i| {
                        now.affects(&site, &pages[i]) || before.affects(old, &self.pages[i])
                    })
                    .collect()
            }
            _ => (0..pages.len()).collect(),
        };
        step("select pages", &mut timings);
        let full = selected.len() == pages.len();
        let mut renderer = render::Renderer::new(&site, tera);
        renderer.inject = format!("{LIVE_SCRIPT_TAG}{}", crate::serve_page::banner(&diags));
        let results = render_selected(&renderer, &pages, &selected);
        step("render", &mut timings);
        let mut errors = Diagnostics::default();
        let mut files = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(e) => errors.push(e),
            }
        }
        if errors.has_errors() {
            return Rebuild::failed(started, errors, timings);
        }
        self.views = Some(renderer.into_views());
        self.theme = site.config.theme.clone();
        self.pages = pages;
        self.site = Some(site);
        Rebuild {
            pages_rendered: files.len(),
            elapsed: started.elapsed(),
            errors: None,
            timings,
            files,
            full,
        }
    }

    /// The common edit, fast: the files changed are existing service files, they still
    /// parse and pass the checks they take part in. Then only they are read again, swapped
    /// into the site kept from the last build, the plan is kept, and only the pages that
    /// showed or now show these services are rendered, with every other view kept. Anything
    /// else (a problem, a file added or removed) returns `None`: the full rebuild runs and
    /// reports it exactly as `check` would.
    fn edit_services(&mut self, changed: &[PathBuf], started: Instant) -> Option<Rebuild> {
        let Session {
            site_dir,
            site,
            pages,
            tera,
            views,
            ..
        } = self;
        let site = site.as_mut()?;
        let tera = tera.clone()?;
        if changed.is_empty() {
            return None;
        }
        let mut timings: Vec<(&'static str, Duration)> = Vec::new();
        let mut lap = Instant::now();
        let mut step = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
            timings.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let mut edits = Vec::new();
        for file in changed {
            let i = site.services.iter().position(|s| {
                s.doc.front.file == *file || s.translations.values().any(|t| t.front.file == *file)
            })?;
            let parsed = crate::load::service_file(site_dir, file)?;
            let same_place = match &parsed {
                ServiceFile::Original(_) => site.services[i].doc.front.file == *file,
                ServiceFile::Translation(lang, _) => site.services[i]
                    .translations
                    .get(lang)
                    .is_some_and(|t| t.front.file == *file),
            };
            if !same_place {
                return None;
            }
            edits.push((i, parsed));
        }
        step("read", &mut timings);
        let services: Vec<usize> = edits.iter().map(|(i, _)| *i).collect();
        // Which answers showed these services, before they change.
        let before = plan::Touched::services(site, &services);
        let mut undo: Vec<(usize, Undo)> = edits
            .into_iter()
            .map(|(i, f)| (i, swap_service_file(site, i, f)))
            .collect();
        let rollback = |site: &mut Site, undo: &mut Vec<(usize, Undo)>| {
            for (i, u) in undo.drain(..).rev() {
                undo_service_file(site, i, u);
            }
        };
        if !crate::check::recheck_services(site, &services, crate::load::model::Date::today()) {
            rollback(site, &mut undo);
            return None;
        }
        step("check", &mut timings);
        let touched = before.union(&plan::Touched::services(site, &services));
        let selected: Vec<usize> = (0..pages.len())
            .into_par_iter()
            .filter(|&i| touched.affects(site, &pages[i]))
            .collect();
        step("select pages", &mut timings);
        let mut kept = views.take().unwrap_or_default();
        for &i in &services {
            kept.forget_service(i);
        }
        let mut renderer = render::Renderer::with_views(site, tera, kept);
        let banner = crate::serve_page::banner(&crate::guard::check(site, site_dir));
        renderer.inject = format!("{LIVE_SCRIPT_TAG}{banner}");
        let files: Result<Vec<(String, Vec<u8>)>, _> = render_selected(&renderer, pages, &selected)
            .into_iter()
            .collect();
        *views = Some(renderer.into_views());
        step("render", &mut timings);
        let Ok(files) = files else {
            rollback(site, &mut undo);
            *views = None;
            return None;
        };
        Some(Rebuild {
            pages_rendered: files.len(),
            elapsed: started.elapsed(),
            errors: None,
            timings,
            files,
            full: false,
        })
    }

    /// The data files of the last good build (search indexes, feeds, offline lists, HSDS,
    /// sitemaps, robots.txt) as (URL path, bytes); `None` before the first good build. Made
    /// apart from [`Session::rebuild`] so that an edited page is served without waiting
    /// for them (the nationwide search indexes and HSDS export take about a second): the
    /// server makes them when one is asked for.
    pub fn data_files(&mut self) -> Option<Vec<(String, Vec<u8>)>> {
        let site = self.site.as_ref()?;
        let tera = self.tera.clone()?;
        let renderer =
            render::Renderer::with_views(site, tera, self.views.take().unwrap_or_default());
        let files = crate::data_files(site, &renderer);
        self.views = Some(renderer.into_views());
        let files = files.ok()?;
        Some(
            files
                .into_iter()
                .map(|f| (url_path(&f.path), f.bytes))
                .collect(),
        )
    }

    fn static_dirs(&self) -> [PathBuf; 2] {
        [
            self.site_dir
                .join("themes")
                .join(&self.theme)
                .join("static"),
            self.site_dir.join("static"),
        ]
    }
}

/// What an edit replaced, to put it back (a few at a time: no need to box).
#[allow(clippy::large_enum_variant)]
enum Undo {
    Original(Doc<ServiceFront>),
    Translation(String, Option<Doc<ServiceTranslationFront>>),
}

/// Puts `file` in place of the same file of service `i`; returns what it replaced.
fn swap_service_file(site: &mut Site, i: usize, file: ServiceFile) -> Undo {
    let s = &mut site.services[i];
    match file {
        ServiceFile::Original(doc) => Undo::Original(std::mem::replace(&mut s.doc, doc)),
        ServiceFile::Translation(lang, doc) => {
            let old = s.translations.insert(lang.clone(), doc);
            Undo::Translation(lang, old)
        }
    }
}

fn undo_service_file(site: &mut Site, i: usize, undo: Undo) {
    let s = &mut site.services[i];
    match undo {
        Undo::Original(doc) => s.doc = doc,
        Undo::Translation(lang, Some(doc)) => {
            s.translations.insert(lang, doc);
        }
        Undo::Translation(lang, None) => {
            s.translations.remove(&lang);
        }
    }
}

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

/// The folders of the site that serve watches.
const WATCHED: [&str; 4] = ["content", "themes", "templates", "static"];

/// Watches each of [`WATCHED`] that exists, and the site folder itself (not recursively)
/// to see one of them appear again after it was removed or renamed away.
fn watch_all(watcher: &mut impl notify::Watcher, site_dir: &Path) -> io::Result<()> {
    watcher
        .watch(site_dir, notify::RecursiveMode::NonRecursive)
        .map_err(io::Error::other)?;
    for dir in WATCHED {
        let p = site_dir.join(dir);
        if p.is_dir() {
            let _ = watcher.unwatch(&p);
            watcher
                .watch(&p, notify::RecursiveMode::Recursive)
                .map_err(io::Error::other)?;
        }
    }
    Ok(())
}

fn collect(ev: &notify::Result<notify::Event>, site_dir: &Path, out: &mut BTreeSet<PathBuf>) {
    let Ok(ev) = ev else { return };
    if matches!(ev.kind, notify::EventKind::Access(_)) {
        return;
    }
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
    // A folder created, removed or renamed (a municipality renamed, `content/` put back):
    // its name has no extension, but the pages under it change.
    let folder_event = matches!(
        ev.kind,
        notify::EventKind::Create(CreateKind::Folder)
            | notify::EventKind::Remove(RemoveKind::Folder)
            | notify::EventKind::Modify(ModifyKind::Name(RenameMode::From))
    ) || ev.paths.iter().any(|p| p.is_dir());
    for p in &ev.paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        // Editors and tools write temporary files (sed's `sedXXXX`, vim's `.swp`, `~`) before
        // renaming them into place; only files the site is made of count.
        let known = [
            "md",
            "yaml",
            "yml",
            "html",
            "css",
            "js",
            "json",
            "svg",
            "png",
            "ico",
            "txt",
            "xml",
            "webmanifest",
        ];
        let ext_ok = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| known.contains(&e));
        let folder_ok = folder_event && (p.extension().is_none() || p.is_dir());
        if name.starts_with('.') || name.ends_with('~') || !(ext_ok || folder_ok) {
            continue;
        }
        let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let rel = canon
            .strip_prefix(site_dir)
            .or_else(|_| p.strip_prefix(site_dir))
            .unwrap_or(p);
        // The site folder is watched only to see the watched folders come back; the output
        // folder and other files beside them do not count.
        let watched = rel
            .components()
            .next()
            .is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w));
        if watched {
            out.insert(rel.to_path_buf());
        }
    }
}

fn report(r: &Rebuild) {
    match &r.errors {
        Some(d) => {
            for e in d.errors() {
                eprintln!("{}", crate::report::line(e));
            }
            eprintln!(
                "{}",
                crate::i18n::pick(
                    "bouwen mislukt ({n} fouten); de laatste goede versie blijft te zien",
                    "build failed ({n} errors); still serving the last good build"
                )
                .replace("{n}", &d.errors().count().to_string())
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

/// Renders the pages at `selected`, in parallel, each as (URL path, bytes).
fn render_selected(
    renderer: &render::Renderer,
    pages: &[PlannedPage],
    selected: &[usize],
) -> Vec<Result<(String, Vec<u8>), crate::diagnostics::Diagnostic>> {
    selected
        .par_iter()
        .map(|&i| {
            renderer
                .render_bytes(&pages[i])
                .map(|html| (url_path(&pages[i].out_path()), html))
        })
        .collect()
}

/// The URL path under which the server hands out an output file.
fn url_path(file: &Path) -> String {
    format!("/{}", file.to_string_lossy())
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

fn error_page(d: &Diagnostics) -> String {
    crate::serve_page::error_page(d, LIVE_SCRIPT_TAG)
}

/// Percent-decodes a URL path; None when the result is not UTF-8 text.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else if bytes[i] == b'%' {
            return None;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A request path made safe: decoded, no `..`, no backslashes or NUL, always absolute.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.split(['?', '#']).next().unwrap_or(""))?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let ok = Path::new(&decoded)
        .components()
        .all(|c| matches!(c, Component::RootDir | Component::Normal(_)));
    ok.then_some(decoded)
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "atom" => "application/atom+xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head_only: bool,
    extra: &str,
) -> io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n{extra}\r\n", body.len())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The longest request line, and the longest header line, a preview server needs.
const MAX_LINE: usize = 8 * 1024;
/// All header lines together.
const MAX_HEADERS: usize = 32 * 1024;
/// The whole request must arrive within this time (a slow client cannot hold a thread).
const READ_DEADLINE: Duration = Duration::from_secs(10);
/// Connections served at once (live-reload streams included); more get 503.
pub const MAX_CONNECTIONS: usize = 64;

/// A stream whose reads all end by one deadline, however slowly the bytes come.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl io::Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "request too slow"));
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

/// One line of at most `max` bytes; `None` when it is longer.
fn read_line_within(reader: &mut impl BufRead, max: usize) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    io::Read::take(&mut *reader, max as u64 + 1).read_until(b'\n', &mut buf)?;
    if buf.len() > max {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Whether a `Host` header names this server: a loopback name or address, or the address
/// the client connected to. Any other name is a page elsewhere that had its name point at
/// this machine (DNS rebinding), and is refused.
pub fn host_allowed(host: &str, local: Option<std::net::IpAddr>) -> bool {
    let host = host.trim();
    // Strip the port: `[::1]:1111`, `127.0.0.1:1111`, `localhost:1111`.
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.starts_with(':') => ip,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, port)) if port.chars().all(|c| c.is_ascii_digit()) => n,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || Some(ip) == local,
        Err(_) => false,
    }
}

/// Answers a request too large to read, then reads (and drops) what the client still
/// sends for a moment, so that closing does not reset the connection before the answer
/// is read.
fn refuse_and_close(stream: &mut TcpStream, status: &str, why: &str) -> io::Result<()> {
    respond(
        stream,
        status,
        "text/plain",
        format!("{why}\n").as_bytes(),
        false,
        "",
    )?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 16 * 1024];
    let mut left: usize = 4 << 20;
    while left > 0 && Instant::now() < until {
        let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
        match io::Read::read(stream, &mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
}

fn handle(
    mut stream: TcpStream,
    shared: &Shared,
    static_dirs: &[PathBuf; 2],
    session: &Mutex<Session>,
) -> io::Result<()> {
    stream.set_write_timeout(Some(READ_DEADLINE))?;
    let local = stream.local_addr().ok().map(|a| a.ip());
    let mut reader = BufReader::new(Deadline {
        stream: &stream,
        until: Instant::now() + READ_DEADLINE,
    });
    let Some(line) = read_line_within(&mut reader, MAX_LINE)? else {
        drop(reader);
        return refuse_and_close(&mut stream, "414 URI Too Long", "request line too long");
    };
    let mut host = None;
    let mut total = 0;
    loop {
        let Some(header) = read_line_within(&mut reader, MAX_LINE)? else {
            drop(reader);
            return refuse_and_close(
                &mut stream,
                "431 Request Header Fields Too Large",
                "header too long",
            );
        };
        total += header.len();
        if total > MAX_HEADERS {
            drop(reader);
            return refuse_and_close(
                &mut stream,
                "431 Request Header Fields Too Large",
                "headers too long",
            );
        }
        if header.is_empty() || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.trim().eq_ignore_ascii_case("host") {
                host = Some(v.trim().to_string());
            }
        }
    }
    drop(reader);
    // Browsers always send `Host`, and a rebinding attack comes from a browser; a request
    // without one (a script, an HTTP/1.0 tool) is not that.
    if !host.as_deref().is_none_or(|h| host_allowed(h, local)) {
        return respond(
            &mut stream,
            "421 Misdirected Request",
            "text/plain; charset=utf-8",
            b"this preview server answers only to localhost, 127.0.0.1, [::1] or the address it listens on\n",
            false,
            "",
        );
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n",
            false,
            "Allow: GET, HEAD\r\n",
        );
    }
    let head = method == "HEAD";
    let Some(path) = safe_path(target) else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            b"bad path\n",
            head,
            "",
        );
    };
    if path == "/__onderdak/live.js" {
        return respond(
            &mut stream,
            "200 OK",
            content_type(".js"),
            LIVE_JS.as_bytes(),
            head,
            "",
        );
    }
    if path == "/__onderdak/events" {
        return events(stream, shared);
    }
    let last_good = target.contains("?last-good");
    let key = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let (lock, _) = &**shared;
    let data_file = !key.ends_with(".html") && !path.starts_with("/static/");
    if data_file && lock.lock().unwrap_or_else(|e| e.into_inner()).data_stale {
        publish_data(shared, session);
    }
    let (file, errors, is_dir) = {
        let s = lock.lock().unwrap_or_else(|e| e.into_inner());
        (
            s.files.get(&key).cloned(),
            s.errors.clone(),
            s.files.contains_key(&format!("{path}/index.html")),
        )
    };
    if let Some(errors) = errors.filter(|_| !last_good && (key.ends_with(".html"))) {
        return respond(
            &mut stream,
            "500 Internal Server Error",
            content_type(".html"),
            errors.as_bytes(),
            head,
            "",
        );
    }
    if let Some(bytes) = file {
        return respond(&mut stream, "200 OK", content_type(&key), &bytes, head, "");
    }
    if is_dir {
        return respond(
            &mut stream,
            "301 Moved Permanently",
            "text/plain",
            b"",
            head,
            &format!("Location: {path}/\r\n"),
        );
    }
    if let Some(rest) = path.strip_prefix("/static/") {
        for dir in static_dirs.iter().rev() {
            // The path has no `..` (safe_path), so it stays inside `dir`; and no part of it
            // may be a link, which could point anywhere on the disk (`build` skips links
            // in static/ too).
            if let Some(candidate) = no_links_below(dir, rest) {
                let bytes = std::fs::read(&candidate)?;
                return respond(&mut stream, "200 OK", content_type(rest), &bytes, head, "");
            }
        }
    }
    let not_found = lock
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .get("/404.html")
        .cloned();
    let body = not_found
        .map(|b| b.to_vec())
        .unwrap_or_else(|| b"not found".to_vec());
    respond(
        &mut stream,
        "404 Not Found",
        content_type(".html"),
        &body,
        head,
        "",
    )
}

/// `dir/rest` when it is a file and neither it nor a folder between it and `dir` is a
/// symbolic link.
fn no_links_below(dir: &Path, rest: &str) -> Option<PathBuf> {
    let mut p = dir.to_path_buf();
    for part in Path::new(rest).components() {
        let Component::Normal(part) = part else {
            return None;
        };
        p.push(part);
        if std::fs::symlink_metadata(&p).ok()?.file_type().is_symlink() {
            return None;
        }
    }
    p.is_file().then_some(p)
}

/// Server-sent events: one `reload` message each time a rebuild is published.
fn events(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    stream.flush()?;
    let (lock, cvar) = &**shared;
    let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner()).generation;
    loop {
        let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = cvar
            .wait_timeout_while(guard, Duration::from_secs(15), |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let now = guard.generation;
        drop(guard);
        if now != seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else {
            stream.write_all(b": ping\n\n")?; // fails once the tab is gone, ending the thread
        }
        stream.flush()?;
    }
}

/// For the benchmark (`onderdak bench-edit`): the time from saving a service file to every
/// page that shows it being rendered again in serve's memory. Each round writes the file
/// with a new sentence at the end, rebuilds as `serve` does after a save, and checks that
/// the service's page holds the sentence. The file is restored at the end. Prints one line
/// per round and the median.
pub fn bench_edit(site_dir: &Path, file: &Path, rounds: usize) -> io::Result<()> {
    let path = site_dir.join(file);
    let original = std::fs::read_to_string(&path)?;
    let mut session = Session::new(site_dir);
    let first = session.rebuild(&[]);
    if let Some(d) = &first.errors {
        return Err(io::Error::other(format!("the site does not build:\n{d:?}")));
    }
    println!(
        "full build in memory: {} pages in {:.0} ms",
        first.pages_rendered,
        first.elapsed.as_secs_f64() * 1000.0
    );
    drop(first);
    let url = {
        let site = session.site.as_ref().expect("built");
        let i = site
            .services
            .iter()
            .position(|s| s.doc.front.file == file)
            .ok_or_else(|| io::Error::other(format!("{} is not a service file", file.display())))?;
        plan::service_url(site, site.default_language(), i)
    };
    let mut times = Vec::new();
    let result = (|| -> io::Result<()> {
        for round in 1..=rounds {
            let marker = format!("Benchmark edit number {round}.");
            std::fs::write(&path, format!("{original}\n{marker}\n"))?;
            let r = session.rebuild(&[file.to_path_buf()]);
            if let Some(d) = &r.errors {
                return Err(io::Error::other(format!("rebuild failed:\n{d:?}")));
            }
            let shown = r
                .page(&url)
                .is_some_and(|p| String::from_utf8_lossy(p).contains(&marker));
            if !shown {
                return Err(io::Error::other(format!("{url} does not show the edit")));
            }
            println!(
                "round {round}: {} pages (incremental: {}) in {:.1} ms: {}",
                r.pages_rendered,
                !r.full,
                r.elapsed.as_secs_f64() * 1000.0,
                r.steps()
            );
            times.push(r.elapsed);
        }
        Ok(())
    })();
    std::fs::write(&path, &original)?;
    result?;
    times.sort();
    if let Some(median) = times.get(times.len() / 2) {
        println!(
            "edit of {} ({url}): median {:.1} ms, min {:.1} ms, max {:.1} ms over {} rounds",
            file.display(),
            median.as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
            times.len()
        );
    }
    Ok(())
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
