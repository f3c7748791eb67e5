//! The rules a design must keep before it is stored.

use std::collections::HashSet;

use crate::ProgrammeDesign;
use crate::error::DesignError;
use crate::model::Delivery;

/// The last month of the programme's 12-month span.
pub const LAST_MONTH: u32 = 12;

/// Officially assigned ISO 3166-1 alpha-2 codes (249). An immersion needs a real country:
/// costs, visas and diversity reports are all keyed by it.
const ISO_3166_ALPHA_2: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case, exactly as assigned).
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && ISO_3166_ALPHA_2.split(' ').any(|known| known == code)
}

/// Every rule the design breaks, in reading order; empty when it is valid.
pub fn problems(design: &ProgrammeDesign) -> Vec<DesignError> {
    let mut problems = Vec::new();
    let mut seen_ids: HashSet<&str> = HashSet::new();
    let mut previous: Option<(u32, u32)> = None;
    for (phase_index, phase) in design.phases.iter().enumerate() {
        let phase_number = phase_index + 1;
        if phase.start_month > LAST_MONTH || phase.end_month > LAST_MONTH {
            problems.push(DesignError::MonthOutOfRange {
                phase: phase_number,
                month: phase.start_month.max(phase.end_month),
            });
        }
        if phase.start_month > phase.end_month {
            problems.push(DesignError::PhaseEndsBeforeStart {
                phase: phase_number,
                start: phase.start_month,
                end: phase.end_month,
            });
        }
        if let Some((start, end)) = previous
            && (phase.start_month < start || phase.end_month < end)
        {
            problems.push(DesignError::PhasesOutOfOrder {
                phase: phase_number,
            });
        }
        previous = Some((phase.start_month, phase.end_month));
        if phase.title_ja.trim().is_empty() || phase.title_en.trim().is_empty() {
            problems.push(DesignError::MissingTitle {
                what: format!("phase {phase_number}"),
            });
        }
        for module in &phase.modules {
            if module.id.trim().is_empty() {
                problems.push(DesignError::EmptyModuleId {
                    phase: phase_number,
                });
            } else if !seen_ids.insert(module.id.as_str()) {
                problems.push(DesignError::DuplicateModuleId {
                    id: module.id.clone(),
                });
            }
            if module.title_ja.trim().is_empty() || module.title_en.trim().is_empty() {
                problems.push(DesignError::MissingTitle {
                    what: format!("module {}", module.id),
                });
            }
            if !module.hours.is_finite() || module.hours < 0.0 {
                problems.push(DesignError::InvalidHours {
                    module: module.id.clone(),
                    hours: module.hours,
                });
            }
            if let Delivery::ImmersionAbroad { country } = &module.delivery
                && !is_country_code(country)
            {
                problems.push(DesignError::InvalidCountry {
                    module: module.id.clone(),
                    country: country.clone(),
                });
            }
        }
    }
    problems
}

/// `Ok` when the design keeps every rule, else the first rule it breaks.
pub fn validate(design: &ProgrammeDesign) -> Result<(), DesignError> {
    match problems(design).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}
