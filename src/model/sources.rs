//! The checked source register and the questions the pages ask of it: which source stands
//! behind a place's contact details, and how old it is.

use std::collections::BTreeMap;

use super::content::*;

/// A checked entry of the register.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: SourceDate,
    pub kind: SourceKind,
    pub url: Option<String>,
}

/// Every source by id.
pub type Register = BTreeMap<String, Source>;

/// The date of the source behind the contact facts `present` (the oldest, when they come
/// from several; unknown counts as oldest). `None` when there are no contact facts or their
/// source is not in the register.
pub fn contact_date(
    cites: &[Citation],
    present: &[Fact],
    register: &Register,
) -> Option<SourceDate> {
    let mut oldest: Option<SourceDate> = None;
    for &fact in present {
        for c in cites.iter().filter(|c| c.covers(fact, cites)) {
            let Some(s) = register.get(c.id()) else {
                continue;
            };
            oldest = Some(match (oldest, s.date.latest_day()) {
                (None, _) => s.date,
                (Some(SourceDate::Unknown), _) | (_, None) => SourceDate::Unknown,
                (Some(o), Some(day)) => {
                    if o.latest_day().is_some_and(|od| day < od) {
                        s.date
                    } else {
                        o
                    }
                }
            });
        }
    }
    oldest
}

/// The contact facts a service gives.
pub fn contact_facts(v: &ServiceFront) -> Vec<Fact> {
    given_contact_facts(v.contact.as_ref(), v.address.as_ref(), v.hours.is_some())
}

/// The contact facts given by a contact block, an address and (for services) hours: what
/// the reader uses to reach a place, whose source's age is shown beside them.
pub fn given_contact_facts(
    contact: Option<&Contact>,
    address: Option<&Address>,
    hours: bool,
) -> Vec<Fact> {
    let c = contact.cloned().unwrap_or_default();
    [
        (c.phone.is_some(), Fact::Phone),
        (c.night_phone.is_some(), Fact::NightPhone),
        (c.email.is_some(), Fact::Email),
        (c.website.is_some(), Fact::Website),
        (address.is_some_and(|a| a.street.is_some()), Fact::Address),
        (hours, Fact::Hours),
    ]
    .into_iter()
    .filter_map(|(given, fact)| given.then_some(fact))
    .collect()
}

/// Days since the source's latest possible day; `None` for an undated source.
pub fn age_days(date: SourceDate, today: Date) -> Option<i64> {
    date.latest_day()
        .map(|d| today.days_since_epoch() - d.days_since_epoch())
}
