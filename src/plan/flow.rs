//! The question flow's rules beyond its shape: where a flow started without a place asks
//! for one, and who the reader is from the options they chose. (The shape itself, a DAG of
//! questions and answers, is checked in `check` and walked in `plan`.)

use super::{flow_paths, FlowNode, FlowPath};
use crate::model::{Answer, AnswerAudience, Matches, Site};

/// The paths of a flow started without a municipality (from the home page). The safety
/// questions come first and need no place; the first question that needs one
/// (`needs_place: true`) becomes the place picker, at that question's URL, and nothing
/// after it is planned without a place: the picker links into the chosen municipality's
/// flow at the same step. So the place is asked early and the unplaced flow stays small.
pub fn unplaced_paths(site: &Site) -> Vec<FlowPath> {
    let needs_place = |qid: &str| site.question(qid).is_some_and(|q| q.needs_place);
    flow_paths(site)
        .into_iter()
        .filter(|(trail, _)| !trail.iter().any(|(q, _)| needs_place(q)))
        .map(|(trail, node)| match node {
            FlowNode::Question(q) if needs_place(&q) => (trail, FlowNode::Place(q)),
            other => (trail, other),
        })
        .collect()
}

/// The paths planned for a municipality (`Some`) or before one is chosen (`None`).
pub fn paths(site: &Site, municipality: Option<usize>) -> Vec<FlowPath> {
    match municipality {
        Some(_) => flow_paths(site),
        None => unplaced_paths(site),
    }
}

/// Who the reader is at `answer`, reached by `trail`: the answer's own audience, else the
/// last one an option on the way said ("for me and my children").
pub fn reader(site: &Site, answer: &Answer, trail: &[(String, String)]) -> Option<AnswerAudience> {
    answer.audience.clone().or_else(|| {
        trail.iter().rev().find_map(|(q, o)| {
            site.question(q)?
                .options
                .iter()
                .find(|x| &x.id == o)?
                .audience
                .clone()
        })
    })
}

/// What `answer` shows in municipality `m` after `trail`: the services for its needs,
/// without those for someone other than the reader (see [`reader`]).
pub fn matches(
    site: &Site,
    m: Option<usize>,
    answer: &Answer,
    trail: &[(String, String)],
) -> Matches {
    let mut out = site.matching(m, &answer.needs);
    if let Some(aud) = reader(site, answer, trail) {
        for list in [&mut out.local, &mut out.regional, &mut out.national] {
            list.retain(|&i| aud.fits(site.services[i].doc.front.value.audience.as_ref()));
        }
    }
    out
}
