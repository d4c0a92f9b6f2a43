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

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
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
                Diagnostic::error(&f.file, format!("municipality `{slug}` has no phone number"))
                    .at_opt(f.locate(&["contact"]).or_else(|| f.locate(&["name"])))
                    .field("contact.phone")
                    .hint("add `contact:` with `phone:` (the general number, as the municipality's own website gives it) and cite that page in `sources` with `for: [phone]`; if no source gives one, write in `phone_not_found:` where you looked"),
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
                            Diagnostic::error(&f.file, format!("municipality `{m}` is also a member of region `{other}`"))
                                .at_opt(f.locate_value(m))
                                .field("municipalities")
                                .hint("a municipality belongs to exactly one region; remove it from one of the two"),
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
                    "municipality",
                    muni_index.keys().map(String::as_str),
                )),
            }
        }
        let centrum = match muni_index.get(&r.centrumgemeente) {
            Some(&i) if r.municipalities.contains(&r.centrumgemeente) => i,
            Some(_) => {
                d.push(
                    Diagnostic::error(
                        &f.file,
                        format!(
                            "the centrumgemeente `{}` is not in this region's municipalities",
                            r.centrumgemeente
                        ),
                    )
                    .at_opt(f.locate(&["centrumgemeente"]))
                    .field("centrumgemeente")
                    .hint("add it to `municipalities`"),
                );
                usize::MAX
            }
            None => {
                d.push(unknown_ref(
                    f,
                    "centrumgemeente",
                    &r.centrumgemeente,
                    "municipality",
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
                    format!(
                        "region {}: {} municipality(ies) without a general phone number (searched, not found): {}",
                        r.slug,
                        names.len(),
                        names.join(", ")
                    ),
                )
                .hint("add `contact.phone` from the municipality's own website as soon as it is known, and remove `phone_not_found`"),
            );
        }
    }
    for m in &municipalities {
        if m.region == usize::MAX {
            d.push(
                Diagnostic::error(
                    &m.file,
                    format!("municipality `{}` is in no region", m.slug),
                )
                .hint(format!(
                    "add `{}` to the `municipalities` list of its region's region.yaml",
                    m.slug
                )),
            );
        }
    }
    // Slugs share one URL space: /nl/<slug>/.
    for r in &regions {
        if muni_index.contains_key(&r.slug) {
            d.push(
                Diagnostic::error(&r.file, format!("region `{}` has the same name as a municipality; both would live at /nl/{}/", r.slug, r.slug))
                    .hint(format!("rename the region folder, e.g. `regio-{}`", r.slug)),
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
            d.push(
                Diagnostic::error(file, format!("`{slug}` is a name the site uses itself"))
                    .hint("rename the folder"),
            );
        }
    }

    // Services.
    services.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
    for s in &services {
        if let Some(prev) = seen.insert(&s.id, &s.doc.front.file) {
            d.push(
                Diagnostic::error(
                    &s.doc.front.file,
                    format!(
                        "the id `{}` is used twice; also by {}",
                        s.id,
                        prev.display()
                    ),
                )
                .hint(
                    "ids are web addresses and must be unique on the whole site: rename one file",
                ),
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
                Diagnostic::error("content/tree.yaml", "tree.yaml is missing").hint(
                    "create content/tree.yaml with the question flow (see content/README.md)",
                ),
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
    what: &str,
    known: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let hint = match did_you_mean(value, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("there is no content/municipalities/{value}/municipality.yaml; create it or fix the name"),
    };
    Diagnostic::error(&f.file, format!("there is no {what} `{value}`"))
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
                format!(
                    "the default language `{}` is not in `languages`",
                    c.default_language
                ),
            )
            .at_opt(config.locate(&["default_language"]))
            .field("default_language")
            .hint("add it to `languages`"),
        );
    }
    let mut seen = BTreeSet::new();
    for l in &c.languages {
        if !seen.insert(l) {
            d.push(
                Diagnostic::error(&config.file, format!("language `{l}` is listed twice"))
                    .at_opt(config.locate(&["languages"]))
                    .field("languages"),
            );
        }
    }
    for code in c.fallback.keys() {
        if !c.languages.contains(code) {
            d.push(
                Diagnostic::error(
                    &config.file,
                    format!("`fallback` has a chain for `{code}`, which is not in `languages`"),
                )
                .at_opt(config.locate(&["fallback", code]))
                .field(format!("fallback.{code}"))
                .hint(format!("use one of {}", c.languages.join(", "))),
            );
        }
    }
    if !c.title.contains_key(&c.default_language) {
        d.push(
            Diagnostic::error(
                &config.file,
                format!(
                    "`title` has no text for the default language `{}`",
                    c.default_language
                ),
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
                Diagnostic::error(
                    &config.file,
                    format!(
                        "language `{code}` is enabled but content/i18n/{code}.yaml does not exist"
                    ),
                )
                // At `languages:`, not at the first `nl` in the file (the title's).
                .at_opt(
                    config
                        .locate_value_after("languages", code)
                        .or_else(|| config.locate(&["languages"])),
                )
                .field("languages")
                .hint(format!(
                    "copy content/i18n/{}.yaml to {code}.yaml and translate it",
                    c.default_language
                )),
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
                    Diagnostic::error(&file.file, format!("the interface text `{key}` is missing"))
                        .field(key)
                        .hint(format!("add a line `{key}: ...` with the {code} text (see content/i18n/{}.yaml)", c.default_language)),
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
                Diagnostic::error(&file.file, format!("`direction` is `{dir}`"))
                    .at_opt(file.locate(&["direction"]))
                    .field("direction")
                    .hint("write `ltr` or `rtl`"),
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
                Diagnostic::error(
                    &config.file,
                    format!("the fallback of `{code}` names `{l}`, which is not in `languages`"),
                )
                .at_opt(at)
                .field(format!("fallback.{code}"))
                .hint(format!(
                    "use one of {}, or add `{l}` to `languages`{}",
                    c.languages.join(", "),
                    did_you_mean(l, c.languages.iter().map(String::as_str))
                        .map(|m| format!(" (did you mean `{m}`?)"))
                        .unwrap_or_default()
                )),
            );
        } else if l == code {
            d.push(
                Diagnostic::error(&config.file, format!("`{code}` falls back to itself"))
                    .at_opt(at)
                    .field(format!("fallback.{code}"))
                    .hint("list only other languages"),
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
                        format!(
                            "the interface text `{key}` is missing; {} uses it on line {line}",
                            template.display()
                        ),
                    )
                    .field(key)
                    .hint(format!(
                        "add a line `{key}: ...` with the {} text (onderdak's own content/i18n/{}.yaml has one to start from)",
                        l.code, l.code
                    )),
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
                        format!("the interface text `{key}` is missing"),
                    )
                    .field(key)
                    .hint(format!(
                        "add a line `{key}: ...` (onderdak's own content/i18n/{}.yaml has one to start from)",
                        l.code
                    )),
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
            Diagnostic::error(&f.file, format!("{date} is in the future"))
                .at_opt(f.locate(path))
                .field(path.join("."))
                .hint("write the date on which you checked the facts"),
        );
    } else if age > i64::from(stale_days) {
        d.push(
            Diagnostic::warning(
                &f.file,
                format!("last checked {age} days ago ({date}); the limit is {stale_days} days"),
            )
            .at_opt(f.locate(path))
            .field(path.join("."))
            .hint("check the facts against the source and update `last_checked`"),
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
                Diagnostic::error(
                    &f.file,
                    format!("`id` is `{id}` but the file is named `{}.md`", s.id),
                )
                .at_opt(f.locate(&["id"]))
                .field("id")
                .hint("the file name is the id: rename the file or remove the `id` line"),
            );
        }
    }
    match &s.scope {
        Scope::Region(r) if !regions.iter().any(|x| &x.slug == r) => d.push(
            Diagnostic::error(
                &f.file,
                format!("the folder regions/{r}/ has no region.yaml"),
            )
            .hint("add region.yaml or move the service into an existing region folder"),
        ),
        Scope::Municipality(m) if !munis.contains_key(m) => d.push(
            Diagnostic::error(
                &f.file,
                format!("the folder municipalities/{m}/ has no municipality.yaml"),
            )
            .hint("add municipality.yaml or move the service into an existing municipality folder"),
        ),
        _ => {}
    }
    if v.name.trim().is_empty() {
        d.push(
            Diagnostic::error(&f.file, "`name` is empty")
                .at_opt(f.locate(&["name"]))
                .field("name"),
        );
    }
    check_date(d, f, &["last_checked"], v.last_checked, today, stale);
    if let Some(a) = &v.audience {
        if let (Some(lo), Some(hi)) = (a.min_age, a.max_age) {
            if lo > hi {
                d.push(
                    Diagnostic::error(&f.file, format!("min_age {lo} is above max_age {hi}"))
                        .at_opt(f.locate(&["audience", "min_age"]))
                        .field("audience.min_age")
                        .hint("swap the two ages"),
                );
            }
        }
    }
    if let Some(h) = &v.hours {
        if h.always_open && h.has_weekly() {
            d.push(
                Diagnostic::error(
                    &f.file,
                    "`always_open: true` and weekly hours contradict each other",
                )
                .at_opt(f.locate(&["hours", "always_open"]))
                .field("hours.always_open")
                .hint("remove one of them"),
            );
        }
        for (i, e) in h.exceptions.iter().enumerate() {
            if e.closed != e.hours.is_empty() {
                d.push(
                    Diagnostic::error(&f.file, format!("the exception on {} needs either `closed: true` or `hours`, not both or neither", e.date))
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
            Diagnostic::error(file, format!("the image `{shown}` is not allowed: images must be files of this site"))
                .hint("put the image in static/ and write its path, e.g. `![description](/static/plan.png)`; pages load nothing from other sites")
        } else {
            Diagnostic::error(file, format!("the link `{shown}` is not allowed")).hint(
                "links may start with https://, http://, tel:, mailto: or / (a page of this site)",
            )
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
            Scope::National => (PathBuf::from("content/national"), "national".to_string()),
            Scope::Region(r) => (
                regions
                    .iter()
                    .find(|x| &x.slug == r)
                    .map(|x| x.file.clone())
                    .unwrap_or_else(|| PathBuf::from(format!("content/regions/{r}"))),
                format!("region {r}"),
            ),
            Scope::Municipality(m) => (
                muni_files
                    .get(m)
                    .map(|f| f.file.clone())
                    .unwrap_or_else(|| PathBuf::from(format!("content/municipalities/{m}"))),
                format!(
                    "municipality {}",
                    municipalities
                        .iter()
                        .find(|x| &x.slug == m)
                        .map_or(m.as_str(), |x| x.name.as_str())
                ),
            ),
        };
        d.push(
            Diagnostic::warning(file, format!("{label}: {} service(s) with no phone, e-mail, website or address: {}", ids.len(), ids.join(", ")))
                .hint("add a way to reach them, with its source; until then the page tells readers to ask their municipality's front door"),
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
                Diagnostic::warning(format!("content/i18n/{}.yaml", l.code), format!("{} of {} services have no `{}` translation; they are shown in Dutch", missing_s.len(), services.len(), l.code))
                    .hint(format!("add <id>.{}.md beside a service, e.g. {}.{}.md; `onderdak check --translations` shows the coverage", l.code, missing_s[0], l.code)),
            );
        }
        if !missing_p.is_empty() {
            d.push(
                Diagnostic::warning(
                    format!("content/i18n/{}.yaml", l.code),
                    format!(
                        "{} of {} explainer pages have no `{}` translation: {}",
                        missing_p.len(),
                        pages.len(),
                        l.code,
                        missing_p.join(", ")
                    ),
                )
                .hint(format!("add content/pages/<slug>.{}.md", l.code)),
            );
        }
    }
}

/// References, uniqueness, loops and reachability. Returns true when the shape is sound
/// enough to check coverage.
fn check_tree_shape(tree: &Located<TreeFile>, d: &mut Diagnostics) -> bool {
    let t = &tree.value;
    let before = d.errors().count();
    let err =
        |msg: String, pos: Option<(usize, usize)>| Diagnostic::error(&tree.file, msg).at_opt(pos);
    let qids: Vec<&str> = t.questions.iter().map(|q| q.id.as_str()).collect();
    let aids: Vec<&str> = t.answers.iter().map(|a| a.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for id in qids.iter().chain(&aids) {
        if !crate::load::is_slug(id) {
            d.push(
                err(
                    format!("the id `{id}` cannot be used in a web address"),
                    tree.locate_value(id),
                )
                .hint("use lower-case letters, digits and dashes"),
            );
        }
        if !seen.insert(*id) {
            d.push(
                err(
                    format!("the id `{id}` is used twice"),
                    tree.locate_value(id),
                )
                .hint("question and answer ids must be unique"),
            );
        }
    }
    if !qids.contains(&t.start.as_str()) {
        let hint = did_you_mean(&t.start, qids.iter().copied())
            .map_or("name the first question's id".to_string(), |b| {
                format!("did you mean `{b}`?")
            });
        d.push(
            err(
                format!("`start` names `{}`, which is not a question", t.start),
                tree.locate(&["start"]),
            )
            .field("start")
            .hint(hint),
        );
    }
    for q in &t.questions {
        if q.options.is_empty() {
            d.push(
                err(
                    format!("question `{}` has no options", q.id),
                    tree.locate_value(&q.id),
                )
                .hint("add at least one option"),
            );
        }
        let mut opt_ids = BTreeSet::new();
        for o in &q.options {
            let pos = tree.locate_value(&o.id);
            if !crate::load::is_slug(&o.id) {
                d.push(
                    err(
                        format!("option id `{}` cannot be used in a web address", o.id),
                        pos,
                    )
                    .hint("use lower-case letters, digits and dashes"),
                );
            }
            if !opt_ids.insert(&o.id) {
                d.push(err(
                    format!("question `{}` has two options with id `{}`", q.id, o.id),
                    pos,
                ));
            }
            match (&o.next, &o.answer) {
                (Some(_), Some(_)) => d.push(
                    err(
                        format!(
                            "option `{}` of `{}` has both `next` and `answer`",
                            o.id, q.id
                        ),
                        pos,
                    )
                    .hint("keep one: `next` goes to a question, `answer` ends the flow"),
                ),
                (None, None) => d.push(
                    err(
                        format!("option `{}` of `{}` leads nowhere", o.id, q.id),
                        pos,
                    )
                    .hint("add `next: <question id>` or `answer: <answer id>`"),
                ),
                (Some(n), None) if !qids.contains(&n.as_str()) => {
                    let hint = did_you_mean(n, qids.iter().copied())
                        .map_or("use the id of a question".into(), |b| {
                            format!("did you mean `{b}`?")
                        });
                    d.push(
                        err(
                            format!(
                                "option `{}` of `{}` goes to question `{n}`, which does not exist",
                                o.id, q.id
                            ),
                            tree.locate_value(n).or(pos),
                        )
                        .hint(hint),
                    );
                }
                (None, Some(a)) if !aids.contains(&a.as_str()) => {
                    let hint = did_you_mean(a, aids.iter().copied())
                        .map_or("use the id of an answer".into(), |b| {
                            format!("did you mean `{b}`?")
                        });
                    d.push(
                        err(
                            format!(
                                "option `{}` of `{}` goes to answer `{a}`, which does not exist",
                                o.id, q.id
                            ),
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
                        format!("the flow loops: {}", cycle.join(" → ")),
                        tree.locate_value_after(&format!("id: {}", cycle[cycle.len() - 2]), &format!("next: {}", cycle[cycle.len() - 1])),
                    )
                        .hint("every path must end in an answer; point one of these options to a later question or an answer"),
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
                    format!("`{id}` cannot be reached from the start question"),
                    tree.locate_value(&format!("id: {id}")),
                )
                .hint("link to it from an option, or remove it"),
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
            Diagnostic::error(&tree.file, format!("answer `{}` finds no service for need(s) {} in: {}", a.id, needs.join(", "), missing.join(", ")))
                .at_opt(tree.locate_value_after("answers:", &format!("id: {}", a.id)))
                .hint("add a service with one of these needs to each municipality or its region, or add `front-door` to the answer's needs"),
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
                Diagnostic::warning(
                    &tree.file,
                    format!(
                        "the question flow has no `{}` translation; it is shown in Dutch",
                        l.code
                    ),
                )
                .hint(format!("add content/tree.{}.yaml", l.code)),
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
                Diagnostic::error(&tr.file, format!("`{id}` is not a question in tree.yaml"))
                    .at_opt(tr.locate(&[id]))
                    .hint("remove it or fix the id"),
            );
        }
        for id in tr
            .value
            .answers
            .keys()
            .filter(|id| site.answer(id).is_none())
        {
            d.push(
                Diagnostic::error(&tr.file, format!("`{id}` is not an answer in tree.yaml"))
                    .at_opt(tr.locate(&[id]))
                    .hint("remove it or fix the id"),
            );
        }
        if !missing.is_empty() {
            d.push(
                Diagnostic::warning(
                    &tr.file,
                    format!(
                        "{} text(s) not translated, shown in Dutch: {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                )
                .hint("add the missing texts by id"),
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
