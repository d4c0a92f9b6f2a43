//! Stage 5, **write**: write every file into a staging folder beside the output folder as
//! soon as it is rendered, and swap it into place (one `renameat2(RENAME_EXCHANGE)`) only
//! when everything succeeded. A failed or killed build leaves the output exactly as it was.
//!
//! **Only what changed is written.** Each file is compared, byte for byte, with the file of
//! the same path in the current output; when they are equal, the staging folder gets a hard
//! link to that file instead of a copy. After the swap the unchanged file is the same inode,
//! with the same modification time, so `rsync`, `rclone` and object-store syncs by time and
//! size send only what changed, and nothing is written to the disk for it. Where links are
//! not possible (another file system, a file system without them) the file is written. The
//! staging folder is never written into a file it shares with the output: new files are
//! created with `O_EXCL`, never truncated. Every output lists its files with their content
//! hashes in [`MANIFEST`], for deploy tools.
//!
//! **The staging folder is the previous generation** (`.<name>.onderdak-prev`, the output
//! before the last swap, which shares every unchanged file with the live output), brought
//! up to date file by file, so an unchanged rebuild creates and removes nothing; after the
//! swap the old output is the previous generation. Nothing in it is trusted: links and
//! other non-files in it are removed first, and each file is checked against the live
//! output, so what a killed build left there is repaired by the next one.
//!
//! The output folder is onderdak's alone, and it proves it: every output carries the
//! [`MARKER`] file. A folder that is the site, holds the site, is the home folder or above
//! it is never replaced; an existing folder with files but no marker only with `--force`.
//! One build at a time writes into an output (a lock file beside it); files the site lists
//! under `keep:` in site.yaml are carried over from the old output into the new one.

use std::fs;
use std::io;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostics::{hint, msg, Diagnostic, Msg, Text};

mod compress;
mod guard;
mod inputs;
mod manifest;

use compress::*;
pub use compress::{brotli, gzip, PRECOMPRESS_MIN_BYTES};
use guard::*;
use manifest::*;
pub use manifest::{fingerprint, hash_bytes, manifest_line};

/// The file onderdak writes into every output folder (and its staging folders), and the
/// proof that a folder is one it may replace.
pub const MARKER: &str = ".onderdak-output";

/// The deploy manifest in every output: one line per file, `hash  size  path`, sorted by
/// path (see [`manifest_line`]). The same site gives the same manifest, byte for byte.
pub const MANIFEST: &str = ".onderdak-manifest";

const MARKER_TEXT: &str = "This folder was written by onderdak. A rebuild replaces everything \
in it, except the paths listed under `keep:` in content/site.yaml.\n";

/// How [`Staging::begin`] may treat the output folder.
#[derive(Debug, Clone, Default)]
pub struct OutputRules {
    /// Replace an existing folder that has files but no [`MARKER`].
    pub force: bool,
    /// Paths in the old output that the new one keeps (`CNAME`, `.well-known/`,
    /// `google*.html`): `*` matches within one name, a trailing `/` means a folder.
    pub keep: Vec<String>,
}

/// One file of the finished site, path relative to the output folder.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Minifies an HTML page. Closing tags and the doctype stay, so the output remains valid
/// HTML that strict validators and old browsers read the same way. Builds do not call this
/// per page: the templates are minified once instead (see `render::preminify_template`).
pub fn minify(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &minify_cfg())
}

/// The one minify-html configuration, for pages and for templates alike.
pub fn minify_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg.minify_doctype = false;
    cfg
}

/// With `ONDERDAK_FAULT=<phase>` set, the build fails at that phase as if the disk had
/// (`<phase>:abort`: the process aborts there, as if killed). For the tests that show a
/// failure at any phase leaves the previous output intact; see [`FAULT_PHASES`].
pub fn fault(phase: &str) -> io::Result<()> {
    use std::sync::OnceLock;
    static AT: OnceLock<Option<(String, bool)>> = OnceLock::new();
    let at = AT.get_or_init(|| {
        let v = std::env::var("ONDERDAK_FAULT").ok()?;
        Some(match v.strip_suffix(":abort") {
            Some(p) => (p.to_string(), true),
            None => (v, false),
        })
    });
    match at {
        Some((p, abort)) if p == phase => {
            if *abort {
                std::process::abort();
            }
            Err(io::Error::other(format!(
                "fault injected at `{phase}` (ONDERDAK_FAULT)"
            )))
        }
        _ => Ok(()),
    }
}

/// The phases of a build's write stage, in order, that [`fault`] can stop at: the staging
/// folder made, files rendered into it, static files, precompressed files, kept paths
/// carried over, the manifest, just before the swap, and after the swap (the removal of
/// the old output, which is best effort: the next build finishes it).
pub const FAULT_PHASES: [&str; 9] = [
    "begin",
    "render",
    "static",
    "precompress",
    "keep",
    "manifest",
    "swap",
    "record",
    "cleanup",
];

/// What a [`Staging::commit`] did, in files of the output (the manifest included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files whose bytes were written (new or changed).
    pub written: usize,
    /// Files linked from the previous output: same bytes, same inode, same mtime.
    pub kept: usize,
    /// Files of the previous output that the new one does not have.
    pub removed: usize,
}

/// One file in the staging folder, for the manifest.
struct Entry {
    path: PathBuf,
    hash: u64,
    size: u64,
    /// Linked from the previous output rather than written.
    kept: bool,
    /// What the file was made from (`crate::plan::inputs`), for the next build's record;
    /// `None` for files not made by that number (static files, the manifest, …).
    inputs: Option<u64>,
}

/// The new output folder while it is being written, beside `out`, swapped into place by
/// [`Staging::commit`]. It is the previous generation of the output when there is one
/// (`.<name>.onderdak-prev`: the output before the last swap, which shares the inode of
/// every unchanged file with the live output), brought up to date file by file; otherwise a
/// fresh folder. Dropped without a commit (an error, a panic), a fresh folder is removed and
/// `out` is untouched either way. Pages are written as they are rendered, from many
/// threads, so the build never holds the whole site in memory. It holds the output's lock
/// from [`Staging::begin`] until it is dropped.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    keep: Vec<String>,
    /// The current output, when there is one: unchanged files are linked from it.
    live: Option<PathBuf>,
    /// Whether `tmp` was made empty by this build (else it is the previous generation).
    fresh: bool,
    /// Whether the current output carries the marker (else it is replaced with `--force`).
    live_ours: bool,
    /// What the previous generation held when the build began (files, folders), relative.
    existing: Option<(Vec<PathBuf>, Vec<PathBuf>)>,
    entries: Mutex<Vec<Entry>>,
    /// What the last build made each file from, when its record belongs to the live output.
    previous: Option<inputs::Previous>,
    /// The live output folder, opened, to reach its files without following links.
    live_dir: Option<std::os::fd::OwnedFd>,
    calls: AtomicUsize,
    committed: bool,
    _lock: OutputLock,
}

/// A refusal or failure before anything is written, as a diagnostic on `--out`.
fn refuse(out: &Path, message: Msg, hint: Text) -> Diagnostic {
    Diagnostic::error(out, message).hint(hint)
}

/// Where the previous generation of the output `name` is kept, beside it.
fn prev_dir(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.onderdak-prev"))
}

impl Staging {
    /// Checks that `out` may be replaced by a build of the site in `site_dir`, takes the
    /// output's lock (waiting for another build into the same folder to end), cleans up
    /// what a killed build left beside it, and makes the staging folder (or takes the
    /// previous generation as it).
    pub fn begin(out: &Path, site_dir: &Path, rules: &OutputRules) -> Result<Self, Diagnostic> {
        for k in &rules.keep {
            if let Err(why) = keep_pattern_ok(k) {
                return Err(Diagnostic::error("content/site.yaml", why)
                    .field("keep")
                    .hint(hint::keep_paths()));
            }
        }
        let real = resolve_out(out)?;
        check_not_precious(out, &real, site_dir)?;
        let parent = real
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| refuse(out, msg::out_is_root(), hint::own_folder()))?;
        fs::create_dir_all(&parent).map_err(|e| {
            refuse(
                out,
                msg::cannot_create_parent(parent.display(), e),
                hint::parent_writable(),
            )
        })?;
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let lock = OutputLock::take(out, &parent, &name)?;
        check_ours(out, &real, rules.force)?;
        recover_leftovers(&parent, &real, &name);
        let failed = |e: io::Error| {
            refuse(
                out,
                msg::cannot_write_into(parent.display(), e),
                hint::folder_writable(),
            )
        };
        let prev = prev_dir(&parent, &name);
        let prev_is_ours = fs::symlink_metadata(&prev).is_ok_and(|m| m.is_dir())
            && fs::symlink_metadata(prev.join(MARKER)).is_ok_and(|m| m.is_file());
        let (tmp, fresh) = if prev_is_ours {
            (prev, false)
        } else if real.is_dir() && fs::create_dir(&prev).is_ok() {
            (prev, true)
        } else {
            (make_staging_dir(&parent, &name).map_err(failed)?, true)
        };
        let live_ours = fs::symlink_metadata(real.join(MARKER)).is_ok_and(|m| m.is_file());
        let previous = live_ours
            .then(|| inputs::read(&parent, &name, &real))
            .flatten();
        let live_dir = previous.as_ref().and_then(|_| {
            rustix::fs::open(
                &real,
                rustix::fs::OFlags::PATH
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::NOFOLLOW
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .ok()
        });
        let mut staging = Staging {
            tmp,
            live: real.is_dir().then(|| real.clone()),
            out: real,
            parent: parent.clone(),
            name,
            keep: rules.keep.clone(),
            fresh,
            live_ours,
            existing: None,
            entries: Mutex::new(Vec::new()),
            live_dir,
            previous,
            calls: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        };
        if !fresh {
            staging.existing = Some(survey(&staging.tmp));
        }
        // The marker first: it is what marks the staging folder as ours.
        staging
            .put(Path::new(MARKER), MARKER_TEXT.as_bytes())
            .map_err(failed)?;
        fault("begin").map_err(failed)?;
        Ok(staging)
    }

    /// Writes one file (path relative to the output folder), creating its folders; a file
    /// with the same bytes in the current output is linked instead (see the module doc).
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write_from(rel, bytes, None)
    }

    /// [`Staging::write`] for a file made from `inputs` (see `crate::plan::inputs`): the
    /// number goes into the record for the next build.
    pub fn write_made(&self, rel: &Path, bytes: &[u8], inputs: u64) -> io::Result<()> {
        self.write_from(rel, bytes, Some(inputs))
    }

    /// Counts a file of the render phase; the fault test stops the build at the ninth.
    fn count_file(&self) -> io::Result<()> {
        if self.calls.fetch_add(1, Ordering::Relaxed) == 8 {
            fault("render")?;
        }
        Ok(())
    }

    fn write_from(&self, rel: &Path, bytes: &[u8], inputs: Option<u64>) -> io::Result<()> {
        self.count_file()?;
        self.put_from(rel, bytes, inputs)
    }

    /// Keeps the live output's file at `rel` without making it, when the last build made it
    /// from the same `inputs`, it is still the file that build wrote (same size, not
    /// changed since) and it can be linked in. Returns the hash of its bytes when it was
    /// kept; `None` means: make it.
    pub fn keep(&self, rel: &Path, inputs: u64) -> io::Result<Option<u64>> {
        let (Some(live), Some(previous)) = (&self.live, &self.previous) else {
            return Ok(None);
        };
        let Some(made) = previous.files.get(rel).filter(|m| m.inputs == inputs) else {
            return Ok(None);
        };
        let from = live.join(rel);
        let Some(m) = self.live_file(rel) else {
            return Ok(None);
        };
        let untouched = m.is_file()
            && m.len() == made.size
            && m.modified().is_ok_and(|t| t <= previous.written);
        if !untouched {
            return Ok(None);
        }
        self.count_file()?;
        let path = self.tmp.join(rel);
        // In the previous generation the folder is there and the link usually too: one
        // `lstat`. The folder is made only when the link cannot be.
        let linked = self.retry(rel, || {
            if self.link_in(&from, &m, &path)? {
                return Ok(true);
            }
            make_parent(&path)?;
            Ok(fs::hard_link(&from, &path).is_ok())
        })?;
        if !linked {
            return Ok(None);
        }
        self.record(rel.to_path_buf(), made.hash, made.size, true, Some(inputs));
        Ok(Some(made.hash))
    }

    /// The metadata of the live output's file at `rel`, reached without following any
    /// link on the way (a link put into the output must not make an outside file part of
    /// the site: a kept file is not read to compare it).
    #[cfg(target_os = "linux")]
    fn live_file(&self, rel: &Path) -> Option<fs::Metadata> {
        use rustix::fs::{openat2, Mode, OFlags, ResolveFlags};
        let dir = self.live_dir.as_ref()?;
        let fd = openat2(
            dir,
            rel,
            OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS,
        )
        .ok()?;
        fs::File::from(fd).metadata().ok()
    }

    /// Elsewhere files are always made and compared.
    #[cfg(not(target_os = "linux"))]
    fn live_file(&self, _: &Path) -> Option<fs::Metadata> {
        None
    }

    fn put(&self, rel: &Path, bytes: &[u8]) -> io::Result<()> {
        self.put_from(rel, bytes, None)
    }

    fn put_from(&self, rel: &Path, bytes: &[u8], inputs: Option<u64>) -> io::Result<()> {
        let path = self.tmp.join(rel);
        let live = self.live.as_ref().and_then(|l| {
            let from = l.join(rel);
            same_bytes(&from, bytes).map(|m| (from, m))
        });
        let kept = self.retry(rel, || {
            make_parent(&path)?;
            if let Some((from, m)) = &live {
                if self.link_in(from, m, &path)? {
                    return Ok(true);
                }
            }
            self.create(&path, bytes)?;
            Ok(false)
        })?;
        self.record(
            rel.to_path_buf(),
            hash_bytes(bytes),
            bytes.len() as u64,
            kept,
            inputs,
        );
        Ok(())
    }

    /// Runs `op`; in the previous generation, where a stale file may stand where a folder
    /// must go, clears the way and runs it once more.
    fn retry<T>(&self, rel: &Path, op: impl Fn() -> io::Result<T>) -> io::Result<T> {
        match op() {
            Err(e) if !self.fresh => {
                if !clear_parents(&self.tmp, rel)? {
                    return Err(e);
                }
                op()
            }
            r => r,
        }
    }

    /// Makes `path` the live file `from` (whose metadata is `m`), by a hard link; true when
    /// it is (it may already be, in the previous generation). False where no link can be
    /// made (another file system, no links there): the caller writes the file.
    fn link_in(&self, from: &Path, m: &fs::Metadata, path: &Path) -> io::Result<bool> {
        use std::os::unix::fs::MetadataExt;
        if !self.fresh {
            if let Ok(s) = fs::symlink_metadata(path) {
                if s.dev() == m.dev() && s.ino() == m.ino() {
                    return Ok(true);
                }
                remove_any(path, &s)?;
            }
        }
        Ok(fs::hard_link(from, path).is_ok())
    }

    /// Creates a file of its own at `path`: never written into a file that is there (it
    /// could be a link to a file of the live output).
    fn create(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        match create_new(path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let m = fs::symlink_metadata(path)?;
                if self.fresh {
                    // Made by this build: two outputs at one path.
                    fs::remove_file(path)?;
                } else {
                    remove_any(path, &m)?;
                }
                create_new(path, bytes)
            }
            r => r,
        }
    }

    /// Links the live file `from` in at `rel` (copies it where no link can be made);
    /// false when `from` is not a regular file.
    fn adopt(&self, from: &Path, rel: &Path) -> io::Result<bool> {
        let Ok(m) = fs::symlink_metadata(from) else {
            return Ok(false);
        };
        if !m.is_file() {
            return Ok(false);
        }
        let bytes = fs::read(from)?;
        let path = self.tmp.join(rel);
        let kept = self.retry(rel, || {
            make_parent(&path)?;
            if self.link_in(from, &m, &path)? {
                return Ok(true);
            }
            self.create(&path, &bytes)?;
            Ok(false)
        })?;
        self.record(
            rel.to_path_buf(),
            hash_bytes(&bytes),
            bytes.len() as u64,
            kept,
            None,
        );
        Ok(true)
    }

    fn record(&self, path: PathBuf, hash: u64, size: u64, kept: bool, inputs: Option<u64>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.push(Entry {
            path,
            hash,
            size,
            kept,
            inputs,
        });
    }

    /// Copies each folder into `static/` (later ones override earlier), each file written
    /// or linked as by [`Staging::write`]. An error names the file it is about.
    pub fn copy_static(&self, static_dirs: &[PathBuf]) -> Result<(), (PathBuf, io::Error)> {
        let mut files: std::collections::BTreeMap<PathBuf, PathBuf> = Default::default();
        for dir in static_dirs {
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    (
                        e.path().unwrap_or(dir).to_path_buf(),
                        io::Error::other(e.to_string()),
                    )
                })?;
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                    files.insert(Path::new("static").join(rel), entry.path().to_path_buf());
                }
            }
        }
        for (n, (rel, from)) in files.iter().enumerate() {
            let bytes = fs::read(from).map_err(|e| (from.clone(), e))?;
            self.put(rel, &bytes).map_err(|e| (from.clone(), e))?;
            if n == 0 {
                fault("static").map_err(|e| (from.clone(), e))?;
            }
        }
        Ok(())
    }

    /// Writes `<file>.gz` (gzip, best level, no timestamp, so builds stay byte-identical)
    /// and `<file>.br` (brotli, best quality) beside every compressible file of at least
    /// [`PRECOMPRESS_MIN_BYTES`], for servers that send a precompressed file when the
    /// browser accepts it (nginx `gzip_static` and `brotli_static`, Caddy `precompressed`,
    /// …). A compressed file that would not be smaller is left out. Files in parallel;
    /// returns how many the output has. A file linked from the previous output gets that
    /// output's compressed files linked too (they were made from the same bytes); only new
    /// or changed files are compressed.
    pub fn precompress(&self) -> io::Result<usize> {
        use rayon::prelude::*;
        let todo: Vec<(PathBuf, bool)> = self
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|e| worth_compressing(&e.path, e.size))
            .map(|e| (e.path.clone(), e.kept))
            .collect();
        let done = AtomicUsize::new(0);
        let compressed = AtomicUsize::new(0);
        todo.par_iter()
            .try_for_each(|(rel, kept)| -> io::Result<()> {
                let packed_name = |ext: &str| {
                    let mut name = rel.as_os_str().to_owned();
                    name.push(".");
                    name.push(ext);
                    PathBuf::from(name)
                };
                if let (true, Some(live)) = (kept, &self.live) {
                    let mut linked = 0;
                    for ext in ["gz", "br"] {
                        let p = packed_name(ext);
                        if self.adopt(&live.join(&p), &p)? {
                            linked += 1;
                        }
                    }
                    if linked > 0 {
                        done.fetch_add(linked, Ordering::Relaxed);
                        return Ok(());
                    }
                }
                let bytes = fs::read(self.tmp.join(rel))?;
                for (ext, packed) in [("gz", gzip(&bytes)?), ("br", brotli(&bytes)?)] {
                    if packed.len() < bytes.len() {
                        self.put(&packed_name(ext), &packed)?;
                        done.fetch_add(1, Ordering::Relaxed);
                        if compressed.fetch_add(1, Ordering::Relaxed) == 0 {
                            fault("precompress")?;
                        }
                    }
                }
                Ok(())
            })?;
        Ok(done.into_inner())
    }

    /// Carries the kept paths over from the old output (linked, not copied), writes the
    /// manifest, removes from the previous generation what the new output does not have,
    /// then puts the new folder in place of the old one. The old one becomes the previous
    /// generation, for the next build.
    pub fn commit(mut self) -> io::Result<Written> {
        if let Some(live) = self.live.clone() {
            for pattern in &self.keep {
                for rel in matching(&live, pattern) {
                    // What this build made wins over what the old output had.
                    let made = self
                        .entries
                        .get_mut()
                        .unwrap_or_else(|e| e.into_inner())
                        .iter()
                        .any(|e| e.path.starts_with(&rel));
                    if !made {
                        self.carry_over(&live, &rel)?;
                    }
                }
            }
        }
        fault("keep")?;
        let mut entries = std::mem::take(self.entries.get_mut().unwrap_or_else(|e| e.into_inner()));
        entries.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        entries.dedup_by(|a, b| a.path == b.path);
        let mut manifest = String::with_capacity(entries.len() * 64);
        for e in &entries {
            manifest.push_str(&manifest_line(e.hash, e.size, &e.path));
        }
        self.put(Path::new(MANIFEST), manifest.as_bytes())?;
        fault("manifest")?;
        let mut done = Written::default();
        for e in entries.iter().chain(
            self.entries
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .iter(),
        ) {
            if e.kept {
                done.kept += 1;
            } else {
                done.written += 1;
            }
        }
        let mut new: std::collections::HashSet<&Path> =
            entries.iter().map(|e| e.path.as_path()).collect();
        new.insert(Path::new(MANIFEST));
        if let Some((files, dirs)) = self.existing.take() {
            self.remove_stale(&new, files, dirs);
        }
        done.removed = self.live.as_deref().map_or(0, |l| count_removed(l, &new));
        fault("swap")?;
        let old = swap_into_place(&self.tmp, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        // The record for the next build. Not written, the next build makes every file.
        let record: Vec<(&Path, inputs::Made)> = entries
            .iter()
            .filter_map(|e| {
                let made = inputs::Made {
                    inputs: e.inputs?,
                    hash: e.hash,
                    size: e.size,
                };
                Some((e.path.as_path(), made))
            })
            .collect();
        if fault("record").is_err()
            || record.is_empty()
            || inputs::write(&self.parent, &self.name, manifest.as_bytes(), &record).is_err()
        {
            inputs::forget(&self.parent, &self.name);
        }
        // Past the swap a failure is not a failed build: the new output is in place.
        if fault("cleanup").is_ok() {
            if let Some(old) = old {
                let prev = prev_dir(&self.parent, &self.name);
                if !self.live_ours {
                    // A folder onderdak did not make, replaced with `--force`: removed as
                    // before, never kept as a previous generation.
                    let _ = fs::remove_dir_all(&old);
                } else if old != prev && fs::rename(&old, &prev).is_err() {
                    remove_counting(&old, &Default::default());
                }
            }
        }
        Ok(done)
    }

    /// Removes from the previous generation the files and folders (`files`, `dirs`, as they
    /// were when the build began) that the new output does not have.
    fn remove_stale(
        &self,
        new: &std::collections::HashSet<&Path>,
        files: Vec<PathBuf>,
        mut dirs: Vec<PathBuf>,
    ) {
        for f in &files {
            if !new.contains(f.as_path()) && f.as_path() != Path::new(MARKER) {
                let _ = fs::remove_file(self.tmp.join(f));
            }
        }
        let needed: std::collections::HashSet<&Path> =
            new.iter().flat_map(|p| p.ancestors().skip(1)).collect();
        // Deepest first, so a folder is empty when its turn comes.
        dirs.sort_unstable_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in &dirs {
            if !needed.contains(d.as_path()) {
                let _ = fs::remove_dir(self.tmp.join(d));
            }
        }
    }

    /// Links one kept path of the live output (a file, or a folder and everything in it)
    /// into the new one, copying where a link cannot be made.
    fn carry_over(&self, live: &Path, rel: &Path) -> io::Result<()> {
        let from = live.join(rel);
        for entry in walkdir::WalkDir::new(&from).sort_by_file_name() {
            let entry = entry.map_err(|e| io::Error::other(e.to_string()))?;
            let sub = entry.path().strip_prefix(live).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                let to = self.tmp.join(sub);
                if !fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
                    if let Ok(m) = fs::symlink_metadata(&to) {
                        remove_any(&to, &m)?;
                    }
                    fs::create_dir_all(&to)?;
                }
            } else if entry.file_type().is_file() {
                self.adopt(entry.path(), sub)?;
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The previous generation stays for the next build, however far this one got.
        if !self.committed && self.fresh {
            remove_counting(&self.tmp, &Default::default());
        }
    }
}

/// What the previous generation holds: its files and folders, relative to it. Anything
/// else (links, pipes, sockets: a user may have put them into the output it once was) is
/// removed first, so no write of this build can go through a link out of the folder.
fn survey(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else { continue };
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let t = entry.file_type();
        if t.is_dir() {
            dirs.push(rel);
        } else if t.is_file() {
            files.push(rel);
        } else {
            let _ = fs::remove_file(entry.path());
        }
    }
    (files, dirs)
}

/// Makes the folder `path` goes in, and the folders above it.
///
/// The folder is made first: nearly every page is `…/<slug>/index.html` in a folder of its
/// own, so trying the write first would fail for almost every page, and cost a path lookup
/// in the kernel each time.
fn make_parent(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        match fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(dir)?,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// In the previous generation, removes whatever is not a folder where a folder above
/// `rel` must be; true when it removed something.
fn clear_parents(root: &Path, rel: &Path) -> io::Result<bool> {
    let mut cleared = false;
    let mut at = root.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(m) => {
                remove_any(&at, &m)?;
                cleared = true;
            }
            Err(_) => break,
        }
    }
    Ok(cleared)
}

/// Removes a file or a folder and everything in it (never following a link).
fn remove_any(path: &Path, m: &fs::Metadata) -> io::Result<()> {
    if m.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// How many files of the live output the new one (paths in `new`) does not have: from the
/// live output's manifest, or by walking it when it has none (an output of an older
/// onderdak).
fn count_removed(live: &Path, new: &std::collections::HashSet<&Path>) -> usize {
    match fs::read_to_string(live.join(MANIFEST)) {
        Ok(text) => text
            .lines()
            .filter_map(|l| l.splitn(3, "  ").nth(2))
            .filter(|p| !new.contains(Path::new(&unescape(p))))
            .count(),
        Err(_) => walkdir::WalkDir::new(live)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter(|e| !new.contains(e.path().strip_prefix(live).unwrap_or(e.path())))
            .count(),
    }
}

/// The metadata of `path` when it is a regular file (not a link) holding exactly `bytes`.
/// Reads it in pieces and stops at the first difference; a different size is seen without
/// reading.
fn same_bytes(path: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .ok()?;
    let m = f.metadata().ok()?;
    if !m.is_file() || m.len() != bytes.len() as u64 {
        return None;
    }
    let mut buf = vec![0u8; bytes.len().clamp(1, 1 << 16)];
    let mut at = 0;
    loop {
        match f.read(&mut buf) {
            Ok(0) => return (at == bytes.len()).then_some(m),
            Ok(n) => {
                if at + n > bytes.len() || buf[..n] != bytes[at..at + n] {
                    return None;
                }
                at += n;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Creates `path` with `bytes` (`O_EXCL`: fails rather than write into a file that is there).
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

/// Removes the folder the swap took out of place and counts its files that are not in
/// `new` (paths relative to it). Its marker goes last: killed before the end, the rest is
/// still recognised as ours, and removed by the next build.
fn remove_counting(old: &Path, new: &std::collections::HashSet<&Path>) -> usize {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(old).contents_first(true) {
        let Ok(entry) = entry else { continue };
        let rel = entry.path().strip_prefix(old).unwrap_or(entry.path());
        if rel == Path::new(MARKER) || rel.as_os_str().is_empty() {
            continue;
        }
        if entry.file_type().is_dir() {
            let _ = fs::remove_dir(entry.path());
        } else {
            if entry.file_type().is_file() && !new.contains(rel) {
                removed += 1;
            }
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = fs::remove_file(old.join(MARKER));
    // Whatever could not be removed one by one.
    let _ = fs::remove_dir_all(old);
    removed
}

/// A fresh staging folder beside the output (the caller writes the marker into it).
fn make_staging_dir(parent: &Path, name: &str) -> io::Result<PathBuf> {
    let pid = std::process::id();
    for n in 0..1000 {
        let tmp = parent.join(format!(".{name}.onderdak-tmp-{pid}-{n}"));
        match fs::create_dir(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for the staging folder"))
}

/// Puts the new folder in place of the old one. On Linux this is one atomic exchange
/// (renameat2 with RENAME_EXCHANGE): at every instant `out` is either the whole old site or
/// the whole new one, even if the process is killed. Elsewhere, two renames. Returns where
/// the old site now is, for the caller to remove (it carries the marker, so a build killed
/// before it is gone has it removed by the next one).
fn swap_into_place(
    tmp: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
) -> io::Result<Option<PathBuf>> {
    if out.exists() && exchange(tmp, out).is_ok() {
        // `tmp` now holds the old site.
        return Ok(Some(tmp.to_path_buf()));
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.onderdak-old-{}", std::process::id()));
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(out, &old)?;
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(e);
        }
        Ok(Some(old))
    } else {
        fs::rename(tmp, out)?;
        Ok(None)
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this platform"))
}

/// Folders a killed build left beside the output (`.public.onderdak-tmp-…`,
/// `.public.onderdak-old-…`), removed only when they carry the marker: a folder a user
/// named so stays. Called with the output's lock held, so no other build is using them. If
/// the output itself is missing (killed between two renames), the old one comes back.
fn recover_leftovers(parent: &Path, out: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.onderdak-");
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        let Some(rest) = n.strip_prefix(&prefix) else {
            continue;
        };
        let ours = e.file_type().is_ok_and(|t| t.is_dir()) && e.path().join(MARKER).is_file();
        if !ours {
            continue;
        }
        if rest.starts_with("old-") && !out.exists() {
            let _ = fs::rename(e.path(), out);
        } else if rest.starts_with("tmp-") || rest.starts_with("old-") {
            remove_counting(&e.path(), &Default::default());
        }
    }
}

/// Text or an attribute value in XML.
pub fn xml_escape(s: &str) -> String {
    crate::escape::markup(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// Writes `files` and copies `static_dirs` (later ones override earlier) into a temporary
    /// folder, then replaces `out` with it. On any error the temporary folder is removed and
    /// `out` is untouched.
    fn write_site(out: &Path, files: &[OutFile], static_dirs: &[PathBuf]) -> io::Result<()> {
        let site = tempfile::tempdir()?;
        let staging = Staging::begin(out, site.path(), &OutputRules::default())
            .map_err(|d| io::Error::other(d.to_string()))?;
        files
            .par_iter()
            .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
        staging.copy_static(static_dirs).map_err(|(_, e)| e)?;
        staging.commit().map(|_| ())
    }

    #[test]
    fn swap_replaces_and_failure_keeps_old() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = vec![OutFile {
            path: "a/index.html".into(),
            bytes: b"one".to_vec(),
        }];
        write_site(&out, &files, &[]).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        // A file whose parent is a file cannot be written: the build fails, the old output stays.
        let bad = vec![
            OutFile {
                path: "x".into(),
                bytes: b"file".to_vec(),
            },
            OutFile {
                path: "x/index.html".into(),
                bytes: b"two".to_vec(),
            },
        ];
        assert!(write_site(&out, &bad, &[]).is_err());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    /// A static file that cannot be copied is named (as root, permissions stop nothing, so
    /// the copy is made to fail on the target instead: a file where a folder must go).
    #[test]
    fn a_failed_static_copy_names_the_file() {
        let theme = tempfile::tempdir().unwrap();
        fs::write(theme.path().join("site.css"), "body{}").unwrap();
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("site.css")).unwrap();
        fs::write(site.path().join("site.css/x"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(
            &dir.path().join("public"),
            site.path(),
            &OutputRules::default(),
        )
        .unwrap();
        let dirs = [theme.path().to_path_buf(), site.path().to_path_buf()];
        let (file, _) = staging.copy_static(&dirs).unwrap_err();
        assert_eq!(file, site.path().join("site.css/x"));
    }

    #[test]
    fn keep_patterns() {
        assert!(glob("google*.html", "google1234.html"));
        assert!(!glob("google*.html", "google1234.htm"));
        assert!(glob("*", "x"));
        assert!(glob("a*b*c", "a-b-c"));
        assert!(!glob("a*b*c", "a-c-b"));
        for bad in [
            "",
            "/",
            "../x",
            "a/../b",
            "/abs",
            "a\\b",
            ".onderdak-output",
        ] {
            assert!(keep_pattern_ok(bad).is_err(), "{bad}");
        }
        assert!(keep_pattern_ok(".well-known/").is_ok());
    }

    #[test]
    fn minify_keeps_doctype_and_closing_tags() {
        let out = String::from_utf8(minify(
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<body>\n  <p>Hoi</p>\n</body></html>",
        ))
        .unwrap();
        assert!(
            out.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{out}"
        );
        assert!(out.contains("<p>Hoi</p>"), "{out}");
    }
}
