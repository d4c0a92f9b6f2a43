//! Trust and safety: every page carries the CSP and no inline script, event handler or
//! inline style; nothing on a page is loaded from another origin. (A build killed at any
//! moment leaving the previous output whole is tested in `rebuild.rs`, by aborting the
//! build at each phase on purpose rather than killing it after a guessed delay.)

use std::fs;

use crate::common::*;

#[test]
fn every_page_has_the_csp_and_no_inline_script_handler_or_style() {
    let out = tempfile::tempdir().unwrap();
    let o = onderdak(&[
        "build",
        "--site",
        root().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let mut problems = Vec::new();
    for e in walkdir::WalkDir::new(out.path())
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let html = fs::read_to_string(e.path()).unwrap();
        let name = e
            .path()
            .strip_prefix(out.path())
            .unwrap()
            .display()
            .to_string();
        if !html.contains("http-equiv=Content-Security-Policy")
            || !html.contains("default-src 'none'")
        {
            problems.push(format!("{name}: no CSP"));
        }
        if !html.contains("content=no-referrer name=referrer") {
            problems.push(format!("{name}: no referrer policy"));
        }
        let lower = html.to_ascii_lowercase();
        for (i, _) in lower.match_indices("<script") {
            let tag_end = lower[i..].find('>').map_or(lower.len(), |e| i + e);
            if !lower[i..tag_end].contains(" src=")
                && !lower[i..tag_end].contains("application/ld+json")
            {
                problems.push(format!("{name}: inline script"));
            }
        }
        for needle in [
            " onclick=",
            " onload=",
            " onerror=",
            " onmouseover=",
            " onfocus=",
            " style=",
            "javascript:",
        ] {
            if lower.contains(needle) {
                problems.push(format!("{name}: contains `{needle}`"));
            }
        }
        // Nothing is loaded from elsewhere: scripts, styles, images and frames are local.
        for attr in [" src=", "<link "] {
            for (i, _) in lower.match_indices(attr) {
                let end = lower[i..].find('>').map_or(lower.len(), |e| i + e);
                let tag = &lower[i..end];
                let loads = attr == " src="
                    || tag.contains("stylesheet")
                    || tag.contains("icon")
                    || tag.contains("manifest")
                    || tag.contains("preload");
                if loads && (tag.contains("http:") || tag.contains("https:") || tag.contains("//"))
                {
                    problems.push(format!("{name}: loads from another origin: {tag}"));
                }
            }
        }
        if lower.contains("<iframe") || lower.contains("<img") && lower.contains("src=http") {
            problems.push(format!("{name}: embeds another origin"));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
