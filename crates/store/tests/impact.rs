//! Logic models, KPI registers, cost ledgers, benefit claims and ROI settings, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use tsumiki_store::{
    ClaimResponse, CohortImpactSettings, CostAmount, CostCategory, KpiDetails, KpiDirection,
    KpiLevel, LogicModelEntry, LogicModelStage, NewBenefitClaim, NewCohort, NewCostEntry,
    NewKpiMeasurement, NewParticipant, NewProgramme, Store, StoreError,
};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn programme(store: &Store) -> String {
    store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "次世代経営者育成".to_owned(),
            title_en: "Next-generation leaders".to_owned(),
            design_json: "{}".to_owned(),
            sponsor_ids: Vec::new(),
            template_of: None,
        })
        .await
        .unwrap()
        .id
}

async fn cohort(store: &Store, programme_id: &str, name: &str) -> String {
    store
        .create_cohort(&NewCohort {
            programme_id: programme_id.to_owned(),
            sponsor_id: None,
            name: name.to_owned(),
            starts_on: date("2026-04-01"),
            ends_on: date("2026-09-30"),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap()
        .id
}

async fn participant(store: &Store, cohort_id: &str, email: &str) -> String {
    let recipient_id = common::recipient(store, email).await;
    store
        .enroll_participant(&NewParticipant {
            cohort_id: cohort_id.to_owned(),
            recipient_id,
            nationality: "JP".to_owned(),
            job_function: "finance".to_owned(),
            industry: "manufacturing".to_owned(),
            role_level: "director".to_owned(),
            languages: Vec::new(),
            gender: None,
        })
        .await
        .unwrap()
        .id
}

fn kpi_details() -> KpiDetails {
    KpiDetails {
        name_ja: "エンゲージメント".to_owned(),
        name_en: "Engagement".to_owned(),
        level: KpiLevel::Behaviour,
        owner: "人事部長".to_owned(),
        baseline: 62.5,
        target: 70.1,
        unit: "%".to_owned(),
        direction: KpiDirection::Increase,
        data_source: "社内サーベイ".to_owned(),
        checkpoints: vec![24, 0, 6, 3, 12, 6],
    }
}

on_both_databases! {
    async fn logic_model_is_saved_whole_and_replaced_whole(store: Store) {
        let programme_id = programme(&store).await;
        assert_eq!(store.logic_model(&programme_id).await.unwrap(), None);
        let entry = |stage, ja: &str, en: &str| LogicModelEntry {
            stage,
            text_ja: ja.to_owned(),
            text_en: en.to_owned(),
        };
        let first = vec![
            entry(LogicModelStage::Impact, "企業価値の向上", "Higher enterprise value"),
            entry(LogicModelStage::Inputs, "講師", "Faculty"),
            entry(LogicModelStage::Inputs, "予算", "Budget"),
            entry(LogicModelStage::Outcomes, "意思決定の迅速化", "Faster decisions"),
        ];
        let saved = store.save_logic_model(&programme_id, &first, None).await.unwrap();
        // Ordered by stage, and within a stage in the order given.
        let texts: Vec<&str> = saved.entries.iter().map(|e| e.text_en.as_str()).collect();
        assert_eq!(texts, ["Faculty", "Budget", "Faster decisions", "Higher enterprise value"]);
        assert_eq!(store.logic_model(&programme_id).await.unwrap().unwrap(), saved);

        let second = vec![entry(LogicModelStage::Activities, "合宿", "Residential")];
        let replaced = store.save_logic_model(&programme_id, &second, None).await.unwrap();
        assert_eq!(replaced.entries, second);

        let missing = store.save_logic_model("no-such-programme", &second, None).await;
        assert!(missing.is_err(), "a logic model needs its programme");
    }

    async fn kpis_and_measurements_round_trip(store: Store) {
        let programme_id = programme(&store).await;
        let cohort_id = cohort(&store, &programme_id, "2026 春").await;
        let kpi = store.create_kpi(&cohort_id, &kpi_details()).await.unwrap();
        assert_eq!(kpi.details.checkpoints, [0, 3, 6, 12, 24]);
        assert_eq!(kpi.details.baseline, 62.5);
        assert_eq!(kpi.details.target, 70.1, "decimal text reads back to the same f64");
        assert_eq!(store.kpis_for_cohort(&cohort_id).await.unwrap(), std::slice::from_ref(&kpi));

        let mut edited = kpi_details();
        edited.direction = KpiDirection::Decrease;
        edited.target = 0.1 + 0.2; // 0.30000000000000004 must survive exactly
        edited.checkpoints = vec![0, 12];
        let updated = store.update_kpi(&kpi.id, &edited).await.unwrap();
        assert_eq!(updated.details, KpiDetails { checkpoints: vec![0, 12], ..edited });
        assert!(matches!(
            store.update_kpi("nope", &kpi_details()).await,
            Err(StoreError::NotFound { .. })
        ));

        let measure = |month, value: f64, note: &str| NewKpiMeasurement {
            kpi_id: kpi.id.clone(),
            checkpoint_month: month,
            value,
            recorded_on: date("2026-07-01"),
            evidence_note: note.to_owned(),
            evidence_url: Some("https://hr.example.jp/report".to_owned()),
            recorded_by: None,
        };
        store.record_kpi_measurement(&measure(3, 64.0, "Q1")).await.unwrap();
        store.record_kpi_measurement(&measure(0, 62.5, "baseline")).await.unwrap();
        // Recording a checkpoint again replaces its figure and evidence.
        let again = store.record_kpi_measurement(&measure(3, -1.25, "corrected")).await.unwrap();
        assert_eq!(again.measurement, measure(3, -1.25, "corrected"));
        let all = store.kpi_measurements_for_cohort(&cohort_id).await.unwrap();
        let got: Vec<(u32, f64, &str)> = all
            .iter()
            .map(|m| (m.measurement.checkpoint_month, m.measurement.value, m.measurement.evidence_note.as_str()))
            .collect();
        assert_eq!(got, [(0, 62.5, "baseline"), (3, -1.25, "corrected")]);

        let other = cohort(&store, &programme_id, "2026 秋").await;
        assert!(store.kpi_measurements_for_cohort(&other).await.unwrap().is_empty());
        assert!(matches!(
            store.record_kpi_measurement(&NewKpiMeasurement { kpi_id: "nope".to_owned(), ..measure(0, 1.0, "x") }).await,
            Err(StoreError::NotFound { .. })
        ));
    }

    async fn money_round_trips_exactly(store: Store) {
        let programme_id = programme(&store).await;
        let cohort_id = cohort(&store, &programme_id, "2026 春").await;
        // Above 2^53: a float column would lose the last yen.
        let huge = 9_007_199_254_740_993_i64;
        let fixed = store
            .add_cost_entry(&NewCostEntry {
                cohort_id: cohort_id.clone(),
                category: CostCategory::Faculty,
                description: "講師謝金".to_owned(),
                amount: CostAmount::Fixed(huge),
                created_by: None,
            })
            .await
            .unwrap();
        // 12.5 h × ¥8,333/h = ¥104,162.5 → rounded half up to ¥104,163.
        let time = store
            .add_cost_entry(&NewCostEntry {
                cohort_id: cohort_id.clone(),
                category: CostCategory::ParticipantTime,
                description: "受講時間".to_owned(),
                amount: CostAmount::Time { hours_hundredths: 1250, hourly_rate_minor: 8333 },
                created_by: None,
            })
            .await
            .unwrap();
        assert_eq!(time.amount_minor, 104_163);
        let ledger = store.cost_entries(&cohort_id).await.unwrap();
        assert_eq!(ledger.len(), 2);
        let read_fixed = ledger.iter().find(|e| e.id == fixed.id).unwrap();
        assert_eq!(read_fixed, &fixed);
        assert_eq!(read_fixed.amount_minor, huge);
        let read_time = ledger.iter().find(|e| e.id == time.id).unwrap();
        assert_eq!(read_time, &time);

        let negative = store
            .add_cost_entry(&NewCostEntry {
                cohort_id: cohort_id.clone(),
                category: CostCategory::Platform,
                description: "返金".to_owned(),
                amount: CostAmount::Fixed(-1),
                created_by: None,
            })
            .await;
        assert!(negative.is_err(), "the schema refuses a negative cost");

        let other = cohort(&store, &programme_id, "2026 秋").await;
        assert!(matches!(
            store.delete_cost_entry(&other, &fixed.id).await,
            Err(StoreError::NotFound { .. })
        ));
        store.delete_cost_entry(&cohort_id, &fixed.id).await.unwrap();
        assert_eq!(store.cost_entries(&cohort_id).await.unwrap(), [time]);
    }

    async fn benefit_claims_belong_to_the_cohorts_participants(store: Store) {
        let programme_id = programme(&store).await;
        let cohort_id = cohort(&store, &programme_id, "2026 春").await;
        let other = cohort(&store, &programme_id, "2026 秋").await;
        let hanako = participant(&store, &cohort_id, "hanako@example.jp").await;
        let stranger = participant(&store, &other, "taro@example.jp").await;
        let estimate = NewBenefitClaim {
            cohort_id: cohort_id.clone(),
            participant_id: hanako.clone(),
            description: "決裁期間の短縮".to_owned(),
            response: ClaimResponse::Estimate {
                annual_value_minor: 12_345_678,
                isolation_percent: 40,
                confidence_percent: 75,
            },
            created_by: None,
        };
        let stored = store.add_benefit_claim(&estimate).await.unwrap();
        let silent = store
            .add_benefit_claim(&NewBenefitClaim {
                response: ClaimResponse::NonRespondent,
                description: String::new(),
                ..estimate.clone()
            })
            .await
            .unwrap();
        let mut expected = vec![stored.clone(), silent];
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        let mut claims = store.benefit_claims(&cohort_id).await.unwrap();
        claims.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(claims, expected);

        let foreign = store
            .add_benefit_claim(&NewBenefitClaim { participant_id: stranger, ..estimate.clone() })
            .await;
        assert!(matches!(foreign, Err(StoreError::NotFound { entity: "participant", .. })));
        let over = store
            .add_benefit_claim(&NewBenefitClaim {
                response: ClaimResponse::Estimate {
                    annual_value_minor: 1,
                    isolation_percent: 101,
                    confidence_percent: 50,
                },
                ..estimate
            })
            .await;
        assert!(over.is_err(), "the schema refuses a share above 100 %");
        store.delete_benefit_claim(&cohort_id, &stored.id).await.unwrap();
        assert_eq!(store.benefit_claims(&cohort_id).await.unwrap().len(), 1);
    }

    async fn settings_default_then_save_and_intangibles(store: Store) {
        let programme_id = programme(&store).await;
        let cohort_id = cohort(&store, &programme_id, "2026 春").await;
        assert_eq!(
            store.cohort_impact_settings(&cohort_id).await.unwrap(),
            CohortImpactSettings { cohort_id: cohort_id.clone(), currency: "JPY".to_owned(), horizon_years: 1 }
        );
        let usd = CohortImpactSettings { cohort_id: cohort_id.clone(), currency: "USD".to_owned(), horizon_years: 3 };
        store.set_cohort_impact_settings(&usd).await.unwrap();
        store.set_cohort_impact_settings(&usd).await.unwrap();
        assert_eq!(store.cohort_impact_settings(&cohort_id).await.unwrap(), usd);
        let four = CohortImpactSettings { horizon_years: 4, ..usd.clone() };
        assert!(store.set_cohort_impact_settings(&four).await.is_err());
        assert_eq!(store.cohort_impact_settings(&cohort_id).await.unwrap(), usd);

        let trust = store.add_intangible_benefit(&cohort_id, "部門間の信頼", "Trust across divisions").await.unwrap();
        assert_eq!(store.intangible_benefits(&cohort_id).await.unwrap(), std::slice::from_ref(&trust));
        store.delete_intangible_benefit(&cohort_id, &trust.id).await.unwrap();
        assert!(store.intangible_benefits(&cohort_id).await.unwrap().is_empty());
    }
}

#[test]
fn participant_time_rounds_half_up_and_cannot_overflow() {
    let time = |hours_hundredths, hourly_rate_minor| {
        CostAmount::Time {
            hours_hundredths,
            hourly_rate_minor,
        }
        .amount_minor()
    };
    assert_eq!(time(150, 10_000), 15_000);
    assert_eq!(time(1, 49), 0); // 0.49 → 0
    assert_eq!(time(1, 50), 1); // 0.50 → 1
    assert_eq!(time(u32::MAX, u32::MAX), 184_467_440_651_196_170); // (2^32-1)^2 / 100, rounded
}
