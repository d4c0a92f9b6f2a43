//! Where things are in a YAML text, from the parser's own events (saphyr-parser), and what
//! is wrong with its layout. serde_yaml stays the deserializer (src/yaml.rs); this reader
//! beside it keeps the spans that serde drops, so a problem found after parsing points at
//! the key or value itself, and an indentation mistake can be said in the editor's terms:
//! "line 15 has 3 spaces; the other fields of `contact` have 2".

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::diagnostics::{hint, msg, Msg, Text};

/// Positions (1-based line and column) of every key and value, by dotted path as
/// serde_path_to_error writes it (`contact.phone`, `hours.exceptions[0].date`).
#[derive(Debug, Default)]
pub struct Spans {
    pub keys: HashMap<String, (usize, usize)>,
    pub values: HashMap<String, (usize, usize)>,
    /// Every scalar in document order with its position.
    pub scalars: Vec<(String, (usize, usize))>,
    /// Key paths in document order.
    pub order: Vec<String>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Spans {
    /// Reads `text` with the event parser; `None` when it is not valid YAML.
    pub fn of(text: &str) -> Option<Spans> {
        let mut s = Spans::default();
        let mut stack: Vec<Frame> = Vec::new();
        for ev in Parser::new_from_str(text) {
            let (ev, span) = ev.ok()?;
            let at = (span.start.line(), span.start.col() + 1);
            // The path of a value arriving here, and whether it is a key.
            let slot = |stack: &mut Vec<Frame>| -> Option<(String, bool)> {
                match stack.last_mut()? {
                    Frame::Map { path, key } => match key.take() {
                        None => Some((path.clone(), true)),
                        Some(k) => Some((join(path, &k), false)),
                    },
                    Frame::Seq { path, index } => {
                        *index += 1;
                        Some((format!("{path}[{}]", *index - 1), false))
                    }
                }
            };
            match ev {
                Event::Scalar(v, ..) => {
                    s.scalars.push((v.to_string(), at));
                    match slot(&mut stack) {
                        Some((parent, true)) => {
                            let p = join(&parent, &v);
                            s.keys.insert(p.clone(), at);
                            s.order.push(p);
                            if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                                *key = Some(v.to_string());
                            }
                        }
                        Some((p, false)) => {
                            s.values.entry(p).or_insert(at);
                        }
                        None => {}
                    }
                }
                Event::Alias(_) => {
                    if let Some((p, false)) = slot(&mut stack) {
                        s.values.entry(p).or_insert(at);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = match slot(&mut stack) {
                        Some((p, false)) => {
                            s.values.entry(p.clone()).or_insert(at);
                            p
                        }
                        // A mapping as a key: not in onderdak's files; keep going.
                        Some((p, true)) => p,
                        None => String::new(),
                    };
                    stack.push(if matches!(ev, Event::MappingStart(..)) {
                        Frame::Map { path, key: None }
                    } else {
                        Frame::Seq { path, index: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        Some(s)
    }

    /// The first key whose path, without list indexes, is `segments` joined by dots.
    pub fn key(&self, segments: &[&str]) -> Option<(usize, usize)> {
        let want = segments.join(".");
        self.order
            .iter()
            .find(|p| strip_indexes(p) == want)
            .and_then(|p| self.keys.get(p).copied())
    }

    /// The first scalar that is exactly `value`.
    pub fn scalar(&self, value: &str) -> Option<(usize, usize)> {
        self.scalars
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, at)| *at)
    }
}

fn strip_indexes(p: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in p.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A layout problem: 1-based line and column, the message (with its code) and the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub line: usize,
    pub column: usize,
    pub message: Msg,
    pub hint: Text,
}

/// One level of fields in [`layout_problems`]: their indent and the field they are in.
struct Level {
    indent: usize,
    owner: String,
}

/// Tabs in indentation and lines indented to a depth that fits no field around them.
/// Only meaningful for a text the YAML parser refused: such lines are always errors, but
/// they are looked for only then (a text that parses is laid out well enough).
pub fn layout_problems(text: &str, first_line: usize) -> Vec<Layout> {
    let mut out = Vec::new();
    let mut levels: Vec<Level> = vec![Level {
        indent: 0,
        owner: String::new(),
    }];
    // The previous key line: its key, indent of the key, and whether it opened a block.
    let mut prev: Option<(String, usize, bool)> = None;
    let mut block_scalar: Option<usize> = None;
    let mut flow_depth: i32 = 0;
    for (i, raw) in text.lines().enumerate() {
        // The line as the editor sees it, in the whole file (front matter starts lower).
        let n = i + first_line;
        let body = raw.trim_start_matches([' ', '\t']);
        let lead = &raw[..raw.len() - body.len()];
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if lead.contains('\t') {
            out.push(Layout {
                line: n,
                column: lead.find('\t').unwrap_or(0) + 1,
                message: msg::tab_indent(n),
                hint: hint::replace_tab(),
            });
            continue;
        }
        let indent = lead.len();
        if let Some(b) = block_scalar {
            if indent > b {
                continue;
            }
            block_scalar = None;
        }
        if flow_depth > 0 {
            flow_depth += flow_change(body);
            continue;
        }
        // `- key: value` counts as a key at the column after the dash.
        let mut key_indent = indent;
        let mut rest = body;
        let mut dashes = 0;
        while let Some(r) = rest
            .strip_prefix("- ")
            .or(if rest == "-" { Some("") } else { None })
        {
            let r2 = r.trim_start_matches(' ');
            key_indent += rest.len() - r2.len();
            rest = r2;
            dashes += 1;
        }
        let key = key_of(rest);
        let Some(key) = key else {
            // A continuation line of a text, or a list item without a key.
            if dashes > 0 {
                prev = None;
            }
            flow_depth += flow_change(rest);
            continue;
        };
        let value = rest[key.len()..].trim_start_matches(':').trim();
        let opens = value.is_empty() || value.starts_with('#');
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar = Some(key_indent.min(indent));
        }
        flow_depth += flow_change(value);
        let check_indent = if dashes > 0 { indent } else { key_indent };
        let mut popped: Option<(usize, String)> = None;
        while levels.len() > 1 && levels.last().is_some_and(|l| l.indent > check_indent) {
            let l = levels.pop().expect("len > 1");
            popped = Some((l.indent, l.owner));
        }
        let top = levels.last().expect("root level");
        if check_indent > top.indent {
            match (&prev, popped) {
                (_, Some((m, owner))) => out.push(wrong_indent(n, key, check_indent, m, &owner)),
                (Some((pk, pi, true)), None) if *pi < check_indent => {
                    let owner = pk.clone();
                    levels.push(Level {
                        indent: check_indent,
                        owner,
                    });
                }
                // One whole step further right than the field before it, which holds a
                // value: the field belongs beside it, not under it.
                (Some((pk, pi, false)), None)
                    if *pi == top.indent && check_indent - top.indent == step(&levels) =>
                {
                    out.push(Layout {
                        line: n,
                        column: check_indent + 1,
                        message: if top.owner.is_empty() {
                            msg::too_far_right_top(key, pk)
                        } else {
                            msg::too_far_right(key, &top.owner, pk)
                        },
                        hint: if top.owner.is_empty() {
                            hint::unindent_top(key, pk)
                        } else {
                            hint::indent_field(key, top.indent, &top.owner)
                        },
                    })
                }
                (_, None) => out.push(wrong_indent(n, key, check_indent, top.indent, &top.owner)),
            }
        }
        if dashes > 0 {
            // The fields of this list item sit at `key_indent`.
            let owner = levels.last().map(|l| l.owner.clone()).unwrap_or_default();
            levels.push(Level {
                indent: key_indent,
                owner,
            });
        }
        prev = Some((key.to_string(), key_indent, opens));
    }
    out
}

/// The indent of one level in this file: the last level's, or 2.
fn step(levels: &[Level]) -> usize {
    match levels {
        [.., a, b] if b.indent > a.indent => b.indent - a.indent,
        _ => 2,
    }
}

fn wrong_indent(line: usize, key: &str, n: usize, m: usize, owner: &str) -> Layout {
    let (message, hint) = if owner.is_empty() {
        (msg::indent_like_before(line, n, m), hint::indent_line(m))
    } else {
        (
            msg::indent_like_siblings(line, n, owner, m),
            hint::indent_field(key, m, owner),
        )
    };
    Layout {
        line,
        column: n + 1,
        message,
        hint,
    }
}

/// `name` of `name: value` or `name:`; `None` for other lines.
fn key_of(s: &str) -> Option<&str> {
    let end = s.find(':')?;
    let k = &s[..end];
    let after = &s[end + 1..];
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with(' '));
    ok.then_some(k)
}

fn flow_change(s: &str) -> i32 {
    let mut d = 0;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[' | '{') => d += 1,
            (None, ']' | '}') => d -= 1,
            _ => {}
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn spans_of_keys_values_and_list_items() {
        let s = Spans::of(
            "name: x\ncontact:\n  phone: '1'\nneeds: [a, b]\nhours:\n  ex:\n    - { date: d }\n",
        )
        .unwrap();
        assert_eq!(s.keys["contact.phone"], (3, 3));
        assert_eq!(s.values["contact.phone"], (3, 10));
        assert_eq!(s.values["needs[1]"], (4, 12));
        assert_eq!(s.keys["hours.ex[0].date"], (7, 9));
        assert_eq!(s.key(&["hours", "ex", "date"]), Some((7, 9)));
        assert_eq!(s.scalar("b"), Some((4, 12)));
    }

    #[test]
    fn three_spaces_among_two() {
        let p = layout_problems("name: x\ncontact:\n  phone: '1'\n   website: y\n", 1);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, 4);
        assert_eq!(
            p[0].message.en(),
            "line 4 has 3 spaces; the other fields of `contact` have 2"
        );
        assert_eq!(
            p[0].message.text().nl(),
            "regel 4 heeft 3 spaties; de andere velden van `contact` hebben er 2"
        );
    }

    #[test]
    fn a_field_one_step_too_far_right() {
        let p = layout_problems("name: x\ncontact:\n  website: y\n    phone: '1'\n", 1);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].line, p[0].column), (4, 5));
        assert_eq!(p[0].message.code(), Code::Y104);
        assert_eq!(
            p[0].message.text().nl(),
            "`phone` staat te ver naar rechts: het is een veld van `contact`, net als `website`"
        );
        assert_eq!(
            p[0].hint.nl(),
            "spring `phone` in met 2 spaties, net als de andere velden van `contact`"
        );
        let p = layout_problems("name: x\n  phone: '1'\n", 1);
        assert_eq!(p[0].message.code(), Code::Y104, "{p:?}");
        assert_eq!(
            p[0].message.en(),
            "`phone` is too far to the right: it is a field of its own, like `name`"
        );
    }

    #[test]
    fn a_dedent_between_levels() {
        let p = layout_problems("contact:\n   phone: '1'\n  website: y\nname: x\n", 1);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, 3);
        assert_eq!(
            p[0].message.en(),
            "line 3 has 2 spaces; the other fields of `contact` have 3"
        );
    }

    #[test]
    fn tabs_and_good_layouts() {
        let p = layout_problems("a:\n\tb: 1\n\tc: 2\n", 1);
        assert_eq!(
            p.iter()
                .map(|l| (l.line, l.message.code()))
                .collect::<Vec<_>>(),
            [(2, Code::Y103), (3, Code::Y103)]
        );
        let good = "name: x\nlist:\n  - id: a\n    label: b\n    opts:\n      - { id: c }\n  - id: d\ntext: |\n  free: text\n    here\nafter: 1\nflow: [a,\n   b]\n";
        assert_eq!(layout_problems(good, 1), vec![]);
    }
}
