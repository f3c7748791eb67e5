//! The one error type of the crate: every variant names the offending input so that a
//! caller (web form, CLI) can tell the person what to fix. Fields of JSON input are named by
//! their JSON path (`benefits[2].isolation`, index from 0), which reads the same in Japanese
//! and English.

/// Why an analysis could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImpactError {
    /// Nothing to analyse.
    #[error("no {what} given")]
    Empty { what: &'static str },
    /// Fewer observations than the statistic needs (a paired t needs two pairs).
    #[error("{what} needs at least {needed} observations, got {got}")]
    TooFew {
        what: &'static str,
        needed: usize,
        got: usize,
    },
    /// NaN or infinity where a number was expected.
    #[error("{field} is not a finite number")]
    NotFinite { field: String },
    /// A number outside the range the method defines.
    #[error("{field} = {value} is outside {min}..={max}")]
    OutOfRange {
        field: String,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A category value that is empty (after trimming).
    #[error("value {index} is blank")]
    Blank { index: usize },
    /// The same participant twice in paired data.
    #[error("participant {participant:?} appears more than once")]
    DuplicateParticipant { participant: String },
    /// Rows of different lengths in item data.
    #[error("respondent {respondent} has {got} items, expected {expected}")]
    Ragged {
        respondent: usize,
        got: usize,
        expected: usize,
    },
    /// A statistic whose denominator is zero (e.g. alpha when total scores do not vary).
    #[error("{what} is undefined: {why}")]
    Undefined {
        what: &'static str,
        why: &'static str,
    },
    /// A negative amount where only zero or more makes sense (a cost, an annual value).
    #[error("{field} = {value} must not be negative")]
    Negative { field: String, value: f64 },
    /// A cost line that is neither an amount nor hours × a loaded rate (index from 0).
    #[error("costs[{index}]: give either amount, or hours and loadedRate")]
    CostForm { index: usize },
    /// A benefit line without the fields it needs (index from 0).
    #[error(
        "benefits[{index}]: give annualValue, isolation and confidence, or nonRespondent: true"
    )]
    BenefitIncomplete { index: usize },
}

/// Checks that `value` is finite and returns it.
pub(crate) fn finite(field: impl FnOnce() -> String, value: f64) -> Result<f64, ImpactError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ImpactError::NotFinite { field: field() })
    }
}

/// Checks that `value` is finite and within `min..=max`.
pub(crate) fn in_range(
    field: impl Fn() -> String,
    value: f64,
    min: f64,
    max: f64,
) -> Result<f64, ImpactError> {
    let value = finite(&field, value)?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ImpactError::OutOfRange {
            field: field(),
            value,
            min,
            max,
        })
    }
}
