//! The six-phase, 12-month international executive journey from the leadership blueprint,
//! as a starting design with example modules a programme manager then adapts.

use crate::model::{
    Delivery, FacultyRole, Module, ModuleLanguage, Phase, PhaseKind, ProgrammeDesign,
};

struct Example {
    id: &'static str,
    title_ja: &'static str,
    title_en: &'static str,
    delivery: Delivery,
    language: ModuleLanguage,
    hours: f64,
    faculty: &'static [FacultyRole],
}

fn module(example: Example) -> Module {
    Module {
        id: example.id.to_owned(),
        title_ja: example.title_ja.to_owned(),
        title_en: example.title_en.to_owned(),
        delivery: example.delivery,
        language: example.language,
        hours: example.hours,
        faculty: example.faculty.to_vec(),
        achievement_ids: Vec::new(),
    }
}

fn phase(
    kind: PhaseKind,
    (title_ja, title_en): (&str, &str),
    (start_month, end_month): (u32, u32),
    examples: Vec<Example>,
) -> Phase {
    Phase {
        kind,
        title_ja: title_ja.to_owned(),
        title_en: title_en.to_owned(),
        start_month,
        end_month,
        modules: examples.into_iter().map(module).collect(),
    }
}

fn singapore() -> Delivery {
    Delivery::ImmersionAbroad {
        country: "SG".to_owned(),
    }
}

/// The blueprint: diagnosis and alignment (months 0–1), core theory and virtual learning
/// (1–4), the immersive international module (5), the action-learning project (6–9),
/// leadership labs and simulations (9–10), and reflection, assessment and transfer (11–12).
///
/// Module ids are fixed so the blueprint is deterministic; a programme created from it gets
/// fresh ids through [`crate::copy_as_template`]. No module awards an achievement yet: those
/// belong to the provider's issuer and are chosen per programme.
pub fn six_phase_blueprint() -> ProgrammeDesign {
    use FacultyRole::{Coach, Facilitator, InternationalAcademic, LocalScholar, Practitioner};
    use ModuleLanguage::{Bilingual, En, Interpreted, Ja};
    ProgrammeDesign {
        phases: vec![
            phase(
                PhaseKind::Diagnosis,
                ("診断と目標設定", "Diagnosis and alignment"),
                (0, 1),
                vec![
                    Example {
                        id: "6f1d0c3e-0001-4a00-8000-000000000101",
                        title_ja: "組織ニーズ診断とスポンサーKPIの設定",
                        title_en: "Organisational needs assessment and sponsor KPIs",
                        delivery: Delivery::OnSite,
                        language: Ja,
                        hours: 8.0,
                        faculty: &[Facilitator, Practitioner],
                    },
                    Example {
                        id: "6f1d0c3e-0001-4a00-8000-000000000102",
                        title_ja: "360度診断と個人の学習目標",
                        title_en: "360° baseline and individual learning objectives",
                        delivery: Delivery::Online,
                        language: Bilingual,
                        hours: 4.0,
                        faculty: &[Coach],
                    },
                ],
            ),
            phase(
                PhaseKind::CoreTheory,
                (
                    "コア理論とバーチャル学習",
                    "Core theory and virtual learning",
                ),
                (1, 4),
                vec![
                    Example {
                        id: "6f1d0c3e-0002-4a00-8000-000000000201",
                        title_ja: "グローバル戦略",
                        title_en: "Global strategy",
                        delivery: Delivery::Online,
                        language: En,
                        hours: 24.0,
                        faculty: &[InternationalAcademic],
                    },
                    Example {
                        id: "6f1d0c3e-0002-4a00-8000-000000000202",
                        title_ja: "異文化リーダーシップ",
                        title_en: "Cross-cultural leadership",
                        delivery: Delivery::Online,
                        language: Bilingual,
                        hours: 18.0,
                        faculty: &[InternationalAcademic, LocalScholar],
                    },
                    Example {
                        id: "6f1d0c3e-0002-4a00-8000-000000000203",
                        title_ja: "デジタル・ビジネス変革",
                        title_en: "Digital business transformation",
                        delivery: Delivery::Blended,
                        language: Ja,
                        hours: 18.0,
                        faculty: &[LocalScholar, Practitioner],
                    },
                    Example {
                        id: "6f1d0c3e-0002-4a00-8000-000000000204",
                        title_ja: "海外とつなぐバーチャル教室とピアコーチング",
                        title_en: "Virtual international classroom and peer coaching",
                        delivery: Delivery::Online,
                        language: En,
                        hours: 12.0,
                        faculty: &[Facilitator, Coach],
                    },
                ],
            ),
            phase(
                PhaseKind::Immersion,
                ("海外イマージョン", "Immersive international module"),
                (5, 5),
                vec![
                    Example {
                        id: "6f1d0c3e-0003-4a00-8000-000000000301",
                        title_ja: "2週間の海外研修：企業訪問と現地市場プロジェクト",
                        title_en: "Two-week immersion: company visits and a local market project",
                        delivery: singapore(),
                        language: Interpreted,
                        hours: 60.0,
                        faculty: &[InternationalAcademic, Practitioner, Facilitator],
                    },
                    Example {
                        id: "6f1d0c3e-0003-4a00-8000-000000000302",
                        title_ja: "現地での振り返りセッション",
                        title_en: "Facilitated reflection abroad",
                        delivery: singapore(),
                        language: Bilingual,
                        hours: 6.0,
                        faculty: &[Facilitator],
                    },
                ],
            ),
            phase(
                PhaseKind::ActionLearning,
                (
                    "アクションラーニング・プロジェクト",
                    "Action-learning project",
                ),
                (6, 9),
                vec![Example {
                    id: "6f1d0c3e-0004-4a00-8000-000000000401",
                    title_ja: "経営課題に取り組むチーム・プロジェクト",
                    title_en: "Team project on a corporate priority",
                    delivery: Delivery::Blended,
                    language: Ja,
                    hours: 80.0,
                    faculty: &[Coach, Practitioner],
                }],
            ),
            phase(
                PhaseKind::LeadershipLabs,
                (
                    "リーダーシップ・ラボとシミュレーション",
                    "Leadership labs and simulations",
                ),
                (9, 10),
                vec![
                    Example {
                        id: "6f1d0c3e-0005-4a00-8000-000000000501",
                        title_ja: "シナリオ・プランニング",
                        title_en: "Scenario planning",
                        delivery: Delivery::OnSite,
                        language: Bilingual,
                        hours: 8.0,
                        faculty: &[InternationalAcademic, Facilitator],
                    },
                    Example {
                        id: "6f1d0c3e-0005-4a00-8000-000000000502",
                        title_ja: "異文化交渉シミュレーションとロールプレイ",
                        title_en: "Cross-cultural negotiation simulation and role-play",
                        delivery: Delivery::OnSite,
                        language: En,
                        hours: 8.0,
                        faculty: &[Practitioner, Facilitator],
                    },
                ],
            ),
            phase(
                PhaseKind::Reflection,
                (
                    "振り返り・評価・職場への定着",
                    "Reflection, assessment and transfer",
                ),
                (11, 12),
                vec![
                    Example {
                        id: "6f1d0c3e-0006-4a00-8000-000000000601",
                        title_ja: "360度フィードバックとプロジェクト成果の評価",
                        title_en: "360° feedback and project outcome review",
                        delivery: Delivery::OnSite,
                        language: Ja,
                        hours: 6.0,
                        faculty: &[Coach, Facilitator],
                    },
                    Example {
                        id: "6f1d0c3e-0006-4a00-8000-000000000602",
                        title_ja: "修了後の育成計画とフォローアップ・コーチング",
                        title_en: "Post-programme development plan and follow-up coaching",
                        delivery: Delivery::Online,
                        language: Ja,
                        hours: 6.0,
                        faculty: &[Coach],
                    },
                ],
            ),
        ],
    }
}
