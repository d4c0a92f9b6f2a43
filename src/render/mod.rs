//! Stage 4, **render**: planned pages to HTML with tera templates from the theme (a site
//! overrides any template by putting one with the same name in its own `templates/`).
//! Templates are compiled once; each markdown body is rendered once per language; pages
//! are pure functions of (site, plan entry) and are rendered in parallel by the caller.

mod flow;
pub mod markdown;
mod notes;
mod pages;
pub mod places;
mod search;
pub mod templates;
pub mod views;

use notes::page_notes;
use pages::{At, Made};
pub use templates::{error_chain, load_templates, load_templates_with, preminify_template, Theme};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::{hint, msg, Diagnostic};
use crate::load::Scope;
use crate::model::Site;
use crate::model::{Group, Kind, Need};
use crate::plan::{FlowNode, FlowStep, PageKind, PlannedPage};
use crate::url::{self, flow_url};
use views::{explainer_view, kind_label, service_card, service_view, shown_in, tr, Link, ShownIn};

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
            PageKind::Region(r) | PageKind::Changes(r) | PageKind::TopicRegion(_, r) => Some(*r),
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
        String::from_utf8(self.render_bytes(page)?)
            .map_err(|e| Diagnostic::error(PathBuf::from(&page.url), msg::page_not_utf8(e)))
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
        let at = At {
            lang,
            cache,
            strings,
        };
        let Made {
            template,
            sensitive,
        } = match &page.kind {
            PageKind::Landing => self.landing_page(&mut ctx, &at)?,
            PageKind::NotFound => self.not_found_page(&mut ctx, &at)?,
            PageKind::Home => self.home_page(&mut ctx, &at)?,
            PageKind::Region(r) => self.region_page(&mut ctx, &at, r)?,
            PageKind::Municipality(m) => self.municipality_page(&mut ctx, &at, m)?,
            PageKind::Service(i) => self.service_page(&mut ctx, &at, i)?,
            PageKind::Explainers => self.explainers_page(&mut ctx, &at)?,
            PageKind::Offline => self.offline_page(&mut ctx, &at)?,
            PageKind::ServiceFlyer(i) => self.service_flyer_page(&mut ctx, &at, i)?,
            PageKind::MunicipalityFlyer(m) => self.municipality_flyer_page(&mut ctx, &at, m)?,
            PageKind::Changes(r) => self.changes_page(&mut ctx, &at, r)?,
            PageKind::Search => self.search_page(&mut ctx, &at)?,
            PageKind::Topic(t) => Made {
                template: self.topic_page(&mut ctx, lang, *t),
                sensitive: false,
            },
            PageKind::TopicRegion(t, r) => Made {
                template: self.topic_region_page(&mut ctx, lang, *t, *r),
                sensitive: false,
            },
            PageKind::Explainer(i) => self.explainer_page(&mut ctx, &at, i)?,
            PageKind::Flow(step) => self.flow_page(&mut ctx, &at, step)?,
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
                    msg::rendering_failed(&page.url, error_chain(&e)),
                )
                .hint(hint::fix_template())
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
                msg::rendering_failed("sw.js", error_chain(&e)),
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
}
