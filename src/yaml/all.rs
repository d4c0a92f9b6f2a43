//! Every problem of a YAML file in one run, where the parser can go on. serde stops at
//! the first problem; when the text is valid YAML, the problem's field is taken out of the
//! parsed tree (or, for a field written at the wrong depth, moved to where it belongs) and
//! the rest is read again, up to a limit. Positions come from the parser's events
//! ([`crate::yaml::layout::Spans`]), not from searching the text. When the text is not
//! valid YAML, every line whose indentation or tab explains that is reported at once.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::{hint, msg};
use crate::yaml::layout::{layout_problems, Spans};
use crate::yaml::{clean_message, serde_text, YamlError};

/// More than this many problems in one file are not worth listing: the first ones say
/// what is wrong.
const MAX: usize = 20;

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Map(String),
    Seq(usize),
    Other,
}

fn path_string(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Map(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Seq(i) => s.push_str(&format!("[{i}]")),
            Seg::Other => s.push_str(".?"),
        }
    }
    s
}

/// Reads `value` as `T`; on failure the path and serde's message.
fn attempt<T: DeserializeOwned>(value: &Value) -> Result<T, (Vec<Seg>, String)> {
    serde_path_to_error::deserialize::<_, T>(value.clone()).map_err(|e| {
        let segs = e
            .path()
            .iter()
            .map(|s| match s {
                serde_path_to_error::Segment::Map { key } => Seg::Map(key.clone()),
                serde_path_to_error::Segment::Seq { index } => Seg::Seq(*index),
                _ => Seg::Other,
            })
            .collect();
        (segs, e.into_inner().to_string())
    })
}

fn get_mut<'v>(mut v: &'v mut Value, segs: &[Seg]) -> Option<&'v mut Value> {
    for seg in segs {
        v = match (seg, v) {
            (Seg::Map(k), Value::Mapping(m)) => m.get_mut(k.as_str())?,
            (Seg::Seq(i), Value::Sequence(s)) => s.get_mut(*i)?,
            (Seg::Map(k), Value::Tagged(t)) => t.value.as_mapping_mut()?.get_mut(k.as_str())?,
            _ => return None,
        };
    }
    Some(v)
}

/// Takes the field at `segs` (ending in a map key) out of the tree.
fn remove(value: &mut Value, segs: &[Seg]) -> bool {
    let Some((Seg::Map(k), parent)) = segs.split_last() else {
        return false;
    };
    match get_mut(value, parent) {
        Some(Value::Mapping(m)) => m.remove(k.as_str()).is_some(),
        _ => false,
    }
}

/// The path cut after its last map key: what [`remove`] takes out. A problem inside a
/// list takes the whole list, so the positions of the later items stay those of the text.
fn removable(segs: &[Seg]) -> Option<Vec<Seg>> {
    let last_map = segs.iter().rposition(|s| matches!(s, Seg::Map(_)))?;
    Some(segs[..=last_map].to_vec())
}

/// For an unknown field `f` in a mapping: is it a field of the mapping just before it,
/// written one level too far left? Moves it there in `value` when so, and returns the
/// name of that mapping's key.
fn moved_into_previous<T: DeserializeOwned>(value: &mut Value, segs: &[Seg]) -> Option<String> {
    let (Seg::Map(f), parent) = segs.split_last()? else {
        return None;
    };
    let m: &Mapping = match get_mut(value, parent)? {
        Value::Mapping(m) => m,
        _ => return None,
    };
    let keys: Vec<&Value> = m.keys().collect();
    let at = keys.iter().position(|k| k.as_str() == Some(f.as_str()))?;
    let prev_key = keys.get(at.checked_sub(1)?)?.as_str()?.to_string();
    if !matches!(m.get(prev_key.as_str()), Some(Value::Mapping(pm)) if !pm.contains_key(f.as_str()))
    {
        return None;
    }
    let mut trial = value.clone();
    let Some(Value::Mapping(tm)) = get_mut(&mut trial, parent) else {
        return None;
    };
    let moved = tm.remove(f.as_str())?;
    if let Some(Value::Mapping(pm)) = tm.get_mut(prev_key.as_str()) {
        pm.insert(Value::String(f.clone()), moved);
    }
    let mut inside = parent.to_vec();
    inside.push(Seg::Map(prev_key.clone()));
    inside.push(Seg::Map(f.clone()));
    let fits = match attempt::<T>(&trial) {
        Ok(_) => true,
        Err((p, _)) => p != inside && p != segs,
    };
    if fits {
        *value = trial;
        Some(prev_key)
    } else {
        None
    }
}

/// Parses `text` into `T`, or returns every problem found (at least one).
pub fn parse_all<T: DeserializeOwned>(text: &str) -> Result<T, Vec<YamlError>> {
    parse_all_from(text, 1)
}

/// As [`parse_all`] for YAML that starts on line `first_line` of its file (front matter):
/// messages that name a line name the file's line. Positions stay those of `text`.
pub fn parse_all_from<T: DeserializeOwned>(
    text: &str,
    first_line: usize,
) -> Result<T, Vec<YamlError>> {
    let first = match crate::yaml::parse::<T>(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let Ok(mut value) = serde_yaml::from_str::<Value>(text) else {
        let layout = layout_problems(text, first_line);
        if layout.is_empty() {
            return Err(vec![first]);
        }
        return Err(layout
            .into_iter()
            .map(|l| YamlError {
                line: Some(l.line + 1 - first_line),
                column: Some(l.column),
                field: None,
                message: l.message,
                hint: Some(l.hint),
            })
            .collect());
    };
    let spans = Spans::of(text).unwrap_or_default();
    let mut out: Vec<YamlError> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    for round in 0..MAX {
        let (segs, raw) = match attempt::<T>(&value) {
            Ok(_) => break,
            Err(e) => e,
        };
        let path = path_string(&segs);
        // A later problem without a place (a flattened struct loses the path) most likely
        // follows from what was taken out: stop rather than guess.
        if round > 0 && segs.is_empty() {
            break;
        }
        if out
            .iter()
            .any(|e| e.field.as_deref() == Some(path.as_str()) && round > 0)
        {
            break;
        }
        let message = clean_message(&raw, &path);
        if message.starts_with("missing field") {
            let missing = message.split('`').nth(1).unwrap_or("");
            let full = if path.is_empty() || path == "." {
                missing.to_string()
            } else {
                format!("{path}.{missing}")
            };
            if removed.contains(&full) {
                break;
            }
        }
        if message.starts_with("unknown field") {
            if let Some(owner) = moved_into_previous::<T>(&mut value, &segs) {
                let f = match segs.last() {
                    Some(Seg::Map(f)) => f.clone(),
                    _ => String::new(),
                };
                let parent = path_string(&segs[..segs.len() - 1]);
                let owner_path = if parent.is_empty() {
                    owner.clone()
                } else {
                    format!("{parent}.{owner}")
                };
                let indent = spans
                    .order
                    .iter()
                    .find(|p| p.starts_with(&format!("{owner_path}.")))
                    .and_then(|p| spans.keys.get(p))
                    .map_or(2, |(_, c)| c - 1);
                let at = spans.keys.get(&path).copied();
                out.push(YamlError {
                    line: at.map(|a| a.0),
                    column: at.map(|a| a.1),
                    field: Some(path.clone()),
                    message: msg::wrong_depth(&f, &owner),
                    hint: Some(hint::indent_under(&f, indent, &owner)),
                });
                continue;
            }
        }
        let same_as_first = first.field.as_deref().unwrap_or(".") == path.as_str()
            || (first.field.is_none() && (path.is_empty() || path == "."));
        if round == 0 && same_as_first {
            out.push(first.clone());
        } else {
            let at = if message.starts_with("unknown field") || message.starts_with("duplicate") {
                spans.keys.get(&path)
            } else {
                spans.values.get(&path).or_else(|| spans.keys.get(&path))
            }
            .copied();
            let (message, hint) = serde_text::explain(&message);
            out.push(YamlError {
                line: at.map(|a| a.0),
                column: at.map(|a| a.1),
                field: (!path.is_empty() && path != ".").then(|| path.clone()),
                message,
                hint,
            });
        }
        let Some(target) = removable(&segs) else {
            break;
        };
        if !remove(&mut value, &target) {
            break;
        }
        removed.push(path_string(&target));
    }
    if out.is_empty() {
        out.push(first);
    }
    out.sort_by_key(|e| (e.line, e.column));
    Err(out)
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
        count: Option<u8>,
        contact: Option<Contact>,
        tags: Option<Vec<u8>>,
    }

    #[test]
    fn three_problems_in_one_run() {
        let text = "name: x\ncount: many\ncontact:\n  phnoe: '1'\ntags: [1, x]\ncolour: red\n";
        let errs = parse_all::<Doc>(text).unwrap_err();
        let got: Vec<(Option<usize>, Option<&str>)> =
            errs.iter().map(|e| (e.line, e.field.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Some(2), Some("count")),
                (Some(4), Some("contact.phnoe")),
                (Some(5), Some("tags[1]")),
                (Some(6), Some("colour")),
            ],
            "{errs:#?}"
        );
    }

    #[test]
    fn a_field_too_far_left_is_said_so() {
        let text = "name: x\ncontact:\n  website: y\nphone: '050'\n";
        let errs = parse_all::<Doc>(text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].message.code(), crate::diagnostics::Code::Y104);
        assert_eq!(errs[0].line, Some(4));
        assert_eq!(
            errs[0].message.en(),
            "`phone` is at the wrong depth: it is a field of `contact`"
        );
        assert_eq!(
            errs[0].hint.as_ref().map(|h| h.en()),
            Some("indent `phone` with 2 spaces, under `contact:`")
        );
    }

    #[test]
    fn a_missing_field_after_a_removed_one_is_not_reported() {
        let errs = parse_all::<Doc>("name: [1]\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }
}
