//! Stage 5, **write**: minify, write every file into a fresh folder beside the output
//! folder, and swap it into place only when everything succeeded. A failed build leaves
//! the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One file of the finished site, path relative to the output folder.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Minifies an HTML page. Closing tags and the doctype stay, so the output remains valid
/// HTML that strict validators and old browsers read the same way.
pub fn minify(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg.minify_doctype = false;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Writes `files` and copies `static_dirs` (later ones override earlier) into a temporary
/// folder, then replaces `out` with it. On any error the temporary folder is removed and
/// `out` is untouched.
pub fn write_site(out: &Path, files: &[OutFile], static_dirs: &[PathBuf]) -> io::Result<()> {
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
    let result = write_all(&tmp, files, static_dirs)
        .and_then(|()| swap_into_place(&tmp, out, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn write_all(tmp: &Path, files: &[OutFile], static_dirs: &[PathBuf]) -> io::Result<()> {
    fs::create_dir_all(tmp)?;
    // Create every folder once, then write the files in parallel.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| tmp.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    files
        .par_iter()
        .try_for_each(|f| fs::write(tmp.join(&f.path), &f.bytes))?;
    for dir in static_dirs {
        if dir.is_dir() {
            copy_dir(dir, &tmp.join("static"))?;
        }
    }
    Ok(())
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

/// A short, stable fingerprint of the whole output (FNV-1a over paths and bytes, in path
/// order): the same input gives the same value, any change gives another.
pub fn fingerprint(files: &[OutFile]) -> String {
    let mut order: Vec<&OutFile> = files.iter().collect();
    order.sort_by(|a, b| a.path.cmp(&b.path));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in order {
        for b in f
            .path
            .to_string_lossy()
            .bytes()
            .chain([0u8])
            .chain(f.bytes.iter().copied())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// sitemap.xml with every page and its language alternates.
pub fn sitemap(base_url: &str, entries: &[(String, Vec<(String, String)>)]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (url, alternates) in entries {
        s.push_str(&format!("<url><loc>{base_url}{}</loc>", xml_escape(url)));
        for (lang, alt) in alternates {
            s.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{base_url}{}\"/>",
                xml_escape(alt)
            ));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
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
