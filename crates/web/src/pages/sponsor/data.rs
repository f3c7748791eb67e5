//! Everything a sponsor dashboard shows, gathered once per request from the shared analytics
//! loaders, so the page, the A4 report, the JSON and the CSV cannot disagree.
//!
//! Nothing here computes a figure the loaders withhold: KPIs, 360° change, diversity and ROI
//! come from `crate::analytics`, which apply consent and anonymity rules. The two figures added
//! here follow the same rules: credentials issued/claimed count consenting participants only
//! and are withheld below the cohort's anonymity threshold (with one participant, "claimed"
//! would say whether that person downloaded it), and competency means before/after are shown
//! only where the 360° view itself shows that competency's change.

use chrono::NaiveDate;
use serde::Serialize;
use tsumiki_feedback::report::MeasureChange;
use tsumiki_i18n::Lang;
use tsumiki_programme::ProgrammeDesign;
use tsumiki_store::{CONSENT_EVALUATION, Cohort, Programme, RoundKind};

use crate::analytics::diversity::{Dimension, cohort_diversity};
use crate::analytics::feedback::{change_to, cohort_change, instrument_of, round_of};
use crate::analytics::kpis::{KpiView, cohort_kpis};
use crate::analytics::roi::{RoiView, cohort_roi};
use crate::public::credential_page::pick;
use crate::{AppState, WebError};

/// The cohort and who it is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortSummary {
    /// Cohort id.
    pub id: String,
    /// Cohort name.
    pub name: String,
    /// Programme id.
    pub programme_id: String,
    /// Programme title in the page's language.
    pub programme_title: String,
    /// Sponsor organisation's name in the page's language (empty when none).
    pub sponsor_name: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Smallest group any figure is shown for.
    pub anonymity_threshold: u32,
}

/// Credentials of the programme held by the cohort's consenting participants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialFigures {
    /// Issued and not revoked.
    pub issued: u64,
    /// Of those, fetched by their holder at least once.
    pub claimed: u64,
    /// claimed / issued; `None` when nothing was issued.
    pub claimed_share: Option<f64>,
}

/// One competency's (or the pooled) change, as the sponsor may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetencyFigures {
    /// Competency id, or `overall`.
    pub id: String,
    /// Name in the page's language.
    pub name: String,
    /// Paired participants.
    pub n: usize,
    /// Mean score before (others' ratings).
    pub pre_mean: f64,
    /// Mean score after.
    pub post_mean: f64,
    /// Mean change, post − pre.
    pub mean_diff: f64,
    /// 95 % confidence interval of the mean change.
    pub ci95: [f64; 2],
    /// Cohen's d_z.
    pub dz: Option<f64>,
    /// Share of paired participants with a reliable improvement.
    pub reliable_improvement_share: Option<f64>,
}

/// The 360° change section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeSection {
    /// Lowest point of the rating scale.
    pub scale_min: u8,
    /// Highest point of the rating scale.
    pub scale_max: u8,
    /// Pooled change; `None` when withheld.
    pub overall: Option<CompetencyFigures>,
    /// Competencies whose change may be shown.
    pub competencies: Vec<CompetencyFigures>,
    /// How many competencies were withheld (too few paired participants).
    pub withheld: usize,
}

/// One diversity category that may be shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryFigure {
    /// The category as entered (a country code, a function…).
    pub category: String,
    /// People in it.
    pub count: usize,
    /// count / n.
    pub share: f64,
}

/// One diversity dimension, with suppressed categories left out entirely.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionFigures {
    /// The attribute.
    pub dimension: Dimension,
    /// Its name in the page's language.
    pub label: String,
    /// People counted.
    pub n: usize,
    /// Shown categories.
    pub categories: Vec<CategoryFigure>,
    /// People in suppressed categories (0, or at least the threshold).
    pub suppressed_people: usize,
    /// Blau's index.
    pub blau: f64,
    /// Shannon entropy (natural log).
    pub shannon: f64,
    /// Effective number of categories.
    pub effective_number: f64,
}

/// The whole dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// The day statuses were computed for, `YYYY-MM-DD`.
    pub as_of: String,
    /// Language of the names in this document.
    pub lang: &'static str,
    /// The cohort.
    pub cohort: CohortSummary,
    /// Participants whose evaluation consent holds: the base of every figure.
    pub participants_counted: usize,
    /// KPI register with checkpoint statuses.
    pub kpis: Vec<KpiView>,
    /// 360° change; `None` before both the pre and the post round exist.
    pub change: Option<ChangeSection>,
    /// Credentials issued and claimed; `None` when withheld (fewer participants than the
    /// threshold).
    pub credentials: Option<CredentialFigures>,
    /// Diversity by attribute; empty when the group is below the threshold.
    pub diversity: Vec<DimensionFigures>,
    /// ROI; `None` while the cost ledger is empty.
    pub roi: Option<RoiView>,
}

/// Gathers the dashboard of `cohort` (the caller has checked access).
pub async fn load(
    state: &AppState,
    cohort: &Cohort,
    lang: Lang,
    today: NaiveDate,
) -> Result<Dashboard, WebError> {
    let programme = state
        .store
        .programme(&cohort.programme_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let sponsor_name = match &cohort.sponsor_id {
        Some(id) => state
            .store
            .organisation(id)
            .await?
            .map(|o| pick(lang, &o.name_ja, &o.name_en).to_owned())
            .unwrap_or_default(),
        None => String::new(),
    };
    let participants = state
        .store
        .consenting_participants(&cohort.id, CONSENT_EVALUATION)
        .await?;
    let threshold = usize::try_from(cohort.anonymity_threshold).unwrap_or(usize::MAX);
    let credentials = if participants.len() >= threshold.max(1) {
        let recipients: Vec<String> = participants
            .iter()
            .map(|p| p.recipient_id.clone())
            .collect();
        let counts = state
            .store
            .claim_counts(&recipients, &achievement_ids(&programme))
            .await?;
        Some(CredentialFigures {
            issued: counts.issued,
            claimed: counts.claimed,
            claimed_share: (counts.issued > 0)
                .then(|| counts.claimed as f64 / counts.issued as f64),
        })
    } else {
        None
    };
    let diversity = cohort_diversity(state, cohort)
        .await?
        .dimensions
        .into_iter()
        .filter_map(|view| {
            let figures = view.figures?;
            Some(DimensionFigures {
                dimension: view.dimension,
                label: tsumiki_i18n::t(lang, view.dimension.message_id(), &[]),
                n: figures.n,
                categories: figures
                    .categories
                    .iter()
                    .filter_map(|c| {
                        Some(CategoryFigure {
                            category: c.category.clone()?,
                            count: c.count?,
                            share: c.share?,
                        })
                    })
                    .collect(),
                suppressed_people: figures.suppressed_count,
                blau: figures.blau,
                shannon: figures.shannon,
                effective_number: figures.effective_number,
            })
        })
        .collect();
    Ok(Dashboard {
        as_of: today.format("%Y-%m-%d").to_string(),
        lang: lang.tag(),
        cohort: CohortSummary {
            id: cohort.id.clone(),
            name: cohort.name.clone(),
            programme_id: programme.id.clone(),
            programme_title: pick(lang, &programme.title_ja, &programme.title_en).to_owned(),
            sponsor_name,
            starts_on: cohort.starts_on.format("%Y-%m-%d").to_string(),
            ends_on: cohort.ends_on.format("%Y-%m-%d").to_string(),
            anonymity_threshold: cohort.anonymity_threshold,
        },
        participants_counted: participants.len(),
        kpis: cohort_kpis(state, cohort, today).await?,
        change: change_section(state, cohort, lang).await?,
        credentials,
        diversity,
        roi: cohort_roi(state, cohort).await?,
    })
}

/// The achievements the programme's modules award; a design that no longer parses awards
/// nothing we can count (and the programme page reports the broken design).
fn achievement_ids(programme: &Programme) -> Vec<String> {
    let Ok(design) = ProgrammeDesign::from_json(&programme.design_json) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = design
        .modules()
        .flat_map(|module| module.achievement_ids.iter().cloned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The 360° section: the loader's cohort view decides what may be shown; the full change
/// (same rounds, same settings) only supplies the pre and post means of those measures.
async fn change_section(
    state: &AppState,
    cohort: &Cohort,
    lang: Lang,
) -> Result<Option<ChangeSection>, WebError> {
    let Some(view) = cohort_change(state, cohort).await? else {
        return Ok(None);
    };
    let Some((full, _)) = change_to(state, cohort, RoundKind::Post).await? else {
        return Ok(None);
    };
    let (scale_min, scale_max) = match round_of(state, cohort, RoundKind::Post).await? {
        Some(round) => {
            let instrument = instrument_of(&round)?;
            (instrument.scale.min(), instrument.scale.max())
        }
        None => (1, 5),
    };
    let japanese = lang == Lang::Ja;
    let overall_name = tsumiki_i18n::t(lang, "sp-change-overall", &[]);
    let figures = |shown: &tsumiki_feedback::report::MeasureFigures,
                   detail: Option<&MeasureChange>,
                   name: String| {
        let figures = shown.figures.as_ref()?;
        let summary = detail?.change.as_ref()?;
        let count = summary.participants.len();
        if count == 0 {
            return None;
        }
        let pre = summary.participants.iter().map(|p| p.pre).sum::<f64>() / count as f64;
        let post = summary.participants.iter().map(|p| p.post).sum::<f64>() / count as f64;
        Some(CompetencyFigures {
            id: shown.id.clone(),
            name,
            n: figures.n,
            pre_mean: pre,
            post_mean: post,
            mean_diff: figures.mean_diff,
            ci95: figures.ci95,
            dz: figures.dz,
            reliable_improvement_share: figures.reliable_improvement_share,
        })
    };
    let overall = figures(&view.overall, Some(&full.overall), overall_name);
    let mut competencies = Vec::new();
    let mut withheld = 0;
    for shown in &view.competencies {
        let detail = full.competencies.iter().find(|m| m.id == shown.id);
        match figures(shown, detail, shown.name.pick(japanese).to_owned()) {
            Some(row) => competencies.push(row),
            None => withheld += 1,
        }
    }
    Ok(Some(ChangeSection {
        scale_min,
        scale_max,
        overall,
        competencies,
        withheld,
    }))
}
