//! The language of onderdak's own words to the editor (diagnostics, the serve error page,
//! the comments of `onderdak new`): Dutch or English. The site's editors are Dutch
//! municipal staff, so Dutch is the default; `--lang` or the environment (LC_ALL,
//! LC_MESSAGES, LANG, as POSIX orders them) asks for English.
//!
//! The texts live in [`crate::diagnostics::messages`]: every message is made with both
//! its English and its Dutch text, and the language picks one where it is shown.

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
}
