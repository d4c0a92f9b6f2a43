//! The content editor: a Decap CMS configuration written from onderdak's own content model
//! (the same schemars schemas `onderdak schema` writes), and the `/admin/` pages
//! `onderdak serve` answers with. Every field gets its widget, hint, required flag and
//! allowed values from the model, so the form cannot drift from what `check` accepts.
//!
//! The CMS code itself is Decap's npm bundle at the version pinned in `tools/cms/`, installed
//! by `tools/cms/fetch.sh` into a cache folder; it is served from there and never written
//! into a site's output.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use schemars::JsonSchema;
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value};

use crate::model::*;

/// Where the CMS is on the git host, or the local proxy (`decap-server`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// Decap's local backend: `decap-server` on this port writes the files.
    Local { port: u16 },
    /// A git host: `github`, `gitlab` or `gitea`, with the editorial workflow (draft,
    /// review, publish) as pull or merge requests.
    Git {
        host: String,
        repo: String,
        branch: String,
        /// The host's API root, for self-hosted GitLab or Gitea.
        api_root: Option<String>,
    },
}

/// The git hosts Decap has a backend for; the admin page wraps each (see `admin.js`).
pub const GIT_HOSTS: [&str; 3] = ["github", "gitlab", "gitea"];

/// The port `decap-server` listens on unless `ONDERDAK_CMS_PORT` says otherwise (Decap's
/// own default).
pub fn local_port() -> u16 {
    std::env::var("ONDERDAK_CMS_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8081)
}

/// The cache `tools/cms/fetch.sh` installs into.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ONDERDAK_CMS_CACHE") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| ".".into());
    PathBuf::from(home).join(".cache/onderdak-cms")
}

fn decap_dist() -> PathBuf {
    cache_dir().join("node_modules/decap-cms/dist")
}

/// js-yaml's browser build: admin.js compares what a file says, not how it is written.
fn js_yaml() -> PathBuf {
    cache_dir().join("node_modules/js-yaml/dist/js-yaml.min.js")
}

// ---------------------------------------------------------------------------------------
// The configuration.

/// One kind of content file: the model of the original and of its translations.
struct FileModel {
    original: Json,
    translation: Json,
}

fn schema<T: JsonSchema>() -> Json {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

fn service_model() -> FileModel {
    FileModel {
        original: schema::<ServiceFront>(),
        translation: schema::<ServiceTranslationFront>(),
    }
}
fn page_model() -> FileModel {
    FileModel {
        original: schema::<PageFront>(),
        translation: schema::<PageTranslationFront>(),
    }
}
fn municipality_model() -> FileModel {
    FileModel {
        original: schema::<MunicipalityFile>(),
        translation: schema::<PlaceTranslation>(),
    }
}
fn region_model() -> FileModel {
    FileModel {
        original: schema::<RegionFile>(),
        translation: schema::<PlaceTranslation>(),
    }
}

/// What the configuration needs to know of the site beyond the model: its languages, its
/// folders and the ids in its source register.
#[derive(Debug, Default)]
pub struct SiteFacts {
    pub languages: Vec<String>,
    pub default_language: String,
    /// (slug, name) of each folder under `content/regions/` with a `region.yaml`.
    pub regions: Vec<(String, String)>,
    /// (slug, name) of each folder under `content/municipalities/` with a `municipality.yaml`.
    pub municipalities: Vec<(String, String)>,
    pub source_ids: Vec<String>,
    /// The register's files, `content/sources/<name>.yaml`, by name.
    pub source_files: Vec<String>,
}

impl SiteFacts {
    /// Reads what it can; a file it cannot read leaves its part empty (`check` is the place
    /// that reports broken files, and the editor is how they get fixed).
    pub fn read(site_dir: &Path) -> Result<SiteFacts, String> {
        let content = site_dir.join("content");
        let site_yaml = content.join("site.yaml");
        let text = std::fs::read_to_string(&site_yaml)
            .map_err(|e| format!("cannot read {}: {e}", site_yaml.display()))?;
        let site: Value =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", site_yaml.display()))?;
        let languages: Vec<String> = site
            .get("languages")
            .and_then(Value::as_sequence)
            .map(|s| {
                s.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let default_language = site
            .get("default_language")
            .and_then(Value::as_str)
            .unwrap_or("nl")
            .to_string();
        let mut facts = SiteFacts {
            languages,
            default_language,
            regions: places(&content.join("regions"), "region.yaml"),
            municipalities: places(&content.join("municipalities"), "municipality.yaml"),
            source_ids: Vec::new(),
            source_files: Vec::new(),
        };
        if !facts.languages.contains(&facts.default_language) {
            facts.languages.insert(0, facts.default_language.clone());
        }
        if let Ok(dir) = std::fs::read_dir(content.join("sources")) {
            let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
            {
                if let Some(name) = f.file_name().and_then(|n| n.to_str()) {
                    facts.source_files.push(name.to_string());
                }
                let Ok(text) = std::fs::read_to_string(f) else {
                    continue;
                };
                let Ok(Value::Sequence(list)) = serde_yaml::from_str::<Value>(&text) else {
                    continue;
                };
                for entry in list {
                    if let Some(id) = entry.get("id").and_then(Value::as_str) {
                        facts.source_ids.push(id.to_string());
                    }
                }
            }
            facts.source_ids.sort();
            facts.source_ids.dedup();
        }
        Ok(facts)
    }
}

/// The sub-folders of `dir` that hold `file`, with the `name:` written in it.
fn places(dir: &Path, file: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let path = e.path().join(file);
        let Some(slug) = e.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = serde_yaml::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| slug.clone());
        out.push((slug, name));
    }
    out.sort();
    out
}

/// Dutch labels for the model's field names; a field missing here is shown by its name
/// (and the sync test asks for a label for every field).
const LABELS: &[(&str, &str)] = &[
    ("id", "Id (gelijk aan de bestandsnaam)"),
    ("name", "Naam"),
    ("title", "Titel"),
    ("summary", "Samenvatting"),
    ("kind", "Soort"),
    ("needs", "Helpt bij"),
    ("audience", "Voor wie"),
    ("min_age", "Vanaf leeftijd"),
    ("max_age", "Tot leeftijd"),
    ("groups", "Groepen"),
    ("note", "Toelichting"),
    ("provider", "Aanbieder"),
    ("capacity", "Plekken"),
    ("stay", "Hoe lang"),
    ("contact", "Contact"),
    ("phone", "Telefoon"),
    ("phone_note", "Toelichting bij telefoon"),
    ("phone_24h", "Telefoon dag en nacht bereikbaar"),
    ("night_phone", "Nachtnummer"),
    ("night_phone_note", "Toelichting bij nachtnummer"),
    ("email", "E-mail"),
    ("website", "Website"),
    ("walk_in", "Binnenlopen zonder afspraak"),
    ("address", "Adres"),
    ("street", "Straat en huisnummer"),
    ("postcode", "Postcode"),
    ("city", "Plaats"),
    ("hours", "Openingstijden"),
    ("always_open", "Altijd open (dag en nacht)"),
    ("mon", "Maandag"),
    ("tue", "Dinsdag"),
    ("wed", "Woensdag"),
    ("thu", "Donderdag"),
    ("fri", "Vrijdag"),
    ("sat", "Zaterdag"),
    ("sun", "Zondag"),
    ("exceptions", "Uitzonderingen (feestdagen, sluiting)"),
    ("date", "Datum"),
    ("closed", "Gesloten"),
    ("cost", "Kosten"),
    ("bring", "Meenemen"),
    ("languages", "Talen die er gesproken worden"),
    ("sources", "Bronnen"),
    ("section", "Hoofdstuk of deel"),
    ("for", "Alleen voor deze gegevens"),
    ("last_checked", "Laatst gecontroleerd"),
    ("order", "Volgorde"),
    ("violence", "Over geweld (toont de snelle-uitknop)"),
    ("centrumgemeente", "Centrumgemeente"),
    ("municipalities", "Gemeenten"),
    (
        "phone_not_found",
        "Gezocht naar telefoonnummer, niet gevonden",
    ),
    // The source register.
    ("publisher", "Uitgever"),
    ("url", "Webadres"),
    // The question flow.
    ("start", "Eerste vraag (id)"),
    ("questions", "Vragen"),
    ("question", "Vraag"),
    ("help", "Uitleg bij de vraag"),
    ("exit_button", "Snelle-uitknop tonen"),
    ("needs_place", "Vraagt eerst de woonplaats"),
    ("options", "Keuzes"),
    ("label", "Tekst op de knop"),
    ("next", "Volgende vraag (id)"),
    ("answer", "Antwoord (id)"),
    ("answers", "Antwoorden"),
    ("advice", "Advies"),
    // site.yaml.
    ("base_url", "Webadres van de site"),
    ("default_language", "Standaardtaal"),
    ("theme", "Thema"),
    ("stale_after_days", "Controleren na (dagen)"),
    ("keep", "Bewaren in de uitvoermap"),
    (
        "contact_source_max_age_days",
        "Bron van contactgegevens oud na (dagen)",
    ),
    ("fallback", "Terugvaltalen"),
];

/// Dutch hints; they take the place of the model's (English) doc comment, which is shown
/// for a field not listed here.
const HINTS: &[(&str, &str)] = &[
    (
        "id",
        "Laat leeg. Vul je het in, dan moet het gelijk zijn aan de bestandsnaam.",
    ),
    ("kind", "Wat voor dienst het is; de pagina groepeert diensten zo."),
    (
        "phone_24h",
        "Alleen als een bron zegt dat het nummer dag en nacht wordt opgenomen.",
    ),
    (
        "hours",
        "Per dag de blokken dat het open is, en uitzonderingen op een datum.",
    ),
    (
        "for",
        "De gegevens waarvoor deze bron geldt. Leeg: alle gegevens die geen andere bron noemen.",
    ),
    ("section", "Hoofdstuk, paragraaf of deel van de pagina."),
    (
        "phone_not_found",
        "Waar en wanneer je zocht naar het algemene nummer. Zonder nummer en zonder deze notitie is de gemeente een fout.",
    ),
    ("centrumgemeente", "De gemeente die de opvang voor de regio regelt."),
    (
        "publisher",
        "Wie de bron uitgeeft: de gemeente, de organisatie of de krant.",
    ),
    (
        "url",
        "Het adres van de pagina of het document. Verplicht voor een webpagina.",
    ),
    ("base_url", "Het echte adres van de site; elke QR-code en gedeelde link gebruikt het."),
    ("next", "Het id van de vraag die hierna komt. Vul dit of het antwoord in, niet allebei."),
    ("answer", "Het id van het antwoord waar deze keuze eindigt."),
    ("municipalities", "Alle gemeenten van de regio."),
    ("phone", "Zoals mensen het bellen: 0800-2000, 050-1234567 of 112."),
    ("night_phone", "Zoals mensen het bellen: 0900-8844."),
    (
        "mon",
        "Eén regel per blok, als 09:00-17:00. Na middernacht door: 21:00-09:00.",
    ),
    ("postcode", "Zoals 9401 AA."),
    ("website", "Begint met https://"),
    (
        "last_checked",
        "De dag waarop je de gegevens met de bronnen vergeleek.",
    ),
    (
        "sources",
        "Waar de gegevens vandaan komen, uit het bronnenregister (content/sources/).",
    ),
];

/// Free-text fields that get a multi-line box.
const LONG_TEXT: &[&str] = &[
    "summary",
    "note",
    "help",
    "advice",
    "phone_not_found",
    "capacity",
    "stay",
    "cost",
];

fn label(name: &str) -> String {
    LABELS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| name.to_string())
}

fn hint(name: &str, description: Option<&str>) -> Option<String> {
    let day = ["tue", "wed", "thu", "fri", "sat", "sun"].contains(&name);
    let own = HINTS
        .iter()
        .find(|(n, _)| *n == name || (day && *n == "mon"))
        .map(|(_, h)| h.to_string());
    own.or_else(|| description.map(|d| d.replace('\n', " ")))
}

/// Follows `$ref` and `anyOf: [X, null]`; returns the schema and whether null is allowed.
fn resolve<'a>(root: &'a Json, s: &'a Json) -> (&'a Json, bool) {
    if let Some(r) = s.get("$ref").and_then(Json::as_str) {
        let name = r.rsplit('/').next().unwrap_or("");
        if let Some(def) = root.pointer(&format!("/$defs/{name}")) {
            return (resolve(root, def).0, false);
        }
    }
    if let Some(any) = s.get("anyOf").and_then(Json::as_array) {
        let not_null: Vec<&Json> = any
            .iter()
            .filter(|a| a.get("type").and_then(Json::as_str) != Some("null"))
            .collect();
        if not_null.len() == 1 && any.len() == 2 {
            return (resolve(root, not_null[0]).0, true);
        }
    }
    (s, false)
}

/// The `$defs` name a property refers to, through `anyOf: [ref, null]` and array items.
fn ref_name(s: &Json) -> Option<&str> {
    if let Some(r) = s.get("$ref").and_then(Json::as_str) {
        return r.rsplit('/').next();
    }
    if let Some(any) = s.get("anyOf").and_then(Json::as_array) {
        return any.iter().find_map(ref_name);
    }
    None
}

fn types(s: &Json) -> Vec<&str> {
    match s.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

fn enum_options(s: &Json) -> Option<Vec<Value>> {
    s.get("enum").and_then(Json::as_array).map(|e| {
        e.iter()
            .filter_map(Json::as_str)
            .map(|o| Value::String(o.into()))
            .collect()
    })
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.into()), v);
    }
    Value::Mapping(m)
}

fn s(v: &str) -> Value {
    Value::String(v.into())
}

struct Ctx<'a> {
    root: &'a Json,
    facts: &'a SiteFacts,
    /// Top-level fields the translation files also have: these are translated.
    translated: Vec<String>,
}

/// The CMS fields of one object schema, in the model's order.
fn fields_of(ctx: &Ctx, obj: &Json, top: bool) -> Vec<Value> {
    let required: Vec<&str> = obj
        .get("required")
        .and_then(Json::as_array)
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    let Some(props) = obj.get("properties").and_then(Json::as_object) else {
        return Vec::new();
    };
    // schemars sorts properties by name; the model's own order reads better in a form.
    let order = field_order(obj);
    let mut names: Vec<&String> = props.keys().collect();
    names.sort_by_key(|n| order.iter().position(|o| o == *n).unwrap_or(usize::MAX));
    names
        .into_iter()
        .map(|name| {
            let prop = &props[name];
            field(ctx, name, prop, required.contains(&name.as_str()), top)
        })
        .collect()
}

/// The order fields are declared in the model, per struct (schemars sorts them by name).
fn field_order(obj: &Json) -> Vec<String> {
    let props: Vec<&String> = obj
        .get("properties")
        .and_then(Json::as_object)
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    const ORDER: &[&str] = &[
        "id",
        "name",
        "title",
        "summary",
        "kind",
        "needs",
        "centrumgemeente",
        "municipalities",
        "audience",
        "provider",
        "capacity",
        "stay",
        "contact",
        "phone",
        "phone_note",
        "phone_24h",
        "night_phone",
        "night_phone_note",
        "email",
        "website",
        "walk_in",
        "address",
        "street",
        "postcode",
        "city",
        "phone_not_found",
        "hours",
        "always_open",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "exceptions",
        "date",
        "closed",
        "min_age",
        "max_age",
        "groups",
        "note",
        "cost",
        "bring",
        "languages",
        "order",
        "violence",
        "sources",
        "section",
        "for",
        "last_checked",
    ];
    let mut out: Vec<String> = ORDER
        .iter()
        .filter(|o| props.iter().any(|p| p == o))
        .map(|o| o.to_string())
        .collect();
    for p in props {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

fn field(ctx: &Ctx, name: &str, prop: &Json, required: bool, top: bool) -> Value {
    let (sch, _nullable) = resolve(ctx.root, prop);
    let description = prop
        .get("description")
        .or_else(|| sch.get("description"))
        .and_then(Json::as_str);
    let mut f = vec![("label", s(&label(name))), ("name", s(name))];
    let widget = widget(ctx, name, prop, sch);
    f.extend(widget);
    if !required {
        f.push(("required", Value::Bool(false)));
    }
    if let Some(h) = hint(name, description) {
        f.push(("hint", s(&h)));
    }
    if top && ctx.translated.iter().any(|t| t == name) {
        f.push(("i18n", Value::Bool(true)));
    }
    map(f)
}

/// A text widget checked against the model's pattern.
fn pattern_string(sch: &Json, what: &str) -> Vec<(&'static str, Value)> {
    let mut f = vec![("widget", s("string"))];
    if let Some(p) = sch.get("pattern").and_then(Json::as_str) {
        f.push((
            "pattern",
            Value::Sequence(vec![s(p), s(&format!("Schrijf {what}"))]),
        ));
    }
    f
}

fn shaped_widget(name: &str, sch: &Json) -> Option<Vec<(&'static str, Value)>> {
    Some(match name {
        // Decap writes the date as text in this format, as the model reads it.
        "Date" => vec![
            ("widget", s("datetime")),
            ("format", s("YYYY-MM-DD")),
            ("date_format", s("YYYY-MM-DD")),
            ("time_format", Value::Bool(false)),
        ],
        "Span" => pattern_string(sch, "een tijd als 09:00-17:00"),
        "Phone" => pattern_string(sch, "een Nederlands nummer, zoals 050-1234567"),
        "WebUrl" => pattern_string(sch, "een webadres dat begint met https://"),
        "Email" => pattern_string(sch, "een e-mailadres, zoals info@example.nl"),
        "Postcode" => pattern_string(sch, "een postcode, zoals 9401 AA"),
        "LangCode" => pattern_string(sch, "een taalcode, zoals nl of ar"),
        "SourceDate" => pattern_string(sch, "2024, 2024-01, 2024-01-15 of unknown"),
        _ => return None,
    })
}

fn widget(ctx: &Ctx, name: &str, prop: &Json, sch: &Json) -> Vec<(&'static str, Value)> {
    let slugs = |list: &[(String, String)]| -> Value {
        Value::Sequence(
            list.iter()
                .map(|(slug, name)| map(vec![("label", s(name)), ("value", s(slug))]))
                .collect(),
        )
    };
    // The region's members and its centrumgemeente are municipality folders.
    if name == "centrumgemeente" {
        return vec![
            ("widget", s("select")),
            ("options", slugs(&ctx.facts.municipalities)),
        ];
    }
    if name == "municipalities" {
        return vec![
            ("widget", s("select")),
            ("multiple", Value::Bool(true)),
            ("options", slugs(&ctx.facts.municipalities)),
        ];
    }
    if let Some(r) = ref_name(prop) {
        if let Some(w) = shaped_widget(r, sch) {
            return w;
        }
    }
    if let Some(options) = enum_options(sch) {
        return vec![
            ("widget", s("select")),
            ("options", Value::Sequence(options)),
        ];
    }
    let t = types(sch);
    if t.contains(&"boolean") {
        // No `default`: Decap would then start every list of objects holding a yes/no
        // (exceptions) with one empty item, whose required date blocks the save.
        return vec![("widget", s("boolean"))];
    }
    if t.contains(&"integer") {
        return vec![("widget", s("number")), ("value_type", s("int"))];
    }
    if t.contains(&"array") {
        let items = sch.get("items").unwrap_or(&Json::Null);
        let (item, _) = resolve(ctx.root, items);
        if let Some(options) = enum_options(item) {
            return vec![
                ("widget", s("select")),
                ("multiple", Value::Bool(true)),
                ("options", Value::Sequence(options)),
            ];
        }
        // A citation is an id or { id, section, for }; the form always writes the second.
        if ref_name(items) == Some("Citation") {
            let full = ctx
                .root
                .pointer("/$defs/CitationFull")
                .unwrap_or(&Json::Null);
            return vec![
                ("widget", s("list")),
                ("summary", s("{{fields.id}}")),
                ("fields", Value::Sequence(citation_fields(ctx, full))),
            ];
        }
        if item.get("properties").is_some() {
            return vec![
                ("widget", s("list")),
                ("fields", Value::Sequence(fields_of(ctx, item, false))),
            ];
        }
        // A list of texts or of shaped values (time spans, language codes).
        let mut one = vec![("label", s(&label(name))), ("name", s(name))];
        match ref_name(items).and_then(|r| shaped_widget(r, item)) {
            Some(w) => one.extend(w),
            None => one.push(("widget", s("string"))),
        }
        // Shown open: the hours of a day are read at a glance.
        return vec![
            ("widget", s("list")),
            ("collapsed", Value::Bool(false)),
            ("field", map(one)),
        ];
    }
    // A text or a list per language (`title`, `fallback` in site.yaml): one field for each
    // of the site's languages.
    if let Some(each) = sch
        .get("additionalProperties")
        .filter(|a| a.is_object() && t.contains(&"object"))
    {
        let list = types(each).contains(&"array");
        let fields = ctx
            .facts
            .languages
            .iter()
            .map(|l| {
                let mut f = vec![
                    ("label", s(l)),
                    ("name", s(l)),
                    ("required", Value::Bool(false)),
                ];
                if list {
                    f.push(("widget", s("select")));
                    f.push(("multiple", Value::Bool(true)));
                    f.push((
                        "options",
                        Value::Sequence(ctx.facts.languages.iter().map(|x| s(x)).collect()),
                    ));
                } else {
                    f.push(("widget", s("string")));
                }
                map(f)
            })
            .collect();
        return vec![
            ("widget", s("object")),
            ("collapsed", Value::Bool(false)),
            ("fields", Value::Sequence(fields)),
        ];
    }
    if sch.get("properties").is_some() {
        return vec![
            ("widget", s("object")),
            ("collapsed", Value::Bool(false)),
            ("fields", Value::Sequence(fields_of(ctx, sch, false))),
        ];
    }
    if LONG_TEXT.contains(&name) {
        return vec![("widget", s("text"))];
    }
    vec![("widget", s("string"))]
}

fn citation_fields(ctx: &Ctx, full: &Json) -> Vec<Value> {
    let mut fields = fields_of(ctx, full, false);
    // The id is one of the register's ids: a select with search, so a typo cannot happen.
    if !ctx.facts.source_ids.is_empty() {
        for f in &mut fields {
            if f.get("name").and_then(Value::as_str) == Some("id") {
                if let Value::Mapping(m) = f {
                    m.insert(s("label"), s("Bron (id in het bronnenregister)"));
                    m.insert(s("widget"), s("select"));
                    m.insert(
                        s("options"),
                        Value::Sequence(ctx.facts.source_ids.iter().map(|i| s(i)).collect()),
                    );
                }
            }
        }
    }
    fields
}

/// The fields of the original, with the translated ones marked, plus the text body.
fn collection_fields(model: &FileModel, facts: &SiteFacts, body: bool) -> Vec<Value> {
    let tprops: Vec<String> = model
        .translation
        .get("properties")
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let ctx = Ctx {
        root: &model.original,
        facts,
        translated: tprops,
    };
    let mut fields = fields_of(&ctx, &model.original, true);
    if body {
        fields.push(map(vec![
            ("label", s("Tekst")),
            ("name", s("body")),
            ("widget", s("markdown")),
            ("required", Value::Bool(false)),
            ("i18n", Value::Bool(true)),
            (
                "hint",
                s("Korte zinnen, eenvoudige woorden (B1). Alleen feiten met een bron."),
            ),
        ]));
    }
    fields
}

fn services_collection(name: &str, label: &str, folder: &str, fields: Value) -> Value {
    map(vec![
        ("name", s(name)),
        ("label", s(label)),
        ("label_singular", s("dienst")),
        ("folder", s(folder)),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::Bool(true)),
        ("identifier_field", s("name")),
        ("slug", s("{{slug}}")),
        ("summary", s("{{name}}")),
        ("i18n", Value::Bool(true)),
        (
            "description",
            s(&format!(
                "{}. Een nieuwe dienst krijgt de naam als bestandsnaam.",
                label
            )),
        ),
        ("fields", fields),
    ])
}

/// Municipalities or regions: one folder each, holding `municipality.yaml` (or
/// `region.yaml`) and its translations. Decap allows `multiple_files` translations only in
/// folder collections, so this is a nested folder collection (depth 2) rather than a list
/// of files; places are added with `onderdak new municipality`, not here.
fn places_collection(name: &str, label: &str, folder: &str, fields: Vec<Value>) -> Value {
    map(vec![
        ("name", s(name)),
        ("label", s(label)),
        ("folder", s(&format!("content/{folder}"))),
        ("extension", s("yaml")),
        ("format", s("yaml")),
        ("nested", map(vec![("depth", Value::Number(2.into()))])),
        ("create", Value::Bool(false)),
        ("delete", Value::Bool(false)),
        ("identifier_field", s("name")),
        ("summary", s("{{name}}")),
        ("i18n", Value::Bool(true)),
        ("fields", Value::Sequence(fields)),
    ])
}

/// A collection of single files with fields of their own (no translations): the source
/// register, the question flow, site.yaml.
fn files_collection(name: &str, label: &str, description: &str, files: Vec<Value>) -> Value {
    map(vec![
        ("name", s(name)),
        ("label", s(label)),
        ("description", s(description)),
        ("i18n", Value::Bool(false)),
        ("files", Value::Sequence(files)),
    ])
}

fn one_file(name: &str, label: &str, file: &str, fields: Vec<Value>) -> Value {
    map(vec![
        ("name", s(name)),
        ("label", s(label)),
        ("file", s(file)),
        ("fields", Value::Sequence(fields)),
    ])
}

/// The fields of a whole YAML file of type `T` (not a content file with translations).
fn plain_fields<T: JsonSchema>(facts: &SiteFacts) -> Vec<Value> {
    let root = schema::<T>();
    let ctx = Ctx {
        root: &root,
        facts,
        translated: Vec::new(),
    };
    fields_of(&ctx, &root, false)
}

/// The register files: a YAML list each. Decap edits only mappings, so admin.js shows each
/// file as `sources: [...]` and writes the list back.
fn sources_collection(facts: &SiteFacts) -> Value {
    let mut entry = plain_fields::<SourceEntry>(facts);
    relabel(
        &mut entry,
        "Id",
        "Kort en uniek, kleine letters, cijfers en streepjes, zoals dordrecht-opvang-2026. De inhoud noemt de bron met dit id.",
    );
    set(
        &mut entry,
        "title",
        None,
        "De eigen titel van het document of de pagina.",
    );
    set(
        &mut entry,
        "kind",
        None,
        "Wat voor bron: beleid, een pagina van een gemeente, aanbieder of overheid, of nieuws.",
    );
    set(&mut entry, "date", None, "De datum van de bron zelf: 2024, 2024-01 of 2024-01-15; `unknown` als de pagina geen datum noemt.");
    set(
        &mut entry,
        "note",
        None,
        "Alleen voor redacteuren; de site toont dit nooit.",
    );
    let files = facts
        .source_files
        .iter()
        .map(|f| {
            let stem = f.trim_end_matches(".yaml");
            one_file(
                &format!("sources-{stem}"),
                stem,
                &format!("content/sources/{f}"),
                vec![map(vec![
                    ("label", s("Bronnen")),
                    ("name", s("sources")),
                    ("widget", s("list")),
                    ("summary", s("{{fields.id}}: {{fields.title}}")),
                    ("fields", Value::Sequence(entry.clone())),
                ])],
            )
        })
        .collect();
    files_collection(
        "sources",
        "Bronnenregister",
        "De bronnen die de inhoud noemt: beleidsstukken, pagina's van gemeenten en aanbieders. Een nieuwe bron zet je onderaan een lijst.",
        files,
    )
}

/// Sets the label and hint of every `id` field in `fields` (and in their lists): the
/// shared label speaks of a file name, which these ids are not.
fn relabel(fields: &mut [Value], label: &str, hint: &str) {
    set(fields, "id", Some(label), hint);
}

/// The label (when given) and hint of every field `name` in `fields` and below: for a
/// name whose shared label or hint means something else in this file.
fn set(fields: &mut [Value], name: &str, label: Option<&str>, hint: &str) {
    for f in fields {
        let Value::Mapping(m) = f else { continue };
        if m.get("name").and_then(Value::as_str) == Some(name) {
            if let Some(l) = label {
                m.insert(s("label"), s(l));
            }
            m.insert(s("hint"), s(hint));
        }
        if let Some(Value::Sequence(inner)) = m.get_mut("fields") {
            set(inner, name, label, hint);
        }
    }
}

/// site.yaml's fields, in Dutch.
fn site_fields(facts: &SiteFacts) -> Vec<Value> {
    let mut f = plain_fields::<SiteConfig>(facts);
    set(&mut f, "title", None, "De naam van de site, per taal.");
    set(
        &mut f,
        "languages",
        Some("Talen van de site"),
        "Taalcodes, zoals nl, en, ar. Elke taal heeft een bestand content/i18n/<taal>.yaml.",
    );
    set(
        &mut f,
        "default_language",
        None,
        "De taal van de originelen, meestal nl.",
    );
    set(
        &mut f,
        "theme",
        None,
        "Een map onder themes/; laat leeg voor `default`.",
    );
    set(
        &mut f,
        "stale_after_days",
        None,
        "Na zoveel dagen zonder controle waarschuwt `onderdak check`.",
    );
    set(&mut f, "contact_source_max_age_days", None, "`onderdak check` waarschuwt als een telefoonnummer, adres of openingstijd rust op een bron die ouder is (een bron zonder datum telt als ouder).");
    set(
        &mut f,
        "keep",
        None,
        "Bestanden in de uitvoermap die een build laat staan, zoals CNAME of .well-known/.",
    );
    set(&mut f, "fallback", None, "Per taal de talen die een lezer te zien krijgt als een tekst niet vertaald is, voor de standaardtaal. Bijvoorbeeld uk: en.");
    f
}

/// The flow's fields, its ids explained.
fn flow_fields(facts: &SiteFacts) -> Vec<Value> {
    let mut fields = plain_fields::<TreeFile>(facts);
    relabel(
        &mut fields,
        "Id",
        "Kort, kleine letters en streepjes; `Eerste vraag`, `Volgende vraag` en `Antwoord` verwijzen ernaar, en het staat in het webadres.",
    );
    set(
        &mut fields,
        "audience",
        None,
        "Voor wie (huishouden, leeftijd): diensten voor anderen worden dan niet getoond.",
    );
    set(
        &mut fields,
        "needs_place",
        None,
        "Begint iemand zonder woonplaats, dan vraagt de site eerst de gemeente.",
    );
    fields
}

/// The names of the collections whose entries are services (for the preview template).
pub fn service_collections(facts: &SiteFacts) -> Vec<String> {
    let mut out = vec!["national".to_string()];
    out.extend(
        facts
            .regions
            .iter()
            .map(|(slug, _)| format!("services-region-{slug}")),
    );
    out.extend(
        facts
            .municipalities
            .iter()
            .map(|(slug, _)| format!("services-{slug}")),
    );
    out
}

/// The whole `config.yml` for a site.
pub fn config(facts: &SiteFacts, backend: &Backend) -> String {
    let backend_value = match backend {
        // `onderdak-proxy` is Decap's own proxy backend, wrapped by admin.js so the Dutch
        // original stays `<id>.md`.
        Backend::Local { port } => map(vec![
            ("name", s("onderdak-proxy")),
            ("proxy_url", s(&format!("http://localhost:{port}/api/v1"))),
        ]),
        Backend::Git {
            host,
            repo,
            branch,
            api_root,
        } => {
            let mut b = vec![
                ("name", s(&format!("onderdak-{host}"))),
                ("repo", s(repo)),
                ("branch", s(branch)),
            ];
            if let Some(api) = api_root {
                b.push(("api_root", s(api)));
            }
            map(b)
        }
    };
    let mut anchors = Anchors::default();
    anchors.define(
        "service_fields",
        collection_fields(&service_model(), facts, true),
    );
    let municipality = collection_fields(&municipality_model(), facts, false);
    let region = collection_fields(&region_model(), facts, false);
    let page = collection_fields(&page_model(), facts, true);

    let mut collections = vec![
        places_collection(
            "municipalities",
            "Gemeenten",
            "municipalities",
            municipality,
        ),
        places_collection("regions", "Regio's", "regions", region),
        services_collection(
            "national",
            "Landelijke lijnen",
            "content/national",
            Anchors::refer("service_fields", true),
        ),
    ];
    for (slug, name) in &facts.regions {
        collections.push(services_collection(
            &format!("services-region-{slug}"),
            &format!("Diensten: {name} (regio)"),
            &format!("content/regions/{slug}"),
            Anchors::refer("service_fields", false),
        ));
    }
    for (slug, name) in &facts.municipalities {
        collections.push(services_collection(
            &format!("services-{slug}"),
            &format!("Diensten: {name}"),
            &format!("content/municipalities/{slug}"),
            Anchors::refer("service_fields", false),
        ));
    }
    collections.push(map(vec![
        ("name", s("pages")),
        ("label", s("Uitleg")),
        ("label_singular", s("uitlegpagina")),
        ("folder", s("content/pages")),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::Bool(true)),
        ("identifier_field", s("title")),
        ("slug", s("{{slug}}")),
        ("summary", s("{{title}}")),
        ("i18n", Value::Bool(true)),
        ("fields", Value::Sequence(page)),
    ]));
    collections.push(sources_collection(facts));
    collections.push(files_collection(
        "flow",
        "Vragenroute",
        "De vragen die de site stelt en de antwoorden waar ze eindigen (content/tree.yaml). De vertalingen staan in tree.<taal>.yaml.",
        vec![one_file(
            "tree",
            "Vragenroute",
            "content/tree.yaml",
            flow_fields(facts),
        )],
    ));
    collections.push(files_collection(
        "settings",
        "Site-instellingen",
        "De naam, het adres en de talen van de site (content/site.yaml).",
        vec![one_file(
            "site",
            "site.yaml",
            "content/site.yaml",
            site_fields(facts),
        )],
    ));

    let mut top = vec![("backend", backend_value)];
    if matches!(backend, Backend::Git { .. }) {
        // Draft → in review → ready → published, each a branch and a pull/merge request.
        top.push(("publish_mode", s("editorial_workflow")));
    }
    top.extend([
        ("locale", s("nl")),
        // Nothing in the content uses pictures yet; Decap needs a folder all the same.
        ("media_folder", s("content/media")),
        ("public_folder", s("/media")),
        (
            "slug",
            map(vec![
                ("encoding", s("ascii")),
                ("clean_accents", Value::Bool(true)),
                ("sanitize_replacement", s("-")),
            ]),
        ),
        (
            "i18n",
            map(vec![
                ("structure", s("multiple_files")),
                (
                    "locales",
                    Value::Sequence(facts.languages.iter().map(|l| s(l)).collect()),
                ),
                ("default_locale", s(&facts.default_language)),
            ]),
        ),
        ("collections", Value::Sequence(collections)),
    ]);
    let body = anchors.splice(&serde_yaml::to_string(&map(top)).unwrap_or_default());
    format!(
        "# Written by onderdak from its content model (`onderdak cms config`); do not edit:\n\
         # change the model and write it again.\n{body}"
    )
}

/// YAML anchors for the field lists every folder repeats: written once (`&name`) and
/// referred to (`*name`), which keeps the file ~30 times smaller. serde_yaml writes no
/// anchors, so the lists are written with a marker and spliced in afterwards.
#[derive(Default)]
struct Anchors(Vec<(String, Value)>);

impl Anchors {
    fn define(&mut self, name: &str, fields: Vec<Value>) {
        self.0.push((name.to_string(), Value::Sequence(fields)));
    }
    /// The marker for a `fields:` value: the definition at the first use, else a reference.
    fn refer(name: &str, first: bool) -> Value {
        s(&format!("{}{name}", if first { '&' } else { '*' }))
    }
    fn splice(&self, yaml: &str) -> String {
        let mut out = String::with_capacity(yaml.len() * 2);
        for line in yaml.lines() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let mut done = false;
            for (name, fields) in &self.0 {
                if trimmed == format!("fields: '*{name}'") {
                    out.push_str(&format!("{indent}fields: *{name}\n"));
                    done = true;
                } else if trimmed == format!("fields: '&{name}'") {
                    out.push_str(&format!("{indent}fields: &{name}\n"));
                    let list = serde_yaml::to_string(fields).unwrap_or_default();
                    for l in list.lines() {
                        out.push_str(&format!("{indent}{l}\n"));
                    }
                    done = true;
                }
            }
            if !done {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// `/admin/` in `onderdak serve`.

const ADMIN_JS: &str = include_str!("admin.js");

fn index_html(facts: &SiteFacts, ready: bool) -> String {
    if !ready {
        return format!(
            "<!doctype html>\n<html lang=\"nl\"><meta charset=\"utf-8\"><title>Editor niet geïnstalleerd</title>\n\
             <link rel=\"stylesheet\" href=\"/static/site.css\">\n<main>\
             <h1>De editor is nog niet geïnstalleerd</h1>\n\
             <p>Voer in de map van onderdak eenmalig uit: <code>bash tools/cms/fetch.sh</code> \
             en start <code>onderdak serve</code> opnieuw.</p>\n\
             <p lang=\"en\">The editor is not installed: run <code>bash tools/cms/fetch.sh</code> once, \
             then restart <code>onderdak serve</code>. It looks in <code>{}</code>.</p></main>\n",
            escape(&cache_dir().display().to_string())
        );
    }
    let settings = serde_json::json!({
        "locales": facts.languages,
        "defaultLocale": facts.default_language,
        "hosts": GIT_HOSTS,
        "previewStyles": ["/static/site.css"],
        "serviceCollections": service_collections(facts),
    });
    // Inside <script>: no `</script>` or `<!--` can come from the site's settings.
    let settings = settings.to_string().replace('<', "\\u003c");
    format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Onderdak: inhoud bewerken</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n\
         </head>\n<body>\n<script>window.CMS_MANUAL_INIT = true; window.ONDERDAK_CMS = {settings};</script>\n\
         <script src=\"decap-cms.js\"></script>\n<script src=\"js-yaml.min.js\"></script>\n\
         <script src=\"onderdak-cms.js\"></script>\n\
         </body>\n</html>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The answer to a request under `/admin/`: status, content type and body.
pub fn admin(path: &str, site_dir: &Path) -> (&'static str, &'static str, Vec<u8>) {
    let html = "text/html; charset=utf-8";
    let facts = match SiteFacts::read(site_dir) {
        Ok(f) => f,
        Err(e) => {
            return (
                "500 Internal Server Error",
                "text/plain; charset=utf-8",
                format!("{e}\n").into_bytes(),
            )
        }
    };
    let ready = decap_dist().join("decap-cms.js").is_file();
    match path {
        "/admin" | "/admin/" | "/admin/index.html" => {
            ("200 OK", html, index_html(&facts, ready).into_bytes())
        }
        "/admin/config.yml" => (
            "200 OK",
            "text/yaml; charset=utf-8",
            config(&facts, &Backend::Local { port: local_port() }).into_bytes(),
        ),
        "/admin/js-yaml.min.js" => match std::fs::read(js_yaml()) {
            Ok(bytes) => ("200 OK", "text/javascript; charset=utf-8", bytes),
            Err(_) => (
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"run tools/cms/fetch.sh\n".to_vec(),
            ),
        },
        "/admin/onderdak-cms.js" => (
            "200 OK",
            "text/javascript; charset=utf-8",
            ADMIN_JS.as_bytes().to_vec(),
        ),
        _ => {
            // Decap's bundle and the chunks it loads beside it: plain names only.
            let name = path.trim_start_matches("/admin/");
            let plain = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                && !name.starts_with('.');
            let file = decap_dist().join(name);
            match (plain, std::fs::read(&file)) {
                (true, Ok(bytes)) => {
                    let ctype = if name.ends_with(".wasm") {
                        "application/wasm"
                    } else {
                        crate::serve::content_type(name)
                    };
                    ("200 OK", ctype, bytes)
                }
                _ => (
                    "404 Not Found",
                    "text/plain; charset=utf-8",
                    b"not found\n".to_vec(),
                ),
            }
        }
    }
}

/// `decap-server` for the site, while the returned child lives (killed on drop; on Linux
/// also when serve itself dies). `None`, with the reason printed, when it cannot start:
/// serve goes on without the editor's backend.
pub fn start_local_backend(site_dir: &Path) -> Option<LocalBackend> {
    if std::env::var("ONDERDAK_CMS").is_ok_and(|v| v == "off") {
        return None;
    }
    let server = cache_dir().join("node_modules/decap-server/dist/index.js");
    if !server.is_file() {
        println!("editor: not installed (run `bash tools/cms/fetch.sh` once for /admin/)");
        return None;
    }
    let site = std::fs::canonicalize(site_dir).ok()?;
    let port = local_port();
    let mut cmd = Command::new("node");
    cmd.arg(&server)
        .env("GIT_REPO_DIRECTORY", &site)
        .env("MODE", "fs")
        .env("PORT", port.to_string())
        .env("BIND_HOST", "127.0.0.1")
        .env("LOG_LEVEL", "warn")
        .stdin(Stdio::null());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: pre_exec runs in the forked child before exec; prctl(PR_SET_PDEATHSIG) is
        // async-signal-safe and touches only that child.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::set_parent_process_death_signal(Some(
                    rustix::process::Signal::TERM,
                ))
                .map_err(std::io::Error::from)
            });
        }
    }
    match cmd.spawn() {
        Ok(child) => {
            println!(
                "editor: decap-server on 127.0.0.1:{port} writes into {}",
                site.display()
            );
            Some(LocalBackend(child))
        }
        Err(e) => {
            println!("editor: cannot start decap-server (node): {e}");
            None
        }
    }
}

/// The running `decap-server`.
pub struct LocalBackend(Child);

impl Drop for LocalBackend {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `onderdak cms config`: the configuration for a site, for a git host or the local proxy.
pub fn write_config(site_dir: &Path, backend: &Backend, out: Option<&Path>) -> io::Result<()> {
    let facts = SiteFacts::read(site_dir).map_err(io::Error::other)?;
    let text = config(&facts, backend);
    match out {
        Some(p) => std::fs::write(p, text),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `onderdak cms admin --out DIR`: the admin folder for a site edited through a git host:
/// `index.html`, `config.yml`, the wrapper script and Decap's bundle from the cache. Host
/// it apart from the public site (or beside it, at /admin/, if you choose to).
pub fn write_admin(site_dir: &Path, backend: &Backend, out: &Path) -> io::Result<usize> {
    let facts = SiteFacts::read(site_dir).map_err(io::Error::other)?;
    let dist = decap_dist();
    if !dist.join("decap-cms.js").is_file() {
        return Err(io::Error::other(format!(
            "Decap CMS is not in {}; run `bash tools/cms/fetch.sh` first",
            dist.display()
        )));
    }
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("index.html"), index_html(&facts, true))?;
    std::fs::write(out.join("config.yml"), config(&facts, backend))?;
    std::fs::write(out.join("onderdak-cms.js"), ADMIN_JS)?;
    std::fs::copy(js_yaml(), out.join("js-yaml.min.js"))?;
    let mut n = 4;
    for e in std::fs::read_dir(&dist)?.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        // Only the decap-cms bundle and its chunks; source maps and the second bundle
        // (cms.js, the same code under another name) are not needed.
        if name.ends_with(".map") || name.starts_with("cms.") || name.contains(".cms.") {
            continue;
        }
        std::fs::copy(e.path(), out.join(&*name))?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests;
