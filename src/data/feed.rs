//! A region's Atom feed of its services, newest check first: social workers follow it to
//! see what changed without visiting the site.

use crate::render::views::{self, tr};
use crate::render::{text_at, Renderer};
use crate::url;

/// Atom feed of a region's services, newest check first, for social workers who follow it.
pub fn region_feed(renderer: &Renderer, lang: &str, r: usize) -> String {
    let site = renderer.site;
    let cache = &renderer.langs[lang];
    let strings = &site.language(lang).expect("language").strings;
    let region = &site.regions[r];
    // Every value is escaped, the base URL too (`https://x.example/a&b` is a valid one).
    let base = &site.config.base_url.0;
    let esc = |s: &str| crate::write::xml_escape(s);
    let ids = crate::plan::region_services(site, r);
    let updated = ids.first().map_or(region.last_checked, |&i| {
        site.services[i].doc.front.value.last_checked
    });
    let page = esc(&format!("{base}{}", url::changes_url(site, lang, r)));
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{page}</id>\n<link rel=\"alternate\" href=\"{page}\"/>\n<link rel=\"self\" href=\"{page}{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        esc(lang),
        esc(&tr(strings, "changes_title").replace("{name}", &region.name)),
        url::FEED_FILE,
        esc(&site.config.title.get(lang).cloned().unwrap_or_default()),
    );
    for i in ids {
        let v = renderer.service(cache, i);
        let get = |k: &str| text_at(&v, k);
        let url = esc(&format!("{base}{}", get("url")));
        let cited: Vec<String> =
            views::source_views(site, strings, &site.services[i].doc.front.value.sources)
                .into_iter()
                .map(|s| format!("{} ({}, {})", s.title, s.publisher, s.date))
                .collect();
        x.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link rel=\"alternate\" href=\"{url}\"/>\n<updated>{}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            esc(&get("name")),
            esc(&get("last_checked")),
            esc(&format!("{} · {} · {}: {}", get("kind_label"), get("scope_label"), tr(strings, "source"), cited.join("; "))),
        ));
    }
    x.push_str("</feed>\n");
    x
}
