//! `onderdak translations`: the translators' side of translations.
//!
//! - `mark` records in a translation what it was made from (a fingerprint of the
//!   original's texts, see [`crate::check::translations`]), so `check` and the pages can
//!   tell when the original has changed since.
//! - `export` writes the texts of one language that are missing or out of date as a
//!   gettext PO file, the format translation tools and services read (Weblate, Poedit,
//!   Crowdin, Lokalise); `import` writes the translated files back, marked.
//!
//! A PO message is one text: its context names the original file and the text in it
//! (`content/national/veilig-thuis.md#summary`, `…#body.3` for the third paragraph), its
//! msgid is the original. The question flow's texts are messages too
//! (`content/tree.yaml#question/gevaar#help`); importing them rewrites `tree.<lang>.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polib::catalog::Catalog;
use polib::message::{Message, MessageMutView};
use polib::metadata::CatalogMetadata;

use crate::check::translations::{fingerprint, outdated, paragraphs, Original, Summary};
use crate::model::Site;

/// One file a translation of which is written: the original, its texts and, if there is
/// one, the current translation into the language.
struct Unit {
    /// What the PO contexts name: the original's path, for the flow also the item
    /// (`content/tree.yaml#question/gevaar`).
    id: String,
    /// The original, relative to the site folder.
    original: PathBuf,
    /// Where the translation goes, relative to the site folder.
    target: PathBuf,
    kind: UnitKind,
    texts: Vec<(&'static str, String)>,
    /// The current translation's texts by key (body split in paragraphs), if any.
    current: Option<Vec<(&'static str, String)>>,
    outdated: bool,
}

#[derive(Clone, PartialEq, Eq)]
enum UnitKind {
    Markdown,
    Place,
    /// A question of the flow (its option ids, in order) or an answer (`None`), by id.
    Flow(String, Option<Vec<String>>),
}

/// Every translatable file of the site, with its translation into `lang`.
fn units(site: &Site, lang: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let with_lang = |file: &Path, ext: &str| {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        file.with_file_name(format!("{stem}.{lang}.{ext}"))
    };
    for s in &site.services {
        let t = s.translations.get(lang);
        out.push(Unit {
            id: s.doc.front.file.display().to_string(),
            original: s.doc.front.file.clone(),
            target: with_lang(&s.doc.front.file, "md"),
            kind: UnitKind::Markdown,
            texts: s.doc.texts(),
            current: t
                .map(|t| split_body(crate::check::translations::service_translation_texts(t))),
            outdated: t.is_some_and(|t| outdated(&s.doc, &t.front.value.translates)),
        });
    }
    for p in &site.pages {
        let t = p.translations.get(lang);
        out.push(Unit {
            id: p.doc.front.file.display().to_string(),
            original: p.doc.front.file.clone(),
            target: with_lang(&p.doc.front.file, "md"),
            kind: UnitKind::Markdown,
            texts: p.doc.texts(),
            current: t.map(|t| split_body(crate::check::translations::page_translation_texts(t))),
            outdated: t.is_some_and(|t| outdated(&p.doc, &t.front.value.translates)),
        });
    }
    for (file, summary, translations) in site.place_summaries() {
        if summary.is_none() {
            continue;
        }
        let t = translations.get(lang);
        let orig = Summary(summary.as_ref());
        out.push(Unit {
            id: file.display().to_string(),
            original: file.to_path_buf(),
            target: with_lang(file, "yaml"),
            kind: UnitKind::Place,
            texts: orig.texts(),
            current: t.map(|t| {
                t.value
                    .summary
                    .iter()
                    .map(|s| ("summary", s.clone()))
                    .collect()
            }),
            outdated: t.is_some_and(|t| outdated(&orig, &t.value.translates)),
        });
    }
    let tree = site.tree_translations.get(lang);
    let target = site.tree_file.with_file_name(format!("tree.{lang}.yaml"));
    for q in &site.tree.questions {
        let t = tree.and_then(|t| t.value.questions.get(&q.id));
        let marked = tree.and_then(|t| {
            t.value
                .translates
                .get(&format!("question/{}", q.id))
                .cloned()
        });
        let current = t.filter(|t| t.question.is_some()).map(|t| {
            let mut c: Vec<(&'static str, String)> = Vec::new();
            c.extend(t.question.clone().map(|x| ("question", x)));
            c.extend(t.help.clone().map(|x| ("help", x)));
            c.extend(
                q.options
                    .iter()
                    .filter_map(|o| t.options.get(&o.id).map(|x| ("option", x.clone()))),
            );
            c
        });
        out.push(Unit {
            id: format!("{}#question/{}", site.tree_file.display(), q.id),
            original: site.tree_file.clone(),
            target: target.clone(),
            kind: UnitKind::Flow(
                q.id.clone(),
                Some(q.options.iter().map(|o| o.id.clone()).collect()),
            ),
            texts: q.texts(),
            outdated: current.is_some() && outdated(q, &marked),
            current,
        });
    }
    for a in &site.tree.answers {
        let t = tree.and_then(|t| t.value.answers.get(&a.id));
        let marked =
            tree.and_then(|t| t.value.translates.get(&format!("answer/{}", a.id)).cloned());
        let current = t.filter(|t| t.title.is_some()).map(|t| {
            let mut c: Vec<(&'static str, String)> = Vec::new();
            c.extend(t.title.clone().map(|x| ("title", x)));
            c.extend(t.advice.clone().map(|x| ("advice", x)));
            c
        });
        out.push(Unit {
            id: format!("{}#answer/{}", site.tree_file.display(), a.id),
            original: site.tree_file.clone(),
            target: target.clone(),
            kind: UnitKind::Flow(a.id.clone(), None),
            texts: a.texts(),
            outdated: current.is_some() && outdated(a, &marked),
            current,
        });
    }
    out
}

fn split_body(texts: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (k, t) in texts {
        if k == "body" {
            out.extend(paragraphs(&t).into_iter().map(|p| ("body", p)));
        } else {
            out.push((k, t));
        }
    }
    out
}

/// The message contexts of a unit's texts: `name`, `body.1`, `body.2`, …, and for a
/// question of the flow `option.<id>`.
fn contexts(texts: &[(&'static str, String)], options: Option<&[String]>) -> Vec<String> {
    let (mut n, mut o) = (0, 0);
    texts
        .iter()
        .map(|(k, _)| match *k {
            "body" => {
                n += 1;
                format!("body.{n}")
            }
            "option" => {
                o += 1;
                match options.and_then(|ids| ids.get(o - 1)) {
                    Some(id) => format!("option.{id}"),
                    None => format!("option.{o}"),
                }
            }
            k => k.to_string(),
        })
        .collect()
}

impl Unit {
    fn option_ids(&self) -> Option<&[String]> {
        match &self.kind {
            UnitKind::Flow(_, Some(ids)) => Some(ids.as_slice()),
            _ => None,
        }
    }
}

/// What `export` wrote.
pub struct Exported {
    pub files: usize,
    pub messages: usize,
}

/// Writes the texts of `lang` that are missing or out of date (or all, with `all`) as a
/// PO file at `out`. Out-of-date texts carry the current translation, flagged fuzzy.
pub fn export(site: &Site, lang: &str, all: bool, out: &Path) -> Result<Exported, String> {
    if site.language(lang).is_none() || lang == site.default_language() {
        return Err(format!(
            "`{lang}` is not a language to translate into; use one of {}",
            site.languages
                .iter()
                .filter(|l| l.code != site.default_language())
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut meta = CatalogMetadata::new();
    meta.project_id_version = "onderdak content".into();
    meta.language = lang.into();
    meta.mime_version = "1.0".into();
    meta.content_type = "text/plain; charset=UTF-8".into();
    meta.content_transfer_encoding = "8bit".into();
    let mut catalog = Catalog::new(meta);
    let mut files = 0;
    for u in units(site, lang) {
        if !all && u.current.is_some() && !u.outdated {
            continue;
        }
        files += 1;
        let ctx = contexts(&u.texts, u.option_ids());
        // Paragraphs are matched by position: only when the counts agree.
        let count = |t: &[(&str, String)]| t.iter().filter(|(k, _)| *k == "body").count();
        let current_ctx = u.current.as_ref().map(|c| {
            let same = count(c) == count(&u.texts);
            contexts(c, u.option_ids())
                .into_iter()
                .map(|x| {
                    if !same && x.starts_with("body.") {
                        String::new()
                    } else {
                        x
                    }
                })
                .collect::<Vec<_>>()
        });
        for ((key, text), c) in u.texts.iter().zip(&ctx) {
            let before = u
                .current
                .as_ref()
                .zip(current_ctx.as_ref())
                .and_then(|(cur, cc)| {
                    cur.iter()
                        .zip(cc)
                        .find(|(_, name)| *name == c)
                        .map(|((_, t), _)| t.clone())
                });
            let mut m = Message::build_singular();
            m.with_msgctxt(format!("{}#{c}", u.id))
                .with_msgid(text.clone())
                .with_msgstr(before.clone().unwrap_or_default())
                .with_source(u.original.display().to_string());
            if *key == "bring" {
                m.with_extracted_comments("one item per line".into());
            }
            let mut msg = m.done();
            if before.is_some() && u.outdated {
                msg.flags_mut().add_flag("fuzzy");
            }
            catalog.append_or_update(msg);
        }
    }
    let messages = catalog.count();
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    polib::po_file::write_to_file(&catalog, out)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(Exported { files, messages })
}

/// What `import` did.
#[derive(Debug, Default)]
pub struct Imported {
    pub written: Vec<PathBuf>,
    /// Files left alone, with why (a text not translated yet, or fuzzy).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Reads a PO file written by [`export`] and translated, and writes each file all of whose
/// texts are translated (and not fuzzy), marked with what it translates: the msgids, so a
/// translation of an original that has changed since the export shows as out of date.
pub fn import(site_dir: &Path, site: &Site, po: &Path) -> Result<Imported, String> {
    let catalog =
        polib::po_file::parse(po).map_err(|e| format!("cannot read {}: {e}", po.display()))?;
    let lang = catalog.metadata.language.trim().to_string();
    if site.language(&lang).is_none() || lang == site.default_language() {
        return Err(format!(
            "{}: the header's `Language: {lang}` is not a language of this site to translate into",
            po.display()
        ));
    }
    // Texts per original file, in the order of the PO file.
    let mut by_file: BTreeMap<PathBuf, Vec<(String, String, String, bool)>> = BTreeMap::new();
    for m in catalog.messages() {
        let ctx = m.msgctxt();
        let Some((file, key)) = ctx.and_then(|c| c.rsplit_once('#')) else {
            continue;
        };
        by_file.entry(PathBuf::from(file)).or_default().push((
            key.to_string(),
            m.msgid().to_string(),
            m.msgstr().unwrap_or_default().to_string(),
            m.is_fuzzy(),
        ));
    }
    let known: BTreeMap<PathBuf, Unit> = units(site, &lang)
        .into_iter()
        .map(|u| (PathBuf::from(&u.id), u))
        .collect();
    // Items of the flow, collected and written as one file at the end.
    let mut flow = site
        .tree_translations
        .get(&lang)
        .map(|t| t.value.clone())
        .unwrap_or_default();
    let mut flow_changed = false;
    let mut flow_target = None;
    let mut report = Imported::default();
    for (file, texts) in by_file {
        let Some(unit) = known.get(&file) else {
            report
                .skipped
                .push((file, "no such original in this site".into()));
            continue;
        };
        if let Some((k, ..)) = texts
            .iter()
            .find(|(_, _, s, fz)| s.trim().is_empty() || *fz)
        {
            report.skipped.push((
                file,
                format!("`{k}` is not translated yet (or marked fuzzy)"),
            ));
            continue;
        }
        let originals: Vec<(&'static str, String)> = texts
            .iter()
            .map(|(k, id, _, _)| (static_key(k), id.clone()))
            .collect();
        let marked = fingerprint(&Texts(originals));
        let text = match &unit.kind {
            UnitKind::Markdown => markdown_file(&texts, &marked),
            UnitKind::Place => place_file(&texts, &marked),
            UnitKind::Flow(id, options) => {
                let get = |k: &str| {
                    texts
                        .iter()
                        .find(|(c, ..)| c == k)
                        .map(|(_, _, t, _)| t.trim().to_string())
                };
                if options.is_some() {
                    let q = flow.questions.entry(id.clone()).or_default();
                    q.question = get("question");
                    q.help = get("help");
                    for (c, _, t, _) in &texts {
                        if let Some(oid) = c.strip_prefix("option.") {
                            q.options.insert(oid.to_string(), t.trim().to_string());
                        }
                    }
                    flow.translates.insert(format!("question/{id}"), marked);
                } else {
                    let a = flow.answers.entry(id.clone()).or_default();
                    a.title = get("title");
                    a.advice = get("advice");
                    flow.translates.insert(format!("answer/{id}"), marked);
                }
                flow_changed = true;
                flow_target = Some(unit.target.clone());
                continue;
            }
        };
        let target = site_dir.join(&unit.target);
        std::fs::write(&target, text)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        report.written.push(unit.target.clone());
    }
    if let (true, Some(target)) = (flow_changed, flow_target) {
        flow.reviewed = false;
        let yaml =
            serde_yaml::to_string(&flow).map_err(|e| format!("cannot write the flow: {e}"))?;
        let path = site_dir.join(&target);
        std::fs::write(&path, format!("{HEADER}{yaml}"))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        report.written.push(target);
    }
    Ok(report)
}

/// Texts given as a list, to fingerprint what a PO file translated.
struct Texts(Vec<(&'static str, String)>);

impl Original for Texts {
    fn texts(&self) -> Vec<(&'static str, String)> {
        self.0.clone()
    }
}

/// The translatable keys, as `'static` names (a context `body.3` is a `body` text).
fn static_key(ctx: &str) -> &'static str {
    const KEYS: [&str; 16] = [
        "question",
        "help",
        "advice",
        "name",
        "title",
        "summary",
        "capacity",
        "stay",
        "cost",
        "bring",
        "audience_note",
        "hours_note",
        "phone_note",
        "night_phone_note",
        "body",
        "option",
    ];
    let base = ctx.split('.').next().unwrap_or(ctx);
    KEYS.into_iter().find(|k| *k == base).unwrap_or("body")
}

const HEADER: &str = "# Translated with a PO file, not yet reviewed by a fluent speaker.\n";

/// A YAML string in double quotes (a JSON string is one).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn markdown_file(texts: &[(String, String, String, bool)], marked: &str) -> String {
    let mut front = String::from("---\n");
    front.push_str(HEADER);
    let mut body = Vec::new();
    for (k, _, t, _) in texts {
        if k.starts_with("body.") {
            body.push(t.trim().to_string());
        } else if k == "bring" {
            front.push_str("bring:\n");
            for item in t.lines().filter(|l| !l.trim().is_empty()) {
                front.push_str(&format!("  - {}\n", quoted(item.trim())));
            }
        } else {
            front.push_str(&format!("{k}: {}\n", quoted(t.trim())));
        }
    }
    front.push_str("reviewed: false\n");
    front.push_str(&format!("translates: {}\n---\n", quoted(marked)));
    front.push_str(&body.join("\n\n"));
    front.push('\n');
    front
}

fn place_file(texts: &[(String, String, String, bool)], marked: &str) -> String {
    let mut out = String::from(HEADER);
    for (k, _, t, _) in texts {
        out.push_str(&format!("{k}: {}\n", quoted(t.trim())));
    }
    out.push_str("reviewed: false\n");
    out.push_str(&format!("translates: {}\n", quoted(marked)));
    out
}

/// What `mark` did.
#[derive(Debug, Default)]
pub struct Marked {
    pub changed: Vec<PathBuf>,
    pub unchanged: usize,
}

/// Records in each translation (of the languages `langs`, or all; of the files `only`, or
/// all) what it translates: the fingerprint of its original as it is now.
pub fn mark(
    site_dir: &Path,
    site: &Site,
    langs: &[String],
    only: &[PathBuf],
) -> Result<Marked, String> {
    let wanted_lang = |l: &str| langs.is_empty() || langs.iter().any(|x| x == l);
    let only: Vec<PathBuf> = only
        .iter()
        .map(|p| p.strip_prefix(site_dir).unwrap_or(p).to_path_buf())
        .collect();
    let wanted_file = |f: &Path| only.is_empty() || only.iter().any(|o| o == f);
    let mut todo: Vec<(PathBuf, String, bool)> = Vec::new(); // file, fingerprint, is markdown
    for s in &site.services {
        for (l, t) in &s.translations {
            if wanted_lang(l) && wanted_file(&t.front.file) {
                todo.push((t.front.file.clone(), fingerprint(&s.doc), true));
            }
        }
    }
    for p in &site.pages {
        for (l, t) in &p.translations {
            if wanted_lang(l) && wanted_file(&t.front.file) {
                todo.push((t.front.file.clone(), fingerprint(&p.doc), true));
            }
        }
    }
    for (_, summary, translations) in site.place_summaries() {
        for (l, t) in translations {
            if wanted_lang(l) && wanted_file(&t.file) {
                todo.push((
                    t.file.clone(),
                    fingerprint(&Summary(summary.as_ref())),
                    false,
                ));
            }
        }
    }
    let mut report = Marked::default();
    for (file, fp, md) in todo {
        let path = site_dir.join(&file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let new = set_top_key(&text, "translates", &quoted(&fp), md);
        if new == text {
            report.unchanged += 1;
        } else {
            std::fs::write(&path, new)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            report.changed.push(file);
        }
    }
    for (l, t) in &site.tree_translations {
        if !wanted_lang(l) || !wanted_file(&t.file) {
            continue;
        }
        let mut map = BTreeMap::new();
        for q in &site.tree.questions {
            if t.value.questions.contains_key(&q.id) {
                map.insert(format!("question/{}", q.id), fingerprint(q));
            }
        }
        for a in &site.tree.answers {
            if t.value.answers.contains_key(&a.id) {
                map.insert(format!("answer/{}", a.id), fingerprint(a));
            }
        }
        let path = site_dir.join(&t.file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let new = set_tree_marks(&text, &map);
        if new == text {
            report.unchanged += 1;
        } else {
            std::fs::write(&path, new)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            report.changed.push(t.file.clone());
        }
    }
    Ok(report)
}

/// Sets a top-level `key: value` line in a YAML file or a markdown file's front matter,
/// replacing the line if there is one, else before `reviewed:`, else at the end. Comments
/// and the rest of the file stay as they are.
pub fn set_top_key(text: &str, key: &str, value: &str, markdown: bool) -> String {
    let line = format!("{key}: {value}");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let (start, end) = if markdown {
        let close = lines
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_end() == "---")
            .map_or(lines.len(), |(i, _)| i);
        (1, close)
    } else {
        let end = if lines.last() == Some(&"") {
            lines.len() - 1
        } else {
            lines.len()
        };
        (0, end)
    };
    let prefix = format!("{key}:");
    if let Some(i) = (start..end).find(|&i| lines[i].starts_with(&prefix)) {
        if lines[i] == line {
            return text.to_string();
        }
        lines[i] = &line;
        return lines.join("\n");
    }
    let at = (start..end)
        .find(|&i| lines[i].starts_with("reviewed:"))
        .map_or(end, |i| i + 1);
    lines.insert(at, &line);
    lines.join("\n")
}

/// Replaces the `translates:` block of a flow translation (top-level, at the end).
fn set_tree_marks(text: &str, map: &BTreeMap<String, String>) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut skipping = false;
    for l in text.lines() {
        if l.starts_with("translates:") {
            skipping = true;
            continue;
        }
        if skipping && (l.starts_with(' ') || l.trim().is_empty()) {
            continue;
        }
        if skipping && l.starts_with("# Written by `onderdak translations mark`") {
            continue;
        }
        skipping = false;
        kept.push(l);
    }
    while kept.last().is_some_and(|l| {
        l.trim().is_empty() || l.starts_with("# Written by `onderdak translations mark`")
    }) {
        kept.pop();
    }
    let mut out = kept.join("\n");
    out.push_str("\n\n# Written by `onderdak translations mark`: what each text was translated from.\ntranslates:\n");
    for (k, v) in map {
        out.push_str(&format!("  {k}: {}\n", quoted(v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_top_key_replaces_or_inserts_after_reviewed() {
        let md = "---\n# note\nname: \"X\"\nreviewed: false\n---\nBody\n";
        let once = set_top_key(md, "translates", "\"a:1\"", true);
        assert_eq!(
            once,
            "---\n# note\nname: \"X\"\nreviewed: false\ntranslates: \"a:1\"\n---\nBody\n"
        );
        let twice = set_top_key(&once, "translates", "\"a:2\"", true);
        assert_eq!(twice, once.replace("a:1", "a:2"));
        assert_eq!(set_top_key(&twice, "translates", "\"a:2\"", true), twice);
        let yaml = "summary: \"Y\"\n";
        assert_eq!(
            set_top_key(yaml, "translates", "\"s:1\"", false),
            "summary: \"Y\"\ntranslates: \"s:1\"\n"
        );
    }

    #[test]
    fn tree_marks_replace_the_old_block() {
        let mut m = BTreeMap::new();
        m.insert("question/start".to_string(), "question:1".to_string());
        let once = set_tree_marks("reviewed: false\nquestions: {}\n", &m);
        let twice = set_tree_marks(&once, &m);
        assert_eq!(once, twice);
        assert!(once.contains("translates:\n  question/start: \"question:1\"\n"));
    }
}
