//! Charts for the sponsor dashboard and its A4 report, drawn on the server as SVG text.
//!
//! Pages run under `script-src 'none'`, so charts cannot be drawn in the browser; and a printed
//! report needs them as vectors. Each function is pure and deterministic (same input, same
//! bytes), so a chart can be tested as text and cached. Every chart carries `role="img"`, an
//! `aria-label` and a `<title>`; the page beside it shows the same figures as a table, which is
//! what screen readers and colour-blind readers should rely on. Labels are XML-escaped here, so
//! callers pass plain text (Japanese included).

mod competency;
mod kpi_timeline;
mod roi_breakdown;
mod svg;

pub use competency::{CompetencyBar, CompetencyChart, competency_pre_post};
pub use kpi_timeline::{TimelineChart, TimelinePoint, TimelineStatus, kpi_timeline};
pub use roi_breakdown::{RoiBreakdown, roi_breakdown};
pub use svg::escape;
