//! Stage 2, **check**: the rules that span files. Every reference must resolve, every
//! municipality sits in exactly one region, the question flow is a loop-free graph whose
//! every answer finds help in every municipality, and links in content are safe.
//! The result is an immutable, validated [`Site`] that later stages trust.

pub mod publish;
pub mod reach;
pub mod sources;
pub mod topics;
pub mod translations;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{did_you_mean, hint, label, msg, Diagnostic, Diagnostics};
use crate::load::{Loaded, LoadedPage, LoadedService, Located, Scope};
use crate::model::*;

/// Interface keys every language file must have besides the default language's keys.
pub const LANGUAGE_KEYS: [&str; 2] = ["language_name", "direction"];

/// Runs every cross-file rule. Returns the site when there are no errors.
/// `load_failed` says some files could not be read; rules that would only repeat that
/// (an answer finds no service because its service file did not parse) are skipped.
///
/// `texts_used` are the interface texts the theme's templates use, each with the first
/// template and line that uses it: `check` requires them, so a theme that gains a text
/// tells a site which line to add instead of failing halfway through rendering.
pub fn check(
    loaded: Loaded,
    texts_used: &BTreeMap<String, (PathBuf, usize)>,
    today: Date,
    load_failed: bool,
) -> (Option<Site>, Diagnostics) {
    let mut d = Diagnostics::default();
    let Loaded {
        config,
        i18n,
        regions: region_files,
        municipalities: muni_files,
        mut region_translations,
        mut municipality_translations,
        sources: source_files,
        mut services,
        mut pages,
        tree,
        tree_translations,
        topics: topic_file,
        files,
        file_hashes,
    } = loaded;

    let Some(config_file) = config else {
        return (None, d);
    };
    let languages = check_languages(&config_file, &i18n, &mut d);
    check_texts_used(&languages, texts_used, &mut d);
    check_rust_texts(&languages, &mut d);
    let config = config_file.value.clone();
    let register = sources::build_register(&source_files, today, &mut d);
    let mut unreachable_munis: Vec<(String, PathBuf)> = Vec::new();

    // Municipalities and regions.
    let mut municipalities: Vec<Municipality> = Vec::new();
    for (slug, f) in &muni_files {
        sources::check_citations(f, &f.value.sources, &register, &mut d);
        let contact = f.value.contact.clone().unwrap_or_default();
        let searched = f
            .value
            .phone_not_found
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty());
        if contact.phone.is_none() && searched {
            unreachable_munis.push((slug.clone(), f.file.clone()));
        } else if contact.phone.is_none() {
            d.push(
                Diagnostic::error(&f.file, msg::municipality_without_phone(slug))
                    .at_opt(f.locate(&["contact"]).or_else(|| f.locate(&["name"])))
                    .field("contact.phone")
                    .hint(hint::add_municipality_phone()),
            );
        }
        municipalities.push(Municipality {
            slug: slug.clone(),
            name: f.value.name.clone(),
            region: usize::MAX,
            summary: f.value.summary.clone(),
            contact,
            address: f.value.address.clone(),
            phone_not_found: f.value.phone_not_found.clone(),
            sources: f.value.sources.clone(),
            file: f.file.clone(),
            translations: municipality_translations.remove(slug).unwrap_or_default(),
        });
    }
    municipalities.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(&b.slug))
    });
    let muni_index: HashMap<String, usize> = municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.clone(), i))
        .collect();
    let mut regions: Vec<Region> = Vec::new();
    let mut claimed: HashMap<usize, String> = HashMap::new();
    let mut sorted_regions: Vec<(&String, &Located<RegionFile>)> = region_files.iter().collect();
    sorted_regions.sort_by_key(|(slug, f)| (f.value.name.to_lowercase(), (*slug).clone()));
    for (slug, f) in sorted_regions {
        let r = &f.value;
        let region_index = regions.len();
        let mut members = Vec::new();
        for m in &r.municipalities {
            match muni_index.get(m) {
                Some(&i) => {
                    if let Some(other) = claimed.get(&i) {
                        d.push(
                            Diagnostic::error(&f.file, msg::municipality_in_two_regions(m, other))
                                .at_opt(f.locate_value(m))
                                .field("municipalities")
                                .hint(hint::one_region_only()),
                        );
                    } else {
                        claimed.insert(i, slug.clone());
                        municipalities[i].region = region_index;
                        members.push(i);
                    }
                }
                None => d.push(unknown_ref(
                    f,
                    "municipalities",
                    m,
                    muni_index.keys().map(String::as_str),
                )),
            }
        }
        let centrum = match muni_index.get(&r.centrumgemeente) {
            Some(&i) if r.municipalities.contains(&r.centrumgemeente) => i,
            Some(_) => {
                d.push(
                    Diagnostic::error(&f.file, msg::centrumgemeente_not_member(&r.centrumgemeente))
                        .at_opt(f.locate(&["centrumgemeente"]))
                        .field("centrumgemeente")
                        .hint(hint::add_to_municipalities()),
                );
                usize::MAX
            }
            None => {
                d.push(unknown_ref(
                    f,
                    "centrumgemeente",
                    &r.centrumgemeente,
                    muni_index.keys().map(String::as_str),
                ));
                usize::MAX
            }
        };
        check_date(
            &mut d,
            f,
            &["last_checked"],
            r.last_checked,
            today,
            config.stale_after_days,
        );
        sources::check_citations(f, &r.sources, &register, &mut d);
        regions.push(Region {
            slug: slug.clone(),
            name: r.name.clone(),
            centrum,
            members,
            summary: r.summary.clone(),
            sources: r.sources.clone(),
            last_checked: r.last_checked,
            file: f.file.clone(),
            translations: region_translations
                .remove(slug.as_str())
                .unwrap_or_default(),
        });
    }
    // Municipalities whose number was searched for and not found: one warning per region.
    for r in &regions {
        let names: Vec<&str> = unreachable_munis
            .iter()
            .filter(|(slug, _)| muni_index.get(slug).is_some_and(|i| r.members.contains(i)))
            .map(|(slug, _)| slug.as_str())
            .collect();
        if !names.is_empty() {
            d.push(
                Diagnostic::warning(
                    &r.file,
                    msg::region_municipalities_without_phone(
                        &r.slug,
                        names.len(),
                        names.join(", "),
                    ),
                )
                .hint(hint::add_phone_when_known()),
            );
        }
    }
    for m in &municipalities {
        if m.region == usize::MAX {
            d.push(
                Diagnostic::error(&m.file, msg::municipality_in_no_region(&m.slug))
                    .hint(hint::add_to_region(&m.slug)),
            );
        }
    }
    // Slugs share one URL space: /nl/<slug>/.
    for r in &regions {
        if muni_index.contains_key(&r.slug) {
            d.push(
                Diagnostic::error(&r.file, msg::region_named_as_municipality(&r.slug))
                    .hint(hint::rename_region(&r.slug)),
            );
        }
    }
    for (slug, file) in regions
        .iter()
        .map(|r| (&r.slug, &r.file))
        .chain(municipalities.iter().map(|m| (&m.slug, &m.file)))
    {
        if crate::url::RESERVED_SLUGS.contains(&slug.as_str())
            || languages.iter().any(|l| &l.code == slug)
        {
            d.push(Diagnostic::error(file, msg::reserved_name(slug)).hint(hint::rename_folder()));
        }
    }

    // Services.
    services.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
    for s in &services {
        if let Some(prev) = seen.insert(&s.id, &s.doc.front.file) {
            d.push(
                Diagnostic::error(&s.doc.front.file, msg::id_twice_also(&s.id, prev.display()))
                    .hint(hint::unique_ids()),
            );
        }
    }
    let mut by_scope: HashMap<Scope, Vec<usize>> = HashMap::new();
    for (i, s) in services.iter().enumerate() {
        check_service(
            s,
            &mut d,
            &regions,
            &muni_index,
            today,
            config.stale_after_days,
        );
        sources::check_citations(&s.doc.front, &s.doc.front.value.sources, &register, &mut d);
        by_scope.entry(s.scope.clone()).or_default().push(i);
    }
    warn_uncontactable(&services, &regions, &municipalities, &muni_files, &mut d);
    reach::warn_old_contact_sources(
        &services,
        &regions,
        &municipalities,
        &register,
        &config,
        today,
        &mut d,
    );

    // Pages.
    pages.sort_by(|a, b| {
        (a.doc.front.value.order, &a.slug).cmp(&(b.doc.front.value.order, &b.slug))
    });
    for p in &pages {
        let f = &p.doc.front;
        check_date(
            &mut d,
            f,
            &["last_checked"],
            f.value.last_checked,
            today,
            config.stale_after_days,
        );
        check_links(&p.doc.body, &f.file, p.doc.body_line, &mut d);
        sources::check_citations(f, &f.value.sources, &register, &mut d);
        for t in p.translations.values() {
            check_links(&t.body, &t.front.file, t.body_line, &mut d);
        }
    }
    warn_missing_translations(&services, &pages, &languages, &config, &mut d);
    let topics = crate::check::topics::check_topics(
        topic_file.as_ref(),
        &config.languages,
        &config.default_language,
        &services,
        &mut d,
    );

    let Some(tree) = tree else {
        // A tree.yaml that was read but did not parse has its error already.
        if !files.iter().any(|f| f == Path::new("content/tree.yaml")) {
            d.push(
                Diagnostic::error("content/tree.yaml", msg::tree_missing())
                    .hint(hint::create_tree()),
            );
        }
        return (None, d);
    };
    if d.has_errors() || load_failed {
        check_tree_shape(&tree, &mut d);
        return (None, d);
    }
    let tree_file = tree.file.clone();
    let site = Site {
        config,
        sources: register,
        languages,
        regions,
        municipalities,
        services,
        pages,
        tree: tree.value.clone(),
        tree_file,
        tree_translations,
        topics,
        by_scope,
        interface_keys: i18n
            .iter()
            .map(|(k, f)| (k.clone(), f.value.keys().cloned().collect()))
            .collect(),
        file_hashes: files.iter().cloned().zip(file_hashes).collect(),
        files,
    };
    if check_tree_shape(&tree, &mut d) {
        check_tree_coverage(&site, &tree, &mut d);
        reach::check_reachable(&site, &tree, &mut d);
    }
    check_tree_translations(&site, &tree, &mut d);
    translations::check_translations(&site, &mut d);
    check_advice_links(&site, &tree, &mut d);
    if d.has_errors() {
        return (None, d);
    }
    (Some(site), d)
}

fn unknown_ref<'a, T>(
    f: &Located<T>,
    field: &str,
    value: &str,
    known: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let hint = match did_you_mean(value, known.iter().copied()) {
        Some(best) => hint::did_you_mean(best),
        None => hint::create_municipality(value),
    };
    Diagnostic::error(&f.file, msg::no_such_municipality(value))
        .at_opt(f.locate_value(value))
        .field(field)
        .hint(hint)
}

fn check_languages(
    config: &Located<SiteConfig>,
    i18n: &BTreeMap<String, Located<BTreeMap<String, String>>>,
    d: &mut Diagnostics,
) -> Vec<Language> {
    let c = &config.value;
    if !c.languages.contains(&c.default_language) {
        d.push(
            Diagnostic::error(
                &config.file,
                msg::default_language_not_listed(&c.default_language),
            )
            .at_opt(config.locate(&["default_language"]))
            .field("default_language")
            .hint(hint::add_to_languages()),
        );
    }
    let mut seen = BTreeSet::new();
    for l in &c.languages {
        if !seen.insert(l) {
            d.push(
                Diagnostic::error(&config.file, msg::language_twice(l))
                    .at_opt(config.locate(&["languages"]))
                    .field("languages"),
            );
        }
    }
    for code in c.fallback.keys() {
        if !c.languages.contains(code) {
            d.push(
                Diagnostic::error(&config.file, msg::fallback_for_unknown_language(code))
                    .at_opt(config.locate(&["fallback", code]))
                    .field(format!("fallback.{code}"))
                    .hint(hint::use_one_of(c.languages.join(", "))),
            );
        }
    }
    if !c.title.contains_key(&c.default_language) {
        d.push(
            Diagnostic::error(
                &config.file,
                msg::title_without_default_language(&c.default_language),
            )
            .at_opt(config.locate(&["title"]))
            .field("title"),
        );
    }
    let reference = i18n.get(&c.default_language);
    let mut out = Vec::new();
    for code in &c.languages {
        let Some(file) = i18n.get(code) else {
            d.push(
                Diagnostic::error(&config.file, msg::language_without_texts(code))
                    // At `languages:`, not at the first `nl` in the file (the title's).
                    .at_opt(
                        config
                            .locate_value_after("languages", code)
                            .or_else(|| config.locate(&["languages"])),
                    )
                    .field("languages")
                    .hint(hint::copy_language_file(&c.default_language, code)),
            );
            continue;
        };
        let mut required: BTreeSet<&str> = LANGUAGE_KEYS.into_iter().collect();
        if let Some(r) = reference {
            required.extend(r.value.keys().map(String::as_str));
        }
        for key in required {
            if !file.value.contains_key(key) {
                d.push(
                    Diagnostic::error(&file.file, msg::interface_text_missing(key))
                        .field(key)
                        .hint(hint::add_interface_text(key, code, &c.default_language)),
                );
            }
        }
        let dir = file
            .value
            .get("direction")
            .cloned()
            .unwrap_or_else(|| "ltr".into());
        if dir != "ltr" && dir != "rtl" {
            d.push(
                Diagnostic::error(&file.file, msg::bad_direction(&dir))
                    .at_opt(file.locate(&["direction"]))
                    .field("direction")
                    .hint(hint::ltr_or_rtl()),
            );
        }
        let mut strings = reference.map(|r| r.value.clone()).unwrap_or_default();
        strings.extend(file.value.clone());
        out.push(Language {
            code: code.clone(),
            name: file
                .value
                .get("language_name")
                .cloned()
                .unwrap_or_else(|| code.clone()),
            dir,
            strings,
            chain: fallback_chain(config, code, d),
        });
    }
    out
}

/// The fallback chain of one language from `fallback:` in site.yaml, checked: only enabled
/// languages, not the language itself, the default language last and only there.
fn fallback_chain(config: &Located<SiteConfig>, code: &str, d: &mut Diagnostics) -> Vec<String> {
    let c = &config.value;
    if code == c.default_language {
        return Vec::new();
    }
    let mut chain: Vec<String> = Vec::new();
    for l in c.fallback.get(code).into_iter().flatten() {
        let at = config
            .locate(&["fallback", code])
            .or_else(|| config.locate(&["fallback"]));
        if !c.languages.contains(l) {
            d.push(
                Diagnostic::error(&config.file, msg::fallback_names_unknown_language(code, l))
                    .at_opt(at)
                    .field(format!("fallback.{code}"))
                    .hint(
                        match did_you_mean(l, c.languages.iter().map(String::as_str)) {
                            Some(m) => hint::use_one_of_or_add_mean(c.languages.join(", "), l, m),
                            None => hint::use_one_of_or_add(c.languages.join(", "), l),
                        },
                    ),
            );
        } else if l == code {
            d.push(
                Diagnostic::error(&config.file, msg::falls_back_to_itself(code))
                    .at_opt(at)
                    .field(format!("fallback.{code}"))
                    .hint(hint::only_other_languages()),
            );
        } else if *l != c.default_language && !chain.contains(l) {
            chain.push(l.clone());
        }
    }
    chain.push(c.default_language.clone());
    chain
}

/// Every interface text a template uses must be in every language's file: the default
/// language's texts fill in for the others, so a text missing there is missing everywhere.
fn check_texts_used(
    languages: &[Language],
    used: &BTreeMap<String, (PathBuf, usize)>,
    d: &mut Diagnostics,
) {
    for l in languages {
        for (key, (template, line)) in used {
            if !l.strings.contains_key(key) {
                d.push(
                    Diagnostic::error(
                        format!("content/i18n/{}.yaml", l.code),
                        msg::interface_text_missing_used(key, template.display(), line),
                    )
                    .field(key)
                    .hint(hint::add_interface_text_own(key, &l.code)),
                );
            }
        }
    }
}

/// The interface texts the Rust code uses (page titles, kinds, days, month names, the age
/// of contact details): not in any template, so `check_texts_used` cannot see them.
fn check_rust_texts(languages: &[Language], d: &mut Diagnostics) {
    let keys = crate::render::views::rust_texts();
    for l in languages {
        for key in &keys {
            if !l.strings.contains_key(key) {
                d.push(
                    Diagnostic::error(
                        format!("content/i18n/{}.yaml", l.code),
                        msg::interface_text_missing(key),
                    )
                    .field(key)
                    .hint(hint::add_interface_text_start(key, &l.code)),
                );
            }
        }
    }
}

fn check_date<T>(
    d: &mut Diagnostics,
    f: &Located<T>,
    path: &[&str],
    date: Date,
    today: Date,
    stale_days: u32,
) {
    let age = today.days_since_epoch() - date.days_since_epoch();
    if age < 0 {
        d.push(
            Diagnostic::error(&f.file, msg::date_in_future(date))
                .at_opt(f.locate(path))
                .field(path.join("."))
                .hint(hint::date_you_checked()),
        );
    } else if age > i64::from(stale_days) {
        d.push(
            Diagnostic::warning(&f.file, msg::checked_long_ago(age, date, stale_days))
                .at_opt(f.locate(path))
                .field(path.join("."))
                .hint(hint::recheck_facts()),
        );
    }
}

fn check_service(
    s: &LoadedService,
    d: &mut Diagnostics,
    regions: &[Region],
    munis: &HashMap<String, usize>,
    today: Date,
    stale: u32,
) {
    let f = &s.doc.front;
    let v = &f.value;
    if let Some(id) = &v.id {
        if id != &s.id {
            d.push(
                Diagnostic::error(&f.file, msg::id_not_file_name(id, &s.id))
                    .at_opt(f.locate(&["id"]))
                    .field("id")
                    .hint(hint::file_name_is_id()),
            );
        }
    }
    match &s.scope {
        Scope::Region(r) if !regions.iter().any(|x| &x.slug == r) => d.push(
            Diagnostic::error(&f.file, msg::region_folder_without_yaml(r))
                .hint(hint::add_region_yaml()),
        ),
        Scope::Municipality(m) if !munis.contains_key(m) => d.push(
            Diagnostic::error(&f.file, msg::municipality_folder_without_yaml(m))
                .hint(hint::add_municipality_yaml()),
        ),
        _ => {}
    }
    if v.name.trim().is_empty() {
        d.push(
            Diagnostic::error(&f.file, msg::name_empty())
                .at_opt(f.locate(&["name"]))
                .field("name"),
        );
    }
    check_date(d, f, &["last_checked"], v.last_checked, today, stale);
    if let Some(a) = &v.audience {
        if let (Some(lo), Some(hi)) = (a.min_age, a.max_age) {
            if lo > hi {
                d.push(
                    Diagnostic::error(&f.file, msg::ages_swapped(lo, hi))
                        .at_opt(f.locate(&["audience", "min_age"]))
                        .field("audience.min_age")
                        .hint(hint::swap_ages()),
                );
            }
        }
    }
    if let Some(h) = &v.hours {
        if h.always_open && h.has_weekly() {
            d.push(
                Diagnostic::error(&f.file, msg::always_open_and_hours())
                    .at_opt(f.locate(&["hours", "always_open"]))
                    .field("hours.always_open")
                    .hint(hint::remove_one_of_them()),
            );
        }
        for (i, e) in h.exceptions.iter().enumerate() {
            if e.closed != e.hours.is_empty() {
                d.push(
                    Diagnostic::error(&f.file, msg::exception_closed_or_hours(e.date))
                        .at_opt(f.locate_value(&e.date.to_string()))
                        .field(format!("hours.exceptions[{i}]")),
                );
            }
        }
    }
    check_links(&s.doc.body, &f.file, s.doc.body_line, d);
    for t in s.translations.values() {
        check_links(&t.body, &t.front.file, t.body_line, d);
    }
}

/// Links in markdown may only go to the web, a phone, an e-mail address or inside the site;
/// images only to a file of this site.
pub fn check_links(markdown: &str, file: &Path, first_line: usize, d: &mut Diagnostics) {
    for (refused, at) in refused_links(markdown) {
        let before = &markdown[..at];
        let line = first_line + before.matches('\n').count();
        let col = at - before.rfind('\n').map_or(0, |p| p + 1) + 1;
        d.push(refused.diagnostic(file).at(line, col));
    }
}

/// A link or an image that the rules refuse.
pub struct Refused {
    pub dest: String,
    pub image: bool,
}

impl Refused {
    pub fn diagnostic(&self, file: &std::path::Path) -> Diagnostic {
        let shown = self.dest.chars().take(60).collect::<String>();
        if self.image {
            Diagnostic::error(file, msg::image_not_allowed(shown)).hint(hint::image_in_static())
        } else {
            Diagnostic::error(file, msg::link_not_allowed(shown)).hint(hint::allowed_links())
        }
    }
}

/// Every refused link and image in `markdown`, with its byte offset.
pub fn refused_links(markdown: &str) -> Vec<(Refused, usize)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        let (dest, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), true),
            _ => continue,
        };
        let ok = if image {
            image_allowed(&dest)
        } else {
            link_allowed(&dest)
        };
        if !ok {
            out.push((Refused { dest, image }, range.start));
        }
    }
    out
}

/// The question flow's advice is markdown too: the same rules, in tree.yaml and in each
/// translation, located at the refused address in the file.
fn check_advice_links(site: &Site, tree: &Located<TreeFile>, d: &mut Diagnostics) {
    for a in &tree.value.answers {
        for (r, _) in a.advice.as_deref().map(refused_links).unwrap_or_default() {
            d.push(
                r.diagnostic(&tree.file)
                    .at_opt(advice_at(tree, &a.id, &r.dest)),
            );
        }
    }
    for tr in site.tree_translations.values() {
        for (id, a) in &tr.value.answers {
            for (r, _) in a.advice.as_deref().map(refused_links).unwrap_or_default() {
                d.push(r.diagnostic(&tr.file).at_opt(advice_at(tr, id, &r.dest)));
            }
        }
    }
}

/// Where a refused address in an answer's advice is: after the answer's id.
fn advice_at<T>(f: &Located<T>, id: &str, dest: &str) -> Option<(usize, usize)> {
    f.locate_value_after(id, dest)
        .or_else(|| f.locate_value(id))
}

/// Images may only be files of this site: a path without a scheme that does not start
/// with `//` (which would be another site). The Content-Security-Policy blocks others too,
/// but the page must not ask for them.
pub fn image_allowed(dest: &str) -> bool {
    let lower: String = dest
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
        .replace('\\', "/");
    if lower.is_empty() || lower.starts_with("//") {
        return false;
    }
    match lower.find(':') {
        None => true,
        Some(colon) => lower[..colon].contains(['/', '?', '#']),
    }
}

/// Schemes allowed in content links. Anything with another scheme (javascript:, data:,
/// vbscript:, file:) is refused; relative links have no scheme.
pub fn link_allowed(dest: &str) -> bool {
    let lower: String = dest
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            if scheme.contains(['/', '?', '#']) {
                return true; // the colon is in a path, not a scheme
            }
            matches!(scheme, "http" | "https" | "tel" | "mailto")
        }
    }
}

fn warn_uncontactable(
    services: &[LoadedService],
    regions: &[Region],
    municipalities: &[Municipality],
    muni_files: &BTreeMap<String, Located<MunicipalityFile>>,
    d: &mut Diagnostics,
) {
    let mut groups: BTreeMap<Scope, Vec<&str>> = BTreeMap::new();
    for s in services {
        let v = &s.doc.front.value;
        let c = v.contact.clone().unwrap_or_default();
        let has_address = v
            .address
            .as_ref()
            .is_some_and(|a| a.street.is_some() || a.city.is_some());
        if c.phone.is_none()
            && c.night_phone.is_none()
            && c.email.is_none()
            && c.website.is_none()
            && !has_address
        {
            groups.entry(s.scope.clone()).or_default().push(&s.id);
        }
    }
    for (scope, ids) in groups {
        let (file, label) = match &scope {
            Scope::National => (PathBuf::from("content/national"), label::national()),
            Scope::Region(r) => (
                regions
                    .iter()
                    .find(|x| &x.slug == r)
                    .map(|x| x.file.clone())
                    .unwrap_or_else(|| PathBuf::from(format!("content/regions/{r}"))),
                label::region(r),
            ),
            Scope::Municipality(m) => (
                muni_files
                    .get(m)
                    .map(|f| f.file.clone())
                    .unwrap_or_else(|| PathBuf::from(format!("content/municipalities/{m}"))),
                label::municipality(
                    municipalities
                        .iter()
                        .find(|x| &x.slug == m)
                        .map_or(m.as_str(), |x| x.name.as_str()),
                ),
            ),
        };
        d.push(
            Diagnostic::warning(
                file,
                msg::services_unreachable(label, ids.len(), ids.join(", ")),
            )
            .hint(hint::add_way_to_reach()),
        );
    }
}

fn warn_missing_translations(
    services: &[LoadedService],
    pages: &[LoadedPage],
    languages: &[Language],
    config: &SiteConfig,
    d: &mut Diagnostics,
) {
    for l in languages
        .iter()
        .filter(|l| l.code != config.default_language)
    {
        let missing_s: Vec<&str> = services
            .iter()
            .filter(|s| !s.translations.contains_key(&l.code))
            .map(|s| s.id.as_str())
            .collect();
        let missing_p: Vec<&str> = pages
            .iter()
            .filter(|p| !p.translations.contains_key(&l.code))
            .map(|p| p.slug.as_str())
            .collect();
        if !missing_s.is_empty() {
            d.push(
                Diagnostic::warning(
                    format!("content/i18n/{}.yaml", l.code),
                    msg::services_untranslated(missing_s.len(), services.len(), &l.code),
                )
                .hint(hint::add_service_translation(&l.code, missing_s[0])),
            );
        }
        if !missing_p.is_empty() {
            d.push(
                Diagnostic::warning(
                    format!("content/i18n/{}.yaml", l.code),
                    msg::pages_untranslated(
                        missing_p.len(),
                        pages.len(),
                        &l.code,
                        missing_p.join(", "),
                    ),
                )
                .hint(hint::add_page_translation(&l.code)),
            );
        }
    }
}

/// References, uniqueness, loops and reachability. Returns true when the shape is sound
/// enough to check coverage.
fn check_tree_shape(tree: &Located<TreeFile>, d: &mut Diagnostics) -> bool {
    let t = &tree.value;
    let before = d.errors().count();
    let err = |m: crate::diagnostics::Msg, pos: Option<(usize, usize)>| {
        Diagnostic::error(&tree.file, m).at_opt(pos)
    };
    let qids: Vec<&str> = t.questions.iter().map(|q| q.id.as_str()).collect();
    let aids: Vec<&str> = t.answers.iter().map(|a| a.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for id in qids.iter().chain(&aids) {
        if !crate::load::is_slug(id) {
            d.push(err(msg::id_not_for_web(id), tree.locate_value(id)).hint(hint::slug_letters()));
        }
        if !seen.insert(*id) {
            d.push(err(msg::id_twice(id), tree.locate_value(id)).hint(hint::unique_flow_ids()));
        }
    }
    if !qids.contains(&t.start.as_str()) {
        let hint = did_you_mean(&t.start, qids.iter().copied())
            .map_or_else(hint::name_first_question, hint::did_you_mean);
        d.push(
            err(msg::start_not_a_question(&t.start), tree.locate(&["start"]))
                .field("start")
                .hint(hint),
        );
    }
    for q in &t.questions {
        if q.options.is_empty() {
            d.push(
                err(
                    msg::question_without_options(&q.id),
                    tree.locate_value(&q.id),
                )
                .hint(hint::add_an_option()),
            );
        }
        let mut opt_ids = BTreeSet::new();
        for o in &q.options {
            let pos = tree.locate_value(&o.id);
            if !crate::load::is_slug(&o.id) {
                d.push(err(msg::option_id_not_for_web(&o.id), pos).hint(hint::slug_letters()));
            }
            if !opt_ids.insert(&o.id) {
                d.push(err(msg::option_twice(&q.id, &o.id), pos));
            }
            match (&o.next, &o.answer) {
                (Some(_), Some(_)) => d.push(
                    err(msg::option_next_and_answer(&o.id, &q.id), pos)
                        .hint(hint::next_or_answer()),
                ),
                (None, None) => d.push(
                    err(msg::option_leads_nowhere(&o.id, &q.id), pos)
                        .hint(hint::add_next_or_answer()),
                ),
                (Some(n), None) if !qids.contains(&n.as_str()) => {
                    let hint = did_you_mean(n, qids.iter().copied())
                        .map_or_else(hint::use_question_id, hint::did_you_mean);
                    d.push(
                        err(
                            msg::option_to_missing_question(&o.id, &q.id, n),
                            tree.locate_value(n).or(pos),
                        )
                        .hint(hint),
                    );
                }
                (None, Some(a)) if !aids.contains(&a.as_str()) => {
                    let hint = did_you_mean(a, aids.iter().copied())
                        .map_or_else(hint::use_answer_id, hint::did_you_mean);
                    d.push(
                        err(
                            msg::option_to_missing_answer(&o.id, &q.id, a),
                            tree.locate_value(a).or(pos),
                        )
                        .hint(hint),
                    );
                }
                _ => {}
            }
        }
    }
    if d.errors().count() > before {
        return false;
    }
    // Loops: depth-first search with colours; report the loop's path.
    let index: HashMap<&str, &Question> = t.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut colour: HashMap<&str, u8> = HashMap::new();
    let mut stack: Vec<&str> = Vec::new();
    fn visit<'a>(
        id: &'a str,
        index: &HashMap<&str, &'a Question>,
        colour: &mut HashMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<&'a str>> {
        colour.insert(id, 1);
        stack.push(id);
        for o in &index[id].options {
            if let Some(n) = o.next.as_deref() {
                match colour.get(n).copied().unwrap_or(0) {
                    1 => {
                        let from = stack.iter().position(|s| *s == n).unwrap_or(0);
                        let mut cycle = stack[from..].to_vec();
                        cycle.push(n);
                        return Some(cycle);
                    }
                    0 => {
                        if let Some(c) = visit(n, index, colour, stack) {
                            return Some(c);
                        }
                    }
                    _ => {}
                }
            }
        }
        stack.pop();
        colour.insert(id, 2);
        None
    }
    for q in &t.questions {
        if colour.get(q.id.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(&q.id, &index, &mut colour, &mut stack) {
                d.push(
                    err(
                        msg::flow_loops(cycle.join(" → ")),
                        tree.locate_value_after(
                            &format!("id: {}", cycle[cycle.len() - 2]),
                            &format!("next: {}", cycle[cycle.len() - 1]),
                        ),
                    )
                    .hint(hint::end_in_answer()),
                );
                return false;
            }
            stack.clear();
        }
    }
    // Reachability from start.
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut todo = vec![t.start.as_str()];
    while let Some(id) = todo.pop() {
        if !reached.insert(id) {
            continue;
        }
        if let Some(q) = index.get(id) {
            for o in &q.options {
                todo.extend(o.next.as_deref());
                if let Some(a) = o.answer.as_deref() {
                    reached.insert(a);
                }
            }
        }
    }
    for id in qids.iter().chain(&aids) {
        if !reached.contains(id) {
            d.push(
                err(
                    msg::unreachable(id),
                    tree.locate_value(&format!("id: {id}")),
                )
                .hint(hint::link_or_remove()),
            );
        }
    }
    d.errors().count() == before
}

/// Every answer must find at least one service in every municipality.
/// The flow's answers that find no service somewhere: (answer index, municipalities).
fn uncovered(site: &Site) -> Vec<(usize, Vec<usize>)> {
    site.tree
        .answers
        .iter()
        .enumerate()
        .filter(|(_, a)| site.answer_matches(None, a).is_empty())
        .map(|(i, a)| {
            let missing = (0..site.municipalities.len())
                .filter(|&m| site.answer_matches(Some(m), a).is_empty())
                .collect();
            (i, missing)
        })
        .filter(|(_, missing): &(usize, Vec<usize>)| !missing.is_empty())
        .collect()
}

fn check_tree_coverage(site: &Site, tree: &Located<TreeFile>, d: &mut Diagnostics) {
    for (a, missing) in uncovered(site) {
        let a = &site.tree.answers[a];
        let needs: Vec<&str> = a.needs.iter().map(|n| n.as_str()).collect();
        let missing: Vec<&str> = missing
            .into_iter()
            .map(|m| site.municipalities[m].slug.as_str())
            .collect();
        d.push(
            Diagnostic::error(
                &tree.file,
                msg::answer_finds_no_service(&a.id, needs.join(", "), missing.join(", ")),
            )
            .at_opt(tree.locate_value_after("answers:", &format!("id: {}", a.id)))
            .hint(hint::add_service_for_needs()),
        );
    }
}

/// For `serve` after an edit of existing service files, already swapped into `site`: the
/// checks those files take part in (the service's own rules, and that every answer still
/// finds help everywhere). Nothing else in a full check reads a service's content: its id
/// and scope come from its path, which did not change. True when there is no error; on an
/// error the caller runs the full check, which locates and explains it.
pub fn recheck_services(site: &Site, services: &[usize], today: Date) -> bool {
    let munis: HashMap<String, usize> = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.clone(), i))
        .collect();
    let mut d = Diagnostics::default();
    for &i in services {
        check_service(
            &site.services[i],
            &mut d,
            &site.regions,
            &munis,
            today,
            site.config.stale_after_days,
        );
        let f = &site.services[i].doc.front;
        sources::check_citations(f, &f.value.sources, &site.sources, &mut d);
    }
    if d.has_errors() || !uncovered(site).is_empty() {
        return false;
    }
    reach::tonight_without_phone(site).is_empty()
}

fn check_tree_translations(site: &Site, tree: &Located<TreeFile>, d: &mut Diagnostics) {
    for l in &site.languages {
        if l.code == site.config.default_language {
            continue;
        }
        let Some(tr) = site.tree_translations.get(&l.code) else {
            d.push(
                Diagnostic::warning(&tree.file, msg::flow_untranslated(&l.code))
                    .hint(hint::add_tree_translation(&l.code)),
            );
            continue;
        };
        let mut missing = Vec::new();
        for q in &site.tree.questions {
            match tr.value.questions.get(&q.id) {
                None => missing.push(q.id.clone()),
                Some(qt) => {
                    if qt.question.is_none() {
                        missing.push(format!("{}.question", q.id));
                    }
                    if q.help.is_some() && qt.help.is_none() {
                        missing.push(format!("{}.help", q.id));
                    }
                    for o in &q.options {
                        if !qt.options.contains_key(&o.id) {
                            missing.push(format!("{}.options.{}", q.id, o.id));
                        }
                    }
                }
            }
        }
        for a in &site.tree.answers {
            match tr.value.answers.get(&a.id) {
                None => missing.push(a.id.clone()),
                Some(at) => {
                    if at.title.is_none() {
                        missing.push(format!("{}.title", a.id));
                    }
                    if a.advice.is_some() && at.advice.is_none() {
                        missing.push(format!("{}.advice", a.id));
                    }
                }
            }
        }
        for id in tr
            .value
            .questions
            .keys()
            .filter(|id| site.question(id).is_none())
        {
            d.push(
                Diagnostic::error(&tr.file, msg::not_a_question(id))
                    .at_opt(tr.locate(&[id]))
                    .hint(hint::remove_or_fix_id()),
            );
        }
        for id in tr
            .value
            .answers
            .keys()
            .filter(|id| site.answer(id).is_none())
        {
            d.push(
                Diagnostic::error(&tr.file, msg::not_an_answer(id))
                    .at_opt(tr.locate(&[id]))
                    .hint(hint::remove_or_fix_id()),
            );
        }
        if !missing.is_empty() {
            d.push(
                Diagnostic::warning(
                    &tr.file,
                    msg::flow_texts_untranslated(missing.len(), missing.join(", ")),
                )
                .hint(hint::add_missing_texts()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_link_schemes() {
        for ok in [
            "https://x.nl",
            "http://x.nl",
            "tel:112",
            "mailto:a@b.nl",
            "/nl/assen/",
            "#top",
            "../x",
            "x/a:b",
        ] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            " java\tscript:x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!link_allowed(bad), "{bad}");
        }
    }
}
