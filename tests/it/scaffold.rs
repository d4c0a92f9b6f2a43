//! `onderdak new` writes files that pass `check` as they are; `onderdak schema` writes the
//! JSON Schemas that the scaffolds point to, and the committed ones are up to date.

use std::fs;

use crate::common::*;

#[test]
fn new_municipality_and_service_pass_check() {
    let site = good_site_copy();
    let s = site.path().to_str().unwrap();
    let o = onderdak(&[
        "new",
        "municipality",
        "Nieuw Dorp",
        "--region",
        "regio-test",
        "--phone",
        "14 050",
        "--site",
        s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = fs::read_to_string(
        site.path()
            .join("content/municipalities/nieuw-dorp/municipality.yaml"),
    )
    .unwrap();
    assert!(
        yaml.starts_with("# yaml-language-server: $schema="),
        "{yaml}"
    );
    let region =
        fs::read_to_string(site.path().join("content/regions/regio-test/region.yaml")).unwrap();
    assert!(
        region.contains("[teststad, testdorp, nieuw-dorp]"),
        "{region}"
    );
    let o = onderdak(&[
        "new",
        "service",
        "Inloop Nieuw Dorp",
        "--municipality",
        "nieuw-dorp",
        "--site",
        s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site
        .path()
        .join("content/municipalities/nieuw-dorp/inloop-nieuw-dorp.md")
        .is_file());
    let check = onderdak(&["check", "--site", s]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("`sources` still says TODO"),
        "the placeholder source is flagged"
    );
    // `build` refuses to publish the placeholders (issue 21): the TODO sources of both
    // files and the placeholder text of the service.
    let out = tempfile::tempdir().unwrap();
    let o = onderdak(&[
        "build",
        "--site",
        s,
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let muni = "content/municipalities/nieuw-dorp/municipality.yaml";
    let svc = "content/municipalities/nieuw-dorp/inloop-nieuw-dorp.md";
    for want in [("P802", muni), ("P802", svc), ("P801", svc)] {
        assert!(
            errors.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {errors:?}"
        );
    }
    // Filled in, it builds.
    for e in fs::read_dir(site.path().join("content/municipalities/nieuw-dorp")).unwrap() {
        let p = e.unwrap().path();
        let text = fs::read_to_string(&p)
            .unwrap()
            .replace("id: TODO", "id: fixture");
        let text = text.replace(
            onderdak::check::publish::PLACEHOLDER_BODY[1],
            "Inloop op dinsdag: kom langs met je vragen over wonen",
        );
        fs::write(&p, text).unwrap();
    }
    // The new municipality gets the flow and the page.
    let o = onderdak(&["build", "--site", s, "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out
        .path()
        .join("nl/nieuw-dorp/waar-kan-ik-terecht/index.html")
        .is_file());
}

#[test]
fn new_refuses_unknown_places_with_a_suggestion() {
    let site = good_site_copy();
    let s = site.path().to_str().unwrap();
    let o = onderdak(&[
        "new",
        "municipality",
        "X",
        "--region",
        "regio-tset",
        "--phone",
        "14 050",
        "--site",
        s,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("did you mean `regio-test`?"),
        "{}",
        stderr(&o)
    );
    let o = onderdak(&[
        "new",
        "service",
        "Y",
        "--municipality",
        "teststat",
        "--site",
        s,
    ]);
    assert!(
        stderr(&o).contains("did you mean `teststad`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let out = tempfile::tempdir().unwrap();
    let o = onderdak(&["schema", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success());
    for e in fs::read_dir(out.path()).unwrap().flatten() {
        let committed = root().join("schemas").join(e.file_name());
        assert_eq!(
            fs::read_to_string(&committed).unwrap_or_default(),
            fs::read_to_string(e.path()).unwrap(),
            "{} is stale: run `cargo run -- schema`",
            committed.display()
        );
    }
}
