//! N-Quads: a strict parser for input, and the canonical serialization RDFC-1.0 hashes and
//! signs.
//!
//! The serializer is byte-exact canonical N-Quads (RDFC-1.0 §4.3 / RDF 1.1 N-Quads canonical
//! form), because every signature depends on these exact bytes: literal escapes use `\"`,
//! `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and `\u00XX` (uppercase) for the remaining controls,
//! and `xsd:string` is never written. The parser is our own so that it accepts exactly the
//! grammar and nothing a lenient parser would guess at.

mod parse;

pub use parse::{parse_generalized_nquads, parse_nquads};

use crate::term::{Literal, Quad, Term, xsd};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NQuadsError {
    #[error("N-Quads syntax error on line {line}: {message}")]
    Syntax { line: usize, message: String },
}

/// Serializes quads in canonical N-Quads, one line each, in the given order.
pub fn serialize_nquads(quads: &[Quad]) -> String {
    let mut out = String::with_capacity(quads.len() * 96);
    for quad in quads {
        write_quad(&mut out, quad);
    }
    out
}

/// Appends one canonical N-Quads line (with ` .\n`).
pub fn write_quad(out: &mut String, quad: &Quad) {
    write_quad_relabelled(out, quad, |out, label| out.push_str(label));
}

/// Appends one canonical N-Quads line, letting `write_label` write each blank node's label
/// (after `_:`). Canonicalization serializes the same quads under several labellings; doing
/// the substitution while writing avoids cloning quads for each one.
pub(crate) fn write_quad_relabelled(
    out: &mut String,
    quad: &Quad,
    write_label: impl Fn(&mut String, &str),
) {
    write_term_relabelled(out, &quad.subject, &write_label);
    out.push(' ');
    write_term_relabelled(out, &quad.predicate, &write_label);
    out.push(' ');
    write_term_relabelled(out, &quad.object, &write_label);
    if let Some(graph) = &quad.graph {
        out.push(' ');
        write_term_relabelled(out, graph, &write_label);
    }
    out.push_str(" .\n");
}

fn write_term_relabelled(out: &mut String, term: &Term, write_label: &impl Fn(&mut String, &str)) {
    match term {
        Term::Blank(label) => {
            out.push_str("_:");
            write_label(out, label);
        }
        other => write_term(out, other),
    }
}

/// Appends one term in canonical N-Quads form.
pub fn write_term(out: &mut String, term: &Term) {
    match term {
        Term::Iri(iri) => write_iri(out, iri),
        Term::Blank(label) => {
            out.push_str("_:");
            out.push_str(label);
        }
        Term::Literal(literal) => write_literal(out, literal),
    }
}

fn write_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

fn write_literal(out: &mut String, literal: &Literal) {
    out.push('"');
    write_escaped(out, &literal.value);
    out.push('"');
    if let Some(language) = &literal.language {
        out.push('@');
        out.push_str(language);
    } else if *literal.datatype != *xsd::STRING {
        out.push_str("^^");
        write_iri(out, &literal.datatype);
    }
}

/// Escapes a literal's lexical form. Runs of characters that need no escape are copied in
/// one go: almost every credential string has none.
fn write_escaped(out: &mut String, value: &str) {
    // Whole chunks are tested without branching per byte (the compiler vectorizes the fold),
    // so a clean string costs one copy.
    let clean = value.as_bytes().chunks(16).all(|chunk| {
        !chunk
            .iter()
            .fold(false, |dirty, &b| dirty | needs_escape(b))
    });
    if clean {
        out.push_str(value);
        return;
    }
    let mut start = 0;
    for (index, byte) in value.bytes().enumerate() {
        let escape: Option<&str> = match byte {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0C => Some("\\f"),
            0x00..=0x1F | 0x7F => None,
            _ => continue,
        };
        out.push_str(&value[start..index]);
        match escape {
            Some(text) => out.push_str(text),
            None => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0F)]));
            }
        }
        start = index + 1;
    }
    out.push_str(&value[start..]);
}

/// Bytes that canonical N-Quads escapes in a literal.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\' || byte == 0x7F
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::term::rdf;

    #[test]
    fn literal_escapes_follow_canonical_form() {
        let mut out = String::new();
        write_term(
            &mut out,
            &Term::Literal(Literal::string(
                "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{0}\u{1f}\u{7f}\u{80}日",
            )),
        );
        assert_eq!(
            out,
            r#""a\"b\\c\nd\re\tf\bg\fh\u0000\u001F\u007F"#.to_owned() + "\u{80}日\""
        );
    }

    #[test]
    fn every_byte_is_escaped_exactly_when_it_must_be() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            // Long enough to go through the chunked test, with the byte in the second chunk.
            let value = format!("{}{c}tail", "x".repeat(20));
            let mut out = String::new();
            write_escaped(&mut out, &value);
            let expected = match c {
                '"' => "\\\"".to_owned(),
                '\\' => "\\\\".to_owned(),
                '\n' => "\\n".to_owned(),
                '\r' => "\\r".to_owned(),
                '\t' => "\\t".to_owned(),
                '\u{8}' => "\\b".to_owned(),
                '\u{c}' => "\\f".to_owned(),
                c if c < ' ' || c == '\u{7f}' => format!("\\u{:04X}", u32::from(c)),
                c => c.to_string(),
            };
            assert_eq!(
                out,
                format!("{}{expected}tail", "x".repeat(20)),
                "byte {byte}"
            );
        }
    }

    #[test]
    fn string_datatype_is_omitted_and_language_wins() {
        let mut out = String::new();
        write_term(&mut out, &Term::Literal(Literal::string("x")));
        out.push(' ');
        write_term(&mut out, &Term::Literal(Literal::lang("x", "en-US")));
        out.push(' ');
        write_term(&mut out, &Term::Literal(Literal::typed("1", xsd::INTEGER)));
        assert_eq!(out, format!("\"x\" \"x\"@en-US \"1\"^^<{}>", xsd::INTEGER));
        assert_eq!(&*Literal::lang("x", "en").datatype, rdf::LANG_STRING);
    }

    #[test]
    fn quad_with_graph() {
        let quad = Quad::new(
            Term::blank("b0"),
            Term::iri("http://e/p"),
            Term::iri("http://e/o"),
            Some(Term::iri("http://e/g")),
        );
        assert_eq!(
            quad.to_string(),
            "_:b0 <http://e/p> <http://e/o> <http://e/g> .\n"
        );
    }
}
