//! The achievements a file may name, as the caller knows them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::mapping::fold_width;

/// Every way a file may refer to an achievement (its id, its slug) → the achievement's id.
/// Why a map rather than a set: idempotency keys use the id, so a file that says `python-basics`
/// and a later one that says `urn:uuid:…` for the same achievement map to the same keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementCatalog {
    references: HashMap<String, String>,
}

impl AchievementCatalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Lets `reference` (an id or slug) stand for the achievement `achievement_id`.
    pub fn insert(&mut self, reference: impl Into<String>, achievement_id: impl Into<String>) {
        self.references
            .insert(reference.into().trim().to_owned(), achievement_id.into());
    }

    /// Adds an achievement under its id and, if it has one, its slug.
    pub fn add(&mut self, achievement_id: &str, slug: Option<&str>) {
        self.insert(achievement_id, achievement_id);
        if let Some(slug) = slug {
            self.insert(slug, achievement_id);
        }
    }

    /// The achievement id a cell refers to. Matching is exact after trimming and folding
    /// full-width ASCII, so `ｐｙｔｈｏｎ-basics` finds `python-basics`, but case matters.
    pub fn lookup(&self, reference: &str) -> Option<&str> {
        let trimmed = reference.trim();
        self.references
            .get(trimmed)
            .or_else(|| self.references.get(fold_width(trimmed).trim()))
            .map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.references.len()
    }

    pub fn is_empty(&self) -> bool {
        self.references.is_empty()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for AchievementCatalog {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut catalog = AchievementCatalog::new();
        for (reference, id) in iter {
            catalog.insert(reference, id);
        }
        catalog
    }
}
