//! The N-Quads grammar (RDF 1.1 N-Quads), parsed line by line: a statement never spans lines
//! because string literals may not contain a raw line break.

use super::NQuadsError;
use crate::term::{Literal, Quad, Term, rdf, xsd};

/// Parses an N-Quads document. Predicates must be IRIs, as RDF requires.
pub fn parse_nquads(input: &str) -> Result<Vec<Quad>, NQuadsError> {
    parse(input, false)
}

/// Parses generalized N-Quads, where a predicate may also be a blank node. JSON-LD's
/// `produceGeneralizedRdf` emits such statements, and the JSON-LD test suite expects them.
pub fn parse_generalized_nquads(input: &str) -> Result<Vec<Quad>, NQuadsError> {
    parse(input, true)
}

fn parse(input: &str, generalized: bool) -> Result<Vec<Quad>, NQuadsError> {
    let mut quads = Vec::new();
    for (index, raw_line) in input.split('\n').enumerate() {
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let mut cursor = Cursor {
            text: line,
            pos: 0,
            line: index + 1,
        };
        if let Some(quad) = cursor.statement(generalized)? {
            quads.push(quad);
        }
    }
    Ok(quads)
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> Cursor<'a> {
    fn error(&self, message: impl Into<String>) -> NQuadsError {
        NQuadsError::Syntax {
            line: self.line,
            message: message.into(),
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    /// One line: empty, a comment, or `subject predicate object graph? .`.
    fn statement(&mut self, generalized: bool) -> Result<Option<Quad>, NQuadsError> {
        self.skip_space();
        match self.peek() {
            None | Some('#') => return Ok(None),
            _ => {}
        }
        let subject = match self.peek() {
            Some('<') => Term::Iri(self.iri()?.into()),
            Some('_') => Term::Blank(self.blank_node()?),
            _ => return Err(self.error("expected an IRI or a blank node as subject")),
        };
        self.skip_space();
        let predicate = match self.peek() {
            Some('<') => Term::Iri(self.iri()?.into()),
            Some('_') if generalized => Term::Blank(self.blank_node()?),
            _ => return Err(self.error("expected an IRI as predicate")),
        };
        self.skip_space();
        let object = match self.peek() {
            Some('<') => Term::Iri(self.iri()?.into()),
            Some('_') => Term::Blank(self.blank_node()?),
            Some('"') => Term::Literal(self.literal()?),
            _ => return Err(self.error("expected an IRI, a blank node or a literal as object")),
        };
        self.skip_space();
        let graph = match self.peek() {
            Some('<') => Some(Term::Iri(self.iri()?.into())),
            Some('_') => Some(Term::Blank(self.blank_node()?)),
            _ => None,
        };
        self.skip_space();
        if self.bump() != Some('.') {
            return Err(self.error("expected '.' at the end of the statement"));
        }
        self.skip_space();
        match self.peek() {
            None | Some('#') => Ok(Some(Quad {
                subject,
                predicate,
                object,
                graph,
            })),
            Some(other) => Err(self.error(format!("unexpected {other:?} after the final '.'"))),
        }
    }

    /// `<...>`, with `\u`/`\U` escapes decoded; the IRI must be absolute.
    fn iri(&mut self) -> Result<String, NQuadsError> {
        self.bump(); // '<'
        let mut iri = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated IRI")),
                Some('>') => break,
                Some('\\') => iri.push(self.unicode_escape()?),
                Some(c @ ('\u{0}'..=' ' | '<' | '"' | '{' | '}' | '|' | '^' | '`')) => {
                    return Err(self.error(format!("character {c:?} is not allowed in an IRI")));
                }
                Some(c) => iri.push(c),
            }
        }
        if !has_scheme(&iri) {
            return Err(self.error(format!("IRI <{iri}> is not absolute")));
        }
        Ok(iri)
    }

    /// After a backslash in an IRI: only `\uXXXX` and `\UXXXXXXXX` are allowed there.
    fn unicode_escape(&mut self) -> Result<char, NQuadsError> {
        let digits = match self.bump() {
            Some('u') => 4,
            Some('U') => 8,
            _ => return Err(self.error("only \\u and \\U escapes are allowed here")),
        };
        let hex = self
            .rest()
            .get(..digits)
            .ok_or_else(|| self.error("truncated \\u escape"))?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error(format!("invalid hex digits {hex:?} in \\u escape")));
        }
        self.pos += digits;
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error(format!("\\u escape {hex} is not a Unicode scalar value")))
    }

    /// `_:label` per BLANK_NODE_LABEL; returns the label without `_:`.
    fn blank_node(&mut self) -> Result<String, NQuadsError> {
        if !self.rest().starts_with("_:") {
            return Err(self.error("expected '_:' to start a blank node"));
        }
        self.pos += 2;
        let start = self.pos;
        match self.peek() {
            Some(c) if is_pn_chars_u(c) || c.is_ascii_digit() => {
                self.bump();
            }
            _ => return Err(self.error("empty or invalid blank node label")),
        }
        while let Some(c) = self.peek() {
            if is_pn_chars(c) || c == '.' {
                self.bump();
            } else {
                break;
            }
        }
        // A label may not end with '.': that dot ends the statement.
        while self.text[start..self.pos].ends_with('.') {
            self.pos -= 1;
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    fn literal(&mut self) -> Result<Literal, NQuadsError> {
        self.bump(); // '"'
        let mut value = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated string literal")),
                Some('"') => break,
                Some('\\') => match self.peek() {
                    Some('u' | 'U') => value.push(self.unicode_escape()?),
                    Some(c) => {
                        let decoded = match c {
                            't' => '\t',
                            'b' => '\u{8}',
                            'n' => '\n',
                            'r' => '\r',
                            'f' => '\u{c}',
                            '"' => '"',
                            '\'' => '\'',
                            '\\' => '\\',
                            other => {
                                return Err(self.error(format!("invalid escape \\{other}")));
                            }
                        };
                        self.bump();
                        value.push(decoded);
                    }
                    None => return Err(self.error("unterminated escape")),
                },
                Some(c) => value.push(c),
            }
        }
        match self.peek() {
            Some('^') => {
                if !self.rest().starts_with("^^<") {
                    return Err(self.error("expected '^^<' before a datatype IRI"));
                }
                self.pos += 2;
                let datatype = self.iri()?;
                if datatype == rdf::LANG_STRING {
                    return Err(self.error("rdf:langString requires a language tag, not ^^"));
                }
                Ok(Literal::typed(value, datatype))
            }
            Some('@') => {
                self.bump();
                let start = self.pos;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '-') {
                    self.bump();
                }
                let tag = &self.text[start..self.pos];
                if !is_language_tag(tag) {
                    return Err(self.error(format!("invalid language tag {tag:?}")));
                }
                Ok(Literal::lang(value, tag))
            }
            _ => Ok(Literal::typed(value, xsd::STRING)),
        }
    }
}

/// `[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|first| !first.is_empty() && first.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An absolute IRI starts with `scheme:` (RFC 3987: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )).
pub(crate) fn has_scheme(iri: &str) -> bool {
    let Some((scheme, _)) = iri.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

fn is_pn_chars_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_pn_chars_u(c: char) -> bool {
    is_pn_chars_base(c) || c == '_' || c == ':'
}

fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || c == '-'
        || c.is_ascii_digit()
        || c == '\u{B7}'
        || ('\u{300}'..='\u{36F}').contains(&c)
        || ('\u{203F}'..='\u{2040}').contains(&c)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::nquads::serialize_nquads;

    #[test]
    fn parses_every_term_kind_and_round_trips() {
        let text = "<http://e/s> <http://e/p> \"v\" .\n\
                    _:b0 <http://e/p> \"v\"@en-GB <http://e/g> . # comment\n\
                    # a full-line comment\n\
                    \n\
                    _:b0 <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .\n\
                    _:b0 <http://e/p> _:b.1 .\n";
        let quads = parse_nquads(text).unwrap();
        assert_eq!(quads.len(), 4);
        assert_eq!(quads[1].object, Term::Literal(Literal::lang("v", "en-GB")));
        assert_eq!(quads[3].object, Term::blank("b.1"));
        assert_eq!(
            serialize_nquads(&quads),
            "<http://e/s> <http://e/p> \"v\" .\n\
             _:b0 <http://e/p> \"v\"@en-GB <http://e/g> .\n\
             _:b0 <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .\n\
             _:b0 <http://e/p> _:b.1 .\n"
        );
    }

    #[test]
    fn decodes_escapes() {
        let quads = parse_nquads(
            r#"<urn:ex:\u0065\U00000078> <urn:p> "\t\b\n\r\f\"\'\\\u00e9\U0001F603" ."#,
        )
        .unwrap();
        assert_eq!(quads[0].subject, Term::iri("urn:ex:ex"));
        assert_eq!(
            quads[0].object,
            Term::Literal(Literal::string("\t\u{8}\n\r\u{c}\"'\\é😃"))
        );
    }

    #[test]
    fn explicit_xsd_string_is_plain_string() {
        let quads =
            parse_nquads("<urn:s> <urn:p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .")
                .unwrap();
        assert_eq!(quads[0].object, Term::Literal(Literal::string("x")));
    }

    #[test]
    fn rejects_malformed_input_with_line_numbers() {
        for (text, line) in [
            ("<urn:s> <urn:p> <urn:o>", 1),                   // no dot
            ("\n<urn:s> <urn:p> \"x .", 2),                   // unterminated literal
            ("<urn:s> _:p <urn:o> .", 1),                     // blank predicate
            ("<s> <urn:p> <urn:o> .", 1),                     // relative IRI
            ("<urn:a b> <urn:p> <urn:o> .", 1),               // space in IRI
            ("<urn:s> <urn:p> \"x\"@ .", 1),                  // empty language tag
            ("<urn:s> <urn:p> \"\\q\" .", 1),                 // bad escape
            ("<urn:s> <urn:p> \"\\uD800\" .", 1),             // surrogate
            ("<urn:s> <urn:p> \"\\u00\" .", 1),               // truncated escape
            ("<urn:s> <urn:p> <urn:o> . extra", 1),           // trailing garbage
            ("_: <urn:p> <urn:o> .", 1),                      // empty label
            ("<urn:s> <urn:p> \"x\"^<urn:t> .", 1),           // single caret
            ("<urn:s> <urn:p> <urn:o> <urn:g> <urn:h> .", 1), // too many terms
        ] {
            match parse_nquads(text) {
                Err(NQuadsError::Syntax { line: got, .. }) => assert_eq!(got, line, "{text}"),
                Ok(quads) => panic!("accepted {text:?}: {quads:?}"),
            }
        }
    }

    #[test]
    fn generalized_allows_blank_predicates() {
        let quads = parse_generalized_nquads("_:s _:p _:o .").unwrap();
        assert_eq!(quads[0].predicate, Term::blank("p"));
    }
}
