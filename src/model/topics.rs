//! Search by topic: the words people type for a need ("nachtopvang", "schulden", "debt"),
//! per language, from `content/topics.yaml`. The search page loads a small topic index and,
//! for a matched topic, one file listing that topic's services per region, so a query
//! without a place finds help everywhere without loading every region's shard. Each topic
//! also gets a static page per language (`/<lang>/onderwerp/<slug>/`) for readers without
//! a script and for a link a social worker can send.
//!
//! `content/topics.yaml` holds them: what each covers (needs and kinds of services) and the
//! words people type for it, per language. Editors add words there; `check::topics`
//! validates the file.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::Deserialize;

use super::content::{Kind, Need};
use crate::load::LoadedService;

/// One entry of `content/topics.yaml` (the file is a list of these).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    /// The topic's web address segment, the same in every language
    /// (`/nl/onderwerp/nachtopvang/`, `/en/onderwerp/nachtopvang/`): lower case, a-z 0-9 -.
    pub slug: String,
    /// Services that answer any of these needs belong to the topic.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Services of any of these kinds belong to the topic too.
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// The topic's name per language code, shown as a link and a page title.
    pub name: BTreeMap<String, String>,
    /// What people type for it, per language code: single words or short phrases. The
    /// name's words count too. Every language's words find the topic on every language's
    /// search page (people type English on a Dutch page).
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
}

/// A checked topic.
#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub needs: Vec<Need>,
    pub kinds: Vec<Kind>,
    pub name: BTreeMap<String, String>,
    pub words: BTreeMap<String, Vec<String>>,
}

impl Topic {
    /// The name in `lang`, else in the first of `chain` that has one.
    pub fn name_in<'a>(&'a self, lang: &str, chain: &[String]) -> &'a str {
        std::iter::once(lang)
            .chain(chain.iter().map(String::as_str))
            .find_map(|l| self.name.get(l))
            .or_else(|| self.name.values().next())
            .map_or(self.slug.as_str(), String::as_str)
    }

    /// Whether a service belongs to the topic.
    pub fn covers(&self, service: &LoadedService) -> bool {
        let f = &service.doc.front.value;
        self.kinds.contains(&f.kind) || f.needs.iter().any(|n| self.needs.contains(n))
    }

    /// Every word and phrase for the topic, its names first, in every language.
    pub fn all_words(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.name
            .values()
            .chain(self.words.values().flatten())
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty() && seen.insert(w.to_lowercase()))
            .collect()
    }
}
