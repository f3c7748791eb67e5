//! A cohort's Phillips ROI from its cost ledger and benefit claims, for the ROI page, the
//! sponsor dashboard and exports; and the money helpers the ledger pages share.
//!
//! The store keeps money as integer minor units; only here, at the edge of the arithmetic,
//! does it become `f64` (in major units: yen, dollars), because ratios and the sensitivity table
//! are not money. Claims of participants without active evaluation consent drop out entirely
//! (the aggregates rule): since a claim only ever adds, that is never more favourable than
//! counting them.

use serde::Serialize;
use tsumiki_impact::ImpactError;
use tsumiki_impact::roi::{self, BenefitItem, CostItem, RoiInput, RoiReport};
use tsumiki_store::{
    BenefitClaim, CONSENT_EVALUATION, ClaimResponse, Cohort, CostCategory, CostEntry,
};

use crate::{AppState, WebError};

/// A cohort's ROI as shown and exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoiView {
    /// ISO 4217 code; every amount of `report` is in its major unit.
    pub currency: String,
    /// Years of benefit counted (cohort setting).
    pub horizon_years: u32,
    /// The exact ledger total in minor units.
    pub total_costs_minor: i64,
    /// BCR, ROI %, payback, costs by category and the sensitivity table.
    pub report: RoiReport,
    /// Claims left out because the participant's evaluation consent does not hold.
    pub claims_without_consent: usize,
    /// Benefits listed apart from the money.
    pub intangibles: Vec<IntangibleView>,
}

/// An intangible benefit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntangibleView {
    /// Japanese text.
    pub text_ja: String,
    /// English text.
    pub text_en: String,
}

/// The ROI of `cohort`, or `None` while its ledger is empty (a ratio over zero costs means
/// nothing, and a page saying "∞ %" would be quoted).
pub async fn cohort_roi(state: &AppState, cohort: &Cohort) -> Result<Option<RoiView>, WebError> {
    let settings = state.store.cohort_impact_settings(&cohort.id).await?;
    let costs = state.store.cost_entries(&cohort.id).await?;
    let claims = state.store.benefit_claims(&cohort.id).await?;
    let consenting: Vec<String> = state
        .store
        .consenting_participants(&cohort.id, CONSENT_EVALUATION)
        .await?
        .into_iter()
        .map(|participant| participant.id)
        .collect();
    let intangibles = state
        .store
        .intangible_benefits(&cohort.id)
        .await?
        .into_iter()
        .map(|benefit| IntangibleView {
            text_ja: benefit.text_ja,
            text_en: benefit.text_en,
        })
        .collect();
    let Some(mut view) = roi_view(
        &settings.currency,
        u32::from(settings.horizon_years),
        &costs,
        &claims,
        &consenting,
    )?
    else {
        return Ok(None);
    };
    view.intangibles = intangibles;
    Ok(Some(view))
}

/// Computes the ROI from ledger rows; separate from the loader so it can be tested without a
/// database. `consenting` lists the participant ids whose evaluation consent holds.
pub fn roi_view(
    currency: &str,
    horizon_years: u32,
    costs: &[CostEntry],
    claims: &[BenefitClaim],
    consenting: &[String],
) -> Result<Option<RoiView>, WebError> {
    if costs.is_empty() {
        return Ok(None);
    }
    let scale = 10_f64.powi(i32::try_from(minor_digits(currency)).unwrap_or(0));
    let major = |minor: i64| minor as f64 / scale;
    let counted: Vec<&BenefitClaim> = claims
        .iter()
        .filter(|claim| consenting.contains(&claim.claim.participant_id))
        .collect();
    let input = RoiInput {
        costs: costs
            .iter()
            .map(|entry| CostItem {
                category: cost_category(entry.entry.category),
                amount: Some(major(entry.amount_minor)),
                hours: None,
                loaded_rate: None,
                description: None,
            })
            .collect(),
        benefits: counted
            .iter()
            .map(|claim| match claim.claim.response {
                ClaimResponse::NonRespondent => BenefitItem {
                    non_respondent: true,
                    ..BenefitItem::default()
                },
                ClaimResponse::Estimate {
                    annual_value_minor,
                    isolation_percent,
                    confidence_percent,
                } => BenefitItem {
                    annual_value: Some(major(annual_value_minor)),
                    isolation: Some(f64::from(isolation_percent) / 100.0),
                    confidence: Some(f64::from(confidence_percent) / 100.0),
                    ..BenefitItem::default()
                },
            })
            .collect(),
        horizon_years,
    };
    let report = match roi::roi(&input) {
        Ok(report) => report,
        Err(ImpactError::Undefined { .. } | ImpactError::Empty { .. }) => return Ok(None),
        Err(error) => return Err(WebError::Internal(format!("ROI: {error}"))),
    };
    let total: i128 = costs
        .iter()
        .map(|entry| i128::from(entry.amount_minor))
        .sum();
    Ok(Some(RoiView {
        currency: currency.to_owned(),
        horizon_years,
        total_costs_minor: i64::try_from(total).unwrap_or(i64::MAX),
        report,
        claims_without_consent: claims.len() - counted.len(),
        intangibles: Vec::new(),
    }))
}

fn cost_category(category: CostCategory) -> roi::CostCategory {
    match category {
        CostCategory::Faculty => roi::CostCategory::Faculty,
        CostCategory::TravelAccommodation => roi::CostCategory::TravelAndAccommodation,
        CostCategory::Platform => roi::CostCategory::Platform,
        CostCategory::ParticipantTime => roi::CostCategory::ParticipantTime,
        CostCategory::InterpretationTranslation => roi::CostCategory::InterpretationAndTranslation,
        CostCategory::Coaching => roi::CostCategory::Coaching,
        CostCategory::InternalCoordination => roi::CostCategory::InternalCoordination,
        CostCategory::Backfill => roi::CostCategory::Backfill,
    }
}

/// Digits after the decimal point in `currency`'s minor unit (ISO 4217): 0 for the yen and
/// the won, 3 for the Gulf dinars, 2 for the rest.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "PYG" | "UGX" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
        _ => 2,
    }
}

/// `amount` typed in a form (`1,234,567`, `１２３４` is refused, `12.50`) as minor units of
/// `currency`: exact decimal arithmetic, no float. `None` for anything else, a negative
/// amount, more decimals than the currency has, or a value beyond `i64`.
pub fn parse_amount(text: &str, currency: &str) -> Option<i64> {
    let digits = minor_digits(currency);
    let cleaned: String = text
        .trim()
        .trim_start_matches(['¥', '$', '€', '£'])
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let (whole, fraction) = match cleaned.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (cleaned.as_str(), ""),
    };
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > usize::try_from(digits).ok()?
    {
        return None;
    }
    let mut minor: i64 = whole.parse().ok()?;
    for position in 0..digits {
        let digit = fraction
            .as_bytes()
            .get(usize::try_from(position).ok()?)
            .map_or(0, |byte| i64::from(byte - b'0'));
        minor = minor.checked_mul(10)?.checked_add(digit)?;
    }
    Some(minor)
}

/// Minor units as the currency is written: `1,234,567` yen, `1,234.50` dollars.
pub fn format_minor(minor: i64, currency: &str) -> String {
    let digits = minor_digits(currency);
    let scale = 10_u64.pow(digits);
    let magnitude = minor.unsigned_abs();
    let whole = group_thousands(magnitude / scale);
    let sign = if minor < 0 { "-" } else { "" };
    if digits == 0 {
        format!("{sign}{whole}")
    } else {
        let fraction = magnitude % scale;
        let width = usize::try_from(digits).unwrap_or(2);
        format!("{sign}{whole}.{fraction:0width$}")
    }
}

/// A major-unit figure from the ROI arithmetic, rounded to the currency's minor unit.
pub fn format_major(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return "—".to_owned();
    }
    let scale = 10_f64.powi(i32::try_from(minor_digits(currency)).unwrap_or(0));
    let minor = (amount * scale).round();
    if minor.abs() >= 9.0e18 {
        return format!("{amount:.0}");
    }
    // Bounded just above, so the cast is exact.
    format_minor(minor as i64, currency)
}

fn group_thousands(value: u64) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + text.len() / 3);
    for (index, ch) in text.chars().enumerate() {
        if index > 0 && (text.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_exactly_per_currency() {
        assert_eq!(parse_amount("1,234,567", "JPY"), Some(1_234_567));
        assert_eq!(parse_amount("¥500", "JPY"), Some(500));
        assert_eq!(parse_amount("12.5", "JPY"), None, "no fractional yen");
        assert_eq!(parse_amount("12.5", "USD"), Some(1250));
        assert_eq!(parse_amount("0.07", "USD"), Some(7));
        assert_eq!(parse_amount("1.234", "KWD"), Some(1234));
        assert_eq!(parse_amount("-5", "JPY"), None);
        assert_eq!(parse_amount("", "JPY"), None);
        assert_eq!(parse_amount("1e5", "JPY"), None);
        assert_eq!(parse_amount("99999999999999999999", "JPY"), None);
        assert_eq!(parse_amount("92233720368547758.07", "USD"), Some(i64::MAX));
        assert_eq!(parse_amount("92233720368547758.08", "USD"), None);
    }

    #[test]
    fn amounts_format_with_grouping() {
        assert_eq!(format_minor(1_234_567, "JPY"), "1,234,567");
        assert_eq!(format_minor(123_456, "USD"), "1,234.56");
        assert_eq!(format_minor(5, "USD"), "0.05");
        assert_eq!(format_minor(-1000, "JPY"), "-1,000");
        assert_eq!(format_minor(100, "JPY"), "100");
        assert_eq!(format_major(2_400_000.4, "JPY"), "2,400,000");
        assert_eq!(format_major(f64::INFINITY, "JPY"), "—");
    }
}
