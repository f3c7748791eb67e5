//! Instruments are competency models: competencies made of observable-behaviour items, rated
//! on one labelled scale with a separate "cannot say". Every person-facing text exists in
//! Japanese and English, because raters choose their language and reports are bilingual.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::FeedbackError;

/// The open model's source: written by the tsumiki project, CC BY 4.0.
pub const OPEN_MODEL_JSON: &str = include_str!("../instruments/tsumiki-ccl-1.json");

/// The id of [`open_model`].
pub const OPEN_MODEL_ID: &str = "tsumiki-ccl-1";

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The Japanese text when `japanese`, else the English.
    pub fn pick(&self, japanese: bool) -> &str {
        if japanese { &self.ja } else { &self.en }
    }
}

/// One labelled point of the rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScalePoint {
    /// The number stored and averaged.
    pub value: u8,
    /// What a rater reads.
    pub label: Text,
}

/// The rating scale shared by every item of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    /// The question every item answers ("how often…").
    pub prompt: Text,
    /// Consecutive points, lowest first.
    pub points: Vec<ScalePoint>,
    /// The label of the "cannot say" answer, which is never scored.
    pub cannot_say: Text,
}

impl Scale {
    /// Lowest value (1 for a valid scale).
    pub fn min(&self) -> u8 {
        self.points.first().map_or(1, |point| point.value)
    }

    /// Highest value.
    pub fn max(&self) -> u8 {
        self.points.last().map_or(1, |point| point.value)
    }
}

/// One observable behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Unique within the instrument; stored with each answer.
    pub id: String,
    /// The behaviour as a rater reads it.
    pub text: Text,
}

/// A competency: the unit reports score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    /// Unique within the instrument.
    pub id: String,
    /// Short name.
    pub name: Text,
    /// One sentence for report readers.
    pub description: Text,
    /// Its behaviours.
    pub items: Vec<Item>,
}

/// A competency model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// Stable id, stored with each round.
    pub id: String,
    /// Version of the wording.
    pub version: String,
    /// Title.
    pub name: Text,
    /// Who wrote it and under which licence.
    pub licence: String,
    /// The rating scale.
    pub scale: Scale,
    /// The competencies, in report order.
    pub competencies: Vec<Competency>,
}

impl Instrument {
    /// Parses and validates an instrument document.
    pub fn from_json(json: &str) -> Result<Instrument, FeedbackError> {
        let instrument: Instrument = serde_json::from_str(json)
            .map_err(|error| FeedbackError::InstrumentJson(error.to_string()))?;
        instrument.validate()?;
        Ok(instrument)
    }

    /// The rules scoring relies on: ids unique, no empty competency, a scale of 2–11
    /// consecutive points starting at 1 (so means are comparable across instruments).
    pub fn validate(&self) -> Result<(), FeedbackError> {
        let invalid = |reason: String| Err(FeedbackError::InvalidInstrument(reason));
        let points = &self.scale.points;
        if !(2..=11).contains(&points.len()) {
            return invalid(format!(
                "scale has {} points, expected 2 to 11",
                points.len()
            ));
        }
        for (expected, point) in (1u8..).zip(points) {
            if point.value != expected {
                return invalid(format!(
                    "scale point {} should have value {expected}",
                    point.value
                ));
            }
        }
        if self.competencies.is_empty() {
            return invalid("no competencies".to_owned());
        }
        let mut competency_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        for competency in &self.competencies {
            if !competency_ids.insert(competency.id.as_str()) {
                return invalid(format!("duplicate competency id {:?}", competency.id));
            }
            if competency.items.is_empty() {
                return invalid(format!("competency {:?} has no items", competency.id));
            }
            for item in &competency.items {
                if !item_ids.insert(item.id.as_str()) {
                    return invalid(format!("duplicate item id {:?}", item.id));
                }
            }
        }
        Ok(())
    }

    /// The competency an item belongs to.
    pub fn competency_of(&self, item_id: &str) -> Option<&Competency> {
        self.competencies
            .iter()
            .find(|competency| competency.items.iter().any(|item| item.id == item_id))
    }

    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.competencies
            .iter()
            .flat_map(|competency| competency.items.iter())
    }

    /// A competency by id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies
            .iter()
            .find(|competency| competency.id == id)
    }
}

static OPEN_MODEL: LazyLock<Result<Instrument, FeedbackError>> =
    LazyLock::new(|| Instrument::from_json(OPEN_MODEL_JSON));

/// tsumiki's open cross-cultural leadership model, parsed once. An error only if the embedded
/// file was broken, which the crate's tests rule out.
pub fn open_model() -> Result<&'static Instrument, FeedbackError> {
    OPEN_MODEL.as_ref().map_err(Clone::clone)
}

/// The instruments this build knows, by id.
pub fn by_id(id: &str) -> Result<Option<&'static Instrument>, FeedbackError> {
    let open = open_model()?;
    Ok((open.id == id).then_some(open))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn open_model_is_valid_and_complete() {
        let model = open_model().unwrap();
        assert_eq!(model.id, OPEN_MODEL_ID);
        assert_eq!(model.competencies.len(), 7);
        assert_eq!(model.items().count(), 22);
        assert_eq!((model.scale.min(), model.scale.max()), (1, 5));
        for competency in &model.competencies {
            assert!(
                (3..=4).contains(&competency.items.len()),
                "{}",
                competency.id
            );
            for text in std::iter::once(&competency.name)
                .chain(std::iter::once(&competency.description))
                .chain(competency.items.iter().map(|item| &item.text))
            {
                assert!(!text.ja.is_empty() && !text.en.is_empty());
                assert!(!text.ja.is_ascii(), "Japanese text is English: {}", text.ja);
            }
        }
        assert!(model.licence.contains("CC BY 4.0"));
        assert_eq!(
            model.competency_of("cl3").unwrap().id,
            "communicating-across-languages"
        );
        assert!(by_id("tsumiki-ccl-1").unwrap().is_some());
        assert!(by_id("cqs").unwrap().is_none());
    }

    #[test]
    fn broken_instruments_are_refused() {
        let mut json: serde_json::Value = serde_json::from_str(OPEN_MODEL_JSON).unwrap();
        json["competencies"][1]["items"][0]["id"] = "sa1".into();
        let error = Instrument::from_json(&json.to_string()).unwrap_err();
        assert_eq!(
            error,
            FeedbackError::InvalidInstrument("duplicate item id \"sa1\"".to_owned())
        );

        let mut json: serde_json::Value = serde_json::from_str(OPEN_MODEL_JSON).unwrap();
        json["scale"]["points"][0]["value"] = 0.into();
        assert!(matches!(
            Instrument::from_json(&json.to_string()),
            Err(FeedbackError::InvalidInstrument(_))
        ));

        let mut json: serde_json::Value = serde_json::from_str(OPEN_MODEL_JSON).unwrap();
        json["competencies"][0]["items"] = serde_json::json!([]);
        assert!(matches!(
            Instrument::from_json(&json.to_string()),
            Err(FeedbackError::InvalidInstrument(_))
        ));
        assert!(matches!(
            Instrument::from_json("{"),
            Err(FeedbackError::InstrumentJson(_))
        ));
    }
}
