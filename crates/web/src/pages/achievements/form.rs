//! The achievement form: what the browser sends (multipart, because of the image) and the
//! checks that turn it into a store record or into messages next to the offending fields.
//! Validation is pure so nothing reaches the store unless every field is acceptable.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use serde_json::{Map, Value};
use tsumiki_store::{Achievement, AchievementImage, NewAchievement};

use crate::WebError;

/// Badge images are shown on every credential page and baked into downloads; a large file
/// only slows those down.
pub const MAX_IMAGE_BYTES: usize = 512 * 1024;

/// Open Badges 3.0 `AchievementType` values offered in the form.
pub const ACHIEVEMENT_TYPES: &[&str] = &[
    "Achievement",
    "Assessment",
    "Assignment",
    "Award",
    "Badge",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CoCurricular",
    "CommunityService",
    "Competency",
    "Course",
    "Degree",
    "Diploma",
    "Fieldwork",
    "LearningProgram",
    "License",
    "Membership",
    "MicroCredential",
];

/// The controlled list of assessment types from the micro-credential guidelines.
pub const ASSESSMENT_TYPES: &[&str] = &[
    "exam",
    "project",
    "portfolio",
    "observation",
    "360-degree",
    "simulation",
    "other",
];

/// Forms of participation from the EU recommendation (Annex I).
pub const PARTICIPATION_FORMS: &[&str] = &["online", "on-site", "blended", "abroad"];

const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 10_000;
const MAX_AMOUNT: f64 = 100_000.0;

/// One alignment row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlignmentRow {
    pub name: String,
    pub url: String,
    pub framework: String,
    pub code: String,
}

impl AlignmentRow {
    fn is_blank(&self) -> bool {
        [&self.name, &self.url, &self.framework, &self.code]
            .iter()
            .all(|text| text.trim().is_empty())
    }
}

/// The form as typed (everything text, so it can be shown again unchanged after an error).
#[derive(Debug, Clone, Default)]
pub struct AchievementForm {
    pub issuer_id: String,
    pub achievement_type: String,
    pub name_ja: String,
    pub name_en: String,
    pub description_ja: String,
    pub description_en: String,
    pub criteria_ja: String,
    pub criteria_en: String,
    /// One outcome per line.
    pub learning_outcomes_ja: String,
    pub learning_outcomes_en: String,
    pub hours: String,
    pub credits: String,
    pub level: String,
    pub assessment_type: String,
    pub participation_form: String,
    pub quality_assurance: String,
    pub prerequisites: String,
    pub stackability: String,
    pub alt_ja: String,
    pub alt_en: String,
    pub remove_image: bool,
    pub alignments: Vec<AlignmentRow>,
    /// The uploaded file, if one was chosen.
    pub upload: Option<Vec<u8>>,
}

/// Message ids by field name; the template translates them.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(BTreeMap<&'static str, &'static str>);

impl FieldErrors {
    /// The message id for `field`, if it was refused.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Records the first problem of `field` (later ones would only repeat the point).
    pub fn add(&mut self, field: &'static str, message_id: &'static str) {
        self.0.entry(field).or_insert(message_id);
    }
}

fn bad_form(error: impl std::fmt::Display) -> WebError {
    WebError::BadRequest(format!("reading the achievement form: {error}"))
}

/// Reads the multipart form. Unknown fields are ignored; the CSRF token was checked upstream.
pub async fn read(mut multipart: Multipart) -> Result<AchievementForm, WebError> {
    let mut form = AchievementForm::default();
    let mut columns: [Vec<String>; 4] = Default::default();
    while let Some(field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "image" {
            let bytes = field.bytes().await.map_err(bad_form)?;
            if !bytes.is_empty() {
                form.upload = Some(bytes.to_vec());
            }
            continue;
        }
        let text = field.text().await.map_err(bad_form)?;
        let slot = match name.as_str() {
            "issuer_id" => &mut form.issuer_id,
            "achievement_type" => &mut form.achievement_type,
            "name_ja" => &mut form.name_ja,
            "name_en" => &mut form.name_en,
            "description_ja" => &mut form.description_ja,
            "description_en" => &mut form.description_en,
            "criteria_ja" => &mut form.criteria_ja,
            "criteria_en" => &mut form.criteria_en,
            "learning_outcomes_ja" => &mut form.learning_outcomes_ja,
            "learning_outcomes_en" => &mut form.learning_outcomes_en,
            "hours" => &mut form.hours,
            "credits" => &mut form.credits,
            "level" => &mut form.level,
            "assessment_type" => &mut form.assessment_type,
            "participation_form" => &mut form.participation_form,
            "quality_assurance" => &mut form.quality_assurance,
            "prerequisites" => &mut form.prerequisites,
            "stackability" => &mut form.stackability,
            "alt_ja" => &mut form.alt_ja,
            "alt_en" => &mut form.alt_en,
            "remove_image" => {
                form.remove_image = !text.is_empty();
                continue;
            }
            "alignment_name" | "alignment_url" | "alignment_framework" | "alignment_code" => {
                let column = match name.as_str() {
                    "alignment_name" => 0,
                    "alignment_url" => 1,
                    "alignment_framework" => 2,
                    _ => 3,
                };
                if let Some(values) = columns.get_mut(column) {
                    values.push(text);
                }
                continue;
            }
            _ => continue,
        };
        *slot = text;
    }
    let [names, urls, frameworks, codes] = columns;
    let rows = names
        .len()
        .max(urls.len())
        .max(frameworks.len())
        .max(codes.len());
    let cell = |values: &[String], row: usize| values.get(row).cloned().unwrap_or_default();
    form.alignments = (0..rows)
        .map(|row| AlignmentRow {
            name: cell(&names, row),
            url: cell(&urls, row),
            framework: cell(&frameworks, row),
            code: cell(&codes, row),
        })
        .filter(|row| !row.is_blank())
        .collect();
    Ok(form)
}

impl AchievementForm {
    /// The form pre-filled from a stored achievement, for editing.
    pub fn from_existing(achievement: &Achievement) -> AchievementForm {
        let details = &achievement.details;
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let amount = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        let image = details.image.as_ref();
        AchievementForm {
            issuer_id: details.issuer_id.clone(),
            achievement_type: details.achievement_type.clone(),
            name_ja: details.name_ja.clone(),
            name_en: details.name_en.clone(),
            description_ja: details.description_ja.clone(),
            description_en: details.description_en.clone(),
            criteria_ja: details.criteria_ja.clone(),
            criteria_en: details.criteria_en.clone(),
            learning_outcomes_ja: details.learning_outcomes_ja.join("\n"),
            learning_outcomes_en: details.learning_outcomes_en.join("\n"),
            hours: amount(details.hours),
            credits: amount(details.credits),
            level: text(&details.level),
            assessment_type: text(&details.assessment_type),
            participation_form: text(&details.participation_form),
            quality_assurance: text(&details.quality_assurance),
            prerequisites: text(&details.prerequisites),
            stackability: text(&details.stackability),
            alt_ja: image.map(|image| image.alt_ja.clone()).unwrap_or_default(),
            alt_en: image.map(|image| image.alt_en.clone()).unwrap_or_default(),
            remove_image: false,
            alignments: details.alignments.iter().map(alignment_row).collect(),
            upload: None,
        }
    }

    /// Checks every field; `kept_image` is the stored image an edit keeps unless replaced.
    pub fn validate(
        &self,
        kept_image: Option<&AchievementImage>,
    ) -> Result<NewAchievement, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.issuer_id.trim().is_empty() {
            errors.add("issuer_id", "pages-error-required");
        }
        if !ACHIEVEMENT_TYPES.contains(&self.achievement_type.as_str()) {
            errors.add("achievement_type", "pages-error-choice");
        }
        for (field, value, limit) in [
            ("name_ja", &self.name_ja, MAX_NAME_CHARS),
            ("name_en", &self.name_en, MAX_NAME_CHARS),
            ("description_ja", &self.description_ja, MAX_TEXT_CHARS),
            ("description_en", &self.description_en, MAX_TEXT_CHARS),
            ("criteria_ja", &self.criteria_ja, MAX_TEXT_CHARS),
            ("criteria_en", &self.criteria_en, MAX_TEXT_CHARS),
        ] {
            if value.trim().is_empty() {
                errors.add(field, "pages-error-required");
            } else if value.chars().count() > limit {
                errors.add(field, "pages-error-too-long");
            }
        }
        let hours = amount(&self.hours, "hours", &mut errors);
        let credits = amount(&self.credits, "credits", &mut errors);
        let assessment_type = choice(
            &self.assessment_type,
            ASSESSMENT_TYPES,
            "assessment_type",
            &mut errors,
        );
        let participation_form = choice(
            &self.participation_form,
            PARTICIPATION_FORMS,
            "participation_form",
            &mut errors,
        );
        let image = self.image(kept_image, &mut errors);
        let alignments = self.alignment_values(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewAchievement {
            issuer_id: self.issuer_id.trim().to_owned(),
            achievement_type: self.achievement_type.clone(),
            name_ja: self.name_ja.trim().to_owned(),
            name_en: self.name_en.trim().to_owned(),
            description_ja: self.description_ja.trim().to_owned(),
            description_en: self.description_en.trim().to_owned(),
            criteria_ja: self.criteria_ja.trim().to_owned(),
            criteria_en: self.criteria_en.trim().to_owned(),
            learning_outcomes_ja: lines(&self.learning_outcomes_ja),
            learning_outcomes_en: lines(&self.learning_outcomes_en),
            hours,
            credits,
            level: optional(&self.level),
            assessment_type,
            participation_form,
            quality_assurance: optional(&self.quality_assurance),
            prerequisites: optional(&self.prerequisites),
            stackability: optional(&self.stackability),
            image,
            alignments,
        })
    }

    fn image(
        &self,
        kept: Option<&AchievementImage>,
        errors: &mut FieldErrors,
    ) -> Option<AchievementImage> {
        let (bytes, media_type) = match &self.upload {
            Some(bytes) if bytes.len() > MAX_IMAGE_BYTES => {
                errors.add("image", "pages-error-image-size");
                return None;
            }
            Some(bytes) => match sniff_image(bytes) {
                Ok(media_type) => (bytes.clone(), media_type.to_owned()),
                Err(message_id) => {
                    errors.add("image", message_id);
                    return None;
                }
            },
            None if self.remove_image => return None,
            None => {
                let kept = kept?;
                (kept.bytes.clone(), kept.media_type.clone())
            }
        };
        for (field, alt) in [("alt_ja", &self.alt_ja), ("alt_en", &self.alt_en)] {
            if alt.trim().is_empty() {
                errors.add(field, "pages-error-alt-required");
            }
        }
        Some(AchievementImage {
            bytes,
            media_type,
            alt_ja: self.alt_ja.trim().to_owned(),
            alt_en: self.alt_en.trim().to_owned(),
        })
    }

    fn alignment_values(&self, errors: &mut FieldErrors) -> Vec<Value> {
        let mut values = Vec::with_capacity(self.alignments.len());
        for row in &self.alignments {
            let url = row.url.trim();
            if row.name.trim().is_empty() {
                errors.add("alignments", "pages-error-alignment-name");
            }
            if !is_web_url(url) {
                errors.add("alignments", "pages-error-alignment-url");
            }
            let mut object = Map::new();
            object.insert("type".into(), Value::from(vec!["Alignment"]));
            object.insert("targetName".into(), Value::from(row.name.trim()));
            object.insert("targetUrl".into(), Value::from(url));
            if let Some(framework) = optional(&row.framework) {
                object.insert("targetFramework".into(), Value::from(framework));
            }
            if let Some(code) = optional(&row.code) {
                object.insert("targetCode".into(), Value::from(code));
            }
            values.push(Value::Object(object));
        }
        values
    }
}

/// The media type of an accepted badge image, judged by its bytes (never by the file name or
/// the browser's claim), or the message id saying why it is refused. SVG is accepted only
/// without scripts or embedded HTML, since the image is shown on public pages.
pub fn sniff_image(bytes: &[u8]) -> Result<&'static str, &'static str> {
    const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok("image/png");
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err("pages-error-image-type");
    };
    let lower = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if !lower.starts_with('<') || !lower.contains("<svg") {
        return Err("pages-error-image-type");
    }
    let active = [
        "<script",
        "<foreignobject",
        "javascript:",
        " onload",
        " onclick",
    ];
    if active.iter().any(|marker| lower.contains(marker)) {
        return Err("pages-error-image-script");
    }
    Ok("image/svg+xml")
}

fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace)
    })
}

fn alignment_row(value: &Value) -> AlignmentRow {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    AlignmentRow {
        name: text("targetName"),
        url: text("targetUrl"),
        framework: text("targetFramework"),
        code: text("targetCode"),
    }
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn amount(text: &str, field: &'static str, errors: &mut FieldErrors) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    match trimmed.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=MAX_AMOUNT).contains(&value) => Some(value),
        _ => {
            errors.add(field, "pages-error-amount");
            None
        }
    }
}

fn choice(
    text: &str,
    allowed: &[&str],
    field: &'static str,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = optional(text)?;
    if allowed.contains(&value.as_str()) {
        Some(value)
    } else {
        errors.add(field, "pages-error-choice");
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_judged_by_their_bytes() {
        assert_eq!(
            sniff_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok("image/png")
        );
        assert_eq!(
            sniff_image(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Ok("image/svg+xml")
        );
        assert_eq!(sniff_image(b"GIF89a...."), Err("pages-error-image-type"));
        assert_eq!(
            sniff_image(b"\xff\xd8\xff\xe0JFIF"),
            Err("pages-error-image-type")
        );
        assert_eq!(
            sniff_image(b"<svg><script>alert(1)</script></svg>"),
            Err("pages-error-image-script")
        );
    }

    #[test]
    fn only_web_urls_are_alignment_targets() {
        assert!(is_web_url("https://example.org/framework#c1"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://exa mple.org"));
    }

    #[test]
    fn amounts_must_be_non_negative_numbers() {
        let mut errors = FieldErrors::default();
        assert_eq!(amount("1.5", "hours", &mut errors), Some(1.5));
        assert_eq!(amount("", "hours", &mut errors), None);
        assert!(errors.is_empty());
        assert_eq!(amount("-1", "hours", &mut errors), None);
        assert_eq!(errors.get("hours"), Some("pages-error-amount"));
        assert_eq!(amount("NaN", "credits", &mut errors), None);
        assert_eq!(errors.get("credits"), Some("pages-error-amount"));
    }
}
