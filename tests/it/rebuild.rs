//! Building again over an existing output: a file whose bytes did not change keeps its
//! inode and modification time, one edit rewrites only the files it changes, the deploy
//! manifest lists every file with its hash, and a failure at any phase of the write stage
//! leaves the previous output as it was (and the next build recovers).

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Output;

use crate::common::*;

/// Every file under `dir` with its inode, modification time (ns) and bytes.
fn files(dir: &Path) -> BTreeMap<String, (u64, i128, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let mtime = i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec());
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                (m.ino(), mtime, fs::read(e.path()).unwrap()),
            )
        })
        .collect()
}

fn build_with(site: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_onderdak"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["build", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(extra)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The numbers of the `N written, M kept, K removed; A made, B reused unchanged` line.
fn numbers(o: &Output) -> Vec<usize> {
    let text = stdout(o);
    let line = text
        .lines()
        .find(|l| l.contains(" removed; "))
        .unwrap_or_else(|| panic!("no counts in {text}"));
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

/// Files written, kept and removed.
fn counts(o: &Output) -> (usize, usize, usize) {
    let n = numbers(o);
    (n[0], n[1], n[2])
}

/// Files made (rendered) and reused from the last build without making them.
fn made_reused(o: &Output) -> (usize, usize) {
    let n = numbers(o);
    (n[3], n[4])
}

/// The manifest as path → line.
fn manifest(dir: &Path) -> BTreeMap<String, String> {
    fs::read_to_string(dir.join(".onderdak-manifest"))
        .unwrap()
        .lines()
        .map(|l| (l.splitn(3, "  ").nth(2).unwrap().to_string(), l.to_string()))
        .collect()
}

/// The names beside the output: the output itself and, once it has been rebuilt, its
/// previous generation (the next build's staging folder); no other staging or old folders.
fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

const EDITED: &str = "content/municipalities/teststad/loket-teststad.md";

fn edit(site: &Path) {
    let path = site.join(EDITED);
    let text = fs::read_to_string(&path).unwrap() + "Nieuw: op woensdag ook een inloopspreekuur.\n";
    fs::write(path, text).unwrap();
}

#[test]
fn an_unchanged_rebuild_writes_no_file() {
    for extra in [&[][..], &["--precompress"][..]] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let o = build_with(&fixture("good"), &out, extra, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let (written, kept, removed) = counts(&o);
        assert_eq!((kept, removed), (0, 0), "{}", stdout(&o));
        let before = files(&out);
        assert_eq!(written, before.len(), "{extra:?}");
        let o = build_with(&fixture("good"), &out, extra, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(counts(&o), (0, before.len(), 0), "{extra:?}");
        // Same paths, same bytes, and the same inode and mtime for every one of them.
        assert!(files(&out) == before, "{extra:?}: a file was rewritten");
        assert_eq!(
            beside(dir.path()),
            vec![".public.onderdak-inputs", ".public.onderdak-prev", "public"]
        );
        // Nothing was made again but the few files made from every other (the service
        // worker, robots.txt, the sitemap index).
        let (made, reused) = made_reused(&o);
        assert!(made <= 3, "{extra:?}: {}", stdout(&o));
        assert!(reused > 0, "{}", stdout(&o));
        // The previous generation shares every file with the output: nothing was copied.
        let prev = files(&dir.path().join(".public.onderdak-prev"));
        assert!(prev == before, "{extra:?}: the previous generation differs");
    }
}

#[test]
fn one_edit_rewrites_only_the_files_it_changes() {
    let site = good_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert!(build_with(site.path(), &out, &[], &[]).status.success());
    let before = files(&out);
    let manifest_before = manifest(&out);
    edit(site.path());
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = files(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let mut changed = Vec::new();
    for (path, (ino, mtime, bytes)) in &after {
        let (ino0, mtime0, bytes0) = &before[path];
        if bytes == bytes0 {
            assert_eq!(
                (ino, mtime),
                (ino0, mtime0),
                "{path}: same bytes, rewritten"
            );
        } else {
            assert_ne!(ino, ino0, "{path}: changed in place");
            changed.push(path.as_str());
        }
    }
    // The service's page in both languages, the HSDS export that lists it, the service
    // worker (its cache name is a hash of every file) and the manifest; nothing else.
    assert_eq!(
        changed,
        vec![
            ".onderdak-manifest",
            "data/hsds/services.csv",
            "data/hsds/services.json",
            "en/teststad/loket-teststad/index.html",
            "nl/teststad/loket-teststad/index.html",
            "sw.js",
        ]
    );
    assert_eq!(counts(&o), (changed.len(), after.len() - changed.len(), 0));
    // The manifest differs exactly at the files that changed, and its hashes are theirs.
    let manifest_after = manifest(&out);
    let differ: Vec<&str> = manifest_after
        .iter()
        .filter(|(p, l)| manifest_before.get(*p) != Some(*l))
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(differ, changed[1..].to_vec());
    for (path, line) in &manifest_after {
        let size = after[path].2.len();
        assert!(line.contains(&format!("  {size}  ")), "{line}");
    }
    assert!(!manifest_after.contains_key(".onderdak-manifest"));
    assert!(manifest_after.contains_key(".onderdak-output"));
    // Pages that are gone are counted as removed: an explainer page, added then removed.
    let extra = site.path().join("content/pages/nog-een-uitleg.md");
    let text = fs::read_to_string(site.path().join("content/pages/uitleg-test.md")).unwrap();
    fs::write(
        &extra,
        text.replace("title: Wat is opvang?", "title: Nog een uitleg"),
    )
    .unwrap();
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let with_extra = files(&out);
    assert_eq!(with_extra.len(), after.len() + 2, "{}", stdout(&o));
    fs::remove_file(&extra).unwrap();
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(counts(&o).2, 2, "{}", stdout(&o));
    assert!(files(&out).keys().eq(after.keys()));
}

/// The manifest is the same, byte for byte, for the same site, and lists every file.
#[test]
fn the_manifest_is_deterministic_and_complete() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(build_with(&fixture("good"), a.path(), &[], &[])
        .status
        .success());
    assert!(build_with(&fixture("good"), b.path(), &[], &[])
        .status
        .success());
    let text = fs::read(a.path().join(".onderdak-manifest")).unwrap();
    assert_eq!(text, fs::read(b.path().join(".onderdak-manifest")).unwrap());
    let listed: Vec<String> = manifest(a.path()).into_keys().collect();
    let mut on_disk: Vec<String> = files(a.path())
        .into_keys()
        .filter(|p| p != ".onderdak-manifest")
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk);
}

/// A build that fails, or aborts as if killed, at each phase of the write stage leaves the
/// previous output exactly as it was (same bytes, inodes and mtimes), or, past the swap, the
/// new output whole; the next build recovers and leaves nothing beside the output.
#[test]
fn a_failure_at_any_phase_leaves_one_whole_output() {
    let site = good_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let flags = ["--precompress"];
    assert!(build_with(site.path(), &out, &flags, &[]).status.success());
    let first = tree(&out);
    edit(site.path());
    let reference = tempfile::tempdir().unwrap();
    assert!(build_with(site.path(), reference.path(), &flags, &[])
        .status
        .success());
    let new = tree(reference.path());
    let bytes = |f: &BTreeMap<String, (u64, i128, Vec<u8>)>| -> BTreeMap<String, Vec<u8>> {
        f.iter().map(|(k, v)| (k.clone(), v.2.clone())).collect()
    };
    let phases = onderdak::write::FAULT_PHASES;
    for phase in phases {
        for mode in ["", ":abort"] {
            let old = files(&out);
            let fault = format!("{phase}{mode}");
            let o = build_with(site.path(), &out, &flags, &[("ONDERDAK_FAULT", &fault)]);
            let now = files(&out);
            if phase == "cleanup" || phase == "record" {
                // Past the swap: the new output is whole; an error in removing the old one
                // is not a failed build.
                assert_eq!(
                    o.status.success(),
                    mode.is_empty(),
                    "{fault}: {}",
                    stderr(&o)
                );
                assert!(bytes(&now) == new, "{fault}: the new output is not whole");
            } else {
                assert!(!o.status.success(), "{fault}: the fault did not fire");
                if mode.is_empty() {
                    assert!(
                        stderr(&o).contains(&format!("fault injected at `{phase}`")),
                        "{fault}: {}",
                        stderr(&o)
                    );
                }
                assert!(now == old, "{fault}: the previous output changed");
            }
            // The next build recovers: the new output, nothing left beside it.
            let o = build_with(site.path(), &out, &flags, &[]);
            assert!(o.status.success(), "after {fault}: {}", stderr(&o));
            assert!(bytes(&files(&out)) == new, "after {fault}");
            assert_eq!(
                beside(dir.path()),
                vec![".public.onderdak-inputs", ".public.onderdak-prev", "public"],
                "after {fault}"
            );
            // Back to the old site for the next phase.
            fs::write(
                site.path().join(EDITED),
                fs::read(fixture("good").join(EDITED)).unwrap(),
            )
            .unwrap();
            assert!(build_with(site.path(), &out, &flags, &[]).status.success());
            assert!(
                bytes(&files(&out)) == first,
                "{fault}: back to the old site"
            );
            edit(site.path());
        }
    }
}

/// A link that someone put into the output (to a file or a folder outside it) is never
/// written through, neither when the output is rebuilt nor when that output, as the
/// previous generation, becomes the next build's staging folder.
#[test]
fn links_put_into_the_output_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("nl")).unwrap();
    fs::write(outside.path().join("page.html"), "mine").unwrap();
    fs::write(outside.path().join("nl/index.html"), "mine too").unwrap();
    let reference = tempfile::tempdir().unwrap();
    assert!(build_with(&fixture("good"), reference.path(), &[], &[])
        .status
        .success());
    let want = tree(reference.path());
    assert!(build_with(&fixture("good"), &out, &[], &[])
        .status
        .success());
    for round in 0..3 {
        // A page replaced by a link to a file outside, a folder by a link to one outside.
        let page = out.join("en/index.html");
        fs::remove_file(&page).unwrap();
        std::os::unix::fs::symlink(outside.path().join("page.html"), &page).unwrap();
        fs::remove_dir_all(out.join("nl")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("nl"), out.join("nl")).unwrap();
        for _ in 0..2 {
            let o = build_with(&fixture("good"), &out, &[], &[]);
            assert!(o.status.success(), "round {round}: {}", stderr(&o));
            assert!(
                tree(&out) == want,
                "round {round}: the output is not the site"
            );
        }
        assert_eq!(
            fs::read_to_string(outside.path().join("page.html")).unwrap(),
            "mine"
        );
        assert_eq!(
            fs::read_to_string(outside.path().join("nl/index.html")).unwrap(),
            "mine too"
        );
        assert_eq!(tree(outside.path()).len(), 2, "round {round}");
    }
}

/// A copy of the repository's own site (content and theme): big enough that one service
/// is on a small part of its pages.
fn default_site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("content"), &dir.path().join("content"));
    copy_dir(&root().join("themes"), &dir.path().join("themes"));
    dir
}

/// Every file under `dir` with its bytes.
fn bytes_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir).into_iter().map(|(k, v)| (k, v.2)).collect()
}

fn replace_in(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// After an edit, `build` makes again only the files that show what changed (the rest is
/// kept from the last build without being rendered), and the output is, byte for byte,
/// what a build from scratch makes. An edit every page may show (an interface text)
/// makes everything again, and so does `--full`.
#[test]
fn an_edit_makes_only_what_shows_it_and_the_output_is_a_full_builds() {
    const SERVICE: &str = "content/municipalities/dordrecht/adviseurs-geldzaken-dordrecht";
    let site = default_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (all, reused) = made_reused(&o);
    assert_eq!(reused, 0, "{}", stdout(&o));
    // Each round: (file suffix, from, to) edits, then whether to compare with a build from
    // scratch. The edits: its name (on its own page, the municipality's, the answers it is
    // in, search), its English text, its needs (it now also answers the front-door
    // questions, then no longer), and an interface text (on every page).
    type Edit = (&'static str, &'static str, &'static str);
    let rounds: [(&[Edit], bool); 4] = [
        (
            &[
                (
                    ".md",
                    "name: Adviseurs geldzaken",
                    "name: Adviseurs geldzaken en schulden",
                ),
                (
                    ".en.md",
                    "summary: Help with money matters and debts.",
                    "summary: Help with money and debts.",
                ),
            ],
            true,
        ),
        (
            &[(
                ".md",
                "needs: [debt-help]",
                "needs: [debt-help, front-door]",
            )],
            false,
        ),
        (
            &[(
                ".md",
                "needs: [debt-help, front-door]",
                "needs: [debt-help]",
            )],
            true,
        ),
        (
            &[(
                "i18n",
                "skip_to_content: Skip to content",
                "skip_to_content: Go to the content",
            )],
            false,
        ),
    ];
    for (edits, compare) in rounds {
        let mut everywhere = false;
        for &(suffix, from, to) in edits {
            if suffix == "i18n" {
                everywhere = true;
                replace_in(site.path(), "content/i18n/en.yaml", from, to);
            } else {
                replace_in(site.path(), &format!("{SERVICE}{suffix}"), from, to);
            }
        }
        let to = edits[0].2;
        let o = build_with(site.path(), &out, &[], &[]);
        assert!(o.status.success(), "{to}: {}", stderr(&o));
        let (made, reused) = made_reused(&o);
        assert_eq!(made + reused, all, "{to}: {}", stdout(&o));
        if everywhere {
            assert_eq!(reused, 0, "an interface text: {}", stdout(&o));
        } else {
            assert!(made * 10 < all, "{to}: made {made} of {all}");
            assert!(made > 3, "{to}: nothing made: {}", stdout(&o));
        }
        if compare {
            let fresh = tempfile::tempdir().unwrap();
            let f = build_with(site.path(), fresh.path(), &[], &[]);
            assert!(f.status.success(), "{}", stderr(&f));
            let (got, want) = (bytes_of(&out), bytes_of(fresh.path()));
            let differ: Vec<&String> = want
                .keys()
                .chain(got.keys())
                .filter(|k| got.get(*k) != want.get(*k))
                .take(5)
                .collect();
            assert!(
                differ.is_empty(),
                "{to}: differs from a build from scratch: {differ:?}"
            );
        }
    }
    let o = build_with(site.path(), &out, &["--full"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(made_reused(&o), (all, 0), "--full: {}", stdout(&o));
    assert_eq!(counts(&o).0, 0, "--full wrote a file: {}", stdout(&o));
}

/// A file of the output changed by hand since the last build is made again, not kept;
/// a record that is not the output's (its manifest changed) makes every file again.
#[test]
fn a_file_changed_in_the_output_is_made_again() {
    let site = good_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert!(build_with(site.path(), &out, &[], &[]).status.success());
    let want = bytes_of(&out);
    let page = out.join("nl/index.html");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut text = fs::read(&page).unwrap();
    text.extend_from_slice(b"<!-- mine -->");
    fs::write(&page, &text).unwrap();
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(bytes_of(&out) == want, "the changed page was kept");
    assert!(made_reused(&o).0 <= 4, "{}", stdout(&o));
    // Same size, same mtime as before: only the record's tie to the manifest can tell.
    let manifest = out.join(".onderdak-manifest");
    let m = fs::read(&manifest).unwrap();
    fs::remove_file(&manifest).unwrap();
    fs::write(&manifest, [&m[..], b"x"].concat()).unwrap();
    let o = build_with(site.path(), &out, &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(made_reused(&o).1, 0, "{}", stdout(&o));
    assert!(bytes_of(&out) == want);
}
