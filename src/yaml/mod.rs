//! The one place that parses YAML. serde_yaml is deprecated upstream; keeping every call
//! behind this small module means it can be swapped for another parser in one file.

pub mod all;
pub mod layout;
pub mod serde_text;

use serde::de::DeserializeOwned;

use crate::diagnostics::{hint, msg, Msg, Text};

/// A YAML problem with its position inside the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Dotted path of the field, e.g. `contact.phone`, when the problem is inside one.
    pub field: Option<String>,
    pub message: Msg,
    pub hint: Option<Text>,
}

/// serde's message without its position and without the field path in front.
pub(crate) fn clean_message(raw: &str, path: &str) -> String {
    let mut message = strip_location(raw);
    if let Some(rest) = message.strip_prefix(&format!("{path}: ")) {
        message = rest.to_string();
    }
    if let Some((prefix, rest)) = message.split_once(": ") {
        if !prefix.contains(' ') && path.starts_with(prefix) {
            message = rest.to_string();
        }
    }
    message
}

/// Parses `text` into `T`, turning serde's messages into ones an editor can act on.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    crate::diagnostics::clear_carried();
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let loc = inner.location();
        // serde_yaml puts the field path in front of the message; we report it separately.
        // Custom value errors (dates, phones) get the position of the enclosing mapping,
        // and serde_yaml prefixes the parent's path: point at the field's own line instead.
        let message = clean_message(&inner.to_string(), &path);
        let segments: Vec<&str> = path
            .split('.')
            .map(|s| s.split('[').next().unwrap_or(s))
            .filter(|s| !s.is_empty())
            .collect();
        let mut pos = loc.as_ref().map(|l| (l.line(), l.column()));
        // The reader's errors ("control characters are not allowed at position 491") give
        // a byte offset, and serde_yaml the start of the text: turn it into line and column.
        if let Some((msg_text, at)) = message
            .rsplit_once(" at position ")
            .and_then(|(m, n)| Some((m.to_string(), n.trim().parse::<usize>().ok()?)))
        {
            let at = at.min(text.len());
            let at = (0..=at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let message = if msg_text.starts_with("control characters") {
                msg::control_character()
            } else {
                serde_text::explain(&msg_text).0
            };
            return YamlError {
                line: Some(line),
                column: Some(col),
                field: None,
                message,
                hint: Some(hint::retype_invisible()),
            };
        }
        // The field's own place, from the parser's events: the key for an unknown or
        // doubled field, the value for a wrong value.
        let spans = crate::yaml::layout::Spans::of(text);
        let from_events = spans.as_ref().and_then(|s| {
            if message.starts_with("unknown field") || message.starts_with("duplicate") {
                s.keys.get(&path).copied()
            } else {
                s.values.get(&path).or_else(|| s.keys.get(&path)).copied()
            }
        });
        if let Some(found) = from_events.or_else(|| locate(text, &segments)) {
            if pos.is_none_or(|(l, _)| found.0 >= l) {
                pos = Some(found);
            }
        }
        let (message, hint) = serde_text::explain(&message);
        YamlError {
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            field: (path != "." && !path.is_empty()).then_some(path),
            message,
            hint,
        }
    })
}

/// serde_yaml appends " at line L column C"; we report positions separately.
fn strip_location(msg: &str) -> String {
    let mut out = msg.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let end = rest
            .find(|c: char| {
                !(c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic() && "column".contains(c))
            })
            .map(|e| i + " at line ".len() + e)
            .unwrap_or(out.len());
        out.replace_range(i..end, "");
    }
    out
}

/// Finds where a (possibly nested) key is written in YAML text: `["contact", "phone"]`
/// looks for `contact:` and then for the first `phone:` after it. Used to locate problems
/// found after parsing (cross-file checks), where serde's positions are gone.
/// Returns 1-based (line, column). `index` picks the n-th list item for paths into lists.
pub fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    if let Some(at) = crate::yaml::layout::Spans::of(text).and_then(|s| s.key(path)) {
        return Some(at);
    }
    locate_in_text(text, path)
}

/// [`locate`] by reading lines, for a text the event parser refuses.
fn locate_in_text(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let mut from = 0usize;
    let mut found = None;
    let lines: Vec<&str> = text.lines().collect();
    for key in path {
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(from) {
            let trimmed = line.trim_start();
            let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            let body = body.trim_start_matches(['{', ' ']);
            if let Some(rest) = body.strip_prefix(key) {
                if rest.trim_start().starts_with(':') {
                    let col = line.len() - body.len() + 1;
                    hit = Some((i, col));
                    break;
                }
            }
            // Flow mappings: `{ id: ja, label: Ja }`
            if let Some(pos) = line.find(&format!(" {key}:")) {
                hit = Some((i, pos + 2));
                break;
            }
        }
        let (i, col) = hit?;
        found = Some((i + 1, col));
        from = i;
    }
    found
}

/// Finds the line where a list item with `id: <id>` (or a value `<id>`) is written.
pub fn locate_value(text: &str, value: &str) -> Option<(usize, usize)> {
    // A value the parser read (not a word in a comment), else the first line with it.
    if let Some(at) = crate::yaml::layout::Spans::of(text).and_then(|s| s.scalar(value)) {
        return Some(at);
    }
    for (i, line) in text.lines().enumerate() {
        for (pos, _) in line.match_indices(value) {
            let before = line[..pos].chars().last();
            let after = line[pos + value.len()..].chars().next();
            let edge =
                |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
            if edge(before) && edge(after) {
                return Some((i + 1, pos + 1));
            }
        }
    }
    None
}

/// Finds `value` as a whole token on the first line at or after the first line that holds
/// `anchor` as a whole token: e.g. the option `next: gevaar` inside question `slaapplek`.
pub fn locate_value_after(text: &str, anchor: &str, value: &str) -> Option<(usize, usize)> {
    let (anchor_line, _) = locate_value(text, anchor)?;
    let rest: String = text
        .lines()
        .skip(anchor_line - 1)
        .collect::<Vec<_>>()
        .join("\n");
    locate_value(&rest, value).map(|(l, c)| (l + anchor_line - 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Contact {
        phone: Option<String>,
        website: Option<String>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        contact: Option<Contact>,
    }

    #[test]
    fn unknown_field_has_position_path_and_suggestion() {
        let err = parse::<Doc>("name: x\ncontact:\n  phnoe: '112'\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.field.as_deref(), Some("contact.phnoe"));
        assert!(
            err.message.en().contains("unknown field `phnoe`"),
            "{}",
            err.message
        );
        assert!(!err.message.en().contains("at line"), "{}", err.message);
        assert_eq!(err.message.text().nl(), "onbekend veld `phnoe`");
        assert_eq!(
            err.hint.map(|h| h.nl().to_string()).as_deref(),
            Some("bedoel je `phone`?")
        );
    }

    #[test]
    fn missing_field_is_named() {
        let err = parse::<Doc>("contact: {}\n").unwrap_err();
        assert!(err.message.en().contains("missing field `name`"));
        assert!(err.hint.unwrap().en().contains("name:"));
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = parse::<Doc>("name: x\n  bad: [\n").unwrap_err();
        assert!(err.line.is_some());
    }

    #[test]
    fn locate_finds_nested_keys() {
        let text = "name: x\nphone: 1\ncontact:\n  website: y\n  phone: '12'\n";
        assert_eq!(locate(text, &["contact", "phone"]), Some((5, 3)));
        assert_eq!(locate(text, &["phone"]), Some((2, 1)));
        assert_eq!(locate(text, &["nope"]), None);
        assert_eq!(locate_value("a: [x-y, y]\n", "y"), Some((1, 10)));
    }
}
