//! What templates see: plain serialisable views, built once per (item, language) and turned
//! into tera values once, so a page's context is assembled from cheap shared clones.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Scope;
use crate::model::Site;
use crate::model::*;
use crate::url::{scope_segment, service_url};

use super::markdown;

/// The language a block of text is shown in when it is not the page's own (a fallback).
/// Only that block carries `lang` and `dir`; the headings, labels and notices around it
/// stay in the page's language and direction.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShownIn {
    pub code: String,
    pub dir: String,
}

/// `None` when a text in `text_lang` is in the page's own language.
pub fn shown_in(site: &Site, page_lang: &str, text_lang: &str) -> Option<ShownIn> {
    (page_lang != text_lang).then(|| ShownIn {
        code: text_lang.to_string(),
        dir: site
            .language(text_lang)
            .map_or_else(|| "ltr".to_string(), |l| l.dir.clone()),
    })
}

/// The translation a page in `lang` shows: its own, else the first language of its
/// fallback chain that has one. `None`: the original, in the default language.
pub fn pick_translation<'a, F>(
    site: &Site,
    lang: &str,
    translations: &'a BTreeMap<String, crate::load::Doc<F>>,
) -> Option<(&'a str, &'a crate::load::Doc<F>)> {
    site.translation_languages(lang)
        .find_map(|l| translations.get_key_value(l))
        .map(|(k, d)| (k.as_str(), d))
}

/// A municipality's or region's summary as a page in `lang` shows it: its own translation,
/// else the fallback chain's, else the original.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceSummary {
    pub summary: Option<String>,
    pub fallback: Option<ShownIn>,
    pub unreviewed: bool,
}

pub fn place_summary(
    site: &Site,
    lang: &str,
    summary: &Option<String>,
    translations: &BTreeMap<String, crate::load::Located<PlaceTranslation>>,
) -> PlaceSummary {
    let default = site.default_language();
    let picked = site.translation_languages(lang).find_map(|l| {
        translations
            .get(l)
            .and_then(|t| t.value.summary.clone().map(|s| (l, s, !t.value.reviewed)))
    });
    match picked {
        Some((l, s, unreviewed)) => PlaceSummary {
            summary: Some(s),
            fallback: shown_in(site, lang, l),
            unreviewed,
        },
        None => PlaceSummary {
            summary: summary.clone(),
            fallback: summary.as_ref().and_then(|_| shown_in(site, lang, default)),
            unreviewed: false,
        },
    }
}

/// Looks up an interface string; `check` has made sure every key exists.
pub fn tr<'a>(strings: &'a BTreeMap<String, String>, key: &'a str) -> &'a str {
    strings.get(key).map(String::as_str).unwrap_or(key)
}

#[derive(Debug, Clone, Serialize)]
pub struct AddressView {
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// One line for lists: "Havenkade, Assen".
    pub line: String,
    /// A plain link to OpenStreetMap's search (no embedded map, nothing loaded until tapped).
    pub map_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    pub day: String,
    pub spans: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExceptionView {
    pub date: String,
    /// The date in words in the page's language: "25 december 2026".
    pub words: String,
    pub closed: bool,
    pub spans: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HoursView {
    pub always_open: bool,
    /// Any times known (see [`Hours::has_times`]). Without them the page shows the note
    /// only: no week of "closed" and no "open now" verdict.
    pub has_times: bool,
    /// The week, or empty when no times are known.
    pub days: Vec<DayView>,
    pub exceptions: Vec<ExceptionView>,
    pub note: Option<String>,
    /// Machine form for the "open now" script: {"always":bool,"week":[[ [start,end],..],..7],"ex":{"YYYY-MM-DD":[[s,e]]}}
    pub json: String,
}

/// A service as one language shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    #[serde(flatten)]
    pub card: ServiceCard,
    pub body_html: String,
    /// schema.org JSON-LD for search engines, safe to put inside a script element.
    pub jsonld: String,
    /// Name, phone, address, hours and link as plain text, for one SMS or chat message.
    pub text: String,
}

/// What lists of services show (cards, sections, feeds, the search index): everything
/// about a service but its text, JSON-LD and plain-text summary, which only its own page
/// shows. Cards are kept for the whole build; the rest is made for the one page.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceCard {
    pub id: String,
    pub url: String,
    pub name: String,
    pub summary: Option<String>,
    pub kind: &'static str,
    pub kind_label: String,
    /// Where it belongs, for readers: "Landelijk", "Regio Assen", "Tynaarlo".
    pub scope_label: String,
    pub scope_url: Option<String>,
    pub provider: Option<String>,
    pub capacity: Option<String>,
    pub stay: Option<String>,
    pub cost: Option<String>,
    pub bring: Vec<String>,
    pub languages: Vec<String>,
    pub age: Option<String>,
    pub groups: Vec<String>,
    pub audience_note: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub phone_note: Option<String>,
    /// A source says the phone is answered day and night.
    pub phone_24h: bool,
    pub night_phone: Option<String>,
    pub night_tel: Option<String>,
    pub night_phone_note: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub walk_in: bool,
    pub address: Option<AddressView>,
    pub hours: Option<HoursView>,
    /// The sources, as readers see them: title, publisher, date, link.
    pub sources: Vec<SourceView>,
    /// "Contact details from January 2024: call first to check", when the service has
    /// contact details: readers must know how old a phone number or an address is.
    pub contact_age: Option<String>,
    pub last_checked: String,
    /// The language its texts are shown in when there is no translation into the page's.
    pub fallback: Option<ShownIn>,
    /// A translation nobody fluent has checked yet.
    pub unreviewed: bool,
    /// The original changed after the translation was made (see `translations mark`).
    pub outdated: bool,
    /// The page in the default language, for "the Dutch text is newer".
    pub original_url: String,
    pub has_contact: bool,
}

/// Everything a service's own page shows.
pub fn service_view(site: &Site, lang: &str, i: usize) -> ServiceView {
    let s = &site.services[i];
    let t = pick_translation(site, lang, &s.translations).map(|(_, d)| d);
    let card = service_card(site, lang, i);
    ServiceView {
        body_html: markdown::to_html(t.map_or(&s.doc.body, |d| &d.body)),
        jsonld: jsonld(site, lang, i, &card),
        text: service_text(site, lang, i, &card),
        card,
    }
}

/// Name, phone, address, hours and link as plain text.
fn service_text(site: &Site, lang: &str, i: usize, card: &ServiceCard) -> String {
    let v = &site.services[i].doc.front.value;
    let strings = &site
        .language(lang)
        .expect("planned languages exist")
        .strings;
    let mut lines = vec![card.name.clone()];
    if let Some(p) = &card.phone {
        lines.push(format!("{} {}", tr(strings, "call"), p));
    }
    if let Some(a) = &card.address {
        lines.push(a.line.clone());
    }
    if let Some(h) = &v.hours {
        if h.always_open {
            lines.push(tr(strings, "always_open").to_string());
        } else {
            let days: Vec<String> = h
                .days()
                .iter()
                .filter(|(_, spans)| !spans.is_empty())
                .map(|(d, spans)| {
                    let day: String = tr(strings, &format!("day_{d}")).chars().take(2).collect();
                    format!(
                        "{day} {}",
                        spans
                            .iter()
                            .map(Span::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect();
            if !days.is_empty() {
                lines.push(days.join("; "));
            }
        }
    }
    lines.push(format!(
        "{}{}",
        site.config.base_url.0,
        service_url(site, lang, i)
    ));
    lines.join("\n")
}

pub fn service_card(site: &Site, lang: &str, i: usize) -> ServiceCard {
    let s = &site.services[i];
    let v = &s.doc.front.value;
    let strings = &site
        .language(lang)
        .expect("planned languages exist")
        .strings;
    let t = pick_translation(site, lang, &s.translations);
    let text_lang = t.map_or(site.default_language(), |(l, _)| l);
    let tv = t.map(|(_, d)| &d.front.value);
    let pick = |tr: Option<&Option<String>>, orig: &Option<String>| {
        tr.and_then(|x| x.clone()).or_else(|| orig.clone())
    };
    let contact = v.contact.clone().unwrap_or_default();
    let address = address_view(v.address.as_ref());
    let (scope_label, scope_url) = match &s.scope {
        Scope::National => (tr(strings, "national").to_string(), None),
        Scope::Region(r) => {
            let name = site
                .regions
                .iter()
                .find(|x| &x.slug == r)
                .map_or(r.clone(), |x| x.name.clone());
            (name, Some(crate::url::place_url(lang, r)))
        }
        Scope::Municipality(m) => {
            let name = site
                .municipalities
                .iter()
                .find(|x| &x.slug == m)
                .map_or(m.clone(), |x| x.name.clone());
            (name, Some(crate::url::place_url(lang, m)))
        }
    };
    let age = v
        .audience
        .as_ref()
        .and_then(|a| match (a.min_age, a.max_age) {
            (Some(lo), Some(hi)) => Some(
                tr(strings, "age_range")
                    .replace("{min}", &lo.to_string())
                    .replace("{max}", &hi.to_string()),
            ),
            (Some(lo), None) => Some(tr(strings, "age_from").replace("{min}", &lo.to_string())),
            (None, Some(hi)) => Some(tr(strings, "age_to").replace("{max}", &hi.to_string())),
            (None, None) => None,
        });
    let has_address = address.is_some();
    ServiceCard {
        id: s.id.clone(),
        url: service_url(site, lang, i),
        name: tv
            .and_then(|x| x.name.clone())
            .unwrap_or_else(|| v.name.clone()),
        summary: pick(tv.map(|x| &x.summary), &v.summary),
        kind: v.kind.as_str(),
        kind_label: tr(strings, &kind_key(v.kind)).to_string(),
        scope_label,
        scope_url,
        provider: v.provider.clone(),
        capacity: pick(tv.map(|x| &x.capacity), &v.capacity),
        stay: pick(tv.map(|x| &x.stay), &v.stay),
        cost: pick(tv.map(|x| &x.cost), &v.cost),
        bring: tv
            .and_then(|x| x.bring.clone())
            .unwrap_or_else(|| v.bring.clone()),
        languages: v
            .languages
            .iter()
            .map(|l| {
                site.language(&l.0)
                    .map_or_else(|| l.0.clone(), |x| x.name.clone())
            })
            .collect(),
        age,
        groups: v
            .audience
            .as_ref()
            .map(|a| {
                a.groups
                    .iter()
                    .map(|g| tr(strings, &format!("group_{}", group_key(*g))).to_string())
                    .collect()
            })
            .unwrap_or_default(),
        audience_note: pick(
            tv.map(|x| &x.audience_note),
            &v.audience.as_ref().and_then(|a| a.note.clone()),
        ),
        phone: contact.phone.as_ref().map(|p| p.0.clone()),
        tel: contact.phone.as_ref().map(Phone::tel_uri),
        phone_note: pick(tv.map(|x| &x.phone_note), &contact.phone_note),
        phone_24h: contact.phone_24h,
        night_phone: contact.night_phone.as_ref().map(|p| p.0.clone()),
        night_tel: contact.night_phone.as_ref().map(Phone::tel_uri),
        night_phone_note: pick(tv.map(|x| &x.night_phone_note), &contact.night_phone_note),
        email: contact.email.as_ref().map(|e| e.0.clone()),
        website: contact.website.as_ref().map(|w| w.0.clone()),
        walk_in: contact.walk_in,
        has_contact: contact.phone.is_some()
            || contact.night_phone.is_some()
            || contact.email.is_some()
            || contact.website.is_some()
            || has_address,
        address,
        hours: v
            .hours
            .as_ref()
            .map(|h| hours_view(h, strings, pick(tv.map(|x| &x.hours_note), &h.note))),
        sources: source_views(site, strings, &v.sources),
        contact_age: contact_age(
            site,
            strings,
            &v.sources,
            &crate::model::sources::contact_facts(v),
        ),
        last_checked: v.last_checked.to_string(),
        fallback: shown_in(site, lang, text_lang),
        unreviewed: tv.is_some_and(|x| !x.reviewed),
        outdated: t.is_some_and(|(_, d)| {
            crate::check::translations::outdated(&s.doc, &d.front.value.translates)
        }),
        original_url: service_url(site, site.default_language(), i),
    }
}

/// A source as a reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub title: String,
    pub publisher: String,
    /// In words, in the page's language: "januari 2024".
    pub date: String,
    pub url: Option<String>,
    pub section: Option<String>,
}

pub fn source_views(
    site: &Site,
    strings: &BTreeMap<String, String>,
    cites: &[Citation],
) -> Vec<SourceView> {
    let mut out: Vec<SourceView> = Vec::new();
    for c in cites {
        let Some(s) = site.sources.get(c.id()) else {
            continue; // `TODO`, which check reported
        };
        let view = SourceView {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date: date_words(strings, s.date),
            url: s.url.clone(),
            section: c.section().map(|sec| {
                let mut parts: Vec<&str> = Vec::new();
                for part in sec.split("; ") {
                    if !parts.contains(&part) {
                        parts.push(part);
                    }
                }
                parts.join("; ")
            }),
        };
        match out
            .iter_mut()
            .find(|o| o.title == view.title && o.url == view.url)
        {
            Some(o) => {
                if let Some(sec) = view.section {
                    let mut parts: Vec<String> = o
                        .section
                        .take()
                        .map(|p| p.split("; ").map(str::to_string).collect())
                        .unwrap_or_default();
                    for part in sec.split("; ") {
                        if !parts.iter().any(|x| x == part) {
                            parts.push(part.to_string());
                        }
                    }
                    o.section = Some(parts.join("; "));
                }
            }
            None => out.push(view),
        }
    }
    out
}

/// A source's date in words: "2024", "januari 2024", "15 januari 2024".
pub fn date_words(strings: &BTreeMap<String, String>, d: SourceDate) -> String {
    let month = |m: u8| tr(strings, MONTH_KEYS[usize::from(m) - 1]).to_string();
    match d {
        SourceDate::Year(y) => y.to_string(),
        SourceDate::Month(y, m) => format!("{} {y}", month(m)),
        SourceDate::Day(d) => format!("{} {} {}", d.day, month(d.month), d.year),
        SourceDate::Unknown => tr(strings, "date_unknown").to_string(),
    }
}

/// Interface texts the views use from Rust (not from templates): `check` requires them too.
pub const MONTH_KEYS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];
/// Every interface text the Rust code looks up by a fixed key (templates' texts are found in
/// the templates). A test reads the sources and fails when a lookup's key is not listed here.
pub const RUST_TEXTS: [&str; 42] = [
    "age_from",
    "age_range",
    "age_to",
    "always_open",
    "bring",
    "call",
    "changes_intro",
    "changes_title",
    "choose_language_prompt",
    "closed",
    "contact_from",
    "contact_undated",
    "date_unknown",
    "explainers_title",
    "flow_for",
    "help_in",
    "home_intro",
    "in_your_municipality",
    "in_your_region",
    "landing_title",
    "municipality",
    "national",
    "national_lines",
    "not_found_text",
    "not_found_title",
    "not_translated_note",
    "offline_text",
    "offline_title",
    "place_help",
    "place_question",
    "region",
    "saved_on",
    "search",
    "search_label",
    "source",
    "tonight_places",
    "topic_count",
    "topic_intro",
    "topic_region_intro",
    "topic_region_title",
    "topic_region_wide",
    "walk_in",
];

/// Every interface text the Rust code uses: [`RUST_TEXTS`] and the families whose key is
/// made from a value (`kind_*`, `group_*`, `day_*`, `month_*`). `check` requires each in
/// every language, so none can show up on a page as its bare key.
pub fn rust_texts() -> Vec<String> {
    let mut keys: Vec<String> = RUST_TEXTS.iter().map(|k| k.to_string()).collect();
    keys.extend(MONTH_KEYS.iter().map(|k| k.to_string()));
    keys.extend(Kind::ALL.iter().map(|k| kind_key(*k)));
    keys.extend(
        Group::ALL
            .iter()
            .map(|g| format!("group_{}", group_key(*g))),
    );
    keys.extend(Hours::DAY_KEYS.iter().map(|d| format!("day_{d}")));
    keys
}

/// The interface text of a service kind: `kind_night_shelter`.
fn kind_key(k: Kind) -> String {
    format!("kind_{}", k.as_str().replace('-', "_"))
}

/// "Gegevens uit januari 2024 …" for the contact facts `facts` of a file citing `cites`.
fn contact_age(
    site: &Site,
    strings: &BTreeMap<String, String>,
    cites: &[Citation],
    facts: &[Fact],
) -> Option<String> {
    let date = crate::model::sources::contact_date(cites, facts, &site.sources)?;
    Some(match date {
        SourceDate::Unknown => tr(strings, "contact_undated").to_string(),
        d => tr(strings, "contact_from").replace("{date}", &date_words(strings, d)),
    })
}

/// An address as lists and pages show it, with a plain map link; `None` without street or city.
pub fn address_view(a: Option<&Address>) -> Option<AddressView> {
    a.filter(|a| a.street.is_some() || a.city.is_some())
        .map(|a| {
            let parts: Vec<String> = [
                a.street.clone(),
                a.postcode.as_ref().map(|p| p.0.clone()),
                a.city.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            let line = parts.join(", ");
            AddressView {
                street: a.street.clone(),
                postcode: a.postcode.as_ref().map(|p| p.0.clone()),
                city: a.city.clone(),
                map_url: format!(
                    "https://www.openstreetmap.org/search?query={}",
                    url_encode(&line)
                ),
                line,
            }
        })
}

/// How to reach a municipality itself: its general number, website and address.
#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityContactView {
    pub name: String,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub address: Option<AddressView>,
    pub contact_age: Option<String>,
    pub sources: Vec<SourceView>,
}

pub fn municipality_contact(site: &Site, lang: &str, m: usize) -> MunicipalityContactView {
    let muni = &site.municipalities[m];
    let strings = &site
        .language(lang)
        .expect("planned languages exist")
        .strings;
    let c = &muni.contact;
    let facts = crate::model::sources::given_contact_facts(Some(c), muni.address.as_ref(), false);
    let contact_age = contact_age(site, strings, &muni.sources, &facts);
    MunicipalityContactView {
        name: muni.name.clone(),
        phone: c.phone.as_ref().map(|p| p.0.clone()),
        tel: c.phone.as_ref().map(Phone::tel_uri),
        website: c.website.as_ref().map(|w| w.0.clone()),
        email: c.email.as_ref().map(|e| e.0.clone()),
        address: address_view(muni.address.as_ref()),
        contact_age,
        sources: source_views(site, strings, &muni.sources),
    }
}

fn group_key(g: Group) -> &'static str {
    match g {
        Group::Everyone => "everyone",
        Group::Adults => "adults",
        Group::YoungPeople => "young_people",
        Group::Families => "families",
        Group::Women => "women",
        Group::Lhbtiq => "lhbtiq",
        Group::Migrants => "migrants",
        Group::Remigrants => "remigrants",
    }
}

fn hours_view(h: &Hours, strings: &BTreeMap<String, String>, note: Option<String>) -> HoursView {
    let has_times = h.has_times();
    let days = h
        .days()
        .iter()
        .filter(|_| has_times)
        .map(|(key, spans)| DayView {
            day: tr(strings, &format!("day_{key}")).to_string(),
            spans: spans.iter().map(Span::to_string).collect(),
        })
        .collect();
    let exceptions = h
        .exceptions
        .iter()
        .map(|e| ExceptionView {
            date: e.date.to_string(),
            words: date_words(strings, SourceDate::Day(e.date)),
            closed: e.closed,
            spans: e.hours.iter().map(Span::to_string).collect(),
            note: e.note.clone(),
        })
        .collect();
    let spans_json = |spans: &[Span]| -> String {
        let inner: Vec<String> = spans
            .iter()
            .map(|s| format!("[{},{}]", s.start, s.end))
            .collect();
        format!("[{}]", inner.join(","))
    };
    let week: Vec<String> = h.days().iter().map(|(_, s)| spans_json(s)).collect();
    let ex: Vec<String> = h
        .exceptions
        .iter()
        .map(|e| {
            format!(
                "\"{}\":{}",
                e.date,
                if e.closed {
                    "[]".to_string()
                } else {
                    spans_json(&e.hours)
                }
            )
        })
        .collect();
    HoursView {
        always_open: h.always_open,
        has_times,
        days,
        exceptions,
        note,
        json: format!(
            "{{\"always\":{},\"week\":[{}],\"ex\":{{{}}}}}",
            h.always_open,
            week.join(","),
            ex.join(",")
        ),
    }
}

/// Percent-encodes a query value (a space as `+`): everything but RFC 3986's unreserved
/// characters is encoded.
pub fn url_encode(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    const QUERY_VALUE: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(s, QUERY_VALUE)
        .to_string()
        .replace("%20", "+")
}

/// A link to another page, for lists and menus.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExplainerView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub body_html: String,
    pub violence: bool,
    pub sources: Vec<SourceView>,
    pub last_checked: String,
    pub fallback: Option<ShownIn>,
    pub unreviewed: bool,
    pub outdated: bool,
    pub original_url: String,
}

pub fn explainer_view(site: &Site, lang: &str, i: usize) -> ExplainerView {
    let p = &site.pages[i];
    let v = &p.doc.front.value;
    let picked = pick_translation(site, lang, &p.translations);
    let text_lang = picked.map_or(site.default_language(), |(l, _)| l);
    let t = picked.map(|(_, d)| d);
    let tv = t.map(|d| &d.front.value);
    ExplainerView {
        slug: p.slug.clone(),
        url: crate::url::explainer_url(lang, &p.slug),
        title: tv
            .and_then(|x| x.title.clone())
            .unwrap_or_else(|| v.title.clone()),
        summary: tv
            .and_then(|x| x.summary.clone())
            .or_else(|| v.summary.clone()),
        body_html: markdown::to_html(t.map_or(&p.doc.body, |d| &d.body)),
        violence: v.violence,
        sources: source_views(
            site,
            &site
                .language(lang)
                .expect("planned languages exist")
                .strings,
            &v.sources,
        ),
        last_checked: v.last_checked.to_string(),
        fallback: shown_in(site, lang, text_lang),
        unreviewed: tv.is_some_and(|x| !x.reviewed),
        outdated: t.is_some_and(|d| {
            crate::check::translations::outdated(&p.doc, &d.front.value.translates)
        }),
        original_url: crate::url::explainer_url(site.default_language(), &p.slug),
    }
}

/// Service kinds in page order, with their label in one language.
pub fn kind_label(strings: &BTreeMap<String, String>, k: Kind) -> String {
    tr(strings, &kind_key(k)).to_string()
}

/// Scope segment helper re-exported for templates' sake.
pub fn scope_of(site: &Site, i: usize) -> &str {
    scope_segment(&site.services[i].scope)
}

/// schema.org GovernmentService with provider, area, audience, contact point, opening hours
/// (spans past midnight close "before" they open, as schema.org reads them) and place.
/// Name, description and audience are those the page shows (`card`), and `inLanguage` the
/// language they are in: the page's, or Dutch where the page falls back to it.
fn jsonld(site: &Site, lang: &str, i: usize, card: &ServiceCard) -> String {
    use serde_json::{json, Map, Value};
    let s = &site.services[i];
    let v = &s.doc.front.value;
    let area = card.scope_label.as_str();
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("GovernmentService"));
    o.insert("name".into(), json!(card.name));
    if let Some(sum) = &card.summary {
        o.insert("description".into(), json!(sum));
    }
    let shown_in = card.fallback.as_ref().map_or(lang, |f| f.code.as_str());
    o.insert("inLanguage".into(), json!(shown_in));
    o.insert(
        "url".into(),
        json!(format!(
            "{}{}",
            site.config.base_url.0,
            service_url(site, lang, i)
        )),
    );
    o.insert("serviceType".into(), json!(v.kind.as_str()));
    if let Some(p) = &v.provider {
        o.insert(
            "provider".into(),
            json!({"@type": "Organization", "name": p}),
        );
    }
    let area = if matches!(s.scope, Scope::National) {
        "Nederland".to_string()
    } else {
        area.to_string()
    };
    o.insert(
        "areaServed".into(),
        json!({"@type": "AdministrativeArea", "name": area}),
    );
    if let Some(a) = &v.audience {
        let mut aud = json!({"@type": "PeopleAudience"});
        if let Some(min) = a.min_age {
            aud["suggestedMinAge"] = json!(min);
        }
        if let Some(max) = a.max_age {
            aud["suggestedMaxAge"] = json!(max);
        }
        if let Some(note) = &card.audience_note {
            aud["audienceType"] = json!(note);
        }
        o.insert("audience".into(), aud);
    }
    let mut channel = Map::new();
    channel.insert("@type".into(), json!("ServiceChannel"));
    if let Some(c) = &v.contact {
        if let Some(p) = &c.phone {
            let langs: Vec<&str> = v.languages.iter().map(|l| l.0.as_str()).collect();
            let mut cp = json!({"@type": "ContactPoint", "telephone": p.0, "contactType": "customer service"});
            if !langs.is_empty() {
                cp["availableLanguage"] = json!(langs);
            }
            channel.insert("servicePhone".into(), cp);
        }
        if let Some(w) = &c.website {
            channel.insert("serviceUrl".into(), json!(w.0));
        }
    }
    if let Some(a) = &v.address {
        let mut addr = json!({"@type": "PostalAddress", "addressCountry": "NL"});
        if let Some(x) = &a.street {
            addr["streetAddress"] = json!(x);
        }
        if let Some(x) = &a.postcode {
            addr["postalCode"] = json!(x.0);
        }
        if let Some(x) = &a.city {
            addr["addressLocality"] = json!(x);
        }
        channel.insert(
            "serviceLocation".into(),
            json!({"@type": "Place", "address": addr}),
        );
    }
    if channel.len() > 1 {
        o.insert("availableChannel".into(), Value::Object(channel));
    }
    // Hours that are only a note ("only when it freezes") give no times: no specification,
    // not a week of "closed".
    if let Some(h) = v.hours.as_ref().filter(|h| h.has_times()) {
        let names = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let hhmm = |m: u16| format!("{:02}:{:02}", (m / 60) % 24, m % 60);
        let mut specs = Vec::new();
        if h.always_open {
            specs.push(json!({"@type": "OpeningHoursSpecification", "dayOfWeek": names, "opens": "00:00", "closes": "23:59"}));
        }
        for (d, (_, spans)) in h.days().iter().enumerate() {
            for sp in spans.iter() {
                specs.push(json!({"@type": "OpeningHoursSpecification", "dayOfWeek": names[d], "opens": hhmm(sp.start), "closes": hhmm(sp.end)}));
            }
        }
        for e in &h.exceptions {
            if e.closed {
                specs.push(json!({"@type": "OpeningHoursSpecification", "validFrom": e.date.to_string(), "validThrough": e.date.to_string(), "opens": "00:00", "closes": "00:00"}));
            }
            for sp in &e.hours {
                specs.push(json!({"@type": "OpeningHoursSpecification", "validFrom": e.date.to_string(), "validThrough": e.date.to_string(), "opens": hhmm(sp.start), "closes": hhmm(sp.end)}));
            }
        }
        if !specs.is_empty() {
            o.insert("hoursAvailable".into(), json!(specs));
        }
    }
    script_json(&Value::Object(o))
}

/// JSON to put inside a `<script>` element. `<`, `>` and `&` are written `\u003c`,
/// `\u003e` and `\u0026`: escaping only `</` left `<!--<script>` in a name, which makes the
/// HTML parser read the rest of the page as script (a blank page). JSON allows these
/// escapes anywhere in a string, and the characters appear nowhere else in JSON.
pub fn script_json(v: &serde_json::Value) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

/// A QR code of `url` as an inline SVG (no image file, no request).
///
/// Why not `QrCode::new`: it scores all eight mask patterns and keeps the best, which made
/// QR codes over a third of the build's CPU time. Any mask gives a valid code that every
/// reader decodes; the score only tunes contrast. One fixed mask costs an eighth, and the
/// path is drawn as one run per row of dark modules, which keeps the SVG small.
pub fn qr_svg(url: &str, label: &str) -> String {
    let (width, dark) = match qr_modules(url.as_bytes()) {
        Some(m) => m,
        None => return String::new(),
    };
    let quiet = 4;
    let size = width + 2 * quiet;
    // Digits pushed by hand: `write!` per run was most of this function's time.
    fn num(d: &mut String, n: usize) {
        if n >= 10 {
            num(d, n / 10);
        }
        d.push(char::from(b'0' + (n % 10) as u8));
    }
    let mut d = String::with_capacity(width * width / 2);
    for y in 0..width {
        let row = &dark[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            d.push('M');
            num(&mut d, start + quiet);
            d.push(' ');
            num(&mut d, y + quiet);
            d.push('h');
            num(&mut d, x - start);
            d.push_str("v1h-");
            num(&mut d, x - start);
            d.push('z');
        }
    }
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>"
    )
}

/// The modules of a QR code for `data` (error correction M, smallest version, mask 0):
/// the width and, row by row, whether each module is dark.
pub fn qr_modules(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    use qrcode::canvas::{Canvas, MaskPattern};
    use qrcode::{bits, ec, EcLevel};
    let level = EcLevel::M;
    let bits = bits::encode_auto(data, level).ok()?;
    let version = bits.version();
    let (data, ecc) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = version.width() as usize;
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((width, dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The QR codes a build prints must scan: decode them with an independent reader.
    #[test]
    fn qr_codes_decode_to_their_url() {
        for url in [
            "https://example.org/nl/assen/",
            "https://onderdak.example/uk/drechtsteden/nachtopvang-het-haventje/",
            "http://x.nl/ar/landelijk/113-zelfmoordpreventie/",
        ] {
            let (width, dark) = qr_modules(url.as_bytes()).unwrap();
            // Draw it as a picture, 4 pixels a module with a quiet zone, as a camera sees it.
            let (scale, quiet) = (4, 4);
            let size = (width + 2 * quiet) * scale;
            let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
                let (mx, my) = (x / scale, y / scale);
                let inside =
                    (quiet..quiet + width).contains(&mx) && (quiet..quiet + width).contains(&my);
                if inside && dark[(my - quiet) * width + (mx - quiet)] {
                    0
                } else {
                    255
                }
            });
            let grids = img.detect_grids();
            assert_eq!(grids.len(), 1, "{url}: no QR code found");
            let (_, text) = grids[0].decode().unwrap();
            assert_eq!(text, url);
            // The SVG's path draws exactly those modules.
            let svg = qr_svg(url, "QR");
            let d = svg
                .split(" d=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let mut drawn = vec![false; width * width];
            for run in d.split('z').filter(|r| !r.is_empty()) {
                let n: Vec<usize> = run
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|x| !x.is_empty())
                    .map(|x| x.parse().unwrap())
                    .collect();
                let (x, y, len) = (n[0] - quiet, n[1] - quiet, n[2]);
                assert_eq!(run, format!("M{} {}h{len}v1h-{len}", x + quiet, y + quiet));
                for cell in &mut drawn[y * width + x..y * width + x + len] {
                    *cell = true;
                }
            }
            assert_eq!(drawn, dark, "{url}: the path does not draw the code");
        }
        let svg = qr_svg("https://example.org/nl/", "QR <code>");
        assert!(svg.starts_with("<svg class=\"qr\" role=\"img\" aria-label=\"QR &lt;code>\""));
        assert!(
            svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"),
            "{svg}"
        );
    }
}

#[cfg(test)]
mod rust_texts_tests {
    use super::*;

    /// The keys of every `tr(…, "key")` and `say(…, "key")` in the sources, read as text: a
    /// lookup added without listing its key in [`RUST_TEXTS`] fails here, before a page
    /// shows the bare key.
    fn looked_up_keys() -> BTreeMap<String, String> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut keys = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
            if entry.path().extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for call in ["tr(", "say("] {
                for (at, _) in text.match_indices(call) {
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    // Not in a comment (this test's own doc names the pattern).
                    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                    if text[line_start..at].trim_start().starts_with("//") {
                        continue;
                    }
                    // The first argument ends at the first comma at depth 0.
                    let args = &text[at + call.len()..];
                    let mut depth = 0;
                    let Some(comma) = args.char_indices().find_map(|(i, c)| {
                        match c {
                            '(' | '[' => depth += 1,
                            ')' | ']' if depth == 0 => return Some(None),
                            ')' | ']' => depth -= 1,
                            ',' if depth == 0 => return Some(Some(i)),
                            _ => {}
                        }
                        None
                    }) else {
                        continue;
                    };
                    let Some(comma) = comma else { continue };
                    let rest = args[comma + 1..].trim_start();
                    if let Some(lit) = rest.strip_prefix('"') {
                        let key: String = lit.chars().take_while(|c| *c != '"').collect();
                        if key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        {
                            keys.insert(key, entry.path().display().to_string());
                        }
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_text_looked_up_in_rust_is_listed() {
        let listed = rust_texts();
        let found = looked_up_keys();
        // The scan must see the lookups it is meant to guard.
        assert!(found.contains_key("changes_title"), "{found:?}");
        assert!(found.len() >= 30, "{found:?}");
        let missing: Vec<String> = found
            .iter()
            .filter(|(k, _)| !listed.contains(k))
            .map(|(k, f)| format!("{k} ({f})"))
            .collect();
        assert!(missing.is_empty(), "add to RUST_TEXTS: {missing:?}");
    }

    #[test]
    fn the_families_are_complete() {
        let keys = rust_texts();
        for k in [
            "kind_day_centre",
            "group_young_people",
            "day_sun",
            "month_12",
        ] {
            assert!(keys.iter().any(|x| x == k), "{k} not in {keys:?}");
        }
    }
}
