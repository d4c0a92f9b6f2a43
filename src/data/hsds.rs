//! Open data: the site's services as an Open Referral HSDS 3.0 export under `data/hsds/`.
//!
//! Two forms of the same records:
//!
//! - a Tabular Data Package: `datapackage.json` and one CSV file per HSDS resource
//!   (`organizations.csv`, `programs.csv`, `services.csv`, `service_at_location.csv`,
//!   `locations.csv`, `phones.csv`, `contacts.csv`, `addresses.csv`, `schedules.csv`,
//!   `languages.csv`). Resource names, file names and columns are those of the official HSDS
//!   3.0 `datapackage.json`, whose definitions of these resources are copied into ours
//!   unchanged. `programs.csv` and `contacts.csv` hold only their header (as does
//!   `addresses.csv`, see below): the content has no programs or contact persons, but the official foreign keys of services and phones point
//!   at them, and a package must contain what its foreign keys name (`frictionless validate`
//!   checks it in CI);
//! - JSON: `services.json` (HSDS service objects with their organization, phones, schedules,
//!   languages and service_at_locations → location → addresses nested, as in the official
//!   `compiled/service_with_definitions.json`) and `organizations.json`.
//!
//! The official files are kept, unchanged, in `tests/hsds-3.0/` (CC BY-SA 4.0); the
//! datapackage is embedded from there at compile time.
//!
//! **Ids** are UUID v5 in the namespace [`NAMESPACE`] of a name built from our own ids:
//! `service:<id>`, `organization:<name>`, `location:<service id>`,
//! `service_at_location:<service id>`, `phone:<service id>`, `language:<service id>:<code>`,
//! `schedule:<service id>:<always|mon:<n>|…|<date>[:<n>]|note>`. The same content gives the
//! same ids and byte-identical files on every build.
//!
//! **Only facts from the content.** A field stays empty when the content does not say it.
//! HSDS requires an address to have `address_1`, `city`, `state_province` and `postal_code`;
//! the content never names a province (nor always a street or postcode), so no address record
//! is written rather than one with required fields empty or guessed: the service's location
//! carries the address as the site shows it ("Havenkade, Assen") in its `description`. When
//! the content gains a province, complete addresses can be written again.
//! Opening times are Dutch local time (Europe/Amsterdam), which no fixed UTC offset
//! describes, so `timezone` stays empty and every schedule row with times says so in `notes`.
//! Times are `HH:MM:SS`, the tabular `time` format (24:00 becomes 23:59:59).
//!
//! Organizations: the provider as written; a service without one is listed under
//! `Gemeente <name>` (municipal services), the region's name (regional) or "Landelijk"
//! (national), and the organization's description says so. Not exported, for want of an HSDS
//! field in the resources written here: `kind`, `needs`, `capacity`, `stay`, `source`,
//! `contact.website` (the service's `url` is its page on this site).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::load::{LoadedService, Scope};
use crate::model::Site;
use crate::model::{Date, Hours, Span};
use crate::write::OutFile;

/// Folder of the export in the output.
pub const OUT_DIR: &str = "data/hsds";

/// The UUID v5 namespace of every id in the export: a random (v4) UUID chosen once for
/// onderdak. Never change it: every id in the export would change with it.
pub const NAMESPACE: &str = "c76a73d2-63e3-40b4-9326-1cec905094e7";

/// The official HSDS 3.0 tabular data package (unchanged copy; CC BY-SA 4.0, Open Referral).
pub const OFFICIAL_DATAPACKAGE: &str = include_str!("../../tests/hsds-3.0/datapackage.json");

/// The HSDS resources the export writes, by their names in the official datapackage.json, in
/// its order.
pub const RESOURCES: [&str; 10] = [
    "organization",
    "program",
    "service",
    "service_at_location",
    "location",
    "phone",
    "contact",
    "address",
    "schedule",
    "language",
];

/// One HSDS object without its nested objects: exactly the columns of its CSV row.
type Record = Map<String, Value>;

/// UUID version 5 (RFC 9562: SHA-1 of namespace and name) of `name` in `namespace`, written
/// in the usual lower-case 8-4-4-4-12 form.
///
/// # Panics
/// When `namespace` is not a UUID (the namespace is a constant; a test covers it).
pub fn uuid_v5(namespace: &str, name: &str) -> String {
    let ns =
        uuid::Uuid::parse_str(namespace).unwrap_or_else(|_| panic!("`{namespace}` is not a UUID"));
    uuid::Uuid::new_v5(&ns, name.as_bytes()).to_string()
}

/// The export's id of an object: UUID v5 of `<kind>:<key>` in [`NAMESPACE`].
pub fn hsds_id(kind: &str, key: &str) -> String {
    uuid_v5(NAMESPACE, &format!("{kind}:{key}"))
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a double quote or a line break,
/// with double quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A text cell that a spreadsheet must not run as a formula (the OWASP rule for CSV
/// injection): one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// `'` in front and is quoted. Numbers are written as they are.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else {
        csv_field(s)
    }
}

/// The HSDS 3.0 export of `site`: the files under [`OUT_DIR`], all at once (tests, small
/// sites). The build asks [`Files`] for one file at a time instead.
pub fn export(site: &Site) -> Vec<OutFile> {
    let files = Files::new();
    (0..files.len()).map(|i| files.file(site, i)).collect()
}

/// The records of the export, from which each file is made on demand: a nationwide site's
/// services.json is over 100 MB, and several such files need not be in memory together.
pub struct Files {
    /// The official resource definitions of the CSV files, unchanged.
    resources: Vec<Value>,
    /// Made when the first file is made: a rebuild that keeps every file of the export
    /// (nothing changed) does not need the records.
    export: std::sync::OnceLock<Export>,
}

impl Default for Files {
    fn default() -> Self {
        Self::new()
    }
}

impl Files {
    pub fn new() -> Files {
        let official: Value = serde_json::from_str(OFFICIAL_DATAPACKAGE)
            .expect("the embedded HSDS datapackage.json is JSON");
        let resources: Vec<Value> = official["resources"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|r| RESOURCES.contains(&r["name"].as_str().unwrap_or("")))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        Files {
            resources,
            export: std::sync::OnceLock::new(),
        }
    }

    /// How many files the export has: one CSV per resource, datapackage.json,
    /// services.json, organizations.json.
    pub fn len(&self) -> usize {
        self.resources.len() + 3
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Where file `i` of [`Files::len`] goes, without making it.
    pub fn path(&self, i: usize) -> std::path::PathBuf {
        let name = match self.resources.get(i) {
            Some(resource) => resource["path"].as_str().unwrap_or(""),
            None => match i - self.resources.len() {
                0 => "datapackage.json",
                1 => "services.json",
                _ => "organizations.json",
            },
        };
        format!("{OUT_DIR}/{name}").into()
    }

    /// File `i` of [`Files::len`], made now.
    pub fn file(&self, site: &Site, i: usize) -> OutFile {
        let export = self.export.get_or_init(|| Export::new(site));
        let bytes = match self.resources.get(i) {
            Some(resource) => {
                let name = resource["name"].as_str().unwrap_or("");
                let fields: Vec<&str> = resource["schema"]["fields"]
                    .as_array()
                    .map(|f| f.iter().filter_map(|x| x["name"].as_str()).collect())
                    .unwrap_or_default();
                csv(&fields, &export.table(name)).into_bytes()
            }
            None => match i - self.resources.len() {
                0 => pretty(&datapackage(site, self.resources.clone())),
                1 => json_lines(export.services.iter().map(|s| export.service_json(s))),
                _ => json_lines(export.organizations.iter().cloned().map(Value::Object)),
            },
        };
        OutFile {
            path: self.path(i),
            bytes,
        }
    }
}

/// A JSON array with one compact record per line: a tenth of the size of indented JSON for
/// deeply nested records, and still readable in a diff, one changed record per line.
fn json_lines(records: impl Iterator<Item = Value>) -> Vec<u8> {
    let mut out = b"[".to_vec();
    for (n, r) in records.enumerate() {
        out.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        // Writing a Value into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &r);
    }
    out.extend_from_slice(b"\n]\n");
    out
}

fn datapackage(site: &Site, resources: Vec<Value>) -> Value {
    let base = site.config.base_url.0.trim_end_matches('/');
    let title = site
        .config
        .title
        .get(site.default_language())
        .cloned()
        .unwrap_or_else(|| base.to_string());
    serde_json::json!({
        "profile": "tabular-data-package",
        "name": "onderdak-hsds",
        "title": format!("{title} (Open Referral HSDS 3.0)"),
        "description": format!(
            "The services of {base} in the Open Referral Human Services Data Specification \
             (HSDS) 3.0. The same records as JSON: services.json and organizations.json. \
             Opening times (opens_at, closes_at) are Dutch local time (Europe/Amsterdam). \
             Fields the site's content does not state are left empty. The resource and field \
             definitions are copied unchanged from the official HSDS 3.0.0 datapackage.json \
             (Open Referral, http://docs.openreferral.org, licensed CC BY-SA 4.0, \
             https://creativecommons.org/licenses/by-sa/4.0/). programs.csv, contacts.csv and \
             addresses.csv hold only their header: there are no programs or contact persons, \
             and no address is written because the content names no province, which HSDS \
             requires; a location's description gives its address as the site shows it."
        ),
        "homepage": base,
        "resources": resources,
    })
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A CSV file with a header row, CRLF line ends (the Data Package default dialect).
fn csv(fields: &[&str], rows: &[&Record]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(fields.iter().map(|f| csv_field(f)).collect()));
    for row in rows {
        out.push_str(&line(
            fields
                .iter()
                .map(|f| match row.get(*f) {
                    Some(Value::String(s)) => csv_text(s),
                    v => csv_field(&cell(v)),
                })
                .collect(),
        ));
    }
    out
}

fn cell(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A service that an organization stands for, for the organization's description.
struct Member {
    service: String,
    /// The content names this organization as the provider.
    named: bool,
    /// Where the service sits on the site: "gemeente Assen", "Regio Assen", "Landelijk".
    scope: String,
}

/// Every record of the export, in a stable order: organizations by name, services by id and
/// each service's rows in the order of its content.
struct Export {
    organizations: Vec<Record>,
    services: Vec<ServiceRecords>,
}

struct ServiceRecords {
    service: Record,
    organization: usize,
    phones: Vec<Record>,
    schedules: Vec<Record>,
    languages: Vec<Record>,
    /// service_at_location, location (no address: see the module's documentation).
    place: Option<(Record, Record)>,
}

impl Export {
    fn new(site: &Site) -> Export {
        let mut members: BTreeMap<String, Vec<Member>> = BTreeMap::new();
        let mut org_of = Vec::with_capacity(site.services.len());
        for s in &site.services {
            let (name, named) = organization_name(site, s);
            members.entry(name.clone()).or_default().push(Member {
                service: s.doc.front.value.name.clone(),
                named,
                scope: scope_label(site, &s.scope),
            });
            org_of.push(name);
        }
        let organizations: Vec<Record> = members
            .iter()
            .map(|(name, m)| organization(name, m))
            .collect();
        let index: BTreeMap<&str, usize> = members
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let services = site
            .services
            .par_iter()
            .enumerate()
            .map(|(i, _)| {
                let o = index[org_of[i].as_str()];
                service_records(site, i, o, &organizations[o])
            })
            .collect();
        Export {
            organizations,
            services,
        }
    }

    /// The rows of one resource: the same records the JSON nests, so CSV and JSON agree.
    fn table(&self, resource: &str) -> Vec<&Record> {
        if resource == "organization" {
            return self.organizations.iter().collect();
        }
        self.services
            .iter()
            .flat_map(|s| -> Vec<&Record> {
                match resource {
                    "service" => vec![&s.service],
                    "phone" => s.phones.iter().collect(),
                    "schedule" => s.schedules.iter().collect(),
                    "language" => s.languages.iter().collect(),
                    "service_at_location" => s.place.iter().map(|p| &p.0).collect(),
                    "location" => s.place.iter().map(|p| &p.1).collect(),
                    _ => Vec::new(),
                }
            })
            .collect()
    }

    /// One service as an HSDS service object, with its organization, phones, schedules,
    /// languages and places nested.
    fn service_json(&self, s: &ServiceRecords) -> Value {
        let mut v = s.service.clone();
        v.insert(
            "organization".into(),
            Value::Object(self.organizations[s.organization].clone()),
        );
        let list =
            |rows: &[Record]| Value::Array(rows.iter().cloned().map(Value::Object).collect());
        v.insert("phones".into(), list(&s.phones));
        v.insert("schedules".into(), list(&s.schedules));
        v.insert("languages".into(), list(&s.languages));
        let places: Vec<Value> = s
            .place
            .iter()
            .map(|(sal, location)| {
                let mut location = location.clone();
                location.insert("addresses".into(), Value::Array(Vec::new()));
                let mut sal = sal.clone();
                sal.insert("location".into(), Value::Object(location));
                Value::Object(sal)
            })
            .collect();
        v.insert("service_at_locations".into(), Value::Array(places));
        Value::Object(v)
    }
}

/// The organization a service is listed under, and whether the content names it: the
/// provider when there is one; otherwise the municipality ("Gemeente X"), the region, or
/// "Landelijk" the service belongs to on the site.
fn organization_name(site: &Site, s: &LoadedService) -> (String, bool) {
    if let Some(p) = s
        .doc
        .front
        .value
        .provider
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        return (p.to_string(), true);
    }
    let name = match &s.scope {
        Scope::Municipality(m) => format!("Gemeente {}", municipality_name(site, m)),
        Scope::Region(r) => region_name(site, r),
        Scope::National => "Landelijk".to_string(),
    };
    (name, false)
}

fn municipality_name(site: &Site, slug: &str) -> String {
    site.municipalities
        .iter()
        .find(|m| m.slug == slug)
        .map_or_else(|| slug.to_string(), |m| m.name.clone())
}

fn region_name(site: &Site, slug: &str) -> String {
    site.regions
        .iter()
        .find(|r| r.slug == slug)
        .map_or_else(|| slug.to_string(), |r| r.name.clone())
}

fn scope_label(site: &Site, scope: &Scope) -> String {
    match scope {
        Scope::Municipality(m) => format!("gemeente {}", municipality_name(site, m)),
        Scope::Region(r) => region_name(site, r),
        Scope::National => "Landelijk".to_string(),
    }
}

/// HSDS requires a description of every organization. The content has none, so it says what
/// the site knows: which services the organization provides according to the sources, and
/// for which services it stands in because the source names no provider.
fn organization(name: &str, members: &[Member]) -> Record {
    let mut parts = Vec::new();
    let named: Vec<&str> = members
        .iter()
        .filter(|m| m.named)
        .map(|m| m.service.as_str())
        .collect();
    if !named.is_empty() {
        parts.push(format!("Aanbieder van: {}.", named.join("; ")));
    }
    let mut unnamed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in members.iter().filter(|m| !m.named) {
        unnamed.entry(&m.scope).or_default().push(&m.service);
    }
    for (scope, services) in unnamed {
        let (these, stand) = if services.len() == 1 {
            ("die dienst", "staat")
        } else {
            ("die diensten", "staan")
        };
        parts.push(format!(
            "De bron noemt geen aanbieder voor: {}; {these} {stand} op de site onder {scope}.",
            services.join("; ")
        ));
    }
    let mut r = Record::new();
    put(&mut r, "id", hsds_id("organization", name));
    put(&mut r, "name", name);
    put(&mut r, "description", parts.join(" "));
    r
}

fn put(r: &mut Record, key: &str, value: impl Into<String>) {
    r.insert(key.to_string(), Value::String(value.into()));
}

fn put_opt(r: &mut Record, key: &str, value: Option<impl Into<String>>) {
    if let Some(v) = value {
        let v: String = v.into();
        if !v.trim().is_empty() {
            put(r, key, v.trim());
        }
    }
}

/// An interface string of the default language (the content is in that language).
fn say<'a>(site: &'a Site, key: &str, fallback: &'a str) -> &'a str {
    site.language(site.default_language())
        .and_then(|l| l.strings.get(key))
        .map_or(fallback, String::as_str)
}

fn service_records(site: &Site, i: usize, organization: usize, org: &Record) -> ServiceRecords {
    let s = &site.services[i];
    let v = &s.doc.front.value;
    let service_id = hsds_id("service", &s.id);
    let org_id = org["id"].as_str().unwrap_or_default().to_string();
    let contact = v.contact.clone().unwrap_or_default();
    let base = site.config.base_url.0.trim_end_matches('/');

    let mut r = Record::new();
    put(&mut r, "id", &service_id);
    put(&mut r, "organization_id", &org_id);
    put(&mut r, "name", v.name.trim());
    put_opt(
        &mut r,
        "description",
        v.summary
            .clone()
            .filter(|x| !x.trim().is_empty())
            .or_else(|| first_paragraph(&s.doc.body)),
    );
    put(
        &mut r,
        "url",
        format!(
            "{base}{}",
            crate::url::service_url(site, site.default_language(), i)
        ),
    );
    put_opt(&mut r, "email", contact.email.as_ref().map(|e| e.0.clone()));
    put(&mut r, "status", "active");
    let mut process = Vec::new();
    if contact.walk_in {
        process.push(say(site, "walk_in", "Je kunt zonder afspraak binnenlopen.").to_string());
    }
    if !v.bring.is_empty() {
        process.push(format!(
            "{}: {}.",
            say(site, "bring", "Neem mee"),
            v.bring.join(", ")
        ));
    }
    put_opt(&mut r, "application_process", Some(process.join(" ")));
    put_opt(&mut r, "fees_description", v.cost.clone());
    let audience = v.audience.clone().unwrap_or_default();
    let eligibility = audience
        .note
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| {
            let age = match (audience.min_age, audience.max_age) {
                (Some(lo), Some(hi)) => Some(
                    say(site, "age_range", "{min} tot en met {max} jaar")
                        .replace("{min}", &lo.to_string())
                        .replace("{max}", &hi.to_string()),
                ),
                (Some(lo), None) => Some(
                    say(site, "age_from", "Vanaf {min} jaar").replace("{min}", &lo.to_string()),
                ),
                (None, Some(hi)) => Some(
                    say(site, "age_to", "Tot en met {max} jaar").replace("{max}", &hi.to_string()),
                ),
                (None, None) => None,
            };
            let groups: Vec<String> = audience
                .groups
                .iter()
                .map(|g| {
                    let key = serde_json::to_value(g)
                        .ok()
                        .and_then(|x| x.as_str().map(|k| k.replace('-', "_")))
                        .unwrap_or_default();
                    say(site, &format!("group_{key}"), &key).to_string()
                })
                .collect();
            let parts: Vec<String> = age
                .into_iter()
                .chain((!groups.is_empty()).then(|| groups.join(", ")))
                .map(|p| format!("{p}."))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
    put_opt(&mut r, "eligibility_description", eligibility);
    if let Some(a) = audience.min_age {
        r.insert("minimum_age".into(), Value::from(a));
    }
    if let Some(a) = audience.max_age {
        r.insert("maximum_age".into(), Value::from(a));
    }
    put(&mut r, "assured_date", v.last_checked.to_string());
    put(
        &mut r,
        "last_modified",
        format!("{}T00:00:00Z", v.last_checked),
    );

    let phones = contact
        .phone
        .as_ref()
        .map(|p| {
            let mut ph = Record::new();
            put(&mut ph, "id", hsds_id("phone", &s.id));
            put(&mut ph, "service_id", &service_id);
            put(&mut ph, "number", p.0.trim());
            put(&mut ph, "type", "voice");
            put_opt(&mut ph, "description", contact.phone_note.clone());
            ph
        })
        .into_iter()
        .collect();

    let languages = v
        .languages
        .iter()
        .map(|code| {
            let mut l = Record::new();
            put(
                &mut l,
                "id",
                hsds_id("language", &format!("{}:{}", s.id, code.0)),
            );
            put(&mut l, "service_id", &service_id);
            put_opt(
                &mut l,
                "name",
                site.language(&code.0).map(|x| x.name.clone()),
            );
            put(&mut l, "code", &code.0);
            l
        })
        .collect();

    let place = v
        .address
        .as_ref()
        .filter(|a| {
            a.street.as_deref().is_some_and(|x| !x.trim().is_empty())
                || a.postcode.is_some()
                || a.city.as_deref().is_some_and(|x| !x.trim().is_empty())
        })
        .map(|a| {
            let location_id = hsds_id("location", &s.id);
            let mut sal = Record::new();
            put(&mut sal, "id", hsds_id("service_at_location", &s.id));
            put(&mut sal, "service_id", &service_id);
            put(&mut sal, "location_id", &location_id);
            let mut location = Record::new();
            put(&mut location, "id", &location_id);
            put(&mut location, "location_type", "physical");
            put(&mut location, "organization_id", &org_id);
            // HSDS requires an address to have address_1, city, state_province and
            // postal_code, and the content never names a province: the address goes into the
            // location's description as the site shows it, and no address record is written.
            let line: Vec<&str> = [
                a.street.as_deref(),
                a.postcode.as_ref().map(|p| p.0.as_str()),
                a.city.as_deref(),
            ]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect();
            put(&mut location, "description", line.join(", "));
            (sal, location)
        });

    ServiceRecords {
        service: r,
        organization,
        phones,
        schedules: v
            .hours
            .as_ref()
            .map(|h| schedules(site, &s.id, &service_id, h))
            .unwrap_or_default(),
        languages,
        place,
    }
}

/// The first paragraph of a markdown body as plain text.
fn first_paragraph(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

const DAYS: [(&str, &str); 7] = [
    ("mon", "MO"),
    ("tue", "TU"),
    ("wed", "WE"),
    ("thu", "TH"),
    ("fri", "FR"),
    ("sat", "SA"),
    ("sun", "SU"),
];

/// `HH:MM:SS`, the default format of the tabular type `time` that the official datapackage
/// gives `opens_at` and `closes_at` (`HH:MM` fails there). The end of the day (24:00) is
/// written 23:59:59: a `time` cannot say 24:00.
fn time_of_day(minutes: u16) -> String {
    if minutes >= 1440 {
        return "23:59:59".into();
    }
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}

/// The schedule rows of a service: one per weekly span (RRULE-style: WEEKLY on one day),
/// one for "always open", one per dated exception (or per span of it), and one carrying the
/// hours' note when there is nothing else.
fn schedules(site: &Site, sid: &str, service_id: &str, h: &Hours) -> Vec<Record> {
    const LOCAL_TIME: &str = "Tijden in Nederlandse tijd (Europe/Amsterdam).";
    let note = h.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let mut rows = Vec::new();
    let row = |key: String| {
        let mut r = Record::new();
        put(&mut r, "id", hsds_id("schedule", &format!("{sid}:{key}")));
        put(&mut r, "service_id", service_id);
        r
    };
    let times = |r: &mut Record, span: &Span| {
        put(r, "opens_at", time_of_day(span.start));
        put(r, "closes_at", time_of_day(span.end));
    };
    let span_text = |span: &Span| {
        if span.overnight() {
            format!("{span}, tot de volgende dag")
        } else {
            span.to_string()
        }
    };
    if h.always_open {
        let mut r = row("always".into());
        put(&mut r, "freq", "WEEKLY");
        put(
            &mut r,
            "byday",
            DAYS.iter().map(|(_, d)| *d).collect::<Vec<_>>().join(","),
        );
        put(&mut r, "opens_at", time_of_day(0));
        put(&mut r, "closes_at", time_of_day(1440));
        put(
            &mut r,
            "description",
            say(site, "always_open", "Dag en nacht open"),
        );
        rows.push(r);
    }
    for ((key, spans), (_, byday)) in h.days().iter().zip(DAYS) {
        let day = say(site, &format!("day_{key}"), key);
        for (n, span) in spans.iter().enumerate() {
            let mut r = row(format!("{key}:{n}"));
            put(&mut r, "freq", "WEEKLY");
            put(&mut r, "byday", byday);
            times(&mut r, span);
            put(&mut r, "description", format!("{day} {}.", span_text(span)));
            rows.push(r);
        }
    }
    for e in &h.exceptions {
        let date = e.date.to_string();
        let with_note =
            |text: String| match e.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => format!("{text} ({n})."),
                None => format!("{text}."),
            };
        let dated = |key: String| {
            let mut r = row(key);
            put(&mut r, "valid_from", &date);
            put(&mut r, "valid_to", &date);
            r
        };
        if e.closed || e.hours.is_empty() {
            let mut r = dated(date.clone());
            put(
                &mut r,
                "description",
                with_note(format!("{} op {date}", say(site, "closed", "Gesloten"))),
            );
            rows.push(r);
        }
        if !e.closed {
            for (n, span) in e.hours.iter().enumerate() {
                let mut r = dated(format!("{date}:{n}"));
                times(&mut r, span);
                put(
                    &mut r,
                    "description",
                    with_note(format!(
                        "{} {date}: {}",
                        weekday_name(site, e.date),
                        span_text(span)
                    )),
                );
                rows.push(r);
            }
        }
    }
    if rows.is_empty() {
        if let Some(n) = note {
            let mut r = row("note".into());
            put(&mut r, "description", n);
            rows.push(r);
        }
    } else {
        for r in &mut rows {
            let mut notes = Vec::new();
            if r.contains_key("opens_at") {
                notes.push(LOCAL_TIME);
            }
            notes.extend(note);
            put_opt(r, "notes", Some(notes.join(" ")));
        }
    }
    rows
}

/// The name of the weekday of `d` in the default language ("Maandag").
fn weekday_name(site: &Site, d: Date) -> &str {
    // 1970-01-01 was a Thursday.
    let i = (d.days_since_epoch() + 3).rem_euclid(7) as usize;
    let key = DAYS[i].0;
    say(site, &format!("day_{key}"), key)
}
