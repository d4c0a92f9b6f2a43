//! The builder's memory between rebuilds: the site, its planned pages, the compiled
//! templates and the rendered views, and how an edit is judged (which pages it touches) and
//! applied (only those pages are rendered again).

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::load::{Doc, ServiceFile};
use crate::model::Site;
use crate::model::{ServiceFront, ServiceTranslationFront};
use crate::plan::{self, PlannedPage};
use crate::{check_site, render};

use super::LIVE_SCRIPT_TAG;

/// The builder's memory between rebuilds.
pub struct Session {
    pub(super) site_dir: PathBuf,
    pub(super) site: Option<Site>,
    pub(super) pages: Vec<PlannedPage>,
    pub(super) theme: String,
    /// Compiled templates, kept while no template changes.
    pub(super) tera: Option<tera::Tera>,
    /// Service and explainer views of the last render, kept for the next.
    pub(super) views: Option<render::Views>,
}

/// Result of one (re)build.
pub struct Rebuild {
    pub pages_rendered: usize,
    pub elapsed: Duration,
    pub errors: Option<Diagnostics>,
    /// Time per step, for the log and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    pub(super) files: Vec<(String, Vec<u8>)>,
    /// Whether every page was rendered (not an incremental rebuild).
    pub full: bool,
}

impl Rebuild {
    pub(super) fn failed(
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
        renderer.inject = LIVE_SCRIPT_TAG.to_string();
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
    pub(super) fn edit_services(
        &mut self,
        changed: &[PathBuf],
        started: Instant,
    ) -> Option<Rebuild> {
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
        if !crate::check::recheck_services(site, &services, crate::model::Date::today()) {
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
        renderer.inject = LIVE_SCRIPT_TAG.to_string();
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
        let files = crate::build::data_files(site, &renderer);
        self.views = Some(renderer.into_views());
        let files = files.ok()?;
        Some(
            files
                .into_iter()
                .map(|f| (url_path(&f.path), f.bytes))
                .collect(),
        )
    }

    pub(super) fn static_dirs(&self) -> [PathBuf; 2] {
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
pub(super) enum Undo {
    Original(Doc<ServiceFront>),
    Translation(String, Option<Doc<ServiceTranslationFront>>),
}

/// Puts `file` in place of the same file of service `i`; returns what it replaced.
pub(super) fn swap_service_file(site: &mut Site, i: usize, file: ServiceFile) -> Undo {
    let s = &mut site.services[i];
    match file {
        ServiceFile::Original(doc) => Undo::Original(std::mem::replace(&mut s.doc, doc)),
        ServiceFile::Translation(lang, doc) => {
            let old = s.translations.insert(lang.clone(), doc);
            Undo::Translation(lang, old)
        }
    }
}

pub(super) fn undo_service_file(site: &mut Site, i: usize, undo: Undo) {
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

/// Renders the pages at `selected`, in parallel, each as (URL path, bytes).
pub(super) fn render_selected(
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
pub(super) fn url_path(file: &Path) -> String {
    format!("/{}", file.to_string_lossy())
}

/// For the benchmark (`examples/bench_edit.rs`): the time from saving a service file to every
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
        crate::url::service_url(site, site.default_language(), i)
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
