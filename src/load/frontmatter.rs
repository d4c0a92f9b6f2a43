//! Splits a markdown file into its YAML front matter and its body.

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line number (1-based) in the file where the YAML starts; add it to YAML positions.
    pub yaml_first_line: usize,
    pub body: &'a str,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    NoFrontMatter,
    /// The opening `---` has no closing `---` line.
    NeverClosed,
}

/// Front matter is the text between a first line `---` and the next line `---`.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::NoFrontMatter);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |e| pos + e);
        if text[pos..end].trim_end() == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_first_line: 2,
                body: &text[body_start..],
            });
        }
        pos = end + 1;
    }
    Err(SplitError::NeverClosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\nname: x\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "name: x\n");
        assert_eq!(s.body, "Body\n");
        let s = split("---\r\nname: x\r\n---\r\n").unwrap();
        assert_eq!(s.yaml, "name: x\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(split("name: x\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(split("---\nname: x\n"), Err(SplitError::NeverClosed));
        assert_eq!(split(""), Err(SplitError::NoFrontMatter));
        assert_eq!(split("---"), Err(SplitError::NeverClosed));
    }
}
