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

/// Where rendered files go: called from many threads with a path relative to the output
/// folder. `build` writes straight into the staging folder; tests may keep files in memory.
pub type Sink<'s> = dyn Fn(&Path, &[u8]) -> std::io::Result<()> + Sync + 's;

/// What [`render_site`] made.
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
}

/// Renders every planned page plus the data files (offline lists, feeds, search index,
/// HSDS, service worker, sitemap.xml, robots.txt) and hands each to `sink` as soon as it is
/// made, so memory does not grow with the site. `inject` is added to every page (the
/// live-reload script in `serve`, empty in `build`).
pub fn render_site(
    site: &Site,
    tera: tera::Tera,
    inject: &str,
    sink: &Sink<'_>,
) -> Result<Rendered, Diagnostics> {
    let pages = plan::plan(site);
    let mut renderer = render::Renderer::new(site, tera);
    renderer.inject = inject.to_string();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let write_error = |path: &Path, e: std::io::Error| {
        Diagnostic::error(path, format!("cannot write the file: {e}"))
            .hint("check that the output folder is writable and the disk has room; the previous output is unchanged")
    };
    // Each page: render, hash (for the service worker's version), write. Nothing is kept
    // but the path and the hash.
    let rendered: Vec<Result<(PathBuf, u64), Diagnostic>> = std::thread::scope(|scope| {
        let progress = scope.spawn(|| show_progress(&done, pages.len()));
        let out = pages
            .par_iter()
            .map(|p| {
                let r = renderer.render(p).and_then(|html| {
                    let path = p.out_path();
                    let hash = output::hash_bytes(html.as_bytes());
                    sink(&path, html.as_bytes()).map_err(|e| write_error(&path, e))?;
                    Ok((path, hash))
                });
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                r
            })
            .collect();
        done.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
        let _ = progress.join();
        out
    });
    let mut hashes = Vec::with_capacity(rendered.len() + 64);
    let mut errors = Diagnostics::default();
    let mut per_template: std::collections::HashMap<PathBuf, usize> =
        std::collections::HashMap::new();
    for r in rendered {
        match r {
            Ok(f) => hashes.push(f),
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
    let mut data: Vec<output::OutFile> = Vec::new();
    for lang in &site.languages {
        for (m, muni) in site.municipalities.iter().enumerate() {
            let urls = plan::offline_essentials(site, &lang.code, m);
            data.push(output::OutFile {
                path: PathBuf::from(&lang.code)
                    .join(&muni.slug)
                    .join("offline.json"),
                bytes: serde_json::to_vec(&serde_json::json!({ "urls": urls })).unwrap_or_default(),
            });
        }
    }
    for lang in &site.languages {
        for (r, region) in site.regions.iter().enumerate() {
            data.push(output::OutFile {
                path: PathBuf::from(&lang.code)
                    .join(&region.slug)
                    .join(plan::CHANGES_SEGMENT)
                    .join("feed.atom"),
                bytes: renderer.region_feed(&lang.code, r).into_bytes(),
            });
        }
        data.push(output::OutFile {
            path: PathBuf::from(&lang.code)
                .join(plan::SEARCH_SEGMENT)
                .join("index.json"),
            bytes: renderer.search_index(&lang.code).into_bytes(),
        });
    }
    data.extend(hsds::export(site));
    let written: Vec<Result<(PathBuf, u64), Diagnostic>> = data
        .par_iter()
        .map(|f| {
            sink(&f.path, &f.bytes).map_err(|e| write_error(&f.path, e))?;
            Ok((f.path.clone(), output::hash_bytes(&f.bytes)))
        })
        .collect();
    for w in written {
        match w {
            Ok(h) => hashes.push(h),
            Err(e) => errors.push(e),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let files = hashes.len();
    let version = output::fingerprint(&mut hashes);
    let mut last: Vec<output::OutFile> = Vec::new();
    match renderer.service_worker(&version) {
        Ok(Some(js)) => last.push(output::OutFile {
            path: "sw.js".into(),
            bytes: js.into_bytes(),
        }),
        Ok(None) => {}
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    }
    for f in sitemaps(site, &pages, SITEMAP_URLS) {
        if let Err(e) = sink(&f.path, &f.bytes) {
            errors.push(write_error(&f.path, e));
            return Err(errors);
        }
    }
    last.push(output::OutFile {
        path: "robots.txt".into(),
        bytes: output::robots(&site.config.base_url.0).into_bytes(),
    });
    for f in &last {
        if let Err(e) = sink(&f.path, &f.bytes) {
            errors.push(write_error(&f.path, e));
            return Err(errors);
        }
    }
    Ok(Rendered {
        // Every planned page is one HTML file.
        pages: pages.len(),
        files: files + last.len(),
    })
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

/// Pages per sitemap file: the protocol allows 50,000 URLs and 50 MB, and each URL here
/// carries its alternates in every language.
const SITEMAP_URLS: usize = 40_000;

/// sitemap.xml: every page but 404, with its language alternates. A site with more pages
/// than one file may hold (a nationwide site has about 250,000) gets `sitemap-1.xml`, … and
/// a sitemap.xml that lists them. Each file is made from its own pages, so only one is in
/// memory at a time.
fn sitemaps<'p>(
    site: &'p Site,
    pages: &'p [plan::PlannedPage],
    per_file: usize,
) -> impl Iterator<Item = output::OutFile> + 'p {
    let listed: Vec<&plan::PlannedPage> = pages
        .iter()
        .filter(|p| !matches!(p.kind, plan::PageKind::NotFound | plan::PageKind::Offline))
        .collect();
    let base = &site.config.base_url.0;
    let parts = listed.len().div_ceil(per_file).max(1);
    let file = move |chunk: &[&plan::PlannedPage]| {
        let entries: Vec<(String, Vec<(String, String)>)> = chunk
            .iter()
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
        output::sitemap(base, &entries).into_bytes()
    };
    let index = (parts > 1).then(|| output::OutFile {
        path: "sitemap.xml".into(),
        bytes: output::sitemap_index(
            base,
            &(1..=parts)
                .map(|n| format!("/sitemap-{n}.xml"))
                .collect::<Vec<_>>(),
        )
        .into_bytes(),
    });
    let chunks: Vec<Vec<&plan::PlannedPage>> = if listed.is_empty() {
        vec![Vec::new()]
    } else {
        listed.chunks(per_file).map(<[_]>::to_vec).collect()
    };
    chunks
        .into_iter()
        .enumerate()
        .map(move |(n, chunk)| output::OutFile {
            path: if parts > 1 {
                format!("sitemap-{}.xml", n + 1).into()
            } else {
                "sitemap.xml".into()
            },
            bytes: file(&chunk),
        })
        .chain(index)
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
    let cannot_write = |e: std::io::Error| {
        let mut d = diags.clone();
        d.push(
            Diagnostic::error(&opts.out_dir, format!("cannot write the site: {e}"))
                .hint("check that the folder is writable and the disk has room; the previous output is unchanged"),
        );
        d
    };
    // Dropped without commit on any error: the previous output stays as it was.
    let staging = output::Staging::begin(&opts.out_dir).map_err(cannot_write)?;
    let rendered = match render_site(&site, tera, "", &|path, bytes| staging.write(path, bytes)) {
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
        .and_then(|()| staging.commit())
        .map_err(cannot_write)?;
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.files,
        languages: site.languages.len(),
        elapsed: started.elapsed(),
        warnings: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with more pages than one sitemap may hold gets numbered files and an index;
    /// every page is in exactly one of them.
    #[test]
    fn large_sitemaps_are_split_and_indexed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let (site, d) = check_site_on(&dir, Date::parse("2026-11-23").unwrap());
        let site = site.unwrap_or_else(|| panic!("{d:?}"));
        let pages = plan::plan(&site);
        let one: Vec<output::OutFile> = sitemaps(&site, &pages, SITEMAP_URLS).collect();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, PathBuf::from("sitemap.xml"));
        let split: Vec<output::OutFile> = sitemaps(&site, &pages, 10).collect();
        let text = |f: &output::OutFile| String::from_utf8(f.bytes.clone()).unwrap();
        let index = split.last().unwrap();
        assert_eq!(index.path, PathBuf::from("sitemap.xml"));
        assert!(text(index).contains("<sitemapindex"));
        let parts = &split[..split.len() - 1];
        assert!(parts.len() > 1);
        for (n, f) in parts.iter().enumerate() {
            let name = format!("sitemap-{}.xml", n + 1);
            assert_eq!(f.path, PathBuf::from(&name));
            assert!(text(index).contains(&format!("https://test.example/{name}")));
            assert!(text(f).matches("<loc>").count() <= 10);
        }
        let locs = |s: &str| s.matches("<loc>").count();
        let all: usize = parts.iter().map(|f| locs(&text(f))).sum();
        assert_eq!(all, locs(&text(&one[0])));
    }
}
