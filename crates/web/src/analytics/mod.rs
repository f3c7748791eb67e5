//! Loaders that turn stored programme data into the figures pages, dashboards and exports show.
//!
//! Pages and exports both call these, so a suppression rule (anonymity threshold, withdrawn
//! consent) lives in one place and no view can show what another view hides.

pub mod diversity;
pub mod feedback;
pub mod kpis;
pub mod roi;
