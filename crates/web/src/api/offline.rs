//! Verification without network access: everything the verifier needs from outside comes from
//! this server's own store. Controller documents of our did:web / https issuers and our status
//! lists are supplied; did:key resolves by itself; anything else (another issuer's did:web key,
//! a list on another server) is reported by the verifier as unresolved rather than fetched,
//! so a pasted credential can never make the server issue requests.

use chrono::Utc;
use serde_json::Value;
use tsumiki_store::IdentifierKind;
use tsumiki_vc::input::{InputLimits, Payload, decode};
use tsumiki_vc::report::VerificationReport;
use tsumiki_vc::verify::{VerifyOptions, verify, verify_credential};

use crate::AppState;
use crate::api::status_list::local_list_by_url;
use crate::did_web::controller_document;

/// `statusListCredential` URLs of every status entry (object or array form).
fn status_list_urls(credential: &Value) -> Vec<String> {
    let entries: Vec<&Value> = match credential.get("credentialStatus") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    entries
        .into_iter()
        .filter_map(|entry| entry.get("statusListCredential")?.as_str())
        .map(str::to_owned)
        .collect()
}

/// Verifier options for `credential`: now, this server's controller documents and the current
/// signed status lists the credential points at (when they are ours).
pub async fn options_for(state: &AppState, credential: Option<&Value>) -> VerifyOptions {
    let mut options = VerifyOptions::new(Utc::now());
    if let Ok(issuers) = state.store.issuers().await {
        for issuer in issuers
            .iter()
            .filter(|issuer| issuer.identifier_kind != IdentifierKind::DidKey)
        {
            // A malformed stored document only costs that issuer's verification, which then
            // reports the key as unresolved.
            let _ = options.controllers.add(controller_document(issuer));
        }
    }
    if let Some(credential) = credential {
        for url in status_list_urls(credential) {
            if let Some(list) = local_list_by_url(state, &url).await {
                options.status_lists.insert(url, list);
            }
        }
    }
    options
}

/// Verifies a parsed credential with [`options_for`].
pub async fn verify_value(state: &AppState, credential: &Value) -> VerificationReport {
    let options = options_for(state, Some(credential)).await;
    verify_credential(credential, &state.ld, &options)
}

/// Verifies raw input (JSON, VC-JWT, baked PNG or SVG) with [`options_for`]. The input is
/// decoded once here only to find the status lists; the verifier decodes it again, keeping
/// its own error reporting.
pub async fn verify_bytes(state: &AppState, input: &[u8]) -> VerificationReport {
    let credential = match decode(input, &InputLimits::default()) {
        Ok(decoded) => match decoded.payload {
            Payload::Credential(credential) | Payload::Jwt { credential, .. } => Some(credential),
        },
        Err(_) => None,
    };
    let options = options_for(state, credential.as_ref()).await;
    verify(input, &state.ld, &options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_urls_are_read_from_single_and_array_forms() {
        let single = json!({"credentialStatus": {"statusListCredential": "https://a/1"}});
        assert_eq!(status_list_urls(&single), ["https://a/1"]);
        let array = json!({"credentialStatus": [
            {"statusListCredential": "https://a/1"},
            {"type": "1EdTechRevocationList"},
            {"statusListCredential": "https://a/2"}
        ]});
        assert_eq!(status_list_urls(&array), ["https://a/1", "https://a/2"]);
        assert!(status_list_urls(&json!({})).is_empty());
    }
}
