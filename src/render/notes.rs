//! The notes above a page in another language than the default: which texts are shown in a
//! fallback language, and whether a translation is unreviewed or out of date.

use tera::{Context, Value};

use super::*;

/// What a page says once about its texts (not once per card): which of them are in
/// another language than the page's, whether any is an unreviewed translation, and
/// whether the page's own translation is older than its original.
#[derive(Serialize, Default)]
pub(super) struct PageNotes {
    /// "Some texts on this page are not translated yet. You read them in: English."
    fallback: Option<String>,
    unreviewed: bool,
    /// The original, when the page's main text is a translation made before it changed.
    outdated_url: Option<String>,
}

/// Context keys that hold the texts of a page (cards, the page's item, the flow's words).
const TEXT_KEYS: [&str; 17] = [
    "region",
    "municipality",
    "service",
    "explainer",
    "answer",
    "question",
    "options",
    "summary",
    "sections",
    "front_doors",
    "tonight",
    "call_first",
    "call_now",
    "emergency",
    "explainer_list",
    "national",
    "region_services",
];

pub(super) fn page_notes(
    site: &Site,
    strings: &std::collections::BTreeMap<String, String>,
    ctx: &Context,
) -> PageNotes {
    let mut langs: Vec<String> = Vec::new();
    let mut unreviewed = ctx
        .get("flow_unreviewed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    fn scan(v: &Value, langs: &mut Vec<String>, unreviewed: &mut bool) {
        if let Some(items) = v.as_array() {
            for x in items {
                scan(x, langs, unreviewed);
            }
        } else if let Some(m) = v.as_map() {
            let fallback = m.get(&tera::value::Key::Str("fallback"));
            if let Some(f) = fallback {
                if let Some(code) = f
                    .as_map()
                    .and_then(|f| f.get(&tera::value::Key::Str("code")))
                {
                    if let Some(c) = code.as_str() {
                        if !langs.iter().any(|l| l == c) {
                            langs.push(c.to_string());
                        }
                    }
                }
                *unreviewed |= m
                    .get(&tera::value::Key::Str("unreviewed"))
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                return; // an item: its parts hold no other items
            }
            for x in m.values() {
                scan(x, langs, unreviewed);
            }
        }
    }
    for key in TEXT_KEYS {
        if let Some(v) = ctx.get(key) {
            scan(v, &mut langs, &mut unreviewed);
        }
    }
    let names: Vec<String> = langs
        .iter()
        .map(|c| {
            site.language(c)
                .map_or_else(|| c.clone(), |l| l.name.clone())
        })
        .collect();
    let main = ctx.get("service").or_else(|| ctx.get("explainer"));
    let outdated_url = main.and_then(|m| {
        let m = m.as_map()?;
        let outdated = m.get(&tera::value::Key::Str("outdated"))?.as_bool()?;
        outdated
            .then(|| {
                m.get(&tera::value::Key::Str("original_url"))
                    .and_then(|u| u.as_str().map(String::from))
            })
            .flatten()
    });
    PageNotes {
        fallback: (!names.is_empty())
            .then(|| tr(strings, "not_translated_note").replace("{languages}", &names.join(", "))),
        unreviewed,
        outdated_url,
    }
}
