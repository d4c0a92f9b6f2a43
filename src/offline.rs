//! The lean offline set: what a phone keeps of a municipality after a first visit, without
//! being asked (issue 20: a first visit used to fetch 70 pages, about 185 kB). The full set
//! ([`crate::plan::offline_essentials`]) is saved only when the reader asks for it.

use crate::check::Site;
use crate::load::model::{Answer, Need};
use crate::plan::{flow_paths, flow_url, FlowNode, OFFLINE_SEGMENT, STATIC_ESSENTIALS};

/// An answer kept in the lean set: tonight's places, and the danger answers (112, 113,
/// Veilig Thuis: their first need), which carry the national lines' numbers as call buttons.
fn kept(a: &Answer) -> bool {
    crate::check::reach::is_tonight(a)
        || a.needs.first().is_some_and(|n| {
            matches!(
                n,
                Need::Emergency | Need::SuicidePrevention | Need::DomesticViolence
            )
        })
}

/// The municipality page, the flow's way to its tonight answers and the danger answers
/// (every question on the way, so the flow works offline up to them, and the other answers
/// of the tonight question, such as "under 18"), the offline page and the static files.
/// The national lines are in it as the danger answers; their own pages are in the full set.
/// Sorted, without repeats: about 25 URLs, 50 kB compressed.
pub fn lean(site: &Site, lang: &str, m: usize) -> Vec<String> {
    let mut urls = vec![
        format!("/{lang}/{}/", site.municipalities[m].slug),
        format!("/{lang}/{OFFLINE_SEGMENT}/"),
    ];
    let paths = flow_paths(site);
    // Questions with an option that leads straight to a tonight answer.
    let tonight_questions: Vec<&str> = paths
        .iter()
        .filter_map(|(trail, node)| match node {
            FlowNode::Answer(a) if site.answer(a).is_some_and(crate::check::reach::is_tonight) => {
                trail.last().map(|(q, _)| q.as_str())
            }
            _ => None,
        })
        .collect();
    for (trail, node) in &paths {
        let FlowNode::Answer(a) = node else { continue };
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
