//! Stage 5, **write**: write every file into a fresh folder beside the output folder as soon
//! as it is rendered, and swap it into place only when everything succeeded. A failed build
//! leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// The new output folder while it is being written: a fresh folder beside `out`, swapped
/// into place by [`Staging::commit`]. Dropped without a commit (an error, a panic), it is
/// removed and `out` is untouched. Pages are written as they are rendered, from many
/// threads, so the build never holds the whole site in memory.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    committed: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> io::Result<Self> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        recover_leftovers(&parent, out, &name);
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp)?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            parent,
            name,
            committed: false,
        })
    }

    /// Writes one file (path relative to the output folder), creating its folders.
    ///
    /// The folder is made first: nearly every page is `…/<slug>/index.html` in a folder of
    /// its own, so trying the write first would fail for almost every page, and cost a
    /// path lookup in the kernel each time.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            match fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(dir)?,
                Err(e) => return Err(e),
            }
        }
        fs::write(&path, bytes)
    }

    /// Copies each folder into `static/` (later ones override earlier).
    pub fn copy_static(&self, static_dirs: &[PathBuf]) -> io::Result<()> {
        for dir in static_dirs {
            if dir.is_dir() {
                copy_dir(dir, &self.tmp.join("static"))?;
            }
        }
        Ok(())
    }

    /// Writes `.gz` and `.br` files beside every file worth compressing (see
    /// [`precompress`]) in the new folder; returns how many were written.
    pub fn precompress(&self) -> io::Result<usize> {
        precompress(&self.tmp)
    }

    /// Puts the new folder in place of the old one.
    pub fn commit(mut self) -> io::Result<()> {
        let r = swap_into_place(&self.tmp, &self.out, &self.parent, &self.name);
        self.committed = r.is_ok();
        r
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Text formats a server sends compressed (HTML, CSS, scripts, data, feeds, sitemaps).
const COMPRESSIBLE: [&str; 10] = [
    "html",
    "css",
    "js",
    "json",
    "xml",
    "svg",
    "txt",
    "atom",
    "csv",
    "webmanifest",
];

/// Files smaller than this are not compressed: the saving would be a few bytes.
pub const PRECOMPRESS_MIN_BYTES: u64 = 256;

/// Brotli's best quality, as is usual for files compressed once and served many times.
const BROTLI_QUALITY: i32 = 11;

/// Writes `<file>.gz` (gzip, best level, no timestamp, so builds stay byte-identical) and
/// `<file>.br` (brotli, best quality) beside every compressible file under `dir` of at least
/// [`PRECOMPRESS_MIN_BYTES`], for servers that send a precompressed file when the browser
/// accepts it (nginx `gzip_static` and `brotli_static`, Caddy `precompressed`, …). A
/// compressed file that would not be smaller is left out. Files in parallel; returns how
/// many were written.
pub fn precompress(dir: &Path) -> io::Result<usize> {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| COMPRESSIBLE.contains(&x))
        })
        .filter(|e| e.metadata().is_ok_and(|m| m.len() >= PRECOMPRESS_MIN_BYTES))
        .map(|e| e.into_path())
        .collect();
    let written: Vec<usize> = files
        .par_iter()
        .map(|path| -> io::Result<usize> {
            let bytes = fs::read(path)?;
            let mut n = 0;
            for (ext, packed) in [("gz", gzip(&bytes)?), ("br", brotli(&bytes)?)] {
                if packed.len() < bytes.len() {
                    let mut name = path.as_os_str().to_owned();
                    name.push(".");
                    name.push(ext);
                    fs::write(PathBuf::from(name), packed)?;
                    n += 1;
                }
            }
            Ok(n)
        })
        .collect::<io::Result<_>>()?;
    Ok(written.iter().sum())
}

/// gzip at the best level, with no file name or time in the header.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    enc.write_all(bytes)?;
    enc.finish()
}

/// brotli at the best quality, with a window that fits the file.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Puts the new folder in place of the old one. On Linux this is one atomic exchange
/// (renameat2 with RENAME_EXCHANGE): at every instant `out` is either the whole old site or
/// the whole new one, even if the process is killed. Elsewhere, two renames.
fn swap_into_place(tmp: &Path, out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if out.exists() && exchange(tmp, out).is_ok() {
        // `tmp` now holds the old site.
        let _ = fs::remove_dir_all(tmp);
        return Ok(());
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(out, &old)?;
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(e);
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(tmp, out)?;
    }
    Ok(())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this platform"))
}

/// Folders a killed build left beside the output (`.public.tmp-PID`, `.public.old-PID`).
/// If the output itself is missing (killed between two renames), the old one comes back.
fn recover_leftovers(parent: &Path, out: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mine = std::process::id().to_string();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        let Some(rest) = n.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let (kind, pid) = rest.split_once('-').unwrap_or((rest, ""));
        if pid == mine {
            continue;
        }
        if kind == "old" && !out.exists() {
            let _ = fs::rename(e.path(), out);
        } else if kind == "tmp" || kind == "old" {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// A fast, stable 64-bit hash of one file's bytes, a word at a time (not cryptographic:
/// it only has to change when the content changes, for the service worker's cache name).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K);
        h ^= h >> 29;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 32)
}

/// A short, stable fingerprint of the whole output from each file's path and
/// [`hash_bytes`], in path order: the same input gives the same value, any change another.
pub fn fingerprint(files: &mut [(PathBuf, u64)]) -> String {
    // By the path's bytes: comparing paths component by component is ten times slower,
    // which shows with 250,000 files.
    files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()).then(a.1.cmp(&b.1)));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, file_hash) in files.iter() {
        h = (h ^ hash_bytes(path.to_string_lossy().as_bytes())).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h = (h ^ file_hash).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// sitemap.xml with every page and its language alternates.
/// `entries` are (page URL, [(language, alternate URL)]), made one at a time; `size_hint`
/// is the expected length, so that a large sitemap is not copied each time it grows.
pub fn sitemap(
    base_url: &str,
    entries: impl Iterator<Item = (String, Vec<(String, String)>)>,
    size_hint: usize,
) -> String {
    let mut s = String::with_capacity(size_hint);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (url, alternates) in entries {
        s.push_str("<url><loc>");
        s.push_str(base_url);
        s.push_str(&xml_escape(&url));
        s.push_str("</loc>");
        for (lang, alt) in alternates {
            s.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            s.push_str(&lang);
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

pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// Writes `files` and copies `static_dirs` (later ones override earlier) into a temporary
    /// folder, then replaces `out` with it. On any error the temporary folder is removed and
    /// `out` is untouched.
    fn write_site(out: &Path, files: &[OutFile], static_dirs: &[PathBuf]) -> io::Result<()> {
        let staging = Staging::begin(out)?;
        files
            .par_iter()
            .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
        staging.copy_static(static_dirs)?;
        staging.commit()
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
