//! The publishing guard: what `onderdak new` leaves to fill in must not go out as it is.
//! `check` shows these as warnings (a fresh scaffold still checks, so an editor can work
//! step by step); `build` refuses them (P801, P802); `serve` shows them with a banner on
//! every page. A placeholder site address (P803) is a warning on every build, since it
//! goes into every QR code and shared link, and an error with `build --production`.

use crate::diagnostics::{hint, msg, Code, Diagnostic, Diagnostics, Severity};
use crate::model::Site;

/// The first words of the body `onderdak new service` writes, in either language.
pub const PLACEHOLDER_BODY: [&str; 2] = [
    "Schrijf hier in korte zinnen wat deze plek doet",
    "Write here, in short sentences, what this place does",
];

/// Codes `build` refuses, and the one it refuses only with `--production`.
pub const REFUSED_BY_BUILD: [Code; 2] = [Code::P801, Code::P802];
pub const REFUSED_IN_PRODUCTION: Code = Code::P803;

/// A base URL that cannot be the site's real address: a name reserved for examples
/// (RFC 2606), such as the `https://onderdak.example` of the default site.yaml.
pub fn is_placeholder_url(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    host == "example"
        || host.ends_with(".example")
        || ["example.com", "example.net", "example.org"]
            .iter()
            .any(|e| host == *e || host.ends_with(&format!(".{e}")))
}

/// The guard's warnings for a site that passed the other checks.
pub fn check(site: &Site, site_dir: &std::path::Path) -> Diagnostics {
    let mut d = Diagnostics::default();
    for s in &site.services {
        let doc = &s.doc;
        for (i, line) in doc.body.lines().enumerate() {
            if PLACEHOLDER_BODY
                .iter()
                .any(|p| line.trim_start().starts_with(p))
            {
                d.push(
                    Diagnostic::warning(&doc.front.file, msg::placeholder_left())
                        .at(doc.body_line + i, 1)
                        .hint(hint::write_page_text()),
                );
                break;
            }
        }
    }
    let url = &site.config.base_url.0;
    if is_placeholder_url(url) {
        let file = "content/site.yaml";
        let at = std::fs::read_to_string(site_dir.join(file))
            .ok()
            .and_then(|t| crate::yaml::locate(&t, &["base_url"]));
        d.push(
            Diagnostic::warning(file, msg::placeholder_base_url(url))
                .at_opt(at)
                .field("base_url")
                .hint(hint::set_base_url()),
        );
    }
    d
}

/// For `build`: turns what it refuses into errors. `base_url_given` is a `--base-url`
/// that replaces site.yaml's (then site.yaml's placeholder does not matter).
/// Returns whether the build must stop.
pub fn for_build(d: &mut Diagnostics, production: bool, base_url_given: Option<&str>) -> bool {
    if base_url_given.is_some_and(|u| !is_placeholder_url(u)) {
        d.0.retain(|x| x.code() != REFUSED_IN_PRODUCTION);
    }
    for x in &mut d.0 {
        let code = x.code();
        if REFUSED_BY_BUILD.contains(&code) || (production && code == REFUSED_IN_PRODUCTION) {
            x.severity = Severity::Error;
        }
    }
    d.sort();
    d.has_errors()
}

/// The warnings `serve` shows in a banner on every page.
pub fn banner_items(d: &Diagnostics) -> Vec<&Diagnostic> {
    d.warnings()
        .filter(|x| {
            let c = x.code();
            REFUSED_BY_BUILD.contains(&c) || c == REFUSED_IN_PRODUCTION
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_are_placeholders() {
        assert!(is_placeholder_url("https://onderdak.example"));
        assert!(is_placeholder_url("https://www.example.org/x"));
        assert!(!is_placeholder_url("https://onderdak-drenthe.nl"));
        assert!(!is_placeholder_url("https://example.nl"));
    }
}
