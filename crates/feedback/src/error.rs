//! Typed errors: an instrument file or a submitted form can be wrong in ways the caller must
//! be able to tell apart (show a field error, or refuse a corrupt instrument).

/// What went wrong.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum FeedbackError {
    /// The instrument JSON does not parse.
    #[error("instrument does not parse: {0}")]
    InstrumentJson(String),
    /// The instrument parses but breaks a rule (duplicate ids, empty competency, bad scale).
    #[error("invalid instrument: {0}")]
    InvalidInstrument(String),
    /// An answer names an item the instrument does not have.
    #[error("unknown item {0:?}")]
    UnknownItem(String),
    /// An answer is outside the instrument's scale.
    #[error("value {value} for item {item:?} is outside the scale {min}..={max}")]
    OutOfScale {
        /// Item id.
        item: String,
        /// The value given.
        value: i64,
        /// Lowest scale point.
        min: u8,
        /// Highest scale point.
        max: u8,
    },
    /// A rater group name that is not one of ours.
    #[error("unknown rater group {0:?}")]
    UnknownRaterGroup(String),
}
