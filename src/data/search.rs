//! The search indexes: per language a small main index (places, explainers, national
//! services) and one shard per region, so a phone fetches tens of kilobytes and never the
//! whole country. Read by the theme's `search.js`.

use crate::load::Scope;
use crate::model::Site;
use crate::render::views::{explainer_view, tr};
use crate::render::{text_at, LangCache, Renderer};
use crate::url;

/// The main search index of one language: municipalities and regions (each with the
/// slug of its region, `r`, to find that region's shard), explainers and the national
/// services. Loaded by the search page's script only when someone starts typing; it
/// stays small however many municipalities the site has (see [`search_shard`]).
pub fn search_index(renderer: &Renderer, lang: &str) -> String {
    let site = renderer.site;
    let strings = &site.language(lang).expect("language").strings;
    let cache = &renderer.langs[lang];
    let mut items = Vec::new();
    for m in &site.municipalities {
        let region = &site.regions[m.region];
        items.push(serde_json::json!({"t": m.name, "u": url::place_url(lang, &m.slug), "k": tr(strings, "municipality"), "p": region.name, "s": "", "w": "", "r": region.slug}));
    }
    for r in &site.regions {
        items.push(serde_json::json!({"t": r.name, "u": url::place_url(lang, &r.slug), "k": tr(strings, "region"), "p": "", "s": "", "w": "", "r": r.slug}));
    }
    for i in 0..site.pages.len() {
        let e = explainer_view(site, lang, i);
        items.push(serde_json::json!({"t": e.title, "u": e.url, "k": tr(strings, "explainers_title"), "p": "", "s": e.summary.unwrap_or_default(), "w": ""}));
    }
    for &i in site.scoped(&Scope::National) {
        items.push(search_item(renderer, cache, i));
    }
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

/// The search shard of one region: the region's own services and those of its
/// municipalities. The script loads a shard only for a place named in the search or the
/// page the person came from, so a phone fetches tens of kilobytes, not the whole country.
pub fn search_shard(renderer: &Renderer, lang: &str, region: usize) -> String {
    let cache = &renderer.langs[lang];
    let items: Vec<serde_json::Value> = crate::plan::region_services(renderer.site, region)
        .into_iter()
        .map(|i| search_item(renderer, cache, i))
        .collect();
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

/// One service in a search index, with the words people may type for it (place names,
/// provider, kind).
fn search_item(renderer: &Renderer, cache: &LangCache, i: usize) -> serde_json::Value {
    let site = renderer.site;
    let v = renderer.service(cache, i);
    let get = |k: &str| text_at(&v, k);
    let front = &site.services[i].doc.front.value;
    let mut words = vec![get("scope_label"), get("kind_label"), front.name.clone()];
    words.extend(front.provider.clone());
    // A regional service is found by the name of any of the region's municipalities.
    if let (Scope::Region(_), Some(r)) = (&site.services[i].scope, renderer.service_regions[i]) {
        words.extend(
            site.regions[r]
                .members
                .iter()
                .map(|&m| site.municipalities[m].name.clone()),
        );
    }
    let mut item = serde_json::json!({"t": get("name"), "u": get("url"), "k": get("kind_label"), "p": get("scope_label"), "s": get("summary"), "w": words.join(" "), "n": renderer.service_topics(i)});
    add_fallback(site, &v, &mut item);
    item
}

/// A card shown in a fallback language: the result carries that language, and the list
/// says once which languages (see search.js).
pub(crate) fn add_fallback(site: &Site, card: &tera::Value, item: &mut serde_json::Value) {
    if let Some(code) = card
        .get_from_path("fallback.code")
        .and_then(|c| c.as_str())
        .filter(|c| !c.is_empty())
    {
        let l = site.language(code);
        item["l"] = serde_json::json!(code);
        item["ld"] = serde_json::json!(l.map_or("ltr", |l| l.dir.as_str()));
        item["ln"] = serde_json::json!(l.map_or(code, |l| l.name.as_str()));
    }
}
