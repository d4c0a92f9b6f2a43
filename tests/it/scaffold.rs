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
    // The new municipality gets the flow and the page.
    let out = tempfile::tempdir().unwrap();
    assert!(
        onderdak(&["build", "--site", s, "--out", out.path().to_str().unwrap()])
            .status
            .success()
    );
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
