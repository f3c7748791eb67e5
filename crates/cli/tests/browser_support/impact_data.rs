//! The data `browser_impact.rs` prepares with the store API before starting the server: a
//! sponsor's cohort with four consenting participants, a KPI with two measurements, a cost
//! and benefit claims, pre and post 360° rounds answered by everyone but two raters whose
//! links the browser opens, a sponsor-viewer and a participant account. A second sponsor's
//! cohort exists so that refusing it can be tested.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use tsumiki_store::{
    CONSENT_EVALUATION, ClaimResponse, CostAmount, CostCategory, KpiDetails, KpiDirection,
    KpiLevel, LanguageSkill, NewBenefitClaim, NewCohort, NewCostEntry, NewFeedbackRound,
    NewKpiMeasurement, NewOrganisation, NewOutboxMessage, NewParticipant, NewProgramme,
    NewRaterInvitation, NewRecipient, NewUser, OrganisationKind, Role, RoundKind, Store, UserLinks,
};
use tsumiki_web::analytics::feedback::instrument_of;
use tsumiki_web::auth::password::hash_password;
use tsumiki_web::auth::tokens::{random_token, token_hash};

pub const PASSWORD: &str = "browser-impact-password";
pub const SPONSOR_EMAIL: &str = "jinji@hokuto.example.jp";
pub const PARTICIPANT_EMAIL: &str = "ichiro.sato@hokuto.example.jp";
/// The open competency model (`tsumiki_feedback::instrument::OPEN_MODEL_ID`).
pub const INSTRUMENT: &str = "tsumiki-ccl-1";
pub const KPI_NAME: &str = "海外拠点の管理職比率";
/// A programme design as the designer stores it (`tsumiki_programme::ProgrammeDesign`): the
/// participant's page lists its modules, and fails on anything that is not a design.
pub const DESIGN: &str = r#"{"phases":[{"kind":"coreTheory","titleJa":"コア理論","titleEn":"Core theory",
"startMonth":1,"endMonth":4,"modules":[{"id":"5d0c3f0e-6f7a-4c59-9a43-2f3b8e1d7a10",
"titleJa":"異文化リーダーシップ","titleEn":"Cross-cultural leadership","delivery":{"mode":"online"},
"language":"bilingual","hours":6.0,"faculty":["internationalAcademic"],"achievementIds":[]}]}]}"#;
pub const MODULE_JA: &str = "異文化リーダーシップ";
/// Names of the cohort's participants; the first one has an account.
pub const PEOPLE: [&str; 4] = ["佐藤 一郎", "鈴木 花子", "高橋 健", "田中 美咲"];
pub const RATER_COMMENT: &str = "会議で若手の意見を先に聞く姿勢が印象的でした。";
/// Post-round answers: self 3, four seeded peers 4, the browser rater 5. So the participant's
/// others' mean is (4·4 + 5) / 5 = 4.20 on every competency.
pub const SELF_POST: u8 = 3;
pub const PEER_POST: u8 = 4;
pub const BROWSER_PEER: u8 = 5;
pub const SEEDED_PEERS: usize = 4;

/// What the test prepared and needs to address later.
pub struct World {
    pub cohort: String,
    pub other_cohort: String,
    pub post_round: String,
    /// Participant ids, in [`PEOPLE`] order.
    pub participants: Vec<String>,
    /// Item ids of the instrument, in form order.
    pub items: Vec<String>,
    /// Token of a peer of the first participant (post round), not yet answered.
    pub peer_token: String,
    /// Token of a manager of the second participant (post round, English), not yet answered.
    pub manager_token: String,
}

fn mail(to: &str) -> NewOutboxMessage {
    NewOutboxMessage {
        recipient: to.to_owned(),
        subject: "360度フィードバックのお願い".to_owned(),
        body: "(link withheld in the test)".to_owned(),
        body_after_send: None,
        kind: "feedback_invitation".to_owned(),
    }
}

/// Invites a rater with a token the test keeps; answers every item with `value` if given.
async fn rater(
    store: &Store,
    (round, participant): (&str, &str),
    group: &str,
    email: &str,
    language: &str,
    answer: Option<(&[String], u8)>,
) -> String {
    let token = random_token();
    let invitation = store
        .invite_rater(
            &NewRaterInvitation {
                round_id: round.to_owned(),
                participant_id: participant.to_owned(),
                rater_group: group.to_owned(),
                email: email.to_owned(),
                language: language.to_owned(),
            },
            &token_hash(&token),
            &mail(email),
            Utc::now(),
        )
        .await
        .unwrap();
    if let Some((items, value)) = answer {
        let answers: Vec<(String, Option<u8>)> =
            items.iter().map(|id| (id.clone(), Some(value))).collect();
        store
            .submit_feedback(&invitation.id, &answers, None, Utc::now())
            .await
            .unwrap();
    }
    token
}

async fn user(store: &Store, email: &str, name: &str, role: Role, links: UserLinks) {
    let user = store
        .create_user(NewUser {
            email: email.to_owned(),
            display_name: name.to_owned(),
            password_hash: hash_password(PASSWORD.to_owned()).await.unwrap(),
            role,
        })
        .await
        .unwrap();
    store.set_user_links(&user.id, &links).await.unwrap();
}

/// Fills the data directory the server will open (same database, same master key file).
pub async fn prepare(data: &Path) -> World {
    let (store, _key) = tsumiki_web::config::open_data(data, None, None)
        .await
        .unwrap();
    let organisation = |ja: &str, en: &str| NewOrganisation {
        name_ja: ja.to_owned(),
        name_en: en.to_owned(),
        kind: OrganisationKind::Sponsor,
    };
    let hokuto = store
        .create_organisation(&organisation("北斗商事", "Hokuto Trading"))
        .await
        .unwrap()
        .id;
    let nansei = store
        .create_organisation(&organisation("南西物産", "Nansei Goods"))
        .await
        .unwrap()
        .id;
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "次世代グローバル経営者育成".to_owned(),
            title_en: "Next-Generation Global Executives".to_owned(),
            design_json: DESIGN.to_owned(),
            sponsor_ids: vec![hokuto.clone(), nansei.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    let cohort = |sponsor: &str, name: &str| NewCohort {
        programme_id: programme.clone(),
        sponsor_id: Some(sponsor.to_owned()),
        name: name.to_owned(),
        starts_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ends_on: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        anonymity_threshold: 3,
        comment_threshold: 5,
    };
    let cohort_id = store
        .create_cohort(&cohort(&hokuto, "北斗 2026 春"))
        .await
        .unwrap()
        .id;
    let other_cohort = store
        .create_cohort(&cohort(&nansei, "南西 2026 秋"))
        .await
        .unwrap()
        .id;

    let mut participants = Vec::new();
    let mut first_recipient = None;
    for (index, name) in PEOPLE.iter().enumerate() {
        let (recipient, _) = store
            .create_recipient(NewRecipient {
                display_name: (*name).to_owned(),
                did: None,
                identifiers: vec![(
                    "email".to_owned(),
                    if index == 0 {
                        PARTICIPANT_EMAIL.to_owned()
                    } else {
                        format!("p{index}@hokuto.example.jp")
                    },
                )],
            })
            .await
            .unwrap();
        let participant = store
            .enroll_participant(&NewParticipant {
                cohort_id: cohort_id.clone(),
                recipient_id: recipient.id.clone(),
                nationality: "JP".to_owned(),
                job_function: "Finance".to_owned(),
                industry: "Trading".to_owned(),
                role_level: "Director".to_owned(),
                languages: vec![LanguageSkill {
                    language: "ja".to_owned(),
                    proficiency: "native".to_owned(),
                }],
                gender: None,
            })
            .await
            .unwrap();
        store
            .record_consent(&participant.id, CONSENT_EVALUATION, Utc::now())
            .await
            .unwrap();
        store
            .add_benefit_claim(&NewBenefitClaim {
                cohort_id: cohort_id.clone(),
                participant_id: participant.id.clone(),
                description: "意思決定の迅速化".to_owned(),
                response: ClaimResponse::Estimate {
                    annual_value_minor: 2_000_000,
                    isolation_percent: 50,
                    confidence_percent: 80,
                },
                created_by: None,
            })
            .await
            .unwrap();
        first_recipient.get_or_insert(recipient.id);
        participants.push(participant.id);
    }

    let kpi = store
        .create_kpi(
            &cohort_id,
            &KpiDetails {
                name_ja: KPI_NAME.to_owned(),
                name_en: "Overseas manager ratio".to_owned(),
                level: KpiLevel::Results,
                owner: "人事部".to_owned(),
                baseline: 10.0,
                target: 20.0,
                unit: "%".to_owned(),
                direction: KpiDirection::Increase,
                data_source: "HRIS".to_owned(),
                checkpoints: vec![0, 3, 6, 12],
            },
        )
        .await
        .unwrap();
    for (month, value, day) in [(0, 10.0, (2026, 4, 2)), (3, 13.0, (2026, 7, 1))] {
        store
            .record_kpi_measurement(&NewKpiMeasurement {
                kpi_id: kpi.id.clone(),
                checkpoint_month: month,
                value,
                recorded_on: NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap(),
                evidence_note: "人事システムの月次集計".to_owned(),
                evidence_url: None,
                recorded_by: None,
            })
            .await
            .unwrap();
    }
    store
        .add_cost_entry(&NewCostEntry {
            cohort_id: cohort_id.clone(),
            category: CostCategory::Faculty,
            description: "講師謝金".to_owned(),
            amount: CostAmount::Fixed(3_000_000),
            created_by: None,
        })
        .await
        .unwrap();

    let mut rounds = Vec::new();
    for kind in [RoundKind::Pre, RoundKind::Post] {
        let round = store
            .create_feedback_round(&NewFeedbackRound {
                cohort_id: cohort_id.clone(),
                kind,
                instrument_id: INSTRUMENT.to_owned(),
                small_group_policy: "suppress".to_owned(),
            })
            .await
            .unwrap();
        store
            .open_feedback_round(&round.id, Utc::now())
            .await
            .unwrap();
        rounds.push(round);
    }
    let items: Vec<String> = instrument_of(&rounds[0])
        .unwrap()
        .items()
        .map(|item| item.id.clone())
        .collect();
    for (round, self_value, peer_value) in [(&rounds[0], 2, 2), (&rounds[1], SELF_POST, PEER_POST)]
    {
        for (index, participant) in participants.iter().enumerate() {
            let target = (round.id.as_str(), participant.as_str());
            let own = format!("self{index}@hokuto.example.jp");
            rater(
                &store,
                target,
                "self",
                &own,
                "ja",
                Some((&items, self_value)),
            )
            .await;
            for peer in 0..SEEDED_PEERS {
                let email = format!("peer{index}-{peer}@example.jp");
                rater(
                    &store,
                    target,
                    "peer",
                    &email,
                    "ja",
                    Some((&items, peer_value)),
                )
                .await;
            }
        }
    }
    let post = rounds[1].id.clone();
    let peer_token = rater(
        &store,
        (&post, &participants[0]),
        "peer",
        "browser-peer@example.jp",
        "ja",
        None,
    )
    .await;
    let manager_token = rater(
        &store,
        (&post, &participants[1]),
        "manager",
        "manager@example.com",
        "en",
        None,
    )
    .await;

    user(
        &store,
        SPONSOR_EMAIL,
        "北斗 人事部",
        Role::SponsorViewer,
        UserLinks {
            organisation_id: Some(hokuto),
            recipient_id: None,
        },
    )
    .await;
    user(
        &store,
        PARTICIPANT_EMAIL,
        PEOPLE[0],
        Role::Participant,
        UserLinks {
            organisation_id: None,
            recipient_id: first_recipient,
        },
    )
    .await;
    store.close().await;
    World {
        cohort: cohort_id,
        other_cohort,
        post_round: post,
        participants,
        items,
        peer_token,
        manager_token,
    }
}
