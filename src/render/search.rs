//! The search's topics (see [`crate::model::topics`]) on pages: the topic links of the search
//! page and each topic's static page. Their data files are in `crate::data::topics`.

use tera::{Context, Value};

use crate::load::Scope;

use super::{describe, map, tr, Renderer};

impl Renderer<'_> {
    /// Services of topic `t`, grouped by region in the site's order (a region's own
    /// services before its municipalities', each by name), the national ones last (`None`).
    pub(crate) fn topic_groups(&self, t: usize) -> Vec<(Option<usize>, Vec<usize>)> {
        let site = self.site;
        let topic = &site.topics[t];
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = site
            .regions
            .iter()
            .enumerate()
            .map(|(r, _)| (Some(r), Vec::new()))
            .chain(std::iter::once((None, Vec::new())))
            .collect();
        let national = groups.len() - 1;
        for (i, s) in site.services.iter().enumerate() {
            if topic.covers(s) {
                let g = self.service_regions[i].unwrap_or(national);
                groups[g].1.push(i);
            }
        }
        for (_, ids) in &mut groups {
            ids.sort_by_key(|&i| {
                let s = &site.services[i];
                (
                    matches!(s.scope, crate::load::Scope::Municipality(_)),
                    s.doc.front.value.name.to_lowercase(),
                )
            });
        }
        groups.retain(|(_, ids)| !ids.is_empty());
        groups
    }

    /// The topics a service belongs to, as indices into the topic index (`n` of a search
    /// item): the script finds a shard's services by topic without the topic's words.
    pub(crate) fn service_topics(&self, i: usize) -> Vec<usize> {
        let s = &self.site.services[i];
        (0..self.site.topics.len())
            .filter(|&t| self.site.topics[t].covers(s))
            .collect()
    }

    /// The topics as links, for the search page and each topic page.
    pub(super) fn topic_links(&self, lang: &str) -> Value {
        let chain = &self.site.language(lang).expect("language").chain;
        Value::from(
            self.site
                .topics
                .iter()
                .map(|t| {
                    map(vec![
                        ("name", Value::from(t.name_in(lang, chain))),
                        ("url", Value::from(crate::url::topic_url(lang, &t.slug))),
                    ])
                })
                .collect::<Vec<Value>>(),
        )
    }

    /// The context of a topic page: what the topic is, its national lines (phone numbers
    /// one tap away), then each region that has its services, with their number and a link
    /// to the region's own page of the topic. A nationwide topic lists hundreds of services;
    /// listing them all here made a page of 386 kB, so they are one page per region.
    pub(super) fn topic_page(&self, ctx: &mut Context, lang: &str, t: usize) -> &'static str {
        let site = self.site;
        let language = site.language(lang).expect("language");
        let strings = &language.strings;
        let cache = &self.langs[lang];
        let topic = &site.topics[t];
        let name = topic.name_in(lang, &language.chain).to_string();
        ctx.insert("title", &name);
        let intro = tr(strings, "topic_intro").replace("{name}", &name);
        describe(ctx, &intro);
        ctx.insert("intro", &intro);
        let mut national = Vec::new();
        let mut regions = Vec::new();
        for (r, ids) in self.topic_groups(t) {
            match r {
                Some(r) => regions.push(map(vec![
                    ("name", Value::from(site.regions[r].name.clone())),
                    (
                        "url",
                        Value::from(crate::url::topic_region_url(
                            lang,
                            &topic.slug,
                            &site.regions[r].slug,
                        )),
                    ),
                    (
                        "count",
                        Value::from(
                            tr(strings, "topic_count").replace("{count}", &ids.len().to_string()),
                        ),
                    ),
                ])),
                None => national = self.pick(cache, &ids),
            }
        }
        ctx.insert_value("national", Value::from(national));
        ctx.insert("national_id", crate::url::NATIONAL_SEGMENT);
        ctx.insert_value("regions", Value::from(regions));
        ctx.insert_value("topics", self.topic_links(lang));
        ctx.insert("search_page", &crate::url::search_url(lang));
        "topic.html"
    }

    /// The context of a topic's page for region `r`: the region's own services of the topic
    /// first, then each municipality's (A–Z), as cards with their phone number and address.
    pub(super) fn topic_region_page(
        &self,
        ctx: &mut Context,
        lang: &str,
        t: usize,
        r: usize,
    ) -> &'static str {
        let site = self.site;
        let language = site.language(lang).expect("language");
        let strings = &language.strings;
        let cache = &self.langs[lang];
        let topic = &site.topics[t];
        let region = &site.regions[r];
        let name = topic.name_in(lang, &language.chain).to_string();
        let title = tr(strings, "topic_region_title")
            .replace("{name}", &name)
            .replace("{region}", &region.name);
        ctx.insert("title", &title);
        let intro = tr(strings, "topic_region_intro")
            .replace("{name}", &name)
            .replace("{region}", &region.name);
        describe(ctx, &intro);
        ctx.insert("intro", &intro);
        let ids = self
            .topic_groups(t)
            .into_iter()
            .find_map(|(g, ids)| (g == Some(r)).then_some(ids))
            .unwrap_or_default();
        let own: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&i| !matches!(site.services[i].scope, Scope::Municipality(_)))
            .collect();
        let mut groups = Vec::new();
        if !own.is_empty() {
            groups.push(map(vec![
                ("name", Value::from(tr(strings, "topic_region_wide"))),
                ("url", Value::from(crate::url::region_url(site, lang, r))),
                ("id", Value::from(region.slug.clone())),
                ("services", Value::from(self.pick(cache, &own))),
            ]));
        }
        let mut members = region.members.clone();
        members.sort_by_key(|&m| site.municipalities[m].name.to_lowercase());
        for m in members {
            let muni = &site.municipalities[m];
            let here: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&i| matches!(&site.services[i].scope, Scope::Municipality(s) if *s == muni.slug))
                .collect();
            if here.is_empty() {
                continue;
            }
            groups.push(map(vec![
                ("name", Value::from(muni.name.clone())),
                (
                    "url",
                    Value::from(crate::url::municipality_url(site, lang, m)),
                ),
                ("id", Value::from(muni.slug.clone())),
                ("services", Value::from(self.pick(cache, &here))),
            ]));
        }
        ctx.insert_value("groups", Value::from(groups));
        ctx.insert("topic_name", &name);
        ctx.insert("topic_page", &crate::url::topic_url(lang, &topic.slug));
        ctx.insert("search_page", &crate::url::search_url(lang));
        "topic_region.html"
    }
}
