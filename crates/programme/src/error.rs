//! What can be wrong with a design.

/// A rule a programme design breaks. Phases are numbered from 1 as people count them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    /// A month outside the programme's 0–12 span.
    #[error("phase {phase}: month {month} is outside 0–12")]
    MonthOutOfRange {
        /// Phase number.
        phase: usize,
        /// The offending month.
        month: u32,
    },
    /// A phase that ends before it starts.
    #[error("phase {phase}: ends in month {end}, before it starts in month {start}")]
    PhaseEndsBeforeStart {
        /// Phase number.
        phase: usize,
        /// Start month.
        start: u32,
        /// End month.
        end: u32,
    },
    /// A phase that starts or ends before the one listed before it.
    #[error("phase {phase}: starts or ends before the phase before it")]
    PhasesOutOfOrder {
        /// Phase number.
        phase: usize,
    },
    /// A phase or module without a Japanese or English title.
    #[error("{what}: a Japanese and an English title are required")]
    MissingTitle {
        /// Which phase or module.
        what: String,
    },
    /// A module without an id.
    #[error("phase {phase}: a module has no id")]
    EmptyModuleId {
        /// Phase number.
        phase: usize,
    },
    /// Two modules with one id: completions would not know which one was meant.
    #[error("module id {id} is used twice")]
    DuplicateModuleId {
        /// The id.
        id: String,
    },
    /// Negative, infinite or not-a-number hours.
    #[error("module {module}: hours must be a number of at least 0, not {hours}")]
    InvalidHours {
        /// Module id.
        module: String,
        /// The value given.
        hours: f64,
    },
    /// An immersion whose country is not an ISO 3166-1 alpha-2 code.
    #[error("module {module}: {country:?} is not an ISO 3166-1 alpha-2 country code")]
    InvalidCountry {
        /// Module id.
        module: String,
        /// The value given.
        country: String,
    },
    /// Stored design text that is not a design.
    #[error("not a programme design: {0}")]
    Json(String),
}
