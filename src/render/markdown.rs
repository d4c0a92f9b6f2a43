//! Markdown to HTML with pulldown-cmark. Raw HTML written in content is shown as text,
//! never passed through: editors cannot put script or styling on a page by accident.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Renders markdown to HTML; raw HTML becomes escaped text. `heading_offset` shifts
/// heading levels so a body's `#` sits below the page's own `<h1>`.
pub fn to_html(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, opts).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
            Event::End(pulldown_cmark::TagEnd::Heading(demote(level)))
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

/// `#` in content becomes `<h2>`: the page title is the only `<h1>`.
fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let html = to_html("[x](javascript:alert(1)) [y](https://ok.nl)");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("href=\"https://ok.nl\""), "{html}");
    }
}
