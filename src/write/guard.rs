//! Which folders a build may replace, and the lock that keeps two builds out of one output:
//! a build never deletes a file it did not write.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{refuse, MANIFEST, MARKER};
use crate::diagnostics::{hint, msg, Diagnostic, Msg};

/// The folder a build writes into: `out` itself, or the folder a symlink `out` points to.
/// Refuses an `out` that is a file.
pub(super) fn resolve_out(out: &Path) -> Result<PathBuf, Diagnostic> {
    let mut path = out.to_path_buf();
    // Follow a chain of links by hand, so that a dangling one still names where to build.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&path)
                    .map_err(|e| refuse(out, msg::out_link_unreadable(e), hint::out_at_folder()))?;
                path = match path.parent() {
                    Some(p) => p.join(to),
                    None => to,
                };
            }
            Ok(m) if m.is_dir() => return absolute(out, &path),
            Ok(_) => {
                return Err(refuse(
                    out,
                    if path == out {
                        msg::out_is_file()
                    } else {
                        msg::out_points_to_file(path.display())
                    },
                    hint::out_not_a_file(),
                ))
            }
            Err(_) => return absolute(out, &path),
        }
    }
    Err(refuse(out, msg::out_link_loop(), hint::out_at_folder()))
}

/// `path` as an absolute path without links in its existing part, the rest appended.
pub(super) fn absolute(out: &Path, path: &Path) -> Result<PathBuf, Diagnostic> {
    let mut existing = path.to_path_buf();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if existing.as_os_str().is_empty() {
            existing = PathBuf::from(".");
        }
        if let Ok(c) = fs::canonicalize(&existing) {
            let mut p = c;
            for r in rest.iter().rev() {
                p.push(r);
            }
            return Ok(p);
        }
        let Some(name) = existing.file_name() else {
            break;
        };
        if matches!(
            existing.components().next_back(),
            Some(Component::ParentDir | Component::CurDir)
        ) {
            break;
        }
        rest.push(name.to_os_string());
        existing = existing.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    Err(refuse(out, msg::out_unclear(), hint::out_plain_path()))
}

/// Refuses an output that is the site folder or above it, inside one of the site's own
/// folders (`content/`, `themes/`, `templates/`, `static/`), the home folder or above it.
/// `--force` does not change this: replacing any of them loses the user's files.
pub(super) fn check_not_precious(
    out: &Path,
    real: &Path,
    site_dir: &Path,
) -> Result<(), Diagnostic> {
    let site = fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    if site.starts_with(real) {
        let message = if site == real {
            msg::out_is_site()
        } else {
            msg::out_holds_site(site.display())
        };
        return Err(refuse(out, message, hint::own_folder_public_or_up()));
    }
    for own in ["content", "themes", "templates", "static"] {
        let dir = site.join(own);
        let dir = fs::canonicalize(&dir).unwrap_or(dir);
        if real.starts_with(&dir) || dir.starts_with(real) {
            return Err(refuse(
                out,
                msg::out_inside_site(own, dir.display()),
                hint::own_folder_public(),
            ));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = PathBuf::from(home);
        let home = fs::canonicalize(&home).unwrap_or(home);
        if home.starts_with(real) {
            return Err(refuse(
                out,
                msg::out_is_home(home.display()),
                hint::own_folder_in_site(),
            ));
        }
    }
    if real.parent().is_none() {
        return Err(refuse(out, msg::out_is_root(), hint::own_folder()));
    }
    Ok(())
}

/// An existing output must be one onderdak made (it has the marker) or be empty; with
/// `force`, any folder goes.
pub(super) fn check_ours(out: &Path, real: &Path, force: bool) -> Result<(), Diagnostic> {
    let Ok(entries) = fs::read_dir(real) else {
        return Ok(()); // not there yet
    };
    if force || real.join(MARKER).is_file() {
        return Ok(());
    }
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let message = if names.len() > 3 {
        msg::out_not_ours_more(shown, names.len() - 3, MARKER)
    } else {
        msg::out_not_ours(shown, MARKER)
    };
    Err(refuse(out, message, hint::out_force(out.display())))
}

/// Why a `keep:` entry cannot be used, if it cannot.
pub(super) fn keep_pattern_ok(p: &str) -> Result<(), Msg> {
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(msg::keep_empty(p));
    }
    if p.starts_with('/') || p.contains('\\') || p.contains('\0') {
        return Err(msg::keep_not_inside(p));
    }
    for part in trimmed.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(msg::keep_dots(p));
        }
    }
    if trimmed == MARKER || trimmed == MANIFEST {
        return Err(msg::keep_own_file(p));
    }
    Ok(())
}

/// Whether `name` matches `pattern`, in which `*` stands for any run of characters.
pub(super) fn glob(pattern: &str, name: &str) -> bool {
    let Some((first, rest)) = pattern.split_once('*') else {
        return pattern == name;
    };
    let Some(mut tail) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = rest.split('*').collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            return tail.ends_with(part);
        }
        match tail.find(part) {
            Some(at) => tail = &tail[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The paths under `root` (relative) that a `keep:` pattern names; folders only for a
/// pattern ending in `/`. Links are not followed out of the output.
pub(super) fn matching(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let want_dir = pattern.ends_with('/');
    let parts: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let mut found = vec![PathBuf::new()];
    for (depth, part) in parts.iter().enumerate() {
        let last = depth == parts.len() - 1;
        let mut next = Vec::new();
        for rel in &found {
            let Ok(entries) = fs::read_dir(root.join(rel)) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(ft) = e.file_type() else { continue };
                let name = e.file_name().to_string_lossy().to_string();
                if ft.is_symlink() || name == MARKER || name == MANIFEST || !glob(part, &name) {
                    continue;
                }
                if (!last || want_dir) && !ft.is_dir() {
                    continue;
                }
                next.push(rel.join(&name));
            }
        }
        next.sort();
        found = next;
    }
    found
}

/// The output's lock: a file beside it, `.<name>.onderdak-lock`, locked for as long as a
/// build writes into the output and removed when it ends. A second build into the same
/// folder waits for the first, and says so.
pub(super) struct OutputLock {
    path: PathBuf,
    file: fs::File,
}

impl OutputLock {
    pub(super) fn take(out: &Path, parent: &Path, name: &str) -> Result<Self, Diagnostic> {
        let path = parent.join(format!(".{name}.onderdak-lock"));
        let failed = |e: io::Error| {
            refuse(
                out,
                msg::cannot_lock(path.display(), e),
                hint::parent_writable_lock(),
            )
        };
        let mut told = false;
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(failed)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "{}",
                            hint::waiting_for_lock(out.display(), path.display())
                                .get(crate::diagnostics::i18n::lang())
                        );
                        told = true;
                    }
                    file.lock().map_err(failed)?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(failed(e)),
            }
            // The build before may have removed the file between our open and our lock:
            // then the lock is on a file nobody else sees; take it again.
            if same_file(&file, &path) {
                let _ = std::io::Write::write_all(
                    &mut &file,
                    format!("{}\n", std::process::id()).as_bytes(),
                );
                return Ok(OutputLock { path, file });
            }
        }
    }
}

#[cfg(unix)]
pub(super) fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: a build waiting on it sees that and takes a new one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}
