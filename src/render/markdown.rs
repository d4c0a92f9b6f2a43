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
    let parser = Parser::new_ext(markdown, opts).map(|event| match event {
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
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
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
                out.push_str("<bdi>");
                out.push_str(&escape(&run));
                out.push_str("</bdi>");
            } else {
                out.push_str(&run);
            }
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_ascii_digit() {
                i += 1;
            }
            out.push_str(&escape(&chars[start..i].iter().collect::<String>()));
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("Hallo <script>alert(1)</script>\n\n<div onclick=\"x()\">y</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
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
