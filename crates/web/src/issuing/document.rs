//! The unsigned Open Badges 3.0 `OpenBadgeCredential` built from stored records.
//!
//! Language: achievements are stored in Japanese and English, but the OB 3.0 context gives
//! `name`, `description` and `narrative` plain string types and forbids language maps. So those
//! properties carry the issuing language's strings (falling back to the other language where
//! the chosen one is empty), `inLanguage` says which language that is, and both languages travel
//! as JSON-LD language maps under tsumiki's extension context (`nameTranslations`,
//! `descriptionTranslations`, `learningOutcomeTranslations`). An OB-only renderer shows the
//! primary strings; a bilingual one reads the maps; both are signed.
//!
//! Micro-credential metadata that OB 3.0 has a property for is mapped to it (credits →
//! `creditsAvailable`, alignments → `alignment`, learning outcomes into `criteria.narrative`);
//! the rest (study hours, level, assessment type, form of participation, quality assurance,
//! prerequisites, stackability) uses the terms of [`TSUMIKI_CONTEXT`], which is bundled with
//! every verifier we ship and served by every tsumiki server at `/contexts/tsumiki/v1`.

use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};
use tsumiki_i18n::Lang;
use tsumiki_store::{Achievement, Issuer, StatusAssignment, StatusSlot};

/// The contexts every credential we issue starts with.
pub const OB_CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// tsumiki's extension context (`crates/jsonld/contexts/tsumiki-v1.jsonld`): protected, and
/// defining only terms that neither VC 2.0 nor OB 3.0 define.
pub const TSUMIKI_CONTEXT: &str = "https://w3id.org/tsumiki/v1";

/// Images larger than this are not embedded as data URIs: the whole credential must stay well
/// under the verifier's input limit, and wallets choke on multi-megabyte documents.
pub const MAX_EMBEDDED_IMAGE_BYTES: usize = 256 * 1024;

/// How the credential names its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectRef {
    /// `credentialSubject.id`.
    Did(String),
    /// A salted SHA-256 `IdentityObject` of the email (lower-cased and trimmed before
    /// hashing, as the store normalises emails); `salt` is random per credential so that two
    /// credentials of one person cannot be linked by their hash.
    HashedEmail { email: String, salt: String },
}

/// `sha256$<hex>` of identifier + salt (OB 3.0 IdentityHash).
pub fn identity_hash(identifier: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{identifier}{salt}").as_bytes());
    format!("sha256${}", hex::encode(digest))
}

/// RFC 3339 UTC with seconds, the form `validFrom` and proofs use.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `text` in `lang`, or the other language's when that one is empty.
fn pick<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    let (first, second) = match lang {
        Lang::Ja => (ja, en),
        Lang::En => (en, ja),
    };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
}

/// One `BitstringStatusListEntry` for a slot the store allocated.
pub fn status_entry(slot: &StatusSlot) -> Value {
    json!({
        "id": format!("{}#{}", slot.list_url, slot.index),
        "type": "BitstringStatusListEntry",
        "statusPurpose": slot.purpose.as_str(),
        "statusListIndex": slot.index.to_string(),
        "statusListCredential": slot.list_url,
    })
}

/// Both status entries (revocation, then suspension).
pub fn status_entries(assignment: &StatusAssignment) -> Value {
    Value::Array(vec![
        status_entry(&assignment.revocation),
        status_entry(&assignment.suspension),
    ])
}

/// The OB Profile embedded as `issuer`.
pub fn issuer_profile(issuer: &Issuer, lang: Lang) -> Value {
    let mut profile = json!({
        "id": issuer.identifier,
        "type": ["Profile"],
        "name": pick(lang, &issuer.name_ja, &issuer.name_en),
    });
    if !issuer.url.trim().is_empty()
        && let Some(object) = profile.as_object_mut()
    {
        object.insert("url".into(), Value::String(issuer.url.clone()));
    }
    profile
}

fn criteria_narrative(achievement: &Achievement, lang: Lang) -> String {
    let details = &achievement.details;
    let criteria = pick(lang, &details.criteria_ja, &details.criteria_en);
    let criteria = if criteria.trim().is_empty() {
        pick(lang, &details.description_ja, &details.description_en)
    } else {
        criteria
    };
    let outcomes = match lang {
        Lang::Ja if !details.learning_outcomes_ja.is_empty() => &details.learning_outcomes_ja,
        Lang::En if !details.learning_outcomes_en.is_empty() => &details.learning_outcomes_en,
        Lang::Ja => &details.learning_outcomes_en,
        Lang::En => &details.learning_outcomes_ja,
    };
    let mut narrative = criteria.trim().to_owned();
    if !outcomes.is_empty() {
        narrative.push_str("\n\n");
        narrative.push_str(&tsumiki_i18n::t(lang, "vcapi-learning-outcomes", &[]));
        for outcome in outcomes {
            narrative.push_str("\n- ");
            narrative.push_str(outcome.trim());
        }
    }
    narrative
}

/// The `image` of an achievement as an OB `Image` with a data URI, when it is small enough.
pub fn achievement_image(achievement: &Achievement, lang: Lang) -> Option<Value> {
    let image = achievement.details.image.as_ref()?;
    if image.bytes.len() > MAX_EMBEDDED_IMAGE_BYTES
        || !matches!(image.media_type.as_str(), "image/png" | "image/svg+xml")
    {
        return None;
    }
    let data = base64::engine::general_purpose::STANDARD.encode(&image.bytes);
    let mut value = json!({
        "id": format!("data:{};base64,{data}", image.media_type),
        "type": "Image",
    });
    let caption = pick(lang, &image.alt_ja, &image.alt_en);
    if !caption.trim().is_empty()
        && let Some(object) = value.as_object_mut()
    {
        object.insert("caption".into(), Value::String(caption.to_owned()));
    }
    Some(value)
}

/// The values of OB 3.0's `AchievementType` enumeration.
const ACHIEVEMENT_TYPES: [&str; 31] = [
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
];

/// `achievementType` as OB 3.0 allows it: an enumeration value, or an extension value that
/// must start with `ext:`. A stored value outside the enumeration becomes an extension value
/// (spaces removed) rather than making the credential fail schema validation.
pub fn achievement_type(stored: &str) -> Option<String> {
    let stored = stored.trim();
    if stored.is_empty() {
        None
    } else if ACHIEVEMENT_TYPES.contains(&stored) || stored.starts_with("ext:") {
        Some(stored.to_owned())
    } else {
        Some(format!("ext:{}", stored.replace(char::is_whitespace, "")))
    }
}

/// The OB `Achievement`. Its id is `urn:uuid:` of the stored achievement: stable, and it does
/// not promise a URL this server might not serve.
pub fn achievement(achievement: &Achievement, lang: Lang) -> Value {
    let details = &achievement.details;
    let mut object = Map::new();
    object.insert(
        "id".into(),
        Value::String(format!("urn:uuid:{}", achievement.id)),
    );
    object.insert("type".into(), json!(["Achievement"]));
    if let Some(kind) = achievement_type(&details.achievement_type) {
        object.insert("achievementType".into(), Value::String(kind));
    }
    object.insert(
        "name".into(),
        Value::String(pick(lang, &details.name_ja, &details.name_en).to_owned()),
    );
    object.insert(
        "description".into(),
        Value::String(pick(lang, &details.description_ja, &details.description_en).to_owned()),
    );
    object.insert(
        "criteria".into(),
        json!({ "narrative": criteria_narrative(achievement, lang) }),
    );
    if let Some(image) = achievement_image(achievement, lang) {
        object.insert("image".into(), image);
    }
    if let Some(credits) = details.credits.filter(|credits| credits.is_finite()) {
        object.insert("creditsAvailable".into(), json!(credits));
    }
    let alignments: Vec<Value> = details
        .alignments
        .iter()
        .filter_map(Value::as_object)
        .map(|alignment| {
            let mut alignment = alignment.clone();
            alignment
                .entry("type")
                .or_insert_with(|| json!(["Alignment"]));
            Value::Object(alignment)
        })
        .collect();
    if !alignments.is_empty() {
        object.insert("alignment".into(), Value::Array(alignments));
    }
    object.insert("inLanguage".into(), Value::String(lang.tag().to_owned()));
    insert_extension_metadata(&mut object, achievement);
    Value::Object(object)
}

/// A language map of the non-empty values, or nothing when both are empty.
fn language_map(ja: &str, en: &str) -> Option<Value> {
    let mut map = Map::new();
    for (tag, text) in [("ja", ja.trim()), ("en", en.trim())] {
        if !text.is_empty() {
            map.insert(tag.into(), Value::String(text.to_owned()));
        }
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

/// A JSON number, written as an integer when it is one. JavaScript cannot tell `60.0` from
/// `60`, so a JSON-LD processor there canonicalizes both as `xsd:integer`; writing integers as
/// integers keeps the document and every processor's reading of it identical.
fn json_number(value: f64) -> Option<Value> {
    if !value.is_finite() {
        return None;
    }
    // 2^53: beyond it an f64 no longer holds every integer exactly.
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)]
        return Some(json!(value as i64));
    }
    Some(json!(value))
}

/// The micro-credential metadata OB 3.0 lacks, under [`TSUMIKI_CONTEXT`] terms.
fn insert_extension_metadata(object: &mut Map<String, Value>, achievement: &Achievement) {
    let details = &achievement.details;
    if let Some(names) = language_map(&details.name_ja, &details.name_en) {
        object.insert("nameTranslations".into(), names);
    }
    if let Some(descriptions) = language_map(&details.description_ja, &details.description_en) {
        object.insert("descriptionTranslations".into(), descriptions);
    }
    let mut outcomes = Map::new();
    for (tag, list) in [
        ("ja", &details.learning_outcomes_ja),
        ("en", &details.learning_outcomes_en),
    ] {
        let list: Vec<Value> = list
            .iter()
            .map(|outcome| outcome.trim())
            .filter(|outcome| !outcome.is_empty())
            .map(|outcome| Value::String(outcome.to_owned()))
            .collect();
        if !list.is_empty() {
            outcomes.insert(tag.into(), Value::Array(list));
        }
    }
    if !outcomes.is_empty() {
        object.insert(
            "learningOutcomeTranslations".into(),
            Value::Object(outcomes),
        );
    }
    if let Some(hours) = details
        .hours
        .filter(|hours| *hours >= 0.0)
        .and_then(json_number)
    {
        object.insert("studyHours".into(), hours);
    }
    for (term, value) in [
        ("qualificationLevel", &details.level),
        ("assessmentType", &details.assessment_type),
        ("participationForm", &details.participation_form),
        ("qualityAssurance", &details.quality_assurance),
        ("prerequisites", &details.prerequisites),
        ("stackability", &details.stackability),
    ] {
        if let Some(text) = value
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
        {
            object.insert(term.into(), Value::String(text.to_owned()));
        }
    }
}

/// `credentialSubject`.
pub fn subject(subject: &SubjectRef, achievement_value: Value) -> Value {
    match subject {
        SubjectRef::Did(did) => json!({
            "id": did,
            "type": ["AchievementSubject"],
            "achievement": achievement_value,
        }),
        SubjectRef::HashedEmail { email, salt } => json!({
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash(&email.trim().to_lowercase(), salt),
                "identityType": "emailAddress",
                "hashed": true,
                "salt": salt,
            }],
            "achievement": achievement_value,
        }),
    }
}

/// Everything the unsigned credential is made of.
pub struct CredentialParts<'a> {
    pub issuer: &'a Issuer,
    pub achievement: &'a Achievement,
    pub subject: &'a SubjectRef,
    pub assignment: &'a StatusAssignment,
    pub issued_at: DateTime<Utc>,
    pub lang: Lang,
}

/// The unsigned `OpenBadgeCredential`.
pub fn open_badge_credential(parts: &CredentialParts<'_>) -> Value {
    let achievement_value = achievement(parts.achievement, parts.lang);
    let name = achievement_value
        .get("name")
        .cloned()
        .unwrap_or(Value::Null);
    let issued = timestamp(parts.issued_at);
    json!({
        "@context": [OB_CONTEXTS[0], OB_CONTEXTS[1], TSUMIKI_CONTEXT],
        "id": parts.assignment.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": issuer_profile(parts.issuer, parts.lang),
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": subject(parts.subject, achievement_value),
        "credentialStatus": status_entries(parts.assignment),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identity_hash_is_sha256_of_identifier_then_salt() {
        // sha256("a@example.comsalt")
        let expected = format!(
            "sha256${}",
            hex::encode(Sha256::digest(b"a@example.comsalt"))
        );
        assert_eq!(identity_hash("a@example.com", "salt"), expected);
        assert_ne!(
            identity_hash("a@example.com", "salt"),
            identity_hash("a@example.com", "other")
        );
    }

    #[test]
    fn achievement_types_outside_the_enumeration_become_extensions() {
        assert_eq!(
            achievement_type("MicroCredential").as_deref(),
            Some("MicroCredential")
        );
        assert_eq!(achievement_type(" Badge ").as_deref(), Some("Badge"));
        assert_eq!(
            achievement_type("ext:Nanodegree").as_deref(),
            Some("ext:Nanodegree")
        );
        assert_eq!(
            achievement_type("履修 証明").as_deref(),
            Some("ext:履修証明")
        );
        assert_eq!(achievement_type("  "), None);
    }

    #[test]
    fn empty_primary_language_falls_back_to_the_other() {
        assert_eq!(pick(Lang::Ja, "", "English"), "English");
        assert_eq!(pick(Lang::Ja, "日本語", "English"), "日本語");
        assert_eq!(pick(Lang::En, "日本語", " "), "日本語");
    }
}
