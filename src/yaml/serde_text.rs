//! serde's and the YAML parser's own messages, read once where the error comes out of
//! serde and turned into a row of [`crate::diagnostics::msg`]: the code, the Dutch text
//! and the hint. These are the only texts onderdak does not write itself; the English stays
//! serde's (it is what a web search finds). A value check of onderdak's own (a date, a
//! phone number) raised inside serde arrives as the message it made
//! ([`crate::diagnostics::carried`]).

use crate::diagnostics::{carried, did_you_mean, hint, label, msg, Msg, Text};

/// A message of serde's about a value: what was found, what was wanted, serde's text.
type ValueMsg = fn(Text, Text, &str) -> Msg;
/// A YAML parser's message: its start, its row, its hint.
type ParserMsg<'a> = (&'a str, fn(&str) -> Msg, fn() -> Text);

/// The message and hint for serde's (or the parser's) `message`, without its position.
pub fn explain(message: &str) -> (Msg, Option<Text>) {
    if let Some(m) = carried(message) {
        return (m, None);
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let first = quoted.first().copied().unwrap_or("");
    if message.starts_with("unknown field") {
        return (
            msg::unknown_field(first, message),
            Some(unknown_hint(&quoted, true)),
        );
    }
    if message.starts_with("unknown variant") {
        return (
            msg::unknown_value(first, message),
            Some(unknown_hint(&quoted, false)),
        );
    }
    if message.starts_with("missing field") {
        return (
            msg::missing_field(first, message),
            Some(hint::add_field_line(first)),
        );
    }
    if message.starts_with("duplicate field") {
        return (
            msg::duplicate_field(first, message),
            Some(hint::remove_one_line()),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate entry with key ") {
        let key = rest.trim_matches('"');
        return (
            msg::duplicate_key(key, message),
            Some(hint::remove_one_line()),
        );
    }
    let kinds: [(&str, ValueMsg); 2] = [
        ("invalid type: ", |f, w, m| msg::wrong_kind(f, w, m)),
        ("invalid value: ", |f, w, m| msg::wrong_value(f, w, m)),
    ];
    for (prefix, make) in kinds {
        if let Some((found, want)) = message
            .strip_prefix(prefix)
            .and_then(|r| r.split_once(", expected "))
        {
            return (
                make(unexpected(found), expected(want), message),
                Some(hint::value_shape()),
            );
        }
    }
    if let Some((n, want)) = message
        .strip_prefix("invalid length ")
        .and_then(|r| r.split_once(", expected "))
    {
        return (
            msg::wrong_length(n, expected(want), message),
            Some(hint::value_shape()),
        );
    }
    // The YAML parser's messages, with their detail (", while parsing a block mapping").
    let yaml: [ParserMsg; 9] = [
        (
            "mapping values are not allowed",
            |m| msg::colon_in_text(m),
            hint::quote_colon,
        ),
        (
            "did not find expected key",
            |m| msg::expected_key(m),
            hint::indent_and_quotes,
        ),
        (
            "did not find expected ',' or ']'",
            |m| msg::list_not_closed(m),
            hint::indent_and_quotes,
        ),
        (
            "did not find expected ',' or '}'",
            |m| msg::braces_not_closed(m),
            hint::indent_and_quotes,
        ),
        (
            "found character that cannot start any token",
            |m| msg::bad_character(m),
            hint::indent_and_quotes,
        ),
        (
            "found unexpected end of stream",
            |m| msg::unexpected_end(m),
            hint::indent_and_quotes,
        ),
        (
            "found unknown escape character",
            |m| msg::bad_escape(m),
            hint::backslash,
        ),
        (
            "block sequence entries are not allowed",
            |m| msg::misplaced_list_item(m),
            hint::indent_and_quotes,
        ),
        (
            "EOF while parsing",
            |m| msg::yaml_ends_early(m),
            hint::fill_or_delete,
        ),
    ];
    for (start, make, h) in yaml {
        if message.starts_with(start) || message.contains(start) && start.starts_with("mapping") {
            return (make(message), Some(h()));
        }
    }
    if let Some(what) = message.strip_prefix("did not find expected ") {
        let what = what.split(',').next().unwrap_or(what);
        return (
            msg::yaml_expected(what, message),
            Some(hint::indent_and_quotes()),
        );
    }
    (
        msg::yaml_unreadable(message),
        Some(hint::indent_and_quotes()),
    )
}

/// The fix for an unknown field or value: the close name, the allowed ones, or "remove".
fn unknown_hint(quoted: &[&str], field: bool) -> Text {
    let given = quoted.first().copied().unwrap_or("");
    let allowed: Vec<&str> = quoted.iter().skip(1).copied().collect();
    // A translation (its fields end in `translates`) that carries a fact.
    const FACTS: [&str; 12] = [
        "contact",
        "address",
        "hours",
        "sources",
        "kind",
        "needs",
        "audience",
        "provider",
        "languages",
        "last_checked",
        "id",
        "phone",
    ];
    if field && allowed.contains(&"translates") && FACTS.contains(&given) {
        return hint::facts_stay_in_original(given);
    }
    if let Some(best) = did_you_mean(given, allowed.iter().copied()) {
        return hint::did_you_mean(best);
    }
    match (allowed.is_empty(), field) {
        (true, true) => hint::remove_field(),
        (true, false) => hint::remove_value(),
        (false, _) => hint::allowed(allowed.join(", ")),
    }
}

/// serde's name for the value it found: `string "x"`, `integer `5``, `sequence` …
fn unexpected(s: &str) -> Text {
    let after = |p: &str| s.strip_prefix(p).map(str::trim);
    if let Some(v) = after("string") {
        return label::found_text(v);
    }
    if let Some(v) = after("integer").or_else(|| after("floating point")) {
        return label::found_number(v);
    }
    if let Some(v) = after("boolean") {
        return label::found_boolean(v);
    }
    match s {
        "sequence" => label::found_list(),
        "map" => label::found_map(),
        "unit value" | "null" => label::found_nothing(),
        _ => label::field(s),
    }
}

/// serde's name for what it wanted: `a sequence`, `struct Contact`, `u32` …
fn expected(s: &str) -> Text {
    let s = s.trim();
    if s.starts_with("struct ") || s.contains("map") || s.contains("mapping") {
        return label::want_map();
    }
    if s.starts_with("enum ") || s.starts_with("variant ") {
        return label::want_choice();
    }
    if s.contains("sequence") || s.contains("list") || s.contains("tuple") {
        return label::want_list();
    }
    if s.contains("string") || s == "a character" || s == "a text value" {
        return label::want_text();
    }
    if s.contains("bool") {
        return label::want_boolean();
    }
    let integer = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    if integer.contains(&s) || s.contains("integer") {
        return label::want_whole_number();
    }
    if s == "f32" || s == "f64" || s.contains("number") {
        return label::want_number();
    }
    if let Some(n) = s
        .strip_suffix(" elements")
        .or_else(|| s.strip_suffix(" element"))
    {
        return label::want_elements(n);
    }
    label::field(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn serde_phrases_in_dutch() {
        let (m, h) = explain("invalid type: string \"x\", expected a sequence");
        assert_eq!(m.code(), Code::F204);
        assert_eq!(
            m.text().nl(),
            "verkeerd soort waarde: hier staat tekst \"x\", maar hier hoort een lijst"
        );
        assert_eq!(m.en(), "invalid type: string \"x\", expected a sequence");
        assert!(h.unwrap().nl().contains("lijst"));
        let (m, _) = explain("missing field `name`");
        assert_eq!(m.text().nl(), "het veld `name` ontbreekt");
        let (m, h) = explain("unknown variant `shelterr`, expected one of `shelter`, `food`");
        assert_eq!(
            (m.code(), m.text().nl()),
            (Code::F202, "onbekende waarde `shelterr`")
        );
        assert_eq!(h.unwrap().nl(), "bedoel je `shelter`?");
        let (m, _) = explain("invalid length 3, expected 2 elements");
        assert_eq!(
            m.text().nl(),
            "verkeerde lengte: 3, maar hier horen 2 waarden"
        );
        let (m, _) = explain("something nobody has seen");
        assert_eq!(m.code(), Code::Y101);
    }
}
