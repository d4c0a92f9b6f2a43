//! Trust and safety: a build killed at any moment leaves the previous output complete and
//! unchanged; every page carries the CSP and no inline script, event handler or inline
//! style; nothing on a page is loaded from another origin.

mod common;

use std::fs;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

#[test]
fn a_build_killed_mid_write_leaves_the_previous_output_intact() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let site = root();
    let o = onderdak(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        public.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = tree(&public);
    assert!(before.len() > 1000);
    // Kill later builds at different moments: while loading, rendering, writing, swapping.
    for delay_ms in [5u64, 60, 150, 300, 500, 800, 1200, 1800, 2500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_onderdak"))
            .args([
                "build",
                "--site",
                site.to_str().unwrap(),
                "--out",
                public.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Same input, so a build that finished before the kill is also byte-identical.
        assert_eq!(
            tree(&public).len(),
            before.len(),
            "killed after {delay_ms} ms: output incomplete"
        );
        assert!(
            tree(&public) == before,
            "killed after {delay_ms} ms: output changed"
        );
    }
    // The next build clears what killed builds left beside the output. What stays is the
    // previous generation, which the next build updates in place of a fresh staging folder.
    assert!(onderdak(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        public.to_str().unwrap()
    ])
    .status
    .success());
    let names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, vec![".public.onderdak-prev", "public"]);
}

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
