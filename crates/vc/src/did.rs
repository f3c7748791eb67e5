//! did:key create and resolve, and offline resolution of https / did:web verification
//! methods from controller documents the caller supplies. OWNER: helper H3.
//!
//! Contract used by others: `ControllerDocuments` (a set of caller-supplied documents matched by
//! `id`) with `resolve(&self, verification_method: &str) -> Result<ResolvedKey, ResolveError>`,
//! where `ResolvedKey { id, controller, public_key: PublicKey }`. did:key needs no document.
