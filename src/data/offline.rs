//! What a phone keeps for offline use: per municipality and language a list of URLs
//! (`offline.json`, beside the municipality's page) that `offline.js` hands to the service
//! worker when the reader asks.

use crate::load::Scope;
use crate::model::Site;
use crate::plan;
use crate::url::*;

/// Files every page needs, kept offline with each municipality's essentials.
pub const STATIC_ESSENTIALS: [&str; 5] = [
    "/static/site.css",
    "/static/favicon.svg",
    "/static/site.js",
    "/static/exit.js",
    "/static/offline.js",
];

/// What a phone keeps offline after visiting a municipality in one language: its page, the
/// whole question flow and every service the flow's answers show there (its front door,
/// tonight's shelters, the national lines), the offline page and the static files.
pub fn essentials(site: &Site, lang: &str, m: usize) -> Vec<String> {
    let mut urls = vec![municipality_url(site, lang, m), offline_url(lang)];
    let mut services: Vec<usize> = Vec::new();
    for (trail, node) in plan::flow_paths(site) {
        urls.push(flow_url(site, lang, Some(m), &trail));
        if let plan::FlowNode::Answer(a) = node {
            if let Some(ans) = site.answer(&a) {
                services.extend(site.matching(Some(m), &ans.needs).all());
            }
        }
    }
    // The municipality page's own "go here first" and "tonight" lists.
    for need in [
        crate::model::Need::FrontDoor,
        crate::model::Need::SleepTonight,
    ] {
        services.extend(site.matching(Some(m), &[need]).all());
    }
    services.extend(site.scoped(&Scope::National).iter().copied());
    services.sort_unstable();
    services.dedup();
    urls.extend(services.into_iter().map(|i| service_url(site, lang, i)));
    urls.extend(STATIC_ESSENTIALS.iter().map(|s| s.to_string()));
    urls.sort();
    urls.dedup();
    urls
}

/// The offline list of municipality `m` in `lang`, as `offline.json`.
pub fn list_file(site: &Site, lang: &str, m: usize) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "urls": essentials(site, lang, m) }))
        .unwrap_or_default()
}
