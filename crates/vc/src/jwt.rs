//! VC-JWT as the Open Badges 3.0 profile defines it. OWNER: helper H3.
//!
//! Contract used by others:
//! - `issue(credential: &Value, key: &KeyPair, header_key: JwtKeyHeader) -> Result<String, JwtError>`
//! - `verify(token: &str, resolver: &ControllerDocuments) -> Result<JwtVerified, JwtError>`,
//!   `JwtVerified { credential: Value, alg, kid, controller, warnings }`.
