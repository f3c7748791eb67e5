//! The demo's leadership programme: the school as provider, 北斗商事 as sponsor, the
//! six-phase blueprint with the demo achievements on its modules, and one cohort that began
//! thirteen months before the seeding clock, so its 0/3/6/12-month checkpoints have passed
//! and the 24-month one has not.
//!
//! The programme's English title is the marker: a second run finds it (and then the cohort,
//! people, rounds, KPIs and ledger lines by name) instead of creating anything again. Dates
//! after the first run come from the stored cohort, never from the clock, so a rerun a month
//! later does not shift anything.

use chrono::{DateTime, Datelike as _, Days, Months, NaiveDate, NaiveTime, Utc};
use tsumiki_i18n::Lang;
use tsumiki_programme::{ProgrammeDesign, copy_as_template, six_phase_blueprint};
use tsumiki_store::{
    Achievement, CONSENT_EVALUATION, Cohort, Issuer, LanguageSkill, NewCohort, NewOrganisation,
    NewParticipant, NewProgramme, NewRecipient, Organisation, OrganisationKind, Participant,
    Programme, ProgrammeDetails, StoreError,
};

use super::people::{PEOPLE, Person};
use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::pages::cohorts::completions::completion_key;
use crate::{AppState, WebError};

pub(crate) const PROGRAMME_TITLE_JA: &str = "グローバル・リーダーシップ・プログラム 2026";
pub(crate) const PROGRAMME_TITLE_EN: &str = "Global Leadership Programme 2026";
const COHORT_NAME: &str = "北斗商事 第1期";
const SPONSOR_JA: &str = "北斗商事株式会社";
const SPONSOR_EN: &str = "Hokuto Trading Co., Ltd.";

/// Which demo achievement (catalogue index) each blueprint module awards, by (phase, module).
const AWARDS: [((usize, usize), usize); 5] = [
    ((0, 1), 0), // 360° baseline and learning objectives → Foundations of leadership
    ((1, 0), 1), // Global strategy → Data-driven decision making
    ((2, 0), 2), // Immersion → Leading organisational change
    ((4, 1), 3), // Negotiation simulation → Coaching in practice
    ((5, 1), 3), // Development plan and follow-up coaching → Coaching in practice
];

/// The seeded cohort with its participants in [`PEOPLE`] order.
pub(crate) struct DemoCohort {
    pub programme: Programme,
    pub cohort: Cohort,
    pub participants: Vec<Participant>,
}

/// Links printed by `tsumiki serve --demo`: the cohort's dashboard and overview, or nothing
/// when the demo programme is not in this store.
pub async fn demo_cohort_urls(state: &AppState) -> Result<Vec<String>, WebError> {
    let Some(programme) = find_programme(state).await? else {
        return Ok(Vec::new());
    };
    let cohorts = state.store.cohorts_for_programme(&programme.id).await?;
    Ok(cohorts
        .iter()
        .filter(|cohort| cohort.name == COHORT_NAME)
        .flat_map(|cohort| {
            [
                format!("{}/cohorts/{}/dashboard", state.base_url, cohort.id),
                format!("{}/cohorts/{}", state.base_url, cohort.id),
            ]
        })
        .collect())
}

/// Seeds (or finds) the organisations, programme, cohort, participants and completions.
pub(crate) async fn seed(
    state: &AppState,
    issuer: &Issuer,
    achievements: &[Achievement],
    now: DateTime<Utc>,
) -> Result<DemoCohort, WebError> {
    let provider = organisation(
        state,
        super::catalog::ISSUER_NAME_JA,
        super::catalog::ISSUER_NAME_EN,
        OrganisationKind::Provider,
    )
    .await?;
    let sponsor = organisation(state, SPONSOR_JA, SPONSOR_EN, OrganisationKind::Sponsor).await?;
    let programme = programme(state, issuer, achievements, &provider, &sponsor).await?;
    let cohort = cohort(state, &programme, &sponsor, now).await?;
    let mut participants = Vec::with_capacity(PEOPLE.len());
    for person in &PEOPLE {
        participants.push(participant(state, &cohort, person).await?);
    }
    let design = ProgrammeDesign::from_json(&programme.design_json)
        .map_err(|error| WebError::Internal(format!("demo programme design: {error}")))?;
    for (person, participant) in PEOPLE.iter().zip(&participants) {
        complete(state, issuer, &cohort, &design, person, participant).await?;
    }
    Ok(DemoCohort {
        programme,
        cohort,
        participants,
    })
}

/// Midday UTC of `date` plus `months` and `days`: the moments the demo's events happened.
pub(crate) fn moment(date: NaiveDate, months: u32, days: u64) -> DateTime<Utc> {
    let day = date
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_add_days(Days::new(days)))
        .unwrap_or(date);
    day.and_time(NaiveTime::MIN)
        .and_utc()
        .checked_add_signed(chrono::TimeDelta::hours(12))
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
}

async fn find_programme(state: &AppState) -> Result<Option<Programme>, WebError> {
    Ok(state
        .store
        .programmes()
        .await?
        .into_iter()
        .find(|programme| programme.title_en == PROGRAMME_TITLE_EN))
}

async fn organisation(
    state: &AppState,
    name_ja: &str,
    name_en: &str,
    kind: OrganisationKind,
) -> Result<Organisation, WebError> {
    if let Some(found) = state
        .store
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.name_en == name_en && o.kind == kind)
    {
        return Ok(found);
    }
    Ok(state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: name_ja.to_owned(),
            name_en: name_en.to_owned(),
            kind,
        })
        .await?)
}

/// The blueprint with fresh module ids and the demo achievements on five modules.
fn design(achievements: &[Achievement]) -> ProgrammeDesign {
    let mut design = copy_as_template(&six_phase_blueprint(), || uuid::Uuid::new_v4().to_string());
    for ((phase, module), award) in AWARDS {
        if let (Some(module), Some(achievement)) = (
            design
                .phases
                .get_mut(phase)
                .and_then(|p| p.modules.get_mut(module)),
            achievements.get(award),
        ) {
            module.achievement_ids.push(achievement.id.clone());
        }
    }
    design
}

async fn programme(
    state: &AppState,
    issuer: &Issuer,
    achievements: &[Achievement],
    provider: &Organisation,
    sponsor: &Organisation,
) -> Result<Programme, WebError> {
    let programme = match find_programme(state).await? {
        Some(found) => found,
        None => {
            let design_json = design(achievements)
                .to_json()
                .map_err(|error| WebError::Internal(format!("demo programme design: {error}")))?;
            state
                .store
                .create_programme(&NewProgramme {
                    provider_id: Some(provider.id.clone()),
                    title_ja: PROGRAMME_TITLE_JA.to_owned(),
                    title_en: PROGRAMME_TITLE_EN.to_owned(),
                    design_json,
                    sponsor_ids: vec![sponsor.id.clone()],
                    template_of: None,
                })
                .await?
        }
    };
    if programme.issuer_id.is_some() {
        return Ok(programme);
    }
    // Completions issue through the programme's issuer; set it (also after a crash between).
    state
        .store
        .update_programme_details(
            &programme.id,
            &ProgrammeDetails {
                provider_id: Some(provider.id.clone()),
                title_ja: PROGRAMME_TITLE_JA.to_owned(),
                title_en: PROGRAMME_TITLE_EN.to_owned(),
                sponsor_ids: vec![sponsor.id.clone()],
                issuer_id: Some(issuer.id.clone()),
            },
        )
        .await?;
    state
        .store
        .programme(&programme.id)
        .await?
        .ok_or(WebError::NotFound)
}

async fn cohort(
    state: &AppState,
    programme: &Programme,
    sponsor: &Organisation,
    now: DateTime<Utc>,
) -> Result<Cohort, WebError> {
    if let Some(found) = state
        .store
        .cohorts_for_programme(&programme.id)
        .await?
        .into_iter()
        .find(|cohort| cohort.name == COHORT_NAME)
    {
        return Ok(found);
    }
    let today = now.date_naive();
    let starts_on = today
        .checked_sub_months(Months::new(13))
        .and_then(|d| d.with_day0(0))
        .unwrap_or(today);
    let ends_on = starts_on
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(starts_on);
    Ok(state
        .store
        .create_cohort(&NewCohort {
            programme_id: programme.id.clone(),
            sponsor_id: Some(sponsor.id.clone()),
            name: COHORT_NAME.to_owned(),
            starts_on,
            ends_on,
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await?)
}

async fn recipient_id(state: &AppState, person: &Person) -> Result<String, WebError> {
    let email = person.email;
    if let Some(recipient) = state.store.recipient_by_identifier("email", email).await? {
        return Ok(recipient.id);
    }
    let created = state
        .store
        .create_recipient(NewRecipient {
            display_name: person.name.to_owned(),
            did: None,
            identifiers: vec![("email".to_owned(), email.to_owned())],
        })
        .await;
    match created {
        Ok((recipient, _)) => Ok(recipient.id),
        Err(StoreError::AlreadyExists { .. }) => state
            .store
            .recipient_by_identifier("email", email)
            .await?
            .map(|recipient| recipient.id)
            .ok_or(WebError::NotFound),
        Err(error) => Err(error.into()),
    }
}

async fn participant(
    state: &AppState,
    cohort: &Cohort,
    person: &Person,
) -> Result<Participant, WebError> {
    let recipient_id = recipient_id(state, person).await?;
    let enrolled = state
        .store
        .participants(&cohort.id)
        .await?
        .into_iter()
        .find(|p| p.recipient_id == recipient_id);
    let participant = match enrolled {
        Some(found) => found,
        None => {
            state
                .store
                .enroll_participant(&NewParticipant {
                    cohort_id: cohort.id.clone(),
                    recipient_id,
                    nationality: person.nationality.to_owned(),
                    job_function: person.job_function.to_owned(),
                    industry: person.industry.to_owned(),
                    role_level: person.role_level.to_owned(),
                    languages: person
                        .languages
                        .iter()
                        .map(|(language, proficiency)| LanguageSkill {
                            language: (*language).to_owned(),
                            proficiency: (*proficiency).to_owned(),
                        })
                        .collect(),
                    gender: person.gender.map(str::to_owned),
                })
                .await?
        }
    };
    if person.consents && state.store.consents(&participant.id).await?.is_empty() {
        state
            .store
            .record_consent(
                &participant.id,
                CONSENT_EVALUATION,
                moment(cohort.starts_on, 0, 0) - chrono::TimeDelta::days(21),
            )
            .await?;
    }
    Ok(participant)
}

/// Records the person's completed phases, issuing each module's achievements first through
/// the same idempotency keys the completions page uses (so the page and the demo agree).
async fn complete(
    state: &AppState,
    issuer: &Issuer,
    cohort: &Cohort,
    design: &ProgrammeDesign,
    person: &Person,
    participant: &Participant,
) -> Result<(), WebError> {
    for phase in design.phases.iter().take(person.phases_done) {
        let completed_at = moment(cohort.starts_on, phase.end_month, 14);
        for module in &phase.modules {
            for achievement_id in &module.achievement_ids {
                issue(
                    state,
                    IssueRequest {
                        issuer_id: issuer.id.clone(),
                        achievement_id: achievement_id.clone(),
                        recipient_id: participant.recipient_id.clone(),
                        recipient: RecipientChoice::Auto,
                        idempotency_key: completion_key(
                            &participant.id,
                            &module.id,
                            achievement_id,
                        ),
                        issued_at: completed_at,
                        lang: Lang::Ja,
                        import_row: None,
                    },
                )
                .await?;
            }
            state
                .store
                .record_completion(&participant.id, &module.id, completed_at, None)
                .await?;
        }
    }
    Ok(())
}
