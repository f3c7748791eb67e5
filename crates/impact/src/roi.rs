//! Phillips ROI: fully loaded programme costs against monetised, adjusted benefits.
//!
//! - Costs are fully loaded: every category below, including the participants' own time
//!   (hours × a loaded hourly rate: salary plus on-costs) and the backfill for their absence.
//! - Each benefit is a participant's estimate of an annual monetary value, adjusted twice as
//!   Phillips prescribes: × isolation (the share due to the programme, not to other factors)
//!   × confidence (how sure the participant is of the estimate), both in [0, 1].
//! - Participants who did not answer count as zero, never as the average of those who did.
//! - Only the first year counts unless `horizonYears` says otherwise (no discounting: the
//!   horizon is at most a few years and the sensitivity table shows its weight).
//!
//! BCR = benefits / costs; ROI % = (benefits − costs) / costs × 100; payback in months =
//! costs / (annual benefits / 12). The sensitivity table scales every isolation and every
//! confidence by 0.5, 0.75 and 1 (how wrong can the estimates be before ROI turns negative?)
//! for horizons of 1, 2 and 3 years.

use serde::{Deserialize, Serialize};

use crate::ImpactError;
use crate::error::{finite, in_range};

/// The longest horizon accepted, in years.
pub const MAX_HORIZON_YEARS: u32 = 10;
/// Factors applied to every isolation and confidence in the sensitivity table.
pub const SENSITIVITY_FACTORS: [f64; 3] = [0.5, 0.75, 1.0];
/// Horizons in the sensitivity table.
pub const SENSITIVITY_HORIZONS: [u32; 3] = [1, 2, 3];

/// Where a cost comes from (fully loaded costing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CostCategory {
    Faculty,
    TravelAndAccommodation,
    Platform,
    /// Participants' hours × loaded rate.
    ParticipantTime,
    InterpretationAndTranslation,
    Coaching,
    InternalCoordination,
    Backfill,
    Other,
}

/// One cost line: an `amount`, or `hours` × `loadedRate` (for participant time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostItem {
    pub category: CostCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loaded_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One participant's benefit estimate, or a non-respondent (`nonRespondent: true`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BenefitItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub non_respondent: bool,
}

fn one_year() -> u32 {
    1
}

/// The whole input; its JSON form is what `tsumiki impact roi` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoiInput {
    pub costs: Vec<CostItem>,
    pub benefits: Vec<BenefitItem>,
    #[serde(default = "one_year")]
    pub horizon_years: u32,
}

/// Costs of one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCost {
    pub category: CostCategory,
    pub amount: f64,
    /// amount / total costs.
    pub share: f64,
}

/// One scenario of the sensitivity table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SensitivityRow {
    pub isolation_factor: f64,
    pub confidence_factor: f64,
    pub horizon_years: u32,
    pub benefits: f64,
    pub bcr: f64,
    pub roi_percent: f64,
}

/// The ROI of a programme or cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoiReport {
    /// Adjusted benefits over the horizon.
    pub benefits: f64,
    /// Adjusted benefits of one year.
    pub annual_benefits: f64,
    pub costs: f64,
    pub bcr: f64,
    pub roi_percent: f64,
    /// `None` when there is no benefit.
    pub payback_months: Option<f64>,
    pub horizon_years: u32,
    pub respondents: usize,
    pub non_respondents: usize,
    pub costs_by_category: Vec<CategoryCost>,
    pub sensitivity: Vec<SensitivityRow>,
}

fn cost_amount(index: usize, item: &CostItem) -> Result<f64, ImpactError> {
    let field = |name: &str| format!("costs[{index}].{name}");
    let non_negative = |name: &str, value: f64| -> Result<f64, ImpactError> {
        let value = finite(|| field(name), value)?;
        if value < 0.0 {
            return Err(ImpactError::Negative {
                field: field(name),
                value,
            });
        }
        Ok(value)
    };
    match (item.amount, item.hours, item.loaded_rate) {
        (Some(amount), None, None) => non_negative("amount", amount),
        (None, Some(hours), Some(rate)) => {
            let hours = non_negative("hours", hours)?;
            let rate = non_negative("loadedRate", rate)?;
            finite(|| field("amount"), hours * rate)
        }
        _ => Err(ImpactError::CostForm { index }),
    }
}

/// (annual value, isolation, confidence) of a respondent; `None` for a non-respondent.
fn benefit_parts(index: usize, item: &BenefitItem) -> Result<Option<[f64; 3]>, ImpactError> {
    if item.non_respondent {
        return Ok(None);
    }
    let field = |name: &str| format!("benefits[{index}].{name}");
    let (Some(value), Some(isolation), Some(confidence)) =
        (item.annual_value, item.isolation, item.confidence)
    else {
        return Err(ImpactError::BenefitIncomplete { index });
    };
    let value = finite(|| field("annualValue"), value)?;
    if value < 0.0 {
        return Err(ImpactError::Negative {
            field: field("annualValue"),
            value,
        });
    }
    let isolation = in_range(|| field("isolation"), isolation, 0.0, 1.0)?;
    let confidence = in_range(|| field("confidence"), confidence, 0.0, 1.0)?;
    Ok(Some([value, isolation, confidence]))
}

/// Computes the report; see the module documentation.
pub fn roi(input: &RoiInput) -> Result<RoiReport, ImpactError> {
    if input.costs.is_empty() {
        return Err(ImpactError::Empty { what: "costs" });
    }
    if !(1..=MAX_HORIZON_YEARS).contains(&input.horizon_years) {
        return Err(ImpactError::OutOfRange {
            field: "horizonYears".to_owned(),
            value: f64::from(input.horizon_years),
            min: 1.0,
            max: f64::from(MAX_HORIZON_YEARS),
        });
    }
    let mut by_category: Vec<(CostCategory, f64)> = Vec::new();
    for (index, item) in input.costs.iter().enumerate() {
        let amount = cost_amount(index, item)?;
        match by_category.iter_mut().find(|(c, _)| *c == item.category) {
            Some(entry) => entry.1 += amount,
            None => by_category.push((item.category, amount)),
        }
    }
    by_category.sort_by_key(|(category, _)| *category);
    let costs = finite(
        || "costs".to_owned(),
        by_category.iter().map(|(_, a)| a).sum(),
    )?;
    if costs <= 0.0 {
        // ROI divides by the costs; `what: "ROI"` is how callers recognise this case.
        return Err(ImpactError::Undefined {
            what: "ROI",
            why: "the fully loaded costs are 0",
        });
    }
    let mut parts = Vec::with_capacity(input.benefits.len());
    let mut non_respondents = 0;
    for (index, item) in input.benefits.iter().enumerate() {
        match benefit_parts(index, item)? {
            Some(p) => parts.push(p),
            None => non_respondents += 1,
        }
    }
    let annual_at = |isolation_factor: f64, confidence_factor: f64| -> f64 {
        parts
            .iter()
            .map(|[value, isolation, confidence]| {
                value * (isolation * isolation_factor) * (confidence * confidence_factor)
            })
            .sum()
    };
    let annual_benefits = finite(|| "benefits".to_owned(), annual_at(1.0, 1.0))?;
    let horizon = f64::from(input.horizon_years);
    let benefits = annual_benefits * horizon;
    // Huge estimates or a tiny cost can still overflow once multiplied by the longest horizon
    // shown (here or in the sensitivity table) or divided by the costs: refuse rather than
    // print "inf".
    let longest = horizon.max(
        SENSITIVITY_HORIZONS
            .iter()
            .copied()
            .map(f64::from)
            .fold(0.0, f64::max),
    );
    finite(|| "benefits".to_owned(), annual_benefits * longest / costs)?;
    let mut sensitivity = Vec::new();
    for horizon_years in SENSITIVITY_HORIZONS {
        for isolation_factor in SENSITIVITY_FACTORS {
            for confidence_factor in SENSITIVITY_FACTORS {
                let benefits =
                    annual_at(isolation_factor, confidence_factor) * f64::from(horizon_years);
                sensitivity.push(SensitivityRow {
                    isolation_factor,
                    confidence_factor,
                    horizon_years,
                    benefits,
                    bcr: benefits / costs,
                    roi_percent: (benefits - costs) / costs * 100.0,
                });
            }
        }
    }
    Ok(RoiReport {
        benefits,
        annual_benefits,
        costs,
        bcr: benefits / costs,
        roi_percent: (benefits - costs) / costs * 100.0,
        payback_months: (annual_benefits > 0.0).then(|| costs / (annual_benefits / 12.0)),
        horizon_years: input.horizon_years,
        respondents: parts.len(),
        non_respondents,
        costs_by_category: by_category
            .into_iter()
            .map(|(category, amount)| CategoryCost {
                category,
                amount,
                share: amount / costs,
            })
            .collect(),
        sensitivity,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn example() -> RoiInput {
        serde_json::from_str(
            r#"{
              "costs": [
                {"category": "faculty", "amount": 4000000},
                {"category": "travelAndAccommodation", "amount": 1500000},
                {"category": "participantTime", "hours": 400, "loadedRate": 5000},
                {"category": "faculty", "amount": 500000}
              ],
              "benefits": [
                {"annualValue": 10000000, "isolation": 0.4, "confidence": 0.8},
                {"annualValue": 5000000, "isolation": 0.5, "confidence": 0.5},
                {"nonRespondent": true}
              ]
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn phillips_by_hand() {
        // Costs 4.5M + 1.5M + 400 × 5000 = 8M. Benefits 10M·.4·.8 + 5M·.5·.5 = 3.2M + 1.25M.
        let r = roi(&example()).unwrap();
        assert!(close(r.costs, 8_000_000.0));
        assert!(close(r.benefits, 4_450_000.0));
        assert!(close(r.bcr, 4.45 / 8.0));
        assert!(close(r.roi_percent, (4.45 - 8.0) / 8.0 * 100.0));
        // 8M / (4.45M / 12) = 21.573… months.
        assert!(close(r.payback_months.unwrap(), 96.0 / 4.45));
        assert_eq!((r.respondents, r.non_respondents), (2, 1));
        assert_eq!(r.horizon_years, 1);
        let cats: Vec<(CostCategory, f64)> = r
            .costs_by_category
            .iter()
            .map(|c| (c.category, c.amount))
            .collect();
        assert_eq!(
            cats,
            [
                (CostCategory::Faculty, 4_500_000.0),
                (CostCategory::TravelAndAccommodation, 1_500_000.0),
                (CostCategory::ParticipantTime, 2_000_000.0),
            ]
        );
        assert_eq!(r.sensitivity.len(), 27);
        let worst = &r.sensitivity[0];
        assert_eq!(
            (
                worst.isolation_factor,
                worst.confidence_factor,
                worst.horizon_years
            ),
            (0.5, 0.5, 1)
        );
        assert!(close(worst.benefits, 4_450_000.0 * 0.25));
        let three_years_full = r.sensitivity.last().unwrap();
        assert_eq!(three_years_full.horizon_years, 3);
        assert!(close(three_years_full.benefits, 13_350_000.0));
        assert!(close(
            three_years_full.roi_percent,
            (13.35 - 8.0) / 8.0 * 100.0
        ));
    }

    #[test]
    fn horizon_multiplies_benefits_not_payback() {
        let mut input = example();
        input.horizon_years = 2;
        let r = roi(&input).unwrap();
        assert!(close(r.benefits, 8_900_000.0));
        assert!(close(r.annual_benefits, 4_450_000.0));
        assert!(close(r.payback_months.unwrap(), 96.0 / 4.45));
    }

    #[test]
    fn no_benefit_means_no_payback() {
        let mut input = example();
        input.benefits = vec![BenefitItem {
            non_respondent: true,
            ..BenefitItem::default()
        }];
        let r = roi(&input).unwrap();
        assert_eq!(r.payback_months, None);
        assert!(close(r.roi_percent, -100.0));
    }

    #[test]
    fn overflowing_figures_are_refused() {
        let mut input = example();
        input.benefits[0].annual_value = Some(f64::MAX / 2.0);
        input.benefits[0].isolation = Some(1.0);
        input.benefits[0].confidence = Some(1.0);
        assert!(matches!(roi(&input), Err(ImpactError::NotFinite { .. })));
        let mut tiny = example();
        tiny.costs = vec![CostItem {
            category: CostCategory::Other,
            amount: Some(1e-300),
            hours: None,
            loaded_rate: None,
            description: None,
        }];
        tiny.benefits[0].annual_value = Some(1e10);
        assert!(matches!(roi(&tiny), Err(ImpactError::NotFinite { .. })));
    }

    #[test]
    fn hostile_input() {
        let bad = |edit: &dyn Fn(&mut RoiInput)| {
            let mut input = example();
            edit(&mut input);
            roi(&input).unwrap_err()
        };
        assert!(matches!(
            bad(&|i| i.benefits[0].isolation = Some(1.2)),
            ImpactError::OutOfRange { .. }
        ));
        assert!(matches!(
            bad(&|i| i.benefits[0].confidence = Some(-0.1)),
            ImpactError::OutOfRange { .. }
        ));
        assert!(matches!(
            bad(&|i| i.benefits[0].annual_value = None),
            ImpactError::BenefitIncomplete { index: 0 }
        ));
        assert!(matches!(
            bad(&|i| i.benefits[1].annual_value = Some(f64::NAN)),
            ImpactError::NotFinite { .. }
        ));
        assert!(matches!(
            bad(&|i| i.costs[0].amount = Some(-1.0)),
            ImpactError::Negative { .. }
        ));
        assert!(matches!(
            bad(&|i| i.costs[2].amount = Some(1.0)),
            ImpactError::CostForm { index: 2 }
        ));
        assert!(matches!(
            bad(&|i| i.costs.clear()),
            ImpactError::Empty { .. }
        ));
        assert!(matches!(
            bad(&|i| i.horizon_years = 0),
            ImpactError::OutOfRange { .. }
        ));
        assert!(matches!(
            bad(&|i| i.costs.iter_mut().for_each(|c| {
                c.amount = Some(0.0);
                c.hours = None;
                c.loaded_rate = None
            })),
            ImpactError::Undefined { what: "ROI", .. }
        ));
        let unknown = serde_json::from_str::<RoiInput>(
            r#"{"costs":[{"category":"lunch","amount":1}],"benefits":[]}"#,
        );
        assert!(unknown.is_err());
        let typo = serde_json::from_str::<RoiInput>(r#"{"costs":[],"benefits":[],"horizon":2}"#);
        assert!(typo.is_err());
    }
}
