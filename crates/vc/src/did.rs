//! did:key create and resolve, and OFFLINE resolution of https / did:web verification methods
//! from controller documents the caller supplies.
//!
//! Why offline: the library does no I/O. A verifier that wants to follow an https key URL
//! fetches the controller document itself (or the user passes it) and hands it in here; an
//! unknown key is an error that says which document to supply.

mod documents;
mod key;

pub use documents::{ControllerDocuments, ResolveError, ResolvedKey};
pub use key::{did_key, did_key_document, did_key_verification_method, resolve_did_key};
