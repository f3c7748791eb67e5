//! JSON-LD 1.1 expansion and conversion to RDF, built for signing and verifying credentials.
//!
//! Why our own processor: general-purpose crates re-process every remote context for every
//! document, which is almost all of the cost of canonicalizing a credential (see
//! ARCHITECTURE.md). Here a [`JsonLdProcessor`] keeps every processed context, so each
//! context is processed once per process lifetime and then shared.
//!
//! The crate is pure: documents come only from a [`DocumentStore`] (the bundled contexts plus
//! whatever the caller adds). An unknown context URL is an error, never a fetch.

mod bundled;
mod error;
mod members;
mod processor;
mod store;

pub mod context;
pub mod expand;
pub mod to_rdf;

#[cfg(feature = "oracle")]
pub mod oracle;

pub use error::{JsonLdError, JsonLdErrorCode};
pub use processor::{JsonLdProcessor, Options, ProcessingMode, RdfDirection};
pub use store::DocumentStore;
