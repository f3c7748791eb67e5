//! JSON paths (`$.credentialSubject.achievement.foo`, `$.evidence[0].bar`) for error reports.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

pub(crate) fn render(segments: &[Segment<'_>]) -> String {
    let mut out = String::from("$");
    for segment in segments {
        match segment {
            Segment::Key(key) if is_plain(key) => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Key(key) => {
                out.push_str("['");
                for c in key.chars() {
                    if matches!(c, '\'' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push_str("']");
            }
            Segment::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    out
}

/// RFC 9535 member-name shorthand: other keys (`@context`, IRIs) use bracket notation.
fn is_plain(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii())
        && !key.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_keys_indexes_and_quoted_keys() {
        let path = [
            Segment::Key("evidence"),
            Segment::Index(0),
            Segment::Key("bar"),
            Segment::Key("a b'c"),
            Segment::Key("@context"),
        ];
        assert_eq!(render(&path), r"$.evidence[0].bar['a b\'c']['@context']");
        assert_eq!(render(&[]), "$");
    }
}
