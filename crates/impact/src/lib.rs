//! Impact analytics for programmes and cohorts.
//!
//! Pure: no I/O, no clock; callers pass data in (including "today" for KPI status). Every
//! figure that can reach a person is computed here once, so the web dashboards, the exports
//! and `tsumiki impact` agree to the last digit.
//!
//! - [`anonymity`]: small-cell suppression that also defeats subtraction from published totals;
//! - [`diversity`]: Blau, Shannon, evenness and effective number of categories;
//! - [`change`]: paired pre/post change with a Student t interval, d_z / g_z and the reliable
//!   change index; Cronbach's alpha;
//! - [`roi`]: Phillips ROI with fully loaded costs and a sensitivity table;
//! - [`kpi`]: KPI checkpoints against a line from baseline to target.

pub mod anonymity;
pub mod change;
pub mod diversity;
mod error;
pub mod kpi;
pub mod roi;
pub mod stats;

pub use error::ImpactError;
