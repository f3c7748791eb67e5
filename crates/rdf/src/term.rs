//! The RDF data model, kept deliberately small: canonicalization relabels blank nodes and
//! sorts lines, so blank node labels are plain owned strings. IRIs and datatypes are shared
//! (`Arc<str>`): toRdf repeats the same subject, predicate and datatype in many quads, and
//! sharing makes each repetition a reference count instead of an allocation.

use std::fmt;
use std::sync::{Arc, LazyLock};

/// Well-known RDF IRIs.
pub mod rdf {
    pub const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    pub const FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
    pub const REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
    pub const NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
    pub const LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
    pub const JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    pub const VALUE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
    pub const LANGUAGE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#language";
    pub const DIRECTION: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#direction";
}

/// Well-known XML Schema datatype IRIs.
pub mod xsd {
    pub const STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
    pub const BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
    pub const INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
    pub const DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";
    pub const DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
}

/// The datatypes almost every literal has, allocated once per process.
static WELL_KNOWN_DATATYPES: LazyLock<[Arc<str>; 7]> = LazyLock::new(|| {
    [
        xsd::STRING,
        xsd::INTEGER,
        xsd::BOOLEAN,
        xsd::DOUBLE,
        xsd::DATE_TIME,
        rdf::LANG_STRING,
        rdf::JSON,
    ]
    .map(Arc::from)
});

/// The shared copy of a well-known datatype IRI, or a new one.
fn datatype_iri(iri: &str) -> Arc<str> {
    WELL_KNOWN_DATATYPES
        .iter()
        .find(|known| ***known == *iri)
        .cloned()
        .unwrap_or_else(|| Arc::from(iri))
}

/// A value convertible to a datatype IRI, sharing the well-known ones.
pub trait IntoDatatype {
    fn into_datatype(self) -> Arc<str>;
}

impl IntoDatatype for &str {
    fn into_datatype(self) -> Arc<str> {
        datatype_iri(self)
    }
}

impl IntoDatatype for &String {
    fn into_datatype(self) -> Arc<str> {
        datatype_iri(self)
    }
}

impl IntoDatatype for String {
    fn into_datatype(self) -> Arc<str> {
        datatype_iri(&self)
    }
}

impl IntoDatatype for Arc<str> {
    fn into_datatype(self) -> Arc<str> {
        self
    }
}

/// An RDF literal. `datatype` is always set: `xsd:string` for plain strings and
/// `rdf:langString` when `language` is present, as RDF 1.1 requires.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal {
    pub value: String,
    pub datatype: Arc<str>,
    pub language: Option<String>,
}

impl Literal {
    pub fn string(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            datatype: datatype_iri(xsd::STRING),
            language: None,
        }
    }

    pub fn typed(value: impl Into<String>, datatype: impl IntoDatatype) -> Self {
        Self {
            value: value.into(),
            datatype: datatype.into_datatype(),
            language: None,
        }
    }

    pub fn lang(value: impl Into<String>, language: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            datatype: datatype_iri(rdf::LANG_STRING),
            language: Some(language.into()),
        }
    }
}

/// An RDF term. Blank node labels are stored without the `_:` prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    Iri(Arc<str>),
    Blank(String),
    Literal(Literal),
}

impl Term {
    pub fn iri(iri: impl Into<Arc<str>>) -> Self {
        Term::Iri(iri.into())
    }

    pub fn blank(label: impl Into<String>) -> Self {
        Term::Blank(label.into())
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Term::Blank(_))
    }
}

/// A quad; `graph` is `None` for the default graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quad {
    pub subject: Term,
    pub predicate: Term,
    pub object: Term,
    pub graph: Option<Term>,
}

impl Quad {
    pub fn new(subject: Term, predicate: Term, object: Term, graph: Option<Term>) -> Self {
        Self {
            subject,
            predicate,
            object,
            graph,
        }
    }
}

/// Displays the term in canonical N-Quads form (see [`crate::nquads`]).
impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        crate::nquads::write_term(&mut out, self);
        f.write_str(&out)
    }
}

/// Displays the quad as one canonical N-Quads line, including the trailing ` .\n`.
impl fmt::Display for Quad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        crate::nquads::write_quad(&mut out, self);
        f.write_str(&out)
    }
}
