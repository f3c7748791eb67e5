//! IRI syntax helpers: keyword recognition and RFC 3986 reference resolution.
//!
//! Only the basic algorithm of RFC 3986 §5.2 is used, as JSON-LD requires: no syntax- or
//! scheme-based normalization, so that signed documents resolve identically everywhere.

/// The JSON-LD 1.1 keywords (framing keywords are not part of expansion).
pub fn is_keyword(value: &str) -> bool {
    value.starts_with('@')
        && matches!(
            value,
            "@base"
                | "@container"
                | "@context"
                | "@direction"
                | "@graph"
                | "@id"
                | "@import"
                | "@included"
                | "@index"
                | "@json"
                | "@language"
                | "@list"
                | "@nest"
                | "@none"
                | "@prefix"
                | "@propagate"
                | "@protected"
                | "@reverse"
                | "@set"
                | "@type"
                | "@value"
                | "@version"
                | "@vocab"
        )
}

/// `@` followed by ASCII letters only: reserved for future keywords, so JSON-LD ignores it.
pub fn has_keyword_form(value: &str) -> bool {
    value.len() > 1
        && value.starts_with('@')
        && value.bytes().skip(1).all(|byte| byte.is_ascii_alphabetic())
}

/// BCP 47 well-formedness as JSON-LD processors check it: letters, then `-`-separated
/// alphanumeric subtags of at most 8 characters.
pub fn is_well_formed_language(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    (1..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub fn is_blank_node(value: &str) -> bool {
    value.starts_with("_:")
}

/// An absolute IRI (a scheme, then `:`) or a blank node identifier, without whitespace.
pub fn is_absolute_iri(value: &str) -> bool {
    scheme_len(value).is_some() && !has_whitespace(value)
}

/// `value.contains(char::is_whitespace)`, testing eight bytes at a time while they are
/// printable ASCII (almost every IRI): this runs on every expanded `@id` and `@type`.
fn has_whitespace(value: &str) -> bool {
    const LOW: u64 = 0x2121_2121_2121_2121;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let bytes = value.as_bytes();
    let mut checked = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        // A high bit is set when some byte is below 0x21 (a control or space: a borrow) or
        // non-ASCII; only then does this word need a closer look.
        if (word.wrapping_sub(LOW) | word) & HIGH_BITS != 0 {
            break;
        }
        checked += 8;
    }
    let rest = bytes.get(checked..).unwrap_or_default();
    for (offset, &byte) in rest.iter().enumerate() {
        if byte >= 0x80 {
            // Every byte before is ASCII, so this is a character boundary.
            return value
                .get(checked + offset..)
                .is_some_and(|tail| tail.contains(char::is_whitespace));
        }
        // The ASCII members of Unicode White_Space: TAB, LF, VT, FF, CR and SPACE.
        if matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            return true;
        }
    }
    false
}

/// True for an absolute IRI proper (not a blank node identifier).
pub fn is_iri(value: &str) -> bool {
    !is_blank_node(value) && is_absolute_iri(value)
}

/// Length of the scheme (without the colon), when `value` starts with one.
fn scheme_len(value: &str) -> Option<usize> {
    let colon = value.find(':')?;
    let scheme = &value[..colon];
    let mut bytes = scheme.bytes();
    let first = bytes.next()?;
    if !first.is_ascii_alphabetic() && first != b'_' {
        return None;
    }
    if scheme == "_" || bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        Some(colon)
    } else {
        None
    }
}

/// True when the IRI ends with a URI gen-delim, so that a simple term mapping to it may act
/// as a prefix in compact IRIs.
pub fn ends_with_gen_delim(iri: &str) -> bool {
    matches!(
        iri.chars().last(),
        Some(':' | '/' | '?' | '#' | '[' | ']' | '@')
    )
}

struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn parse(reference: &str) -> Parts<'_> {
    let (scheme, rest) = match scheme_len(reference) {
        Some(len) if &reference[..len] != "_" => (Some(&reference[..len]), &reference[len + 1..]),
        _ => (None, reference),
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    Parts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 §5.2.4, on string slices.
fn remove_dot_segments(path: &str) -> String {
    let mut output = String::with_capacity(path.len());
    let mut input = path;
    while !input.is_empty() {
        if let Some(rest) = input.strip_prefix("../") {
            input = rest;
        } else if let Some(rest) = input.strip_prefix("./") {
            input = rest;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") || input == "/.." {
            input = if input == "/.." { "/" } else { &input[3..] };
            let cut = output.rfind('/').unwrap_or(0);
            output.truncate(cut);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |i| i + start);
            output.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    output
}

/// Resolves `reference` against the absolute `base` (RFC 3986 §5.2.2).
pub fn resolve(base: &str, reference: &str) -> String {
    let r = parse(reference);
    if r.scheme.is_some() {
        return compose(
            r.scheme,
            r.authority,
            &remove_dot_segments(r.path),
            r.query,
            r.fragment,
        );
    }
    let b = parse(base);
    if r.authority.is_some() {
        return compose(
            b.scheme,
            r.authority,
            &remove_dot_segments(r.path),
            r.query,
            r.fragment,
        );
    }
    let (path, query) = if r.path.is_empty() {
        (b.path.to_owned(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (remove_dot_segments(r.path), r.query)
    } else {
        let merged = if b.authority.is_some() && b.path.is_empty() {
            format!("/{}", r.path)
        } else {
            match b.path.rfind('/') {
                Some(slash) => format!("{}{}", &b.path[..=slash], r.path),
                None => r.path.to_owned(),
            }
        };
        (remove_dot_segments(&merged), r.query)
    };
    compose(b.scheme, b.authority, &path, query, r.fragment)
}

fn compose(
    scheme: Option<&str>,
    authority: Option<&str>,
    path: &str,
    query: Option<&str>,
    fragment: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(scheme) = scheme {
        out.push_str(scheme);
        out.push(':');
    }
    if let Some(authority) = authority {
        out.push_str("//");
        out.push_str(authority);
    }
    out.push_str(path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_normal_examples() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn keyword_form_and_absolute() {
        assert!(has_keyword_form("@foo"));
        assert!(!has_keyword_form("@foo1"));
        assert!(!has_keyword_form("@"));
        assert!(is_absolute_iri("urn:uuid:1"));
        assert!(is_absolute_iri("_:b0"));
        assert!(!is_absolute_iri("foo"));
        assert!(!is_absolute_iri("a b:c"));
        for space in [
            "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{3000}",
        ] {
            assert!(!is_absolute_iri(&format!("urn:x{space}y")), "{space:?}");
            assert!(is_absolute_iri(&format!("urn:x{}y", "\u{1f}")));
        }
        assert!(is_absolute_iri("urn:日本"));
        assert!(!is_absolute_iri("urn:日本\u{3000}x"));
        assert!(!is_absolute_iri("urn:日本 x"));
        for byte in 0u8..0x80 {
            for prefix in ["urn:", "https://e.example/aaaaaaaaaa/", "urn:é-"] {
                for suffix in ["", "tail-tail-tail"] {
                    let text = format!("{prefix}{}{suffix}", char::from(byte));
                    assert_eq!(
                        has_whitespace(&text),
                        text.contains(char::is_whitespace),
                        "{text:?}"
                    );
                }
            }
        }
        for text in [
            "",
            "a",
            "https://e.example/abcdefgh/ijklmnop/\u{2003}",
            "x\u{85}",
        ] {
            assert_eq!(
                has_whitespace(text),
                text.contains(char::is_whitespace),
                "{text:?}"
            );
        }
        assert!(!is_iri("_:b0"));
        assert!(is_well_formed_language("en"));
        assert!(is_well_formed_language("zh-Hant-TW"));
        assert!(!is_well_formed_language("en_US"));
        assert!(!is_well_formed_language(""));
        assert!(!is_well_formed_language("abcdefghi-x"));
    }
}
