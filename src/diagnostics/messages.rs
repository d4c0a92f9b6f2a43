//! The table of onderdak's messages to editors. Every diagnostic is made by one of the
//! functions in [`msg`]: each row names its stable code, its parameters and its English
//! and Dutch text, so a diagnostic cannot be made without a code, and both texts come from
//! here. Hints are made the same way by [`hint`] (no code), and the labels inside messages
//! ("gemeente Assen", "regio …") by [`label`]. docs/errors.md explains every code with an
//! example and the fix; a test keeps the two in step.
//!
//! A row is `CODE name(params) "English" "Dutch";`. The texts are `format!` strings whose
//! holes are the parameters, so a hole without a parameter does not compile either.

use std::fmt::Display;

use crate::diagnostics::i18n::Lang;

macro_rules! codes {
    ($($code:ident $nl:literal $en:literal;)*) => {
        /// A stable diagnostic code (docs/errors.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in the order of docs/errors.md.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            /// The one-line title in `lang`, for the warning summary.
            pub fn title(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$code, Lang::Nl) => $nl, (Code::$code, Lang::En) => $en,)*
                }
            }
        }
    };
}

codes! {
    Y101 "YAML niet te lezen" "YAML cannot be read";
    Y102 "verkeerd ingesprongen" "wrong indentation";
    Y103 "tab in plaats van spaties" "tab instead of spaces";
    Y104 "veld op de verkeerde diepte" "field at the wrong depth";
    Y105 "dubbele punt in een tekst zonder aanhalingstekens" "colon in unquoted text";
    Y106 "onzichtbaar teken" "invisible character";
    Y107 "geen UTF-8" "not UTF-8";
    Y108 "leeg bestand" "empty file";
    Y109 "front matter ontbreekt of is niet gesloten" "front matter missing or not closed";
    Y110 "bestand niet te lezen of geen gewoon bestand" "file cannot be read or is not a plain file";
    Y111 "bestand wordt niet gebruikt" "file not used";
    Y112 "veld staat er twee keer" "field given twice";
    F201 "onbekend veld" "unknown field";
    F202 "onbekende waarde" "unknown value";
    F203 "veld ontbreekt" "missing field";
    F204 "verkeerd soort waarde" "wrong kind of value";
    F205 "geen geldige datum" "not a valid date";
    F206 "geen geldige tijd" "not a valid time";
    F207 "geen geldig telefoonnummer" "not a valid phone number";
    F208 "geen geldig adres, link of afbeelding" "not a valid address, link or image";
    F209 "naam niet bruikbaar in een webadres" "name not usable in a web address";
    F210 "datum in de toekomst" "date in the future";
    F211 "lang niet gecontroleerd" "not checked for a long time";
    F212 "velden spreken elkaar tegen" "fields contradict each other";
    F213 "id dubbel of klopt niet met de bestandsnaam" "id twice or not the file name";
    S301 "geen bron" "no source";
    S302 "onbekende bron" "unknown source";
    S303 "bron onvolledig" "source incomplete";
    S304 "bron-id niet bruikbaar" "source id not usable";
    S305 "contactgegevens op een oude bron" "contact details on an old source";
    R401 "gemeente zonder telefoonnummer" "municipality without phone number";
    R402 "gemeente en regio passen niet bij elkaar" "municipality and region do not fit";
    R403 "naam botst" "name clash";
    R404 "hulp niet te bereiken" "help cannot be reached";
    T501 "vragenroute ontbreekt" "question flow missing";
    T502 "vragenroute klopt niet" "question flow broken";
    T503 "antwoord zonder hulp" "answer without help";
    L601 "talen in site.yaml kloppen niet" "languages in site.yaml wrong";
    L602 "interfacetekst ontbreekt" "interface text missing";
    L603 "vertaling zonder origineel" "translation without original";
    L604 "vertaling met andere feiten" "translation with other facts";
    L605 "vertaling ontbreekt" "translation missing";
    L606 "vertaling verouderd of niet gemarkeerd" "translation outdated or not marked";
    B701 "thema of sjablonen ontbreken" "theme or templates missing";
    B702 "fout in een sjabloon" "template error";
    B703 "kan niet schrijven" "cannot write";
    B704 "site.yaml of content ontbreekt" "site.yaml or content missing";
    B705 "uitvoermap geweigerd" "output folder refused";
    B706 "regel onder `keep:` niet bruikbaar" "`keep:` entry not usable";
    P801 "voorbeeldtekst nog niet ingevuld" "placeholder text left in";
    P802 "bron nog TODO" "source still TODO";
    P803 "voorbeeld-webadres van de site" "placeholder base URL";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text in both languages. Made only by the tables below (the fields are private), so
/// every word shown to an editor has its Dutch.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    en: String,
    nl: String,
}

impl Text {
    pub fn en(&self) -> &str {
        &self.en
    }
    pub fn nl(&self) -> &str {
        &self.nl
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }
    /// Texts side by side, each language joined with `sep`.
    pub fn join(parts: &[Text], sep: &str) -> Text {
        Text {
            en: parts
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join(sep),
            nl: parts
                .iter()
                .map(|t| t.nl.as_str())
                .collect::<Vec<_>>()
                .join(sep),
        }
    }
}

/// A diagnostic's message: its code, the name of its row and its text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    code: Code,
    key: &'static str,
    text: Text,
}

impl Msg {
    pub fn code(&self) -> Code {
        self.code
    }
    /// The row's name in [`msg`], e.g. `municipality_without_phone`.
    pub fn key(&self) -> &'static str {
        self.key
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn en(&self) -> &str {
        &self.text.en
    }
    pub fn get(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.en)
    }
}

/// A parameter of a row: the same in both languages (a name, a number, a path), or a
/// [`Text`] with its own Dutch (a label, a hint inside a message).
pub trait Arg {
    fn en(&self) -> String;
    fn nl(&self) -> String;
}

impl<T: Display + ?Sized> Arg for T {
    fn en(&self) -> String {
        self.to_string()
    }
    fn nl(&self) -> String {
        self.to_string()
    }
}

impl Arg for Text {
    fn en(&self) -> String {
        self.en.clone()
    }
    fn nl(&self) -> String {
        self.nl.clone()
    }
}

macro_rules! messages {
    ($($code:ident $name:ident($($p:ident),*) $en:literal $nl:literal;)*) => {
        $(
            #[allow(unused_variables, clippy::too_many_arguments)]
            pub fn $name($($p: impl Arg),*) -> Msg {
                Msg {
                    code: Code::$code,
                    key: stringify!($name),
                    text: Text {
                        en: { $(let $p = $p.en();)* format!($en) },
                        nl: { $(let $p = $p.nl();)* format!($nl) },
                    },
                }
            }
        )*
        /// Every row: code, name, English and Dutch template (for the tests).
        pub const ROWS: &[(Code, &str, &str, &str)] = &[$((Code::$code, stringify!($name), $en, $nl)),*];
    };
}

macro_rules! texts {
    ($($name:ident($($p:ident),*) $en:literal $nl:literal;)*) => {
        $(
            #[allow(unused_variables)]
            pub fn $name($($p: impl Arg),*) -> Text {
                Text {
                    en: { $(let $p = $p.en();)* format!($en) },
                    nl: { $(let $p = $p.nl();)* format!($nl) },
                }
            }
        )*
        /// Every row: name, English and Dutch template (for the tests).
        pub const ROWS: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $nl)),*];
    };
}

/// The messages, by code. The English of serde's own messages is serde's (`{raw}`).
pub mod msg {
    use super::*;
    messages! {
    // Reading files.
    B704 no_content_folder() "there is no content folder here" "hier is geen map content";
    B704 site_yaml_missing() "site.yaml is missing" "site.yaml ontbreekt";
    Y110 cannot_read(e) "cannot read: {e}" "niet te lezen: {e}";
    Y110 cannot_read_file(e) "cannot read the file: {e}" "het bestand is niet te lezen: {e}";
    Y110 symbolic_link() "this is a symbolic link; onderdak reads only real files and folders in content/" "dit is een snelkoppeling (symbolic link); onderdak leest in content/ alleen echte bestanden en mappen";
    Y111 file_not_used() "this file is not used" "dit bestand wordt niet gebruikt";
    L603 translation_without_original(id) "translation of `{id}`, but there is no `{id}.md` beside it" "vertaling van `{id}`, maar er staat geen `{id}.md` naast";
    B701 theme_templates_missing(t, dir) "the templates of the theme `{t}` are missing: looked for the folder {dir}" "de sjablonen van het thema `{t}` ontbreken: gezocht naar de map {dir}";
    B701 theme_does_not_exist(t, dir) "the theme `{t}` does not exist: there is no {dir}" "het thema `{t}` bestaat niet: er is geen map {dir}";
    F209 name_not_for_web(s) "`{s}` cannot be used in a web address" "`{s}` kan niet in een webadres";
    Y108 file_empty() "the file is empty" "het bestand is leeg";
    Y108 front_matter_empty() "the front matter between the `---` lines is empty" "de front matter tussen de `---`-regels is leeg";
    Y106 nul_character() "the file holds a NUL character (a zero byte)" "het bestand bevat een NUL-teken (een nulbyte)";
    Y107 not_utf8() "the file is not UTF-8 text" "het bestand is geen UTF-8-tekst";
    Y109 no_front_matter() "the file does not start with front matter" "het bestand begint niet met front matter";
    Y109 front_matter_not_closed() "the front matter is never closed" "de front matter wordt niet afgesloten";
    // The output folder.
    B705 out_is_root() "is the root folder" "is de hoofdmap van de schijf";
    B705 out_link_unreadable(e) "cannot read the link: {e}" "de snelkoppeling is niet te lezen: {e}";
    B705 out_is_file() "is a file, not a folder: a build would replace it" "is een bestand, geen map: een build zou het vervangen";
    B705 out_points_to_file(p) "points to {p}, which is a file, not a folder" "wijst naar {p}, en dat is een bestand, geen map";
    B705 out_link_loop() "is a loop of symbolic links" "is een kring van snelkoppelingen";
    B705 out_unclear() "cannot tell where this folder is (a `..` after a folder that does not exist?)" "het is niet duidelijk waar deze map is (een `..` na een map die niet bestaat?)";
    B705 out_is_site() "is the site folder itself: a build replaces its output folder, and would delete the site" "is de map van de site zelf: een build vervangt zijn uitvoermap en zou de site weggooien";
    B705 out_holds_site(p) "holds the site folder {p}: a build replaces its output folder, and would delete the site" "bevat de map van de site {p}: een build vervangt zijn uitvoermap en zou de site weggooien";
    B705 out_inside_site(own, p) "is inside the site's {own}/ folder ({p}), whose files a build reads" "ligt in de map {own}/ van de site ({p}), en die bestanden leest een build";
    B705 out_is_home(p) "is the home folder {p} or above it: a build would delete it" "is de thuismap {p} of een map daarboven: een build zou die weggooien";
    B705 out_not_ours(shown, marker) "holds files onderdak did not write ({shown}; there is no {marker} file in it), and a build replaces the whole folder" "bevat bestanden die onderdak niet heeft gemaakt ({shown}; er staat geen bestand {marker} in), en een build vervangt de hele map";
    B705 out_not_ours_more(shown, n, marker) "holds files onderdak did not write ({shown} and {n} more; there is no {marker} file in it), and a build replaces the whole folder" "bevat bestanden die onderdak niet heeft gemaakt ({shown} en nog {n}; er staat geen bestand {marker} in), en een build vervangt de hele map";
    B703 cannot_lock(p, e) "cannot lock the output ({p}): {e}" "kan de uitvoer niet vergrendelen ({p}): {e}";
    B703 cannot_create_parent(p, e) "cannot write the site: cannot create {p}: {e}" "kan de site niet schrijven: kan {p} niet maken: {e}";
    B703 cannot_write_into(p, e) "cannot write the site into {p}: {e}" "kan de site niet schrijven in {p}: {e}";
    B706 keep_empty(k) "keep: `{k}` is empty" "keep: `{k}` is leeg";
    B706 keep_not_inside(k) "keep: `{k}` must be a path inside the output folder, with `/` between names" "keep: `{k}` moet een pad binnen de uitvoermap zijn, met `/` tussen de namen";
    B706 keep_dots(k) "keep: `{k}` must not hold `..`, `.` or an empty name" "keep: `{k}` mag geen `..`, `.` of lege naam bevatten";
    B706 keep_own_file(k) "keep: `{k}` is onderdak's own marker or manifest file" "keep: `{k}` is een eigen bestand van onderdak (markering of manifest)";
    // Build, theme, output.
    B702 more_pages_failed(n) "… and {n} more pages failed with this template" "… en nog {n} pagina's mislukt met dit sjabloon";
    B703 cannot_write_file(e) "cannot write the file: {e}" "kan het bestand niet schrijven: {e}";
    B703 cannot_write_site(e) "cannot write the site: {e}" "kan de site niet schrijven: {e}";
    B703 cannot_copy(e) "cannot copy this file into the site: {e}" "kan dit bestand niet in de site zetten: {e}";
    B701 theme_without_templates(t) "the theme `{t}` has no templates folder" "het thema `{t}` heeft geen map templates";
    B701 template_missing() "this template is missing" "dit sjabloon ontbreekt";
    B702 cannot_read_template(e) "cannot read template: {e}" "het sjabloon is niet te lezen: {e}";
    B702 template_error(e) "template error: {e}" "fout in het sjabloon: {e}";
    B702 page_not_utf8(e) "rendered page is not UTF-8: {e}" "de gemaakte pagina is geen UTF-8: {e}";
    B702 rendering_failed(p, e) "rendering {p} failed: {e}" "{p} maken is mislukt: {e}";
    // Values with a shape (checked while parsing).
    F205 not_a_source_date(s) "`{s}` is not a source date; write 2024, 2024-01 or 2024-01-15 (or `unknown` when the source shows none)" "`{s}` is geen brondatum; schrijf 2024, 2024-01 of 2024-01-15 (of `unknown` als de bron geen datum noemt)";
    F205 not_a_date(s) "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01" "`{s}` is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01";
    F205 no_such_day(s, m, y, d) "`{s}`: month {m} of {y} has no day {d}" "`{s}`: maand {m} van {y} heeft geen dag {d}";
    F205 no_such_month(s, m) "`{s}`: there is no month {m}" "`{s}`: maand {m} bestaat niet";
    F206 not_a_span(s) "`{s}` is not a time span; write it as HH:MM-HH:MM, e.g. 09:00-17:00 or 21:00-09:00" "`{s}` is geen tijdvak; schrijf UU:MM-UU:MM, bijvoorbeeld 09:00-17:00 of 21:00-09:00";
    F206 span_starts_at_24(s) "`{s}`: a span cannot start at 24:00; use 00:00" "`{s}`: een tijdvak kan niet om 24:00 beginnen; schrijf 00:00";
    F206 span_empty(s) "`{s}`: the span starts and ends at the same time; for round the clock use `always_open: true`" "`{s}`: het tijdvak begint en eindigt op dezelfde tijd; voor dag en nacht open schrijf je `always_open: true`";
    F207 not_a_phone(s) "`{s}` is not a phone number; write a Dutch number as people dial it, e.g. 0800-2000, 050-1234567 or 112" "`{s}` is geen telefoonnummer; schrijf een Nederlands nummer zoals je het belt, bijvoorbeeld 0800-2000, 050-1234567 of 112";
    F207 not_a_dutch_phone(s, n) "`{s}` does not look like a Dutch phone number ({n} digits); write a Dutch number as people dial it, e.g. 0800-2000, 050-1234567 or 112" "`{s}` lijkt geen Nederlands telefoonnummer ({n} cijfers); schrijf het zoals je het belt, bijvoorbeeld 0800-2000, 050-1234567 of 112";
    F208 not_a_web_address(s) "`{s}` is not a web address; it must start with https:// (or http://)" "`{s}` is geen webadres; het moet beginnen met https:// (of http://)";
    F208 bad_web_address(s) "`{s}` is not a valid web address; write it like https://www.example.nl/page" "`{s}` is geen geldig webadres; schrijf het als https://www.voorbeeld.nl/pagina";
    F208 not_an_email(s) "`{s}` is not an e-mail address; write it like info@example.nl" "`{s}` is geen e-mailadres; schrijf het als info@voorbeeld.nl";
    F208 not_a_postcode(s) "`{s}` is not a Dutch postcode; write it like 9401 AA" "`{s}` is geen Nederlandse postcode; schrijf hem als 9401 AA";
    F208 not_a_language_code(s) "`{s}` is not a language code; use two lower-case letters such as nl, en, ar" "`{s}` is geen taalcode; gebruik twee kleine letters, zoals nl, en, ar";
    F204 expected_text() "expected a text value" "hier hoort een tekst";
    // Regions and municipalities.
    R401 municipality_without_phone(m) "municipality `{m}` has no phone number" "gemeente `{m}` heeft geen telefoonnummer";
    R401 region_municipalities_without_phone(r, n, list) "region {r}: {n} municipality(ies) without a general phone number (searched, not found): {list}" "regio {r}: {n} gemeente(n) zonder algemeen telefoonnummer (gezocht, niet gevonden): {list}";
    R402 municipality_in_two_regions(m, other) "municipality `{m}` is also a member of region `{other}`" "gemeente `{m}` hoort ook bij regio `{other}`";
    R402 centrumgemeente_not_member(m) "the centrumgemeente `{m}` is not in this region's municipalities" "de centrumgemeente `{m}` staat niet bij de gemeenten van deze regio";
    R402 municipality_in_no_region(m) "municipality `{m}` is in no region" "gemeente `{m}` hoort bij geen enkele regio";
    R402 region_folder_without_yaml(r) "the folder regions/{r}/ has no region.yaml" "de map regions/{r}/ heeft geen region.yaml";
    R402 municipality_folder_without_yaml(m) "the folder municipalities/{m}/ has no municipality.yaml" "de map municipalities/{m}/ heeft geen municipality.yaml";
    F202 no_such_municipality(v) "there is no municipality `{v}`" "er is geen gemeente `{v}`";
    R403 region_named_as_municipality(r) "region `{r}` has the same name as a municipality; both would live at /nl/{r}/" "regio `{r}` heeft dezelfde naam als een gemeente; beide zouden op /nl/{r}/ staan";
    R403 reserved_name(s) "`{s}` is a name the site uses itself" "`{s}` is een naam die de site zelf gebruikt";
    R404 services_unreachable(label, n, ids) "{label}: {n} service(s) with no phone, e-mail, website or address: {ids}" "{label}: {n} dienst(en) zonder telefoon, e-mail, website of adres: {ids}";
    // Services.
    F213 id_twice_also(id, other) "the id `{id}` is used twice; also by {other}" "het id `{id}` wordt twee keer gebruikt; ook door {other}";
    F213 id_twice(id) "the id `{id}` is used twice" "het id `{id}` wordt twee keer gebruikt";
    F213 id_not_file_name(id, f) "`id` is `{id}` but the file is named `{f}.md`" "`id` is `{id}` maar het bestand heet `{f}.md`";
    F213 name_empty() "`name` is empty" "`name` is leeg";
    F210 date_in_future(date) "{date} is in the future" "{date} ligt in de toekomst";
    F211 checked_long_ago(age, date, limit) "last checked {age} days ago ({date}); the limit is {limit} days" "{age} dagen geleden gecontroleerd ({date}); de grens is {limit} dagen";
    F212 ages_swapped(lo, hi) "min_age {lo} is above max_age {hi}" "min_age {lo} is hoger dan max_age {hi}";
    F212 always_open_and_hours() "`always_open: true` and weekly hours contradict each other" "`always_open: true` en openingstijden per dag spreken elkaar tegen";
    F212 exception_closed_or_hours(d) "the exception on {d} needs either `closed: true` or `hours`, not both or neither" "de uitzondering op {d} heeft `closed: true` of `hours` nodig, één van de twee";
    F208 image_not_allowed(s) "the image `{s}` is not allowed: images must be files of this site" "de afbeelding `{s}` mag niet: afbeeldingen moeten bestanden van deze site zijn";
    F208 link_not_allowed(s) "the link `{s}` is not allowed" "de link `{s}` mag niet";
    // Languages.
    L601 default_language_not_listed(l) "the default language `{l}` is not in `languages`" "de standaardtaal `{l}` staat niet in `languages`";
    L601 language_twice(l) "language `{l}` is listed twice" "taal `{l}` staat er twee keer";
    L601 fallback_for_unknown_language(l) "`fallback` has a chain for `{l}`, which is not in `languages`" "`fallback` heeft een reeks voor `{l}`, maar die staat niet in `languages`";
    L601 fallback_names_unknown_language(l, x) "the fallback of `{l}` names `{x}`, which is not in `languages`" "de terugval van `{l}` noemt `{x}`, maar die staat niet in `languages`";
    L601 falls_back_to_itself(l) "`{l}` falls back to itself" "`{l}` valt terug op zichzelf";
    L601 title_without_default_language(l) "`title` has no text for the default language `{l}`" "`title` heeft geen tekst in de standaardtaal `{l}`";
    F212 bad_direction(d) "`direction` is `{d}`" "`direction` is `{d}`";
    L602 language_without_texts(l) "language `{l}` is enabled but content/i18n/{l}.yaml does not exist" "taal `{l}` staat aan, maar content/i18n/{l}.yaml bestaat niet";
    L602 interface_text_missing_used(k, t, n) "the interface text `{k}` is missing; {t} uses it on line {n}" "de interfacetekst `{k}` ontbreekt; {t} gebruikt hem op regel {n}";
    L602 interface_text_missing(k) "the interface text `{k}` is missing" "de interfacetekst `{k}` ontbreekt";
    L605 services_untranslated(n, m, l) "{n} of {m} services have no `{l}` translation; they are shown in Dutch" "{n} van {m} diensten hebben geen vertaling in `{l}`; ze worden in het Nederlands getoond";
    L605 pages_untranslated(n, m, l, list) "{n} of {m} explainer pages have no `{l}` translation: {list}" "{n} van {m} uitlegpagina's hebben geen vertaling in `{l}`: {list}";
    // The question flow.
    T501 tree_missing() "tree.yaml is missing" "tree.yaml ontbreekt";
    F209 id_not_for_web(id) "the id `{id}` cannot be used in a web address" "het id `{id}` kan niet in een webadres";
    F209 option_id_not_for_web(id) "option id `{id}` cannot be used in a web address" "het keuze-id `{id}` kan niet in een webadres";
    T502 start_not_a_question(s) "`start` names `{s}`, which is not a question" "`start` noemt `{s}`, maar dat is geen vraag";
    T502 question_without_options(q) "question `{q}` has no options" "vraag `{q}` heeft geen keuzes";
    T502 option_twice(q, o) "question `{q}` has two options with id `{o}`" "vraag `{q}` heeft twee keuzes met id `{o}`";
    T502 option_next_and_answer(o, q) "option `{o}` of `{q}` has both `next` and `answer`" "keuze `{o}` van `{q}` heeft zowel `next` als `answer`";
    T502 option_leads_nowhere(o, q) "option `{o}` of `{q}` leads nowhere" "keuze `{o}` van `{q}` leidt nergens heen";
    T502 option_to_missing_question(o, q, n) "option `{o}` of `{q}` goes to question `{n}`, which does not exist" "keuze `{o}` van `{q}` gaat naar vraag `{n}`, en die bestaat niet";
    T502 option_to_missing_answer(o, q, a) "option `{o}` of `{q}` goes to answer `{a}`, which does not exist" "keuze `{o}` van `{q}` gaat naar antwoord `{a}`, en dat bestaat niet";
    T502 flow_loops(path) "the flow loops: {path}" "de vragenroute draait rond: {path}";
    T502 unreachable(id) "`{id}` cannot be reached from the start question" "`{id}` is niet te bereiken vanaf de eerste vraag";
    T502 not_a_question(id) "`{id}` is not a question in tree.yaml" "`{id}` is geen vraag in tree.yaml";
    T502 not_an_answer(id) "`{id}` is not an answer in tree.yaml" "`{id}` is geen antwoord in tree.yaml";
    T503 answer_finds_no_service(a, needs, list) "answer `{a}` finds no service for need(s) {needs} in: {list}" "antwoord `{a}` vindt geen hulp voor {needs} in: {list}";
    L605 flow_untranslated(l) "the question flow has no `{l}` translation; it is shown in Dutch" "de vragenroute heeft geen vertaling in `{l}`; hij wordt in het Nederlands getoond";
    L605 flow_texts_untranslated(n, list) "{n} text(s) not translated, shown in Dutch: {list}" "{n} tekst(en) niet vertaald, in het Nederlands getoond: {list}";
    // Sources.
    S301 no_source() "this file cites no source" "dit bestand noemt geen bron";
    S302 no_such_source(id) "there is no source `{id}`" "er is geen bron `{id}`";
    S303 source_without_date(id) "source `{id}` has no date" "bron `{id}` heeft geen datum";
    S303 source_without_url(id) "source `{id}` has no `url`" "bron `{id}` heeft geen `url`";
    S303 source_field_empty(id, f) "source `{id}` has an empty `{f}`" "bron `{id}` heeft een leeg veld `{f}`";
    S304 bad_source_id(id) "`{id}` is not a usable source id" "`{id}` is geen bruikbaar bron-id";
    S304 source_id_twice(id, other) "the source id `{id}` is used twice; also in {other}" "het bron-id `{id}` wordt twee keer gebruikt; ook in {other}";
    F210 source_in_future(id, date) "source `{id}` is dated {date}, in the future" "bron `{id}` heeft de datum {date}, in de toekomst";
    P802 sources_todo() "`sources` still says TODO" "`sources` zegt nog TODO";
    T503 tonight_without_phone(a, list) "answer `{a}` (sleep tonight) shows no service with a phone number in: {list}" "antwoord `{a}` (vannacht slapen) toont geen hulp met een telefoonnummer in: {list}";
    R404 no_night_number(r, list) "region {r}: no number to call at night for {list}" "regio {r}: geen nummer om 's nachts te bellen voor {list}";
    R404 shelters_without_phone(r, n, list) "region {r}: {n} shelter(s) without a phone number: {list}" "regio {r}: {n} opvang(en) zonder telefoonnummer: {list}";
    S305 old_contact_sources(label, n, limit, ids) "{label}: contact details of {n} service(s) rest on a source older than {limit} days or undated: {ids}" "{label}: contactgegevens van {n} dienst(en) rusten op een bron ouder dan {limit} dagen of zonder datum: {ids}";
    // Translations.
    L604 translation_facts_differ(what) "does not carry the same facts as the original: {what}" "bevat niet dezelfde feiten als het origineel: {what}";
    L605 translation_lacks_texts(what) "this translation has no {what}; the page shows the original's there" "deze vertaling heeft geen {what}; de pagina toont daar die van het origineel";
    L606 original_changed(of, what) "the original changed after this translation was made{of}: {what}" "het origineel is veranderd nadat deze vertaling is gemaakt{of}: {what}";
    L606 translations_unmarked(n, l) "{n} `{l}` translation file(s) do not record what they translate, so nobody can tell when they go out of date" "{n} vertaalbestand(en) in `{l}` leggen niet vast wat ze vertalen, dus niemand ziet wanneer ze verouderen";
    // Search topics.
    F209 topic_slug_not_for_web(s) "topic `{s}`: the slug cannot be used in a web address" "onderwerp `{s}`: de slug kan niet in een webadres";
    F213 topic_twice(s) "topic `{s}` is listed twice" "onderwerp `{s}` staat er twee keer";
    T503 topic_covers_nothing(s) "topic `{s}` covers no service" "onderwerp `{s}` hoort bij geen enkele dienst";
    L605 topic_without_default_name(s, l) "topic `{s}` has no name in `{l}`, the site's default language" "onderwerp `{s}` heeft geen naam in `{l}`, de standaardtaal van de site";
    L601 topic_unknown_language(s, l) "topic `{s}`: `{l}` is not a language of this site" "onderwerp `{s}`: `{l}` is geen taal van deze site";
    L605 topic_without_name(s, l) "topic `{s}` has no name in `{l}`; readers see the default language's" "onderwerp `{s}` heeft geen naam in `{l}`; lezers zien die in de standaardtaal";
    F204 topic_empty_word(s, l) "topic `{s}`: an empty word in `words.{l}`" "onderwerp `{s}`: een leeg woord in `words.{l}`";
    T503 topic_without_services(s) "topic `{s}` has no services yet; its page says so" "onderwerp `{s}` heeft nog geen diensten; de pagina zegt dat";
    // Publishing guard.
    P801 placeholder_left() "the placeholder text of `onderdak new` is still here" "de voorbeeldtekst van `onderdak new` staat er nog";
    P803 placeholder_base_url(url) "the site's address `base_url` is still the placeholder {url}" "het adres van de site (`base_url`) is nog het voorbeeld {url}";
    // YAML layout.
    Y102 indent_like_siblings(line, n, parent, m) "line {line} has {n} spaces; the other fields of `{parent}` have {m}" "regel {line} heeft {n} spaties; de andere velden van `{parent}` hebben er {m}";
    Y102 indent_like_before(line, n, m) "line {line} has {n} spaces; the fields before it have {m}" "regel {line} heeft {n} spaties; de velden ervoor hebben er {m}";
    Y103 tab_indent(line) "line {line} is indented with a tab" "regel {line} springt in met een tab";
    Y104 wrong_depth(f, parent) "`{f}` is at the wrong depth: it is a field of `{parent}`" "`{f}` staat op de verkeerde diepte: het is een veld van `{parent}`";
    Y104 too_far_right(f, parent, prev) "`{f}` is too far to the right: it is a field of `{parent}`, like `{prev}`" "`{f}` staat te ver naar rechts: het is een veld van `{parent}`, net als `{prev}`";
    Y104 too_far_right_top(f, prev) "`{f}` is too far to the right: it is a field of its own, like `{prev}`" "`{f}` staat te ver naar rechts: het is een eigen veld, net als `{prev}`";
    // serde's and the YAML parser's messages (the English is theirs).
    F201 unknown_field(f, raw) "{raw}" "onbekend veld `{f}`";
    F202 unknown_value(v, raw) "{raw}" "onbekende waarde `{v}`";
    F203 missing_field(f, raw) "{raw}" "het veld `{f}` ontbreekt";
    Y112 duplicate_field(f, raw) "{raw}" "het veld `{f}` staat er twee keer";
    Y112 duplicate_key(f, raw) "{raw}" "`{f}` staat er twee keer";
    F204 wrong_kind(found, want, raw) "{raw}" "verkeerd soort waarde: hier staat {found}, maar hier hoort {want}";
    F204 wrong_value(found, want, raw) "{raw}" "verkeerde waarde: hier staat {found}, maar hier hoort {want}";
    F204 wrong_length(n, want, raw) "{raw}" "verkeerde lengte: {n}, maar hier horen {want}";
    Y105 colon_in_text(raw) "{raw}" "hier staat een dubbele punt met een spatie (`: `) in een tekst";
    Y101 expected_key(raw) "{raw}" "hier verwacht de YAML een nieuw veld (`naam: waarde`)";
    Y101 list_not_closed(raw) "{raw}" "een lijst `[...]` is niet gesloten met `]`";
    Y101 braces_not_closed(raw) "{raw}" "een blok tussen accolades is niet gesloten met `}}`";
    Y101 bad_character(raw) "{raw}" "dit teken kan hier niet staan";
    Y101 unexpected_end(raw) "{raw}" "het bestand houdt op midden in een waarde (een aanhalingsteken of haakje niet gesloten?)";
    Y101 bad_escape(raw) "{raw}" "een `\\` in een tekst tussen dubbele aanhalingstekens";
    Y101 misplaced_list_item(raw) "{raw}" "een lijstregel (`- `) staat hier op de verkeerde plek";
    Y101 yaml_ends_early(raw) "the YAML ends where a value was expected (is the file or front matter empty?)" "de YAML houdt op waar een waarde moest komen (is het bestand of de front matter leeg?)";
    Y101 yaml_expected(what, raw) "{raw}" "de YAML is hier niet te lezen: {what} verwacht";
    Y101 yaml_unreadable(raw) "{raw}" "de YAML is hier niet te lezen ({raw})";
    Y106 control_character() "an invisible control character is not allowed here" "hier staat een onzichtbaar stuurteken";
    }
}

/// The hints: how to fix it.
pub mod hint {
    use super::*;
    texts! {
    // Reading files.
    run_in_site_folder() "run onderdak in the site folder, or pass --site DIR" "start onderdak in de map van de site, of geef --site MAP mee";
    create_site_yaml() "create content/site.yaml with title, base_url, default_language and languages" "maak content/site.yaml met title, base_url, default_language en languages";
    replace_link() "replace the link with a copy of the file or folder it points to" "vervang de snelkoppeling door een kopie van het bestand of de map";
    see_readme_for_files() "see content/README.md for where each kind of file goes" "zie content/README.md voor waar elk soort bestand hoort";
    add_original(id) "add {id}.md in the same folder, or rename this file" "zet {id}.md in dezelfde map, of geef dit bestand een andere naam";
    add_page_original(slug) "add pages/{slug}.md, or rename this file" "zet pages/{slug}.md erbij, of geef dit bestand een andere naam";
    copy_themes() "copy the folder themes/ from the onderdak repository next to content/, or run onderdak in the folder that holds both" "kopieer de map themes/ uit de onderdak-repository naast content/, of start onderdak in de map waar beide staan";
    themes_here(list) "themes here: {list}; or remove `theme:` for `default`" "thema's hier: {list}; of haal `theme:` weg voor `default`";
    rename_slug() "rename it using only lower-case letters a-z, digits and dashes, e.g. `hendrik-ido-ambacht`" "geef het een naam met alleen kleine letters a-z, cijfers en streepjes, bijvoorbeeld `hendrik-ido-ambacht`";
    fill_or_delete() "fill it in (see content/README.md) or delete it" "vul het in (zie content/README.md) of haal het weg";
    delete_invisible() "delete it; it is invisible in most editors, so delete and retype the few characters around this position" "haal het weg; de meeste editors tonen het niet, dus wis de tekens rond deze plek en typ ze opnieuw";
    save_as_utf8() "save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)" "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering' → UTF-8)";
    add_front_matter_fields() "add the fields, e.g. `name:`, `kind:`, `source:`, `last_checked:`" "vul de velden in, bijvoorbeeld `name:`, `kind:`, `source:`, `last_checked:`";
    front_matter_shape() "the first line must be `---`, then the fields, then another `---` line" "de eerste regel moet `---` zijn, dan de velden, dan weer een regel `---`";
    close_front_matter() "add a line `---` after the last field, before the text" "zet een regel `---` na het laatste veld, voor de tekst";
    // The output folder.
    own_folder() "use a folder of its own" "gebruik een eigen map";
    out_at_folder() "point --out at a folder" "laat --out naar een map wijzen";
    out_not_a_file() "pass --out a folder (a new one, or one onderdak made), or move the file away" "geef --out een map (een nieuwe, of een die onderdak heeft gemaakt), of zet het bestand ergens anders";
    out_plain_path() "pass --out a plain path, e.g. `public` or `/srv/www/site`" "geef --out een gewoon pad, bijvoorbeeld `public` of `/srv/www/site`";
    own_folder_public_or_up() "use a folder of its own, e.g. `--out public` (the default) or `--out ../site-output`" "gebruik een eigen map, bijvoorbeeld `--out public` (de standaard) of `--out ../site-output`";
    own_folder_public() "use a folder of its own, e.g. `--out public` (the default)" "gebruik een eigen map, bijvoorbeeld `--out public` (de standaard)";
    own_folder_in_site() "use a folder of its own, e.g. `--out public` inside the site folder" "gebruik een eigen map, bijvoorbeeld `--out public` in de map van de site";
    out_force(out) "pass an empty or new folder to --out, or --force to replace {out} and everything in it; to keep files such as CNAME across builds, list them under `keep:` in site.yaml" "geef --out een lege of nieuwe map, of --force om {out} met alles erin te vervangen; wil je bestanden zoals CNAME bewaren, zet ze dan onder `keep:` in site.yaml";
    parent_writable() "check that the folder above the output exists and is writable" "kijk of de map boven de uitvoermap bestaat en beschrijfbaar is";
    parent_writable_lock() "check that the folder above the output is writable" "kijk of de map boven de uitvoermap beschrijfbaar is";
    folder_writable() "check that the folder is writable and the disk has room; the previous output is unchanged" "kijk of de map beschrijfbaar is en de schijf ruimte heeft; de vorige uitvoer is niet veranderd";
    keep_paths() "list paths inside the output folder, e.g. `CNAME`, `.well-known/` or `google*.html`" "noem paden binnen de uitvoermap, bijvoorbeeld `CNAME`, `.well-known/` of `google*.html`";
    waiting_for_lock(out, lock) "waiting: another onderdak build is writing into {out} (lock {lock}); this one goes on when it ends" "even wachten: een andere build van onderdak schrijft in {out} (slot {lock}); deze gaat verder als die klaar is";
    // Build, theme, output.
    out_writable() "check that the output folder is writable and the disk has room; the previous output is unchanged" "kijk of de uitvoermap beschrijfbaar is en de schijf ruimte heeft; de vorige uitvoer is niet veranderd";
    file_readable() "check that the file is readable (permissions, a broken link); the previous output is unchanged" "kijk of het bestand leesbaar is (rechten, een kapotte snelkoppeling); de vorige uitvoer is niet veranderd";
    set_theme() "set `theme:` in content/site.yaml to a folder under themes/, e.g. `default`" "zet bij `theme:` in content/site.yaml een map onder themes/, bijvoorbeeld `default`";
    fix_template_syntax() "fix the template syntax (tera 2)" "verbeter de sjabloonsyntaxis (tera 2)";
    every_page_kind_needs_template() "every page kind needs its template" "elk soort pagina heeft een eigen sjabloon nodig";
    fix_template() "fix the template, or the site's override in templates/" "verbeter het sjabloon, of de eigen versie van de site in templates/";
    // Regions and municipalities.
    did_you_mean(x) "did you mean `{x}`?" "bedoel je `{x}`?";
    add_municipality_phone() "add `contact:` with `phone:` (the general number, as the municipality's own website gives it) and cite that page in `sources` with `for: [phone]`; if no source gives one, write in `phone_not_found:` where you looked" "voeg `contact:` met `phone:` toe (het algemene nummer, zoals de website van de gemeente het geeft) en noem die pagina in `sources` met `for: [phone]`; geeft geen bron een nummer, schrijf dan in `phone_not_found:` waar je hebt gezocht";
    add_phone_when_known() "add `contact.phone` from the municipality's own website as soon as it is known, and remove `phone_not_found`" "zet `contact.phone` erin zodra het nummer bekend is (van de website van de gemeente), en haal `phone_not_found` weg";
    one_region_only() "a municipality belongs to exactly one region; remove it from one of the two" "een gemeente hoort bij precies één regio; haal haar bij een van de twee weg";
    add_to_municipalities() "add it to `municipalities`" "zet haar in de lijst `municipalities`";
    add_to_region(m) "add `{m}` to the `municipalities` list of its region's region.yaml" "zet `{m}` in de lijst `municipalities` in region.yaml van haar regio";
    create_municipality(v) "there is no content/municipalities/{v}/municipality.yaml; create it or fix the name" "er is geen content/municipalities/{v}/municipality.yaml; maak dat bestand of verbeter de naam";
    rename_region(r) "rename the region folder, e.g. `regio-{r}`" "geef de map van de regio een andere naam, bijvoorbeeld `regio-{r}`";
    rename_folder() "rename the folder" "geef de map een andere naam";
    add_way_to_reach() "add a way to reach them, with its source; until then the page tells readers to ask their municipality's front door" "voeg een manier toe om ze te bereiken, met de bron; tot dan zegt de pagina dat lezers het bij het loket van hun gemeente vragen";
    // Services.
    unique_ids() "ids are web addresses and must be unique on the whole site: rename one file" "een id is een webadres en moet op de hele site uniek zijn: geef een van de bestanden een andere naam";
    file_name_is_id() "the file name is the id: rename the file or remove the `id` line" "de bestandsnaam is het id: geef het bestand een andere naam of haal de regel `id` weg";
    add_region_yaml() "add region.yaml or move the service into an existing region folder" "maak region.yaml of zet de dienst in de map van een bestaande regio";
    add_municipality_yaml() "add municipality.yaml or move the service into an existing municipality folder" "maak municipality.yaml of zet de dienst in de map van een bestaande gemeente";
    date_you_checked() "write the date on which you checked the facts" "schrijf de datum waarop je de feiten hebt gecontroleerd";
    recheck_facts() "check the facts against the source and update `last_checked`" "controleer de feiten bij de bron en werk `last_checked` bij";
    swap_ages() "swap the two ages" "wissel de twee leeftijden om";
    remove_one_of_them() "remove one of them" "haal er een weg";
    image_in_static() "put the image in static/ and write its path, e.g. `![description](/static/plan.png)`; pages load nothing from other sites" "zet de afbeelding in static/ en schrijf haar pad, bijvoorbeeld `![beschrijving](/static/plan.png)`; pagina's laden niets van andere sites";
    allowed_links() "links may start with https://, http://, tel:, mailto: or / (a page of this site)" "een link mag beginnen met https://, http://, tel:, mailto: of / (een pagina van deze site)";
    // Languages.
    add_to_languages() "add it to `languages`" "zet hem in de lijst `languages`";
    use_one_of(list) "use one of {list}" "gebruik een van {list}";
    use_one_of_or_add(list, l) "use one of {list}, or add `{l}` to `languages`" "gebruik een van {list}, of zet `{l}` in `languages`";
    use_one_of_or_add_mean(list, l, m) "use one of {list}, or add `{l}` to `languages` (did you mean `{m}`?)" "gebruik een van {list}, of zet `{l}` in `languages` (bedoel je `{m}`?)";
    only_other_languages() "list only other languages" "noem alleen andere talen";
    copy_language_file(d, l) "copy content/i18n/{d}.yaml to {l}.yaml and translate it" "kopieer content/i18n/{d}.yaml naar {l}.yaml en vertaal het";
    add_interface_text(k, l, d) "add a line `{k}: ...` with the {l} text (see content/i18n/{d}.yaml)" "voeg een regel `{k}: ...` toe met de tekst in {l} (zie content/i18n/{d}.yaml)";
    add_interface_text_own(k, l) "add a line `{k}: ...` with the {l} text (onderdak's own content/i18n/{l}.yaml has one to start from)" "voeg een regel `{k}: ...` toe met de tekst in {l} (onderdaks eigen content/i18n/{l}.yaml heeft er een om mee te beginnen)";
    add_interface_text_start(k, l) "add a line `{k}: ...` (onderdak's own content/i18n/{l}.yaml has one to start from)" "voeg een regel `{k}: ...` toe (onderdaks eigen content/i18n/{l}.yaml heeft er een om mee te beginnen)";
    ltr_or_rtl() "write `ltr` or `rtl`" "schrijf `ltr` of `rtl`";
    add_service_translation(l, id) "add <id>.{l}.md beside a service, e.g. {id}.{l}.md; `onderdak check --translations` shows the coverage" "zet <id>.{l}.md naast een dienst, bijvoorbeeld {id}.{l}.md; `onderdak check --translations` toont wat vertaald is";
    add_page_translation(l) "add content/pages/<slug>.{l}.md" "zet content/pages/<slug>.{l}.md erbij";
    // The question flow.
    create_tree() "create content/tree.yaml with the question flow (see content/README.md)" "maak content/tree.yaml met de vragenroute (zie content/README.md)";
    slug_letters() "use lower-case letters, digits and dashes" "gebruik kleine letters, cijfers en streepjes";
    unique_flow_ids() "question and answer ids must be unique" "elke vraag en elk antwoord heeft een eigen id";
    name_first_question() "name the first question's id" "noem het id van de eerste vraag";
    add_an_option() "add at least one option" "voeg minstens één keuze toe";
    next_or_answer() "keep one: `next` goes to a question, `answer` ends the flow" "houd er één: `next` gaat naar een vraag, `answer` eindigt de route";
    add_next_or_answer() "add `next: <question id>` or `answer: <answer id>`" "voeg `next: <vraag-id>` of `answer: <antwoord-id>` toe";
    use_question_id() "use the id of a question" "gebruik het id van een vraag";
    use_answer_id() "use the id of an answer" "gebruik het id van een antwoord";
    end_in_answer() "every path must end in an answer; point one of these options to a later question or an answer" "elke route moet eindigen in een antwoord; laat een van deze keuzes naar een latere vraag of een antwoord gaan";
    link_or_remove() "link to it from an option, or remove it" "verwijs ernaar vanuit een keuze, of haal het weg";
    add_service_for_needs() "add a service with one of these needs to each municipality or its region, or add `front-door` to the answer's needs" "voeg in elke gemeente of haar regio een dienst met een van deze behoeften toe, of zet `front-door` bij de behoeften van het antwoord";
    add_tree_translation(l) "add content/tree.{l}.yaml" "zet content/tree.{l}.yaml erbij";
    remove_or_fix_id() "remove it or fix the id" "haal het weg of verbeter het id";
    add_missing_texts() "add the missing texts by id" "vul de ontbrekende teksten aan, per id";
    // Sources.
    source_id_letters() "use lower case letters, digits and -, e.g. assen-havenkade-2024" "gebruik kleine letters, cijfers en -, bijvoorbeeld assen-havenkade-2024";
    own_source_id() "give each source its own id" "geef elke bron een eigen id";
    source_date() "write the source's own date: 2024, 2024-01 or 2024-01-15; `date: unknown` only when the page shows none" "schrijf de datum van de bron zelf: 2024, 2024-01 of 2024-01-15; `date: unknown` alleen als de pagina er geen noemt";
    source_own_date() "write the date the source itself gives" "schrijf de datum die de bron zelf geeft";
    cite_by_address() "a web page is cited by its address, so a reader and the next editor can look it up" "een webpagina noem je met haar adres, zodat een lezer en de volgende redacteur haar kunnen opzoeken";
    add_sources() "add `sources:` with the id of a source from content/sources/, e.g. `sources: [{{ id: assen-startdocument-2024, section: \"§3.3\" }}]`" "voeg `sources:` toe met het id van een bron uit content/sources/, bijvoorbeeld `sources: [{{ id: assen-startdocument-2024, section: \"§3.3\" }}]`";
    fill_in_source() "say where the facts come from before publishing: add the source to content/sources/ and cite its id" "zeg waar de feiten vandaan komen voor je publiceert: zet de bron in content/sources/ en noem haar id";
    add_source_to_register() "add the source to a file in content/sources/ (id, title, publisher, date, kind, url), or fix the id" "zet de bron in een bestand in content/sources/ (id, title, publisher, date, kind, url), of verbeter het id";
    tonight_phone() "give the shelters or the front door of these municipalities a phone number from a public source; a reader without a bed needs a number to call" "geef de opvang of het loket van deze gemeenten een telefoonnummer uit een openbare bron; wie geen bed heeft, moet iemand kunnen bellen";
    add_night_number() "add a number a source says is answered at night (`contact.phone_24h: true` or `contact.night_phone`)" "voeg een nummer toe dat volgens een bron 's nachts wordt opgenomen (`contact.phone_24h: true` of `contact.night_phone`)";
    add_public_phone() "add the phone number a public source gives, with the source" "voeg het telefoonnummer uit een openbare bron toe, met die bron";
    newer_source() "compare them with a newer public page, register it in content/sources/ and cite it with `for: [phone, address, hours]`" "vergelijk ze met een nieuwere openbare pagina, zet die in content/sources/ en noem haar met `for: [phone, address, hours]`";
    // Translations.
    same_facts() "write every number, time, phone number, URL and e-mail address as the original does (digits 0-9, the same notation): facts may not differ between languages" "schrijf elk getal, elke tijd, elk telefoonnummer, webadres en e-mailadres zoals het origineel (cijfers 0-9, dezelfde schrijfwijze): feiten mogen per taal niet verschillen";
    add_translated_text() "add the translated text under the same key" "zet de vertaalde tekst onder dezelfde naam";
    update_translation(f) "bring the translation up to date, then run `onderdak translations mark {f}`; until then its pages say that the original is newer" "werk de vertaling bij en draai dan `onderdak translations mark {f}`; tot dan zeggen de pagina's dat het origineel nieuwer is";
    mark_translations(l) "after checking a translation against its original, run `onderdak translations mark --lang {l}`" "controleer een vertaling tegen het origineel en draai dan `onderdak translations mark --lang {l}`";
    // Search topics.
    topic_slug() "use only lower-case letters a-z, digits and dashes, e.g. `nachtopvang`" "gebruik alleen kleine letters a-z, cijfers en streepjes, bijvoorbeeld `nachtopvang`";
    topic_own_slug() "give each topic its own slug, or merge the two entries" "geef elk onderwerp een eigen slug, of voeg de twee samen";
    topic_needs_or_kinds() "add `needs: [...]` or `kinds: [...]` (the values services use, see content/README.md)" "voeg `needs: [...]` of `kinds: [...]` toe (de waarden die diensten gebruiken, zie content/README.md)";
    topic_add_name(l) "add `{l}: ...` under `name:`" "zet `{l}: ...` onder `name:`";
    topic_language_codes() "use the language codes of `languages:` in content/site.yaml" "gebruik de taalcodes van `languages:` in content/site.yaml";
    remove_empty_entry() "remove the empty entry" "haal de lege regel weg";
    // Publishing guard.
    write_page_text() "write the text of this page, or delete the file if the service does not exist" "schrijf de tekst van deze pagina, of haal het bestand weg als de dienst niet bestaat";
    set_base_url() "set `base_url` in content/site.yaml to the site's real address (or pass --base-url); every QR code and shared link uses it" "zet in content/site.yaml bij `base_url` het echte adres van de site (of geef --base-url mee); elke QR-code en gedeelde link gebruikt het";
    // YAML layout.
    indent_field(f, m, parent) "indent `{f}` with {m} spaces, like the other fields of `{parent}`" "spring `{f}` in met {m} spaties, net als de andere velden van `{parent}`";
    indent_line(m) "indent this line with {m} spaces, like the lines before it" "spring deze regel in met {m} spaties, net als de regels ervoor";
    replace_tab() "replace the tab with spaces (YAML allows only spaces for indenting); in most editors: 'Convert indentation to spaces'" "vervang de tab door spaties (YAML kent alleen spaties om in te springen); in de meeste editors: 'Inspringing omzetten naar spaties'";
    indent_under(f, m, parent) "indent `{f}` with {m} spaces, under `{parent}:`" "spring `{f}` in met {m} spaties, onder `{parent}:`";
    unindent_top(f, prev) "start `{f}` at the beginning of the line, like `{prev}`" "zet `{f}` helemaal vooraan op de regel, net als `{prev}`";
    // serde's and the YAML parser's messages.
    add_field_line(f) "add a line `{f}: ...` (see content/README.md)" "voeg een regel `{f}: ...` toe (zie content/README.md)";
    remove_one_line() "remove one of the two lines" "haal een van de twee regels weg";
    value_shape() "check the value's shape: text, a number, a list `[a, b]` or a block of `key: value` lines" "kijk naar de vorm van de waarde: tekst, een getal, een lijst `[a, b]` of een blok regels `naam: waarde`";
    quote_colon() "a text value containing ': ' must be put in quotes" "zet een tekst met `: ` erin tussen aanhalingstekens, bijvoorbeeld `naam: \"Open: ma-vr\"`";
    indent_and_quotes() "check indentation and quotes on this line and the one before" "kijk op deze regel en de regel ervoor naar het inspringen en de aanhalingstekens";
    backslash() "write `\\\\` for a backslash inside double quotes, or use single quotes" "schrijf `\\\\` voor een backslash tussen dubbele aanhalingstekens, of gebruik enkele aanhalingstekens";
    facts_stay_in_original(f) "a translation holds only words: `{f}` stays in the original file, and every language shows it from there; remove it here" "een vertaling bevat alleen woorden: `{f}` blijft in het originele bestand en elke taal toont het vandaar; haal het hier weg";
    remove_field() "remove this field" "haal dit veld weg";
    remove_value() "remove this value" "haal deze waarde weg";
    allowed(list) "allowed: {list}" "toegestaan: {list}";
    retype_invisible() "delete it; retype the characters around this position if you cannot see it" "haal het weg; typ de tekens rond deze plek opnieuw als je het niet ziet";
    }
}

/// Words inside messages: a scope ("gemeente Assen"), serde's names for kinds of value,
/// what changed in an original.
pub mod label {
    use super::*;
    texts! {
    national() "national" "landelijk";
    region(r) "region {r}" "regio {r}";
    municipality(m) "municipality {m}" "gemeente {m}";
    national_lines() "national lines" "landelijke lijnen";
    answer_in(a, list) "`{a}` in {list}" "`{a}` in {list}";
    paragraph() "paragraph" "alinea";
    option() "option" "keuze";
    field(k) "{k}" "{k}";
    numbered(what, n) "{what} {n}" "{what} {n}";
    several(n, what) "{n} {what}(s)" "{n} × {what}";
    changed_now(what, t) "{what} changed, now {t}" "{what} veranderd, nu {t}";
    is_new(what, t) "{what} is new: {t}" "{what} is nieuw: {t}";
    removed(what) "{what} removed from the original" "{what} weggehaald uit het origineel";
    original_has(list) "the original has {list} and this text does not" "het origineel heeft {list} en deze tekst niet";
    translation_has(list) "this text has {list} and the original does not" "deze tekst heeft {list} en het origineel niet";
    found_text(v) "string {v}" "tekst {v}";
    found_number(v) "number {v}" "een getal {v}";
    found_boolean(v) "boolean {v}" "ja/nee-waarde {v}";
    found_list() "a list" "een lijst";
    found_map() "a block of fields" "een blok velden";
    found_nothing() "nothing" "niets";
    want_map() "a block of fields (`name: value` lines)" "een blok velden (regels `naam: waarde`)";
    want_choice() "one of the allowed values" "een van de toegestane waarden";
    want_list() "a list" "een lijst";
    want_text() "text" "een tekst";
    want_boolean() "true or false" "true of false";
    want_whole_number() "a whole number" "een heel getal";
    want_number() "a number" "een getal";
    want_elements(n) "{n} values" "{n} waarden";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of a template's holes, `{x}` and `{x:...}`; `{{` is a brace.
    fn holes(t: &str) -> Vec<String> {
        let t = t.replace("{{", "").replace("}}", "");
        let mut v: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|s| {
                s.split_once('}')
                    .map(|(h, _)| h.split(':').next().unwrap_or(h).to_string())
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_row_has_a_distinct_name_and_both_texts() {
        let mut names: Vec<&str> = msg::ROWS.iter().map(|r| r.1).collect();
        names.extend(hint::ROWS.iter().map(|r| r.0));
        names.extend(label::ROWS.iter().map(|r| r.0));
        for (code, name, en, nl) in msg::ROWS {
            assert!(!en.is_empty() && !nl.is_empty(), "{code} {name}");
        }
        let n = names.len();
        let mut msgs: Vec<&str> = msg::ROWS.iter().map(|r| r.1).collect();
        msgs.sort();
        msgs.dedup();
        assert_eq!(msgs.len(), msg::ROWS.len(), "two message rows share a name");
        assert!(n > 0);
    }

    #[test]
    fn dutch_is_not_the_english() {
        // A row whose Dutch is its English was not translated (names and codes aside).
        for (code, name, en, nl) in msg::ROWS {
            if holes(en) != vec!["raw".to_string()]
                && en.chars().filter(|c| c.is_alphabetic()).count() > 12
            {
                assert_ne!(en, nl, "{code} {name}: the Dutch is the English");
            }
        }
        for (name, en, nl) in hint::ROWS {
            assert_ne!(en, nl, "hint {name}: the Dutch is the English");
        }
    }

    #[test]
    fn a_message_has_its_code_and_both_texts() {
        let m = msg::municipality_without_phone("assen");
        assert_eq!(m.code(), Code::R401);
        assert_eq!(m.en(), "municipality `assen` has no phone number");
        assert_eq!(
            m.get(Lang::Nl),
            "gemeente `assen` heeft geen telefoonnummer"
        );
        // A label inside a message follows the language too.
        let m = msg::services_unreachable(label::municipality("Assen"), 2, "a, b");
        assert_eq!(
            m.get(Lang::Nl),
            "gemeente Assen: 2 dienst(en) zonder telefoon, e-mail, website of adres: a, b"
        );
        assert_eq!(
            m.get(Lang::En),
            "municipality Assen: 2 service(s) with no phone, e-mail, website or address: a, b"
        );
    }

    #[test]
    fn every_code_is_documented_and_used() {
        let doc = include_str!("../../docs/errors.md");
        for code in Code::ALL {
            let head = format!("\n## {code} ");
            let at = doc
                .find(&head)
                .unwrap_or_else(|| panic!("docs/errors.md lacks `## {code} `"));
            let section = &doc[at + head.len()..];
            let section = &section[..section.find("\n## ").unwrap_or(section.len())];
            assert!(
                section.contains("```"),
                "docs/errors.md: {code} has no example"
            );
            assert!(
                section.contains("Oplossing"),
                "docs/errors.md: {code} has no fix"
            );
            assert!(
                msg::ROWS.iter().any(|r| r.0 == *code),
                "{code} has no message"
            );
        }
    }
}
