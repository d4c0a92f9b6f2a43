//! The driver: load → check → plan → render → write, for `build` (into a folder) and for
//! `serve` (into memory). One list of jobs (every page and every data file) is made here and
//! run in parallel; both commands use it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{hint, msg, Diagnostic, Diagnostics};
use crate::model::Date;
use crate::model::Site;
use crate::{data, load, plan, render, write};
use data::hsds;
use data::sitemap::{Sitemaps, SITEMAP_URLS};
use plan::inputs::Inputs;

/// With `ONDERDAK_TRACE` set, prints each build stage's end time and the process's memory
/// (current and peak resident set) to stderr: the figures behind `benches/README.md`.
pub fn trace(stage: &str) {
    use std::sync::OnceLock;
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    let Some(start) =
        START.get_or_init(|| std::env::var_os("ONDERDAK_TRACE").map(|_| Instant::now()))
    else {
        return;
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    eprintln!(
        "trace {:>8.3} s  rss {:>6} MB  peak {:>6} MB  {stage}",
        start.elapsed().as_secs_f64(),
        kb("VmRSS:") / 1024,
        kb("VmHWM:") / 1024
    );
}

/// Loads and checks the site in `site_dir`. The site is `Some` when there are no errors.
pub fn check_site(site_dir: &Path) -> (Option<Site>, Diagnostics) {
    check_site_on(site_dir, Date::today())
}

/// As [`check_site`], with "today" given (tests pin it so results do not age).
pub fn check_site_on(site_dir: &Path, today: Date) -> (Option<Site>, Diagnostics) {
    let (site, _, diags) = check_site_and_theme(site_dir, today);
    (site, diags)
}

/// As [`check_site_on`], and the theme the site was checked with: its templates are read
/// once, for the texts `check` requires and for `build` to compile.
pub fn check_site_and_theme(
    site_dir: &Path,
    today: Date,
) -> (Option<Site>, Option<render::Theme>, Diagnostics) {
    trace("start");
    let (loaded, mut diags) = load::load(site_dir);
    trace("loaded");
    let theme = match loaded.config.as_ref().map(|c| c.value.theme.clone()) {
        Some(name) if site_dir.join("themes").join(&name).is_dir() => {
            match render::Theme::read(site_dir, &name) {
                Ok(theme) => Some(theme),
                Err(errors) => {
                    errors.into_iter().for_each(|e| diags.push(e));
                    None
                }
            }
        }
        // No site.yaml, or a theme that does not exist: load has said so at `theme:`.
        _ => None,
    };
    let no_texts = std::collections::BTreeMap::new();
    let texts_used = theme.as_ref().map_or(&no_texts, |t| &t.texts_used);
    let (site, more) = crate::check::check(loaded, texts_used, today, diags.has_errors());
    trace("checked");
    diags.extend(more);
    if let Some(s) = &site {
        diags.extend(crate::check::publish::check(s, site_dir));
    }
    diags.sort();
    (if diags.has_errors() { None } else { site }, theme, diags)
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub out_dir: PathBuf,
    /// Overrides `base_url` from site.yaml (for previews and staging).
    pub base_url: Option<String>,
    /// Also write `.gz` and `.br` files beside the pages and assets (see
    /// [`write::Staging::precompress`]).
    pub precompress: bool,
    /// Replace an existing output folder that has files but no onderdak marker.
    pub force: bool,
    /// A build for the public site: a placeholder `base_url` is an error
    /// (src/publish_guard.rs).
    pub production: bool,
    /// Make every file, also those whose inputs are the same as in the last build.
    pub full: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    /// `.gz` and `.br` files in the output with `precompress` (0 without it).
    pub precompressed: usize,
    /// Files of the output written, kept (linked unchanged from the previous output) and
    /// removed (in the previous output, not in the new one).
    pub written: write::Written,
    /// Files kept from the last build without being made again (their inputs were the
    /// same); the other files were rendered.
    pub reused: usize,
    pub languages: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

/// What [`render_site`] made.
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
    /// Files kept from the last build without making them (their inputs were the same).
    pub reused: usize,
}

/// One file of the site to make: a page or a data file.
enum Job<'p> {
    Page(&'p plan::PlannedPage),
    /// A municipality's essentials for offline use.
    Offline {
        lang: &'p str,
        municipality: usize,
    },
    /// A region's Atom feed of changes.
    Feed {
        lang: &'p str,
        region: usize,
    },
    SearchIndex(&'p str),
    /// The search's topic index (see `crate::model::topics`).
    TopicIndex(&'p str),
    /// One topic's services per region.
    TopicFile {
        lang: &'p str,
        topic: usize,
    },
    /// A region's search shard.
    SearchShard {
        lang: &'p str,
        region: usize,
    },
    /// File `n` of the HSDS export.
    Hsds(usize),
    /// Sitemap file `n`.
    Sitemap(usize),
}

/// Renders every planned page plus the data files (offline lists, feeds, search index,
/// HSDS, service worker, sitemaps, robots.txt) and writes each into the staging folder
/// `out` as soon as it is made, so memory does not grow with the site. With `keep`, a file
/// whose [`Inputs`] number is the one the last build recorded is kept from the live output
/// instead (see [`crate::plan::inputs`]). `inject` is added to every page (the live-reload
/// script in `serve`, empty in `build`).
///
/// One language at a time: its pages and its data files together, spread over all cores,
/// after which its service cards are dropped (a nationwide site has about 100 MB of them
/// per language). Then the HSDS export and the sitemaps, then the files that depend on all
/// others (the service worker, whose cache name is a hash of every file).
pub fn render_site(
    site: &Site,
    tera: tera::Tera,
    inject: &str,
    out: &write::Staging,
    inputs: &Inputs,
    keep: bool,
) -> Result<Rendered, Diagnostics> {
    let pages = plan::plan(site);
    trace("planned");
    let mut renderer = render::Renderer::new(site, tera);
    renderer.inject = inject.to_string();
    let sitemaps = Sitemaps::new(site, &pages, SITEMAP_URLS);

    let groups = job_list(site, &pages);
    let total = groups.iter().map(|(_, jobs)| jobs.len()).sum::<usize>() + 64;

    let done = std::sync::atomic::AtomicUsize::new(0);
    let reused = std::sync::atomic::AtomicUsize::new(0);
    let mut hashes: Vec<(PathBuf, u64)> = Vec::with_capacity(total);
    let mut errors = Diagnostics::default();
    let mut per_template: std::collections::HashMap<PathBuf, usize> =
        std::collections::HashMap::new();
    // Makes, hashes and writes each job's file; keeps the path and the hash only.
    let run = |renderer: &render::Renderer,
               hsds: Option<&hsds::Files>,
               jobs: &[Job],
               hashes: &mut Vec<(PathBuf, u64)>,
               errors: &mut Diagnostics,
               per_template: &mut std::collections::HashMap<PathBuf, usize>| {
        let made: Vec<Result<(PathBuf, u64), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                // Kept as it is when made from the same inputs as last time; else made.
                let path = job_path(site, hsds, &sitemaps, job);
                let number = job_inputs(inputs, site, job, &path);
                let kept = if keep {
                    out.keep(&path, number).map_err(|e| write_error(&path, e))
                } else {
                    Ok(None)
                };
                let r = match kept {
                    Ok(Some(hash)) => {
                        reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        Ok((path, hash))
                    }
                    Ok(None) => make(site, renderer, hsds, &sitemaps, job).and_then(|bytes| {
                        out.write_made(&path, &bytes, number)
                            .map_err(|e| write_error(&path, e))?;
                        Ok((path, write::hash_bytes(&bytes)))
                    }),
                    Err(e) => Err(e),
                };
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                r
            })
            .collect();
        for r in made {
            match r {
                Ok(f) => hashes.push(f),
                Err(e) => {
                    // One broken template fails every page that uses it: show a few, count
                    // the rest.
                    let n = per_template.entry(e.file.clone()).or_default();
                    *n += 1;
                    if *n <= 3 {
                        errors.push(e);
                    }
                }
            }
        }
    };
    std::thread::scope(|scope| {
        // Dropping `stop` ends the progress display at once, not at its next tick.
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let progress = scope.spawn(|| show_progress(&done, total, stopped));
        for (lang, jobs) in &groups {
            run(
                &renderer,
                None,
                jobs,
                &mut hashes,
                &mut errors,
                &mut per_template,
            );
            renderer.forget_views(lang);
            trace(&format!("language {lang} written"));
            if errors.has_errors() {
                break;
            }
        }
        if !errors.has_errors() {
            let hsds = hsds::Files::new();
            trace("hsds records made");
            let jobs = site_wide_jobs(&hsds, &sitemaps);
            run(
                &renderer,
                Some(&hsds),
                &jobs,
                &mut hashes,
                &mut errors,
                &mut per_template,
            );
            trace("hsds and sitemaps written");
        }
        drop(stop);
        let _ = progress.join();
    });
    for (file, n) in per_template {
        if n > 3 {
            errors.push(Diagnostic::error(file, msg::more_pages_failed(n - 3)));
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let files = hashes.len();
    let version = write::fingerprint(&mut hashes);
    trace("fingerprint");
    let mut last: Vec<write::OutFile> = Vec::new();
    match renderer.service_worker(&version) {
        Ok(Some(js)) => last.push(write::OutFile {
            path: "sw.js".into(),
            bytes: js.into_bytes(),
        }),
        Ok(None) => {}
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    }
    last.extend(sitemaps.index());
    last.push(data::sitemap::robots_file(site));
    for f in &last {
        if let Err(e) = out.write(&f.path, &f.bytes) {
            errors.push(write_error(&f.path, e));
            return Err(errors);
        }
    }
    trace("data files written");
    Ok(Rendered {
        // Every planned page is one HTML file.
        pages: pages.len(),
        files: files + last.len(),
        reused: reused.into_inner(),
    })
}

/// The job list, per language: its data files (search index and shards, its regions'
/// feeds, its municipalities' offline lists) and then its `pages`. Data files come first:
/// they take longest, and started last they would leave one core working alone at the end.
/// `build` and `serve` both make their files from this list and [`site_wide_jobs`].
fn job_list<'p>(site: &'p Site, pages: &'p [plan::PlannedPage]) -> Vec<(&'p str, Vec<Job<'p>>)> {
    let mut groups: Vec<(&str, Vec<Job>)> = site
        .languages
        .iter()
        .map(|l| {
            let lang = l.code.as_str();
            let mut jobs = vec![Job::SearchIndex(lang), Job::TopicIndex(lang)];
            jobs.extend((0..site.topics.len()).map(|topic| Job::TopicFile { lang, topic }));
            jobs.extend((0..site.regions.len()).map(|region| Job::SearchShard { lang, region }));
            jobs.extend((0..site.regions.len()).map(|region| Job::Feed { lang, region }));
            jobs.extend(
                (0..site.municipalities.len())
                    .map(|municipality| Job::Offline { lang, municipality }),
            );
            (lang, jobs)
        })
        .collect();
    for p in pages {
        match groups.iter_mut().find(|(lang, _)| *lang == p.lang) {
            Some((_, jobs)) => jobs.push(Job::Page(p)),
            // Planned pages are in a site language; should one not be, it is still made.
            None => groups.push((p.lang.as_str(), vec![Job::Page(p)])),
        }
    }
    groups
}

/// The files made once for the whole site, after the languages: the HSDS export and the
/// sitemaps. (The service worker and robots.txt come last, outside the list: the worker's
/// cache name is a hash of every other file.)
fn site_wide_jobs<'p>(hsds: &hsds::Files, sitemaps: &Sitemaps) -> Vec<Job<'p>> {
    (0..hsds.len())
        .map(Job::Hsds)
        .chain((0..sitemaps.parts()).map(Job::Sitemap))
        .collect()
}

/// Every file of the site but the pages and the service worker: search indexes, feeds,
/// offline lists, the HSDS export, sitemaps and robots.txt, all in memory. `serve` makes
/// them after each rebuild, once the pages are served, so an edit shows without waiting
/// for them; it has no service worker, whose cache would fight the live reload.
pub fn data_files(
    site: &Site,
    renderer: &render::Renderer,
) -> Result<Vec<write::OutFile>, Diagnostics> {
    let pages = plan::plan(site);
    let sitemaps = Sitemaps::new(site, &pages, SITEMAP_URLS);
    let hsds = hsds::Files::new();
    let jobs: Vec<Job> = job_list(site, &[])
        .into_iter()
        .flat_map(|(_, jobs)| jobs)
        .chain(site_wide_jobs(&hsds, &sitemaps))
        .collect();
    let made: Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> = jobs
        .par_iter()
        .map(|job| {
            let bytes = make(site, renderer, Some(&hsds), &sitemaps, job)?;
            Ok((job_path(site, Some(&hsds), &sitemaps, job), bytes))
        })
        .collect();
    let mut files: Vec<write::OutFile> = made
        .map_err(|e| {
            let mut d = Diagnostics::default();
            d.push(e);
            d
        })?
        .into_iter()
        .map(|(path, bytes)| write::OutFile { path, bytes })
        .collect();
    files.extend(sitemaps.index());
    files.push(data::sitemap::robots_file(site));
    Ok(files)
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, msg::cannot_write_file(e)).hint(hint::out_writable())
}

/// The content of one job's file (its path is [`job_path`]).
fn make(
    site: &Site,
    renderer: &render::Renderer,
    hsds: Option<&hsds::Files>,
    sitemaps: &Sitemaps,
    job: &Job,
) -> Result<Vec<u8>, Diagnostic> {
    Ok(match *job {
        Job::Page(p) => renderer.render_bytes(p)?,
        Job::Offline { lang, municipality } => data::offline::list_file(site, lang, municipality),
        Job::Feed { lang, region } => data::feed::region_feed(renderer, lang, region).into_bytes(),
        Job::TopicIndex(lang) => data::topics::topic_index(renderer, lang).into_bytes(),
        Job::TopicFile { lang, topic } => {
            data::topics::topic_file(renderer, lang, topic).into_bytes()
        }
        Job::SearchIndex(lang) => data::search::search_index(renderer, lang).into_bytes(),
        Job::SearchShard { lang, region } => {
            data::search::search_shard(renderer, lang, region).into_bytes()
        }
        Job::Hsds(n) => {
            hsds.expect("HSDS jobs run with the export's records")
                .file(site, n)
                .bytes
        }
        Job::Sitemap(n) => sitemaps.file(n).bytes,
    })
}

/// Where a job's file goes, without making it.
fn job_path(site: &Site, hsds: Option<&hsds::Files>, sitemaps: &Sitemaps, job: &Job) -> PathBuf {
    use crate::url;
    match *job {
        Job::Page(p) => p.out_path(),
        Job::Offline { lang, municipality } => {
            url::out_path(&url::offline_list_url(site, lang, municipality))
        }
        Job::Feed { lang, region } => url::out_path(&url::feed_url(site, lang, region)),
        Job::TopicIndex(lang) => url::out_path(&url::topic_index_url(lang)),
        Job::TopicFile { lang, topic } => {
            url::out_path(&url::topic_file_url(lang, &site.topics[topic].slug))
        }
        Job::SearchIndex(lang) => url::out_path(&url::search_index_url(lang)),
        Job::SearchShard { lang, region } => {
            url::out_path(&url::search_shard_url(lang, &site.regions[region].slug))
        }
        Job::Hsds(n) => hsds
            .expect("HSDS jobs run with the export's records")
            .path(n),
        Job::Sitemap(n) => sitemaps.path(n),
    }
}

/// What a job's file is made from (see [`crate::plan::inputs`]): the services it shows,
/// found as the file's maker finds them, or the whole site.
fn job_inputs(inputs: &Inputs, site: &Site, job: &Job, path: &Path) -> u64 {
    use crate::load::Scope;
    match *job {
        Job::Page(p) => inputs.page(site, p),
        Job::Feed { region, .. } | Job::SearchShard { region, .. } => {
            inputs.of_services(path, plan::region_services(site, region))
        }
        Job::Offline { municipality, .. } => {
            let m = &site.municipalities[municipality];
            let region = &site.regions[m.region];
            let services = site
                .scoped(&Scope::Municipality(m.slug.clone()))
                .iter()
                .chain(site.scoped(&Scope::Region(region.slug.clone())))
                .copied();
            inputs.of_services(path, services)
        }
        // Places, regions, national services (all in what every file shows) and explainers.
        Job::SearchIndex(_) => inputs.of_explainers(path),
        Job::TopicIndex(_) | Job::TopicFile { .. } | Job::Hsds(_) | Job::Sitemap(_) => {
            inputs.of_everything(path)
        }
    }
}

/// A progress bar on a terminal (plain lines otherwise) for renders that take longer than a
/// second; quiet for quick builds. Ends as soon as the sender of `stop` is dropped.
fn show_progress(
    done: &std::sync::atomic::AtomicUsize,
    total: usize,
    stop: std::sync::mpsc::Receiver<()>,
) {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    use std::sync::mpsc::RecvTimeoutError;
    let tick = Duration::from_millis(100);
    // Waits one tick; false once the work is done.
    let wait = || matches!(stop.recv_timeout(tick), Err(RecvTimeoutError::Timeout));
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        if !wait() {
            return;
        }
    }
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        loop {
            bar.set_position(done.load(Ordering::Relaxed) as u64);
            if !wait() {
                bar.finish_and_clear();
                return;
            }
        }
    } else {
        let mut last = Instant::now() - Duration::from_secs(5);
        loop {
            if last.elapsed() >= Duration::from_secs(2) {
                let n = done.load(Ordering::Relaxed);
                eprintln!("rendered {n} of {total} pages");
                last = Instant::now();
            }
            if !wait() {
                return;
            }
        }
    }
}

/// Builds the whole site into `out_dir`. On any error nothing in `out_dir` changes.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let (site, theme, mut diags) = check_site_and_theme(&opts.site_dir, Date::today());
    if crate::check::publish::for_build(&mut diags, opts.production, opts.base_url.as_deref()) {
        return Err(diags);
    }
    let (Some(mut site), Some(theme)) = (site, theme) else {
        return Err(diags);
    };
    if let Some(url) = &opts.base_url {
        match crate::model::WebUrl::parse(url) {
            Ok(u) => site.config.base_url = u,
            Err(e) => {
                let mut d = diags;
                d.push(Diagnostic::error("--base-url", e));
                return Err(d);
            }
        }
    }
    site.config.base_url.0 = site.config.base_url.0.trim_end_matches('/').to_string();
    let tera = theme.compile(&opts.site_dir, true).map_err(|errs| {
        let mut d = diags.clone();
        errs.into_iter().for_each(|e| d.push(e));
        d
    })?;
    let cannot_write = |e: std::io::Error| {
        let mut d = diags.clone();
        d.push(
            Diagnostic::error(&opts.out_dir, msg::cannot_write_site(e))
                .hint(hint::folder_writable()),
        );
        d
    };
    // Dropped without commit on any error: the previous output stays as it was.
    let rules = write::OutputRules {
        force: opts.force,
        keep: site.config.keep.clone(),
    };
    let staging = write::Staging::begin(&opts.out_dir, &opts.site_dir, &rules).map_err(|e| {
        let mut d = diags.clone();
        d.push(e);
        d
    })?;
    let theme_hash = plan::inputs::folder_hash(&[
        opts.site_dir.join("themes").join(&site.config.theme),
        opts.site_dir.join("templates"),
        opts.site_dir.join("static"),
    ]);
    let inputs = Inputs::new(&site, theme_hash, Date::today());
    trace("inputs");
    let rendered = match render_site(&site, tera, "", &staging, &inputs, !opts.full) {
        Ok(r) => r,
        Err(errs) => {
            let mut d = diags;
            d.extend(errs);
            d.sort();
            return Err(d);
        }
    };
    let theme_static = opts
        .site_dir
        .join("themes")
        .join(&site.config.theme)
        .join("static");
    let site_static = opts.site_dir.join("static");
    staging
        .copy_static(&[theme_static, site_static])
        .map_err(|(file, e)| {
            let mut d = diags.clone();
            let shown = file.strip_prefix(&opts.site_dir).unwrap_or(&file);
            d.push(Diagnostic::error(shown, msg::cannot_copy(e)).hint(hint::file_readable()));
            d
        })?;
    let precompressed = if opts.precompress {
        let n = staging.precompress().map_err(cannot_write)?;
        trace("precompressed");
        n
    } else {
        0
    };
    let written = staging.commit().map_err(cannot_write)?;
    trace("committed");
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.files,
        precompressed,
        written,
        reused: rendered.reused,
        languages: site.languages.len(),
        elapsed: started.elapsed(),
        warnings: diags,
    })
}
