//! How diagnostics are shown: as cargo shows them (the code, the message, the source line
//! with a caret under the place, the hint) in the editor's language; warnings summed up
//! one line per kind unless `--verbose`; and as JSON with the code for tools.

use std::collections::BTreeMap;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostics::i18n::{lang, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// The code, message and hint of `d` in `lang`.
fn texts(d: &Diagnostic, lang: Lang) -> (&'static str, String, Option<String>) {
    (
        d.code().as_str(),
        d.message.get(lang).to_string(),
        d.hint.as_ref().map(|h| h.get(lang).to_string()),
    )
}

/// One diagnostic as `--format json` writes it.
#[derive(serde::Serialize)]
pub struct Json<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<&'a str>,
    pub message: String,
    pub hint: Option<String>,
    /// The English text, for tools and for searching the web, whatever `--lang` says.
    pub message_en: &'a str,
}

pub fn json(diags: &Diagnostics) -> String {
    let lang = lang();
    let all: Vec<Json> = diags
        .0
        .iter()
        .map(|d| {
            let (code, message, hint) = texts(d, lang);
            Json {
                severity: d.severity,
                code,
                file: d.file.to_string_lossy().to_string(),
                line: d.line,
                column: d.column,
                field: d.field.as_deref(),
                message,
                hint,
                message_en: d.message.en(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into())
}

fn names(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Nl => ("fout", "waarschuwing", "tip"),
        Lang::En => ("error", "warning", "hint"),
    }
}

/// One diagnostic, with the line of `site_dir/<file>` it points at, if it can be read.
pub fn render(d: &Diagnostic, site_dir: &Path) -> String {
    let lang = lang();
    let (code, message, hint) = texts(d, lang);
    let (err, warn, help) = names(lang);
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(err),
        Severity::Warning => Level::WARNING.with_name(warn),
    };
    let title_text = match &d.field {
        Some(f) => format!("`{f}`: {message}"),
        None => message,
    };
    let file = d.file.to_string_lossy().to_string();
    let source = d
        .line
        .and_then(|l| source_line(&site_dir.join(&d.file), l).map(|s| (l, s)));
    let title = level.clone().primary_title(title_text).id(code);
    let mut group = match source {
        Some((line, text)) => {
            let col = d.column.unwrap_or(1).max(1);
            let (start, end) = span(&text, col);
            title.element(
                Snippet::source(text)
                    .line_start(line)
                    .path(file)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        None => {
            let at = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
                (Some(l), None) => format!("{file}:{l}"),
                _ => file,
            };
            title.element(annotate_snippets::Origin::path(at))
        }
    };
    if let Some(h) = hint {
        group = group.element(Level::HELP.with_name(help).message(h));
    }
    let report: &[Group] = &[group];
    Renderer::plain().render(report)
}

/// The text of line `n` (1-based) of a file, without its line end.
fn source_line(path: &Path, n: usize) -> Option<String> {
    let text = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.lines()
        .nth(n.checked_sub(1)?)
        .map(|l| l.replace('\t', "    ").replace('\0', " "))
}

/// The byte range under the caret: from the 1-based character column to the end of the
/// word there (at least one character).
fn span(line: &str, col: usize) -> (usize, usize) {
    let start = line
        .char_indices()
        .nth(col - 1)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == '}')
        .unwrap_or(rest.len());
    let len = if len == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    (start, start + len)
}

/// Prints every error in full; warnings in full with `verbose`, else one line per kind
/// with the count and the first example. Returns the text (tests read it).
pub fn text(diags: &Diagnostics, site_dir: &Path, verbose: bool) -> String {
    let lang = lang();
    let mut out = String::new();
    for d in diags.errors() {
        out.push_str(&render(d, site_dir));
        out.push_str("\n\n");
    }
    if verbose {
        for d in diags.warnings() {
            out.push_str(&render(d, site_dir));
            out.push_str("\n\n");
        }
    } else {
        // In the order of the codes' names, as before they were a type.
        let mut kinds: BTreeMap<&'static str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in diags.warnings() {
            kinds.entry(d.code().as_str()).or_default().push(d);
        }
        let (_, warn, _) = names(lang);
        for (code, ds) in &kinds {
            let first = ds[0];
            let (_, message, _) = texts(first, lang);
            let at = match first.line {
                Some(l) => format!("{}:{l}", first.file.display()),
                None => first.file.display().to_string(),
            };
            let (count, eg) = match lang {
                Lang::Nl => (format!("{}×", ds.len()), "bijv."),
                Lang::En => (format!("{}×", ds.len()), "e.g."),
            };
            out.push_str(&format!(
                "{warn}[{code}] {}: {count}, {eg} {at}: {message}\n",
                first.code().title(lang)
            ));
        }
        if !kinds.is_empty() {
            out.push_str(match lang {
                Lang::Nl => "(`--verbose` toont elke waarschuwing met haar plek en tip)\n",
                Lang::En => "(`--verbose` shows every warning with its place and hint)\n",
            });
        }
    }
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    out.push_str(&match lang {
        Lang::Nl => format!("{e} fout(en), {w} waarschuwing(en)"),
        Lang::En => format!("{e} error(s), {w} warning(s)"),
    });
    out
}

/// One line per diagnostic, in the editor's language (the serve page, scaffold errors).
pub fn line(d: &Diagnostic) -> String {
    let lang = lang();
    let (code, message, hint) = texts(d, lang);
    let (err, warn, help) = names(lang);
    let kind = if d.is_error() { err } else { warn };
    let mut s = format!("{kind}[{code}]: {}", d.file.display());
    if let Some(l) = d.line {
        s.push_str(&format!(":{l}"));
        if let Some(c) = d.column {
            s.push_str(&format!(":{c}"));
        }
    }
    s.push_str(": ");
    if let Some(f) = &d.field {
        s.push_str(&format!("`{f}`: "));
    }
    s.push_str(&message);
    if let Some(h) = hint {
        s.push_str(&format!("\n  {help}: {h}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_word() {
        assert_eq!(span("  phnoe: 1", 3), (2, 7));
        assert_eq!(span("x", 5), (1, 1));
        assert_eq!(span("a: é", 4), (3, 5));
    }
}
