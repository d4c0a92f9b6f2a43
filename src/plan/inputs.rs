//! What each output file is made from, as one number per file (its *inputs*). The build
//! records the number of every file it made beside the output (`crate::write::Staging`);
//! the next build makes again only the files whose number changed and keeps the others as
//! they are, unread and unrendered. That is what makes a rebuild after one edit cost a
//! fraction of a full build (issue #23).
//!
//! The number is a hash of everything the file shows, in two parts:
//! - what every page may show ([`Inputs::new`]): the binary, today's date, the base URL,
//!   the theme and the site's own templates and static files, and every content file that is
//!   not a municipal or regional service or an explainer (site.yaml, the interface texts,
//!   the flow, the topics, the source register, regions, municipalities, the national
//!   lines), plus the list of all content files, so a file added or removed makes
//!   everything again;
//! - the services and explainers the file itself shows, found by the same
//!   [`super::visit_dependencies`] that `serve` uses to judge an edit, each by the hash of
//!   its files' bytes.
//!
//! A file whose number is the same as last time was made from the same bytes by the same
//! binary, so it comes out the same: the output is deterministic (the rebuild tests compare
//! an incremental build with a build from scratch, byte for byte).

use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use crate::load::Scope;
use crate::model::{Date, Site};

use super::{visit_dependencies, Dep, PlannedPage};

/// Raise when the meaning of the numbers changes: every file is then made again.
const VERSION: u64 = 1;

/// The hashes an output file's number is made from (see the module doc).
pub struct Inputs {
    /// What every page may show.
    common: u64,
    /// Every content file: for pages that list or sum up the whole site.
    everything: u64,
    /// Per service, the hash of its files (original and translations).
    services: Vec<u64>,
    /// Per explainer, the hash of its files.
    explainers: Vec<u64>,
}

fn hasher() -> std::hash::DefaultHasher {
    // Fixed keys: the same input gives the same number in every run of the same binary
    // (and the binary is part of the number).
    std::hash::DefaultHasher::new()
}

impl Inputs {
    /// `theme` is [`folder_hash`] of the theme and the site's templates and static files.
    pub fn new(site: &Site, theme: u64, today: Date) -> Self {
        let file_hash = |f: &Path| site.file_hashes.get(f).copied().unwrap_or(0);
        let files_hash = |files: &mut dyn Iterator<Item = &PathBuf>| {
            let mut h = hasher();
            for f in files {
                h.write(f.as_os_str().as_encoded_bytes());
                h.write_u64(file_hash(f));
            }
            h.finish()
        };
        let mut own: HashSet<&Path> = HashSet::new();
        // A document's files (original and translations), hashed; `owned`: not in `common`.
        let mut doc_hash = |files: Vec<_>, owned: bool| {
            if owned {
                own.extend(files.iter().map(|f: &&PathBuf| f.as_path()));
            }
            files_hash(&mut files.into_iter())
        };
        let services: Vec<u64> = site
            .services
            .iter()
            .map(|s| {
                let files = std::iter::once(&s.doc.front.file)
                    .chain(s.translations.values().map(|t| &t.front.file));
                doc_hash(files.collect(), s.scope != Scope::National)
            })
            .collect();
        let explainers: Vec<u64> = site
            .pages
            .iter()
            .map(|p| {
                let files = std::iter::once(&p.doc.front.file)
                    .chain(p.translations.values().map(|t| &t.front.file));
                doc_hash(files.collect(), true)
            })
            .collect();
        let mut sorted: Vec<&PathBuf> = site.files.iter().collect();
        sorted.sort();
        sorted.dedup();
        let everything = files_hash(&mut sorted.iter().copied());
        let mut h = hasher();
        h.write_u64(VERSION);
        h.write_u64(binary_identity());
        h.write(today.to_string().as_bytes());
        h.write(site.config.base_url.0.as_bytes());
        h.write(site.config.theme.as_bytes());
        h.write_u64(theme);
        for f in &sorted {
            h.write(f.as_os_str().as_encoded_bytes());
            if !own.contains(f.as_path()) {
                h.write_u64(file_hash(f));
            }
        }
        Inputs {
            common: h.finish(),
            everything,
            services,
            explainers,
        }
    }

    /// The number of a planned page.
    pub fn page(&self, site: &Site, page: &PlannedPage) -> u64 {
        let mut h = self.start(&page.out_path());
        visit_dependencies(site, page, &mut |d| {
            self.add(site, &mut h, d);
            false
        });
        h.finish()
    }

    /// The number of a data file at `path` that shows these services.
    pub fn of_services(&self, path: &Path, services: impl IntoIterator<Item = usize>) -> u64 {
        let mut h = self.start(path);
        for i in services {
            h.write_usize(i);
            h.write_u64(self.services[i]);
        }
        h.finish()
    }

    /// The number of a data file at `path` that shows every explainer (and what every page
    /// may show).
    pub fn of_explainers(&self, path: &Path) -> u64 {
        let mut h = self.start(path);
        self.explainers.iter().for_each(|&e| h.write_u64(e));
        h.finish()
    }

    /// The number of a data file at `path` made from the whole site.
    pub fn of_everything(&self, path: &Path) -> u64 {
        let mut h = self.start(path);
        h.write_u64(self.everything);
        h.finish()
    }

    fn start(&self, path: &Path) -> std::hash::DefaultHasher {
        let mut h = hasher();
        h.write_u64(self.common);
        h.write(path.as_os_str().as_encoded_bytes());
        h
    }

    fn add(&self, site: &Site, h: &mut std::hash::DefaultHasher, d: Dep) {
        match d {
            Dep::Service(i) => {
                h.write_u8(1);
                h.write_usize(i);
                h.write_u64(self.services[i]);
            }
            Dep::Explainer(i) => {
                h.write_u8(2);
                h.write_usize(i);
                h.write_u64(self.explainers[i]);
            }
            // Their files are in `common`.
            Dep::Region(i) => {
                h.write_u8(3);
                h.write_usize(i);
            }
            Dep::Municipality(i) => {
                h.write_u8(4);
                h.write_usize(i);
            }
            Dep::Tree => h.write_u8(5),
            Dep::Matches(m, a) => {
                h.write_u8(6);
                h.write_usize(m.map_or(0, |m| m + 1));
                h.write_usize(a);
                for i in site.answering(m, &site.tree.answers[a].needs) {
                    h.write_usize(i);
                    h.write_u64(self.services[i]);
                }
            }
            Dep::Everything => {
                h.write_u8(7);
                h.write_u64(self.everything);
            }
        }
    }
}

/// The running binary, by its size and modification time: a rebuilt onderdak makes every
/// file again, since it may render them differently.
fn binary_identity() -> u64 {
    let mut h = hasher();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(m) = std::env::current_exe().and_then(std::fs::metadata) {
        h.write_u64(m.len());
        if let Ok(t) = m.modified() {
            if let Ok(d) = t.duration_since(std::time::UNIX_EPOCH) {
                h.write_u128(d.as_nanos());
            }
        }
    }
    h.finish()
}

/// A hash of every file in `dirs` (paths and bytes, in name order); missing folders count
/// as empty. For the theme, the site's template overrides and its static files.
pub fn folder_hash(dirs: &[PathBuf]) -> u64 {
    let mut h = hasher();
    for dir in dirs {
        h.write(dir.as_os_str().as_encoded_bytes());
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else {
                // Unreadable: make sure nothing is kept.
                h.write_u64(rand_like());
                continue;
            };
            if entry.file_type().is_file() {
                h.write(entry.path().as_os_str().as_encoded_bytes());
                match std::fs::read(entry.path()) {
                    Ok(b) => h.write_u64(crate::write::hash_bytes(&b)),
                    Err(_) => h.write_u64(rand_like()),
                }
            }
        }
    }
    h.finish()
}

/// A number that differs from run to run (the clock), for what could not be read.
fn rand_like() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
