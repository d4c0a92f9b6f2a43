//! The search's topics (see [`crate::search`]): the topic index and one file per topic
//! for the search page's script, and the static topic pages.

use tera::{Context, Value};

use super::{describe, map, text_at, tr, Renderer};

impl Renderer<'_> {
    /// Services of topic `t`, grouped by region in the site's order (a region's own
    /// services before its municipalities', each by name), the national ones last (`None`).
    fn topic_groups(&self, t: usize) -> Vec<(Option<usize>, Vec<usize>)> {
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
    pub(super) fn service_topics(&self, i: usize) -> Vec<usize> {
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
                        ("url", Value::from(crate::search::topic_url(lang, &t.slug))),
                    ])
                })
                .collect::<Vec<Value>>(),
        )
    }

    /// `onderwerpen.json`: each topic's slug, name, page, file, and its words in every
    /// language (typing English on a Dutch page finds the topic too).
    pub fn topic_index(&self, lang: &str) -> String {
        let chain = &self.site.language(lang).expect("language").chain;
        let topics: Vec<serde_json::Value> = self
            .site
            .topics
            .iter()
            .map(|t| {
                serde_json::json!({
                    "s": t.slug,
                    "n": t.name_in(lang, chain),
                    "u": crate::search::topic_url(lang, &t.slug),
                    "f": crate::search::topic_file_url(lang, &t.slug),
                    "w": t.all_words(),
                })
            })
            .collect();
        let (regions, words) = self.name_words(lang);
        serde_json::to_string(&serde_json::json!({"t": topics, "rs": regions, "nw": words}))
            .unwrap_or_else(|_| "{}".into())
    }

    /// The distinctive words of service names and providers ("havenkade", "herberg"), each
    /// with the regions (indices into the slugs returned first) whose shard has them: a
    /// name typed without a place loads only those shards. Words of place names, words of
    /// fewer than four letters and words in more than three regions are left out; they
    /// would load many shards and say little.
    fn name_words(
        &self,
        lang: &str,
    ) -> (Vec<String>, std::collections::BTreeMap<String, Vec<usize>>) {
        use std::collections::{BTreeMap, BTreeSet};
        let site = self.site;
        let cache = &self.langs[lang];
        let split = |s: &str| -> Vec<String> {
            s.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_string)
                .collect()
        };
        let places: BTreeSet<String> = site
            .municipalities
            .iter()
            .map(|m| m.name.as_str())
            .chain(site.regions.iter().map(|r| r.name.as_str()))
            .flat_map(|n| split(n))
            .collect();
        let mut words: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (i, s) in site.services.iter().enumerate() {
            let Some(r) = self.service_regions[i] else {
                continue;
            };
            let v = self.service(cache, i);
            let mut text = text_at(&v, "name");
            if let Some(p) = &s.doc.front.value.provider {
                text.push(' ');
                text.push_str(p);
            }
            for w in split(&text) {
                if !places.contains(&w) {
                    words.entry(w).or_default().insert(r);
                }
            }
        }
        let words = words
            .into_iter()
            .filter(|(_, rs)| rs.len() <= 3)
            .map(|(w, rs)| (w, rs.into_iter().collect()))
            .collect();
        (site.regions.iter().map(|r| r.slug.clone()).collect(), words)
    }

    /// One topic's file: its services per region, each with its name, page, kind and place
    /// (no summary, so the file stays small for a nationwide site). Region `r` is empty for
    /// the national lines.
    pub fn topic_file(&self, lang: &str, t: usize) -> String {
        let site = self.site;
        let strings = &site.language(lang).expect("language").strings;
        let cache = &self.langs[lang];
        let groups: Vec<serde_json::Value> = self
            .topic_groups(t)
            .into_iter()
            .map(|(r, ids)| {
                let items: Vec<serde_json::Value> = ids
                    .iter()
                    .map(|&i| {
                        let v = self.service(cache, i);
                        let mut item = serde_json::json!({
                            "t": text_at(&v, "name"), "u": text_at(&v, "url"),
                            "k": text_at(&v, "kind_label"), "p": text_at(&v, "scope_label"),
                        });
                        if let Some(code) = v
                            .get_from_path("fallback.code")
                            .and_then(|c| c.as_str())
                            .filter(|c| !c.is_empty())
                        {
                            let l = site.language(code);
                            item["l"] = serde_json::json!(code);
                            item["ld"] = serde_json::json!(l.map_or("ltr", |l| l.dir.as_str()));
                            item["ln"] = serde_json::json!(l.map_or(code, |l| l.name.as_str()));
                        }
                        item
                    })
                    .collect();
                match r {
                    Some(r) => serde_json::json!({
                        "r": site.regions[r].slug,
                        "n": site.regions[r].name.clone(),
                        "s": items,
                    }),
                    None => {
                        serde_json::json!({"r": "", "n": tr(strings, "national_lines"), "s": items})
                    }
                }
            })
            .collect();
        serde_json::to_string(&groups).unwrap_or_else(|_| "[]".into())
    }

    /// The context of a topic page: the topic's services per region, national lines last.
    pub(super) fn topic_page(&self, ctx: &mut Context, lang: &str, t: usize) -> &'static str {
        let site = self.site;
        let language = site.language(lang).expect("language");
        let strings = &language.strings;
        let cache = &self.langs[lang];
        let name = site.topics[t].name_in(lang, &language.chain).to_string();
        ctx.insert("title", &name);
        let intro = tr(strings, "topic_intro").replace("{name}", &name);
        describe(ctx, &intro);
        ctx.insert("intro", &intro);
        let groups: Vec<Value> = self
            .topic_groups(t)
            .into_iter()
            .map(|(r, ids)| {
                let (name, url, id) = match r {
                    Some(r) => (
                        site.regions[r].name.clone(),
                        format!("/{lang}/{}/", site.regions[r].slug),
                        site.regions[r].slug.clone(),
                    ),
                    None => (
                        tr(strings, "national_lines").to_string(),
                        String::new(),
                        crate::plan::NATIONAL_SEGMENT.to_string(),
                    ),
                };
                map(vec![
                    ("name", Value::from(name)),
                    ("url", Value::from(url)),
                    ("id", Value::from(id)),
                    ("services", Value::from(self.pick(cache, &ids))),
                ])
            })
            .collect();
        ctx.insert_value("groups", Value::from(groups));
        ctx.insert_value("topics", self.topic_links(lang));
        ctx.insert("search_page", &crate::plan::search_url(lang));
        "topic.html"
    }
}
