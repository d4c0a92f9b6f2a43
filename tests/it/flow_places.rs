//! The question flow of the default site knows the place early and uses every answer
//! (issue 20): from the home page it asks the municipality right after the safety
//! questions, and every option of every question changes what the reader is shown.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::*;
use onderdak::model::Date;
use onderdak::plan::FlowNode;

fn site() -> onderdak::model::Site {
    let (site, diags) = onderdak::check_site_on(&root(), Date::today());
    assert!(!diags.has_errors(), "the default site must pass check");
    site.unwrap()
}

#[test]
fn the_flow_from_home_asks_the_place_after_the_safety_questions() {
    let site = site();
    let paths = onderdak::plan::flow::unplaced_paths(&site);
    let questions: BTreeSet<&str> = paths
        .iter()
        .filter_map(|(_, n)| match n {
            FlowNode::Question(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    let places: Vec<&str> = paths
        .iter()
        .filter_map(|(_, n)| match n {
            FlowNode::Place(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        questions,
        BTreeSet::from(["gevaar", "geweld"]),
        "only the safety questions come before the place"
    );
    assert_eq!(places, ["slapen"], "the place is asked before `slapen`");
    // With a place, the whole flow; the unplaced flow is much smaller.
    let all = onderdak::plan::flow_paths(&site);
    assert!(
        paths.len() * 3 < all.len(),
        "{} of {}",
        paths.len(),
        all.len()
    );
}

/// What the reader sees at the end of a path in municipality `m`: the answer and the
/// services it shows.
type Result = (String, Vec<usize>);

#[test]
fn every_option_of_every_question_changes_what_is_shown() {
    let site = site();
    let paths = onderdak::plan::flow_paths(&site);
    let ends: Vec<(&Vec<(String, String)>, &str)> = paths
        .iter()
        .filter_map(|(t, n)| match n {
            FlowNode::Answer(a) => Some((t, a.as_str())),
            _ => None,
        })
        .collect();
    let mut no_effect = Vec::new();
    let mut compared = 0;
    for (trail, node) in &paths {
        let FlowNode::Question(qid) = node else {
            continue;
        };
        let q = site.question(qid).unwrap();
        // Per option: per municipality, every result reachable after choosing it.
        let outcome = |option: &str| -> Vec<BTreeSet<Result>> {
            let mut prefix = trail.clone();
            prefix.push((qid.clone(), option.to_string()));
            (0..site.municipalities.len())
                .map(|m| {
                    ends.iter()
                        .filter(|(t, _)| t.starts_with(&prefix))
                        .map(|(t, a)| {
                            let answer = site.answer(a).unwrap();
                            let shown = onderdak::plan::flow::matches(&site, Some(m), answer, t);
                            (a.to_string(), shown.all().collect())
                        })
                        .collect()
                })
                .collect()
        };
        let outcomes: BTreeMap<&str, Vec<BTreeSet<Result>>> = q
            .options
            .iter()
            .map(|o| (o.id.as_str(), outcome(&o.id)))
            .collect();
        for (i, a) in q.options.iter().enumerate() {
            for b in &q.options[i + 1..] {
                compared += 1;
                if outcomes[a.id.as_str()] == outcomes[b.id.as_str()] {
                    no_effect.push(format!("{qid}: `{}` and `{}`", a.id, b.id));
                }
            }
        }
    }
    assert!(compared > 10, "only {compared} pairs compared");
    no_effect.sort();
    no_effect.dedup();
    assert!(
        no_effect.is_empty(),
        "options that lead to the same results in every municipality:\n{}",
        no_effect.join("\n")
    );
}

#[test]
fn the_lean_offline_set_is_part_of_the_full_one_and_holds_tonight() {
    let site = site();
    let paths = onderdak::plan::flow_paths(&site);
    for lang in ["nl", "ar"] {
        for m in 0..site.municipalities.len() {
            let lean = onderdak::data::offline::lean(&site, lang, m);
            let full: BTreeSet<String> = onderdak::data::offline::essentials(&site, lang, m)
                .into_iter()
                .collect();
            let slug = &site.municipalities[m].slug;
            assert!(
                lean.contains(&format!("/{lang}/{slug}/")),
                "{lang} {slug}: no page"
            );
            for u in &lean {
                assert!(
                    full.contains(u),
                    "{lang} {slug}: {u} is lean but not in the full set"
                );
            }
            assert!(
                lean.len() * 2 < full.len(),
                "{lang} {slug}: lean {} of {}",
                lean.len(),
                full.len()
            );
            // Every tonight answer and every danger answer, with the questions on the way.
            for (trail, node) in &paths {
                let FlowNode::Answer(a) = node else { continue };
                let a = site.answer(a).unwrap();
                let danger = a.exit_button && !a.needs.contains(&onderdak::model::Need::FrontDoor);
                if onderdak::check::reach::is_tonight(a) || danger {
                    for k in 0..=trail.len() {
                        let u = onderdak::url::flow_url(&site, lang, Some(m), &trail[..k]);
                        assert!(
                            lean.contains(&u),
                            "{lang} {slug}: {u} (on the way to {}) not lean",
                            a.id
                        );
                    }
                }
            }
        }
    }
}
