//! The rules of `content/topics.yaml` (the search's topics, see [`crate::model::topics`]).

use std::collections::BTreeSet;

use crate::diagnostics::{hint, msg, Diagnostic, Diagnostics, Msg};
use crate::load::{LoadedService, Located};
use crate::model::topics::{Topic, TopicFile};

/// Checks `content/topics.yaml` against the site's languages and returns its topics. A
/// site without the file has no topics (the search still finds names and places).
pub fn check_topics(
    file: Option<&Located<Vec<TopicFile>>>,
    languages: &[String],
    default_language: &str,
    services: &[LoadedService],
    d: &mut Diagnostics,
) -> Vec<Topic> {
    let Some(file) = file else {
        return Vec::new();
    };
    let mut out: Vec<Topic> = Vec::new();
    let mut slugs = BTreeSet::new();
    for (i, t) in file.value.iter().enumerate() {
        let idx = i.to_string();
        let at = |field: &str| file.locate(&[idx.as_str(), field]);
        let here = |m: Msg, field: &str| Diagnostic::error(&file.file, m).at_opt(at(field));
        let ok_slug = !t.slug.is_empty()
            && t.slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok_slug {
            d.push(here(msg::topic_slug_not_for_web(&t.slug), "slug").hint(hint::topic_slug()));
            continue;
        }
        if !slugs.insert(t.slug.clone()) {
            d.push(here(msg::topic_twice(&t.slug), "slug").hint(hint::topic_own_slug()));
            continue;
        }
        if t.needs.is_empty() && t.kinds.is_empty() {
            d.push(
                here(msg::topic_covers_nothing(&t.slug), "slug").hint(hint::topic_needs_or_kinds()),
            );
            continue;
        }
        if !t.name.contains_key(default_language) {
            d.push(
                here(
                    msg::topic_without_default_name(&t.slug, default_language),
                    "name",
                )
                .hint(hint::topic_add_name(default_language)),
            );
            continue;
        }
        for key in t.name.keys().chain(t.words.keys()) {
            if !languages.iter().any(|l| l == key) {
                d.push(
                    Diagnostic::warning(&file.file, msg::topic_unknown_language(&t.slug, key))
                        .at_opt(at("name"))
                        .hint(hint::topic_language_codes()),
                );
            }
        }
        for lang in languages {
            if !t.name.contains_key(lang) {
                d.push(
                    Diagnostic::warning(&file.file, msg::topic_without_name(&t.slug, lang))
                        .at_opt(at("name"))
                        .hint(hint::topic_add_name(lang)),
                );
            }
        }
        for (lang, words) in &t.words {
            for w in words {
                if w.trim().is_empty() {
                    d.push(
                        Diagnostic::error(&file.file, msg::topic_empty_word(&t.slug, lang))
                            .at_opt(file.locate(&[idx.as_str(), "words", lang]))
                            .hint(hint::remove_empty_entry()),
                    );
                }
            }
        }
        if !services.iter().any(|s| {
            let f = &s.doc.front.value;
            t.kinds.contains(&f.kind) || f.needs.iter().any(|n| t.needs.contains(n))
        }) {
            d.push(
                Diagnostic::warning(&file.file, msg::topic_without_services(&t.slug))
                    .at_opt(at("slug")),
            );
        }
        out.push(Topic {
            slug: t.slug.clone(),
            needs: t.needs.clone(),
            kinds: t.kinds.clone(),
            name: t.name.clone(),
            words: t.words.clone(),
        });
    }
    out
}
