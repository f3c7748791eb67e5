//! The demo cohort's evaluation figures: five KPIs across the four Kirkpatrick levels with
//! their 0/3/6/12-month measurements (one at risk, one off track, the rest on track; the
//! 24-month checkpoint is not yet due), the programme's logic model, a ledger of about
//! ¥56M over all eight cost categories, benefit claims with four non-respondents, and
//! intangible benefits. Each line is found by its name before it is added.

use tsumiki_store::{
    ClaimResponse, Cohort, CostAmount, CostCategory, KpiDetails, KpiDirection, KpiLevel,
    LogicModelEntry, LogicModelStage, NewBenefitClaim, NewCostEntry, NewKpiMeasurement,
    Participant, Programme,
};

use super::programme::moment;
use crate::{AppState, WebError};

/// Checkpoints of every demo KPI (months since the cohort's start).
const CHECKPOINTS: [u32; 5] = [0, 3, 6, 12, 24];

struct DemoKpi {
    name_ja: &'static str,
    name_en: &'static str,
    level: KpiLevel,
    owner: &'static str,
    baseline: f64,
    target: f64,
    unit: &'static str,
    direction: KpiDirection,
    data_source: &'static str,
    /// Measured values at months 0, 3, 6 and 12.
    values: [f64; 4],
    /// Evidence note of each measurement.
    notes: [&'static str; 4],
}

/// The expected value at month m is baseline + (target − baseline)·m/24, and "at risk" is a
/// shortfall of at most 10 % of |target − baseline| (see `tsumiki_impact::kpi`); the values
/// below were chosen against that by hand.
const KPIS: [DemoKpi; 5] = [
    // Expected 4.0, 4.075, 4.15, 4.3: always above → on track.
    DemoKpi {
        name_ja: "研修満足度(5段階平均)",
        name_en: "Session satisfaction (mean of 5)",
        level: KpiLevel::Reaction,
        owner: "つみきビジネススクール 事務局",
        baseline: 4.0,
        target: 4.6,
        unit: "/5",
        direction: KpiDirection::Increase,
        data_source: "Post-session survey",
        values: [4.0, 4.3, 4.4, 4.5],
        notes: [
            "前年度プログラムの平均",
            "診断・コア理論セッション後アンケート (n=19)",
            "海外イマージョン後アンケート (n=19)",
            "全期間の平均 (n=18)",
        ],
    },
    // Expected 3.10, 3.20, 3.30, 3.50 → on track.
    DemoKpi {
        name_ja: "異文化リーダーシップ 360° 平均スコア",
        name_en: "Cross-cultural leadership 360° mean score",
        level: KpiLevel::Learning,
        owner: "人事部 人材開発課",
        baseline: 3.1,
        target: 3.9,
        unit: "/5",
        direction: KpiDirection::Increase,
        data_source: "360° rounds (tsumiki-ccl-1)",
        values: [3.1, 3.2, 3.32, 3.6],
        notes: [
            "事前 360° (他者評価の平均)",
            "中間パルス調査",
            "中間パルス調査",
            "事後 360° (他者評価の平均)",
        ],
    },
    // Expected 20, 25, 30, 40; at-risk band 4 → short by 1, 2, 3: at risk.
    DemoKpi {
        name_ja: "英語で会議を主導した管理職の割合",
        name_en: "Managers chairing meetings in English",
        level: KpiLevel::Behaviour,
        owner: "北斗商事 グローバル人事",
        baseline: 20.0,
        target: 60.0,
        unit: "%",
        direction: KpiDirection::Increase,
        data_source: "Meeting records of the sponsor",
        values: [20.0, 24.0, 28.0, 37.0],
        notes: [
            "参加者の上司への聞き取り",
            "会議記録のサンプル調査",
            "会議記録のサンプル調査",
            "会議記録の全数調査",
        ],
    },
    // Expected 6.0, 6.375, 6.75, 7.5; band 0.3 → 6.2 at risk, 6.3 and 6.6 off track.
    DemoKpi {
        name_ja: "海外事業の営業利益率",
        name_en: "Operating margin of overseas business",
        level: KpiLevel::Results,
        owner: "北斗商事 経営企画部",
        baseline: 6.0,
        target: 9.0,
        unit: "%",
        direction: KpiDirection::Increase,
        data_source: "Quarterly management accounts",
        values: [6.0, 6.2, 6.3, 6.6],
        notes: [
            "前年度実績",
            "第1四半期決算",
            "第2四半期決算 (為替の影響あり)",
            "通期決算",
        ],
    },
    // Decrease 12 → 8: expected 12, 11.5, 11, 10 → on track.
    DemoKpi {
        name_ja: "幹部候補の離職率",
        name_en: "Attrition of high-potential managers",
        level: KpiLevel::Results,
        owner: "北斗商事 人事部",
        baseline: 12.0,
        target: 8.0,
        unit: "%",
        direction: KpiDirection::Decrease,
        data_source: "HRIS",
        values: [12.0, 11.2, 10.8, 9.6],
        notes: [
            "過去3年の平均",
            "人事システム集計",
            "人事システム集計",
            "人事システム集計",
        ],
    },
];

/// (category, description, amount): JPY, so amounts are whole yen.
const COSTS: [(CostCategory, &str, CostAmount); 9] = [
    (
        CostCategory::Faculty,
        "講師料(海外招聘教授・国内研究者・実務家)",
        CostAmount::Fixed(14_500_000),
    ),
    (
        CostCategory::TravelAccommodation,
        "海外イマージョン(シンガポール2週間、20名分の渡航・宿泊)",
        CostAmount::Fixed(11_800_000),
    ),
    (
        CostCategory::Platform,
        "学習管理システム・オンライン教室のライセンス",
        CostAmount::Fixed(1_600_000),
    ),
    (
        CostCategory::ParticipantTime,
        "参加者の研修時間(20名 × 120時間)",
        CostAmount::Time {
            hours_hundredths: 240_000,
            hourly_rate_minor: 6_500,
        },
    ),
    (
        CostCategory::InterpretationTranslation,
        "同時通訳・教材翻訳",
        CostAmount::Fixed(2_400_000),
    ),
    (
        CostCategory::Coaching,
        "個別コーチング(20名 × 6回)",
        CostAmount::Fixed(4_200_000),
    ),
    (
        CostCategory::InternalCoordination,
        "人事部による運営・調整",
        CostAmount::Time {
            hours_hundredths: 60_000,
            hourly_rate_minor: 5_000,
        },
    ),
    (
        CostCategory::Backfill,
        "イマージョン期間中の業務代替要員",
        CostAmount::Fixed(2_400_000),
    ),
    (
        CostCategory::Backfill,
        "アクションラーニング期間の残業手当",
        CostAmount::Fixed(400_000),
    ),
];

/// A claimant's (annual value in yen, isolation %, confidence %).
type Estimate = (i64, u8, u8);

/// Benefit claims by participant index: (annual value in yen, isolation %, confidence %),
/// `None` for a non-respondent. About ¥63M after the Phillips adjustments.
const CLAIMS: [(usize, Option<Estimate>); 18] = [
    (0, Some((18_000_000, 40, 80))),
    (1, Some((12_000_000, 50, 70))),
    (2, Some((25_000_000, 30, 60))),
    (3, Some((9_000_000, 60, 80))),
    (4, None),
    (5, Some((15_000_000, 40, 75))),
    (6, None),
    (7, Some((30_000_000, 25, 70))),
    (8, Some((8_000_000, 50, 90))),
    (10, Some((20_000_000, 35, 80))),
    (11, Some((11_000_000, 50, 60))),
    (12, Some((40_000_000, 20, 50))),
    (13, None),
    (14, Some((14_000_000, 45, 85))),
    (15, Some((10_000_000, 55, 70))),
    (16, Some((22_000_000, 30, 75))),
    (17, None),
    (18, Some((16_000_000, 40, 65))),
];

const CLAIM_DESCRIPTION: &str = "プログラム後1年間の担当事業への効果(本人推計)";

const INTANGIBLES: [(&str, &str); 4] = [
    (
        "海外子会社の管理職との信頼関係が深まり、相談が増えた",
        "Closer trust with managers of overseas subsidiaries; they consult more often",
    ),
    (
        "部門を越えたネットワークができ、意思決定が速くなった",
        "A cross-divisional network that speeds up decisions",
    ),
    (
        "多様な人材が活躍できる組織という評判が採用に効いている",
        "Reputation as an inclusive employer helps recruitment",
    ),
    (
        "参加者が社内で次の世代のメンターを務めている",
        "Participants now mentor the next generation in-house",
    ),
];

const LOGIC_MODEL: [(LogicModelStage, &str, &str); 8] = [
    (
        LogicModelStage::Inputs,
        "講師陣(海外・国内)、予算約5,600万円、参加者の時間",
        "International and local faculty, a budget of about ¥56M, participants' time",
    ),
    (
        LogicModelStage::Inputs,
        "北斗商事の経営陣によるスポンサーシップ",
        "Sponsorship by Hokuto Trading's executive board",
    ),
    (
        LogicModelStage::Activities,
        "6フェーズ・12か月の研修、海外イマージョン、アクションラーニング",
        "Six phases over 12 months: courses, an overseas immersion, action learning",
    ),
    (
        LogicModelStage::Outputs,
        "20名が修了、マイクロクレデンシャルを取得、4件の事業提案",
        "20 participants complete, earn micro-credentials and present four business proposals",
    ),
    (
        LogicModelStage::Outcomes,
        "異文化リーダーシップ行動の向上(360°で測定)",
        "More cross-cultural leadership behaviour (measured by 360°)",
    ),
    (
        LogicModelStage::Outcomes,
        "英語での会議運営と海外拠点との協働が増える",
        "More meetings chaired in English and more work with overseas offices",
    ),
    (
        LogicModelStage::Impact,
        "海外事業の利益率向上",
        "Higher margin of the overseas business",
    ),
    (
        LogicModelStage::Impact,
        "幹部候補の定着",
        "High-potential managers stay",
    ),
];

/// Seeds everything in this module that is missing.
pub(crate) async fn seed(
    state: &AppState,
    programme: &Programme,
    cohort: &Cohort,
    participants: &[Participant],
) -> Result<(), WebError> {
    kpis(state, cohort).await?;
    if state.store.logic_model(&programme.id).await?.is_none() {
        let entries: Vec<LogicModelEntry> = LOGIC_MODEL
            .iter()
            .map(|(stage, ja, en)| LogicModelEntry {
                stage: *stage,
                text_ja: (*ja).to_owned(),
                text_en: (*en).to_owned(),
            })
            .collect();
        state
            .store
            .save_logic_model(&programme.id, &entries, None)
            .await?;
    }
    costs(state, cohort).await?;
    claims(state, cohort, participants).await?;
    let intangibles = state.store.intangible_benefits(&cohort.id).await?;
    for (ja, en) in INTANGIBLES {
        if !intangibles.iter().any(|b| b.text_en == en) {
            state
                .store
                .add_intangible_benefit(&cohort.id, ja, en)
                .await?;
        }
    }
    Ok(())
}

async fn kpis(state: &AppState, cohort: &Cohort) -> Result<(), WebError> {
    let existing = state.store.kpis_for_cohort(&cohort.id).await?;
    for spec in &KPIS {
        let kpi = match existing.iter().find(|k| k.details.name_en == spec.name_en) {
            Some(found) => found.clone(),
            None => {
                state
                    .store
                    .create_kpi(
                        &cohort.id,
                        &KpiDetails {
                            name_ja: spec.name_ja.to_owned(),
                            name_en: spec.name_en.to_owned(),
                            level: spec.level,
                            owner: spec.owner.to_owned(),
                            baseline: spec.baseline,
                            target: spec.target,
                            unit: spec.unit.to_owned(),
                            direction: spec.direction,
                            data_source: spec.data_source.to_owned(),
                            checkpoints: CHECKPOINTS.to_vec(),
                        },
                    )
                    .await?
            }
        };
        // Recording is an upsert per checkpoint, so this is safe on every run.
        for ((month, value), note) in CHECKPOINTS.iter().zip(spec.values).zip(spec.notes) {
            state
                .store
                .record_kpi_measurement(&NewKpiMeasurement {
                    kpi_id: kpi.id.clone(),
                    checkpoint_month: *month,
                    value,
                    recorded_on: moment(cohort.starts_on, *month, 10).date_naive(),
                    evidence_note: note.to_owned(),
                    evidence_url: None,
                    recorded_by: None,
                })
                .await?;
        }
    }
    Ok(())
}

async fn costs(state: &AppState, cohort: &Cohort) -> Result<(), WebError> {
    let existing = state.store.cost_entries(&cohort.id).await?;
    for (category, description, amount) in COSTS {
        if existing.iter().any(|e| e.entry.description == description) {
            continue;
        }
        state
            .store
            .add_cost_entry(&NewCostEntry {
                cohort_id: cohort.id.clone(),
                category,
                description: description.to_owned(),
                amount,
                created_by: None,
            })
            .await?;
    }
    Ok(())
}

async fn claims(
    state: &AppState,
    cohort: &Cohort,
    participants: &[Participant],
) -> Result<(), WebError> {
    let existing = state.store.benefit_claims(&cohort.id).await?;
    for (index, estimate) in CLAIMS {
        let Some(participant) = participants.get(index) else {
            continue;
        };
        if existing
            .iter()
            .any(|c| c.claim.participant_id == participant.id)
        {
            continue;
        }
        let response = match estimate {
            Some((annual_value_minor, isolation_percent, confidence_percent)) => {
                ClaimResponse::Estimate {
                    annual_value_minor,
                    isolation_percent,
                    confidence_percent,
                }
            }
            None => ClaimResponse::NonRespondent,
        };
        state
            .store
            .add_benefit_claim(&NewBenefitClaim {
                cohort_id: cohort.id.clone(),
                participant_id: participant.id.clone(),
                description: CLAIM_DESCRIPTION.to_owned(),
                response,
                created_by: None,
            })
            .await?;
    }
    Ok(())
}
