//! The theme's templates: which ones a theme must have, loading them (a site's own
//! `templates/` overrides the theme's), and minifying their markup once at load time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Tera, Value};

use super::markdown;

use crate::diagnostics::{hint, msg, Diagnostic};

/// Template file names, one per page kind.
const TEMPLATES: [&str; 18] = [
    "topic.html",
    "topic_region.html",
    "flyer.html",
    "flyer_municipality.html",
    "changes.html",
    "search.html",
    "offline.html",
    "landing.html",
    "404.html",
    "home.html",
    "region.html",
    "municipality.html",
    "service.html",
    "explainers.html",
    "explainer.html",
    "flow_question.html",
    "flow_answer.html",
    "flow_place.html",
];

/// A theme read once: its templates as written (a site's own `templates/` overriding the
/// theme's file of the same name) and the interface texts they use. `check` gets the texts;
/// `build` and `serve` compile the templates, so no template is read twice.
pub struct Theme {
    pub name: String,
    /// Template name, file, text.
    sources: Vec<(String, PathBuf, String)>,
    /// The interface texts (`t.<key>` inside `{{ }}` or `{% %}`) the templates use, each
    /// with the first file and line that uses it.
    pub texts_used: BTreeMap<String, (PathBuf, usize)>,
}

impl Theme {
    /// Reads the theme's templates, then the site's overrides.
    pub fn read(site_dir: &Path, theme: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = site_dir.join("themes").join(theme).join("templates");
        if !theme_dir.is_dir() {
            return Err(vec![Diagnostic::error(
                crate::load::rel(site_dir, &theme_dir),
                msg::theme_without_templates(theme),
            )
            .hint(hint::set_theme())]);
        }
        let mut sources: Vec<(String, PathBuf, String)> = Vec::new();
        let mut errors = Vec::new();
        for dir in [theme_dir, site_dir.join("templates")] {
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        sources.retain(|(n, _, _)| n != &name);
                        sources.push((name, entry.path().to_path_buf(), text));
                    }
                    Err(e) => errors.push(Diagnostic::error(
                        crate::load::rel(site_dir, entry.path()),
                        msg::cannot_read_template(e),
                    )),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut texts_used = BTreeMap::new();
        for (_, file, text) in &sources {
            for (key, line) in text_keys(text) {
                texts_used
                    .entry(key)
                    .or_insert_with(|| (crate::load::rel(site_dir, file), line));
            }
        }
        Ok(Theme {
            name: theme.to_string(),
            sources,
            texts_used,
        })
    }

    /// Compiles the templates once, with their HTML minified (see [`preminify_template`])
    /// unless `preminify` is false: the pages they make need no minifying.
    pub fn compile(&self, site_dir: &Path, preminify: bool) -> Result<Tera, Vec<Diagnostic>> {
        let (theme, sources) = (&self.name, &self.sources);
        let mut errors = Vec::new();
        // Compiled as written first, so errors point at the lines the author wrote.
        let mut tera = new_tera();
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
        {
            let msg = e.to_string();
            let file = sources
                .iter()
                .find(|(n, _, _)| msg.contains(n.as_str()))
                .map(|(_, p, _)| crate::load::rel(site_dir, p))
                .unwrap_or_else(|| PathBuf::from("themes").join(theme).join("templates"));
            errors.push(
                Diagnostic::error(file, msg::template_error(error_chain(&e)))
                    .hint(hint::fix_template_syntax()),
            );
        }
        if errors.is_empty() && preminify {
            let mut small = new_tera();
            let minified: Vec<(&str, String)> = sources
                .iter()
                .map(|(n, _, t)| {
                    if n.ends_with(".html") {
                        (n.as_str(), preminify_template(t))
                    } else {
                        (n.as_str(), t.clone())
                    }
                })
                .collect();
            // Cannot fail where the originals compiled, unless minifying broke a template; then
            // the templates as written are used (pages a little larger, never wrong).
            if small
                .add_raw_templates(minified.iter().map(|(n, t)| (*n, t.as_str())))
                .is_ok()
            {
                tera = small;
            }
        }
        for t in TEMPLATES {
            if !tera.contains_template(t) {
                errors.push(
                    Diagnostic::error(
                        PathBuf::from("themes")
                            .join(theme)
                            .join("templates")
                            .join(t),
                        msg::template_missing(),
                    )
                    .hint(hint::every_page_kind_needs_template()),
                );
            }
        }
        if errors.is_empty() {
            Ok(tera)
        } else {
            Err(errors)
        }
    }
}

/// Loads the theme's templates, then the site's overrides, and compiles them once, with
/// their HTML minified (see [`preminify_template`]): the pages they make need no minifying.
pub fn load_templates(site_dir: &Path, theme: &str) -> Result<Tera, Vec<Diagnostic>> {
    load_templates_with(site_dir, theme, true)
}

/// As [`load_templates`]; `preminify: false` keeps the templates as written (for tests that
/// compare the two).
pub fn load_templates_with(
    site_dir: &Path,
    theme: &str,
    preminify: bool,
) -> Result<Tera, Vec<Diagnostic>> {
    Theme::read(site_dir, theme)?.compile(site_dir, preminify)
}

fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // `{{ text | bdi }}`: escaped text with number runs isolated for right-to-left pages.
    tera.register_filter(
        "bdi",
        |val: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State| {
            Value::safe_string(&markdown::isolate_numbers(&val))
        },
    );
    // `{{ text | tel }}`: as `bdi`, and phone numbers become `tel:` links (never use it
    // inside a link).
    tera.register_filter(
        "tel",
        |val: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State| {
            Value::safe_string(&markdown::call_links(&val))
        },
    );
    tera
}

/// Minifies a template's HTML with minify-html once, when templates load, instead of
/// minifying every page: what every page shares (head, header, footer, markup) is minified
/// once, and only the values filled in are left as they come.
///
/// Each tera tag is swapped for a placeholder while minify-html runs, then put back. The
/// placeholder fits where the tag stands: in text, as is; inside an attribute value, with a
/// `'` so the value keeps its double quotes (the value filled in may hold spaces, and tera's
/// fast escaping leaves `'` alone). minify-html sorts attributes, so tera tags between the
/// attributes of an element (`<p{% if x %} lang="…"{% endif %}>`) are kept together with
/// everything between them as one placeholder attribute. If any placeholder does not come
/// back exactly once, the template is used as written. A test checks that every page
/// equals, once minified, the same page minified whole.
pub fn preminify_template(src: &str) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let bytes = src.as_bytes();
    // A tera tag starting at `i`: its end (exclusive).
    let tera_end = |i: usize| -> Option<Option<usize>> {
        let close = match (bytes[i], bytes.get(i + 1)) {
            (b'{', Some(b'{')) => "}}",
            (b'{', Some(b'%')) => "%}",
            (b'{', Some(b'#')) => "#}",
            _ => return None,
        };
        Some(src[i + 2..].find(close).map(|e| i + 2 + e + 2))
    };
    let mut tags: Vec<(usize, usize)> = Vec::new();
    let mut masked = String::with_capacity(src.len());
    let mut push = |masked: &mut String, text: (usize, usize), before: &str, after: &str| {
        masked.push_str(before);
        masked.push(OPEN);
        masked.push_str(after);
        masked.push_str(&tags.len().to_string());
        masked.push(CLOSE);
        tags.push(text);
    };
    let mut i = 0;
    while i < bytes.len() {
        match tera_end(i) {
            Some(None) => return src.to_string(),
            Some(Some(end)) => {
                push(&mut masked, (i, end), "", "");
                i = end;
                continue;
            }
            None => {}
        }
        let starts_tag = bytes[i] == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/');
        if !starts_tag {
            let ch = src[i..].chars().next().unwrap_or(' ');
            masked.push(ch);
            i += ch.len_utf8();
            continue;
        }
        // An element's tag, up to its `>`: tera tags in values become value placeholders;
        // those between attributes, from the first to the last, one attribute placeholder.
        let mut j = i + 1;
        let mut quote: Option<u8> = None;
        let mut between: Option<(usize, usize)> = None;
        let mut in_values: Vec<(usize, usize)> = Vec::new();
        while j < bytes.len() {
            if let Some(end) = tera_end(j) {
                let Some(end) = end else {
                    return src.to_string();
                };
                if quote.is_some() {
                    in_values.push((j, end));
                } else {
                    between = Some((between.map_or(j, |b| b.0), end));
                }
                j = end;
                continue;
            }
            match (quote, bytes[j]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            j += 1;
        }
        let mut k = i;
        for (start, end) in &in_values {
            if between.is_some_and(|(b0, b1)| *start >= b0 && *end <= b1) {
                continue;
            }
            if let Some((b0, b1)) = between.filter(|(b0, _)| *b0 >= k && *b0 < *start) {
                masked.push_str(&src[k..b0]);
                push(&mut masked, (b0, b1), " ", "");
                k = b1;
            }
            masked.push_str(&src[k..*start]);
            push(&mut masked, (*start, *end), "", "'");
            k = *end;
        }
        if let Some((b0, b1)) = between.filter(|(b0, _)| *b0 >= k) {
            masked.push_str(&src[k..b0]);
            push(&mut masked, (b0, b1), " ", "");
            k = b1;
        }
        masked.push_str(&src[k..j.min(bytes.len())]);
        i = j;
    }
    let Ok(minified) = String::from_utf8(crate::write::minify(&masked)) else {
        return src.to_string();
    };
    let mut out = String::with_capacity(src.len());
    let mut rest = minified.as_str();
    let mut seen = vec![false; tags.len()];
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            return src.to_string();
        };
        let Some(n) = after[..end]
            .trim_start_matches('\'')
            .parse::<usize>()
            .ok()
            .filter(|&n| n < tags.len() && !seen[n])
        else {
            return src.to_string();
        };
        seen[n] = true;
        out.push_str(&src[tags[n].0..tags[n].1]);
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    // Every placeholder exactly once, or the template as written.
    if seen.iter().all(|s| *s) {
        out
    } else {
        src.to_string()
    }
}

/// An error and its causes on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// `t.<key>` references inside template tags, with their line numbers.
fn text_keys(template: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                offset += open + 1;
                rest = after;
                continue;
            }
        };
        let Some(end) = after.find(close) else { break };
        let tag = &after[1..end];
        let tag_start = offset + open + 2;
        let bytes = tag.as_bytes();
        for (i, _) in tag.match_indices("t.") {
            let starts_word = i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b'.');
            let key: String = tag[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if starts_word && !key.is_empty() {
                let line = template[..tag_start + i].matches('\n').count() + 1;
                out.push((key, line));
            }
        }
        offset += open + 1 + end + close.len();
        rest = &after[end + close.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_keys_are_found_inside_tags_only() {
        let tpl = "<p>t.outside</p>\n{{ t.one }} {% if t.two and it.t %}\n{{ x.t.three }}{{ at.four }}{{t.five|upper}}";
        let keys: Vec<(String, usize)> = text_keys(tpl);
        assert_eq!(
            keys,
            vec![
                ("one".to_string(), 2),
                ("two".to_string(), 2),
                ("five".to_string(), 3)
            ]
        );
    }

    use super::*;

    /// Every template of the default theme is minified once at load; none silently falls
    /// back to the text as written.
    #[test]
    fn every_theme_template_minifies() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            let p = entry.path();
            if p.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let src = std::fs::read_to_string(p).unwrap();
            let small = preminify_template(&src);
            assert!(
                small.len() < src.len(),
                "{} did not get smaller:\n{small}",
                p.display()
            );
            // Every tera tag survives, unchanged and in order.
            let tags = |s: &str| {
                s.match_indices(['{'])
                    .filter(|(i, _)| matches!(s.as_bytes().get(i + 1), Some(b'{' | b'%' | b'#')))
                    .count()
            };
            assert_eq!(tags(&small), tags(&src), "{}", p.display());
        }
    }
}
