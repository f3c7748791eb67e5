//! The forms of the cost ledger page and their checks: amounts are parsed exactly into minor
//! units of the cohort's currency, hours into hundredths, shares into whole percents.

use serde::Deserialize;
use tsumiki_store::{ClaimResponse, CostAmount, CostCategory, NewBenefitClaim, NewCostEntry};

use crate::analytics::roi::parse_amount;
use crate::pages::impact::text_field;

/// Hours typed in a form, as hundredths (`1.5` → 150); at most two decimals.
pub(crate) fn parse_hours(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    whole
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(fraction)
}

/// The ROI settings form.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub(crate) currency: String,
    #[serde(default)]
    pub(crate) horizon_years: String,
}

/// The cost line form.
#[derive(Debug, Default, Deserialize)]
pub struct CostForm {
    #[serde(default)]
    pub(crate) category: String,
    #[serde(default)]
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) amount: String,
    #[serde(default)]
    pub(crate) hours: String,
    #[serde(default)]
    pub(crate) hourly_rate: String,
}

impl CostForm {
    pub(crate) fn validate(
        &self,
        cohort_id: &str,
        currency: &str,
        user_id: &str,
    ) -> Result<NewCostEntry, &'static str> {
        let category = CostCategory::parse(&self.category).ok_or("imp-error-category")?;
        let amount = if category == CostCategory::ParticipantTime {
            let hours_hundredths = parse_hours(&self.hours).ok_or("imp-error-hours")?;
            let rate = parse_amount(&self.hourly_rate, currency).ok_or("imp-error-amount")?;
            CostAmount::Time {
                hours_hundredths,
                hourly_rate_minor: u32::try_from(rate).map_err(|_| "imp-error-amount")?,
            }
        } else {
            CostAmount::Fixed(parse_amount(&self.amount, currency).ok_or("imp-error-amount")?)
        };
        Ok(NewCostEntry {
            cohort_id: cohort_id.to_owned(),
            category,
            description: text_field(&self.description, 500)?,
            amount,
            created_by: Some(user_id.to_owned()),
        })
    }
}

/// The benefit claim form.
#[derive(Debug, Default, Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    pub(crate) participant_id: String,
    #[serde(default)]
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) non_respondent: Option<String>,
    #[serde(default)]
    pub(crate) annual_value: String,
    #[serde(default)]
    pub(crate) isolation_percent: String,
    #[serde(default)]
    pub(crate) confidence_percent: String,
}

pub(crate) fn parse_percent(text: &str) -> Option<u8> {
    text.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|percent| *percent <= 100)
}

impl ClaimForm {
    pub(crate) fn validate(
        &self,
        cohort_id: &str,
        currency: &str,
        user_id: &str,
    ) -> Result<NewBenefitClaim, &'static str> {
        let response = if self.non_respondent.is_some() {
            ClaimResponse::NonRespondent
        } else {
            ClaimResponse::Estimate {
                annual_value_minor: parse_amount(&self.annual_value, currency)
                    .ok_or("imp-error-amount")?,
                isolation_percent: parse_percent(&self.isolation_percent)
                    .ok_or("imp-error-percent")?,
                confidence_percent: parse_percent(&self.confidence_percent)
                    .ok_or("imp-error-percent")?,
            }
        };
        Ok(NewBenefitClaim {
            cohort_id: cohort_id.to_owned(),
            participant_id: self.participant_id.trim().to_owned(),
            description: text_field(&self.description, 1000)?,
            response,
            created_by: Some(user_id.to_owned()),
        })
    }
}

/// The intangible benefit form.
#[derive(Debug, Default, Deserialize)]
pub struct IntangibleForm {
    #[serde(default)]
    pub(crate) text_ja: String,
    #[serde(default)]
    pub(crate) text_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_to_hundredths() {
        assert_eq!(parse_hours("1.5"), Some(150));
        assert_eq!(parse_hours("12"), Some(1200));
        assert_eq!(parse_hours("0.05"), Some(5));
        assert_eq!(parse_hours("1.234"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours(".5"), None);
        assert_eq!(parse_hours("99999999"), None);
    }

    #[test]
    fn percents_are_whole_and_bounded() {
        assert_eq!(parse_percent("40"), Some(40));
        assert_eq!(parse_percent("75 %"), Some(75));
        assert_eq!(parse_percent("101"), None);
        assert_eq!(parse_percent("12.5"), None);
    }
}
