//! Markdown to HTML with pulldown-cmark. Raw HTML written in content is shown as text,
//! never passed through: editors cannot put script or styling on a page by accident.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Renders markdown to HTML; raw HTML becomes escaped text, the body's headings sit below
/// the page's own `<h1>`, and number runs are isolated for right-to-left pages.
pub fn to_html(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    // The body's highest heading becomes <h2>: the page title is the only <h1>, and no
    // level is skipped.
    let top = Parser::new_ext(markdown, opts)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    // An image from elsewhere is shown as its description only (check refuses it).
    let mut dropped_image = false;
    let parser = Parser::new_ext(markdown, opts).filter_map(move |event| {
        Some(match event {
            Event::Start(Tag::Image { ref dest_url, .. })
                if !crate::check::image_allowed(dest_url) =>
            {
                dropped_image = true;
                return None;
            }
            Event::End(pulldown_cmark::TagEnd::Image) if dropped_image => {
                dropped_image = false;
                return None;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Text(text) if text.bytes().any(|b| b.is_ascii_digit()) => {
                Event::InlineHtml(CowStr::from(isolate_numbers(&text)))
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level, top),
                id,
                classes,
                attrs,
            }),
            Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                Event::End(pulldown_cmark::TagEnd::Heading(demote(level, top)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !crate::check::link_allowed(&dest_url) => {
                // `check` refuses these; this is a second line of defence.
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from("#"),
                    title,
                    id,
                })
            }
            other => other,
        })
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// Moves a heading so that level `top` becomes `<h2>`.
fn demote(level: pulldown_cmark::HeadingLevel, top: usize) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match (level as usize + 2).saturating_sub(top) {
        0..=2 => H2,
        3 => H3,
        4 => H4,
        5 => H5,
        _ => H6,
    }
}

/// Escapes `text` for HTML and wraps runs like `0800-0113`, `050 123 45 67`, `2026-11-23`
/// and `21:00–09:00` in `<bdi>`, so right-to-left pages do not reorder their parts
/// (after Arabic letters, digits become Arabic numbers and separators stop joining them).
pub fn isolate_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // One pass over the bytes: digits and separators are ASCII, so every index where a run
    // starts or ends is a character boundary. (This runs for every text on every page.)
    let b = text.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // The separator that may join two digits at `i`, and its length in bytes.
    let separator_at = |i: usize| -> Option<usize> {
        match b.get(i)? {
            b'-' | b':' | b'/' | b'.' | b',' | b' ' => Some(1),
            // "–" (en dash) is E2 80 93.
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80u8, 0x93][..]) => Some(3),
            _ => None,
        }
    };
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if digit_at(i) {
            let mut separators = 0;
            loop {
                if digit_at(i) {
                    i += 1;
                } else if let Some(n) = separator_at(i).filter(|&n| digit_at(i + n)) {
                    separators += 1;
                    i += n;
                } else {
                    break;
                }
            }
            if separators > 0 {
                out.push_str("<bdi>");
                escape_into(&mut out, &text[start..i]);
                out.push_str("</bdi>");
            } else {
                out.push_str(&text[start..i]);
            }
        } else {
            while i < b.len() && !digit_at(i) {
                i += 1;
            }
            escape_into(&mut out, &text[start..i]);
        }
    }
    out
}

/// Appends `s` escaped for HTML text and attribute values.
fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, c) in s.bytes().enumerate() {
        let rep = match c {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_are_isolated() {
        assert_eq!(
            isolate_numbers("Bel 0800-0113 <nu>"),
            "Bel <bdi>0800-0113</bdi> &lt;nu&gt;"
        );
        assert_eq!(isolate_numbers("8 bedden, 24 uur"), "8 bedden, 24 uur");
        assert_eq!(
            isolate_numbers("van 21:00–09:00 op 2026-11-23"),
            "van <bdi>21:00–09:00</bdi> op <bdi>2026-11-23</bdi>"
        );
        assert!(to_html("Bel 050 123 45 67.").contains("<bdi>050 123 45 67</bdi>"));
        assert_eq!(
            isolate_numbers("1 & 2–3 \"x\" é9,5. 7–"),
            "1 &amp; <bdi>2–3</bdi> &quot;x&quot; é<bdi>9,5</bdi>. 7–"
        );
    }

    /// The first, char-by-char version: simple enough to trust, too slow for every page.
    fn isolate_numbers_reference(text: &str) -> String {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            if chars[i].is_ascii_digit() {
                let mut separators = 0;
                while i < chars.len() {
                    if chars[i].is_ascii_digit() {
                        i += 1;
                    } else if "-–:/., ".contains(chars[i])
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    {
                        separators += 1;
                        i += 1;
                    } else {
                        break;
                    }
                }
                let run: String = chars[start..i].iter().collect();
                if separators > 0 {
                    out.push_str(&format!("<bdi>{}</bdi>", escape(&run)));
                } else {
                    out.push_str(&run);
                }
            } else {
                while i < chars.len() && !chars[i].is_ascii_digit() {
                    i += 1;
                }
                out.push_str(&escape(&chars[start..i].iter().collect::<String>()));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn isolating_numbers_in_one_pass_equals_the_reference(
            text in "[0-9 .,:/\\-–—&<>\"aé٣€]{0,40}"
        ) {
            proptest::prop_assert_eq!(isolate_numbers(&text), isolate_numbers_reference(&text));
        }
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("Hallo <script>alert(1)</script>\n\n<div onclick=\"x()\">y</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn images_from_elsewhere_keep_only_their_description() {
        let html = to_html("![plan](https://tracker.example/p.png) ![x](javascript:alert(2)) ![ok](/static/plan.png)");
        assert!(
            !html.contains("tracker.example") && !html.contains("javascript"),
            "{html}"
        );
        assert!(
            html.contains("plan") && html.contains("<img src=\"/static/plan.png\""),
            "{html}"
        );
    }

    #[test]
    fn headings_sit_below_the_title_and_bad_links_are_neutralised() {
        assert_eq!(to_html("# Kop"), "<h2>Kop</h2>\n");
        assert_eq!(to_html("## Kop\n\n### Sub"), "<h2>Kop</h2>\n<h3>Sub</h3>\n");
        let html = to_html("[x](javascript:alert(1)) [y](https://ok.nl)");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("href=\"https://ok.nl\""), "{html}");
    }
}
