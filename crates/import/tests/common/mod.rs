//! Shared fixtures: a small catalog and options, as a caller would build them.
#![allow(dead_code)]

use tsumiki_import::{AchievementCatalog, PlanOptions};

pub const ISSUER: &str = "urn:uuid:0b5c2f4e-6c1d-4d1a-9a67-5a4f3c2b1a00";
pub const PYTHON_ID: &str = "urn:uuid:11111111-1111-4111-8111-111111111111";
pub const SAFETY_ID: &str = "urn:uuid:22222222-2222-4222-8222-222222222222";

pub fn catalog() -> AchievementCatalog {
    let mut catalog = AchievementCatalog::new();
    catalog.add(PYTHON_ID, Some("python-basics"));
    catalog.add(SAFETY_ID, Some("安全衛生"));
    catalog
}

pub fn options(catalog: &AchievementCatalog) -> PlanOptions<'_> {
    PlanOptions::new(ISSUER, catalog)
}
