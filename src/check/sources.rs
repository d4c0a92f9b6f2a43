//! The source register (`content/sources/*.yaml`) and the citations that point into it.
//! Readers are shown a source's title, publisher and date, never an internal code, and the
//! date of the source behind a phone number or an address is shown next to it: contact
//! details go stale, and a reader should know how old they are before travelling.

use std::collections::BTreeMap;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
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
                    Diagnostic::error(&f.file, format!("`{}` is not a usable source id", e.id))
                        .at_opt(at)
                        .field("id")
                        .hint("use lower case letters, digits and -, e.g. assen-havenkade-2024"),
                );
            }
            if let Some(prev) = first_file.get(&e.id) {
                d.push(
                    Diagnostic::error(
                        &f.file,
                        format!(
                            "the source id `{}` is used twice; also in {}",
                            e.id,
                            prev.display()
                        ),
                    )
                    .at_opt(at)
                    .field("id")
                    .hint("give each source its own id"),
                );
                continue;
            }
            first_file.insert(e.id.clone(), &f.file);
            let date = match e.date {
                Some(date) => date,
                None => {
                    d.push(
                        Diagnostic::error(&f.file, format!("source `{}` has no date", e.id))
                            .at_opt(at)
                            .field("date")
                            .hint("write the source's own date: 2024, 2024-01 or 2024-01-15; `date: unknown` only when the page shows none"),
                    );
                    SourceDate::Unknown
                }
            };
            if let Some(first) = date.earliest_day() {
                if first > today {
                    d.push(
                        Diagnostic::error(
                            &f.file,
                            format!("source `{}` is dated {date}, in the future", e.id),
                        )
                        .at_opt(at)
                        .field("date")
                        .hint("write the date the source itself gives"),
                    );
                }
            }
            if e.kind != SourceKind::Policy && e.url.is_none() {
                d.push(
                    Diagnostic::error(&f.file, format!("source `{}` has no `url`", e.id))
                        .at_opt(at)
                        .field("url")
                        .hint("a web page is cited by its address, so a reader and the next editor can look it up"),
                );
            }
            for (field, value) in [("title", &e.title), ("publisher", &e.publisher)] {
                if value.trim().is_empty() {
                    d.push(
                        Diagnostic::error(
                            &f.file,
                            format!("source `{}` has an empty `{field}`", e.id),
                        )
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
            Diagnostic::error(&f.file, "this file cites no source")
                .at_opt(
                    f.locate(&["sources"])
                        .or_else(|| f.locate(&["name"]))
                        .or_else(|| f.locate(&["title"])),
                )
                .field("sources")
                .hint("add `sources:` with the id of a source from content/sources/, e.g. `sources: [{ id: assen-startdocument-2024, section: \"§3.3\" }]`"),
        );
        return;
    }
    for c in cites {
        let id = c.id();
        if id.eq_ignore_ascii_case(TODO_ID) {
            d.push(
                Diagnostic::warning(&f.file, "`sources` still says TODO")
                    .at_opt(f.locate_value(id))
                    .field("sources")
                    .hint("say where the facts come from before publishing: add the source to content/sources/ and cite its id"),
            );
            continue;
        }
        if !register.contains_key(id) {
            let hint = match did_you_mean(id, register.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "add the source to a file in content/sources/ (id, title, publisher, date, kind, url), or fix the id".to_string(),
            };
            d.push(
                Diagnostic::error(&f.file, format!("there is no source `{id}`"))
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
