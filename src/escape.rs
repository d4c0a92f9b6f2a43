//! Escaping for HTML and XML text and attribute values: the one function every writer of
//! markup that is not a template uses (templates escape on their own).

/// Appends `s` with `&`, `<`, `>` and `"` escaped: safe in text and in a quoted attribute,
/// in HTML and in XML.
pub fn markup_into(out: &mut String, s: &str) {
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

/// `s` escaped as by [`markup_into`].
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    markup_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_four_characters() {
        assert_eq!(super::markup("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d'");
        assert_eq!(super::markup("plain"), "plain");
    }
}
