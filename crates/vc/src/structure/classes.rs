//! One function per OB 3.0 / CLR 2.0 class. Each takes the JSON value and its path and
//! appends findings; none stops at the first problem.

use serde_json::{Map, Value};

use super::props::{
    Findings, bool_property, date_property, each, is_uri, items, missing, object, require_type,
    string_property, uri_property,
};
use super::{CredentialKind, Finding, JsonPath, type_values};
use crate::dates::parse_date_time;

/// Deepest nesting of embedded credentials (endorsements of endorsements, CLR bundles)
/// that is checked; the input limits already bound the JSON depth, this bounds the work.
const MAX_EMBEDDING: usize = 8;

/// The VC envelope plus the rules of the class its `type` names.
pub(super) fn credential(value: &Value, path: &JsonPath, out: &mut Findings) {
    embedded_credential(value, path, 0, out);
}

fn embedded_credential(value: &Value, path: &JsonPath, depth: usize, out: &mut Findings) {
    let Some(map) = object(value, path, "credential", out) else {
        return;
    };
    let kind = CredentialKind::detect(value);
    let has_type = |name: &str| type_values(value).any(|t| t == name);
    require_type(map, path, &["VerifiableCredential"], out);
    if map.contains_key("type") && kind == CredentialKind::Other && has_type("VerifiableCredential")
    {
        out.push(Finding::warning(
            "structure.unknown-credential-type",
            &path.key("type"),
        ));
    }
    if kind == CredentialKind::Other {
        uri_property(map, path, "id", false, out);
    } else {
        uri_property(map, path, "id", kind == CredentialKind::Achievement, out);
    }
    match map.get("issuer") {
        None => missing(out, path, "issuer"),
        Some(Value::String(id)) => {
            if !is_uri(id) {
                out.push(
                    Finding::error("structure.invalid-uri", &path.key("issuer")).arg("value", id),
                );
            }
        }
        Some(issuer) if kind.is_open_badges() => profile(issuer, &path.key("issuer"), out),
        Some(issuer) => {
            if let Some(issuer_map) = object(issuer, &path.key("issuer"), "issuer", out) {
                uri_property(issuer_map, &path.key("issuer"), "id", true, out);
            }
        }
    }
    // VC 1.1 credentials carry `issuanceDate` instead; that is a legacy form the contexts
    // step already warns about, not a missing property. Only the OB 3.0 / CLR 2.0 classes
    // require `validFrom`; the VC 2.0 envelope makes it optional.
    let legacy = map.contains_key("issuanceDate") && !map.contains_key("validFrom");
    date_property(
        map,
        path,
        "validFrom",
        !legacy && kind.is_open_badges(),
        out,
    );
    date_property(map, path, "validUntil", false, out);
    date_property(map, path, "issuanceDate", false, out);
    date_property(map, path, "expirationDate", false, out);
    date_property(map, path, "awardedDate", false, out);
    let names_required = matches!(kind, CredentialKind::Endorsement | CredentialKind::Clr);
    if kind.is_open_badges() {
        string_property(map, path, "name", names_required, out);
        string_property(map, path, "description", false, out);
    } else {
        language_text(map, path, "name", out);
        language_text(map, path, "description", out);
    }
    each(map, path, "image", out, image);
    let subject_path = path.key("credentialSubject");
    match map.get("credentialSubject") {
        None => missing(out, path, "credentialSubject"),
        Some(subject) => match kind {
            CredentialKind::Achievement => achievement_subject(subject, &subject_path, out),
            CredentialKind::Endorsement => endorsement_subject(subject, &subject_path, out),
            CredentialKind::Clr => clr_subject(subject, &subject_path, depth, out),
            CredentialKind::Other => {
                for (item_path, item) in items(subject, &subject_path) {
                    object(item, &item_path, "credentialSubject", out);
                }
            }
        },
    }
    if kind.is_open_badges() {
        each(map, path, "evidence", out, evidence);
    } else {
        // VC 2.0 §4.5 asks only for a `type`; OB 3.0's `Evidence` class is stricter.
        each(map, path, "evidence", out, |v, p, o| {
            id_and_type(v, p, "evidence", false, o)
        });
    }
    each(map, path, "credentialSchema", out, |v, p, o| {
        id_and_type(v, p, "credentialSchema", true, o)
    });
    each(map, path, "credentialStatus", out, |v, p, o| {
        id_and_type(v, p, "credentialStatus", false, o)
    });
    each(map, path, "refreshService", out, |v, p, o| {
        id_and_type(v, p, "refreshService", true, o)
    });
    each(map, path, "proof", out, proof);
    endorsements(map, path, depth, out);
}

/// VC 2.0 §4.6: `name` and `description` are a string or language value objects
/// (`{"@value", "@language", "@direction"}`), one or several. Whether such an object is a
/// well-formed value object is the JSON-LD expansion's (safe-mode step's) to say.
fn language_text(map: &Map<String, Value>, path: &JsonPath, name: &str, out: &mut Findings) {
    let text_like = |value: &Value| matches!(value, Value::String(_) | Value::Object(_));
    let ok = match map.get(name) {
        None => true,
        Some(Value::Array(values)) => !values.is_empty() && values.iter().all(text_like),
        Some(value) => text_like(value),
    };
    if !ok {
        out.push(
            Finding::error("structure.wrong-type", &path.key(name))
                .arg("property", name)
                .arg("expected", "a string or a language value object"),
        );
    }
}

fn endorsements(map: &Map<String, Value>, path: &JsonPath, depth: usize, out: &mut Findings) {
    if depth >= MAX_EMBEDDING {
        return;
    }
    each(map, path, "endorsement", out, |value, item_path, out| {
        embedded_credential(value, item_path, depth + 1, out);
        if CredentialKind::detect(value) != CredentialKind::Endorsement {
            out.push(
                Finding::error("structure.missing-type-value", &item_path.key("type"))
                    .arg("expected", "EndorsementCredential"),
            );
        }
    });
    each(map, path, "endorsementJwt", out, |value, item_path, out| {
        if !value.is_string() {
            out.push(
                Finding::error("structure.wrong-type", item_path)
                    .arg("property", "endorsementJwt")
                    .arg("expected", "a compact JWS string"),
            );
        }
    });
}

fn id_and_type(value: &Value, path: &JsonPath, name: &str, id_required: bool, out: &mut Findings) {
    let Some(map) = object(value, path, name, out) else {
        return;
    };
    uri_property(map, path, "id", id_required, out);
    if !map.contains_key("type") {
        missing(out, path, "type");
    }
}

fn proof(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "proof", out) else {
        return;
    };
    if string_property(map, path, "type", true, out) == Some("DataIntegrityProof") {
        for name in [
            "cryptosuite",
            "verificationMethod",
            "proofPurpose",
            "proofValue",
        ] {
            string_property(map, path, name, true, out);
        }
    }
    if let Some(purpose) = string_property(map, path, "proofPurpose", false, out)
        && purpose != "assertionMethod"
    {
        out.push(
            Finding::error("structure.proof-purpose", &path.key("proofPurpose"))
                .arg("found", purpose),
        );
    }
    date_property(map, path, "created", false, out);
    date_property(map, path, "expires", false, out);
}

pub(super) fn profile(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "Profile", out) else {
        return;
    };
    uri_property(map, path, "id", true, out);
    require_type(map, path, &["Profile"], out);
    for name in ["name", "url", "email", "phone", "description"] {
        string_property(map, path, name, false, out);
    }
    each(map, path, "image", out, image);
    if let Some(parent) = map.get("parentOrg")
        && !parent.is_string()
    {
        profile(parent, &path.key("parentOrg"), out);
    }
    date_property_date_only(map, path, "dateOfBirth", out);
    // Recursion here is bounded by the JSON's own depth (limited at input).
    endorsements(map, path, 0, out);
}

/// `dateOfBirth` is an `xsd:date` (no time), so only its shape is checked.
fn date_property_date_only(
    map: &Map<String, Value>,
    path: &JsonPath,
    name: &str,
    out: &mut Findings,
) {
    if let Some(text) = string_property(map, path, name, false, out) {
        let midnight = format!("{text}T00:00:00Z");
        if text.len() != 10 || parse_date_time(&midnight).is_err() {
            out.push(
                Finding::error("structure.invalid-datetime", &path.key(name)).arg("value", text),
            );
        }
    }
}

fn image(value: &Value, path: &JsonPath, out: &mut Findings) {
    match value {
        Value::String(id) => {
            if !is_uri(id) {
                out.push(Finding::error("structure.invalid-uri", path).arg("value", id));
            }
        }
        other => {
            let Some(map) = object(other, path, "image", out) else {
                return;
            };
            uri_property(map, path, "id", true, out);
            require_type(map, path, &["Image"], out);
            string_property(map, path, "caption", false, out);
        }
    }
}

fn achievement_subject(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "credentialSubject", out) else {
        return;
    };
    require_type(map, path, &["AchievementSubject"], out);
    uri_property(map, path, "id", false, out);
    let identifiers = match map.get("identifier") {
        None => 0,
        Some(Value::Array(values)) => values.len(),
        Some(_) => 1,
    };
    if !map.contains_key("id") && identifiers == 0 {
        out.push(Finding::error("structure.subject-no-identifier", path));
    }
    each(map, path, "identifier", out, identity_object);
    match map.get("achievement") {
        None => missing(out, path, "achievement"),
        Some(value) => achievement(value, &path.key("achievement"), out),
    }
    each(map, path, "result", out, result);
    date_property(map, path, "activityStartDate", false, out);
    date_property(map, path, "activityEndDate", false, out);
    each(map, path, "image", out, image);
    if let Some(source) = map.get("source")
        && !source.is_string()
    {
        profile(source, &path.key("source"), out);
    }
    for name in ["licenseNumber", "narrative", "role", "term"] {
        string_property(map, path, name, false, out);
    }
}

fn endorsement_subject(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "credentialSubject", out) else {
        return;
    };
    uri_property(map, path, "id", true, out);
    require_type(map, path, &["EndorsementSubject"], out);
    string_property(map, path, "endorsementComment", false, out);
}

pub(super) fn achievement(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "achievement", out) else {
        return;
    };
    uri_property(map, path, "id", true, out);
    require_type(map, path, &["Achievement"], out);
    match map.get("criteria") {
        None => missing(out, path, "criteria"),
        Some(criteria) => {
            let criteria_path = path.key("criteria");
            if let Some(criteria_map) = object(criteria, &criteria_path, "criteria", out) {
                uri_property(criteria_map, &criteria_path, "id", false, out);
                string_property(criteria_map, &criteria_path, "narrative", false, out);
            }
        }
    }
    string_property(map, path, "description", true, out);
    string_property(map, path, "name", true, out);
    for name in [
        "achievementType",
        "fieldOfStudy",
        "humanCode",
        "inLanguage",
        "specialization",
        "version",
    ] {
        string_property(map, path, name, false, out);
    }
    each(map, path, "alignment", out, alignment);
    each(map, path, "resultDescription", out, result_description);
    each(map, path, "image", out, image);
    if let Some(creator) = map.get("creator")
        && !creator.is_string()
    {
        profile(creator, &path.key("creator"), out);
    }
    if let Some(credits) = map.get("creditsAvailable")
        && !credits.is_number()
    {
        out.push(
            Finding::error("structure.wrong-type", &path.key("creditsAvailable"))
                .arg("property", "creditsAvailable")
                .arg("expected", "a number"),
        );
    }
    endorsements(map, path, 0, out);
}

fn alignment(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "alignment", out) else {
        return;
    };
    require_type(map, path, &["Alignment"], out);
    string_property(map, path, "targetName", true, out);
    uri_property(map, path, "targetUrl", true, out);
    for name in [
        "targetCode",
        "targetDescription",
        "targetFramework",
        "targetType",
    ] {
        string_property(map, path, name, false, out);
    }
}

fn result_description(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "resultDescription", out) else {
        return;
    };
    uri_property(map, path, "id", true, out);
    require_type(map, path, &["ResultDescription"], out);
    string_property(map, path, "name", true, out);
    string_property(map, path, "resultType", true, out);
    each(map, path, "alignment", out, alignment);
    each(
        map,
        path,
        "rubricCriterionLevel",
        out,
        |value, path, out| {
            let Some(level) = object(value, path, "rubricCriterionLevel", out) else {
                return;
            };
            uri_property(level, path, "id", true, out);
            require_type(level, path, &["RubricCriterionLevel"], out);
            string_property(level, path, "name", true, out);
        },
    );
}

fn result(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "result", out) else {
        return;
    };
    require_type(map, path, &["Result"], out);
    uri_property(map, path, "resultDescription", false, out);
    for name in ["achievedLevel", "status", "value"] {
        string_property(map, path, name, false, out);
    }
    each(map, path, "alignment", out, alignment);
}

fn evidence(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "evidence", out) else {
        return;
    };
    require_type(map, path, &["Evidence"], out);
    uri_property(map, path, "id", false, out);
    for name in ["narrative", "name", "description", "genre", "audience"] {
        string_property(map, path, name, false, out);
    }
}

/// `identityHash` is the plain identifier unless `hashed`; then it must be
/// `sha256$<64 hex>` or `md5$<32 hex>` (OB 3.0 IdentityHash).
pub(super) fn is_identity_hash(text: &str) -> bool {
    let Some((algorithm, digest)) = text.split_once('$') else {
        return false;
    };
    let expected_len = match algorithm {
        "sha256" => 64,
        "md5" => 32,
        _ => return false,
    };
    digest.len() == expected_len && digest.bytes().all(|b| b.is_ascii_hexdigit())
}

fn identity_object(value: &Value, path: &JsonPath, out: &mut Findings) {
    let Some(map) = object(value, path, "identifier", out) else {
        return;
    };
    require_type(map, path, &["IdentityObject"], out);
    let hashed = bool_property(map, path, "hashed", out);
    let hash = string_property(map, path, "identityHash", true, out);
    string_property(map, path, "identityType", true, out);
    string_property(map, path, "salt", false, out);
    if let (Some(true), Some(hash)) = (hashed, hash)
        && !is_identity_hash(hash)
    {
        out.push(Finding::error(
            "structure.identity-hash-format",
            &path.key("identityHash"),
        ));
    }
}

fn clr_subject(value: &Value, path: &JsonPath, depth: usize, out: &mut Findings) {
    let Some(map) = object(value, path, "credentialSubject", out) else {
        return;
    };
    require_type(map, path, &["ClrSubject"], out);
    uri_property(map, path, "id", false, out);
    each(map, path, "identifier", out, identity_object);
    match map.get("verifiableCredential") {
        None => missing(out, path, "verifiableCredential"),
        Some(Value::Array(values)) if values.is_empty() => {
            out.push(
                Finding::error("structure.empty-array", &path.key("verifiableCredential"))
                    .arg("property", "verifiableCredential"),
            );
        }
        Some(values) if depth < MAX_EMBEDDING => {
            for (item_path, item) in items(values, &path.key("verifiableCredential")) {
                embedded_credential(item, &item_path, depth + 1, out);
            }
        }
        Some(_) => {}
    }
    each(map, path, "achievement", out, achievement);
    each(map, path, "association", out, |value, path, out| {
        let Some(association) = object(value, path, "association", out) else {
            return;
        };
        require_type(association, path, &["Association"], out);
        string_property(association, path, "associationType", true, out);
        uri_property(association, path, "sourceId", true, out);
        uri_property(association, path, "targetId", true, out);
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn identity_hashes() {
        let sha = format!("sha256${}", "a".repeat(64));
        assert!(is_identity_hash(&sha));
        assert!(is_identity_hash(&format!("md5${}", "0F".repeat(16))));
        assert!(!is_identity_hash(&format!("sha1${}", "a".repeat(40))));
        assert!(!is_identity_hash(&format!("sha256${}", "a".repeat(63))));
        assert!(!is_identity_hash(&format!("sha256${}", "g".repeat(64))));
        assert!(!is_identity_hash("conformance@imsglobal.org"));
    }
}
