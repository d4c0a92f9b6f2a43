//! Problems found in content, reported the way an editor can act on them:
//! the file, the line and column, the field, what is wrong and how to fix it.

pub mod display;
pub mod i18n;
pub mod messages;

use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};

pub use messages::{hint, label, msg, Code, Msg, Text};

/// How bad a problem is. Errors stop the build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. Made only with a message of [`msg`], which carries the code
/// and both texts: a new call site without a code does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site folder, e.g. `content/regions/regio-assen/region.yaml`.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The field concerned, dotted (`contact.phone`), when there is one.
    pub field: Option<String>,
    pub message: Msg,
    /// How to fix it.
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line: None,
            column: None,
            field: None,
            message,
            hint: None,
        }
    }

    pub fn warning(file: impl AsRef<Path>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_opt(mut self, pos: Option<(usize, usize)>) -> Self {
        if let Some((l, c)) = pos {
            self.line = Some(l);
            self.column = Some(c);
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    /// The stable code (docs/errors.md).
    pub fn code(&self) -> Code {
        self.message.code()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// English, for logs and other tools; editors see [`display`] in their language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message.en())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", hint.en())?;
        }
        Ok(())
    }
}

thread_local! {
    /// Messages made inside serde (a value check of the content model): serde passes on
    /// only their text, so the message itself waits here to be picked up by its text.
    static CARRIED: RefCell<Vec<Msg>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `m` for [`carried`] and gives the text to hand to serde's `Error::custom`.
pub fn carry(m: Msg) -> String {
    let en = m.en().to_string();
    CARRIED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 64 {
            c.remove(0);
        }
        c.push(m);
    });
    en
}

/// The message carried through serde whose English text is `en`.
pub fn carried(en: &str) -> Option<Msg> {
    CARRIED.with(|c| c.borrow().iter().rev().find(|m| m.en() == en).cloned())
}

/// Forgets the carried messages (at the start of a parse).
pub fn clear_carried() {
    CARRIED.with(|c| c.borrow_mut().clear());
}

/// All problems of a run, in a stable order (file, line) so output is reproducible.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
        });
        self.0.dedup();
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["phone", "email", "website", "walk_in"];
        assert_eq!(did_you_mean("phnoe", fields), Some("phone"));
        assert_eq!(did_you_mean("webiste", fields), Some("website"));
        assert_eq!(did_you_mean("capacity", fields), None);
    }

    #[test]
    fn display_names_file_line_field_and_hint() {
        let d = Diagnostic::error("content/x.md", msg::not_a_phone("12"))
            .at(4, 10)
            .field("contact.phone")
            .hint(hint::did_you_mean("phone"));
        assert_eq!(
            d.to_string(),
            "error: content/x.md:4:10: `contact.phone`: `12` is not a phone number; write a Dutch number as people dial it, e.g. 0800-2000, 050-1234567 or 112\n  hint: did you mean `phone`?"
        );
    }
}
