//! onderdak: a static-site generator for a "where can I get help with housing" portal.
//!
//! One way through, one module per stage, data flowing one way:
//! [`load`] → [`check`] → [`plan`] → [`render`] → [`output`].

// Diagnostics are large but rare; boxing them would only add noise on the error path.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod diagnostics;
pub mod hsds;
pub mod load;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use check::Site;
use diagnostics::{Diagnostic, Diagnostics};
use load::model::Date;

/// Loads and checks the site in `site_dir`. The site is `Some` when there are no errors.
pub fn check_site(site_dir: &Path) -> (Option<Site>, Diagnostics) {
    check_site_on(site_dir, Date::today())
}

/// As [`check_site`], with "today" given (tests pin it so results do not age).
pub fn check_site_on(site_dir: &Path, today: Date) -> (Option<Site>, Diagnostics) {
    let (loaded, mut diags) = load::load(site_dir);
    let (site, more) = check::check(loaded, today, diags.has_errors());
    diags.extend(more);
    diags.sort();
    (if diags.has_errors() { None } else { site }, diags)
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub out_dir: PathBuf,
    /// Overrides `base_url` from site.yaml (for previews and staging).
    pub base_url: Option<String>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub languages: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

/// Renders every planned page (minified) plus sitemap.xml and robots.txt, in memory.
/// `inject` is added to every page (the live-reload script in `serve`, empty in `build`).
pub fn render_site(
    site: &Site,
    tera: tera::Tera,
    inject: &str,
) -> Result<Vec<output::OutFile>, Diagnostics> {
    let pages = plan::plan(site);
    let mut renderer = render::Renderer::new(site, tera);
    renderer.inject = inject.to_string();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<Result<output::OutFile, Diagnostic>> = std::thread::scope(|scope| {
        let progress = scope.spawn(|| show_progress(&done, pages.len()));
        let out = pages
            .par_iter()
            .map(|p| {
                let r = renderer.render(p).map(|html| output::OutFile {
                    path: p.out_path(),
                    bytes: output::minify(&html),
                });
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                r
            })
            .collect();
        done.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
        let _ = progress.join();
        out
    });
    let mut files = Vec::with_capacity(rendered.len() + 2);
    let mut errors = Diagnostics::default();
    let mut per_template: std::collections::HashMap<PathBuf, usize> =
        std::collections::HashMap::new();
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(e) => {
                // One broken template fails every page that uses it: show a few, count the rest.
                let n = per_template.entry(e.file.clone()).or_default();
                *n += 1;
                if *n <= 3 {
                    errors.push(e);
                }
            }
        }
    }
    for (file, n) in per_template {
        if n > 3 {
            errors.push(Diagnostic::error(
                file,
                format!("… and {} more pages failed with this template", n - 3),
            ));
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    // Offline: each municipality's essentials per language, and the service worker whose
    // cache name changes whenever any page changes.
    for lang in &site.languages {
        for (m, muni) in site.municipalities.iter().enumerate() {
            let urls = plan::offline_essentials(site, &lang.code, m);
            files.push(output::OutFile {
                path: PathBuf::from(&lang.code)
                    .join(&muni.slug)
                    .join("offline.json"),
                bytes: serde_json::to_vec(&serde_json::json!({ "urls": urls })).unwrap_or_default(),
            });
        }
    }
    for lang in &site.languages {
        for (r, region) in site.regions.iter().enumerate() {
            files.push(output::OutFile {
                path: PathBuf::from(&lang.code)
                    .join(&region.slug)
                    .join(plan::CHANGES_SEGMENT)
                    .join("feed.atom"),
                bytes: renderer.region_feed(&lang.code, r).into_bytes(),
            });
        }
        files.push(output::OutFile {
            path: PathBuf::from(&lang.code)
                .join(plan::SEARCH_SEGMENT)
                .join("index.json"),
            bytes: renderer.search_index(&lang.code).into_bytes(),
        });
    }
    files.extend(hsds::export(site));
    let version = output::fingerprint(&files);
    match renderer.service_worker(&version) {
        Ok(Some(js)) => files.push(output::OutFile {
            path: "sw.js".into(),
            bytes: js.into_bytes(),
        }),
        Ok(None) => {}
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    }
    files.push(output::OutFile {
        path: "sitemap.xml".into(),
        bytes: sitemap(site, &pages).into_bytes(),
    });
    files.push(output::OutFile {
        path: "robots.txt".into(),
        bytes: output::robots(&site.config.base_url.0).into_bytes(),
    });
    Ok(files)
}

/// A progress bar on a terminal (plain lines otherwise) for renders that take longer than a
/// second; quiet for quick builds. Ends when `done` is set to `usize::MAX`.
fn show_progress(done: &std::sync::atomic::AtomicUsize, total: usize) {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    let started = Instant::now();
    let tick = Duration::from_millis(100);
    while started.elapsed() < Duration::from_secs(1) {
        if done.load(Ordering::Relaxed) == usize::MAX {
            return;
        }
        std::thread::sleep(tick);
    }
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        loop {
            let n = done.load(Ordering::Relaxed);
            if n == usize::MAX {
                bar.finish_and_clear();
                return;
            }
            bar.set_position(n as u64);
            std::thread::sleep(tick);
        }
    } else {
        let mut last = Instant::now() - Duration::from_secs(5);
        loop {
            let n = done.load(Ordering::Relaxed);
            if n == usize::MAX {
                return;
            }
            if last.elapsed() >= Duration::from_secs(2) {
                eprintln!("rendered {n} of {total} pages");
                last = Instant::now();
            }
            std::thread::sleep(tick);
        }
    }
}

/// sitemap.xml: every page but 404, with its language alternates.
fn sitemap(site: &Site, pages: &[plan::PlannedPage]) -> String {
    let entries: Vec<(String, Vec<(String, String)>)> = pages
        .iter()
        .filter(|p| !matches!(p.kind, plan::PageKind::NotFound | plan::PageKind::Offline))
        .map(|p| {
            let alternates = match p.kind {
                plan::PageKind::Landing => Vec::new(),
                _ => site
                    .languages
                    .iter()
                    .map(|l| {
                        (
                            l.code.clone(),
                            format!(
                                "/{}/{}",
                                l.code,
                                p.url
                                    .trim_start_matches('/')
                                    .split_once('/')
                                    .map_or("", |(_, r)| r)
                            ),
                        )
                    })
                    .collect(),
            };
            (p.url.clone(), alternates)
        })
        .collect();
    output::sitemap(&site.config.base_url.0, &entries)
}

/// Builds the whole site into `out_dir`. On any error nothing in `out_dir` changes.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let (site, diags) = check_site(&opts.site_dir);
    let Some(mut site) = site else {
        return Err(diags);
    };
    if let Some(url) = &opts.base_url {
        match load::model::WebUrl::parse(url) {
            Ok(u) => site.config.base_url = u,
            Err(e) => {
                let mut d = diags;
                d.push(Diagnostic::error("--base-url", e));
                return Err(d);
            }
        }
    }
    site.config.base_url.0 = site.config.base_url.0.trim_end_matches('/').to_string();
    let tera = render::load_templates(&opts.site_dir, &site.config.theme).map_err(|errs| {
        let mut d = diags.clone();
        errs.into_iter().for_each(|e| d.push(e));
        d
    })?;
    let files = match render_site(&site, tera, "") {
        Ok(f) => f,
        Err(errs) => {
            let mut d = diags;
            d.extend(errs);
            d.sort();
            return Err(d);
        }
    };
    let page_count = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    let theme_static = opts
        .site_dir
        .join("themes")
        .join(&site.config.theme)
        .join("static");
    let site_static = opts.site_dir.join("static");
    if let Err(e) = output::write_site(&opts.out_dir, &files, &[theme_static, site_static]) {
        let mut d = diags;
        d.push(
            Diagnostic::error(&opts.out_dir, format!("cannot write the site: {e}"))
                .hint("check that the folder is writable and the disk has room; the previous output is unchanged"),
        );
        return Err(d);
    }
    Ok(BuildReport {
        pages: page_count,
        files: files.len(),
        languages: site.languages.len(),
        elapsed: started.elapsed(),
        warnings: diags,
    })
}
