//! RDFC-1.0 (W3C RDF Dataset Canonicalization) with a work limit.
//!
//! OWNER: helper H2. Contract below; replace the bodies.

use std::collections::BTreeMap;

use crate::term::Quad;

/// The hash function RDFC-1.0 runs with. SHA-256 is the default of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashAlgorithm {
    #[default]
    Sha256,
    Sha384,
}

/// Bounds on canonicalization work, so that a hostile "poison" graph fails fast
/// instead of running for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonLimits {
    /// Most calls to Hash N-Degree Quads over the whole run.
    pub max_hash_n_degree_calls: usize,
}

impl Default for CanonLimits {
    fn default() -> Self {
        Self { max_hash_n_degree_calls: 4096 }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CanonError {
    #[error(
        "canonicalization work limit exceeded: more than {limit} Hash N-Degree Quads calls (a poison graph?)"
    )]
    WorkLimitExceeded { limit: usize },
}

/// The result of canonicalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonicalized {
    /// Canonical N-Quads: relabelled, deduplicated, sorted in code point order.
    pub nquads: String,
    /// Input blank node label → canonical label (both without `_:`).
    pub issued_identifiers: BTreeMap<String, String>,
}

/// Canonicalizes a dataset with RDFC-1.0.
pub fn canonicalize(
    _quads: &[Quad],
    _hash: HashAlgorithm,
    limits: &CanonLimits,
) -> Result<Canonicalized, CanonError> {
    Err(CanonError::WorkLimitExceeded { limit: limits.max_hash_n_degree_calls })
}
