//! Data Integrity proofs: `eddsa-rdfc-2022` create and verify, proof sets, and the legacy
//! forms still in circulation (`eddsa-2022`, `Ed25519Signature2020`). OWNER: helper H3.
//!
//! Contract used by others:
//! - `sign(unsigned: &Value, key: &KeyPair, options: &ProofOptions, ld: &JsonLdProcessor)
//!    -> Result<Value, ProofError>` (appends to an existing proof set)
//! - `verify(credential: &Value, resolver: &ControllerDocuments, ld: &JsonLdProcessor)
//!    -> Vec<ProofCheck>`; one entry per proof, each with its outcome, the verification
//!    method and controller, and any legacy-form warnings.
