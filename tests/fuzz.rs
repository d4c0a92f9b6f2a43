//! Property-based fuzzing of everything that reads editor input: front matter splitting,
//! YAML loading into the content model, markdown rendering and the tree loader and checker.
//! No input may panic. PROPTEST_CASES raises the number of cases for a long run
//! (the closing note of the trust issue records one).

mod common;

use onderdak::load::frontmatter;
use onderdak::model::{ServiceFront, SiteConfig, TreeFile};
use onderdak::render::markdown;
use onderdak::yaml;
use proptest::prelude::*;

/// Strings that look like content: YAML punctuation, fences, markdown, HTML and odd bytes.
fn contentish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "---\n",
        "name: x\n",
        "kind: shelter\n",
        "needs: [",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "  ",
        "\n",
        "\t",
        "'",
        "\"",
        "&a",
        "*a",
        "!!str ",
        "%YAML 1.2\n",
        "? ",
        "|\n",
        ">\n",
        "#",
        "<script>",
        "</div>",
        "[x](javascript:y)",
        "![i](data:x)",
        "**",
        "`",
        "```\n",
        "\u{feff}",
        "\u{202e}",
        "é",
        "漢",
        "0800-2000",
        "21:00-09:00",
        "2026-02-30",
        "last_checked: 2026-01-01\n",
        "sources: [s]\n",
        "hours:\n  mon: [",
        "contact:\n  phone: ",
        "\r\n",
        "\0",
        "~",
        "null",
        "start: a\nquestions:\n",
        "answers:\n",
        "- id: a\n  question: q\n  options:\n",
        "    - { id: o, label: l, next: a }\n",
    ]);
    prop::collection::vec(
        prop_oneof![atoms.prop_map(str::to_string), any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_split_never_panics(s in contentish()) {
        let _ = frontmatter::split(&s);
    }

    #[test]
    fn yaml_loading_never_panics(s in contentish()) {
        let _ = yaml::parse::<ServiceFront>(&s);
        let _ = yaml::parse::<SiteConfig>(&s);
        let _ = yaml::parse::<TreeFile>(&s);
        let _ = yaml::locate(&s, &["contact", "phone"]);
        let _ = yaml::locate_value_after(&s, "id: a", "next: a");
    }

    #[test]
    fn markdown_never_panics_and_never_passes_raw_html(s in contentish()) {
        let html = markdown::to_html(&s);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("<script"), "{}", html);
        prop_assert!(!lower.contains("href=\"javascript:"), "{}", html);
    }

    /// Whole sites with a fuzzed tree.yaml or service file go through load and check
    /// without panicking.
    #[test]
    fn tree_and_service_loading_never_panic(tree in contentish(), service in contentish()) {
        let site = common::good_site_copy();
        std::fs::write(site.path().join("content/tree.yaml"), &tree).unwrap();
        std::fs::write(site.path().join("content/regions/regio-test/nachtopvang-test.md"), &service).unwrap();
        let _ = onderdak::check_site(site.path());
    }
}
