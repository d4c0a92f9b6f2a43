//! The source register (`content/sources/*.yaml`) and the citations that point into it.
//! Readers are shown a source's title, publisher and date, never an internal code, and the
//! date of the source behind a phone number or an address is shown next to it: contact
//! details go stale, and a reader should know how old they are before travelling.

use std::collections::BTreeMap;

use crate::diagnostics::{did_you_mean, hint, msg, Diagnostic, Diagnostics};
use crate::load::Located;
use crate::model::sources::{Register, Source};
use crate::model::*;

/// The citation id a scaffold leaves for the editor to fill in.
pub const TODO_ID: &str = "TODO";

/// Reads the register files; duplicate ids, missing dates and web pages without an address
/// are errors.
pub fn build_register(
    files: &[Located<Vec<SourceEntry>>],
    today: Date,
    d: &mut Diagnostics,
) -> Register {
    let mut out = Register::new();
    let mut first_file: BTreeMap<String, &std::path::Path> = BTreeMap::new();
    for f in files {
        for e in &f.value {
            let at = f
                .locate_value_after("id:", &e.id)
                .or_else(|| f.locate_value(&e.id));
            if !is_slug(&e.id) {
                d.push(
                    Diagnostic::error(&f.file, msg::bad_source_id(&e.id))
                        .at_opt(at)
                        .field("id")
                        .hint(hint::source_id_letters()),
                );
            }
            if let Some(prev) = first_file.get(&e.id) {
                d.push(
                    Diagnostic::error(&f.file, msg::source_id_twice(&e.id, prev.display()))
                        .at_opt(at)
                        .field("id")
                        .hint(hint::own_source_id()),
                );
                continue;
            }
            first_file.insert(e.id.clone(), &f.file);
            let date = match e.date {
                Some(date) => date,
                None => {
                    d.push(
                        Diagnostic::error(&f.file, msg::source_without_date(&e.id))
                            .at_opt(at)
                            .field("date")
                            .hint(hint::source_date()),
                    );
                    SourceDate::Unknown
                }
            };
            if let Some(first) = date.earliest_day() {
                if first > today {
                    d.push(
                        Diagnostic::error(&f.file, msg::source_in_future(&e.id, date))
                            .at_opt(at)
                            .field("date")
                            .hint(hint::source_own_date()),
                    );
                }
            }
            if e.kind != SourceKind::Policy && e.url.is_none() {
                d.push(
                    Diagnostic::error(&f.file, msg::source_without_url(&e.id))
                        .at_opt(at)
                        .field("url")
                        .hint(hint::cite_by_address()),
                );
            }
            for (field, value) in [("title", &e.title), ("publisher", &e.publisher)] {
                if value.trim().is_empty() {
                    d.push(
                        Diagnostic::error(&f.file, msg::source_field_empty(&e.id, field))
                            .at_opt(at)
                            .field(field),
                    );
                }
            }
            out.insert(
                e.id.clone(),
                Source {
                    id: e.id.clone(),
                    title: e.title.trim().to_string(),
                    publisher: e.publisher.trim().to_string(),
                    date,
                    kind: e.kind,
                    url: e.url.as_ref().map(|u| u.0.clone()),
                },
            );
        }
    }
    out
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A file must cite at least one source, and every cited id must be in the register.
/// `TODO` (left by `onderdak new`) is a warning, so a fresh scaffold still checks.
pub fn check_citations<T>(
    f: &Located<T>,
    cites: &[Citation],
    register: &Register,
    d: &mut Diagnostics,
) {
    if cites.is_empty() {
        d.push(
            Diagnostic::error(&f.file, msg::no_source())
                .at_opt(
                    f.locate(&["sources"])
                        .or_else(|| f.locate(&["name"]))
                        .or_else(|| f.locate(&["title"])),
                )
                .field("sources")
                .hint(hint::add_sources()),
        );
        return;
    }
    for c in cites {
        let id = c.id();
        if id.eq_ignore_ascii_case(TODO_ID) {
            d.push(
                Diagnostic::warning(&f.file, msg::sources_todo())
                    .at_opt(f.locate_value(id))
                    .field("sources")
                    .hint(hint::fill_in_source()),
            );
            continue;
        }
        if !register.contains_key(id) {
            let hint = match did_you_mean(id, register.keys().map(String::as_str)) {
                Some(best) => hint::did_you_mean(best),
                None => hint::add_source_to_register(),
            };
            d.push(
                Diagnostic::error(&f.file, msg::no_such_source(id))
                    .at_opt(f.locate_value(id))
                    .field("sources")
                    .hint(hint),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sources::*;

    fn reg(entries: &[(&str, SourceDate)]) -> Register {
        entries
            .iter()
            .map(|(id, date)| {
                (
                    id.to_string(),
                    Source {
                        id: id.to_string(),
                        title: "t".into(),
                        publisher: "p".into(),
                        date: *date,
                        kind: SourceKind::News,
                        url: None,
                    },
                )
            })
            .collect()
    }

    fn cite(id: &str, facts: &[Fact]) -> Citation {
        Citation::Full(CitationFull {
            id: id.into(),
            section: None,
            facts: facts.to_vec(),
        })
    }

    #[test]
    fn contact_date_takes_the_source_of_the_contact_facts() {
        let r = reg(&[
            ("policy", SourceDate::Year(2019)),
            ("page", SourceDate::Month(2024, 1)),
        ]);
        let cites = vec![cite("policy", &[]), cite("page", &[Fact::Phone])];
        assert_eq!(
            contact_date(&cites, &[Fact::Phone], &r),
            Some(SourceDate::Month(2024, 1))
        );
        // The address is not named by the page, so it rests on the policy document.
        assert_eq!(
            contact_date(&cites, &[Fact::Phone, Fact::Address], &r),
            Some(SourceDate::Year(2019))
        );
        assert_eq!(contact_date(&cites, &[], &r), None);
    }

    #[test]
    fn an_undated_source_is_the_oldest() {
        let r = reg(&[
            ("a", SourceDate::Unknown),
            ("b", SourceDate::Day(Date::parse("2025-03-01").unwrap())),
        ]);
        let cites = vec![cite("b", &[Fact::Phone]), cite("a", &[Fact::Hours])];
        assert_eq!(
            contact_date(&cites, &[Fact::Phone, Fact::Hours], &r),
            Some(SourceDate::Unknown)
        );
    }

    #[test]
    fn source_dates_parse_at_every_precision() {
        assert_eq!(SourceDate::parse("2024").unwrap(), SourceDate::Year(2024));
        assert_eq!(
            SourceDate::parse("2024-01").unwrap(),
            SourceDate::Month(2024, 1)
        );
        assert!(matches!(
            SourceDate::parse("2024-01-15").unwrap(),
            SourceDate::Day(_)
        ));
        assert_eq!(SourceDate::parse("unknown").unwrap(), SourceDate::Unknown);
        for bad in ["24", "2024-13", "januari 2024", "2024-02-30"] {
            assert!(SourceDate::parse(bad).is_err(), "{bad}");
        }
    }
}
