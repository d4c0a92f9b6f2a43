//! What a phone keeps for offline use: per municipality and language a list of URLs
//! (`offline.json`, beside the municipality's page) that `offline.js` hands to the service
//! worker: the lean set ([`lean`]) on a first visit, without being asked (issue 20: a first
//! visit used to fetch 70 pages, about 185 kB), and everything ([`essentials`]) when the
//! reader asks.

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
    serde_json::to_vec(&serde_json::json!({
        "urls": essentials(site, lang, m),
        "lean": lean(site, lang, m),
    }))
    .unwrap_or_default()
}

/// An answer kept in the lean set: tonight's places, and the danger answers (112, 113,
/// Veilig Thuis: their first need), which carry the national lines' numbers as call buttons.
fn kept(a: &crate::model::Answer) -> bool {
    crate::check::reach::is_tonight(a)
        || a.needs.first().is_some_and(|n| {
            matches!(
                n,
                crate::model::Need::Emergency
                    | crate::model::Need::SuicidePrevention
                    | crate::model::Need::DomesticViolence
            )
        })
}

/// The municipality page, the flow's way to its tonight answers and the danger answers
/// (every question on the way, so the flow works offline up to them, and the other answers
/// of the tonight question, such as "under 18"), the offline page and the static files.
/// The national lines are in it as the danger answers; their own pages are in the full set.
/// Sorted, without repeats: about 20 URLs, some 50 kB compressed.
pub fn lean(site: &Site, lang: &str, m: usize) -> Vec<String> {
    let mut urls = vec![municipality_url(site, lang, m), offline_url(lang)];
    let paths = plan::flow_paths(site);
    // Questions with an option that leads straight to a tonight answer.
    let tonight_questions: Vec<&str> = paths
        .iter()
        .filter_map(|(trail, node)| match node {
            plan::FlowNode::Answer(a)
                if site.answer(a).is_some_and(crate::check::reach::is_tonight) =>
            {
                trail.last().map(|(q, _)| q.as_str())
            }
            _ => None,
        })
        .collect();
    for (trail, node) in &paths {
        let plan::FlowNode::Answer(a) = node else {
            continue;
        };
        let sibling = trail
            .last()
            .is_some_and(|(q, _)| tonight_questions.contains(&q.as_str()));
        if sibling || site.answer(a).is_some_and(kept) {
            urls.extend((0..=trail.len()).map(|k| flow_url(site, lang, Some(m), &trail[..k])));
        }
    }
    urls.extend(STATIC_ESSENTIALS.iter().map(|s| s.to_string()));
    urls.sort();
    urls.dedup();
    urls
}
