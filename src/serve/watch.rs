//! Which changes on disk serve reacts to: the watched folders, and the editor's temporary
//! and backup files it ignores.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// The folders of the site that serve watches.
pub(super) const WATCHED: [&str; 4] = ["content", "themes", "templates", "static"];

/// Watches each of [`WATCHED`] that exists, and the site folder itself (not recursively)
/// to see one of them appear again after it was removed or renamed away.
pub(super) fn watch_all(watcher: &mut impl notify::Watcher, site_dir: &Path) -> io::Result<()> {
    watcher
        .watch(site_dir, notify::RecursiveMode::NonRecursive)
        .map_err(io::Error::other)?;
    for dir in WATCHED {
        let p = site_dir.join(dir);
        if p.is_dir() {
            let _ = watcher.unwatch(&p);
            watcher
                .watch(&p, notify::RecursiveMode::Recursive)
                .map_err(io::Error::other)?;
        }
    }
    Ok(())
}

pub(super) fn collect(
    ev: &notify::Result<notify::Event>,
    site_dir: &Path,
    out: &mut BTreeSet<PathBuf>,
) {
    let Ok(ev) = ev else { return };
    if matches!(ev.kind, notify::EventKind::Access(_)) {
        return;
    }
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
    // A folder created, removed or renamed (a municipality renamed, `content/` put back):
    // its name has no extension, but the pages under it change.
    let folder_event = matches!(
        ev.kind,
        notify::EventKind::Create(CreateKind::Folder)
            | notify::EventKind::Remove(RemoveKind::Folder)
            | notify::EventKind::Modify(ModifyKind::Name(RenameMode::From))
    ) || ev.paths.iter().any(|p| p.is_dir());
    for p in &ev.paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        // Editors and tools write temporary files (sed's `sedXXXX`, vim's `.swp`, `~`) before
        // renaming them into place; only files the site is made of count.
        let known = [
            "md",
            "yaml",
            "yml",
            "html",
            "css",
            "js",
            "json",
            "svg",
            "png",
            "ico",
            "txt",
            "xml",
            "webmanifest",
        ];
        let ext_ok = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| known.contains(&e));
        let folder_ok = folder_event && (p.extension().is_none() || p.is_dir());
        if name.starts_with('.') || name.ends_with('~') || !(ext_ok || folder_ok) {
            continue;
        }
        let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let rel = canon
            .strip_prefix(site_dir)
            .or_else(|_| p.strip_prefix(site_dir))
            .unwrap_or(p);
        // The site folder is watched only to see the watched folders come back; the output
        // folder and other files beside them do not count.
        let watched = rel
            .components()
            .next()
            .is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w));
        if watched {
            out.insert(rel.to_path_buf());
        }
    }
}
