//! One function per page kind: each puts what its template shows into the context and
//! names the template. What every page has (language, alternates, notes, the exit button's
//! neutral title) is added around them in [`Renderer::render_bytes`].

use std::collections::BTreeMap;

use tera::{Context, Value};

use super::*;

/// What a page-kind function gets besides the context: the page's language, the views
/// cached for it, and its interface texts.
pub(super) struct At<'p> {
    pub lang: &'p str,
    pub cache: &'p LangCache,
    pub strings: &'p BTreeMap<String, String>,
}

/// What a page-kind function made: the template to render, and whether the page is about
/// danger or violence (then the history and tabs show only the site's name).
pub(super) struct Made {
    pub template: &'static str,
    pub sensitive: bool,
}

impl Renderer<'_> {
    /// `/`: every language offered in its own words.
    pub(super) fn landing_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let site = self.site;
        let strings = at.strings;
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
        describe(ctx, tr(strings, "home_intro"));
        Ok(Made {
            template: "landing.html",
            sensitive: false,
        })
    }

    /// `/404.html`.
    pub(super) fn not_found_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let strings = at.strings;
        ctx.insert("title", &tr(strings, "not_found_title"));
        describe(ctx, tr(strings, "not_found_text"));
        // Served in place of a missing page, never at a URL of its own: not in the
        // sitemap, and search engines are told so.
        ctx.insert("noindex", &true);
        Ok(Made {
            template: "404.html",
            sensitive: false,
        })
    }

    /// `/<lang>/`: find your municipality.
    pub(super) fn home_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        ctx.insert(
            "title",
            &cache
                .common
                .iter()
                .find(|(k, _)| *k == "site_title")
                .map(|(_, v)| v.clone()),
        );
        ctx.insert("regions", &self.region_groups(lang, None));
        describe(ctx, tr(strings, "home_intro"));
        Ok(Made {
            template: "home.html",
            sensitive: false,
        })
    }

    /// A region page.
    pub(super) fn region_page(
        &self,
        ctx: &mut Context,
        at: &At,
        r: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let strings = at.strings;
        let region = &site.regions[*r];
        ctx.insert("title", &region.name);
        // The summary the page shows, in the language it is written in.
        let summary = views::place_summary(site, lang, &region.summary, &region.translations);
        match summary
            .summary
            .as_deref()
            .filter(|_| summary.fallback.is_none())
        {
            Some(text) => describe(ctx, text),
            None => describe(ctx, &help_in(strings, &region.name)),
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
        let services: Vec<usize> = site.scoped(&Scope::Region(region.slug.clone())).to_vec();
        ctx.insert_value("sections", sections(self.by_kind(lang, &services)));
        ctx.insert("changes_url", &url::changes_url(site, lang, *r));
        ctx.insert("feed_url", &url::feed_url(site, lang, *r));
        Ok(Made {
            template: "region.html",
            sensitive: false,
        })
    }

    /// A municipality page.
    pub(super) fn municipality_page(
        &self,
        ctx: &mut Context,
        at: &At,
        m: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        let muni = &site.municipalities[*m];
        let region = &site.regions[muni.region];
        ctx.insert("title", &muni.name);
        describe(ctx, &help_in(strings, &muni.name));
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
        self.front_and_tonight(ctx, cache, *m);
        ctx.insert("muni_contact", &views::municipality_contact(site, lang, *m));
        let mut all: Vec<usize> = site
            .scoped(&Scope::Municipality(muni.slug.clone()))
            .to_vec();
        all.extend(site.scoped(&Scope::Region(region.slug.clone())));
        ctx.insert_value("sections", sections(self.by_kind(lang, &all)));
        ctx.insert("flow_start", &flow_url(site, lang, Some(*m), &[]));
        ctx.insert("offline_manifest", &url::offline_list_url(site, lang, *m));
        // How many pages the full offline set holds (not counting the static files),
        // said on the button.
        ctx.insert(
            "offline_full",
            &crate::data::offline::essentials(site, lang, *m)
                .iter()
                .filter(|u| !u.starts_with("/static/"))
                .count(),
        );
        ctx.insert(
            "flyer_link",
            &url::flyer_url(&url::municipality_url(site, lang, *m)),
        );
        Ok(Made {
            template: "municipality.html",
            sensitive: false,
        })
    }

    /// A service page.
    pub(super) fn service_page(
        &self,
        ctx: &mut Context,
        at: &At,
        i: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let s = &site.services[*i];
        let sensitive = s.doc.front.value.needs.iter().any(|n| {
            matches!(
                n,
                Need::DomesticViolence | Need::Emergency | Need::SuicidePrevention
            )
        });
        // The whole view, made for this page only: lists keep just the card.
        let view = Value::from_serializable(&service_view(site, lang, *i));
        ctx.insert("title", &view.get_from_path("name").cloned());
        describe(ctx, &service_description(&view));
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
        Ok(Made {
            template: "service.html",
            sensitive,
        })
    }

    /// A explainers page.
    pub(super) fn explainers_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        ctx.insert("title", &tr(strings, "explainers_title"));
        let titles: Vec<String> = (0..site.pages.len())
            .map(|i| {
                text_at(
                    cache.explainers[i]
                        .get_or_init(|| Value::from_serializable(&explainer_view(site, lang, i))),
                    "title",
                )
            })
            .collect();
        describe(ctx, &titles.join(" · "));
        Ok(Made {
            template: "explainers.html",
            sensitive: false,
        })
    }

    /// A offline page.
    pub(super) fn offline_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let strings = at.strings;
        ctx.insert("title", &tr(strings, "offline_title"));
        describe(ctx, tr(strings, "offline_text"));
        // The service worker's stand-in for a page that was not saved: no content of
        // its own, so not in the sitemap, and search engines are told so.
        ctx.insert("noindex", &true);
        Ok(Made {
            template: "offline.html",
            sensitive: false,
        })
    }

    /// A service flyer page.
    pub(super) fn service_flyer_page(
        &self,
        ctx: &mut Context,
        at: &At,
        i: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let view = self.service(cache, *i);
        let url = format!(
            "{}{}",
            site.config.base_url.0,
            url::service_url(site, lang, *i)
        );
        ctx.insert("title", &view.get_from_path("name").cloned());
        describe(ctx, &service_description(&view));
        ctx.insert_value("service", view);
        ctx.insert("qr", &views::qr_svg(&url, &format!("QR: {url}")));
        ctx.insert("flyer_url", &url);
        Ok(Made {
            template: "flyer.html",
            sensitive: false,
        })
    }

    /// A municipality flyer page.
    pub(super) fn municipality_flyer_page(
        &self,
        ctx: &mut Context,
        at: &At,
        m: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        let muni = &site.municipalities[*m];
        let url = format!(
            "{}{}",
            site.config.base_url.0,
            url::municipality_url(site, lang, *m)
        );
        ctx.insert(
            "title",
            &format!("{} {}", tr(strings, "help_in"), muni.name),
        );
        describe(ctx, &help_in(strings, &muni.name));
        self.front_and_tonight(ctx, cache, *m);
        ctx.insert("muni_contact", &views::municipality_contact(site, lang, *m));
        ctx.insert("qr", &views::qr_svg(&url, &format!("QR: {url}")));
        ctx.insert("flyer_url", &url);
        Ok(Made {
            template: "flyer_municipality.html",
            sensitive: false,
        })
    }

    /// A changes page.
    pub(super) fn changes_page(
        &self,
        ctx: &mut Context,
        at: &At,
        r: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        let region = &site.regions[*r];
        ctx.insert(
            "title",
            &tr(strings, "changes_title").replace("{name}", &region.name),
        );
        ctx.insert(
            "region",
            &serde_json::json!({"name": region.name, "url": url::region_url(site, lang, *r)}),
        );
        describe(ctx, tr(strings, "changes_intro"));
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
        Ok(Made {
            template: "changes.html",
            sensitive: false,
        })
    }

    /// A search page.
    pub(super) fn search_page(&self, ctx: &mut Context, at: &At) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let strings = at.strings;
        // Without a script: the topics (each a page listing its services per region),
        // then the regions with their municipalities A–Z, then the national lines. The
        // services themselves are on the topic, region and municipality pages; listing
        // them here too made the page too large for one round trip (14 kB).
        ctx.insert("title", &tr(strings, "search"));
        describe(ctx, tr(strings, "search_label"));
        let groups: Vec<Value> = self
            .region_groups(lang, None)
            .into_iter()
            .map(|g| {
                map(vec![
                    ("name", Value::from(g.name)),
                    ("url", Value::from(g.url)),
                    (
                        "municipalities",
                        Value::from_serializable(&g.municipalities),
                    ),
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
        Ok(Made {
            template: "search.html",
            sensitive: false,
        })
    }

    /// A explainer page.
    pub(super) fn explainer_page(
        &self,
        ctx: &mut Context,
        at: &At,
        i: &usize,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let cache = at.cache;
        let sensitive = site.pages[*i].doc.front.value.violence;
        let view = cache.explainers[*i]
            .get_or_init(|| Value::from_serializable(&explainer_view(site, lang, *i)))
            .clone();
        ctx.insert("title", &view.get_from_path("title").cloned());
        match view.get_from_path("summary").and_then(|v| v.as_str()) {
            Some(summary) => describe(ctx, summary),
            None => describe(ctx, &text_at(&view, "title")),
        }
        ctx.insert_value("explainer", view);
        Ok(Made {
            template: "explainer.html",
            sensitive,
        })
    }

    /// A flow page.
    pub(super) fn flow_page(
        &self,
        ctx: &mut Context,
        at: &At,
        step: &FlowStep,
    ) -> Result<Made, Diagnostic> {
        let site = self.site;
        let lang = at.lang;
        let sensitive = match &step.node {
            FlowNode::Question(q) => site.question(q).is_some_and(|q| q.exit_button),
            FlowNode::Answer(a) => site.answer(a).is_some_and(|a| a.exit_button),
            FlowNode::Place(_) => false,
        };
        Ok(Made {
            template: self.flow_context(ctx, lang, step)?,
            sensitive,
        })
    }
}
