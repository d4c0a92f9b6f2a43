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
    // Inside a link (or an image's description) a phone number is not made a link again.
    let mut in_link = 0usize;
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
                Event::InlineHtml(CowStr::from(isolate(&text, in_link == 0)))
            }
            Event::Start(Tag::Image { .. }) => {
                in_link += 1;
                event
            }
            Event::End(pulldown_cmark::TagEnd::Link | pulldown_cmark::TagEnd::Image) => {
                in_link = in_link.saturating_sub(1);
                event
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
            }) => {
                in_link += 1;
                // `check` refuses bad links; this is a second line of defence.
                let dest_url = if crate::check::link_allowed(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("#")
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
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
    isolate(text, false)
}

/// As [`isolate_numbers`], and phone numbers become `tel:` links: for text that is not
/// inside a link (a service's phone note, say).
pub fn call_links(text: &str) -> String {
    isolate(text, true)
}

/// As [`isolate_numbers`]; with `call`, a run shaped like a Dutch phone number (see
/// [`phone_digits`]) becomes a `tel:` link around its `<bdi>`, so it can be tapped.
fn isolate(text: &str, call: bool) -> String {
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
            let tel = if call {
                phone_digits(text, start, i)
            } else {
                None
            };
            if let Some(digits) = tel {
                out.push_str("<a class=\"tel\" href=\"tel:");
                out.push_str(&digits);
                out.push_str("\"><bdi>");
                escape_into(&mut out, &text[start..i]);
                out.push_str("</bdi></a>");
            } else if separators > 0 {
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

/// The digits to dial when `text[start..end]` (a run of digits and separators) is a Dutch
/// phone number: 112 and 113; 14 and an area code (`14 050`, `14 0592`); 0800 and 0900
/// numbers (`0800-0113`, `0900 1234`); ten digits from a 0 (`050 587 58 85`,
/// `088-1234567`, `06-12345678`). Only spaces and hyphens may join its groups, so dates
/// (`2026-12-25`, `25-12-2026`), times (`09:00–17:00`), amounts (`1.250`) and postcodes or
/// house numbers (`9401`, `12`) are never numbers to call. A run inside a word or right after
/// a `+`, `€` or another number is left alone.
pub fn phone_digits(text: &str, start: usize, end: usize) -> Option<String> {
    let run = &text[start..end];
    if !run
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
    {
        return None;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "+€$£_/@".contains(c));
    if joined(before) || joined(after) {
        return None;
    }
    let digits: String = run
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(char::from)
        .collect();
    let groups: Vec<&str> = run.split([' ', '-']).collect();
    let ok = match digits.len() {
        3 => digits == "112" || digits == "113",
        // 14 + area code: "14 050", "14 0592" (the 14 stands apart).
        5 | 6 => groups.len() == 2 && groups[0] == "14" && groups[1].starts_with('0'),
        // 0800-xxxx, 0900-xxxxxxx: the prefix stands apart.
        8..=11 if ["0800", "0900", "0906", "0909"].contains(&groups[0]) && groups.len() > 1 => true,
        // A full Dutch number: ten digits from a 0 (not 00), the first group 2 to 4 digits.
        10 => {
            digits.starts_with('0')
                && !digits.starts_with("00")
                && (groups.len() == 1 || (2..=4).contains(&groups[0].len()))
        }
        _ => false,
    };
    ok.then_some(digits)
}

/// Appends `s` escaped for HTML text and attribute values.
fn escape_into(out: &mut String, s: &str) {
    crate::escape::markup_into(out, s)
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

    fn call(text: &str) -> Option<String> {
        phone_digits(text, 0, text.len())
    }

    #[test]
    fn phone_numbers_are_recognised() {
        for (text, digits) in [
            ("112", "112"),
            ("113", "113"),
            ("0800-0113", "08000113"),
            ("0800-2000", "08002000"),
            ("0800 2000", "08002000"),
            ("0900-1234567", "09001234567"),
            ("14 050", "14050"),
            ("14 0592", "140592"),
            ("050 587 58 85", "0505875885"),
            ("088-1234567", "0881234567"),
            ("06-12345678", "0612345678"),
            ("0505875885", "0505875885"),
            ("020 123 4567", "0201234567"),
        ] {
            assert_eq!(call(text).as_deref(), Some(digits), "{text}");
        }
    }

    #[test]
    fn dates_times_postcodes_and_counts_are_not_phone_numbers() {
        for text in [
            "2026-12-25",
            "25-12-2026",
            "01-12-2026",
            "09:00",
            "09:00–17:00",
            "21:00-09:00",
            "9401",
            "12",
            "24",
            "2024",
            "1.250",
            "0,50",
            "114",
            "111",
            "1130",
            "14",
            "140 50",
            "0800",
            "0031 50 123 45",
            "0012345678",
            "12345 67890",
            "23",
            "18-23",
        ] {
            assert_eq!(call(text), None, "{text}");
        }
        // Inside a word, after + or €, or glued to other characters.
        assert_eq!(phone_digits("A112", 1, 4), None);
        assert_eq!(phone_digits("+112", 1, 4), None);
        assert_eq!(phone_digits("€112", 3, 6), None);
        assert_eq!(phone_digits("112b", 0, 3), None);
        assert_eq!(phone_digits("(112)", 1, 4).as_deref(), Some("112"));
    }

    #[test]
    fn phone_numbers_in_markdown_become_call_links() {
        let html = to_html("Bel **112**. Of bel **Veilig Thuis: 0800-2000**, gratis.");
        assert!(
            html.contains(r#"<a class="tel" href="tel:112"><bdi>112</bdi></a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a class="tel" href="tel:08002000"><bdi>0800-2000</bdi></a>"#),
            "{html}"
        );
        let html = to_html("Op 2026-12-25 van 09:00–17:00, Hoofdstraat 12, 9401 JW. 8 bedden.");
        assert!(!html.contains("tel:"), "{html}");
        // Not a link inside a link.
        let html = to_html("[bel 113](https://www.113.nl/) of 0800-0113");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(html.contains(r#"href="tel:08000113""#), "{html}");
        assert!(!html.contains(r#"href="tel:113""#), "{html}");
        // Plain isolation (the templates' bdi filter) makes no links.
        assert!(!isolate_numbers("Bel 0800-0113").contains("tel:"));
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
