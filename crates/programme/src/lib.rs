//! Programme design: the six-phase leadership blueprint, phases on a 12-month timeline, and
//! modules with their delivery mode, language, hours, faculty mix and awarded achievements.
//!
//! Pure: no I/O, no clock, no randomness — new module ids come from the caller, so copying a
//! template is deterministic under test.

mod blueprint;
mod error;
mod model;
mod template;
mod totals;
mod validate;

pub use blueprint::six_phase_blueprint;
pub use error::DesignError;
pub use model::{
    Delivery, DeliveryMode, FacultyRole, Module, ModuleLanguage, Phase, PhaseKind, ProgrammeDesign,
};
pub use template::copy_as_template;
pub use totals::{HoursTotals, PhaseHours, hours_totals};
pub use validate::{LAST_MONTH, is_country_code, problems, validate};

impl ProgrammeDesign {
    /// Reads a stored design (`programmes.design_json`).
    pub fn from_json(text: &str) -> Result<ProgrammeDesign, DesignError> {
        serde_json::from_str(text).map_err(|error| DesignError::Json(error.to_string()))
    }

    /// The text to store; refuses a design that breaks a rule, so nothing invalid is stored.
    pub fn to_json(&self) -> Result<String, DesignError> {
        validate(self)?;
        serde_json::to_string(self).map_err(|error| DesignError::Json(error.to_string()))
    }
}

#[cfg(test)]
mod tests;
