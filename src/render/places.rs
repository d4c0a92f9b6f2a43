//! The place picker: every municipality A–Z under its first letter, so a list of 342 names
//! can be jumped through without a script (letter links) and filtered with one (type-ahead,
//! `static/place.js`). One static page, a few kB compressed, shareable like every step.

use serde::Serialize;

use super::views::Link;
use crate::model::Site;

/// The municipalities under one letter.
#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup {
    pub letter: String,
    /// Fragment id of the group, `l-a`.
    pub id: String,
    pub places: Vec<Link>,
}

/// The name a municipality is sorted and grouped by: without the Dutch article
/// ("'s-Hertogenbosch" under H, as in the municipal register).
fn sort_name(name: &str) -> String {
    let lower = name.to_lowercase();
    for prefix in ["'s-", "'s ", "'t ", "’s-", "’t "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    lower
}

/// Every municipality, linked to `url(m)`, grouped by the first letter of [`sort_name`].
pub fn by_letter(site: &Site, url: impl Fn(usize) -> String) -> Vec<LetterGroup> {
    let mut all: Vec<(String, usize)> = (0..site.municipalities.len())
        .map(|m| (sort_name(&site.municipalities[m].name), m))
        .collect();
    all.sort();
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (key, m) in all {
        let letter: String = key
            .chars()
            .find(|c| c.is_alphanumeric())
            .map_or_else(|| "#".to_string(), |c| c.to_uppercase().collect());
        let link = Link {
            url: url(m),
            label: site.municipalities[m].name.clone(),
        };
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.places.push(link),
            _ => groups.push(LetterGroup {
                id: format!("l-{}", letter.to_lowercase()),
                letter,
                places: vec![link],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::sort_name;

    #[test]
    fn articles_do_not_count() {
        assert_eq!(sort_name("'s-Hertogenbosch"), "hertogenbosch");
        assert_eq!(sort_name("Aa en Hunze"), "aa en hunze");
    }
}
