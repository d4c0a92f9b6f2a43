//! The table of onderdak's messages to editors: each English text (a template with named
//! holes, `{x}`) with its stable code and its Dutch text. A diagnostic keeps its English
//! text inside the program; [`translate`] finds its row where it is shown, so the code and
//! the Dutch come from one place. docs/errors.md explains every code with an example and
//! the fix; a test keeps the two in step.
//!
//! A message that matches no row keeps its English text and gets the code `X000`; the
//! bad-input corpus checks that none of its cases does.

use crate::diagnostics::i18n::{capture, fill, Lang};
use crate::diagnostics::Diagnostic;

/// One message: its code, the English template and the Dutch one. Holes of the same name
/// carry the same text; a Dutch template may leave a hole out (`{_}`: serde's English
/// detail, already said by the hint).
pub struct Row {
    pub code: &'static str,
    pub en: &'static str,
    pub nl: &'static str,
}

const fn r(code: &'static str, en: &'static str, nl: &'static str) -> Row {
    Row { code, en, nl }
}

/// The code of a message that is in no row.
pub const UNKNOWN: &str = "X000";

/// Every code with its one-line title (Dutch, English), in the order of docs/errors.md.
pub const CODES: &[(&str, &str, &str)] = &[
    ("Y101", "YAML niet te lezen", "YAML cannot be read"),
    ("Y102", "verkeerd ingesprongen", "wrong indentation"),
    ("Y103", "tab in plaats van spaties", "tab instead of spaces"),
    (
        "Y104",
        "veld op de verkeerde diepte",
        "field at the wrong depth",
    ),
    (
        "Y105",
        "dubbele punt in een tekst zonder aanhalingstekens",
        "colon in unquoted text",
    ),
    ("Y106", "onzichtbaar teken", "invisible character"),
    ("Y107", "geen UTF-8", "not UTF-8"),
    ("Y108", "leeg bestand", "empty file"),
    (
        "Y109",
        "front matter ontbreekt of is niet gesloten",
        "front matter missing or not closed",
    ),
    (
        "Y110",
        "bestand niet te lezen of geen gewoon bestand",
        "file cannot be read or is not a plain file",
    ),
    ("Y111", "bestand wordt niet gebruikt", "file not used"),
    ("Y112", "veld staat er twee keer", "field given twice"),
    ("F201", "onbekend veld", "unknown field"),
    ("F202", "onbekende waarde", "unknown value"),
    ("F203", "veld ontbreekt", "missing field"),
    ("F204", "verkeerd soort waarde", "wrong kind of value"),
    ("F205", "geen geldige datum", "not a valid date"),
    ("F206", "geen geldige tijd", "not a valid time"),
    (
        "F207",
        "geen geldig telefoonnummer",
        "not a valid phone number",
    ),
    (
        "F208",
        "geen geldig adres, link of afbeelding",
        "not a valid address, link or image",
    ),
    (
        "F209",
        "naam niet bruikbaar in een webadres",
        "name not usable in a web address",
    ),
    ("F210", "datum in de toekomst", "date in the future"),
    (
        "F211",
        "lang niet gecontroleerd",
        "not checked for a long time",
    ),
    (
        "F212",
        "velden spreken elkaar tegen",
        "fields contradict each other",
    ),
    (
        "F213",
        "id dubbel of klopt niet met de bestandsnaam",
        "id twice or not the file name",
    ),
    ("S301", "geen bron", "no source"),
    ("S302", "onbekende bron", "unknown source"),
    ("S303", "bron onvolledig", "source incomplete"),
    ("S304", "bron-id niet bruikbaar", "source id not usable"),
    (
        "S305",
        "contactgegevens op een oude bron",
        "contact details on an old source",
    ),
    (
        "R401",
        "gemeente zonder telefoonnummer",
        "municipality without phone number",
    ),
    (
        "R402",
        "gemeente en regio passen niet bij elkaar",
        "municipality and region do not fit",
    ),
    ("R403", "naam botst", "name clash"),
    ("R404", "hulp niet te bereiken", "help cannot be reached"),
    ("T501", "vragenroute ontbreekt", "question flow missing"),
    ("T502", "vragenroute klopt niet", "question flow broken"),
    ("T503", "antwoord zonder hulp", "answer without help"),
    (
        "L601",
        "talen in site.yaml kloppen niet",
        "languages in site.yaml wrong",
    ),
    ("L602", "interfacetekst ontbreekt", "interface text missing"),
    (
        "L603",
        "vertaling zonder origineel",
        "translation without original",
    ),
    (
        "L604",
        "vertaling met andere feiten",
        "translation with other facts",
    ),
    ("L605", "vertaling ontbreekt", "translation missing"),
    (
        "L606",
        "vertaling verouderd of niet gemarkeerd",
        "translation outdated or not marked",
    ),
    (
        "B701",
        "thema of sjablonen ontbreken",
        "theme or templates missing",
    ),
    ("B702", "fout in een sjabloon", "template error"),
    ("B703", "kan niet schrijven", "cannot write"),
    (
        "B704",
        "site.yaml of content ontbreekt",
        "site.yaml or content missing",
    ),
    (
        "P801",
        "voorbeeldtekst nog niet ingevuld",
        "placeholder text left in",
    ),
    ("P802", "bron nog TODO", "source still TODO"),
    (
        "P803",
        "voorbeeld-webadres van de site",
        "placeholder base URL",
    ),
    (UNKNOWN, "bericht zonder code", "message without a code"),
];

/// The messages. The first row that matches wins, so a longer template goes before a
/// shorter one it contains.
pub static MESSAGES: &[Row] = &[
    // Reading files and YAML.
    r("Y102", "line {line} has {n} spaces; the other fields of `{parent}` have {m}", "regel {line} heeft {n} spaties; de andere velden van `{parent}` hebben er {m}"),
    r("Y102", "line {line} has {n} spaces; the fields before it have {m}", "regel {line} heeft {n} spaties; de velden ervoor hebben er {m}"),
    r("Y103", "line {line} is indented with a tab", "regel {line} springt in met een tab"),
    r("Y104", "`{f}` is at the wrong depth: it is a field of `{parent}`", "`{f}` staat op de verkeerde diepte: het is een veld van `{parent}`"),
    r("Y105", "mapping values are not allowed in this context", "hier staat een dubbele punt met een spatie (`: `) in een tekst"),
    r("Y101", "did not find expected key{_}", "hier verwacht de YAML een nieuw veld (`naam: waarde`)"),
    r("Y101", "did not find expected key", "hier verwacht de YAML een nieuw veld (`naam: waarde`)"),
    r("Y101", "did not find expected ',' or ']'{_}", "een lijst `[...]` is niet gesloten met `]`"),
    r("Y101", "did not find expected ',' or '}'{_}", "een blok tussen accolades is niet gesloten met `}`"),
    r("Y101", "found character that cannot start any token{_}", "dit teken kan hier niet staan"),
    r("Y101", "found unexpected end of stream{_}", "het bestand houdt op midden in een waarde (een aanhalingsteken of haakje niet gesloten?)"),
    r("Y101", "found unknown escape character{_}", "een `\\` in een tekst tussen dubbele aanhalingstekens"),
    r("Y101", "block sequence entries are not allowed in this context{_}", "een lijstregel (`- `) staat hier op de verkeerde plek"),
    r("Y101", "did not find expected {what}", "de YAML is hier niet te lezen: {what} verwacht"),
    r("Y101", "the YAML ends where a value was expected (is the file or front matter empty?)", "de YAML houdt op waar een waarde moest komen (is het bestand of de front matter leeg?)"),
    r("Y106", "an invisible control character is not allowed here", "hier staat een onzichtbaar stuurteken"),
    r("Y106", "the file holds a NUL character (a zero byte)", "het bestand bevat een NUL-teken (een nulbyte)"),
    r("Y107", "the file is not UTF-8 text", "het bestand is geen UTF-8-tekst"),
    r("Y108", "the file is empty", "het bestand is leeg"),
    r("Y108", "the front matter between the `---` lines is empty", "de front matter tussen de `---`-regels is leeg"),
    r("Y109", "the file does not start with front matter", "het bestand begint niet met front matter"),
    r("Y109", "the front matter is never closed", "de front matter wordt niet afgesloten"),
    r("Y110", "this is a symbolic link; onderdak reads only real files and folders in content/", "dit is een snelkoppeling (symbolic link); onderdak leest in content/ alleen echte bestanden en mappen"),
    r("Y110", "cannot read the file: {e}", "het bestand is niet te lezen: {e}"),
    r("Y110", "cannot read: {e}", "niet te lezen: {e}"),
    r("Y111", "this file is not used", "dit bestand wordt niet gebruikt"),
    r("Y112", "duplicate field `{f}`", "het veld `{f}` staat er twee keer"),
    r("Y112", "duplicate entry with key \"{f}\"", "`{f}` staat er twee keer"),
    // Fields and values (serde's messages, then onderdak's own value checks).
    r("F201", "unknown field `{f}`, expected one of {_}", "onbekend veld `{f}`"),
    r("F201", "unknown field `{f}`, expected `{_}`", "onbekend veld `{f}`"),
    r("F201", "unknown field `{f}`, there are no fields", "onbekend veld `{f}`"),
    r("F202", "unknown variant `{v}`, expected one of {_}", "onbekende waarde `{v}`"),
    r("F202", "unknown variant `{v}`, expected `{_}`", "onbekende waarde `{v}`"),
    r("S302", "there is no source `{id}`", "er is geen bron `{id}`"),
    r("F202", "there is no {what} `{v}`", "er is geen {what} `{v}`"),
    r("F203", "missing field `{f}`", "het veld `{f}` ontbreekt"),
    r("F204", "invalid type: {found}, expected {want}", "verkeerd soort waarde: {found}, verwacht {want}"),
    r("F204", "expected a text value", "hier hoort een tekst"),
    r("F205", "`{s}` is not a source date; write 2024, 2024-01 or 2024-01-15 (or `unknown` when the source shows none)", "`{s}` is geen brondatum; schrijf 2024, 2024-01 of 2024-01-15 (of `unknown` als de bron geen datum noemt)"),
    r("F205", "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01", "`{s}` is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01"),
    r("F205", "`{s}`: month {m} of {y} has no day {d}", "`{s}`: maand {m} van {y} heeft geen dag {d}"),
    r("F205", "`{s}`: there is no month {m}", "`{s}`: maand {m} bestaat niet"),
    r("F206", "`{s}` is not a time span; write it as HH:MM-HH:MM, e.g. 09:00-17:00 or 21:00-09:00", "`{s}` is geen tijdvak; schrijf UU:MM-UU:MM, bijvoorbeeld 09:00-17:00 of 21:00-09:00"),
    r("F206", "`{s}`: a span cannot start at 24:00; use 00:00", "`{s}`: een tijdvak kan niet om 24:00 beginnen; schrijf 00:00"),
    r("F206", "`{s}`: the span starts and ends at the same time; for round the clock use `always_open: true`", "`{s}`: het tijdvak begint en eindigt op dezelfde tijd; voor dag en nacht open schrijf je `always_open: true`"),
    r("F207", "`{s}` is not a phone number; write a Dutch number as people dial it, e.g. 0800-2000, 050-1234567 or 112", "`{s}` is geen telefoonnummer; schrijf een Nederlands nummer zoals je het belt, bijvoorbeeld 0800-2000, 050-1234567 of 112"),
    r("F207", "`{s}` does not look like a Dutch phone number ({n} digits); write a Dutch number as people dial it, e.g. 0800-2000, 050-1234567 or 112", "`{s}` lijkt geen Nederlands telefoonnummer ({n} cijfers); schrijf het zoals je het belt, bijvoorbeeld 0800-2000, 050-1234567 of 112"),
    r("F208", "`{s}` is not a web address; it must start with https:// (or http://)", "`{s}` is geen webadres; het moet beginnen met https:// (of http://)"),
    r("F208", "`{s}` is not a valid web address; write it like https://www.example.nl/page", "`{s}` is geen geldig webadres; schrijf het als https://www.voorbeeld.nl/pagina"),
    r("F208", "`{s}` is not an e-mail address; write it like info@example.nl", "`{s}` is geen e-mailadres; schrijf het als info@voorbeeld.nl"),
    r("F208", "`{s}` is not a Dutch postcode; write it like 9401 AA", "`{s}` is geen Nederlandse postcode; schrijf hem als 9401 AA"),
    r("F208", "`{s}` is not a language code; use two lower-case letters such as nl, en, ar", "`{s}` is geen taalcode; gebruik twee kleine letters, zoals nl, en, ar"),
    r("F208", "the image `{s}` is not allowed: images must be files of this site", "de afbeelding `{s}` mag niet: afbeeldingen moeten bestanden van deze site zijn"),
    r("F208", "the link `{s}` is not allowed", "de link `{s}` mag niet"),
    r("F209", "the id `{id}` cannot be used in a web address", "het id `{id}` kan niet in een webadres"),
    r("F209", "option id `{id}` cannot be used in a web address", "het keuze-id `{id}` kan niet in een webadres"),
    r("F209", "`{s}` cannot be used in a web address", "`{s}` kan niet in een webadres"),
    r("F210", "source `{id}` is dated {date}, in the future", "bron `{id}` heeft de datum {date}, in de toekomst"),
    r("F210", "{date} is in the future", "{date} ligt in de toekomst"),
    r("F211", "last checked {age} days ago ({date}); the limit is {limit} days", "{age} dagen geleden gecontroleerd ({date}); de grens is {limit} dagen"),
    r("F212", "`always_open: true` and weekly hours contradict each other", "`always_open: true` en openingstijden per dag spreken elkaar tegen"),
    r("F212", "the exception on {d} needs either `closed: true` or `hours`, not both or neither", "de uitzondering op {d} heeft `closed: true` of `hours` nodig, één van de twee"),
    r("F212", "min_age {lo} is above max_age {hi}", "min_age {lo} is hoger dan max_age {hi}"),
    r("F212", "`direction` is `{d}`", "`direction` is `{d}`"),
    r("F213", "the id `{id}` is used twice; also by {other}", "het id `{id}` wordt twee keer gebruikt; ook door {other}"),
    r("F213", "the id `{id}` is used twice", "het id `{id}` wordt twee keer gebruikt"),
    r("F213", "`id` is `{id}` but the file is named `{f}.md`", "`id` is `{id}` maar het bestand heet `{f}.md`"),
    r("F213", "`name` is empty", "`name` is leeg"),
    // Sources.
    r("S301", "this file cites no source", "dit bestand noemt geen bron"),
    r("S303", "source `{id}` has no date", "bron `{id}` heeft geen datum"),
    r("S303", "source `{id}` has no `url`", "bron `{id}` heeft geen `url`"),
    r("S303", "source `{id}` has an empty `{f}`", "bron `{id}` heeft een leeg veld `{f}`"),
    r("S304", "`{id}` is not a usable source id", "`{id}` is geen bruikbaar bron-id"),
    r("S304", "the source id `{id}` is used twice; also in {other}", "het bron-id `{id}` wordt twee keer gebruikt; ook in {other}"),
    r("S305", "{label}: contact details of {n} service(s) rest on a source older than {limit} days or undated: {ids}", "{label}: contactgegevens van {n} dienst(en) rusten op een bron ouder dan {limit} dagen of zonder datum: {ids}"),
    // Regions and municipalities.
    r("R401", "municipality `{m}` has no phone number", "gemeente `{m}` heeft geen telefoonnummer"),
    r("R401", "region {r}: {n} municipality(ies) without a general phone number (searched, not found): {list}", "regio {r}: {n} gemeente(n) zonder algemeen telefoonnummer (gezocht, niet gevonden): {list}"),
    r("R402", "municipality `{m}` is also a member of region `{other}`", "gemeente `{m}` hoort ook bij regio `{other}`"),
    r("R402", "the centrumgemeente `{m}` is not in this region's municipalities", "de centrumgemeente `{m}` staat niet bij de gemeenten van deze regio"),
    r("R402", "municipality `{m}` is in no region", "gemeente `{m}` hoort bij geen enkele regio"),
    r("R402", "the folder regions/{r}/ has no region.yaml", "de map regions/{r}/ heeft geen region.yaml"),
    r("R402", "the folder municipalities/{m}/ has no municipality.yaml", "de map municipalities/{m}/ heeft geen municipality.yaml"),
    r("R403", "region `{r}` has the same name as a municipality; both would live at /nl/{x}/", "regio `{r}` heeft dezelfde naam als een gemeente; beide zouden op /nl/{x}/ staan"),
    r("R403", "`{s}` is a name the site uses itself", "`{s}` is een naam die de site zelf gebruikt"),
    r("R404", "region {r}: no number to call at night for {list}", "regio {r}: geen nummer om 's nachts te bellen voor {list}"),
    r("R404", "region {r}: {n} shelter(s) without a phone number: {list}", "regio {r}: {n} opvang(en) zonder telefoonnummer: {list}"),
    r("R404", "{label}: {n} service(s) with no phone, e-mail, website or address: {ids}", "{label}: {n} dienst(en) zonder telefoon, e-mail, website of adres: {ids}"),
    // The question flow.
    r("T501", "tree.yaml is missing", "tree.yaml ontbreekt"),
    r("T502", "`start` names `{s}`, which is not a question", "`start` noemt `{s}`, maar dat is geen vraag"),
    r("T502", "question `{q}` has no options", "vraag `{q}` heeft geen keuzes"),
    r("T502", "question `{q}` has two options with id `{o}`", "vraag `{q}` heeft twee keuzes met id `{o}`"),
    r("T502", "option `{o}` of `{q}` has both `next` and `answer`", "keuze `{o}` van `{q}` heeft zowel `next` als `answer`"),
    r("T502", "option `{o}` of `{q}` leads nowhere", "keuze `{o}` van `{q}` leidt nergens heen"),
    r("T502", "option `{o}` of `{q}` goes to question `{n}`, which does not exist", "keuze `{o}` van `{q}` gaat naar vraag `{n}`, en die bestaat niet"),
    r("T502", "option `{o}` of `{q}` goes to answer `{a}`, which does not exist", "keuze `{o}` van `{q}` gaat naar antwoord `{a}`, en dat bestaat niet"),
    r("T502", "the flow loops: {path}", "de vragenroute draait rond: {path}"),
    r("T502", "`{id}` cannot be reached from the start question", "`{id}` is niet te bereiken vanaf de eerste vraag"),
    r("T502", "`{id}` is not a question in tree.yaml", "`{id}` is geen vraag in tree.yaml"),
    r("T502", "`{id}` is not an answer in tree.yaml", "`{id}` is geen antwoord in tree.yaml"),
    r("T503", "answer `{a}` (sleep tonight) shows no service with a phone number in: {list}", "antwoord `{a}` (vannacht slapen) toont geen hulp met een telefoonnummer in: {list}"),
    r("T503", "answer `{a}` finds no service for need(s) {needs} in: {list}", "antwoord `{a}` vindt geen hulp voor {needs} in: {list}"),
    // Languages and translations.
    r("L601", "the default language `{l}` is not in `languages`", "de standaardtaal `{l}` staat niet in `languages`"),
    r("L601", "language `{l}` is listed twice", "taal `{l}` staat er twee keer"),
    r("L601", "`fallback` has a chain for `{l}`, which is not in `languages`", "`fallback` heeft een reeks voor `{l}`, maar die staat niet in `languages`"),
    r("L601", "the fallback of `{l}` names `{x}`, which is not in `languages`", "de terugval van `{l}` noemt `{x}`, maar die staat niet in `languages`"),
    r("L601", "`{l}` falls back to itself", "`{l}` valt terug op zichzelf"),
    r("L601", "`title` has no text for the default language `{l}`", "`title` heeft geen tekst in de standaardtaal `{l}`"),
    r("L602", "language `{l}` is enabled but content/i18n/{x}.yaml does not exist", "taal `{l}` staat aan, maar content/i18n/{x}.yaml bestaat niet"),
    r("L602", "the interface text `{k}` is missing; {t} uses it on line {n}", "de interfacetekst `{k}` ontbreekt; {t} gebruikt hem op regel {n}"),
    r("L602", "the interface text `{k}` is missing", "de interfacetekst `{k}` ontbreekt"),
    r("L603", "translation of `{id}`, but there is no `{f}.md` beside it", "vertaling van `{id}`, maar er staat geen `{f}.md` naast"),
    r("L604", "does not carry the same facts as the original: {what}", "bevat niet dezelfde feiten als het origineel: {what}"),
    r("L605", "{n} of {m} services have no `{l}` translation; they are shown in Dutch", "{n} van {m} diensten hebben geen vertaling in `{l}`; ze worden in het Nederlands getoond"),
    r("L605", "{n} of {m} explainer pages have no `{l}` translation: {list}", "{n} van {m} uitlegpagina's hebben geen vertaling in `{l}`: {list}"),
    r("L605", "the question flow has no `{l}` translation; it is shown in Dutch", "de vragenroute heeft geen vertaling in `{l}`; hij wordt in het Nederlands getoond"),
    r("L605", "{n} text(s) not translated, shown in Dutch: {list}", "{n} tekst(en) niet vertaald, in het Nederlands getoond: {list}"),
    r("L605", "this translation has no {what}; the page shows the original's there", "deze vertaling heeft geen {what}; de pagina toont daar die van het origineel"),
    r("L606", "the original changed after this translation was made{of}: {what}", "het origineel is veranderd nadat deze vertaling is gemaakt{of}: {what}"),
    r("L606", "{n} `{l}` translation file(s) do not record what they translate, so nobody can tell when they go out of date", "{n} vertaalbestand(en) in `{l}` leggen niet vast wat ze vertalen, dus niemand ziet wanneer ze verouderen"),
    // Build, theme, output.
    r("B701", "the theme `{t}` does not exist: there is no {dir}", "het thema `{t}` bestaat niet: er is geen map {dir}"),
    r("B701", "the templates of the theme `{t}` are missing: looked for the folder {dir}", "de sjablonen van het thema `{t}` ontbreken: gezocht naar de map {dir}"),
    r("B701", "the theme `{t}` has no templates folder", "het thema `{t}` heeft geen map templates"),
    r("B701", "this template is missing", "dit sjabloon ontbreekt"),
    r("B702", "template error: {e}", "fout in het sjabloon: {e}"),
    r("B702", "cannot read template: {e}", "het sjabloon is niet te lezen: {e}"),
    r("B702", "rendering sw.js failed: {e}", "sw.js maken is mislukt: {e}"),
    r("B702", "rendering {p} failed: {e}", "{p} maken is mislukt: {e}"),
    r("B702", "… and {n} more pages failed with this template", "… en nog {n} pagina's mislukt met dit sjabloon"),
    r("B702", "rendered page is not UTF-8: {e}", "de gemaakte pagina is geen UTF-8: {e}"),
    r("B703", "cannot write the file: {e}", "kan het bestand niet schrijven: {e}"),
    r("B703", "cannot write the site: {e}", "kan de site niet schrijven: {e}"),
    r("B703", "cannot copy this file into the site: {e}", "kan dit bestand niet in de site zetten: {e}"),
    r("B703", "keep: `{k}` {why}", "keep: `{k}` {why}"),
    r("B704", "site.yaml is missing", "site.yaml ontbreekt"),
    r("B704", "there is no content folder here", "hier is geen map content"),
    // Publishing guard.
    r("P801", "the placeholder text of `onderdak new` is still here", "de voorbeeldtekst van `onderdak new` staat er nog"),
    r("P802", "`sources` still says TODO", "`sources` zegt nog TODO"),
    r("P803", "the site's address `base_url` is still the placeholder {url}", "het adres van de site (`base_url`) is nog het voorbeeld {url}"),
];

/// Hints, English → Dutch, the same way.
pub static HINTS: &[(&str, &str)] = &[
    ("did you mean `{x}`?", "bedoel je `{x}`?"),
    ("allowed: {list}", "toegestaan: {list}"),
    ("remove this field", "haal dit veld weg"),
    ("remove this value", "haal deze waarde weg"),
    ("use one of {list}", "gebruik een van {list}"),
    ("add a line `{f}: ...` (see content/README.md)", "voeg een regel `{f}: ...` toe (zie content/README.md)"),
    ("check the value's shape: text, a number, a list `[a, b]` or a block of `key: value` lines", "kijk naar de vorm van de waarde: tekst, een getal, een lijst `[a, b]` of een blok regels `naam: waarde`"),
    ("a text value containing ': ' must be put in quotes", "zet een tekst met `: ` erin tussen aanhalingstekens, bijvoorbeeld `naam: \"Open: ma-vr\"`"),
    ("check indentation and quotes on this line and the one before", "kijk op deze regel en de regel ervoor naar het inspringen en de aanhalingstekens"),
    ("remove one of the two lines", "haal een van de twee regels weg"),
    ("a translation holds only words: `{f}` stays in the original file, and every language shows it from there; remove it here", "een vertaling bevat alleen woorden: `{f}` blijft in het originele bestand en elke taal toont het vandaar; haal het hier weg"),
    ("delete it; retype the characters around this position if you cannot see it", "haal het weg; typ de tekens rond deze plek opnieuw als je het niet ziet"),
    ("delete it; it is invisible in most editors, so delete and retype the few characters around this position", "haal het weg; de meeste editors tonen het niet, dus wis de tekens rond deze plek en typ ze opnieuw"),
    ("save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)", "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering' → UTF-8)"),
    ("fill it in (see content/README.md) or delete it", "vul het in (zie content/README.md) of haal het weg"),
    ("the first line must be `---`, then the fields, then another `---` line", "de eerste regel moet `---` zijn, dan de velden, dan weer een regel `---`"),
    ("add a line `---` after the last field, before the text", "zet een regel `---` na het laatste veld, voor de tekst"),
    ("add the fields, e.g. `name:`, `kind:`, `source:`, `last_checked:`", "vul de velden in, bijvoorbeeld `name:`, `kind:`, `source:`, `last_checked:`"),
    ("replace the link with a copy of the file or folder it points to", "vervang de snelkoppeling door een kopie van het bestand of de map"),
    ("see content/README.md for where each kind of file goes", "zie content/README.md voor waar elk soort bestand hoort"),
    ("run onderdak in the site folder, or pass --site DIR", "start onderdak in de map van de site, of geef --site MAP mee"),
    ("create content/site.yaml with title, base_url, default_language and languages", "maak content/site.yaml met title, base_url, default_language en languages"),
    ("rename it using only lower-case letters a-z, digits and dashes, e.g. `hendrik-ido-ambacht`", "geef het een naam met alleen kleine letters a-z, cijfers en streepjes, bijvoorbeeld `hendrik-ido-ambacht`"),
    ("use lower-case letters, digits and dashes", "gebruik kleine letters, cijfers en streepjes"),
    ("use lower case letters, digits and -, e.g. assen-havenkade-2024", "gebruik kleine letters, cijfers en -, bijvoorbeeld assen-havenkade-2024"),
    ("write the source's own date: 2024, 2024-01 or 2024-01-15; `date: unknown` only when the page shows none", "schrijf de datum van de bron zelf: 2024, 2024-01 of 2024-01-15; `date: unknown` alleen als de pagina er geen noemt"),
    ("write the date the source itself gives", "schrijf de datum die de bron zelf geeft"),
    ("a web page is cited by its address, so a reader and the next editor can look it up", "een webpagina noem je met haar adres, zodat een lezer en de volgende redacteur haar kunnen opzoeken"),
    ("say where the facts come from before publishing: add the source to content/sources/ and cite its id", "zeg waar de feiten vandaan komen voor je publiceert: zet de bron in content/sources/ en noem haar id"),
    ("add `contact:` with `phone:` (the general number, as the municipality's own website gives it) and cite that page in `sources` with `for: [phone]`; if no source gives one, write in `phone_not_found:` where you looked", "voeg `contact:` met `phone:` toe (het algemene nummer, zoals de website van de gemeente het geeft) en noem die pagina in `sources` met `for: [phone]`; geeft geen bron een nummer, schrijf dan in `phone_not_found:` waar je hebt gezocht"),
    ("a municipality belongs to exactly one region; remove it from one of the two", "een gemeente hoort bij precies één regio; haal haar bij een van de twee weg"),
    ("add `{m}` to the `municipalities` list of its region's region.yaml", "zet `{m}` in de lijst `municipalities` in region.yaml van haar regio"),
    ("rename the region folder, e.g. `regio-{r}`", "geef de map van de regio een andere naam, bijvoorbeeld `regio-{r}`"),
    ("rename the folder", "geef de map een andere naam"),
    ("create content/tree.yaml with the question flow (see content/README.md)", "maak content/tree.yaml met de vragenroute (zie content/README.md)"),
    ("list only other languages", "noem alleen andere talen"),
    ("write `ltr` or `rtl`", "schrijf `ltr` of `rtl`"),
    ("write the date on which you checked the facts", "schrijf de datum waarop je de feiten hebt gecontroleerd"),
    ("check the facts against the source and update `last_checked`", "controleer de feiten bij de bron en werk `last_checked` bij"),
    ("the file name is the id: rename the file or remove the `id` line", "de bestandsnaam is het id: geef het bestand een andere naam of haal de regel `id` weg"),
    ("add region.yaml or move the service into an existing region folder", "maak region.yaml of zet de dienst in de map van een bestaande regio"),
    ("add municipality.yaml or move the service into an existing municipality folder", "maak municipality.yaml of zet de dienst in de map van een bestaande gemeente"),
    ("swap the two ages", "wissel de twee leeftijden om"),
    ("put the image in static/ and write its path, e.g. `![description](/static/plan.png)`; pages load nothing from other sites", "zet de afbeelding in static/ en schrijf haar pad, bijvoorbeeld `![beschrijving](/static/plan.png)`; pagina's laden niets van andere sites"),
    ("links may start with https://, http://, tel:, mailto: or / (a page of this site)", "een link mag beginnen met https://, http://, tel:, mailto: of / (een pagina van deze site)"),
    ("add a way to reach them, with its source; until then the page tells readers to ask their municipality's front door", "voeg een manier toe om ze te bereiken, met de bron; tot dan zegt de pagina dat lezers het bij het loket van hun gemeente vragen"),
    ("add <id>.{l}.md beside a service, e.g. {f}; `onderdak check --translations` shows the coverage", "zet <id>.{l}.md naast een dienst, bijvoorbeeld {f}; `onderdak check --translations` toont wat vertaald is"),
    ("add a service with one of these needs to each municipality or its region, or add `front-door` to the answer's needs", "voeg in elke gemeente of haar regio een dienst met een van deze behoeften toe, of zet `front-door` bij de behoeften van het antwoord"),
    ("add at least one option", "voeg minstens één keuze toe"),
    ("question and answer ids must be unique", "elke vraag en elk antwoord heeft een eigen id"),
    ("keep one: `next` goes to a question, `answer` ends the flow", "houd er één: `next` gaat naar een vraag, `answer` eindigt de route"),
    ("add `next: <question id>` or `answer: <answer id>`", "voeg `next: <vraag-id>` of `answer: <antwoord-id>` toe"),
    ("every path must end in an answer; point one of these options to a later question or an answer", "elke route moet eindigen in een antwoord; laat een van deze keuzes naar een latere vraag of een antwoord gaan"),
    ("link to it from an option, or remove it", "verwijs ernaar vanuit een keuze, of haal het weg"),
    ("remove it or fix the id", "haal het weg of verbeter het id"),
    ("remove one of them", "haal er een weg"),
    ("add a line `{k}: ...` with the {l} text (see content/i18n/{d}.yaml)", "voeg een regel `{k}: ...` toe met de tekst in {l} (zie content/i18n/{d}.yaml)"),
    ("add a line `{k}: ...` (onderdak's own content/i18n/{l}.yaml has one to start from)", "voeg een regel `{k}: ...` toe (onderdaks eigen content/i18n/{l}.yaml heeft er een om mee te beginnen)"),
    ("write every number, time, phone number, URL and e-mail address as the original does (digits 0-9, the same notation): facts may not differ between languages", "schrijf elk getal, elke tijd, elk telefoonnummer, webadres en e-mailadres zoals het origineel (cijfers 0-9, dezelfde schrijfwijze): feiten mogen per taal niet verschillen"),
    ("after checking a translation against its original, run `onderdak translations mark --lang {l}`", "controleer een vertaling tegen het origineel en draai dan `onderdak translations mark --lang {l}`"),
    ("fix the template syntax (tera 2)", "verbeter de sjabloonsyntaxis (tera 2)"),
    ("check that the output folder is writable and the disk has room; the previous output is unchanged", "kijk of de uitvoermap beschrijfbaar is en de schijf ruimte heeft; de vorige uitvoer is niet veranderd"),
    ("check that the folder is writable and the disk has room; the previous output is unchanged", "kijk of de map beschrijfbaar is en de schijf ruimte heeft; de vorige uitvoer is niet veranderd"),
    ("check that the file is readable (permissions, a broken link); the previous output is unchanged", "kijk of het bestand leesbaar is (rechten, een kapotte snelkoppeling); de vorige uitvoer is niet veranderd"),
    ("list paths inside the output folder, e.g. `CNAME`, `.well-known/` or `google*.html`", "noem paden binnen de uitvoermap, bijvoorbeeld `CNAME`, `.well-known/` of `google*.html`"),
    ("themes here: {list}; or remove `theme:` for `default`", "thema's hier: {list}; of haal `theme:` weg voor `default`"),
    ("add the theme's folder under themes/ (the default theme is themes/default/)", "zet de map van het thema onder themes/ (het standaardthema is themes/default/)"),
    ("copy the folder themes/ from the onderdak repository next to content/, or run onderdak in the folder that holds both", "kopieer de map themes/ uit de onderdak-repository naast content/, of start onderdak in de map waar beide staan"),
    ("indent `{f}` with {m} spaces, like the other fields of `{parent}`", "spring `{f}` in met {m} spaties, net als de andere velden van `{parent}`"),
    ("indent this line with {m} spaces, like the lines before it", "spring deze regel in met {m} spaties, net als de regels ervoor"),
    ("replace the tab with spaces (YAML allows only spaces for indenting); in most editors: 'Convert indentation to spaces'", "vervang de tab door spaties (YAML kent alleen spaties om in te springen); in de meeste editors: 'Inspringing omzetten naar spaties'"),
    ("indent `{f}` with {m} spaces, under `{parent}:`", "spring `{f}` in met {m} spaties, onder `{parent}:`"),
    ("write the text of this page, or delete the file if the service does not exist", "schrijf de tekst van deze pagina, of haal het bestand weg als de dienst niet bestaat"),
    ("`onderdak check` shows these as warnings; `onderdak build` refuses to publish them", "`onderdak check` toont dit als waarschuwing; `onderdak build` publiceert het niet"),
    ("set `base_url` in content/site.yaml to the site's real address (or pass --base-url); every QR code and shared link uses it", "zet in content/site.yaml bij `base_url` het echte adres van de site (of geef --base-url mee); elke QR-code en gedeelde link gebruikt het"),
];

/// The code, message and hint of `d` in `lang`.
pub fn translate(d: &Diagnostic, lang: Lang) -> (&'static str, String, Option<String>) {
    let (code, message) = match MESSAGES
        .iter()
        .find_map(|row| Some((row, capture(row.en, &d.message)?)))
    {
        Some((row, got)) => (
            d.code.unwrap_or(row.code),
            match lang {
                Lang::En => d.message.clone(),
                Lang::Nl => fill(row.nl, &got),
            },
        ),
        None => (d.code.unwrap_or(UNKNOWN), d.message.clone()),
    };
    let hint = d.hint.as_ref().map(|h| match lang {
        Lang::En => h.clone(),
        Lang::Nl => hint_nl(h).unwrap_or_else(|| h.clone()),
    });
    (code, message, hint)
}

fn hint_nl(h: &str) -> Option<String> {
    HINTS
        .iter()
        .find_map(|(en, nl)| capture(en, h).map(|got| fill(nl, &got)))
}

/// The code of a diagnostic: given, or by its message's row.
pub fn code_of(d: &Diagnostic) -> &'static str {
    d.code.unwrap_or_else(|| {
        MESSAGES
            .iter()
            .find(|row| capture(row.en, &d.message).is_some())
            .map_or(UNKNOWN, |row| row.code)
    })
}

/// The title of a code in `lang`, for the warning summary.
pub fn title(code: &str, lang: Lang) -> &'static str {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("", |(_, nl, en)| match lang {
            Lang::Nl => nl,
            Lang::En => en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_known_code_and_the_same_holes() {
        for row in MESSAGES {
            assert!(CODES.iter().any(|(c, _, _)| *c == row.code), "{}", row.code);
            let holes = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}').map(|(h, _)| h.to_string()))
                    .filter(|h| h != "_")
                    .collect();
                v.sort();
                v
            };
            // The Dutch text may leave serde's detail out, never add a hole.
            let en = holes(row.en);
            for h in holes(row.nl) {
                assert!(en.contains(&h), "{}: `{h}` not in the English", row.en);
            }
        }
    }

    #[test]
    fn a_message_is_found_and_translated() {
        let d = Diagnostic::error("x.md", "municipality `assen` has no phone number")
            .hint("did you mean `phone`?");
        let (code, msg, hint) = translate(&d, Lang::Nl);
        assert_eq!(code, "R401");
        assert_eq!(msg, "gemeente `assen` heeft geen telefoonnummer");
        assert_eq!(hint.as_deref(), Some("bedoel je `phone`?"));
        let (_, msg, _) = translate(&d, Lang::En);
        assert_eq!(msg, d.message);
        let unknown = Diagnostic::error("x.md", "something new");
        assert_eq!(translate(&unknown, Lang::Nl).0, UNKNOWN);
    }

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../../docs/errors.md");
        for (code, _, _) in CODES {
            assert!(
                doc.contains(&format!("## {code} ")),
                "docs/errors.md lacks `## {code} `"
            );
        }
    }
}
