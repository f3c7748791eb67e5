//! The well-formedness check toRdf applies to every IRI it emits.
//!
//! It runs on every predicate, type and identifier of every document signed or verified,
//! mostly on the same long vocabulary IRIs, so it is one table lookup per byte instead of a
//! chain of comparisons.

/// May appear anywhere in an emitted IRI.
const ALLOWED: u8 = 1;
/// May appear in a scheme after its first letter.
const SCHEME: u8 = 2;

/// Byte classes. Every byte ≥ 0x80 (non-ASCII UTF-8) and DEL are allowed, as before: N-Quads
/// carries them unescaped.
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0usize;
    while byte < 256 {
        let b = byte as u8;
        let forbidden = b <= b' '
            || matches!(
                b,
                b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`'
            );
        if !forbidden {
            table[byte] |= ALLOWED;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') {
            table[byte] |= SCHEME;
        }
        byte += 1;
    }
    table
};

fn class(byte: u8) -> u8 {
    CLASSES[usize::from(byte)]
}

/// A well-formed absolute IRI as far as RDF output needs: a scheme, at most one `#` (a
/// fragment cannot contain another), and no character that N-Quads cannot carry unescaped.
pub(crate) fn is_well_formed_iri(iri: &str) -> bool {
    let bytes = iri.as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    if !first.is_ascii_alphabetic() {
        return false;
    }
    // The scheme: scheme characters up to the first colon.
    let mut position = 0;
    loop {
        let Some(&byte) = rest.get(position) else {
            return false;
        };
        position += 1;
        if byte == b':' {
            break;
        }
        if class(byte) & SCHEME == 0 {
            return false;
        }
    }
    let mut hashes = 0usize;
    let mut check = |bytes: &[u8]| {
        for &byte in bytes {
            if class(byte) & ALLOWED == 0 {
                return false;
            }
            hashes += usize::from(byte == b'#');
        }
        true
    };
    let mut words = rest.get(position..).unwrap_or_default().chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if may_need_a_look(u64::from_le_bytes(word)) && !check(chunk) {
            return false;
        }
    }
    check(words.remainder()) && hashes <= 1
}

/// Whether any of eight bytes may be forbidden or a `#`, tested with a few word operations
/// instead of a lookup per byte. It may answer yes for some harmless bytes (`!`, `~`, DEL
/// and bytes after a flagged one); the caller then checks those bytes one by one. It never
/// answers no for a word that holds a byte needing a look.
fn may_need_a_look(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte is zero (exact as a yes/no answer).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // Controls, space, `!`, `"` and `#`: some byte below 0x24.
    let below = word.wrapping_sub(ONES * 0x24) & !word & HIGH;
    // Setting bit 1 maps `<` onto `>` and `\` onto `^`; setting bits 0–1 maps `|`, `}`, `~`
    // and DEL onto DEL.
    let angle = has_zero((word | (ONES * 2)) ^ (ONES * 0x3E));
    let caret = has_zero((word | (ONES * 2)) ^ (ONES * 0x5E));
    let backtick = has_zero(word ^ (ONES * 0x60));
    let open_brace = has_zero(word ^ (ONES * 0x7B));
    let bar_brace = has_zero((word | (ONES * 3)) ^ (ONES * 0x7F));
    (below | angle | caret | backtick | open_brace | bar_brace) != 0
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use proptest::prelude::*;

    use super::is_well_formed_iri;

    /// The definition, written plainly: the table-driven check must agree with it.
    fn reference(iri: &str) -> bool {
        let bytes = iri.as_bytes();
        let Some(colon) = bytes.iter().position(|&b| b == b':') else {
            return false;
        };
        let scheme_ok = bytes.first().is_some_and(u8::is_ascii_alphabetic)
            && bytes[..colon]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
        let hashes = bytes.iter().filter(|&&b| b == b'#').count();
        scheme_ok
            && hashes <= 1
            && bytes.iter().all(|&b| {
                b > b' '
                    && !matches!(
                        b,
                        b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`'
                    )
            })
    }

    #[test]
    fn accepts_and_rejects_known_cases() {
        for good in [
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "urn:uuid:6f2e33e5",
            "did:example:learner-42",
            "a:",
            "x+y.z-1:rest#frag",
            "http://e/日本\u{7f}",
        ] {
            assert!(is_well_formed_iri(good), "{good}");
        }
        for bad in [
            "",
            ":x",
            "1http://e",
            "relative",
            "ht tp://e",
            "http://e/a b",
            "http://e/#a#b",
            "http://e/<x>",
            "http://e/{x}",
            "http://e/a\\b",
            "http://e/a^b",
            "http://e/a`b",
            "http://e/a|b",
            "http://e/\"",
            "http://e/\u{0}",
            "h_t:x",
            "#a:b",
        ] {
            assert!(!is_well_formed_iri(bad), "{bad}");
        }
    }

    #[test]
    fn every_ascii_character_at_every_offset() {
        let mut characters: Vec<char> = (0u8..0x80).map(char::from).collect();
        characters.extend(['é', '日', '\u{a0}', '\u{2028}']);
        for c in characters {
            for offset in 0..20 {
                for base in [
                    "http://e.example/abcdefghijklmnopqrstuvwx",
                    "urn:x:abcdefghijklmnopqrstuvwxyz#f",
                ] {
                    let mut iri: String = base.chars().take(base.len().min(4 + offset)).collect();
                    iri.push(c);
                    iri.push_str("/tail-of-the-iri");
                    assert_eq!(is_well_formed_iri(&iri), reference(&iri), "{iri:?}");
                }
            }
        }
    }

    #[test]
    fn words_without_special_bytes_need_no_look() {
        assert!(!super::may_need_a_look(u64::from_le_bytes(*b"ttp://e.")));
        assert!(!super::may_need_a_look(u64::from_le_bytes(*b"abcXYZ09")));
        for special in *b"\0 \t\"#<>\\^`{|}" {
            let mut word = *b"abcdefgh";
            word[5] = special;
            assert!(
                super::may_need_a_look(u64::from_le_bytes(word)),
                "{special}"
            );
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_definition(iri in "[a-z0-9:#+._ <>{}|^`\"\\\\/\\-\u{0}-\u{1f}\u{7f}é日]{0,24}") {
            prop_assert_eq!(is_well_formed_iri(&iri), reference(&iri));
        }

        #[test]
        fn agrees_on_arbitrary_strings(iri in any::<String>()) {
            prop_assert_eq!(is_well_formed_iri(&iri), reference(&iri));
        }
    }
}
