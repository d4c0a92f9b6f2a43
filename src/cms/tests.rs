//! The form must say what the model says: every field, its required flag, its allowed
//! values and which fields are translated. The configuration is generated, so these tests
//! catch the generator falling behind a model change (a new shape it does not map, a field
//! without a Dutch label, an enum without its options).

use std::collections::BTreeSet;

use serde_json::Value as Json;
use serde_yaml::Value;

use super::*;

/// Translation fields with no field of the same name in the original: the flattened notes
/// (`hours_note` is the translation of `hours.note`) and the bookkeeping of `onderdak
/// translations`. Decap's i18n pairs fields by name, so these stay in the file untouched
/// (admin.js leaves a file whose content did not change as it was) but are not in the form.
const TRANSLATION_ONLY: &[&str] = &[
    "audience_note",
    "hours_note",
    "phone_note",
    "night_phone_note",
    "reviewed",
    "translates",
];

fn facts() -> SiteFacts {
    SiteFacts::read(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the default site")
}

fn parsed() -> Value {
    serde_yaml::from_str(&config(&facts(), &Backend::Local { port: 8081 })).expect("valid YAML")
}

fn collection<'a>(cfg: &'a Value, name: &str) -> &'a Value {
    cfg["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no collection {name}"))
}

/// Every field of a schema object, as dotted paths, with (required, enum options).
fn model_paths(root: &Json, obj: &Json, prefix: &str, out: &mut Vec<(String, bool, Vec<String>)>) {
    let required: Vec<&str> = obj["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    for (name, prop) in obj["properties"].as_object().unwrap() {
        let path = format!("{prefix}{name}");
        let (sch, _) = resolve(root, prop);
        let (item, _) = resolve(root, sch.get("items").unwrap_or(&Json::Null));
        let options: Vec<String> = enum_options(sch)
            .or_else(|| enum_options(item))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        out.push((path.clone(), required.contains(&name.as_str()), options));
        let nested = if sch.get("properties").is_some() {
            Some(sch)
        } else if ref_name(sch.get("items").unwrap_or(&Json::Null)) == Some("Citation") {
            root.pointer("/$defs/CitationFull")
        } else if item.get("properties").is_some() {
            Some(item)
        } else {
            None
        };
        if let Some(n) = nested {
            model_paths(root, n, &format!("{path}."), out);
        }
    }
}

/// Every field of a form, as dotted paths, with (required, options, i18n).
fn form_paths(fields: &Value, prefix: &str, out: &mut Vec<(String, bool, Vec<String>, bool)>) {
    for f in fields.as_sequence().unwrap() {
        let name = f["name"].as_str().unwrap();
        let path = format!("{prefix}{name}");
        let options: Vec<String> = f
            .get("options")
            .and_then(Value::as_sequence)
            .map(|o| {
                o.iter()
                    .filter_map(|v| v.as_str().or_else(|| v["value"].as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let required = f.get("required").and_then(Value::as_bool).unwrap_or(true);
        let i18n = f.get("i18n").and_then(Value::as_bool).unwrap_or(false);
        out.push((path.clone(), required, options, i18n));
        if let Some(sub) = f.get("fields") {
            form_paths(sub, &format!("{path}."), out);
        }
    }
}

fn assert_in_sync(model: FileModel, fields: &Value, what: &str) {
    let mut m = Vec::new();
    model_paths(&model.original, &model.original, "", &mut m);
    let mut f = Vec::new();
    form_paths(fields, "", &mut f);
    let mp: BTreeSet<&str> = m.iter().map(|x| x.0.as_str()).collect();
    let fp: BTreeSet<&str> = f
        .iter()
        .map(|x| x.0.as_str())
        .filter(|p| *p != "body")
        .collect();
    assert_eq!(mp, fp, "{what}: the form's fields are not the model's");
    let translated: BTreeSet<String> = model.translation["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for (path, required, options) in &m {
        let (_, freq, fopts, i18n) = f.iter().find(|x| &x.0 == path).unwrap();
        assert_eq!(required, freq, "{what}: `{path}` required");
        if !options.is_empty() {
            assert_eq!(options, fopts, "{what}: `{path}` options");
        }
        let top = !path.contains('.');
        assert_eq!(
            top && translated.contains(path.as_str()),
            *i18n,
            "{what}: `{path}` is translated in the model iff the form says so"
        );
        let leaf = path.rsplit('.').next().unwrap();
        assert!(
            LABELS.iter().any(|(n, _)| *n == leaf),
            "{what}: `{leaf}` has no Dutch label in cms::LABELS"
        );
    }
    for t in &translated {
        assert!(
            mp.contains(t.as_str()) || TRANSLATION_ONLY.contains(&t.as_str()),
            "{what}: the translation field `{t}` is neither in the original nor known as translation-only"
        );
    }
}

#[test]
fn service_form_has_every_field_of_the_model() {
    let cfg = parsed();
    // The anchored list (national) and an aliased one (a municipality's folder) alike.
    for name in ["national", "services-assen", "services-region-regio-assen"] {
        assert_in_sync(service_model(), &collection(&cfg, name)["fields"], name);
    }
}

#[test]
fn page_municipality_and_region_forms_have_every_field() {
    let cfg = parsed();
    assert_in_sync(page_model(), &collection(&cfg, "pages")["fields"], "pages");
    assert_in_sync(
        municipality_model(),
        &collection(&cfg, "municipalities")["fields"],
        "municipalities",
    );
    assert_in_sync(
        region_model(),
        &collection(&cfg, "regions")["fields"],
        "regions",
    );
}

#[test]
fn kinds_needs_and_groups_are_the_models() {
    let cfg = parsed();
    let mut f = Vec::new();
    form_paths(&collection(&cfg, "services-assen")["fields"], "", &mut f);
    let opts = |p: &str| f.iter().find(|x| x.0 == p).unwrap().2.clone();
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    assert_eq!(opts("kind"), kinds);
    assert!(opts("needs").contains(&"sleep-tonight".to_string()));
    assert!(opts("audience.groups").contains(&"families".to_string()));
    assert!(opts("sources.for").contains(&"hours".to_string()));
    // The source ids are the register's, so a citation cannot name a missing source.
    assert!(opts("sources.id").contains(&"assen-startdocument-2024".to_string()));
}

#[test]
fn a_collection_per_service_folder_and_i18n_files_like_the_content() {
    let facts = facts();
    let cfg = parsed();
    let folders: Vec<&str> = cfg["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|c| c["folder"].as_str())
        .collect();
    for (slug, _) in &facts.municipalities {
        assert!(folders.contains(&format!("content/municipalities/{slug}").as_str()));
    }
    for (slug, _) in &facts.regions {
        assert!(folders.contains(&format!("content/regions/{slug}").as_str()));
    }
    assert!(facts.municipalities.len() >= 30 && facts.regions.len() >= 4);
    for f in folders {
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(f).is_dir(),
            "{f}"
        );
    }
    assert_eq!(cfg["i18n"]["structure"].as_str(), Some("multiple_files"));
    assert_eq!(cfg["i18n"]["default_locale"].as_str(), Some("nl"));
    assert_eq!(cfg["i18n"]["locales"].as_sequence().unwrap().len(), 7);
    assert!(
        cfg.get("publish_mode").is_none(),
        "local editing publishes directly"
    );
}

#[test]
fn a_git_backend_gets_the_editorial_workflow() {
    let text = config(
        &facts(),
        &Backend::Git {
            host: "gitea".into(),
            repo: "gemeente/onderdak".into(),
            branch: "main".into(),
            api_root: Some("https://git.example.nl/api/v1".into()),
        },
    );
    let cfg: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(cfg["backend"]["name"].as_str(), Some("onderdak-gitea"));
    assert_eq!(cfg["backend"]["repo"].as_str(), Some("gemeente/onderdak"));
    assert_eq!(cfg["publish_mode"].as_str(), Some("editorial_workflow"));
    // Written once, referred to by every other folder: the file stays small.
    assert_eq!(text.matches("&service_fields").count(), 1);
    assert!(text.matches("*service_fields").count() >= 30);
    assert!(text.len() < 200_000, "{} bytes", text.len());
}

#[test]
fn admin_page_settings_cannot_close_the_script() {
    let mut facts = facts();
    facts
        .languages
        .push("</script><script>alert(1)</script>".into());
    let html = index_html(&facts, true);
    assert!(!html.contains("</script><script>alert"));
    assert!(html.contains("\\u003c/script>"));
}

#[test]
fn admin_serves_only_plain_names_from_the_cache() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR"));
    for bad in [
        "/admin/../Cargo.toml",
        "/admin/.hidden",
        "/admin/a/b.js",
        "/admin/%2e%2e",
    ] {
        assert_eq!(admin(bad, site).0, "404 Not Found", "{bad}");
    }
    let (status, ctype, body) = admin("/admin/config.yml", site);
    assert_eq!(status, "200 OK");
    assert!(ctype.contains("yaml"));
    assert!(String::from_utf8(body).unwrap().contains("multiple_files"));
}
