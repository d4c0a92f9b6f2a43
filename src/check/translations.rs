//! Translations against their originals: what each one was made from (a fingerprint of the
//! original's texts, written by `onderdak translations mark`), whether the original has
//! changed since, and that a translation carries the same facts (numbers, phone numbers,
//! times, URLs, e-mail addresses) as the text it translates.
//!
//! A fingerprint keeps one short hash per text of the original (`name`, `summary`, each
//! paragraph of the body), so `check` can say *which* text changed, not only that one did.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{hint, label as lb, msg, Diagnostic, Diagnostics, Text};
use crate::load::Located;
use crate::model::Site;

use crate::load::Doc;
use crate::model::*;

/// The texts of an original that a translation translates, in file order: `(key, text)`.
/// The body counts paragraph by paragraph (blocks between blank lines), all under `body`.
pub trait Original {
    fn texts(&self) -> Vec<(&'static str, String)>;
}

fn push(out: &mut Vec<(&'static str, String)>, key: &'static str, text: Option<&String>) {
    if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
        out.push((key, t.clone()));
    }
}

/// Paragraphs of a markdown body: blocks separated by blank lines, trimmed.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("\n").trim().to_string());
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("\n").trim().to_string());
    }
    out
}

fn push_body(out: &mut Vec<(&'static str, String)>, body: &str) {
    out.extend(paragraphs(body).into_iter().map(|p| ("body", p)));
}

impl Original for Doc<ServiceFront> {
    fn texts(&self) -> Vec<(&'static str, String)> {
        let v = &self.front.value;
        let mut out = Vec::new();
        push(&mut out, "name", Some(&v.name));
        push(&mut out, "summary", v.summary.as_ref());
        push(&mut out, "capacity", v.capacity.as_ref());
        push(&mut out, "stay", v.stay.as_ref());
        push(&mut out, "cost", v.cost.as_ref());
        if !v.bring.is_empty() {
            out.push(("bring", v.bring.join("\n")));
        }
        push(
            &mut out,
            "audience_note",
            v.audience.as_ref().and_then(|a| a.note.as_ref()),
        );
        push(
            &mut out,
            "hours_note",
            v.hours.as_ref().and_then(|h| h.note.as_ref()),
        );
        let c = v.contact.as_ref();
        push(
            &mut out,
            "phone_note",
            c.and_then(|c| c.phone_note.as_ref()),
        );
        push(
            &mut out,
            "night_phone_note",
            c.and_then(|c| c.night_phone_note.as_ref()),
        );
        push_body(&mut out, &self.body);
        out
    }
}

impl Original for Doc<PageFront> {
    fn texts(&self) -> Vec<(&'static str, String)> {
        let v = &self.front.value;
        let mut out = Vec::new();
        push(&mut out, "title", Some(&v.title));
        push(&mut out, "summary", v.summary.as_ref());
        push_body(&mut out, &self.body);
        out
    }
}

impl Original for Question {
    fn texts(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        push(&mut out, "question", Some(&self.question));
        push(&mut out, "help", self.help.as_ref());
        out.extend(self.options.iter().map(|o| ("option", o.label.clone())));
        out
    }
}

impl Original for Answer {
    fn texts(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        push(&mut out, "title", Some(&self.title));
        push(&mut out, "advice", self.advice.as_ref());
        out
    }
}

/// A municipality's or region's summary, the one text of those files that is translated.
pub struct Summary<'a>(pub Option<&'a String>);

impl Original for Summary<'_> {
    fn texts(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        push(&mut out, "summary", self.0);
        out
    }
}

/// FNV-1a, 32 bits, of a text with its white space folded: a stable short hash that the
/// same text gives on every machine and in every version (no crate needed for 6 lines).
fn hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for b in folded.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The fingerprint of an original: `name:1a2b3c4d summary:… body:…,…`, keys in file order.
pub fn fingerprint(original: &dyn Original) -> String {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (key, text) in original.texts() {
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, hs)) => hs.push(hash(&text)),
            None => groups.push((key, vec![hash(&text)])),
        }
    }
    groups
        .iter()
        .map(|(k, hs)| format!("{k}:{}", hs.join(",")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What changed in the original since the fingerprint `marked` was taken, in words:
/// "summary changed: …", "body paragraph 3 is new: …". Empty when nothing did.
pub fn changes(original: &dyn Original, marked: &str) -> Vec<Text> {
    let old: Vec<(&str, Vec<&str>)> = marked
        .split_whitespace()
        .filter_map(|g| g.split_once(':'))
        .map(|(k, hs)| (k, hs.split(',').collect()))
        .collect();
    let mut now: Vec<(&'static str, Vec<String>)> = Vec::new();
    for (key, text) in original.texts() {
        match now.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ts)) => ts.push(text),
            None => now.push((key, vec![text])),
        }
    }
    let short = |t: &str| {
        let one = t.split_whitespace().collect::<Vec<_>>().join(" ");
        match one.char_indices().nth(80) {
            Some((i, _)) => format!("\"{}…\"", &one[..i]),
            None => format!("\"{one}\""),
        }
    };
    let mut out = Vec::new();
    for (key, texts) in &now {
        let before = old
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, h)| h.as_slice());
        let multi = texts.len() > 1 || before.is_some_and(|b| b.len() > 1);
        for (n, t) in texts.iter().enumerate() {
            let what = if multi || *key == "body" {
                lb::numbered(label(key), n + 1)
            } else {
                label(key)
            };
            match before.and_then(|b| b.get(n)) {
                Some(h) if *h == hash(t) => {}
                Some(_) => out.push(lb::changed_now(what, short(t))),
                None => out.push(lb::is_new(what, short(t))),
            }
        }
        if let Some(b) = before {
            if b.len() > texts.len() {
                out.push(lb::removed(lb::several(b.len() - texts.len(), label(key))));
            }
        }
    }
    for (key, _) in &old {
        if !now.iter().any(|(k, _)| k == key) {
            out.push(lb::removed(label(key)));
        }
    }
    out
}

/// What a text of an original is called in a message: a field's own name stays as it is.
fn label(key: &str) -> Text {
    match key {
        "body" => lb::paragraph(),
        "option" => lb::option(),
        k => lb::field(k),
    }
}

/// Whether a translation marked with `marked` no longer fits its original. A translation
/// that was never marked is not called outdated: nobody knows what it was made from.
pub fn outdated(original: &dyn Original, marked: &Option<String>) -> bool {
    marked
        .as_deref()
        .is_some_and(|m| !changes(original, m).is_empty())
}

/// Facts in a text that a translation must carry unchanged: URLs, e-mail addresses and
/// every run of digits (phone numbers, times, dates, ages, house numbers, postcodes).
pub fn fact_tokens(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = String::with_capacity(text.len());
    // URLs first: their digits belong to them.
    let mut s = text;
    let next_url = |s: &str| {
        [s.find("http://"), s.find("https://")]
            .into_iter()
            .flatten()
            .min()
    };
    while let Some(i) = next_url(s) {
        rest.push_str(&s[..i]);
        rest.push(' ');
        let tail = &s[i..];
        let end = tail
            .find(|c: char| c.is_whitespace() || "<>\"')]".contains(c))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        out.insert(format!("url {url}"));
        s = &tail[end..];
    }
    rest.push_str(s);
    // E-mail addresses: a word with an `@` between name and domain (most texts have none:
    // a nationwide check runs this on every service text in every language).
    let mut plain = String::with_capacity(rest.len());
    let words = if rest.contains('@') {
        rest.as_str()
    } else {
        ""
    };
    if words.is_empty() {
        plain.push_str(&rest);
    }
    for word in words.split_inclusive(|c: char| c.is_whitespace() || "<>()[]\"',;".contains(c)) {
        let w = word.trim_end_matches(|c: char| c.is_whitespace() || "<>()[]\"',;".contains(c));
        let w = w.trim_end_matches(['.', ':', '!', '?']);
        let is_email = w.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty()
                && b.contains('.')
                && !b.starts_with('.')
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
                && b.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        });
        if is_email {
            out.insert(format!("email {w}"));
            plain.push(' ');
        } else {
            plain.push_str(word);
        }
    }
    let mut digits = String::new();
    for c in plain.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() {
            out.insert(format!("number {digits}"));
            digits.clear();
        }
    }
    out
}

/// The facts that differ between an original text and its translation: (missing from the
/// translation, not in the original).
pub fn fact_difference(original: &str, translation: &str) -> (Vec<String>, Vec<String>) {
    let a = fact_tokens(original);
    let b = fact_tokens(translation);
    let strip = |t: &String| t.split_once(' ').map_or(t.clone(), |(_, v)| v.to_string());
    (
        a.difference(&b).map(strip).collect(),
        b.difference(&a).map(strip).collect(),
    )
}

/// The translated texts of a service translation, by the same keys as [`Original::texts`]
/// (the body whole: a translator may join or split paragraphs).
pub fn service_translation_texts(t: &Doc<ServiceTranslationFront>) -> Vec<(&'static str, String)> {
    let v = &t.front.value;
    let mut out = Vec::new();
    push(&mut out, "name", v.name.as_ref());
    push(&mut out, "summary", v.summary.as_ref());
    push(&mut out, "capacity", v.capacity.as_ref());
    push(&mut out, "stay", v.stay.as_ref());
    push(&mut out, "cost", v.cost.as_ref());
    if let Some(b) = &v.bring {
        out.push(("bring", b.join("\n")));
    }
    push(&mut out, "audience_note", v.audience_note.as_ref());
    push(&mut out, "hours_note", v.hours_note.as_ref());
    push(&mut out, "phone_note", v.phone_note.as_ref());
    push(&mut out, "night_phone_note", v.night_phone_note.as_ref());
    out.push(("body", t.body.clone()));
    out
}

/// The translated texts of an explainer page's translation.
pub fn page_translation_texts(t: &Doc<PageTranslationFront>) -> Vec<(&'static str, String)> {
    let v = &t.front.value;
    let mut out = Vec::new();
    push(&mut out, "title", v.title.as_ref());
    push(&mut out, "summary", v.summary.as_ref());
    out.push(("body", t.body.clone()));
    out
}

/// An original's texts by key with the body whole, to compare with a translation's.
pub fn whole(original: &dyn Original) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for (k, t) in original.texts() {
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some((_, acc)) => {
                acc.push_str("\n\n");
                acc.push_str(&t);
            }
            None => out.push((k, t)),
        }
    }
    out
}

/// Every translation against its original: the same facts (an error: a reader must not
/// get another phone number or time in another language), made from the current original
/// (a warning naming the texts that changed), and marked at all (one warning per language).
pub fn check_translations(site: &Site, d: &mut Diagnostics) {
    let mut unmarked: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let mut seen = |lang: &str, file: &Path, marked: bool| {
        if !marked {
            let e = unmarked
                .entry(lang.to_string())
                .or_insert((0, file.to_path_buf()));
            e.0 += 1;
        }
    };
    for s in &site.services {
        for (lang, t) in &s.translations {
            let mine = service_translation_texts(t);
            compare_facts(&whole(&s.doc), &mine, &t.front, t.body_line, d);
            note_missing_texts(&whole(&s.doc), &mine, &t.front.file, d);
            note_changes(
                &s.doc,
                t.front.value.translates.as_deref(),
                &t.front.file,
                d,
            );
            seen(lang, &t.front.file, t.front.value.translates.is_some());
        }
    }
    for p in &site.pages {
        for (lang, t) in &p.translations {
            let mine = page_translation_texts(t);
            compare_facts(&whole(&p.doc), &mine, &t.front, t.body_line, d);
            note_missing_texts(&whole(&p.doc), &mine, &t.front.file, d);
            note_changes(
                &p.doc,
                t.front.value.translates.as_deref(),
                &t.front.file,
                d,
            );
            seen(lang, &t.front.file, t.front.value.translates.is_some());
        }
    }
    for (_, summary, translations) in site.place_summaries() {
        for (lang, t) in translations {
            let orig = Summary(summary.as_ref());
            let mine: Vec<(&'static str, String)> = t
                .value
                .summary
                .iter()
                .map(|x| ("summary", x.clone()))
                .collect();
            compare_facts(&whole(&orig), &mine, t, 0, d);
            note_changes(&orig, t.value.translates.as_deref(), &t.file, d);
            seen(lang, &t.file, t.value.translates.is_some());
        }
    }
    for (lang, t) in &site.tree_translations {
        let tv = &t.value;
        let mut all_marked = true;
        for q in &site.tree.questions {
            let Some(qt) = tv.questions.get(&q.id) else {
                continue;
            };
            let mut mine = Vec::new();
            push(&mut mine, "question", qt.question.as_ref());
            push(&mut mine, "help", qt.help.as_ref());
            if !qt.options.is_empty() {
                mine.push((
                    "option",
                    qt.options
                        .values()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                ));
            }
            compare_facts(&whole(q), &mine, t, 0, d);
            let key = format!("question/{}", q.id);
            note_changes_in(
                q,
                tv.translates.get(&key).map(String::as_str),
                &t.file,
                &key,
                d,
            );
            all_marked &= tv.translates.contains_key(&key);
        }
        for a in &site.tree.answers {
            let Some(at) = tv.answers.get(&a.id) else {
                continue;
            };
            let mut mine = Vec::new();
            push(&mut mine, "title", at.title.as_ref());
            push(&mut mine, "advice", at.advice.as_ref());
            compare_facts(&whole(a), &mine, t, 0, d);
            let key = format!("answer/{}", a.id);
            note_changes_in(
                a,
                tv.translates.get(&key).map(String::as_str),
                &t.file,
                &key,
                d,
            );
            all_marked &= tv.translates.contains_key(&key);
        }
        seen(lang, &t.file, all_marked);
    }
    for (lang, (n, first)) in unmarked {
        d.push(
            Diagnostic::warning(&first, msg::translations_unmarked(n, &lang))
                .hint(hint::mark_translations(&lang)),
        );
    }
}

/// A warning when a translation leaves out a text its original has: that text is shown
/// in the original's language in the middle of a translated page.
fn note_missing_texts(
    original: &[(&'static str, String)],
    translation: &[(&'static str, String)],
    file: &Path,
    d: &mut Diagnostics,
) {
    let missing: Vec<&str> = original
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !translation.iter().any(|(t, _)| t == k))
        .collect();
    if !missing.is_empty() {
        d.push(
            Diagnostic::warning(
                file,
                msg::translation_lacks_texts(
                    missing
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            )
            .hint(hint::add_translated_text()),
        );
    }
}

/// An error per translated text whose facts differ from the original's.
fn compare_facts<T>(
    original: &[(&'static str, String)],
    translation: &[(&'static str, String)],
    at: &Located<T>,
    body_line: usize,
    d: &mut Diagnostics,
) {
    for (key, text) in translation {
        let orig = original
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, t)| t.as_str());
        let (missing, extra) = fact_difference(orig, text);
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut what = Vec::new();
        if !missing.is_empty() {
            what.push(lb::original_has(missing.join(", ")));
        }
        if !extra.is_empty() {
            what.push(lb::translation_has(extra.join(", ")));
        }
        let pos = if *key == "body" && body_line > 0 {
            Some((body_line, 1))
        } else {
            at.locate(&[key])
                .or_else(|| at.locate_value(text.lines().next().unwrap_or_default()))
        };
        d.push(
            Diagnostic::error(
                &at.file,
                msg::translation_facts_differ(Text::join(&what, "; ")),
            )
            .at_opt(pos)
            .field(*key)
            .hint(hint::same_facts()),
        );
    }
}

fn note_changes(original: &dyn Original, marked: Option<&str>, file: &Path, d: &mut Diagnostics) {
    note_changes_in(original, marked, file, "", d);
}

/// A warning when the original changed after the translation was marked, saying what.
fn note_changes_in(
    original: &dyn Original,
    marked: Option<&str>,
    file: &Path,
    item: &str,
    d: &mut Diagnostics,
) {
    let Some(m) = marked else { return };
    let changed = changes(original, m);
    if changed.is_empty() {
        return;
    }
    let of = if item.is_empty() {
        String::new()
    } else {
        format!(" ({item})")
    };
    d.push(
        Diagnostic::warning(file, msg::original_changed(of, Text::join(&changed, "; ")))
            .hint(hint::update_translation(file.display())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_urls_emails_and_digit_runs() {
        let t = fact_tokens(
            "Bel 0800-0113 of 050 587 58 85, 9.00-17.00 uur. Mail info@wij.nl of kijk op https://wij.nl/team-3.",
        );
        let want: BTreeSet<String> = [
            "number 0800",
            "number 0113",
            "number 050",
            "number 587",
            "number 58",
            "number 85",
            "number 9",
            "number 00",
            "number 17",
            "email info@wij.nl",
            "url https://wij.nl/team-3",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(t, want);
    }

    #[test]
    fn a_changed_time_is_a_difference_and_a_word_order_is_not() {
        let (missing, extra) =
            fact_difference("Open van 14.00 tot 17.00 uur", "Open from 2 to 5 pm");
        assert_eq!(missing, ["00", "14", "17"]);
        assert_eq!(extra, ["2", "5"]);
        assert_eq!(
            fact_difference("Bel 112 of 0800-2000", "Call 0800-2000 or 112"),
            (vec![], vec![])
        );
    }

    #[test]
    fn changes_name_the_text_that_changed() {
        let q = |label: &str| Question {
            id: "q".into(),
            question: "Waar slaap je?".into(),
            help: None,
            exit_button: false,
            needs_place: false,
            options: vec![QuestionOption {
                id: "a".into(),
                label: label.into(),
                next: None,
                answer: Some("x".into()),
                audience: None,
            }],
        };
        let marked = fingerprint(&q("Op straat"));
        assert!(changes(&q("Op straat"), &marked).is_empty());
        assert!(!outdated(&q("Op straat"), &Some(marked.clone())));
        let c = changes(&q("Buiten"), &marked);
        assert_eq!(c[0].en(), "option changed, now \"Buiten\"");
        assert_eq!(c[0].nl(), "keuze veranderd, nu \"Buiten\"");
        assert!(outdated(&q("Buiten"), &Some(marked)));
        assert!(!outdated(&q("Buiten"), &None));
    }
}
