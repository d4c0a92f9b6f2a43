//! The rules of `content/topics.yaml` (the search's topics, see [`crate::model::topics`]).

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
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
        let here = |msg: String, field: &str| Diagnostic::error(&file.file, msg).at_opt(at(field));
        let ok_slug = !t.slug.is_empty()
            && t.slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok_slug {
            d.push(
                here(
                    format!(
                        "topic `{}`: the slug cannot be used in a web address",
                        t.slug
                    ),
                    "slug",
                )
                .hint("use only lower-case letters a-z, digits and dashes, e.g. `nachtopvang`"),
            );
            continue;
        }
        if !slugs.insert(t.slug.clone()) {
            d.push(
                here(format!("topic `{}` is listed twice", t.slug), "slug")
                    .hint("give each topic its own slug, or merge the two entries"),
            );
            continue;
        }
        if t.needs.is_empty() && t.kinds.is_empty() {
            d.push(
                here(format!("topic `{}` covers no service", t.slug), "slug").hint(
                    "add `needs: [...]` or `kinds: [...]` (the values services use, see content/README.md)",
                ),
            );
            continue;
        }
        if !t.name.contains_key(default_language) {
            d.push(
                here(
                    format!("topic `{}` has no name in `{default_language}`, the site's default language", t.slug),
                    "name",
                )
                .hint(format!("add `{default_language}: ...` under `name:`")),
            );
            continue;
        }
        for key in t.name.keys().chain(t.words.keys()) {
            if !languages.iter().any(|l| l == key) {
                d.push(
                    Diagnostic::warning(
                        &file.file,
                        format!("topic `{}`: `{key}` is not a language of this site", t.slug),
                    )
                    .at_opt(at("name"))
                    .hint("use the language codes of `languages:` in content/site.yaml"),
                );
            }
        }
        for lang in languages {
            if !t.name.contains_key(lang) {
                d.push(
                    Diagnostic::warning(
                        &file.file,
                        format!("topic `{}` has no name in `{lang}`; readers see the default language's", t.slug),
                    )
                    .at_opt(at("name"))
                    .hint(format!("add `{lang}: ...` under `name:`")),
                );
            }
        }
        for (lang, words) in &t.words {
            for w in words {
                if w.trim().is_empty() {
                    d.push(
                        Diagnostic::error(
                            &file.file,
                            format!("topic `{}`: an empty word in `words.{lang}`", t.slug),
                        )
                        .at_opt(file.locate(&[idx.as_str(), "words", lang]))
                        .hint("remove the empty entry"),
                    );
                }
            }
        }
        if !services.iter().any(|s| {
            let f = &s.doc.front.value;
            t.kinds.contains(&f.kind) || f.needs.iter().any(|n| t.needs.contains(n))
        }) {
            d.push(
                Diagnostic::warning(
                    &file.file,
                    format!("topic `{}` has no services yet; its page says so", t.slug),
                )
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
