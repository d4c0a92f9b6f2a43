//! The search's topics (see [`crate::model::topics`]) on pages: the topic links of the search
//! page and each topic's static page. Their data files are in `crate::data::topics`.

use tera::{Context, Value};

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
                        crate::url::NATIONAL_SEGMENT.to_string(),
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
        ctx.insert("search_page", &crate::url::search_url(lang));
        "topic.html"
    }
}
