//! Stage 4, **render**: planned pages to HTML with tera templates from the theme (a site
//! overrides any template by putting one with the same name in its own `templates/`).
//! Templates are compiled once; each markdown body is rendered once per language; pages
//! are pure functions of (site, plan entry) and are rendered in parallel by the caller.

pub mod markdown;
mod search;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::load::Scope;
use crate::model::Site;
use crate::model::{Group, Kind, Need};
use crate::plan::{FlowNode, FlowStep, PageKind, PlannedPage};
use crate::url::{self, flow_url};
use views::{explainer_view, kind_label, service_card, service_view, shown_in, tr, Link, ShownIn};

/// Template file names, one per page kind.
const TEMPLATES: [&str; 16] = [
    "topic.html",
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
];

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
    let theme_dir = site_dir.join("themes").join(theme).join("templates");
    if !theme_dir.is_dir() {
        return Err(vec![Diagnostic::error(
            crate::load::rel(site_dir, &theme_dir),
            format!("the theme `{theme}` has no templates folder"),
        )
        .hint(
            "set `theme:` in content/site.yaml to a folder under themes/, e.g. `default`",
        )]);
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
                    format!("cannot read template: {e}"),
                )),
            }
        }
    }
    // Compiled as written first, so errors point at the lines the author wrote.
    let mut tera = new_tera();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
    {
        let msg = e.to_string();
        let file = sources
            .iter()
            .find(|(n, _, _)| msg.contains(n.as_str()))
            .map(|(_, p, _)| crate::load::rel(site_dir, p))
            .unwrap_or_else(|| PathBuf::from("themes").join(theme).join("templates"));
        errors.push(
            Diagnostic::error(file, format!("template error: {}", error_chain(&e)))
                .hint("fix the template syntax (tera 2)"),
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
                    "this template is missing",
                )
                .hint("every page kind needs its template"),
            );
        }
    }
    if errors.is_empty() {
        Ok(tera)
    } else {
        Err(errors)
    }
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

/// Values shared by many pages in one language. Views are built on first use and then
/// shared, so each markdown body is rendered once per language, and an incremental rebuild
/// only renders what the pages it touches show.
pub(crate) struct LangCache {
    code: String,
    common: Vec<(&'static str, Value)>,
    services: Vec<OnceLock<Value>>,
    explainers: Vec<OnceLock<Value>>,
}

pub struct Renderer<'a> {
    pub(crate) site: &'a Site,
    tera: Tera,
    pub(crate) langs: HashMap<String, LangCache>,
    /// The region of each service (`None` for national ones), for its page's search link.
    pub(crate) service_regions: Vec<Option<usize>>,
    /// Extra markup for every page (the live-reload script in `serve`; empty in `build`).
    pub inject: String,
}

#[derive(Serialize)]
struct LangInfo<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    name: String,
    dir: String,
    url: String,
    current: bool,
}

/// A titled list of service views. Turned into a template value by hand (see
/// [`sections`]): serialising it would deep-copy every view it holds on every page.
struct Section {
    title: String,
    id: String,
    services: Vec<Value>,
}

/// The region of each service: its own for a regional one, its municipality's for a local
/// one, `None` for a national one.
fn service_regions(site: &Site) -> Vec<Option<usize>> {
    let region_of: HashMap<&str, usize> = site
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.as_str(), i))
        .collect();
    let municipality_region: HashMap<&str, usize> = site
        .municipalities
        .iter()
        .map(|m| (m.slug.as_str(), m.region))
        .collect();
    site.services
        .iter()
        .map(|s| match &s.scope {
            Scope::National => None,
            Scope::Region(r) => region_of.get(r.as_str()).copied(),
            Scope::Municipality(m) => municipality_region.get(m.as_str()).copied(),
        })
        .collect()
}

/// The page's `<meta name="description">`: its summary, or what it says first, on one line.
fn describe(ctx: &mut Context, text: &str) {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    ctx.insert("description", &one_line);
}

/// "Help in Assen. Have you lost your home, …?": a place's page in the page's language.
fn help_in(strings: &std::collections::BTreeMap<String, String>, name: &str) -> String {
    format!(
        "{} {name}. {}",
        tr(strings, "help_in"),
        tr(strings, "home_intro")
    )
}

/// A service's summary as its page shows it, else its name, kind and place.
fn service_description(view: &Value) -> String {
    match view.get_from_path("summary").and_then(|v| v.as_str()) {
        Some(summary) => summary.to_string(),
        None => format!(
            "{} · {} · {}",
            text_at(view, "name"),
            text_at(view, "kind_label"),
            text_at(view, "scope_label")
        ),
    }
}

/// The text at `path` in a view, or "" if there is none.
pub(crate) fn text_at(v: &Value, path: &str) -> String {
    v.get_from_path(path)
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A map value from its fields, sharing the values it is given (no copies).
fn map(fields: Vec<(&str, Value)>) -> Value {
    Value::from(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<std::collections::BTreeMap<String, Value>>(),
    )
}

/// Sections as one template value.
fn sections(list: Vec<Section>) -> Value {
    Value::from(
        list.into_iter()
            .map(|s| {
                map(vec![
                    ("title", Value::from(s.title)),
                    ("id", Value::from(s.id)),
                    ("services", Value::from(s.services)),
                ])
            })
            .collect::<Vec<Value>>(),
    )
}

#[derive(Serialize)]
struct RegionGroup {
    name: String,
    url: String,
    municipalities: Vec<Link>,
}

#[derive(Serialize)]
struct SummaryRow {
    question: String,
    answer: String,
    change_url: String,
    fallback: Option<ShownIn>,
}

/// The views of services and explainers per language, built on first use. `serve` keeps
/// them between rebuilds and forgets only those of the files that changed, so a page that
/// lists hundreds of services does not render their markdown again after each edit.
#[derive(Default)]
pub struct Views {
    langs: HashMap<String, LangViews>,
}

/// One language's views: of each service, of each explainer.
type LangViews = (Vec<OnceLock<Value>>, Vec<OnceLock<Value>>);

impl Views {
    /// Forgets the views of service `i` in every language.
    pub fn forget_service(&mut self, i: usize) {
        for (services, _) in self.langs.values_mut() {
            if let Some(v) = services.get_mut(i) {
                v.take();
            }
        }
    }
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, tera: Tera) -> Self {
        Self::with_views(site, tera, Views::default())
    }

    /// As [`Renderer::new`], starting from the views of an earlier renderer of the same
    /// site (see [`Views`]); views that do not fit the site's shape are dropped.
    pub fn with_views(site: &'a Site, tera: Tera, mut views: Views) -> Self {
        let kept: Vec<LangViews> = site
            .languages
            .iter()
            .map(|l| {
                views
                    .langs
                    .remove(&l.code)
                    .filter(|(s, e)| s.len() == site.services.len() && e.len() == site.pages.len())
                    .unwrap_or_else(|| {
                        (
                            (0..site.services.len()).map(|_| OnceLock::new()).collect(),
                            (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
                        )
                    })
            })
            .collect();
        let langs: HashMap<String, LangCache> = site
            .languages
            .par_iter()
            .zip(kept)
            .map(|(l, (services, explainers))| {
                // Shown on every page: the national lines and the list of explainers.
                let mut national: Vec<usize> = site.scoped(&Scope::National).to_vec();
                national.sort_by_key(|&i| {
                    (
                        site.services[i].doc.front.value.needs.iter().min().copied(),
                        site.services[i].id.clone(),
                    )
                });
                let emergency: Vec<Value> = national
                    .iter()
                    .map(|&i| {
                        services[i]
                            .get_or_init(|| {
                                Value::from_serializable(&service_card(site, &l.code, i))
                            })
                            .clone()
                    })
                    .collect();
                let explainer_list: Vec<Value> = (0..site.pages.len())
                    .map(|i| {
                        explainers[i]
                            .get_or_init(|| {
                                Value::from_serializable(&explainer_view(site, &l.code, i))
                            })
                            .clone()
                    })
                    .collect();
                let title = site
                    .config
                    .title
                    .get(&l.code)
                    .or_else(|| site.config.title.get(site.default_language()))
                    .cloned()
                    .unwrap_or_default();
                let common = vec![
                    (
                        "lang",
                        Value::from_serializable(&LangInfo {
                            code: &l.code,
                            name: &l.name,
                            dir: &l.dir,
                        }),
                    ),
                    ("t", Value::from_serializable(&l.strings)),
                    ("site_title", Value::from(title)),
                    ("base_url", Value::from(site.config.base_url.0.clone())),
                    (
                        "default_lang",
                        Value::from(site.default_language().to_string()),
                    ),
                    (
                        "default_dir",
                        Value::from(
                            site.language(site.default_language())
                                .map_or("ltr".to_string(), |d| d.dir.clone()),
                        ),
                    ),
                    ("emergency", Value::from(emergency)),
                    ("explainer_list", Value::from(explainer_list)),
                    ("home_url", Value::from(url::home_url(&l.code))),
                    ("flow_url", Value::from(flow_url(site, &l.code, None, &[]))),
                    ("explainers_url", Value::from(url::explainers_url(&l.code))),
                    ("search_url", Value::from(url::search_url(&l.code))),
                    (
                        "hide_visit_url",
                        site.pages
                            .iter()
                            .find(|p| p.slug == url::HIDE_VISIT_SLUG)
                            .map_or(Value::none(), |p| {
                                Value::from(url::explainer_url(&l.code, &p.slug))
                            }),
                    ),
                ];
                (
                    l.code.clone(),
                    LangCache {
                        code: l.code.clone(),
                        common,
                        services,
                        explainers,
                    },
                )
            })
            .collect();
        Renderer {
            site,
            tera,
            langs,
            service_regions: service_regions(site),
            inject: String::new(),
        }
    }

    /// The region a page is about, if any. Its search link carries that region (`?r=`),
    /// so the search also looks through that region's services.
    fn page_region(&self, kind: &PageKind) -> Option<usize> {
        let site = self.site;
        match kind {
            PageKind::Region(r) | PageKind::Changes(r) => Some(*r),
            PageKind::Municipality(m) | PageKind::MunicipalityFlyer(m) => {
                Some(site.municipalities[*m].region)
            }
            PageKind::Service(i) | PageKind::ServiceFlyer(i) => self.service_regions[*i],
            PageKind::Flow(step) => step.municipality.map(|m| site.municipalities[m].region),
            _ => None,
        }
    }

    /// Drops the service and explainer views of `lang`: a build renders one language after
    /// another and needs them no longer. Made again if asked for.
    pub fn forget_views(&mut self, lang: &str) {
        if let Some(c) = self.langs.get_mut(lang) {
            c.services.iter_mut().for_each(|v| drop(v.take()));
            c.explainers.iter_mut().for_each(|v| drop(v.take()));
        }
    }

    /// The views built so far, for the next renderer of the same site.
    pub fn into_views(self) -> Views {
        Views {
            langs: self
                .langs
                .into_iter()
                .map(|(k, c)| (k, (c.services, c.explainers)))
                .collect(),
        }
    }

    /// Renders one page to HTML, as text.
    pub fn render(&self, page: &PlannedPage) -> Result<String, Diagnostic> {
        // Templates, content and strings are all UTF-8, so this never fails in practice.
        String::from_utf8(self.render_bytes(page)?).map_err(|e| {
            Diagnostic::error(
                PathBuf::from(&page.url),
                format!("rendered page is not UTF-8: {e}"),
            )
        })
    }

    /// Renders one page to HTML bytes, ready to write: no copy into a `String` and no UTF-8
    /// check of every page's output.
    pub fn render_bytes(&self, page: &PlannedPage) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let lang = &page.lang;
        let cache = &self.langs[lang];
        let strings = &site
            .language(lang)
            .expect("planned languages exist")
            .strings;
        let mut ctx = Context::new();
        for (k, v) in &cache.common {
            ctx.insert_value(*k, v.clone());
        }
        ctx.insert("page_url", &page.url);
        ctx.insert(
            "canonical",
            &format!("{}{}", site.config.base_url.0, page.url),
        );
        ctx.insert("alternates", &self.alternates(page));
        ctx.insert("inject", &self.inject);
        // A page about danger or violence: the browser's history and tabs show only the
        // site's name, not "Bel Veilig Thuis" (the page's own heading stays).
        let mut sensitive = false;
        let template = match &page.kind {
            PageKind::Landing => {
                let choices: Vec<_> = site
                    .languages
                    .iter()
                    .map(|l| {
                        serde_json::json!({
                            "code": l.code, "name": l.name, "dir": l.dir, "url": url::home_url(&l.code),
                            "prompt": tr(&l.strings, "choose_language_prompt"),
                        })
                    })
                    .collect();
                ctx.insert("choices", &choices);
                ctx.insert("title", &tr(strings, "landing_title"));
                describe(&mut ctx, tr(strings, "home_intro"));
                "landing.html"
            }
            PageKind::NotFound => {
                ctx.insert("title", &tr(strings, "not_found_title"));
                describe(&mut ctx, tr(strings, "not_found_text"));
                // Served in place of a missing page, never at a URL of its own: not in the
                // sitemap, and search engines are told so.
                ctx.insert("noindex", &true);
                "404.html"
            }
            PageKind::Home => {
                ctx.insert(
                    "title",
                    &cache
                        .common
                        .iter()
                        .find(|(k, _)| *k == "site_title")
                        .map(|(_, v)| v.clone()),
                );
                ctx.insert("regions", &self.region_groups(lang, None));
                describe(&mut ctx, tr(strings, "home_intro"));
                "home.html"
            }
            PageKind::Region(r) => {
                let region = &site.regions[*r];
                ctx.insert("title", &region.name);
                // The summary the page shows, in the language it is written in.
                let summary =
                    views::place_summary(site, lang, &region.summary, &region.translations);
                match summary
                    .summary
                    .as_deref()
                    .filter(|_| summary.fallback.is_none())
                {
                    Some(text) => describe(&mut ctx, text),
                    None => describe(&mut ctx, &help_in(strings, &region.name)),
                }
                ctx.insert(
                    "region",
                    &serde_json::json!({
                        "name": region.name, "summary": summary.summary,
                        "fallback": summary.fallback, "unreviewed": summary.unreviewed,
                        "sources": views::source_views(site, strings, &region.sources),
                        "last_checked": region.last_checked.to_string(),
                        "centrum": site.municipalities.get(region.centrum).map(|m| m.name.clone()),
                    }),
                );
                ctx.insert(
                    "municipalities",
                    &self
                        .region_groups(lang, Some(*r))
                        .pop()
                        .map(|g| g.municipalities)
                        .unwrap_or_default(),
                );
                let services: Vec<usize> =
                    site.scoped(&Scope::Region(region.slug.clone())).to_vec();
                ctx.insert_value("sections", sections(self.by_kind(lang, &services)));
                ctx.insert("changes_url", &url::changes_url(site, lang, *r));
                ctx.insert("feed_url", &url::feed_url(site, lang, *r));
                "region.html"
            }
            PageKind::Municipality(m) => {
                let muni = &site.municipalities[*m];
                let region = &site.regions[muni.region];
                ctx.insert("title", &muni.name);
                describe(&mut ctx, &help_in(strings, &muni.name));
                let summary = views::place_summary(site, lang, &muni.summary, &muni.translations);
                ctx.insert(
                    "municipality",
                    &serde_json::json!({
                        "name": muni.name, "slug": muni.slug, "summary": summary.summary,
                        "fallback": summary.fallback, "unreviewed": summary.unreviewed,
                        "region": region.name, "region_url": url::region_url(site, lang, muni.region),
                        "centrum": site.municipalities.get(region.centrum).map(|c| c.name.clone()),
                        "is_centrum": region.centrum == *m,
                    }),
                );
                self.front_and_tonight(&mut ctx, cache, *m);
                ctx.insert("muni_contact", &views::municipality_contact(site, lang, *m));
                let mut all: Vec<usize> = site
                    .scoped(&Scope::Municipality(muni.slug.clone()))
                    .to_vec();
                all.extend(site.scoped(&Scope::Region(region.slug.clone())));
                ctx.insert_value("sections", sections(self.by_kind(lang, &all)));
                ctx.insert("flow_start", &flow_url(site, lang, Some(*m), &[]));
                ctx.insert("offline_manifest", &url::offline_list_url(site, lang, *m));
                ctx.insert(
                    "flyer_link",
                    &url::flyer_url(&url::municipality_url(site, lang, *m)),
                );
                "municipality.html"
            }
            PageKind::Service(i) => {
                let s = &site.services[*i];
                sensitive = s.doc.front.value.needs.iter().any(|n| {
                    matches!(
                        n,
                        Need::DomesticViolence | Need::Emergency | Need::SuicidePrevention
                    )
                });
                // The whole view, made for this page only: lists keep just the card.
                let view = Value::from_serializable(&service_view(site, lang, *i));
                ctx.insert("title", &view.get_from_path("name").cloned());
                describe(&mut ctx, &service_description(&view));
                ctx.insert_value("service", view);
                let front_url = match &s.scope {
                    Scope::Municipality(m) => Some(url::place_url(lang, m)),
                    Scope::Region(r) => Some(url::place_url(lang, r)),
                    Scope::National => None,
                };
                ctx.insert("ask_url", &front_url);
                ctx.insert(
                    "flyer_link",
                    &url::flyer_url(&url::service_url(site, lang, *i)),
                );
                "service.html"
            }
            PageKind::Explainers => {
                ctx.insert("title", &tr(strings, "explainers_title"));
                let titles: Vec<String> = (0..site.pages.len())
                    .map(|i| {
                        text_at(
                            cache.explainers[i].get_or_init(|| {
                                Value::from_serializable(&explainer_view(site, lang, i))
                            }),
                            "title",
                        )
                    })
                    .collect();
                describe(&mut ctx, &titles.join(" · "));
                "explainers.html"
            }
            PageKind::Offline => {
                ctx.insert("title", &tr(strings, "offline_title"));
                describe(&mut ctx, tr(strings, "offline_text"));
                // The service worker's stand-in for a page that was not saved: no content of
                // its own, so not in the sitemap, and search engines are told so.
                ctx.insert("noindex", &true);
                "offline.html"
            }
            PageKind::ServiceFlyer(i) => {
                let view = self.service(cache, *i);
                let url = format!(
                    "{}{}",
                    site.config.base_url.0,
                    url::service_url(site, lang, *i)
                );
                ctx.insert("title", &view.get_from_path("name").cloned());
                describe(&mut ctx, &service_description(&view));
                ctx.insert_value("service", view);
                ctx.insert("qr", &views::qr_svg(&url, &format!("QR: {url}")));
                ctx.insert("flyer_url", &url);
                "flyer.html"
            }
            PageKind::MunicipalityFlyer(m) => {
                let muni = &site.municipalities[*m];
                let url = format!("{}/{lang}/{}/", site.config.base_url.0, muni.slug);
                ctx.insert(
                    "title",
                    &format!("{} {}", tr(strings, "help_in"), muni.name),
                );
                describe(&mut ctx, &help_in(strings, &muni.name));
                self.front_and_tonight(&mut ctx, cache, *m);
                ctx.insert("muni_contact", &views::municipality_contact(site, lang, *m));
                ctx.insert("qr", &views::qr_svg(&url, &format!("QR: {url}")));
                ctx.insert("flyer_url", &url);
                "flyer_municipality.html"
            }
            PageKind::Changes(r) => {
                let region = &site.regions[*r];
                ctx.insert(
                    "title",
                    &tr(strings, "changes_title").replace("{name}", &region.name),
                );
                ctx.insert("region", &serde_json::json!({"name": region.name, "url": url::region_url(site, lang, *r)}));
                describe(&mut ctx, tr(strings, "changes_intro"));
                ctx.insert("feed_url", &url::feed_url(site, lang, *r));
                // Grouped by the date each service was last checked, newest first.
                let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
                for i in crate::plan::region_services(site, *r) {
                    let date = site.services[i].doc.front.value.last_checked.to_string();
                    let v = self.service(cache, i);
                    match groups.last_mut() {
                        Some((d, list)) if *d == date => list.push(v),
                        _ => groups.push((date, vec![v])),
                    }
                }
                let groups: Vec<Value> = groups
                    .into_iter()
                    .map(|(date, services)| {
                        let mut m = std::collections::BTreeMap::new();
                        m.insert("date".to_string(), Value::from(date));
                        m.insert("services".to_string(), Value::from(services));
                        Value::from(m)
                    })
                    .collect();
                ctx.insert_value("groups", Value::from(groups));
                "changes.html"
            }
            PageKind::Search => {
                // Without a script: regions with their municipalities A–Z and their own
                // services, then the national lines. A municipality's own services are on
                // its page; listing every service here would make a nationwide site's
                // search page megabytes large.
                ctx.insert("title", &tr(strings, "search"));
                describe(&mut ctx, tr(strings, "search_label"));
                let groups: Vec<Value> = self
                    .region_groups(lang, None)
                    .into_iter()
                    .zip(&site.regions)
                    .map(|(g, r)| {
                        let mut ids = site.scoped(&Scope::Region(r.slug.clone())).to_vec();
                        ids.sort_by_key(|&i| site.services[i].doc.front.value.name.to_lowercase());
                        map(vec![
                            ("name", Value::from(g.name)),
                            ("url", Value::from(g.url)),
                            (
                                "municipalities",
                                Value::from_serializable(&g.municipalities),
                            ),
                            ("services", Value::from(self.pick(cache, &ids))),
                        ])
                    })
                    .collect();
                ctx.insert_value("regions", Value::from(groups));
                let mut national = site.scoped(&Scope::National).to_vec();
                national.sort_by_key(|&i| site.services[i].doc.front.value.name.to_lowercase());
                ctx.insert_value("national", Value::from(self.pick(cache, &national)));
                ctx.insert("index_url", &url::search_index_url(lang));
                ctx.insert("shard_url", &url::search_shard_url(lang, "{region}"));
                ctx.insert_value("topics", self.topic_links(lang));
                ctx.insert("topic_index_url", &url::topic_index_url(lang));
                "search.html"
            }
            PageKind::Topic(t) => self.topic_page(&mut ctx, lang, *t),
            PageKind::Explainer(i) => {
                sensitive = site.pages[*i].doc.front.value.violence;
                let view = cache.explainers[*i]
                    .get_or_init(|| Value::from_serializable(&explainer_view(site, lang, *i)))
                    .clone();
                ctx.insert("title", &view.get_from_path("title").cloned());
                match view.get_from_path("summary").and_then(|v| v.as_str()) {
                    Some(summary) => describe(&mut ctx, summary),
                    None => describe(&mut ctx, &text_at(&view, "title")),
                }
                ctx.insert_value("explainer", view);
                "explainer.html"
            }
            PageKind::Flow(step) => {
                sensitive = match &step.node {
                    FlowNode::Question(q) => site.question(q).is_some_and(|q| q.exit_button),
                    FlowNode::Answer(a) => site.answer(a).is_some_and(|a| a.exit_button),
                };
                self.flow_context(&mut ctx, lang, step)?
            }
        };
        ctx.insert("sensitive", &sensitive);
        if sensitive {
            let site_title = cache.common.iter().find(|(k, _)| *k == "site_title");
            if let Some((_, t)) = site_title {
                ctx.insert_value("title", t.clone());
            }
        }
        if *lang != site.default_language() {
            ctx.insert("notes", &page_notes(site, strings, &ctx));
        }
        if let Some(r) = self.page_region(&page.kind) {
            ctx.insert(
                "search_url",
                &format!("{}?r={}", url::search_url(lang), site.regions[r].slug),
            );
        }
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, &ctx, &mut out)
            .map(|()| out)
            .map_err(|e| {
                Diagnostic::error(
                    PathBuf::from("themes")
                        .join(&site.config.theme)
                        .join("templates")
                        .join(template),
                    format!("rendering {} failed: {}", page.url, error_chain(&e)),
                )
                .hint("fix the template, or the site's override in templates/")
            })
    }

    /// The theme's service worker (`sw.js`), if it has one, versioned with the build.
    pub fn service_worker(&self, version: &str) -> Result<Option<String>, Diagnostic> {
        if !self.tera.contains_template("sw.js") {
            return Ok(None);
        }
        let site = self.site;
        let notes: std::collections::BTreeMap<&str, &str> = site
            .languages
            .iter()
            .map(|l| (l.code.as_str(), tr(&l.strings, "saved_on")))
            .collect();
        let offline: std::collections::BTreeMap<&str, String> = site
            .languages
            .iter()
            .map(|l| (l.code.as_str(), url::offline_url(&l.code)))
            .collect();
        let mut ctx = Context::new();
        ctx.insert("version", version);
        ctx.insert("notes", &serde_json::to_string(&notes).unwrap_or_default());
        ctx.insert(
            "offline_pages",
            &serde_json::to_string(&offline).unwrap_or_default(),
        );
        ctx.insert("default_lang", site.default_language());
        self.tera.render("sw.js", &ctx).map(Some).map_err(|e| {
            Diagnostic::error(
                PathBuf::from("themes")
                    .join(&site.config.theme)
                    .join("templates/sw.js"),
                format!("rendering sw.js failed: {}", error_chain(&e)),
            )
        })
    }

    /// "Go here first" (the municipality's own front door, else the region's) and
    /// "no place tonight" (local and regional shelters), for the page and its flyer.
    fn front_and_tonight(&self, ctx: &mut Context, cache: &LangCache, m: usize) {
        let front = self.site.matching(Some(m), &[Need::FrontDoor]);
        let front_ids = if front.local.is_empty() {
            &front.regional
        } else {
            &front.local
        };
        ctx.insert_value("front_doors", Value::from(self.pick(cache, front_ids)));
        let tonight = self.site.matching(Some(m), &[Need::SleepTonight]);
        let tonight_ids: Vec<usize> = tonight
            .local
            .iter()
            .chain(&tonight.regional)
            .copied()
            .collect();
        ctx.insert_value("tonight", Value::from(self.pick(cache, &tonight_ids)));
    }

    fn pick(&self, cache: &LangCache, ids: &[usize]) -> Vec<Value> {
        ids.iter().map(|&i| self.service(cache, i)).collect()
    }

    pub(crate) fn service(&self, cache: &LangCache, i: usize) -> Value {
        cache.services[i]
            .get_or_init(|| Value::from_serializable(&service_card(self.site, &cache.code, i)))
            .clone()
    }

    /// Services grouped by kind, in the order people need them.
    fn by_kind(&self, lang: &str, ids: &[usize]) -> Vec<Section> {
        let cache = &self.langs[lang];
        let strings = &self.site.language(lang).expect("language").strings;
        Kind::ALL
            .iter()
            .filter_map(|k| {
                let mut in_kind: Vec<usize> = ids
                    .iter()
                    .copied()
                    .filter(|&i| self.site.services[i].doc.front.value.kind == *k)
                    .collect();
                in_kind.sort_by_key(|&i| self.site.services[i].doc.front.value.name.to_lowercase());
                (!in_kind.is_empty()).then(|| Section {
                    title: kind_label(strings, *k),
                    id: k.as_str().to_string(),
                    services: self.pick(cache, &in_kind),
                })
            })
            .collect()
    }

    /// Municipalities A–Z grouped by region; `only` limits to one region.
    fn region_groups(&self, lang: &str, only: Option<usize>) -> Vec<RegionGroup> {
        self.region_links(lang, only, |m| url::municipality_url(self.site, lang, m))
    }

    fn region_links(
        &self,
        lang: &str,
        only: Option<usize>,
        url: impl Fn(usize) -> String,
    ) -> Vec<RegionGroup> {
        self.site
            .regions
            .iter()
            .enumerate()
            .filter(|(i, _)| only.is_none_or(|o| o == *i))
            .map(|(_, r)| {
                let mut members = r.members.clone();
                members.sort_by_key(|&m| self.site.municipalities[m].name.to_lowercase());
                RegionGroup {
                    name: r.name.clone(),
                    url: url::place_url(lang, &r.slug),
                    municipalities: members
                        .into_iter()
                        .map(|m| Link {
                            url: url(m),
                            label: self.site.municipalities[m].name.clone(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The same page in every language, for the language menu and hreflang.
    fn alternates(&self, page: &PlannedPage) -> Vec<Alternate> {
        self.site
            .languages
            .iter()
            .map(|l| {
                let url = match page.kind {
                    PageKind::Landing | PageKind::NotFound => url::home_url(&l.code),
                    _ => url::in_language(&page.url, &l.code),
                };
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    dir: l.dir.clone(),
                    url,
                    current: l.code == page.lang
                        && !matches!(page.kind, PageKind::Landing | PageKind::NotFound),
                }
            })
            .collect()
    }

    fn flow_context(
        &self,
        ctx: &mut Context,
        lang: &str,
        step: &FlowStep,
    ) -> Result<&'static str, Diagnostic> {
        let site = self.site;
        let strings = &site.language(lang).expect("language").strings;
        let texts = FlowTexts { site, lang };
        ctx.insert("flow_unreviewed", &texts.unreviewed());
        let m = step.municipality;
        ctx.insert(
            "municipality",
            &m.map(|m| {
                serde_json::json!({"name": site.municipalities[m].name, "url": url::municipality_url(site, lang, m)})
            }),
        );
        // The answers given so far, each with a link back to change it.
        let mut summary = Vec::new();
        for (k, (qid, oid)) in step.trail.iter().enumerate() {
            let (question, qfb) = texts.question(qid);
            let (answer, afb) = texts.option(qid, oid);
            summary.push(SummaryRow {
                question,
                answer,
                change_url: flow_url(site, lang, m, &step.trail[..k]),
                fallback: qfb.or(afb),
            });
        }
        ctx.insert("summary", &summary);
        let back_url = match step.trail.len() {
            0 => m.map_or_else(
                || url::home_url(lang),
                |m| url::municipality_url(site, lang, m),
            ),
            n => flow_url(site, lang, m, &step.trail[..n - 1]),
        };
        ctx.insert("back_url", &back_url);
        ctx.insert("step_number", &(step.trail.len() + 1));
        ctx.insert("flow_start", &flow_url(site, lang, m, &[]));
        match &step.node {
            FlowNode::Question(qid) => {
                let q = site.question(qid).expect("checked");
                let (text, fallback) = texts.question(qid);
                let (help, help_fallback) = texts.help(qid);
                let options: Vec<_> = q
                    .options
                    .iter()
                    .map(|o| {
                        let mut trail = step.trail.clone();
                        trail.push((qid.clone(), o.id.clone()));
                        let (label, fb) = texts.option(qid, &o.id);
                        serde_json::json!({"label": label, "url": flow_url(site, lang, m, &trail), "fallback": fb})
                    })
                    .collect();
                ctx.insert("question", &serde_json::json!({"id": qid, "text": text, "help": help, "fallback": fallback.or(help_fallback)}));
                ctx.insert("options", &options);
                ctx.insert("title", &text);
                describe(ctx, help.as_deref().unwrap_or(&text));
                Ok("flow_question.html")
            }
            FlowNode::Answer(aid) => {
                let a = site.answer(aid).expect("checked");
                let (title, tfb) = texts.answer_title(aid);
                let (advice, afb) = texts.advice(aid);
                ctx.insert(
                    "answer",
                    &serde_json::json!({"id": aid, "title": title, "advice_html": advice.map(|x| markdown::to_html(&x)), "fallback": tfb.or(afb),
                        "shelter": a.needs.iter().any(|n| matches!(n, Need::SleepTonight | Need::ShelterIntake | Need::YouthShelter | Need::FamilyShelter))}),
                );
                ctx.insert("title", &title);
                match m {
                    Some(mi) => describe(
                        ctx,
                        &format!(
                            "{title} · {} {}",
                            tr(strings, "flow_for"),
                            site.municipalities[mi].name
                        ),
                    ),
                    None => describe(ctx, &title),
                }
                let cache = &self.langs[lang];
                // An answer about danger starts with the line to call, on the first screen:
                // "Bel 112", 113 for thoughts of suicide, Veilig Thuis for violence at home.
                let call_now = a
                    .needs
                    .first()
                    .filter(|n| {
                        matches!(
                            n,
                            Need::Emergency | Need::SuicidePrevention | Need::DomesticViolence
                        )
                    })
                    .and_then(|need| {
                        site.scoped(&Scope::National).iter().copied().find(|&i| {
                            let f = &site.services[i].doc.front.value;
                            f.needs.contains(need)
                                && f.contact.as_ref().is_some_and(|c| c.phone.is_some())
                        })
                    });
                if let Some(i) = call_now {
                    ctx.insert_value("call_now", self.service(cache, i));
                }
                let mut matches = site.answer_matches(m, a);
                let mut sections_list = Vec::new();
                let mut first_ids: Vec<usize> = Vec::new();
                if let Some(mi) = m {
                    let muni = &site.municipalities[mi];
                    ctx.insert("muni_contact", &views::municipality_contact(site, lang, mi));
                    // Tonight: the places to sleep and the numbers answered at night come
                    // first, whatever their scope; the daytime front door after them.
                    if crate::check::reach::is_tonight(a) {
                        let night_place = |i: usize| {
                            let v = &site.services[i].doc.front.value;
                            v.kind == Kind::Shelter
                                || v.needs.iter().any(|n| {
                                    matches!(
                                        n,
                                        Need::SleepTonight
                                            | Need::FamilyShelter
                                            | Need::YouthShelter
                                    )
                                })
                        };
                        let mut first: Vec<usize> = matches
                            .local
                            .iter()
                            .chain(&matches.regional)
                            .copied()
                            .filter(|&i| night_place(i))
                            .collect();
                        first.sort_by_key(|&i| {
                            !crate::check::reach::night_number(&site.services[i].doc.front.value)
                        });
                        matches.local.retain(|i| !first.contains(i));
                        matches.regional.retain(|i| !first.contains(i));
                        let families = a
                            .audience
                            .as_ref()
                            .is_some_and(|x| x.groups.contains(&Group::Families));
                        if families {
                            // A shelter that says it takes families; an advice page
                            // about having none does not count as one.
                            let family_place = first.iter().any(|&i| {
                                let v = &site.services[i].doc.front.value;
                                v.kind == Kind::Shelter
                                    && (v.needs.contains(&Need::FamilyShelter)
                                        || v.audience
                                            .as_ref()
                                            .is_some_and(|x| x.groups.contains(&Group::Families)))
                            });
                            ctx.insert("no_family_shelter", &!family_place);
                        }
                        first_ids.clone_from(&first);
                        // The first number to call, at the top of the page: on a small
                        // phone the list starts below the advice, out of the first screen.
                        if let Some(&i) = first.iter().find(|&&i| {
                            site.services[i]
                                .doc
                                .front
                                .value
                                .contact
                                .as_ref()
                                .is_some_and(|c| c.phone.is_some() || c.night_phone.is_some())
                        }) {
                            ctx.insert_value("call_first", self.service(cache, i));
                        }
                        if !first.is_empty() {
                            sections_list.push(Section {
                                title: tr(strings, "tonight_places").to_string(),
                                id: "tonight".into(),
                                services: self.pick(cache, &first),
                            });
                        }
                    }
                    if !matches.local.is_empty() {
                        sections_list.push(Section {
                            title: tr(strings, "in_your_municipality")
                                .replace("{name}", &muni.name),
                            id: "local".into(),
                            services: self.pick(cache, &matches.local),
                        });
                    }
                    if !matches.regional.is_empty() {
                        let region = &site.regions[muni.region];
                        sections_list.push(Section {
                            title: tr(strings, "in_your_region").replace("{name}", &region.name),
                            id: "regional".into(),
                            services: self.pick(cache, &matches.regional),
                        });
                    }
                }
                if !matches.national.is_empty() {
                    sections_list.push(Section {
                        title: tr(strings, "national_lines").to_string(),
                        id: "national".into(),
                        services: self.pick(cache, &matches.national),
                    });
                }
                // Plain text for one message: the answer, the first places with their phone, the link.
                let mut text = vec![title.clone()];
                for i in first_ids.iter().copied().chain(matches.all()).take(3) {
                    let sv = self.service(cache, i);
                    let name = sv
                        .get_from_path("name")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string();
                    match sv.get_from_path("phone").and_then(|v| v.as_str()) {
                        Some(p) => text.push(format!("- {name}: {p}")),
                        None => text.push(format!("- {name}")),
                    }
                }
                text.push(format!(
                    "{}{}",
                    site.config.base_url.0,
                    flow_url(site, lang, m, &step.trail)
                ));
                ctx.insert("answer_text", &text.join("\n"));
                ctx.insert_value("sections", sections(sections_list));
                if m.is_none() {
                    ctx.insert(
                        "choose",
                        &self.region_links(lang, None, |mi| {
                            flow_url(site, lang, Some(mi), &step.trail)
                        }),
                    );
                }
                Ok("flow_answer.html")
            }
        }
    }
}

/// The flow's words in one language. A text without a translation comes from the first
/// language of the fallback chain that has it, else the original; `Some` says which.
struct FlowTexts<'s> {
    site: &'s Site,
    lang: &'s str,
}

type Shown<T> = (T, Option<ShownIn>);

impl FlowTexts<'_> {
    /// The translations to try, in order, with their language.
    fn chain(&self) -> impl Iterator<Item = (&str, &crate::model::TreeTranslation)> {
        let site = self.site;
        site.translation_languages(self.lang)
            .filter_map(move |l| site.tree_translations.get(l).map(|t| (l, &t.value)))
    }
    /// The first translation that has the text, else the original.
    fn pick(
        &self,
        translated: impl Fn(&crate::model::TreeTranslation) -> Option<String>,
        orig: Option<String>,
    ) -> Shown<Option<String>> {
        let site = self.site;
        match self
            .chain()
            .find_map(|(l, t)| translated(t).map(|x| (l, x)))
        {
            Some((l, x)) => (Some(x), shown_in(site, self.lang, l)),
            None => {
                let fell_back = orig
                    .as_ref()
                    .and_then(|_| shown_in(site, self.lang, site.default_language()));
                (orig, fell_back)
            }
        }
    }
    fn question(&self, qid: &str) -> Shown<String> {
        let orig = self.site.question(qid).map(|q| q.question.clone());
        let (text, fb) = self.pick(
            |t| t.questions.get(qid).and_then(|q| q.question.clone()),
            orig,
        );
        (text.unwrap_or_default(), fb)
    }
    fn help(&self, qid: &str) -> Shown<Option<String>> {
        let orig = self.site.question(qid).and_then(|q| q.help.clone());
        self.pick(|t| t.questions.get(qid).and_then(|q| q.help.clone()), orig)
    }
    fn option(&self, qid: &str, oid: &str) -> Shown<String> {
        let orig = self
            .site
            .question(qid)
            .and_then(|q| q.options.iter().find(|o| o.id == oid))
            .map(|o| o.label.clone());
        let (text, fb) = self.pick(
            |t| {
                t.questions
                    .get(qid)
                    .and_then(|q| q.options.get(oid).cloned())
            },
            orig,
        );
        (text.unwrap_or_default(), fb)
    }
    fn answer_title(&self, aid: &str) -> Shown<String> {
        let orig = self.site.answer(aid).map(|a| a.title.clone());
        let (text, fb) = self.pick(|t| t.answers.get(aid).and_then(|a| a.title.clone()), orig);
        (text.unwrap_or_default(), fb)
    }
    fn advice(&self, aid: &str) -> Shown<Option<String>> {
        let orig = self.site.answer(aid).and_then(|a| a.advice.clone());
        self.pick(|t| t.answers.get(aid).and_then(|a| a.advice.clone()), orig)
    }
    /// Whether the flow texts of this language are unreviewed machine work.
    fn unreviewed(&self) -> bool {
        self.chain().next().is_some_and(|(_, t)| !t.reviewed)
    }
}

/// What a page says once about its texts (not once per card): which of them are in
/// another language than the page's, whether any is an unreviewed translation, and
/// whether the page's own translation is older than its original.
#[derive(Serialize, Default)]
struct PageNotes {
    /// "Some texts on this page are not translated yet. You read them in: English."
    fallback: Option<String>,
    unreviewed: bool,
    /// The original, when the page's main text is a translation made before it changed.
    outdated_url: Option<String>,
}

/// Context keys that hold the texts of a page (cards, the page's item, the flow's words).
const TEXT_KEYS: [&str; 17] = [
    "region",
    "municipality",
    "service",
    "explainer",
    "answer",
    "question",
    "options",
    "summary",
    "sections",
    "front_doors",
    "tonight",
    "call_first",
    "call_now",
    "emergency",
    "explainer_list",
    "national",
    "region_services",
];

fn page_notes(
    site: &Site,
    strings: &std::collections::BTreeMap<String, String>,
    ctx: &Context,
) -> PageNotes {
    let mut langs: Vec<String> = Vec::new();
    let mut unreviewed = ctx
        .get("flow_unreviewed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    fn scan(v: &Value, langs: &mut Vec<String>, unreviewed: &mut bool) {
        if let Some(items) = v.as_array() {
            for x in items {
                scan(x, langs, unreviewed);
            }
        } else if let Some(m) = v.as_map() {
            let fallback = m.get(&tera::value::Key::Str("fallback"));
            if let Some(f) = fallback {
                if let Some(code) = f
                    .as_map()
                    .and_then(|f| f.get(&tera::value::Key::Str("code")))
                {
                    if let Some(c) = code.as_str() {
                        if !langs.iter().any(|l| l == c) {
                            langs.push(c.to_string());
                        }
                    }
                }
                *unreviewed |= m
                    .get(&tera::value::Key::Str("unreviewed"))
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                return; // an item: its parts hold no other items
            }
            for x in m.values() {
                scan(x, langs, unreviewed);
            }
        }
    }
    for key in TEXT_KEYS {
        if let Some(v) = ctx.get(key) {
            scan(v, &mut langs, &mut unreviewed);
        }
    }
    let names: Vec<String> = langs
        .iter()
        .map(|c| {
            site.language(c)
                .map_or_else(|| c.clone(), |l| l.name.clone())
        })
        .collect();
    let main = ctx.get("service").or_else(|| ctx.get("explainer"));
    let outdated_url = main.and_then(|m| {
        let m = m.as_map()?;
        let outdated = m.get(&tera::value::Key::Str("outdated"))?.as_bool()?;
        outdated
            .then(|| {
                m.get(&tera::value::Key::Str("original_url"))
                    .and_then(|u| u.as_str().map(String::from))
            })
            .flatten()
    });
    PageNotes {
        fallback: (!names.is_empty())
            .then(|| tr(strings, "not_translated_note").replace("{languages}", &names.join(", "))),
        unreviewed,
        outdated_url,
    }
}

#[cfg(test)]
mod tests {
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
