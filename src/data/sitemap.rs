//! sitemap.xml (split into numbered files with an index on a large site) and robots.txt.

use crate::model::Site;
use crate::plan;
use crate::url;
use crate::write::{xml_escape, OutFile};

/// Pages per sitemap file: the protocol allows 50,000 URLs and 50 MB, and each URL here
/// carries its alternates in every language.
pub const SITEMAP_URLS: usize = 40_000;

/// sitemap.xml: every page but the 404 page and the offline pages, with its language
/// alternates. Those two are stand-ins served in place of another URL (a missing page; a
/// page the service worker did not save), have no content of their own, and carry
/// `<meta name="robots" content="noindex">`; a test checks that every other HTML page is
/// listed. A site with more pages than one file may hold (a nationwide site has about
/// 250,000) gets `sitemap-1.xml`, … and a sitemap.xml that lists them. Each file is made on its own, so only a few are in
/// memory at a time.
pub struct Sitemaps<'p> {
    site: &'p Site,
    listed: Vec<&'p plan::PlannedPage>,
    per_file: usize,
}

impl<'p> Sitemaps<'p> {
    pub fn new(site: &'p Site, pages: &'p [plan::PlannedPage], per_file: usize) -> Self {
        let listed = pages
            .iter()
            .filter(|p| !matches!(p.kind, plan::PageKind::NotFound | plan::PageKind::Offline))
            .collect();
        Sitemaps {
            site,
            listed,
            per_file,
        }
    }

    /// How many files hold the URLs (at least one, even for no pages).
    pub fn parts(&self) -> usize {
        self.listed.len().div_ceil(self.per_file).max(1)
    }

    /// Where file `n` of [`Sitemaps::parts`] goes.
    pub fn path(&self, n: usize) -> std::path::PathBuf {
        if self.parts() > 1 {
            format!("sitemap-{}.xml", n + 1).into()
        } else {
            "sitemap.xml".into()
        }
    }

    /// File `n` of [`Sitemaps::parts`].
    pub fn file(&self, n: usize) -> OutFile {
        let site = self.site;
        let from = (n * self.per_file).min(self.listed.len());
        let to = ((n + 1) * self.per_file).min(self.listed.len());
        // A URL and its alternates, each about the base URL and 80 bytes of markup and path.
        let size_hint =
            (to - from) * (1 + site.languages.len()) * (site.config.base_url.0.len() + 80);
        let entries = self.listed[from..to].iter().map(|p| {
            let alternates = match p.kind {
                plan::PageKind::Landing => Vec::new(),
                _ => site
                    .languages
                    .iter()
                    .map(|l| (l.code.clone(), url::in_language(&p.url, &l.code)))
                    .collect(),
            };
            (p.url.clone(), alternates)
        });
        OutFile {
            path: self.path(n),
            bytes: sitemap(&site.config.base_url.0, entries, size_hint).into_bytes(),
        }
    }

    /// sitemap.xml listing the numbered files, when there is more than one.
    pub fn index(&self) -> Option<OutFile> {
        let parts = self.parts();
        (parts > 1).then(|| OutFile {
            path: "sitemap.xml".into(),
            bytes: sitemap_index(
                &self.site.config.base_url.0,
                &(1..=parts)
                    .map(|n| format!("/sitemap-{n}.xml"))
                    .collect::<Vec<_>>(),
            )
            .into_bytes(),
        })
    }
}

/// robots.txt: everything may be indexed; where the sitemap is.
pub fn robots_file(site: &Site) -> OutFile {
    OutFile {
        path: "robots.txt".into(),
        bytes: robots(&site.config.base_url.0).into_bytes(),
    }
}

/// sitemap.xml with every page and its language alternates.
/// `entries` are (page URL, [(language, alternate URL)]), made one at a time; `size_hint`
/// is the expected length, so that a large sitemap is not copied each time it grows.
pub fn sitemap(
    base_url: &str,
    entries: impl Iterator<Item = (String, Vec<(String, String)>)>,
    size_hint: usize,
) -> String {
    let base_url = &xml_escape(base_url);
    let mut s = String::with_capacity(size_hint);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (url, alternates) in entries {
        s.push_str("<url><loc>");
        s.push_str(base_url);
        s.push_str(&xml_escape(&url));
        s.push_str("</loc>");
        for (lang, alt) in alternates {
            s.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            s.push_str(&xml_escape(&lang));
            s.push_str("\" href=\"");
            s.push_str(base_url);
            s.push_str(&xml_escape(&alt));
            s.push_str("\"/>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// A sitemap index: the sitemap files of a site too large for one.
pub fn sitemap_index(base_url: &str, files: &[String]) -> String {
    let base_url = xml_escape(base_url);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for f in files {
        s.push_str(&format!(
            "<sitemap><loc>{base_url}{}</loc></sitemap>\n",
            xml_escape(f)
        ));
    }
    s.push_str("</sitemapindex>\n");
    s
}

fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// A site with more pages than one sitemap may hold gets numbered files and an index;
    /// every page is in exactly one of them.
    #[test]
    fn large_sitemaps_are_split_and_indexed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let (site, d) = crate::check_site_on(&dir, crate::model::Date::today());
        let site = site.unwrap_or_else(|| panic!("{d:?}"));
        let pages = plan::plan(&site);
        let all = |per_file| {
            let maps = Sitemaps::new(&site, &pages, per_file);
            let mut files: Vec<OutFile> = (0..maps.parts()).map(|n| maps.file(n)).collect();
            files.extend(maps.index());
            files
        };
        let one = all(SITEMAP_URLS);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, PathBuf::from("sitemap.xml"));
        let split = all(10);
        let text = |f: &OutFile| String::from_utf8(f.bytes.clone()).unwrap();
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
