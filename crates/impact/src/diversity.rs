//! Diversity of one attribute of a group (nationality, function, industry, gender,
//! language): how many categories there are and how evenly people spread over them.
//!
//! Indices (p_i is the share of category i, K the number of categories observed):
//! - Blau (Gini–Simpson) `1 − Σ p_i²`: the chance that two people drawn at random (with
//!   replacement) differ; at most `1 − 1/K`;
//! - normalised Blau (index of qualitative variation) `Blau / (1 − 1/K)`, in [0, 1];
//! - Shannon entropy `H = −Σ p_i ln p_i` (natural log, nats);
//! - Pielou evenness `H / ln K`, in [0, 1];
//! - effective number of categories `exp H` (Hill number of order 1).
//!
//! K counts the categories present, not every category that could exist: a cohort with
//! people of two nationalities out of two hundred possible is perfectly even over the two it
//! has. With a single category the group has no diversity: Blau, normalised Blau, Shannon and
//! evenness are all 0 (evenness is 0/0 there; 0 is the value a reader expects) and the
//! effective number is 1.
//!
//! [`Diversity::protect`] hides small categories for display and export. Its indices are
//! recomputed over what is published (the shown categories plus one pool holding everyone in
//! a hidden category), because the indices of the whole group would give the hidden sizes away
//! (n = 4 with Blau 0.375 can only be a 3 + 1 split). Hidden categories are published as that
//! one pool, never one entry each, so their number is not revealed either.

use std::collections::HashMap;

use serde::Serialize;

use crate::ImpactError;
use crate::anonymity::{Cell, SmallCellPolicy, Visibility, protect};

/// How many people are in one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    pub category: String,
    pub count: usize,
    /// count / n.
    pub share: f64,
}

/// The diversity of one attribute; categories are ordered by count (largest first), then by
/// name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diversity {
    pub n: usize,
    pub categories: Vec<CategoryCount>,
    pub blau: f64,
    pub blau_normalized: f64,
    pub shannon: f64,
    pub evenness: f64,
    pub effective_number: f64,
}

/// Computes the indices over `values`, one per person. Values are trimmed; a blank value is
/// an error (the caller decides whether "undisclosed" is a category or the person is left
/// out).
pub fn diversity<S: AsRef<str>>(values: &[S]) -> Result<Diversity, ImpactError> {
    if values.is_empty() {
        return Err(ImpactError::Empty { what: "values" });
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (index, value) in values.iter().enumerate() {
        let value = value.as_ref().trim();
        if value.is_empty() {
            return Err(ImpactError::Blank { index });
        }
        *counts.entry(value).or_default() += 1;
    }
    let n = values.len();
    let total = n as f64;
    let mut categories: Vec<CategoryCount> = counts
        .into_iter()
        .map(|(category, count)| CategoryCount {
            category: category.to_owned(),
            count,
            share: count as f64 / total,
        })
        .collect();
    categories.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.category.cmp(&b.category))
    });
    let counts: Vec<usize> = categories.iter().map(|c| c.count).collect();
    Ok(Diversity {
        categories,
        ..indices(n, &counts)
    })
}

/// The five indices of a distribution of `n` people over categories of the given sizes
/// (`categories` is left empty).
fn indices(n: usize, counts: &[usize]) -> Diversity {
    let total = n as f64;
    let shares: Vec<f64> = counts.iter().map(|&count| count as f64 / total).collect();
    let k = shares.len() as f64;
    let simpson: f64 = shares.iter().map(|share| share * share).sum();
    let blau = (1.0 - simpson).max(0.0);
    let shannon = -shares
        .iter()
        .filter(|share| **share > 0.0)
        .map(|share| share * share.ln())
        .sum::<f64>();
    let shannon = shannon.max(0.0);
    let (blau_normalized, evenness) = if shares.len() > 1 {
        (
            (blau / (1.0 - 1.0 / k)).min(1.0),
            (shannon / k.ln()).min(1.0),
        )
    } else {
        (0.0, 0.0)
    };
    Diversity {
        n,
        categories: Vec::new(),
        blau,
        blau_normalized,
        shannon,
        evenness,
        effective_number: shannon.exp(),
    }
}

/// A category as it may be displayed: small categories have neither name nor count.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectedCategory {
    /// `None` when suppressed.
    pub category: Option<String>,
    pub count: Option<usize>,
    pub share: Option<f64>,
    pub visibility: Visibility,
}

/// A [`Diversity`] safe to display and export: categories below the threshold (and, when
/// needed, the next smallest, see [`crate::anonymity`]) are suppressed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectedDiversity {
    pub n: usize,
    pub threshold: usize,
    /// Shown categories (largest first), then one pooled entry when any category is hidden.
    pub categories: Vec<ProtectedCategory>,
    /// How many people are in suppressed categories (0, or at least `threshold`).
    pub suppressed_count: usize,
    pub blau: f64,
    pub blau_normalized: f64,
    pub shannon: f64,
    pub evenness: f64,
    pub effective_number: f64,
}

impl Diversity {
    /// Suppresses small categories. Threshold 0 or 1 shows everything.
    pub fn protect(&self, threshold: usize) -> ProtectedDiversity {
        let cells: Vec<Cell<usize>> = self
            .categories
            .iter()
            .enumerate()
            .map(|(key, c)| Cell {
                key,
                count: c.count,
            })
            .collect();
        let protected = protect(&cells, threshold, &SmallCellPolicy::Suppress);
        let mut shown = Vec::new();
        let mut hidden = 0_usize;
        let mut suppressed_count = 0;
        for (cell, visibility) in protected {
            let Some(category) = self.categories.get(cell.key) else {
                continue;
            };
            match visibility {
                Visibility::Shown => shown.push(ProtectedCategory {
                    category: Some(category.category.clone()),
                    count: Some(category.count),
                    share: Some(category.share),
                    visibility,
                }),
                Visibility::Suppressed => {
                    suppressed_count += category.count;
                    hidden += 1;
                }
            }
        }
        if hidden > 0 {
            shown.push(ProtectedCategory {
                category: None,
                count: None,
                share: None,
                visibility: Visibility::Suppressed,
            });
        }
        let mut published: Vec<usize> = shown.iter().filter_map(|c| c.count).collect();
        // One pool: `protect` hides no one or at least `threshold` people, never one.
        if suppressed_count > 0 {
            published.push(suppressed_count);
        }
        let pooled = indices(self.n, &published);
        ProtectedDiversity {
            n: self.n,
            threshold,
            categories: shown,
            suppressed_count,
            blau: pooled.blau,
            blau_normalized: pooled.blau_normalized,
            shannon: pooled.shannon,
            evenness: pooled.evenness,
            effective_number: pooled.effective_number,
        }
    }
}

impl ProtectedDiversity {
    /// Whether every category is hidden: then even the pooled indices describe nothing a
    /// reader may see, and callers withhold the dimension.
    pub fn all_suppressed(&self) -> bool {
        self.n > 0 && self.suppressed_count == self.n
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn four_categories_by_hand() {
        // 4 JP, 3 US, 2 IN, 1 BR (n = 10): Σp² = .16 + .09 + .04 + .01 = .30.
        let mut values = vec!["JP"; 4];
        values.extend(["US"; 3]);
        values.extend(["IN"; 2]);
        values.push("BR");
        let d = diversity(&values).unwrap();
        assert_eq!(d.n, 10);
        assert!(close(d.blau, 0.70));
        // Maximum for K = 4 is 0.75.
        assert!(close(d.blau_normalized, 0.70 / 0.75));
        let h = -(0.4 * 0.4f64.ln() + 0.3 * 0.3f64.ln() + 0.2 * 0.2f64.ln() + 0.1 * 0.1f64.ln());
        assert!(close(d.shannon, h));
        assert!((d.shannon - 1.279_854_225_833_69).abs() < 1e-12);
        assert!(close(d.evenness, h / 4f64.ln()));
        assert!(close(d.effective_number, h.exp()));
        let order: Vec<&str> = d.categories.iter().map(|c| c.category.as_str()).collect();
        assert_eq!(order, ["JP", "US", "IN", "BR"]);
        assert!(close(d.categories[3].share, 0.1));
    }

    #[test]
    fn perfectly_even_and_single_category() {
        let d = diversity(&["a", "b", "c", "a", "b", "c"]).unwrap();
        assert!(close(d.blau, 2.0 / 3.0));
        assert!(close(d.blau_normalized, 1.0));
        assert!(close(d.evenness, 1.0));
        assert!(close(d.effective_number, 3.0));
        let one = diversity(&["x", " x ", "x"]).unwrap();
        assert_eq!(one.categories.len(), 1, "values are trimmed");
        assert_eq!(
            (one.blau, one.blau_normalized, one.shannon, one.evenness),
            (0.0, 0.0, 0.0, 0.0)
        );
        assert!(close(one.effective_number, 1.0));
    }

    #[test]
    fn empty_and_blank_are_errors() {
        let none: [&str; 0] = [];
        assert_eq!(diversity(&none), Err(ImpactError::Empty { what: "values" }));
        assert_eq!(
            diversity(&["a", "  "]),
            Err(ImpactError::Blank { index: 1 })
        );
    }

    #[test]
    fn protect_hides_small_categories_and_the_next_smallest() {
        // 6 JP, 4 US, 1 BR; threshold 3: BR alone would be revealed by n − 6 − 4, so US goes too.
        let mut values = vec!["JP"; 6];
        values.extend(["US"; 4]);
        values.push("BR");
        let p = diversity(&values).unwrap().protect(3);
        let shown: Vec<_> = p
            .categories
            .iter()
            .filter(|c| c.visibility == Visibility::Shown)
            .map(|c| c.category.clone().unwrap())
            .collect();
        assert_eq!(shown, ["JP"]);
        // The two hidden categories are published as one pool.
        assert_eq!(p.categories.len(), 2);
        assert_eq!(p.suppressed_count, 5);
        // Indices are those of the published 6 + 5 split, not of 6 + 4 + 1.
        let published = 1.0 - (6.0_f64 / 11.0).powi(2) - (5.0_f64 / 11.0).powi(2);
        assert!((p.blau - published).abs() < 1e-12, "{}", p.blau);
        assert!(!p.all_suppressed());
        // 3 + 1: the 1 is hidden, then the 3 with it; nothing is left to publish.
        let mut split = vec!["sales"; 3];
        split.push("legal");
        assert!(diversity(&split).unwrap().protect(3).all_suppressed());
        assert!(
            p.categories[1..]
                .iter()
                .all(|c| c.category.is_none() && c.count.is_none())
        );
        let json = serde_json::to_value(&p).unwrap();
        assert!(!json.to_string().contains("BR"));
        assert!(!json.to_string().contains("US"));
        // Threshold 0 shows everything.
        assert_eq!(diversity(&values).unwrap().protect(0).suppressed_count, 0);
    }
}
