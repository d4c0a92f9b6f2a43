//! Every URL of the site is made here, from the segments below: pages, data files and the
//! language alternates. A URL is a path from the site root (`/nl/assen/`), ending in `/` for
//! a page; the output file of a page is its URL plus `index.html`.
//!
//! The segments are the same in every language, so a link stays valid when the reader
//! switches language and a social worker can send it to anyone.

use crate::load::Scope;
use crate::model::Site;

/// URL segment of the question flow, the same in every language so links stay shareable.
pub const FLOW_SEGMENT: &str = "waar-kan-ik-terecht";
/// URL segment of the explainer pages.
pub const EXPLAINER_SEGMENT: &str = "uitleg";
/// The explainer page on hiding a visit (private browsing, clearing history): when the site
/// has it (`content/pages/verberg-je-bezoek.md`), every page links to it beside "exit".
pub const HIDE_VISIT_SLUG: &str = "verberg-je-bezoek";
/// URL segment of a flyer (print view) below a service or municipality page.
pub const FLYER_SEGMENT: &str = "flyer";
/// URL segment of a region's "what changed" page (its Atom feed is `feed.atom` beside it).
pub const CHANGES_SEGMENT: &str = "wat-is-er-veranderd";
/// URL segment of the search page.
pub const SEARCH_SEGMENT: &str = "zoeken";
/// Under the search page: one search shard per region, `regio/<region>.json`.
pub const SEARCH_SHARD_SEGMENT: &str = "regio";
/// URL segment of the offline fallback page.
pub const OFFLINE_SEGMENT: &str = "offline";
/// URL segment of the search's topic pages (and, under the search page, of the topic files).
pub const TOPIC_SEGMENT: &str = "onderwerp";
/// URL segment of national services.
pub const NATIONAL_SEGMENT: &str = "landelijk";

/// Name of a region's Atom feed, beside its "what changed" page.
pub const FEED_FILE: &str = "feed.atom";
/// Name of a municipality's list of files for offline use, beside its page.
pub const OFFLINE_LIST_FILE: &str = "offline.json";
/// Name of a language's main search index, beside its search page.
pub const SEARCH_INDEX_FILE: &str = "index.json";

/// URL segments the generator uses itself; no region or municipality may take them.
pub const RESERVED_SLUGS: [&str; 8] = [
    TOPIC_SEGMENT,
    EXPLAINER_SEGMENT,
    NATIONAL_SEGMENT,
    FLOW_SEGMENT,
    SEARCH_SEGMENT,
    "data",
    "static",
    OFFLINE_SEGMENT,
];

/// `/<lang>/`: a language's home page.
pub fn home_url(lang: &str) -> String {
    format!("/{lang}/")
}

/// `/<lang>/<slug>/`: a region's or a municipality's page.
pub fn place_url(lang: &str, slug: &str) -> String {
    format!("/{lang}/{slug}/")
}

pub fn region_url(site: &Site, lang: &str, r: usize) -> String {
    place_url(lang, &site.regions[r].slug)
}

pub fn municipality_url(site: &Site, lang: &str, m: usize) -> String {
    place_url(lang, &site.municipalities[m].slug)
}

/// A region's "what changed" page.
pub fn changes_url(site: &Site, lang: &str, r: usize) -> String {
    format!("{}{CHANGES_SEGMENT}/", region_url(site, lang, r))
}

/// A region's Atom feed, beside its "what changed" page.
pub fn feed_url(site: &Site, lang: &str, r: usize) -> String {
    format!("{}{FEED_FILE}", changes_url(site, lang, r))
}

/// The flyer (print view) below a page: a service's or a municipality's.
pub fn flyer_url(page_url: &str) -> String {
    format!("{page_url}{FLYER_SEGMENT}/")
}

/// A municipality's list of files to keep offline.
pub fn offline_list_url(site: &Site, lang: &str, m: usize) -> String {
    format!("{}{OFFLINE_LIST_FILE}", municipality_url(site, lang, m))
}

/// The page the service worker shows for a page it did not save.
pub fn offline_url(lang: &str) -> String {
    format!("/{lang}/{OFFLINE_SEGMENT}/")
}

/// The list of explainer pages.
pub fn explainers_url(lang: &str) -> String {
    format!("/{lang}/{EXPLAINER_SEGMENT}/")
}

/// One explainer page.
pub fn explainer_url(lang: &str, slug: &str) -> String {
    format!("{}{slug}/", explainers_url(lang))
}

/// A language's main search index, beside its search page.
/// `/<lang>/onderwerp/<slug>/`: a search topic's static page.
pub fn topic_url(lang: &str, slug: &str) -> String {
    format!("/{lang}/{TOPIC_SEGMENT}/{slug}/")
}

/// `/<lang>/onderwerp/<slug>/<region>/`: a search topic's services in one region, by
/// municipality (the topic page itself only lists the regions, so it stays small).
pub fn topic_region_url(lang: &str, slug: &str, region: &str) -> String {
    format!("{}{region}/", topic_url(lang, slug))
}

/// `/<lang>/zoeken/onderwerpen.json`: every topic with its words (the search page's
/// topic index).
pub fn topic_index_url(lang: &str) -> String {
    format!("{}onderwerpen.json", search_url(lang))
}

/// `/<lang>/zoeken/onderwerp/<slug>.json`: one topic's services, grouped by region.
pub fn topic_file_url(lang: &str, slug: &str) -> String {
    format!("{}{TOPIC_SEGMENT}/{slug}.json", search_url(lang))
}

pub fn search_index_url(lang: &str) -> String {
    format!("{}{SEARCH_INDEX_FILE}", search_url(lang))
}

/// The same page in another language: every URL but the landing page's starts with its
/// language, and the rest is the same in every language.
pub fn in_language(url: &str, lang: &str) -> String {
    let rest = url
        .trim_start_matches('/')
        .split_once('/')
        .map_or("", |(_, r)| r);
    format!("/{lang}/{rest}")
}

/// The output file of a URL, relative to the output folder: a page's `index.html`, or the
/// file itself.
pub fn out_path(url: &str) -> std::path::PathBuf {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        std::path::PathBuf::from(rel).join("index.html")
    } else {
        std::path::PathBuf::from(rel)
    }
}

/// URL of a flow step.
pub fn flow_url(
    site: &Site,
    lang: &str,
    municipality: Option<usize>,
    trail: &[(String, String)],
) -> String {
    let mut url = format!("/{lang}/");
    if let Some(m) = municipality {
        url.push_str(&site.municipalities[m].slug);
        url.push('/');
    }
    url.push_str(FLOW_SEGMENT);
    url.push('/');
    for (_, option) in trail {
        url.push_str(option);
        url.push('/');
    }
    url
}

/// The folder segment of a service's URL: its municipality, its region, or `landelijk`.
pub fn scope_segment(scope: &Scope) -> &str {
    match scope {
        Scope::National => NATIONAL_SEGMENT,
        Scope::Region(r) => r,
        Scope::Municipality(m) => m,
    }
}

/// The URL of a language's search page; its main index is `index.json` beside it.
pub fn search_url(lang: &str) -> String {
    format!("/{lang}/{SEARCH_SEGMENT}/")
}

/// The URL of a region's search shard (see `data::search::search_shard`).
pub fn search_shard_url(lang: &str, region: &str) -> String {
    format!("{}{SEARCH_SHARD_SEGMENT}/{region}.json", search_url(lang))
}

pub fn service_url(site: &Site, lang: &str, service: usize) -> String {
    let s = &site.services[service];
    format!("/{lang}/{}/{}/", scope_segment(&s.scope), s.id)
}
