//! What `onderdak serve` shows the editor in the browser, in the editor's language: the
//! page that replaces the site while the content has errors, and a banner on every page
//! while something `build` would refuse is still there (src/guard.rs).

use crate::diagnostics::i18n::{lang, Lang};
use crate::diagnostics::Diagnostics;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The error page: every error with its code, place and hint.
pub fn error_page(d: &Diagnostics, live_script: &str) -> String {
    let lang = lang();
    let mut items = String::new();
    for e in d.errors() {
        items.push_str(&format!(
            "<li><pre style=\"white-space:pre-wrap\">{}</pre></li>",
            escape(&crate::diagnostics::display::line(e))
        ));
    }
    let (title, h1, p) = match lang {
        Lang::Nl => (
            "Fout in de inhoud",
            "De site kan niet gebouwd worden",
            "Los het probleem hieronder op en sla het bestand op; deze pagina laadt dan vanzelf opnieuw. De laatste goede versie is nog te zien op <a href=\"?last-good\">?last-good</a>. Uitleg bij elke code staat in docs/errors.md.",
        ),
        Lang::En => (
            "Content error",
            "The site cannot be built",
            "Fix the problem below and save the file; this page reloads by itself. The last good build is still served at <a href=\"?last-good\">?last-good</a>. Each code is explained in docs/errors.md.",
        ),
    };
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>{live_script}</head><body style=\"font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem\"><h1>{h1}</h1><p>{p}</p><ul>{items}</ul></body></html>",
        lang.code()
    )
}

/// The banner for placeholders and `TODO` sources, or nothing. It is part of the page
/// only in `serve` (the renderer's `inject`), never of a build.
pub fn banner(d: &Diagnostics) -> String {
    let items = crate::check::publish::banner_items(d);
    let items: Vec<_> = items
        .into_iter()
        .filter(|x| crate::check::publish::REFUSED_BY_BUILD.contains(&x.code()))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    let lang = lang();
    let head = match lang {
        Lang::Nl => "Nog niet klaar om te publiceren: <code>onderdak build</code> weigert deze site zolang dit er staat.",
        Lang::En => "Not ready to publish: <code>onderdak build</code> refuses this site while this is here.",
    };
    let mut li = String::new();
    for x in items {
        let (code, message) = (x.code(), x.message.get(lang));
        let at = match x.line {
            Some(l) => format!("{}:{l}", x.file.display()),
            None => x.file.display().to_string(),
        };
        li.push_str(&format!(
            "<li>[{code}] {}: {}</li>",
            escape(&at),
            escape(message)
        ));
    }
    format!(
        "<div id=\"onderdak-guard\" role=\"status\" lang=\"{}\" style=\"position:sticky;bottom:0;background:#fff3bf;color:#000;border-top:3px solid #000;padding:.5rem 1rem;font:1rem/1.4 system-ui,sans-serif\"><p style=\"margin:0\"><strong>{head}</strong></p><ul style=\"margin:.25rem 0 0\">{li}</ul></div>",
        lang.code()
    )
}
