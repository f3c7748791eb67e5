//! DID syntax, as DID Core §3.1 defines it. Only the syntax: resolving is the verifier's job.

/// Whether `text` is a DID (not a DID URL: no path, query or fragment).
pub fn is_did(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("did:") else {
        return false;
    };
    let Some((method, specific)) = rest.split_once(':') else {
        return false;
    };
    let method_ok = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    method_ok && valid_method_specific_id(specific)
}

fn valid_method_specific_id(specific: &str) -> bool {
    // `*( *idchar ":" ) 1*idchar`: colons may separate, but the last segment is not empty.
    if specific.is_empty() || specific.ends_with(':') {
        return false;
    }
    let bytes = specific.as_bytes();
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'%' => {
                let hex_pair = bytes
                    .get(index + 1..index + 3)
                    .is_some_and(|pair| pair.iter().all(u8::is_ascii_hexdigit));
                if !hex_pair {
                    return false;
                }
                index += 3;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':') => index += 1,
            _ => return false,
        }
    }
    true
}

/// Whether `text` is an absolute `http`/`https` URL with a host, pragmatically: evidence links
/// are opened by people, so anything else would be a dead link in the credential.
pub fn is_web_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    !host.is_empty()
        && !host.starts_with(':')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_syntax() {
        for good in [
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:web:example.com",
            "did:web:example.com:users:taro",
            "did:example:123%20abc",
            "did:ion:EiA_x-y.z",
        ] {
            assert!(is_did(good), "{good} was rejected");
        }
        for bad in [
            "",
            "did:",
            "did:web",
            "did:web:",
            "did:Web:example.com",
            "did::example",
            "did:web:example.com:",
            "did:web:example.com#key-1",
            "did:web:example.com/path",
            "did:example:%zz",
            "did:example:%2",
            "DID:web:example.com",
            "urn:uuid:1234",
            "did:web:例.jp",
        ] {
            assert!(!is_did(bad), "{bad:?} was accepted");
        }
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://example.org/portfolio/1"));
        assert!(is_web_url("HTTP://Example.org"));
        assert!(!is_web_url("example.org/portfolio"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https:///path"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("ftp://example.org"));
    }
}
