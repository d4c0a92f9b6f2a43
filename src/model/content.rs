//! The content model: typed mirrors of the files in `content/`. Unknown fields are errors
//! (`deny_unknown_fields`), and values with a shape (dates, times, phone numbers, links) are
//! checked while parsing, so every mistake gets the position serde_yaml knows.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::{msg, Msg};

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title per language code.
    pub title: BTreeMap<String, String>,
    /// Absolute URL the site is served from, without trailing slash.
    pub base_url: WebUrl,
    pub default_language: String,
    pub languages: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// `check` warns about facts not checked for longer than this.
    #[serde(default = "default_stale_days")]
    pub stale_after_days: u32,
    /// Paths in the output folder that a rebuild keeps, for files another service puts
    /// there (`CNAME`, `.well-known/`, `google*.html`): `*` matches within one name, a
    /// trailing `/` means a folder. Everything else in the output is replaced.
    #[serde(default)]
    pub keep: Vec<String>,
    /// `check` warns when a phone number, address or opening hours rest on a source older
    /// than this (in days; an undated source always counts as older).
    #[serde(default = "default_contact_age")]
    pub contact_source_max_age_days: u32,
    /// Per language, the languages to show a text in when it has no translation, tried in
    /// order before the default language (which always comes last): `uk: [en]`. A reader
    /// of Ukrainian often reads English better than Dutch.
    #[serde(default)]
    pub fallback: BTreeMap<String, Vec<String>>,
}

fn default_contact_age() -> u32 {
    730
}

fn default_theme() -> String {
    "default".into()
}
fn default_stale_days() -> u32 {
    180
}

/// `content/regions/<slug>/region.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionFile {
    pub name: String,
    /// Slug of the municipality that runs shelter for the region.
    pub centrumgemeente: String,
    /// Slugs of every member municipality.
    pub municipalities: Vec<String>,
    pub summary: Option<String>,
    /// Where the facts come from, by id in the source register.
    #[serde(default)]
    pub sources: Vec<Citation>,
    pub last_checked: Date,
}

/// `content/municipalities/<slug>/municipality.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityFile {
    pub name: String,
    pub summary: Option<String>,
    /// The municipality's own general number, website and e-mail: a reader must always be
    /// able to reach the municipality, so `check` requires a phone number.
    pub contact: Option<Contact>,
    /// The town hall or main desk.
    pub address: Option<Address>,
    /// What was searched for the general number and not found (where and when). Without a
    /// phone number and without this note a municipality is an error; with it, a warning,
    /// so the next editor knows the gap is known and where not to look again.
    pub phone_not_found: Option<String>,
    #[serde(default)]
    pub sources: Vec<Citation>,
    pub last_checked: Option<Date>,
}

/// One entry of the source register, `content/sources/*.yaml` (a list of these).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub id: String,
    /// The document's or page's own title.
    pub title: String,
    pub publisher: String,
    /// The source's own date, as precise as it allows: 2024, 2024-01 or 2024-01-15;
    /// `unknown` for a page that shows none (then facts from it count as old).
    pub date: Option<SourceDate>,
    pub kind: SourceKind,
    pub url: Option<WebUrl>,
    /// For editors only; never shown.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Policy,
    MunicipalPage,
    ProviderPage,
    GovernmentPage,
    News,
}

/// A source's own date, as precise as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceDate {
    Year(i32),
    Month(i32, u8),
    Day(Date),
    Unknown,
}

impl SourceDate {
    pub fn parse(s: &str) -> Result<SourceDate, Msg> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("unknown") || t.eq_ignore_ascii_case("onbekend") {
            return Ok(SourceDate::Unknown);
        }
        let bad = || msg::not_a_source_date(s);
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(SourceDate::Year(y.parse().map_err(|_| bad())?)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let month: u8 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&month) {
                    return Err(msg::no_such_month(s, month));
                }
                Ok(SourceDate::Month(y.parse().map_err(|_| bad())?, month))
            }
            [_, _, _] => Date::parse(t).map(SourceDate::Day),
            _ => Err(bad()),
        }
    }
    /// The latest day the source can be from: what ages are counted from, so an imprecise
    /// date never makes a fact look older than it is. `None` when unknown.
    pub fn latest_day(self) -> Option<Date> {
        match self {
            SourceDate::Year(y) => Some(Date {
                year: y,
                month: 12,
                day: 31,
            }),
            SourceDate::Month(y, m) => Some(Date {
                year: y,
                month: m,
                day: days_in_month(y, m),
            }),
            SourceDate::Day(d) => Some(d),
            SourceDate::Unknown => None,
        }
    }
    /// The earliest day the source can be from, to tell a date in the future.
    pub fn earliest_day(self) -> Option<Date> {
        match self {
            SourceDate::Year(y) => Some(Date {
                year: y,
                month: 1,
                day: 1,
            }),
            SourceDate::Month(y, m) => Some(Date {
                year: y,
                month: m,
                day: 1,
            }),
            SourceDate::Day(d) => Some(d),
            SourceDate::Unknown => None,
        }
    }
}

impl fmt::Display for SourceDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceDate::Year(y) => write!(f, "{y:04}"),
            SourceDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            SourceDate::Day(d) => write!(f, "{d}"),
            SourceDate::Unknown => f.write_str("unknown"),
        }
    }
}

/// A citation of the source register: `- some-id`, or
/// `- { id: some-id, section: "§3.3", for: [phone, hours] }`. An entry without `for` is the
/// source of every fact of the file that no `for` entry names.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Citation {
    Id(String),
    Full(CitationFull),
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationFull {
    pub id: String,
    /// Chapter, section or part of the page.
    pub section: Option<String>,
    /// The facts this source is for; empty means all the others.
    #[serde(default, rename = "for")]
    pub facts: Vec<Fact>,
}

impl Citation {
    pub fn id(&self) -> &str {
        match self {
            Citation::Id(id) => id,
            Citation::Full(c) => &c.id,
        }
    }
    pub fn section(&self) -> Option<&str> {
        match self {
            Citation::Id(_) => None,
            Citation::Full(c) => c.section.as_deref(),
        }
    }
    pub fn facts(&self) -> &[Fact] {
        match self {
            Citation::Id(_) => &[],
            Citation::Full(c) => &c.facts,
        }
    }
    /// Whether this citation is the source of `fact` in a file citing `all`.
    pub fn covers(&self, fact: Fact, all: &[Citation]) -> bool {
        if self.facts().is_empty() {
            !all.iter().any(|c| c.facts().contains(&fact))
        } else {
            self.facts().contains(&fact)
        }
    }
}

/// The facts a citation can be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Name,
    Summary,
    Provider,
    Capacity,
    Stay,
    Cost,
    Bring,
    Audience,
    Languages,
    Phone,
    NightPhone,
    Email,
    Website,
    WalkIn,
    Address,
    Hours,
    Membership,
    Body,
}

impl Fact {
    /// The facts a reader uses to reach a service: their source's date is shown beside them.
    pub const CONTACT: [Fact; 6] = [
        Fact::Phone,
        Fact::NightPhone,
        Fact::Email,
        Fact::Website,
        Fact::Address,
        Fact::Hours,
    ];
}

/// What a service is, for grouping on pages.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    Emergency,
    FrontDoor,
    HelpDesk,
    Shelter,
    DayCentre,
    Prevention,
    Housing,
    Support,
    Hotline,
}

impl Kind {
    /// Every kind, in page order.
    pub const ALL: &'static [Kind] = <Kind as strum::VariantArray>::VARIANTS;
    /// The kebab-case name used in content and interface keys (`kind.front-door`): the
    /// same as serde's (a test compares them).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The needs a service answers; the question flow's answers ask for them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Need {
    Emergency,
    DomesticViolence,
    SuicidePrevention,
    FrontDoor,
    ShelterIntake,
    SleepTonight,
    YouthShelter,
    FamilyShelter,
    DayCentre,
    DebtHelp,
    EvictionPrevention,
    LeavingInstitution,
    Housing,
    PostalAddress,
    Income,
    AddictionHelp,
    WorryReport,
}

impl Need {
    /// Every need.
    pub const ALL: &'static [Need] = <Need as strum::VariantArray>::VARIANTS;
    /// The kebab-case name used in content (`sleep-tonight`): the same as serde's.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Group {
    Everyone,
    Adults,
    YoungPeople,
    Families,
    Women,
    Lhbtiq,
    Migrants,
    Remigrants,
}

impl Group {
    /// Every group.
    pub const ALL: &'static [Group] = <Group as strum::VariantArray>::VARIANTS;
}

/// Front matter of a service file (`<id>.md`), the Dutch original.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceFront {
    /// Optional; when given it must equal the file name.
    pub id: Option<String>,
    pub name: String,
    pub summary: Option<String>,
    pub kind: Kind,
    #[serde(default)]
    pub needs: Vec<Need>,
    pub audience: Option<Audience>,
    pub provider: Option<String>,
    pub capacity: Option<String>,
    pub stay: Option<String>,
    pub contact: Option<Contact>,
    pub address: Option<Address>,
    pub hours: Option<Hours>,
    pub cost: Option<String>,
    #[serde(default)]
    pub bring: Vec<String>,
    #[serde(default)]
    pub languages: Vec<LangCode>,
    /// Where the facts come from, by id in the source register.
    #[serde(default)]
    pub sources: Vec<Citation>,
    pub last_checked: Date,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    #[serde(default)]
    pub groups: Vec<Group>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<Phone>,
    pub phone_note: Option<String>,
    /// A source says this number is answered day and night.
    #[serde(default)]
    pub phone_24h: bool,
    /// A number for evenings, nights or outside office hours, as a source gives it.
    pub night_phone: Option<Phone>,
    pub night_phone_note: Option<String>,
    pub email: Option<Email>,
    pub website: Option<WebUrl>,
    #[serde(default)]
    pub walk_in: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: Option<String>,
    pub postcode: Option<Postcode>,
    pub city: Option<String>,
}

/// Weekly opening hours with dated exceptions. Spans may run past midnight (21:00-09:00).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    #[serde(default)]
    pub always_open: bool,
    #[serde(default)]
    pub mon: Vec<Span>,
    #[serde(default)]
    pub tue: Vec<Span>,
    #[serde(default)]
    pub wed: Vec<Span>,
    #[serde(default)]
    pub thu: Vec<Span>,
    #[serde(default)]
    pub fri: Vec<Span>,
    #[serde(default)]
    pub sat: Vec<Span>,
    #[serde(default)]
    pub sun: Vec<Span>,
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    pub note: Option<String>,
}

impl Hours {
    /// The days' keys, Monday first, as Dutch calendars do (`day_<key>` is its name).
    pub const DAY_KEYS: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    /// Monday first, as Dutch calendars do.
    pub fn days(&self) -> [(&'static str, &Vec<Span>); 7] {
        let k = Self::DAY_KEYS;
        [
            (k[0], &self.mon),
            (k[1], &self.tue),
            (k[2], &self.wed),
            (k[3], &self.thu),
            (k[4], &self.fri),
            (k[5], &self.sat),
            (k[6], &self.sun),
        ]
    }
    pub fn has_weekly(&self) -> bool {
        self.days().iter().any(|(_, s)| !s.is_empty())
    }
    /// Whether any times are known: open day and night, a weekly span or a dated one.
    /// Without them the hours are only a note ("only when it freezes"), which says nothing
    /// about being open or closed on a given day.
    pub fn has_times(&self) -> bool {
        self.always_open || self.has_weekly() || self.exceptions.iter().any(|e| !e.hours.is_empty())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub date: Date,
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub hours: Vec<Span>,
    pub note: Option<String>,
}

/// Front matter of a service translation (`<id>.<lang>.md`): only words, never facts.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceTranslationFront {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub capacity: Option<String>,
    pub stay: Option<String>,
    pub cost: Option<String>,
    pub bring: Option<Vec<String>>,
    pub audience_note: Option<String>,
    pub hours_note: Option<String>,
    pub phone_note: Option<String>,
    pub night_phone_note: Option<String>,
    #[serde(default = "yes")]
    pub reviewed: bool,
    /// What the translation was made from, written by `onderdak translations mark`.
    pub translates: Option<String>,
}

fn yes() -> bool {
    true
}

/// Front matter of an explainer page (`pages/<slug>.md`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default = "default_order")]
    pub order: i32,
    #[serde(default)]
    pub violence: bool,
    #[serde(default)]
    pub sources: Vec<Citation>,
    pub last_checked: Date,
}

fn default_order() -> i32 {
    100
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageTranslationFront {
    pub title: Option<String>,
    pub summary: Option<String>,
    #[serde(default = "yes")]
    pub reviewed: bool,
    /// What the translation was made from, written by `onderdak translations mark`.
    pub translates: Option<String>,
}

/// `municipality.<lang>.yaml` / `region.<lang>.yaml`: the summary in another language.
/// Names, numbers and addresses stay in the original.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceTranslation {
    pub summary: Option<String>,
    #[serde(default = "yes")]
    pub reviewed: bool,
    /// What the translation was made from, written by `onderdak translations mark`.
    pub translates: Option<String>,
}

/// `content/tree.yaml`: the question flow.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeFile {
    pub start: String,
    pub questions: Vec<Question>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub question: String,
    pub help: Option<String>,
    #[serde(default)]
    pub exit_button: bool,
    /// This question needs the place: a flow started without one (from the home page)
    /// asks for the municipality first, on a page of its own (see `flow::unplaced_paths`).
    #[serde(default)]
    pub needs_place: bool,
    pub options: Vec<QuestionOption>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub id: String,
    pub label: String,
    pub next: Option<String>,
    pub answer: Option<String>,
    /// Who the reader is when they choose this option (household, age): the answers it
    /// leads to show only services for them, unless the answer says its own audience.
    pub audience: Option<AnswerAudience>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub title: String,
    pub needs: Vec<Need>,
    pub advice: Option<String>,
    #[serde(default)]
    pub exit_button: bool,
    /// Who the reader said they are (household, age): services for others are not shown,
    /// so a parent is never sent to an adults-only or youth-only shelter.
    pub audience: Option<AnswerAudience>,
}

/// The reader an answer is for, from their answers earlier in the flow.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerAudience {
    #[serde(default)]
    pub groups: Vec<Group>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
}

impl AnswerAudience {
    /// Whether a service with audience `sa` is for this reader. Unknown means yes: a
    /// service that states no audience is not kept from anyone.
    pub fn fits(&self, sa: Option<&Audience>) -> bool {
        let Some(sa) = sa else { return true };
        let families = self.groups.contains(&Group::Families);
        if !self.groups.is_empty()
            && !sa.groups.is_empty()
            && !sa
                .groups
                .iter()
                .any(|g| *g == Group::Everyone || self.groups.contains(g))
        {
            return false;
        }
        // A service with an upper age is for young people, not for a household.
        if families && sa.max_age.is_some() && !sa.groups.contains(&Group::Families) {
            return false;
        }
        let (alo, ahi) = (self.min_age.unwrap_or(0), self.max_age.unwrap_or(u8::MAX));
        let (slo, shi) = (sa.min_age.unwrap_or(0), sa.max_age.unwrap_or(u8::MAX));
        slo <= ahi && alo <= shi
    }
}

/// `content/tree.<lang>.yaml`: the flow's words in another language, by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeTranslation {
    #[serde(default = "yes")]
    pub reviewed: bool,
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionTranslation>,
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerTranslation>,
    /// What each text was made from (`question/<id>`, `answer/<id>`), written by
    /// `onderdak translations mark`.
    #[serde(default)]
    pub translates: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionTranslation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerTranslation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Values with a shape. Each checks itself while parsing, so errors carry a position.

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, Msg> {
        let bad = || msg::not_a_date(s);
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let day: u8 = parts[2].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(msg::no_such_month(s, month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(msg::no_such_day(s, month, year, day));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for age comparisons.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// Today's date in the Netherlands (Europe/Amsterdam), from the system clock: a source
    /// dated today, checked just after midnight, is not "in the future" because UTC is still
    /// on yesterday. The time-zone rules are built in (jiff's bundled tzdb), so a machine
    /// without /usr/share/zoneinfo gives the same answer.
    pub fn today() -> Date {
        let now = jiff::Timestamp::now();
        let day = match jiff::tz::TimeZone::get("Europe/Amsterdam") {
            Ok(tz) => now.to_zoned(tz).date(),
            // The database is compiled in; should it lack the zone, UTC is a day off at most.
            Err(_) => now.to_zoned(jiff::tz::TimeZone::UTC).date(),
        };
        Date {
            year: i32::from(day.year()),
            month: day.month() as u8,
            day: day.day() as u8,
        }
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time span on one day, `HH:MM-HH:MM`; an end before the start runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Minutes after midnight.
    pub start: u16,
    /// Minutes after midnight; 1440 for 24:00.
    pub end: u16,
}

impl Span {
    pub fn parse(s: &str) -> Result<Span, Msg> {
        let norm = s.replace(['–', '—'], "-");
        let bad = || msg::not_a_span(s);
        let (a, b) = norm.split_once('-').ok_or_else(bad)?;
        let start = parse_time(a.trim()).ok_or_else(bad)?;
        let end = parse_time(b.trim()).ok_or_else(bad)?;
        if start == 1440 {
            return Err(msg::span_starts_at_24(s));
        }
        if start == end {
            return Err(msg::span_empty(s));
        }
        Ok(Span { start, end })
    }
    pub fn overnight(self) -> bool {
        self.end < self.start
    }
}

fn parse_time(t: &str) -> Option<u16> {
    let (h, m) = t.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}–{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

/// A Dutch phone number as people dial it: 112, 113, 0800-2000, 050-1234567, 06-12345678.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(pub String);

impl Phone {
    pub fn parse(s: &str) -> Result<Phone, Msg> {
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        let allowed = s.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c));
        if !allowed || digits.is_empty() {
            return Err(msg::not_a_phone(s));
        }
        let ok = match digits.as_str() {
            "112" | "113" => true,
            d if d.starts_with("31") && s.trim_start().starts_with('+') => d.len() == 11,
            d if d.starts_with("0800") || d.starts_with("0900") || d.starts_with("0880") => {
                (8..=11).contains(&d.len())
            }
            d if d.starts_with('0') => d.len() == 10,
            d if d.starts_with("14") => (5..=7).contains(&d.len()),
            _ => false,
        };
        if ok {
            Ok(Phone(s.trim().to_string()))
        } else {
            Err(msg::not_a_dutch_phone(s, digits.len()))
        }
    }
    /// The `tel:` URI form: digits (and a leading +) only.
    pub fn tel_uri(&self) -> String {
        let plus = if self.0.trim_start().starts_with('+') {
            "+"
        } else {
            ""
        };
        let digits: String = self.0.chars().filter(|c| c.is_ascii_digit()).collect();
        format!("tel:{plus}{digits}")
    }
}

/// An absolute http(s) URL. Other schemes (javascript:, data:) are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(pub String);

impl WebUrl {
    pub fn parse(s: &str) -> Result<WebUrl, Msg> {
        let t = s.trim();
        let rest = t
            .strip_prefix("https://")
            .or_else(|| t.strip_prefix("http://"))
            .ok_or_else(|| msg::not_a_web_address(s))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_ok = !host.is_empty()
            && host.contains('.') | host.starts_with("localhost") | host.starts_with("127.")
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c))
            && !host.starts_with('.')
            && !host.ends_with('.');
        if !host_ok
            || t.chars()
                .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        {
            return Err(msg::bad_web_address(s));
        }
        Ok(WebUrl(t.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(pub String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, Msg> {
        let t = s.trim();
        let ok = t.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.ends_with('.')
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@.-_+".contains(c))
        });
        if ok {
            Ok(Email(t.to_string()))
        } else {
            Err(msg::not_an_email(s))
        }
    }
}

/// A Dutch postcode, `1234 AB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postcode(pub String);

impl Postcode {
    pub fn parse(s: &str) -> Result<Postcode, Msg> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let b = compact.as_bytes();
        let ok = b.len() == 6
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[0] != b'0'
            && b[4..].iter().all(u8::is_ascii_alphabetic);
        if ok {
            Ok(Postcode(format!(
                "{} {}",
                &compact[..4],
                compact[4..].to_ascii_uppercase()
            )))
        } else {
            Err(msg::not_a_postcode(s))
        }
    }
}

/// A language code such as `nl`, `en`, `ar` (ISO 639-1, two or three letters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LangCode(pub String);

impl LangCode {
    pub fn parse(s: &str) -> Result<LangCode, Msg> {
        let ok = (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase());
        if ok {
            Ok(LangCode(s.to_string()))
        } else {
            Err(msg::not_a_language_code(s))
        }
    }
}

macro_rules! parsed_from_string {
    ($($t:ty),*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = StringOrNumber::deserialize(d)?.0;
                <$t>::parse(&s).map_err(|m| serde::de::Error::custom(crate::diagnostics::carry(m)))
            }
        }
    )*};
}
parsed_from_string!(Date, SourceDate, Span, Phone, WebUrl, Email, Postcode, LangCode);

/// Accepts `112` written without quotes as well as `"112"`.
struct StringOrNumber(String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize, JsonSchema)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            U(u64),
        }
        match Raw::deserialize(d) {
            Ok(Raw::S(s)) => Ok(StringOrNumber(s)),
            Ok(Raw::I(i)) => Ok(StringOrNumber(i.to_string())),
            Ok(Raw::U(u)) => Ok(StringOrNumber(u.to_string())),
            Err(_) => Err(serde::de::Error::custom(crate::diagnostics::carry(
                msg::expected_text(),
            ))),
        }
    }
}

/// JSON Schema for the values that are written as text with a shape.
macro_rules! schema_as_pattern {
    ($($t:ty => $name:literal, $pattern:literal, $desc:literal);* $(;)?) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": ["string", "integer"], "pattern": $pattern, "description": $desc })
            }
        }
    )*};
}
schema_as_pattern! {
    Date => "Date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "A date, YYYY-MM-DD";
    SourceDate => "SourceDate", "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|unknown)$", "The source's own date: YYYY, YYYY-MM or YYYY-MM-DD, or unknown";
    Span => "Span", "^[0-2]?[0-9]:[0-5][0-9]\\s*[-–]\\s*[0-2]?[0-9]:[0-5][0-9]$", "Opening span HH:MM-HH:MM; an end before the start runs past midnight";
    Phone => "Phone", "^[0-9+ ()-]+$", "A Dutch phone number as people dial it: 112, 0800-2000, 050-1234567";
    WebUrl => "WebUrl", "^https?://", "A web address starting with https://";
    Email => "Email", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "An e-mail address";
    Postcode => "Postcode", "^[1-9][0-9]{3}\\s?[A-Za-z]{2}$", "A Dutch postcode, 1234 AB";
    LangCode => "LangCode", "^[a-z]{2,3}$", "A language code such as nl, en, ar";
}

macro_rules! serialize_as_display {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.to_string())
            }
        }
    )*};
}
serialize_as_display!(Date, SourceDate, Span);

macro_rules! serialize_inner {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    )*};
}
serialize_inner!(Phone, WebUrl, Email, Postcode, LangCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29")
            .unwrap_err()
            .en()
            .contains("no day 29"));
        assert!(Date::parse("2024-13-01")
            .unwrap_err()
            .en()
            .contains("no month 13"));
        assert!(Date::parse("1-3-2024").is_err());
        let d = Date::parse("2026-11-23").unwrap();
        assert_eq!(Date::from_days(d.days_since_epoch()), d);
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn spans_allow_overnight_and_reject_nonsense() {
        let s = Span::parse("21:00-09:00").unwrap();
        assert!(s.overnight());
        assert_eq!(s.to_string(), "21:00–09:00");
        assert!(!Span::parse("09:00–17:00").unwrap().overnight());
        assert!(Span::parse("25:00-26:00").is_err());
        assert!(Span::parse("09:60-10:00").is_err());
        assert!(Span::parse("9-5").is_err());
        assert!(Span::parse("10:00-10:00").is_err());
        assert_eq!(Span::parse("00:00-24:00").unwrap().end, 1440);
    }

    #[test]
    fn phones_are_dutch_numbers() {
        for ok in [
            "112",
            "113",
            "0800-2000",
            "0800-0113",
            "050 123 45 67",
            "06-12345678",
            "+31 50 1234567",
            "14 050",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["12345", "phone", "050-12345", "0800", "+1 555 0100"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Phone::parse("0800-2000").unwrap().tel_uri(), "tel:08002000");
    }

    #[test]
    fn urls_refuse_other_schemes() {
        assert!(WebUrl::parse("https://www.assen.nl/x").is_ok());
        assert!(WebUrl::parse("javascript:alert(1)").is_err());
        assert!(WebUrl::parse("data:text/html,x").is_err());
        assert!(WebUrl::parse("https://").is_err());
        assert!(WebUrl::parse("www.assen.nl").is_err());
    }

    #[test]
    fn postcodes_and_emails() {
        assert_eq!(Postcode::parse("9401aa").unwrap().0, "9401 AA");
        assert!(Postcode::parse("0401 AA").is_err());
        assert!(Email::parse("info@example.nl").is_ok());
        assert!(Email::parse("info@").is_err());
    }
}

#[cfg(test)]
mod names_tests {
    use super::*;

    /// The names strum gives (`as_str`, interface keys) are the names serde reads in content.
    #[test]
    fn strum_and_serde_agree_on_every_name() {
        let serde_name = |v: &dyn erased::Name| v.serde();
        for k in Kind::ALL {
            assert_eq!(serde_name(k), k.as_str());
        }
        for n in Need::ALL {
            assert_eq!(serde_name(n), n.as_str());
        }
        for g in Group::ALL {
            let name: &'static str = (*g).into();
            assert_eq!(serde_name(g), name);
        }
        assert_eq!(Kind::ALL.len(), 9);
        assert_eq!(Group::ALL.len(), 8);
    }

    mod erased {
        pub trait Name {
            fn serde(&self) -> String;
        }
        impl<T: serde::Serialize> Name for T {
            fn serde(&self) -> String {
                serde_json::to_value(self)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }
        }
    }
}
