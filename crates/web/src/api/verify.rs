//! `POST /credentials/verify` and `POST /presentations/verify` (W3C VC-API).
//!
//! Both are open: verifying reveals nothing the caller did not send. A credential that fails
//! verification is answered with 400 (not 200 + `verified: false`), because the W3C test
//! suites judge negative fixtures by the HTTP status alone; the body is the same in both cases.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use tsumiki_vc::report::{Outcome, VerificationReport};

use crate::api::offline::{options_for, verify_bytes, verify_value};
use crate::api::presentation_proof::{AUTHENTICATION, verify_proof};
use crate::{AppState, WebError};

/// `{verifiableCredential, options}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyCredentialBody {
    verifiable_credential: Value,
}

/// `{verifiablePresentation, options: {challenge, domain}}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyPresentationBody {
    verifiable_presentation: Value,
    #[serde(default)]
    options: PresentationOptions,
}

/// What the verifier expects the presentation's proof to be bound to.
#[derive(Debug, Default, Deserialize)]
pub struct PresentationOptions {
    challenge: Option<String>,
    domain: Option<String>,
}

/// The VC-API result for one report: `checks` names the steps that ran without failing,
/// `problemDetails` every failure (RFC 9457 style), `warnings` the rest; the full bilingual
/// report rides along for people.
pub fn vcapi_result(report: &VerificationReport) -> Value {
    let mut checks: Vec<&str> = Vec::new();
    for check in &report.checks {
        let step = step_name(check);
        if !checks.contains(&step) {
            checks.push(step);
        }
    }
    let failed_steps: Vec<&str> = report.with_outcome(Outcome::Fail).map(step_name).collect();
    checks.retain(|step| !failed_steps.contains(step));
    let problem = check_problem;
    json!({
        "verified": report.verified,
        "checks": checks,
        "warnings": report.with_outcome(Outcome::Warning).map(problem).collect::<Vec<_>>(),
        "errors": report.with_outcome(Outcome::Fail).map(problem).collect::<Vec<_>>(),
        "problemDetails": report.with_outcome(Outcome::Fail).map(problem).collect::<Vec<_>>(),
        "summary": report.summary,
        "report": report.checks,
    })
}

/// One check as an RFC 9457-style problem, with the Japanese message beside the English one.
pub fn check_problem(check: &tsumiki_vc::report::Check) -> Value {
    json!({
        "type": format!("https://tsumiki.invalid/problems/{}", check.code),
        "title": check.code,
        "detail": check.message.en,
        "detailJa": check.message.ja,
        "path": check.path,
    })
}

/// Whether `text` has the shape of a compact JWS (`header.payload.signature`, base64url).
/// A string `verifiableCredential` must be a VC-JWT: a JSON document sent as a string is
/// "not a map" (Data Integrity §4.2 step 1, `PARSING_ERROR`), not a credential to parse.
fn is_compact_jws(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('.').collect();
    parts.len() == 3
        && parts.iter().take(2).all(|part| !part.is_empty())
        && parts.iter().all(|part| {
            part.bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
        })
}

fn step_name(check: &tsumiki_vc::report::Check) -> &'static str {
    use tsumiki_vc::report::Step;
    match check.step {
        Step::Parse => "parse",
        Step::Contexts => "contexts",
        Step::SafeMode => "safe-mode",
        Step::Structure => "structure",
        Step::Proof => "proof",
        Step::Dates => "dates",
        Step::Status => "status",
        Step::Issuer => "issuer",
    }
}

fn status_for(verified: bool) -> StatusCode {
    if verified {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}

/// One credential from a request: a JSON object, or a VC-JWT / enveloped credential string.
async fn verify_any(state: &AppState, credential: &Value) -> Result<VerificationReport, WebError> {
    match credential {
        Value::Object(object) => {
            // VC 2.0 `EnvelopedVerifiableCredential`: the credential is the data: URL's body.
            if let Some(jwt) = object
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| id.strip_prefix("data:application/vc+jwt,"))
            {
                return Ok(verify_bytes(state, jwt.as_bytes()).await);
            }
            Ok(verify_value(state, credential).await)
        }
        Value::String(token) if is_compact_jws(token) => {
            Ok(verify_bytes(state, token.as_bytes()).await)
        }
        _ => Err(WebError::BadRequest(
            "`verifiableCredential` must be a JSON object or a VC-JWT string".into(),
        )),
    }
}

/// `POST /credentials/verify`.
pub async fn verify_credential(
    State(state): State<AppState>,
    body: Result<Json<VerifyCredentialBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let Json(body) = body.map_err(|error| WebError::BadRequest(error.body_text()))?;
    let report = verify_any(&state, &body.verifiable_credential).await?;
    Ok((status_for(report.verified), Json(vcapi_result(&report))).into_response())
}

fn problem(code: &str, detail: String) -> Value {
    json!({
        "type": format!("https://tsumiki.invalid/problems/{code}"),
        "title": code,
        "detail": detail,
    })
}

/// Checks the presentation's own proofs: they must verify, be made for `authentication`, be
/// bound to the requested challenge and domain, and (when a holder is named) be made with the
/// holder's key. Returns the problems found.
async fn presentation_problems(
    state: &AppState,
    presentation: &Value,
    options: &PresentationOptions,
) -> Vec<Value> {
    let proofs: Vec<&Value> = match presentation.get("proof") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    let mut problems = Vec::new();
    if proofs.is_empty() {
        if options.challenge.is_some() || options.domain.is_some() {
            problems.push(problem(
                "presentation.unsigned",
                "a challenge or domain was requested, but the presentation has no proof".into(),
            ));
        }
        return problems;
    }
    for proof in &proofs {
        if let Some(expected) = &options.challenge
            && proof.get("challenge").and_then(Value::as_str) != Some(expected.as_str())
        {
            problems.push(problem(
                "presentation.challenge-mismatch",
                format!("the proof is not bound to the challenge {expected:?}"),
            ));
        }
        if let Some(expected) = &options.domain {
            let bound = match proof.get("domain") {
                Some(Value::String(domain)) => domain == expected,
                Some(Value::Array(domains)) => domains
                    .iter()
                    .any(|d| d.as_str() == Some(expected.as_str())),
                _ => false,
            };
            if !bound {
                problems.push(problem(
                    "presentation.domain-mismatch",
                    format!("the proof is not bound to the domain {expected:?}"),
                ));
            }
        }
    }
    let verify_options = options_for(state, None).await;
    let holder = match presentation.get("holder") {
        Some(Value::String(id)) => Some(id.as_str()),
        Some(Value::Object(holder)) => holder.get("id").and_then(Value::as_str),
        _ => None,
    };
    for (index, proof) in proofs.iter().enumerate() {
        match verify_proof(
            presentation,
            proof,
            AUTHENTICATION,
            &verify_options.controllers,
            &state.ld,
        ) {
            Err(error) => problems.push(problem(
                "presentation.proof-invalid",
                format!("proof {index}: {error}"),
            )),
            Ok(verified) => {
                if let Some(holder) = holder
                    && verified.controller != holder
                {
                    problems.push(problem(
                        "presentation.holder-mismatch",
                        format!(
                            "proof {index} was made with a key of {:?}, not of the holder {holder:?}",
                            verified.controller
                        ),
                    ));
                }
            }
        }
    }
    problems
}

/// `POST /presentations/verify`.
pub async fn verify_presentation(
    State(state): State<AppState>,
    body: Result<Json<VerifyPresentationBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let Json(body) = body.map_err(|error| WebError::BadRequest(error.body_text()))?;
    let presentation = &body.verifiable_presentation;
    if !presentation.is_object() {
        return Err(WebError::BadRequest(
            "`verifiablePresentation` must be a JSON object".into(),
        ));
    }
    let problems = presentation_problems(&state, presentation, &body.options).await;
    let credentials: Vec<&Value> = match presentation.get("verifiableCredential") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    let mut results = Vec::with_capacity(credentials.len());
    let mut all_verified = problems.is_empty();
    for credential in credentials {
        let report = verify_any(&state, credential).await?;
        all_verified &= report.verified;
        results.push(vcapi_result(&report));
    }
    let body = json!({
        "verified": all_verified,
        "presentationResult": {
            "verified": problems.is_empty(),
            "problemDetails": problems,
        },
        "credentialResults": results,
        "problemDetails": problems,
    });
    Ok((status_for(all_verified), Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_compact_jws_strings_are_tokens() {
        assert!(is_compact_jws("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln"));
        assert!(is_compact_jws(" eyJh.eyJp.c2ln\n"));
        assert!(!is_compact_jws(
            r#"{"@context":["https://www.w3.org/ns/credentials/v2"]}"#
        ));
        assert!(!is_compact_jws("a.b"));
        assert!(!is_compact_jws(".b.c"));
        assert!(!is_compact_jws("a.b.c=d"));
        assert!(!is_compact_jws("a.b.c.d"));
    }
}
