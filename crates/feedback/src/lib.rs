//! 360-degree feedback: instruments, anonymity and reports.
//!
//! Pure: no I/O, no clock; callers pass data in. The store keeps invitations and raw answers;
//! this crate decides what may be shown: it scores answers per rater group ("cannot say"
//! excluded), hides groups below the cohort's anonymity threshold, and builds the participant
//! and cohort report view models that pages, exports and the sponsor dashboard all render.
//!
//! The shipped instrument, [`instrument::open_model`] (`tsumiki-ccl-1`), is written by the
//! tsumiki project and licensed CC BY 4.0. Licensed instruments (CQS, GLOBE, Hofstede, the
//! Culture Map) are references for its authors only; none of their items are embedded.

pub mod anonymity;
pub mod change;
pub mod error;
pub mod instrument;
pub mod rater;
pub mod report;
pub mod scoring;

pub use error::FeedbackError;
pub use instrument::{Competency, Instrument, Item, Scale, ScalePoint, Text};
pub use rater::RaterGroup;
pub use scoring::{Answer, RaterResponse};
