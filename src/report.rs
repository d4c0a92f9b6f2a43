//! The reports `check` prints on request: `--translations` (how much of the site each
//! language covers, and in what state) and `--links` (the external links per file). They
//! read the checked site and judge nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::check::translations;
use crate::model::*;

/// One row of `check --translations`: how much of the site one language covers.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Coverage {
    pub language: String,
    /// Translatable files: services, explainer pages, municipality and region summaries.
    pub files: Counts,
    /// Questions and answers of the question flow.
    pub flow: Counts,
    /// Interface keys: total, present in the language's own file.
    pub interface: (usize, usize),
}

/// How many texts there are to translate, and in what state their translations are.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Counts {
    pub total: usize,
    pub translated: usize,
    /// Not translated: shown through the fallback chain.
    pub missing: usize,
    /// Translated from an earlier version of the original.
    pub outdated: usize,
    /// Translated, not yet checked by a fluent speaker.
    pub unreviewed: usize,
}

impl Counts {
    fn add(&mut self, translated: Option<(bool, bool)>) {
        self.total += 1;
        match translated {
            Some((reviewed, outdated)) => {
                self.translated += 1;
                self.unreviewed += usize::from(!reviewed);
                self.outdated += usize::from(outdated);
            }
            None => self.missing += 1,
        }
    }
}

/// Translation coverage per enabled language (the default language counts as complete).
pub fn coverage(
    site: &Site,
    interface_files: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Coverage> {
    use translations::{outdated, Summary};
    let default = site.default_language();
    let reference = interface_files.get(default).cloned().unwrap_or_default();
    site.languages
        .iter()
        .map(|l| {
            let code = l.code.as_str();
            let mine = |reviewed: bool, out: bool| Some((reviewed, out));
            let is_default = code == default;
            let mut files = Counts::default();
            let mut flow = Counts::default();
            for s in &site.services {
                files.add(if is_default {
                    mine(true, false)
                } else {
                    s.translations.get(code).map(|t| {
                        (
                            t.front.value.reviewed,
                            outdated(&s.doc, &t.front.value.translates),
                        )
                    })
                });
            }
            for p in &site.pages {
                files.add(if is_default {
                    mine(true, false)
                } else {
                    p.translations.get(code).map(|t| {
                        (
                            t.front.value.reviewed,
                            outdated(&p.doc, &t.front.value.translates),
                        )
                    })
                });
            }
            let places = site
                .place_summaries()
                .filter(|(_, summary, _)| summary.is_some());
            for (_, summary, tr) in places {
                files.add(if is_default {
                    mine(true, false)
                } else {
                    tr.get(code).filter(|t| t.value.summary.is_some()).map(|t| {
                        (
                            t.value.reviewed,
                            outdated(&Summary(summary.as_ref()), &t.value.translates),
                        )
                    })
                });
            }
            let tt = site.tree_translations.get(code).map(|t| &t.value);
            for q in &site.tree.questions {
                flow.add(if is_default {
                    mine(true, false)
                } else {
                    tt.filter(|t| {
                        t.questions.get(&q.id).is_some_and(|x| {
                            x.question.is_some()
                                && q.options.iter().all(|o| x.options.contains_key(&o.id))
                        })
                    })
                    .map(|t| {
                        let marked = t.translates.get(&format!("question/{}", q.id)).cloned();
                        (t.reviewed, outdated(q, &marked))
                    })
                });
            }
            for a in &site.tree.answers {
                flow.add(if is_default {
                    mine(true, false)
                } else {
                    tt.filter(|t| t.answers.get(&a.id).is_some_and(|x| x.title.is_some()))
                        .map(|t| {
                            let marked = t.translates.get(&format!("answer/{}", a.id)).cloned();
                            (t.reviewed, outdated(a, &marked))
                        })
                });
            }
            let own = if is_default {
                reference.len()
            } else {
                interface_files.get(code).map_or(0, |keys| {
                    reference.iter().filter(|k| keys.contains(*k)).count()
                })
            };
            Coverage {
                language: l.code.clone(),
                files,
                flow,
                interface: (reference.len(), own),
            }
        })
        .collect()
}

/// External links per content file (markdown links and `website` fields), for
/// `check --links`. Nothing is fetched: editors follow up by hand.
pub fn external_links(site: &Site) -> BTreeMap<PathBuf, Vec<String>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut add_markdown = |file: &PathBuf, body: &str| {
        for event in Parser::new(body) {
            if let Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) = event
            {
                if dest_url.starts_with("http://") || dest_url.starts_with("https://") {
                    out.entry(file.clone())
                        .or_default()
                        .push(dest_url.to_string());
                }
            }
        }
    };
    for s in &site.services {
        add_markdown(&s.doc.front.file, &s.doc.body);
        for t in s.translations.values() {
            add_markdown(&t.front.file, &t.body);
        }
    }
    for p in &site.pages {
        add_markdown(&p.doc.front.file, &p.doc.body);
        for t in p.translations.values() {
            add_markdown(&t.front.file, &t.body);
        }
    }
    for s in &site.services {
        if let Some(w) = s
            .doc
            .front
            .value
            .contact
            .as_ref()
            .and_then(|c| c.website.as_ref())
        {
            out.entry(s.doc.front.file.clone())
                .or_default()
                .push(w.0.clone());
        }
    }
    for links in out.values_mut() {
        links.sort();
        links.dedup();
    }
    out
}
