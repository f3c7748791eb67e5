//! Expanded JSON-LD → RDF quads. OWNER: helper H2.

use serde_json::Value;
use tsumiki_rdf::Quad;

use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::processor::Options;

/// Converts an expanded document (the output of expansion) to quads.
pub fn expanded_to_rdf(expanded: &Value, options: &Options) -> Result<Vec<Quad>, JsonLdError> {
    let _ = (expanded, options);
    Err(JsonLdError::new(JsonLdErrorCode::Other("not implemented"), "toRdf"))
}
