//! The search's topic files (see [`crate::model::topics`]): per language the topic index, with
//! each topic's words in every language and the distinctive words of service names, and one
//! file per topic listing its services per region. Read by the theme's `search.js`.

use std::collections::{BTreeMap, BTreeSet};

use crate::render::views::tr;
use crate::render::{text_at, Renderer};
use crate::url;

/// Services per region in a topic file (its own services first, then its municipalities'),
/// with the region's total (`c`): a nationwide topic like "uitkering" has hundreds, and
/// the file must stay smaller than a region's shard. The rest are on the topic's page and
/// in the region's shard, loaded once the reader names a place.
const PER_REGION: usize = 6;

/// `onderwerpen.json`: each topic's slug, name, page, file, and its words in every
/// language (typing English on a Dutch page finds the topic too).
pub fn topic_index(renderer: &Renderer, lang: &str) -> String {
    let chain = &renderer.site.language(lang).expect("language").chain;
    let topics: Vec<serde_json::Value> = renderer
        .site
        .topics
        .iter()
        .map(|t| {
            serde_json::json!({
                "s": t.slug,
                "n": t.name_in(lang, chain),
                "u": url::topic_url(lang, &t.slug),
                "f": url::topic_file_url(lang, &t.slug),
                "w": t.all_words(),
            })
        })
        .collect();
    let (regions, words) = name_words(renderer, lang);
    serde_json::to_string(&serde_json::json!({"t": topics, "rs": regions, "nw": words}))
        .unwrap_or_else(|_| "{}".into())
}

/// The distinctive words of service names and providers ("havenkade", "herberg"), each
/// with the regions (indices into the slugs returned first) whose shard has them: a
/// name typed without a place loads only those shards. Words of place names, words of
/// fewer than four letters and words in more than three regions are left out; they
/// would load many shards and say little.
fn name_words(
    renderer: &Renderer,
    lang: &str,
) -> (Vec<String>, std::collections::BTreeMap<String, Vec<usize>>) {
    let site = renderer.site;
    let cache = &renderer.langs[lang];
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
        .flat_map(&split)
        .collect();
    let mut words: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in site.services.iter().enumerate() {
        let Some(r) = renderer.service_regions[i] else {
            continue;
        };
        let v = renderer.service(cache, i);
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

/// One topic's file: per region its first services (see [`PER_REGION`]) and their number,
/// each with its name, page, kind and place (no summary, so the file stays small). Region `r` is empty for
/// the national lines.
pub fn topic_file(renderer: &Renderer, lang: &str, t: usize) -> String {
    let site = renderer.site;
    let strings = &site.language(lang).expect("language").strings;
    let cache = &renderer.langs[lang];
    let groups: Vec<serde_json::Value> = renderer
        .topic_groups(t)
        .into_iter()
        .map(|(r, ids)| {
            let items: Vec<serde_json::Value> = ids
                .iter()
                .take(PER_REGION)
                .map(|&i| {
                    let v = renderer.service(cache, i);
                    let mut item = serde_json::json!({
                        "t": text_at(&v, "name"), "u": text_at(&v, "url"),
                        "k": text_at(&v, "kind_label"), "p": text_at(&v, "scope_label"),
                    });
                    super::search::add_fallback(site, &v, &mut item);
                    item
                })
                .collect();
            match r {
                Some(r) => serde_json::json!({
                    "r": site.regions[r].slug,
                    "n": site.regions[r].name.clone(),
                    "s": items,
                    "c": ids.len(),
                }),
                None => {
                    serde_json::json!({"r": "", "n": tr(strings, "national_lines"), "s": items, "c": ids.len()})
                }
            }
        })
        .collect();
    serde_json::to_string(&groups).unwrap_or_else(|_| "[]".into())
}
