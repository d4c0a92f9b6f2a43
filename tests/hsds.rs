//! The Open Referral HSDS 3.0 export (`data/hsds/`): valid against the official JSON Schemas
//! and tabular datapackage (copies in tests/hsds-3.0/), stable ids, every service once, the
//! CSV and JSON forms saying the same, and only facts from the content.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use onderdak::data::hsds;
use onderdak::model::Date;
use serde_json::Value;

fn today() -> Date {
    Date::today()
}

fn site_at(dir: &Path) -> onderdak::model::Site {
    let (site, diags) = onderdak::check_site_on(dir, today());
    site.unwrap_or_else(|| panic!("the site in {} must check:\n{diags:?}", dir.display()))
}

/// The default site, checked once for all tests in this file.
fn default_site() -> &'static onderdak::model::Site {
    static SITE: OnceLock<onderdak::model::Site> = OnceLock::new();
    SITE.get_or_init(|| site_at(&root()))
}

/// The exported files by path relative to `data/hsds/`.
fn files_of(site: &onderdak::model::Site) -> BTreeMap<String, Vec<u8>> {
    hsds::export(site)
        .into_iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix(hsds::OUT_DIR)
                .unwrap_or_else(|_| panic!("{} is not under {}", f.path.display(), hsds::OUT_DIR))
                .to_string_lossy()
                .to_string();
            (rel, f.bytes)
        })
        .collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in the export"))
            .clone(),
    )
    .unwrap_or_else(|_| panic!("{name} is not UTF-8"))
}

fn json(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
    serde_json::from_str(&text(files, name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn schema_dir() -> PathBuf {
    root().join("tests/hsds-3.0")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The official resource definitions by name: (file name, field names in order).
fn official_resources() -> BTreeMap<String, (String, Vec<String>)> {
    read_json(&schema_dir().join("datapackage.json"))["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                (
                    r["path"].as_str().unwrap().to_string(),
                    r["schema"]["fields"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["name"].as_str().unwrap().to_string())
                        .collect(),
                ),
            )
        })
        .collect()
}

/// A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(
                    field.is_empty(),
                    "a quote inside an unquoted field: {field}"
                );
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => assert_eq!(chars.next(), Some('\n'), "a CR not followed by LF"),
            '\n' => panic!("lines must end in CRLF"),
            _ => field.push(c),
        }
        if c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last line must end in CRLF"
    );
    rows
}

/// Every CSV of the export as (header, rows of name → value), by resource name.
type Tables = BTreeMap<String, (Vec<String>, Vec<BTreeMap<String, String>>)>;

fn tables(files: &BTreeMap<String, Vec<u8>>) -> Tables {
    let official = official_resources();
    hsds::RESOURCES
        .iter()
        .map(|name| {
            let (path, fields) = &official[*name];
            let mut rows = parse_csv(&text(files, path));
            assert!(!rows.is_empty(), "{path} has no header");
            let header = rows.remove(0);
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    assert_eq!(
                        r.len(),
                        fields.len(),
                        "{path} row {} has {} columns, the header {}",
                        i + 2,
                        r.len(),
                        fields.len()
                    );
                    header.iter().cloned().zip(r).collect()
                })
                .collect();
            (name.to_string(), (header, rows))
        })
        .collect()
}

/// The tabular types and `required` constraints of the official datapackage, cell by cell
/// (what a Table Schema validator such as `frictionless validate` checks): no required cell
/// is left empty.
fn assert_tabular_types(files: &BTreeMap<String, Vec<u8>>) {
    let official = read_json(&schema_dir().join("datapackage.json"));
    let t = tables(files);
    let digits = |s: &str, pattern: &str| {
        s.len() == pattern.len()
            && s.chars().zip(pattern.chars()).all(|(c, p)| {
                if p == '9' {
                    c.is_ascii_digit()
                } else {
                    c == p
                }
            })
    };
    let mut problems = Vec::new();
    for r in official["resources"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let Some((_, rows)) = t.get(name) else {
            continue;
        };
        for f in r["schema"]["fields"].as_array().unwrap() {
            let field = f["name"].as_str().unwrap();
            for (i, row) in rows.iter().enumerate() {
                let v = row[field].as_str();
                if v.is_empty() {
                    if f["constraints"]["required"] == true {
                        problems.push(format!("{name} row {}: {field} is required", i + 2));
                    }
                    continue;
                }
                let ok = match (f["type"].as_str().unwrap(), f["format"].as_str()) {
                    ("string", Some("uuid")) => digits(
                        &v.replace(|c: char| c.is_ascii_hexdigit() && !c.is_ascii_digit(), "0"),
                        "99999999-9999-9999-9999-999999999999",
                    ),
                    ("string", Some("uri")) => {
                        v.starts_with("https://") || v.starts_with("http://")
                    }
                    ("string", Some("email")) => v.contains('@'),
                    ("number", _) => v.parse::<f64>().is_ok(),
                    ("date", _) => digits(v, "9999-99-99"),
                    ("time", _) => digits(v, "99:99:99"),
                    ("datetime", _) => digits(v, "9999-99-99T99:99:99Z"),
                    _ => true,
                };
                let allowed = f["constraints"]["enum"]
                    .as_array()
                    .is_none_or(|e| e.iter().any(|x| x == v));
                if !ok || !allowed {
                    problems.push(format!(
                        "{name} row {}: {field} = `{v}` is not a {} {}",
                        i + 2,
                        f["type"],
                        f["format"]
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(LocalSchemas)
        .build(schema)
        .expect("the official schema compiles")
}

/// Resolves the schemas' relative `$ref`s ("phone.json") to the copies in tests/hsds-3.0/;
/// nothing is fetched from the network.
struct LocalSchemas;

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        let path = schema_dir().join(&name);
        if name.ends_with(".json") && path.is_file() {
            Ok(read_json(&path))
        } else {
            Err(format!("no local HSDS schema for {}", uri.as_str()).into())
        }
    }
}

fn assert_valid(v: &jsonschema::Validator, objects: &[Value], what: &str) {
    let mut problems = Vec::new();
    for o in objects {
        for e in v.iter_errors(o) {
            problems.push(format!(
                "{what} {} ({}): {e} at {}",
                o["id"],
                o["name"],
                e.instance_path()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn validate_against_official_schemas(files: &BTreeMap<String, Vec<u8>>) {
    let services = json(files, "services.json");
    let services = services.as_array().expect("services.json is an array");
    let compiled = read_json(&schema_dir().join("compiled/service_with_definitions.json"));
    assert_valid(&validator(&compiled), services, "service");

    let organizations = json(files, "organizations.json");
    let organizations = organizations
        .as_array()
        .expect("organizations.json is an array");
    let organization = read_json(&schema_dir().join("organization.json"));
    assert_valid(&validator(&organization), organizations, "organization");
    // The nested ones too, against the per-object schemas with their $refs.
    let nested: Vec<Value> = services.iter().map(|s| s["organization"].clone()).collect();
    assert_valid(&validator(&organization), &nested, "nested organization");
    let service = read_json(&schema_dir().join("service.json"));
    assert_valid(&validator(&service), services, "service (service.json)");
}

#[test]
fn services_and_organizations_validate_against_the_official_json_schemas() {
    validate_against_official_schemas(&files_of(default_site()));
}

#[test]
fn the_schemas_really_validate() {
    // A guard against a validator that accepts anything (an unresolved $ref, formats off).
    let files = files_of(default_site());
    let services = json(&files, "services.json");
    let mut bad = services[0].clone();
    bad["id"] = Value::from("not-a-uuid");
    bad.as_object_mut().unwrap().remove("status");
    bad["service_at_locations"] = serde_json::json!([{
        "id": "6f92a0a3-4741-5b29-a655-e77cfad12e52",
        "location": { "id": "6f92a0a3-4741-5b29-a655-e77cfad12e52", "location_type": "nowhere",
                      "addresses": [{ "id": "6f92a0a3-4741-5b29-a655-e77cfad12e52" }] }
    }]);
    let compiled = read_json(&schema_dir().join("compiled/service_with_definitions.json"));
    let errors: Vec<String> = validator(&compiled)
        .iter_errors(&bad)
        .map(|e| e.instance_path().to_string())
        .collect();
    for path in [
        "/id",
        "",
        "/service_at_locations/0/location/location_type",
        "/service_at_locations/0/location/addresses/0",
    ] {
        assert!(
            errors.iter().any(|e| e == path),
            "no error at `{path}`: {errors:?}"
        );
    }
    let organization = read_json(&schema_dir().join("organization.json"));
    let bad_org = serde_json::json!({
        "id": "6f92a0a3-4741-5b29-a655-e77cfad12e52", "name": "X", "description": "Y",
        "phones": [{ "id": "6f92a0a3-4741-5b29-a655-e77cfad12e52" }]
    });
    assert!(
        !validator(&organization).is_valid(&bad_org),
        "a phone without a number must fail through organization.json → phone.json"
    );
}

#[test]
fn csv_headers_and_rows_follow_the_official_datapackage() {
    let files = files_of(default_site());
    let official = official_resources();
    let ours = json(&files, "datapackage.json");
    let resources = ours["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        hsds::RESOURCES,
        "our datapackage describes exactly our files"
    );
    assert_eq!(ours["profile"], "tabular-data-package");
    // Each resource exactly as the official descriptor defines it, foreign keys included.
    let official_descriptor = read_json(&schema_dir().join("datapackage.json"));
    for r in resources {
        let theirs = official_descriptor["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == r["name"])
            .unwrap();
        assert_eq!(
            r, theirs,
            "{}: differs from the official definition",
            r["name"]
        );
    }
    let mut expected_files: BTreeSet<String> =
        ["datapackage.json", "services.json", "organizations.json"]
            .map(String::from)
            .into();
    for r in resources {
        let name = r["name"].as_str().unwrap();
        let (path, fields) = &official[name];
        assert_eq!(r["path"].as_str().unwrap(), path, "{name}: file name");
        let our_fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            our_fields, *fields,
            "{name}: fields as in the official datapackage"
        );
        for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
            let to = fk["reference"]["resource"].as_str().unwrap();
            assert!(
                names.contains(&to),
                "{name}: a foreign key to `{to}`, which is not in the package"
            );
        }
        expected_files.insert(path.clone());
    }
    let got: BTreeSet<String> = files.keys().cloned().collect();
    assert_eq!(got, expected_files);

    // Headers equal the official field names in order; every row has that many columns
    // (checked while reading).
    for (name, (header, _)) in tables(&files) {
        assert_eq!(header, official[&name].1, "{name}: CSV header");
    }
    assert_tabular_types(&files);
}

#[test]
fn csv_quoting_round_trips() {
    let cells = [
        "plain",
        "a, b",
        "say \"hi\"",
        "two\r\nlines",
        "",
        "\"",
        "trailing,",
    ];
    let line = cells
        .iter()
        .map(|c| hsds::csv_field(c))
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n";
    assert_eq!(parse_csv(&line), vec![cells.map(String::from).to_vec()]);
    assert_eq!(hsds::csv_field("plain"), "plain");
    assert_eq!(hsds::csv_field("a,b"), "\"a,b\"");
    assert_eq!(hsds::csv_field("x\"y"), "\"x\"\"y\"");
}

/// Cells a spreadsheet would run as a formula are neutralised (OWASP: a `'` in front of
/// `=`, `+`, `-`, `@`, tab, CR), in every text column; issue 24, defect 12.
#[test]
fn csv_cells_never_start_a_formula() {
    assert_eq!(hsds::csv_text("=1+1"), "\"'=1+1\"");
    assert_eq!(hsds::csv_text("@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_eq!(hsds::csv_text("\tx"), "\"'\tx\"");
    assert_eq!(hsds::csv_text("plain"), "plain");
    let site = good_site_copy();
    let svc = site
        .path()
        .join("content/regions/regio-test/nachtopvang-test.md");
    let text = fs::read_to_string(&svc)
        .unwrap()
        .replace(
            "name: Nachtopvang Test",
            "name: '=HYPERLINK(\"https://evil.example\",\"klik\")'",
        )
        .replace("provider: Testorganisatie", "provider: \"@SUM(1+1)\"")
        .replace("capacity: 8 bedden", "capacity: \"-2+3\"");
    fs::write(&svc, text).unwrap();
    // Its English translation would now carry other facts than the original (check
    // refuses that); the export is made from the original.
    fs::remove_file(svc.with_file_name("nachtopvang-test.en.md")).unwrap();
    let files = files_of(&site_at(site.path()));
    let mut seen = 0;
    for (name, bytes) in &files {
        if !name.ends_with(".csv") {
            continue;
        }
        for row in parse_csv(&String::from_utf8_lossy(bytes)) {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {cell:?}"
                );
                seen += usize::from(cell.starts_with("'=") || cell.starts_with("'@"));
            }
        }
    }
    assert!(
        seen >= 2,
        "the hostile name and provider are in the CSV ({seen})"
    );
    assert_csv_and_json_agree(&files);
}

/// Every object in the JSON, flattened to its scalar fields, by resource name and id.
fn json_records(
    files: &BTreeMap<String, Vec<u8>>,
) -> BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>> {
    fn scalars(v: &Value) -> BTreeMap<String, String> {
        v.as_object()
            .unwrap()
            .iter()
            .filter_map(|(k, x)| match x {
                Value::String(s) if !s.is_empty() => Some((k.clone(), s.clone())),
                Value::Number(n) => Some((k.clone(), n.to_string())),
                _ => None,
            })
            .collect()
    }
    let mut out: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>> = BTreeMap::new();
    let mut add = |resource: &str, v: &Value| {
        let id = v["id"].as_str().unwrap().to_string();
        let prev = out
            .entry(resource.into())
            .or_default()
            .insert(id.clone(), scalars(v));
        if let Some(prev) = prev {
            assert_eq!(
                prev,
                scalars(v),
                "{resource} {id} differs between its copies"
            );
        }
    };
    for s in json(files, "services.json").as_array().unwrap() {
        add("service", s);
        add("organization", &s["organization"]);
        for (key, resource) in [
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("languages", "language"),
        ] {
            for x in s[key].as_array().unwrap() {
                add(resource, x);
            }
        }
        for sal in s["service_at_locations"].as_array().unwrap() {
            add("service_at_location", sal);
            add("location", &sal["location"]);
            for a in sal["location"]["addresses"].as_array().unwrap() {
                add("address", a);
            }
        }
    }
    for o in json(files, "organizations.json").as_array().unwrap() {
        add("organization", o);
    }
    out
}

fn assert_csv_and_json_agree(files: &BTreeMap<String, Vec<u8>>) {
    let from_json = json_records(files);
    for (name, (_, rows)) in tables(files) {
        let from_csv: BTreeMap<String, BTreeMap<String, String>> = rows
            .into_iter()
            .map(|r| {
                // A text cell that would start a formula has a `'` in front (csv_text).
                let r: BTreeMap<String, String> = r
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| match v.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                            (k, rest.to_string())
                        }
                        _ => (k, v),
                    })
                    .collect();
                (r["id"].clone(), r)
            })
            .collect();
        let empty = BTreeMap::new();
        assert_eq!(
            &from_csv,
            from_json.get(&name).unwrap_or(&empty),
            "{name}: CSV and JSON differ"
        );
    }
}

#[test]
fn csv_and_json_say_the_same() {
    assert_csv_and_json_agree(&files_of(default_site()));
}

#[test]
fn every_service_appears_exactly_once() {
    let site = default_site();
    let files = files_of(site);
    let t = tables(&files);
    let expected: BTreeSet<String> = site
        .services
        .iter()
        .map(|s| hsds::hsds_id("service", &s.id))
        .collect();
    assert_eq!(expected.len(), site.services.len(), "ids are unique");

    let csv_ids: Vec<String> = t["service"].1.iter().map(|r| r["id"].clone()).collect();
    let json_ids: Vec<String> = json(&files, "services.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    for (what, ids) in [("services.csv", &csv_ids), ("services.json", &json_ids)] {
        assert_eq!(
            ids.len(),
            site.services.len(),
            "{what}: one entry per service"
        );
        assert_eq!(
            ids.iter().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{what}: the site's services"
        );
    }
    // Every service's page is its url; every organization a service names exists.
    let orgs: BTreeSet<&String> = t["organization"].1.iter().map(|r| &r["id"]).collect();
    for (s, row) in site.services.iter().zip(&t["service"].1) {
        assert_eq!(
            row["id"],
            hsds::hsds_id("service", &s.id),
            "services.csv is in the site's order"
        );
        assert!(
            row["url"].ends_with(&format!("/{}/", s.id)),
            "{}",
            row["url"]
        );
        assert!(
            orgs.contains(&row["organization_id"]),
            "{}: organization",
            s.id
        );
        assert_eq!(row["name"], s.doc.front.value.name);
    }
    // Ids are unique in every table, and rows point at rows that exist.
    let ids =
        |name: &str| -> BTreeSet<String> { t[name].1.iter().map(|r| r["id"].clone()).collect() };
    for name in hsds::RESOURCES {
        assert_eq!(ids(name).len(), t[name].1.len(), "{name}: duplicate ids");
    }
    for (name, column, target) in [
        ("phone", "service_id", "service"),
        ("schedule", "service_id", "service"),
        ("language", "service_id", "service"),
        ("service_at_location", "service_id", "service"),
        ("service_at_location", "location_id", "location"),
        ("location", "organization_id", "organization"),
        ("address", "location_id", "location"),
    ] {
        let targets = ids(target);
        for r in &t[name].1 {
            assert!(
                targets.contains(&r[column]),
                "{name} {}: {column} {} not found",
                r["id"],
                r[column]
            );
        }
    }
}

#[test]
fn uuids_are_stable() {
    // The example in Python's uuid documentation: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
    assert_eq!(
        hsds::uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
        "886313e1-3b8a-5372-9b90-0c9aee199e5d"
    );
    // python3 -c 'import uuid; print(uuid.uuid5(uuid.UUID("c76a73d2-63e3-40b4-9326-1cec905094e7"), "service:veilig-thuis"))'
    assert_eq!(hsds::NAMESPACE, "c76a73d2-63e3-40b4-9326-1cec905094e7");
    assert_eq!(
        hsds::hsds_id("service", "veilig-thuis"),
        "3adc723f-3713-5c21-a144-4abcd694baeb"
    );
    assert_eq!(
        hsds::hsds_id("organization", "Landelijk"),
        "fab557e3-68da-5d10-a0cc-55b6e321ea33"
    );
    assert_eq!(
        hsds::hsds_id("phone", "veilig-thuis"),
        "ac9ec1dd-21b8-5987-b5e7-fdceb8226c0b"
    );

    let files = files_of(default_site());
    let t = tables(&files);
    let row = t["service"]
        .1
        .iter()
        .find(|r| r["name"] == "Veilig Thuis")
        .expect("Veilig Thuis is exported");
    assert_eq!(row["id"], "3adc723f-3713-5c21-a144-4abcd694baeb");
    assert_eq!(
        row["organization_id"],
        "fab557e3-68da-5d10-a0cc-55b6e321ea33"
    );
    let phone = t["phone"]
        .1
        .iter()
        .find(|r| r["service_id"] == row["id"])
        .unwrap();
    assert_eq!(phone["id"], "ac9ec1dd-21b8-5987-b5e7-fdceb8226c0b");
    assert_eq!(phone["number"], "0800-2000");

    // Two exports, and an export of a freshly loaded site, are byte-identical.
    assert_eq!(files, files_of(default_site()));
    assert_eq!(files, files_of(&site_at(&root())));
}

#[test]
fn only_facts_from_the_content() {
    let site = default_site();
    let files = files_of(site);
    let t = tables(&files);
    for (s, row) in site.services.iter().zip(&t["service"].1) {
        let v = &s.doc.front.value;
        let contact = v.contact.clone().unwrap_or_default();
        let sid = &row["id"];
        let phones: Vec<_> = t["phone"]
            .1
            .iter()
            .filter(|r| &r["service_id"] == sid)
            .collect();
        assert_eq!(
            phones.len(),
            usize::from(contact.phone.is_some()),
            "{}: phones",
            s.id
        );
        if let (Some(p), Some(r)) = (&contact.phone, phones.first()) {
            assert_eq!(r["number"], p.0);
        }
        assert_eq!(
            row.get("email").filter(|e| !e.is_empty()).is_some(),
            contact.email.is_some(),
            "{}: email",
            s.id
        );
        assert_eq!(
            row["fees_description"],
            v.cost.clone().unwrap_or_default(),
            "{}: cost",
            s.id
        );
        assert_eq!(row["assured_date"], v.last_checked.to_string());
        assert_eq!(
            row["last_modified"],
            format!("{}T00:00:00Z", v.last_checked)
        );
        let audience = v.audience.clone().unwrap_or_default();
        assert_eq!(
            row["minimum_age"],
            audience.min_age.map(|a| a.to_string()).unwrap_or_default()
        );
        assert_eq!(
            row["maximum_age"],
            audience.max_age.map(|a| a.to_string()).unwrap_or_default()
        );
        let has_address = v
            .address
            .as_ref()
            .is_some_and(|a| a.street.is_some() || a.city.is_some() || a.postcode.is_some());
        let places = t["service_at_location"]
            .1
            .iter()
            .filter(|r| &r["service_id"] == sid)
            .count();
        assert_eq!(
            places,
            usize::from(has_address),
            "{}: a location only with an address",
            s.id
        );
        let languages = t["language"]
            .1
            .iter()
            .filter(|r| &r["service_id"] == sid)
            .count();
        assert_eq!(languages, v.languages.len(), "{}: languages", s.id);
    }
    // HSDS requires a province in every address and the content names none: no address
    // record, rather than one with required fields empty or made up.
    assert!(t["address"].1.is_empty(), "{:?}", t["address"].1);
    for name in ["program", "contact"] {
        assert!(t[name].1.is_empty(), "{name}: rows the content cannot give");
    }
}

/// The good fixture with one more service that uses every field the export maps.
fn rich_site() -> tempfile::TempDir {
    let dir = good_site_copy();
    fs::write(
        dir.path().join("content/regions/regio-test/inloop-test.md"),
        r#"---
name: Inloop Test
kind: day-centre
needs: [day-centre]
audience: { min_age: 18, max_age: 27, groups: [young-people, lhbtiq] }
provider: Testorganisatie
contact:
  phone: "050-7654321"
  phone_note: Alleen overdag, "echt"
  email: inloop@testorganisatie.example
  website: https://testorganisatie.example/inloop
  walk_in: true
address: { street: "Teststraat 2, achterom", postcode: 9402 BB, city: Teststad }
hours:
  mon: ["09:00-12:00", "13:00-17:00"]
  fri: ["20:00-24:00"]
  sat: ["22:00-06:00"]
  exceptions:
    - { date: 2026-12-25, closed: true, note: Eerste Kerstdag }
    - { date: 2026-12-31, hours: ["09:00-12:00"] }
  note: Soms eerder dicht.
cost: Gratis
bring: [ID-bewijs, bankpas]
languages: [nl, en, ar]
sources: [{ id: fixture, section: "§6" }]
last_checked: 2026-01-10
---
Een plek om overdag te zijn.

Tweede alinea.
"#,
    )
    .unwrap();
    dir
}

#[test]
fn every_mapped_field_validates_and_says_what_the_content_says() {
    let dir = rich_site();
    let site = site_at(dir.path());
    let files = files_of(&site);
    validate_against_official_schemas(&files);
    assert_csv_and_json_agree(&files);
    assert_tabular_types(&files);
    let t = tables(&files);
    let sid = hsds::hsds_id("service", "inloop-test");
    let service = t["service"].1.iter().find(|r| r["id"] == sid).unwrap();
    assert_eq!(
        service["description"], "Een plek om overdag te zijn.",
        "the first paragraph"
    );
    assert_eq!(service["email"], "inloop@testorganisatie.example");
    assert_eq!(
        service["url"],
        format!(
            "{}/nl/regio-test/inloop-test/",
            site.config.base_url.0.trim_end_matches('/')
        )
    );
    assert!(
        service["application_process"].contains("zonder afspraak"),
        "{}",
        service["application_process"]
    );
    assert!(service["application_process"].contains("ID-bewijs, bankpas"));
    assert_eq!(
        service["eligibility_description"],
        "18 tot en met 27 jaar. Jongeren, LHBTIQ+."
    );
    assert_eq!(
        (
            service["minimum_age"].as_str(),
            service["maximum_age"].as_str()
        ),
        ("18", "27")
    );
    assert_eq!(
        service["organization_id"],
        hsds::hsds_id("organization", "Testorganisatie"),
        "one organization for both services of the provider"
    );
    let org = t["organization"]
        .1
        .iter()
        .find(|r| r["name"] == "Testorganisatie")
        .unwrap();
    assert!(
        org["description"].contains("Inloop Test")
            && org["description"].contains("Nachtopvang Test")
    );

    let phone = t["phone"]
        .1
        .iter()
        .find(|r| r["service_id"] == sid)
        .unwrap();
    assert_eq!(
        (phone["number"].as_str(), phone["description"].as_str()),
        ("050-7654321", "Alleen overdag, \"echt\"")
    );

    // No address record (the content names no province, which HSDS requires); the
    // location says where it is, as the site does.
    assert!(t["address"].1.is_empty());
    let location = t["location"]
        .1
        .iter()
        .find(|r| r["id"] == hsds::hsds_id("location", "inloop-test"))
        .unwrap();
    assert_eq!(
        location["description"],
        "Teststraat 2, achterom, 9402 BB, Teststad"
    );

    let langs: Vec<(&str, &str)> = t["language"]
        .1
        .iter()
        .filter(|r| r["service_id"] == sid)
        .map(|r| (r["code"].as_str(), r["name"].as_str()))
        .collect();
    assert_eq!(
        langs,
        [("nl", "Nederlands"), ("en", "English"), ("ar", "")],
        "names only where the site has them"
    );

    let schedules: Vec<&BTreeMap<String, String>> = t["schedule"]
        .1
        .iter()
        .filter(|r| r["service_id"] == sid)
        .collect();
    let weekly: Vec<(&str, &str, &str)> = schedules
        .iter()
        .filter(|r| r["freq"] == "WEEKLY")
        .map(|r| {
            (
                r["byday"].as_str(),
                r["opens_at"].as_str(),
                r["closes_at"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        weekly,
        [
            ("MO", "09:00:00", "12:00:00"),
            ("MO", "13:00:00", "17:00:00"),
            ("FR", "20:00:00", "23:59:59"),
            ("SA", "22:00:00", "06:00:00")
        ]
    );
    let overnight = schedules.iter().find(|r| r["byday"] == "SA").unwrap();
    assert!(
        overnight["description"].contains("volgende dag"),
        "{}",
        overnight["description"]
    );
    assert!(
        overnight["notes"].contains("Europe/Amsterdam")
            && overnight["notes"].contains("Soms eerder dicht.")
    );
    let closed = schedules
        .iter()
        .find(|r| r["valid_from"] == "2026-12-25")
        .unwrap();
    assert_eq!(closed["valid_to"], "2026-12-25");
    assert_eq!(closed["opens_at"], "");
    assert!(
        closed["description"].contains("Gesloten")
            && closed["description"].contains("Eerste Kerstdag")
    );
    let short = schedules
        .iter()
        .find(|r| r["valid_from"] == "2026-12-31")
        .unwrap();
    assert_eq!(
        (
            short["valid_to"].as_str(),
            short["opens_at"].as_str(),
            short["closes_at"].as_str()
        ),
        ("2026-12-31", "09:00:00", "12:00:00")
    );
    assert!(
        short["description"].starts_with("Donderdag 2026-12-31"),
        "{}",
        short["description"]
    );
    assert_eq!(schedules.len(), 6);

    // The fixture's own shelter: 21:00-09:00 on Monday and Tuesday, closed at Christmas.
    let shelter = hsds::hsds_id("service", "nachtopvang-test");
    assert_eq!(shelter, "9670ad75-72bd-57cb-923f-22600388f76f");
    let rows: Vec<_> = t["schedule"]
        .1
        .iter()
        .filter(|r| r["service_id"] == shelter)
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .filter(|r| r["freq"] == "WEEKLY")
        .all(|r| r["opens_at"] == "21:00:00" && r["closes_at"] == "09:00:00"));
}

#[test]
fn a_build_writes_the_export() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let o = onderdak(&[
        "build",
        "--site",
        fixture("good").to_str().unwrap(),
        "--out",
        public.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "datapackage.json",
        "services.csv",
        "services.json",
        "organizations.json",
        "schedules.csv",
    ] {
        let path = public.join(hsds::OUT_DIR).join(name);
        assert!(path.is_file(), "{} is missing", path.display());
    }
}
