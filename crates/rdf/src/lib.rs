//! RDF terms, N-Quads and RDFC-1.0 canonicalization.
//!
//! This crate is pure: it does no I/O. It exists apart from the JSON-LD crate so that
//! canonicalization can be tested against the W3C rdf-canon suite on its own, and so that
//! `tsumiki canon --nquads` needs no JSON-LD at all.

pub mod canon;
pub mod nquads;
mod term;

pub use canon::{
    CanonError, CanonLimits, Canonicalized, HashAlgorithm, WorkLimit, canonical_nquads,
    canonicalize,
};
pub use nquads::{NQuadsError, parse_generalized_nquads, parse_nquads, serialize_nquads};
pub use term::{IntoDatatype, Literal, Quad, Term, rdf, xsd};
