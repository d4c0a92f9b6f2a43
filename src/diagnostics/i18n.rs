//! The language of onderdak's own words to the editor (diagnostics, the serve error page,
//! the comments of `onderdak new`): Dutch or English. The site's editors are Dutch
//! municipal staff, so Dutch is the default; `--lang` or the environment (LC_ALL,
//! LC_MESSAGES, LANG, as POSIX orders them) asks for English.
//!
//! The texts live in [`crate::messages`] as a table of English template → code and Dutch
//! template. Diagnostics keep their English text inside the program (tests, logs of
//! other tools); they are translated only where they are shown.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// `nl`, `nl_NL.UTF-8`, `en`, `en_GB` …; anything else is not known here.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['_', '-', '.', '@']).next().unwrap_or("");
        match base {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// From the environment: the first of LC_ALL, LC_MESSAGES and LANG that is set and not
    /// empty decides; English only when it names English, Dutch otherwise (also for `C`).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.trim().is_empty() {
                    return Lang::parse(&v).unwrap_or(Lang::Nl);
                }
            }
        }
        Lang::Nl
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language for this run (from `--lang`); only the first call counts.
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run: as set, else from the environment.
pub fn lang() -> Lang {
    *CHOSEN.get_or_init(Lang::from_env)
}

/// `nl` or `en` text by the language of this run.
pub fn pick(nl: &'static str, en: &'static str) -> &'static str {
    match lang() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// One piece of a template: literal text or a named hole `{name}`.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Hole(&'a str),
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Hole(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Matches `text` against an English template; returns the text of each hole. A hole
/// takes at least one character; the first way that fits wins (backtracking on the
/// literal after the hole).
pub fn capture<'t>(template: &str, text: &'t str) -> Option<Vec<(String, &'t str)>> {
    fn go<'t>(ps: &[Piece<'_>], text: &'t str, got: &mut Vec<(String, &'t str)>) -> bool {
        match ps {
            [] => text.is_empty(),
            [Piece::Text(t), rest @ ..] => text.starts_with(t) && go(rest, &text[t.len()..], got),
            [Piece::Hole(name)] => {
                if text.is_empty() {
                    return false;
                }
                got.push((name.to_string(), text));
                true
            }
            [Piece::Hole(name), Piece::Text(t), rest @ ..] => {
                let mut from = 1.min(text.len());
                while from <= text.len() {
                    while !text.is_char_boundary(from) {
                        from += 1;
                    }
                    let Some(i) = text[from..].find(t).map(|i| i + from) else {
                        return false;
                    };
                    let n = got.len();
                    got.push((name.to_string(), &text[..i]));
                    if go(rest, &text[i + t.len()..], got) {
                        return true;
                    }
                    got.truncate(n);
                    from = i + 1;
                }
                false
            }
            // Two holes side by side cannot be told apart; templates do not have them.
            [Piece::Hole(_), Piece::Hole(_), ..] => false,
        }
    }
    let ps = pieces(template);
    let mut got = Vec::new();
    go(&ps, text, &mut got).then_some(got)
}

/// Fills a template's holes with the captured texts.
pub fn fill(template: &str, values: &[(String, &str)]) -> String {
    let mut out = String::new();
    for p in pieces(template) {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Hole(name) => match values.iter().find(|(n, _)| n == name) {
                Some((_, v)) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_locale_names() {
        assert_eq!(Lang::parse("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }

    #[test]
    fn templates_capture_and_fill() {
        let got = capture(
            "municipality `{m}` is also in region `{r}`",
            "municipality `a` is also in region `b-c`",
        )
        .unwrap();
        assert_eq!(got[0].1, "a");
        assert_eq!(got[1].1, "b-c");
        assert_eq!(
            fill("gemeente `{m}` staat ook in regio `{r}`", &got),
            "gemeente `a` staat ook in regio `b-c`"
        );
        assert!(capture("the file is empty", "the file is empty!").is_none());
        // Backtracking: the first `: ` is inside the hole.
        let got = capture("{a}: {b} days", "x: y: 3 days").unwrap();
        assert_eq!((got[0].1, got[1].1), ("x", "y: 3"));
    }
}
