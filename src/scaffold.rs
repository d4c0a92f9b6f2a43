//! Editor tooling around the pipeline: `onderdak schema` writes JSON Schema files of the
//! content model (so editors autocomplete and underline), and `onderdak new` writes
//! commented files that pass `check` as they are.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;

use crate::diagnostics::did_you_mean;
use crate::model::*;

/// The schema files `onderdak schema` writes, by name.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn s<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    }
    vec![
        ("site.json", s::<SiteConfig>()),
        ("region.json", s::<RegionFile>()),
        ("municipality.json", s::<MunicipalityFile>()),
        ("service.json", s::<ServiceFront>()),
        ("service-translation.json", s::<ServiceTranslationFront>()),
        ("page.json", s::<PageFront>()),
        ("page-translation.json", s::<PageTranslationFront>()),
        ("place-translation.json", s::<PlaceTranslation>()),
        ("tree.json", s::<TreeFile>()),
        ("tree-translation.json", s::<TreeTranslation>()),
    ]
}

/// Writes every schema into `dir`; returns the files written.
pub fn write_schemas(dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(name);
        fs::write(
            &path,
            serde_json::to_string_pretty(&schema).map_err(io::Error::other)? + "\n",
        )?;
        out.push(path);
    }
    Ok(out)
}

/// "Hendrik-Ido-Ambacht" → "hendrik-ido-ambacht", "Súdwest-Fryslân" → "sudwest-fryslan",
/// "Łódź" → "lodz": letters become their plain ASCII form (deunicode), anything else a dash.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(name).to_lowercase().chars() {
        let c = match c {
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

fn today() -> String {
    Date::today().to_string()
}

/// A problem with the command's arguments, said plainly.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ScaffoldError(pub String);

fn folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// An error in the editor's language (`--lang`, else the environment; Dutch first).
fn says(nl: String, en: String) -> ScaffoldError {
    ScaffoldError(match crate::diagnostics::i18n::lang() {
        crate::diagnostics::i18n::Lang::Nl => nl,
        crate::diagnostics::i18n::Lang::En => en,
    })
}

/// `what` as (Dutch, English): ("regio", "region").
fn unknown(what: (&str, &str), name: &str, known: &[String]) -> ScaffoldError {
    let known_list = known.join(", ");
    match did_you_mean(name, known.iter().map(String::as_str)) {
        Some(b) => says(
            format!("er is geen {} `{name}`; bedoel je `{b}`?", what.0),
            format!("there is no {} `{name}`; did you mean `{b}`?", what.1),
        ),
        None => says(
            format!("er is geen {} `{name}`; bekend zijn: {known_list}", what.0),
            format!("there is no {} `{name}`; known: {known_list}", what.1),
        ),
    }
}

fn no_letters(name: &str) -> ScaffoldError {
    says(
        format!("`{name}` heeft geen letters om een webadres van te maken"),
        format!("`{name}` has no letters to make a web address from"),
    )
}

fn exists(path: &Path) -> ScaffoldError {
    says(
        format!("{} bestaat al", path.display()),
        format!("{} already exists", path.display()),
    )
}

/// `onderdak new municipality NAME --region REGION`: the municipality file, its entry in the
/// region's list, and (only when the region has no front door of its own) a front-door
/// service to complete. Returns the files written or changed.
pub fn new_municipality(
    site_dir: &Path,
    name: &str,
    region: &str,
    phone: &str,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let phone = crate::model::Phone::parse(phone).map_err(|e| {
        ScaffoldError(format!(
            "--phone: {}",
            e.get(crate::diagnostics::i18n::lang())
        ))
    })?;
    let content = site_dir.join("content");
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(no_letters(name));
    }
    let region_file = content.join("regions").join(region).join("region.yaml");
    if !region_file.is_file() {
        return Err(unknown(
            ("regio", "region"),
            region,
            &folders(&content.join("regions")),
        ));
    }
    let dir = content.join("municipalities").join(&slug);
    if dir.exists() {
        return Err(exists(&dir));
    }
    let region_text = fs::read_to_string(&region_file).map_err(|e| ScaffoldError(e.to_string()))?;
    let new_region_text = add_to_list(&region_text, "municipalities", &slug).ok_or_else(|| {
        says(
            format!(
                "de lijst `municipalities:` staat niet in {}",
                region_file.display()
            ),
            format!(
                "cannot find the `municipalities:` list in {}",
                region_file.display()
            ),
        )
    })?;
    let mut written = Vec::new();
    let write =
        |path: &Path, text: &str, written: &mut Vec<PathBuf>| -> Result<(), ScaffoldError> {
            fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                .map_err(|e| ScaffoldError(e.to_string()))?;
            fs::write(path, text).map_err(|e| ScaffoldError(e.to_string()))?;
            written.push(path.to_path_buf());
            Ok(())
        };
    write(
        &dir.join("municipality.yaml"),
        &municipality_text(name, &phone.0),
        &mut written,
    )?;
    write(&region_file, &new_region_text, &mut written)?;
    // Does the flow still find a front door for the new municipality?
    let (_, diags) = crate::check_site(site_dir);
    let lacks_front_door = diags
        .errors()
        .any(|d| d.message.key() == "answer_finds_no_service" && d.message.en().contains(&slug));
    if lacks_front_door {
        write(
            &dir.join(format!("loket-{slug}.md")),
            &service_text(
                &format!("Loket gemeente {name}"),
                "front-door",
                "[front-door]",
            ),
            &mut written,
        )?;
    }
    let (_, diags) = crate::check_site(site_dir);
    if diags.has_errors() {
        // Leave nothing half-done behind.
        let _ = fs::write(&region_file, &region_text);
        let _ = fs::remove_dir_all(&dir);
        let msgs: Vec<String> = diags
            .errors()
            .map(crate::diagnostics::display::line)
            .collect();
        return Err(says(
            format!(
                "de nieuwe bestanden zouden `check` niet doorstaan; er is niets veranderd:\n{}",
                msgs.join("\n")
            ),
            format!(
                "the new files would not pass check; nothing was changed:\n{}",
                msgs.join("\n")
            ),
        ));
    }
    Ok(written)
}

/// `onderdak new service NAME --municipality M`.
pub fn new_service(
    site_dir: &Path,
    name: &str,
    municipality: &str,
) -> Result<PathBuf, ScaffoldError> {
    let content = site_dir.join("content");
    let dir = content.join("municipalities").join(municipality);
    if !dir.join("municipality.yaml").is_file() {
        return Err(unknown(
            ("gemeente", "municipality"),
            municipality,
            &folders(&content.join("municipalities")),
        ));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(no_letters(name));
    }
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(exists(&path));
    }
    fs::write(&path, service_text(name, "help-desk", "[]"))
        .map_err(|e| ScaffoldError(e.to_string()))?;
    let (_, diags) = crate::check_site(site_dir);
    let mine: Vec<String> = diags
        .errors()
        .filter(|d| path.ends_with(&d.file))
        .map(crate::diagnostics::display::line)
        .collect();
    if !mine.is_empty() {
        let _ = fs::remove_file(&path);
        return Err(says(
            format!(
                "het nieuwe bestand zou `check` niet doorstaan; er is niets geschreven:\n{}",
                mine.join("\n")
            ),
            format!(
                "the new file would not pass check; nothing was written:\n{}",
                mine.join("\n")
            ),
        ));
    }
    Ok(path)
}

/// The comments of a new municipality file, in the editor's language (`--lang`).
fn municipality_text(name: &str, phone: &str) -> String {
    let today = today();
    match crate::diagnostics::i18n::lang() {
        crate::diagnostics::i18n::Lang::Nl => format!(
            "# yaml-language-server: $schema=../../../schemas/municipality.json\n\
             # De gemeente {name}. Elk veld staat uitgelegd in content/README.md.\n\
             # Schrijf alleen feiten op waar je een bron voor hebt; laat een regel liever weg dan te gokken.\n\
             name: {name}\n\
             # summary: Eén korte zin over hulp in {name}.\n\
             # VERPLICHT: het algemene telefoonnummer, zoals de website van de gemeente het geeft.\n\
             contact:\n\
             \x20 phone: \"{phone}\"\n\
             \x20 # website: https://www.voorbeeld.nl/\n\
             # Waar deze feiten vandaan komen: id's uit content/sources/ (zet de pagina daar eerst).\n\
             # `onderdak build` weigert te publiceren zolang hier TODO staat.\n\
             sources:\n\
             \x20 - {{ id: TODO, for: [phone, website] }}\n\
             last_checked: {today}\n"
        ),
        crate::diagnostics::i18n::Lang::En => format!(
            "# yaml-language-server: $schema=../../../schemas/municipality.json\n\
             # The municipality of {name}. See content/README.md for every field.\n\
             # Only write facts you have a source for; leave a line out rather than guess.\n\
             name: {name}\n\
             # summary: One short sentence about help in {name}.\n\
             # REQUIRED: the general phone number, as the municipality's own website gives it.\n\
             contact:\n\
             \x20 phone: \"{phone}\"\n\
             \x20 # website: https://www.example.nl/\n\
             # Where these facts come from: ids from content/sources/ (add the page there).\n\
             # `onderdak build` refuses to publish while this says TODO.\n\
             sources:\n\
             \x20 - {{ id: TODO, for: [phone, website] }}\n\
             last_checked: {today}\n"
        ),
    }
}

/// A new service file, commented in the editor's language. Its body starts with
/// [`crate::check::publish::PLACEHOLDER_BODY`], which `build` refuses to publish.
fn service_text(name: &str, kind: &str, needs: &str) -> String {
    let today = today();
    let [body_nl, body_en] = crate::check::publish::PLACEHOLDER_BODY;
    match crate::diagnostics::i18n::lang() {
        crate::diagnostics::i18n::Lang::Nl => format!(
            "---\n\
             # yaml-language-server: $schema=../../../schemas/service.json\n\
             # Een dienst. Elk veld staat uitgelegd in content/README.md. Schrijf alleen feiten op\n\
             # waar je een bron voor hebt: laat een regel liever weg dan een nummer, adres of tijden te gokken.\n\
             name: {name}\n\
             # summary: Eén korte zin in gewone woorden (B1).\n\
             kind: {kind}    # front-door, help-desk, prevention, shelter, day-centre, housing, support, hotline, emergency\n\
             needs: {needs}    # waar de vragenroute naar vraagt, bijvoorbeeld [front-door, debt-help]\n\
             # audience: {{ min_age: 18, max_age: 27, groups: [young-people], note: ... }}\n\
             # provider: Wie het doet\n\
             # contact:\n\
             #   phone: \"050-1234567\"\n\
             #   website: https://www.voorbeeld.nl/\n\
             #   walk_in: true\n\
             # address: {{ street: Straat 1, postcode: 1234 AB, city: Plaats }}\n\
             # hours:\n\
             #   mon: [\"09:00-17:00\"]\n\
             # cost: Gratis\n\
             # bring: [ID-bewijs]\n\
             # Waar de feiten vandaan komen: id's uit content/sources/ (zet de pagina daar eerst);\n\
             # `for:` noemt de feiten uit die ene bron, bijvoorbeeld [phone, address, hours].\n\
             # `onderdak build` weigert te publiceren zolang hier TODO staat of de voorbeeldtekst hieronder.\n\
             sources:\n\
             \x20 - {{ id: TODO, section: \"\" }}\n\
             last_checked: {today}\n\
             ---\n\
             {body_nl}, voor wie,\n\
             hoe je binnenkomt en wat er daarna gebeurt.\n"
        ),
        crate::diagnostics::i18n::Lang::En => format!(
            "---\n\
             # yaml-language-server: $schema=../../../schemas/service.json\n\
             # A service. See content/README.md for every field. Only write facts you have a\n\
             # source for: leave a line out rather than guess a number, an address or hours.\n\
             name: {name}\n\
             # summary: One short sentence in plain words (B1).\n\
             kind: {kind}    # front-door, help-desk, prevention, shelter, day-centre, housing, support, hotline, emergency\n\
             needs: {needs}    # what the question flow asks for, e.g. [front-door, debt-help]\n\
             # audience: {{ min_age: 18, max_age: 27, groups: [young-people], note: ... }}\n\
             # provider: Who runs it\n\
             # contact:\n\
             #   phone: \"050-1234567\"\n\
             #   website: https://www.example.nl/\n\
             #   walk_in: true\n\
             # address: {{ street: Straat 1, postcode: 1234 AB, city: Plaats }}\n\
             # hours:\n\
             #   mon: [\"09:00-17:00\"]\n\
             # cost: Gratis\n\
             # bring: [ID-bewijs]\n\
             # Where the facts come from: ids from content/sources/ (add the page there first);\n\
             # `for:` names facts that come from that one source, e.g. [phone, address, hours].\n\
             # `onderdak build` refuses to publish while this says TODO or the text below is unchanged.\n\
             sources:\n\
             \x20 - {{ id: TODO, section: \"\" }}\n\
             last_checked: {today}\n\
             ---\n\
             {body_en}, for whom, how to get in\n\
             and what happens next.\n"
        ),
    }
}

/// Adds `item` to the YAML list under `key`, in flow (`[a, b]`) or block (`- a`) style,
/// keeping comments and layout.
fn add_to_list(text: &str, key: &str, item: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let idx = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))?;
    let line = lines[idx];
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    if let Some(close) = line.rfind(']') {
        let open = line.find('[')?;
        let inner = line[open + 1..close].trim();
        let sep = if inner.is_empty() { "" } else { ", " };
        out[idx] = format!("{}{inner}{sep}{item}{}", &line[..=open], &line[close..]);
    } else {
        let mut last = idx;
        let mut indent = "  ".to_string();
        for (i, l) in lines.iter().enumerate().skip(idx + 1) {
            let t = l.trim_start();
            if t.starts_with("- ") {
                last = i;
                indent = l[..l.len() - t.len()].to_string();
            } else if !t.is_empty() && !t.starts_with('#') {
                break;
            }
        }
        out.insert(last + 1, format!("{indent}- {item}"));
    }
    Some(out.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_names() {
        assert_eq!(slugify("Hendrik-Ido-Ambacht"), "hendrik-ido-ambacht");
        assert_eq!(slugify("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(slugify("  Aa en Hunze "), "aa-en-hunze");
    }

    #[test]
    fn lists_grow_in_either_style() {
        assert_eq!(
            add_to_list("m: [a, b]\nx: 1\n", "m", "c").unwrap(),
            "m: [a, b, c]\nx: 1\n"
        );
        assert_eq!(add_to_list("m: []\n", "m", "c").unwrap(), "m: [c]\n");
        assert_eq!(
            add_to_list("m:\n  - a\n  - b\nx: 1\n", "m", "c").unwrap(),
            "m:\n  - a\n  - b\n  - c\nx: 1\n"
        );
    }

    #[test]
    fn schemas_describe_the_model() {
        let all = schemas();
        let service = &all.iter().find(|(n, _)| *n == "service.json").unwrap().1;
        assert_eq!(service["additionalProperties"], false);
        assert!(service["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "last_checked"));
    }
}
