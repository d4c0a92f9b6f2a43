//! Reachable help: the rules that make a page something a person can act on tonight.
//! A municipality must have a phone number; every "sleep tonight" answer must show, in every
//! municipality, a service with a phone number. Gaps that content cannot close yet (no
//! number answered at night, a shelter without a phone, contact details from an old source)
//! are warnings, listed once per region so that one look shows what is missing where.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{hint, label, msg, Diagnostic, Diagnostics};
use crate::load::{LoadedService, Located, Scope};
use crate::model::sources::{self, Register};
use crate::model::*;
use crate::model::{Region, Site};

/// An answer for someone without a place to sleep tonight.
pub fn is_tonight(a: &Answer) -> bool {
    a.needs.contains(&Need::SleepTonight)
}

/// Whether a service gives a number that is answered at night: a phone said to be answered
/// day and night, a separate night number, or a phone at a place that is open at night.
pub fn night_number(v: &ServiceFront) -> bool {
    let c = v.contact.clone().unwrap_or_default();
    if c.night_phone.is_some() {
        return true;
    }
    if c.phone.is_none() {
        return false;
    }
    c.phone_24h
        || v.hours.as_ref().is_some_and(|h| {
            h.always_open
                || h.days()
                    .iter()
                    .any(|(_, spans)| spans.iter().any(|s| s.overnight() || s.end == 1440))
        })
}

fn has_phone(v: &ServiceFront) -> bool {
    v.contact
        .as_ref()
        .is_some_and(|c| c.phone.is_some() || c.night_phone.is_some())
}

/// The "sleep tonight" answers that show no phone number in some municipality, with those
/// municipalities' slugs: errors. Shared by the full check and `serve`'s recheck after an
/// edit, which only needs to know whether there are any.
pub fn tonight_without_phone(site: &Site) -> Vec<(&Answer, Vec<&str>)> {
    site.tree
        .answers
        .iter()
        .filter(|a| is_tonight(a))
        .map(|a| {
            let missing: Vec<&str> = (0..site.municipalities.len())
                .filter(|&m| {
                    !site
                        .answer_matches(Some(m), a)
                        .all()
                        .any(|i| has_phone(&site.services[i].doc.front.value))
                })
                .map(|m| site.municipalities[m].slug.as_str())
                .collect();
            (a, missing)
        })
        .filter(|(_, missing)| !missing.is_empty())
        .collect()
}

pub fn check_reachable(site: &Site, tree: &Located<TreeFile>, d: &mut Diagnostics) {
    for (a, missing) in tonight_without_phone(site) {
        d.push(
            Diagnostic::error(
                &tree.file,
                msg::tonight_without_phone(&a.id, missing.join(", ")),
            )
            .at_opt(tree.locate_value_after("answers:", &format!("id: {}", a.id)))
            .hint(hint::tonight_phone()),
        );
    }
    // The region of each service, found once (not per region and service).
    let region_by_slug: HashMap<&str, usize> = site
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.as_str(), i))
        .chain(
            site.municipalities
                .iter()
                .map(|m| (m.slug.as_str(), m.region)),
        )
        .collect();
    let region_of: Vec<Option<usize>> = site
        .services
        .iter()
        .map(|s| match &s.scope {
            Scope::Region(slug) | Scope::Municipality(slug) => {
                region_by_slug.get(slug.as_str()).copied()
            }
            Scope::National => None,
        })
        .collect();
    // Per region: the municipalities where a tonight answer has no number for the night.
    for (r_index, r) in site.regions.iter().enumerate() {
        let mut lines = Vec::new();
        for a in site.tree.answers.iter().filter(|a| is_tonight(a)) {
            let without: Vec<&str> = r
                .members
                .iter()
                .filter(|&&m| {
                    !site
                        .answer_matches(Some(m), a)
                        .all()
                        .any(|i| night_number(&site.services[i].doc.front.value))
                })
                .map(|&m| site.municipalities[m].slug.as_str())
                .collect();
            if !without.is_empty() {
                lines.push(label::answer_in(&a.id, without.join(", ")));
            }
        }
        if !lines.is_empty() {
            d.push(
                Diagnostic::warning(
                    &r.file,
                    msg::no_night_number(&r.slug, crate::diagnostics::Text::join(&lines, "; ")),
                )
                .hint(hint::add_night_number()),
            );
        }
        let shelters: Vec<&str> = site
            .services
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                region_of[*i] == Some(r_index)
                    && s.doc.front.value.kind == Kind::Shelter
                    && !has_phone(&s.doc.front.value)
            })
            .map(|(_, s)| s.id.as_str())
            .collect();
        if !shelters.is_empty() {
            d.push(
                Diagnostic::warning(
                    &r.file,
                    msg::shelters_without_phone(&r.slug, shelters.len(), shelters.join(", ")),
                )
                .hint(hint::add_public_phone()),
            );
        }
    }
}

/// Contact details resting on a source older than `contact_source_max_age_days`: one
/// warning per region (or for the national lines), naming the services.
pub fn warn_old_contact_sources(
    services: &[LoadedService],
    regions: &[Region],
    municipalities: &[crate::model::Municipality],
    register: &Register,
    config: &SiteConfig,
    today: Date,
    d: &mut Diagnostics,
) {
    let limit = i64::from(config.contact_source_max_age_days);
    let region_of_muni: HashMap<&str, usize> = municipalities
        .iter()
        .map(|m| (m.slug.as_str(), m.region))
        .collect();
    let mut groups: BTreeMap<PathBuf, (crate::diagnostics::Text, Vec<String>)> = BTreeMap::new();
    for s in services {
        let v = &s.doc.front.value;
        let facts = sources::contact_facts(v);
        let Some(date) = sources::contact_date(&v.sources, &facts, register) else {
            continue;
        };
        let old = match sources::age_days(date, today) {
            Some(age) => age > limit,
            None => true,
        };
        if !old {
            continue;
        }
        let (file, label) = match &s.scope {
            Scope::National => (PathBuf::from("content/national"), label::national_lines()),
            Scope::Region(r) => match regions.iter().find(|x| &x.slug == r) {
                Some(x) => (x.file.clone(), label::region(r)),
                None => continue,
            },
            Scope::Municipality(m) => {
                match region_of_muni.get(m.as_str()).and_then(|&r| regions.get(r)) {
                    Some(x) => (x.file.clone(), label::region(&x.slug)),
                    None => (s.doc.front.file.clone(), label::municipality(m)),
                }
            }
        };
        groups
            .entry(file)
            .or_insert_with(|| (label, Vec::new()))
            .1
            .push(format!("{} ({date})", s.id));
    }
    for (file, (label, ids)) in groups {
        d.push(
            Diagnostic::warning(
                file,
                msg::old_contact_sources(label, ids.len(), limit, ids.join(", ")),
            )
            .hint(hint::newer_source()),
        );
    }
}

/// The reachable-help figures of one region (or of the whole site), for the closing note of
/// a content round and for the test that keeps them from dropping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub municipalities: usize,
    pub municipalities_with_phone: usize,
    /// Without a phone, but with a note of where it was looked for.
    pub municipalities_phone_searched: usize,
    pub services: usize,
    pub services_with_contact: usize,
    pub shelters: usize,
    pub shelters_with_phone: usize,
    /// (municipality, tonight answer) pairs.
    pub tonight_answers: usize,
    pub tonight_with_number: usize,
    pub tonight_with_night_number: usize,
    /// Cited sources by kind, and by age of the source: ≤ 1 year, ≤ 2 years, older, undated.
    pub sources_by_kind: BTreeMap<String, usize>,
    pub sources_by_age: [usize; 4],
}

/// Coverage per region, by region slug, plus the national lines under `landelijk`.
pub fn coverage(site: &Site, today: Date) -> BTreeMap<String, Coverage> {
    let mut out: BTreeMap<String, Coverage> = BTreeMap::new();
    let region_of = |s: &LoadedService| -> String {
        match &s.scope {
            Scope::National => "landelijk".to_string(),
            Scope::Region(r) => r.clone(),
            Scope::Municipality(m) => site
                .municipality_index(m)
                .map(|i| site.regions[site.municipalities[i].region].slug.clone())
                .unwrap_or_default(),
        }
    };
    let mut cited: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for m in &site.municipalities {
        let c = out.entry(site.regions[m.region].slug.clone()).or_default();
        c.municipalities += 1;
        c.municipalities_with_phone += usize::from(m.contact.phone.is_some());
        c.municipalities_phone_searched +=
            usize::from(m.contact.phone.is_none() && m.phone_not_found.is_some());
        cited
            .entry(site.regions[m.region].slug.clone())
            .or_default()
            .extend(m.sources.iter().map(|x| x.id().to_string()));
    }
    for s in &site.services {
        let v = &s.doc.front.value;
        let region = region_of(s);
        cited
            .entry(region.clone())
            .or_default()
            .extend(v.sources.iter().map(|x| x.id().to_string()));
        let c = out.entry(region).or_default();
        c.services += 1;
        c.services_with_contact += usize::from(!sources::contact_facts(v).is_empty());
        if v.kind == Kind::Shelter {
            c.shelters += 1;
            c.shelters_with_phone += usize::from(has_phone(v));
        }
    }
    for (mi, m) in site.municipalities.iter().enumerate() {
        let c = out.entry(site.regions[m.region].slug.clone()).or_default();
        for a in site.tree.answers.iter().filter(|a| is_tonight(a)) {
            let shown: Vec<usize> = site.answer_matches(Some(mi), a).all().collect();
            c.tonight_answers += 1;
            c.tonight_with_number += usize::from(
                shown
                    .iter()
                    .any(|&i| has_phone(&site.services[i].doc.front.value)),
            );
            c.tonight_with_night_number += usize::from(
                shown
                    .iter()
                    .any(|&i| night_number(&site.services[i].doc.front.value)),
            );
        }
    }
    for (region, ids) in cited {
        let c = out.entry(region).or_default();
        for id in ids {
            let Some(src) = site.sources.get(&id) else {
                continue;
            };
            let kind = serde_json::to_value(src.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *c.sources_by_kind.entry(kind).or_default() += 1;
            let bucket = match sources::age_days(src.date, today) {
                Some(d) if d <= 366 => 0,
                Some(d) if d <= 731 => 1,
                Some(_) => 2,
                None => 3,
            };
            c.sources_by_age[bucket] += 1;
        }
    }
    out
}
