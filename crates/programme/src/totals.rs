//! Hours totals: how much of the programme is online, abroad, in Japanese...

use serde::Serialize;

use crate::ProgrammeDesign;
use crate::model::{DeliveryMode, ModuleLanguage};

/// Hours of one phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseHours {
    /// Phase position (0-based).
    pub phase: usize,
    /// Its hours.
    pub hours: f64,
}

/// Contact hours, overall and split three ways. Every split lists every category (zero
/// included) in a fixed order, so tables line up across programmes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoursTotals {
    /// All hours.
    pub total: f64,
    /// By delivery mode, in [`DeliveryMode::ALL`] order.
    pub by_delivery: Vec<(DeliveryMode, f64)>,
    /// By language, in [`ModuleLanguage::ALL`] order.
    pub by_language: Vec<(ModuleLanguage, f64)>,
    /// By phase, in phase order.
    pub by_phase: Vec<PhaseHours>,
}

/// Sums the design's hours. Non-finite or negative hours (which validation rejects) count
/// as zero so a broken design still renders.
pub fn hours_totals(design: &ProgrammeDesign) -> HoursTotals {
    let mut by_delivery: Vec<(DeliveryMode, f64)> =
        DeliveryMode::ALL.iter().map(|mode| (*mode, 0.0)).collect();
    let mut by_language: Vec<(ModuleLanguage, f64)> = ModuleLanguage::ALL
        .iter()
        .map(|language| (*language, 0.0))
        .collect();
    let mut by_phase = Vec::with_capacity(design.phases.len());
    let mut total = 0.0;
    for (index, phase) in design.phases.iter().enumerate() {
        let mut phase_hours = 0.0;
        for module in &phase.modules {
            let hours = if module.hours.is_finite() && module.hours > 0.0 {
                module.hours
            } else {
                0.0
            };
            phase_hours += hours;
            if let Some(slot) = by_delivery
                .iter_mut()
                .find(|(mode, _)| *mode == module.delivery.mode())
            {
                slot.1 += hours;
            }
            if let Some(slot) = by_language
                .iter_mut()
                .find(|(language, _)| *language == module.language)
            {
                slot.1 += hours;
            }
        }
        total += phase_hours;
        by_phase.push(PhaseHours {
            phase: index,
            hours: phase_hours,
        });
    }
    HoursTotals {
        total,
        by_delivery,
        by_language,
        by_phase,
    }
}
