//! What the demo seeds: one business school, its four micro-credentials, six learners and
//! eight awards. Plain data, so the seeding code stays about order and idempotency.

use chrono::{DateTime, TimeZone as _, Utc};
use serde_json::{Value, json};
use tsumiki_store::{AchievementImage, NewAchievement};

use super::images::{BadgeStyle, badge_svg};

/// The demo issuer's slug; its presence is how a second `--demo` run knows it has seeded.
pub(crate) const ISSUER_SLUG: &str = "tsumiki-business-school";
pub(crate) const ISSUER_NAME_JA: &str = "つみきビジネススクール";
pub(crate) const ISSUER_NAME_EN: &str = "Tsumiki Business School";
pub(crate) const ISSUER_URL: &str = "https://business-school.example.jp";

const STACK_JA: &str =
    "「つみきエグゼクティブ・リーダーシップ修了証」(60 時間以上)の構成要素として積み上げられます。";
const STACK_EN: &str =
    "Counts towards the Tsumiki Executive Leadership Certificate (60 hours or more).";
const QA: &str = "本校教務委員会が科目設計と評価基準を審査しています。 / Course design and assessment criteria are reviewed by the school's academic committee.";

/// One achievement's texts and style.
struct Course {
    style: BadgeStyle,
    name_ja: &'static str,
    name_en: &'static str,
    description_ja: &'static str,
    description_en: &'static str,
    criteria_ja: &'static str,
    criteria_en: &'static str,
    outcomes_ja: &'static [&'static str],
    outcomes_en: &'static [&'static str],
    hours: f64,
    credits: Option<f64>,
    level: &'static str,
    assessment: &'static str,
    participation: &'static str,
    prerequisites: Option<&'static str>,
    alignment: (&'static str, &'static str),
}

const COURSES: [Course; 4] = [
    Course {
        style: BadgeStyle {
            colour: "#1f6f8b",
            shade: "#134a5d",
            label: "LEADERSHIP",
            title: "次世代リーダーシップ基礎 / Foundations of Next-Generation Leadership",
        },
        name_ja: "次世代リーダーシップ基礎",
        name_en: "Foundations of Next-Generation Leadership",
        description_ja: "自らのリーダーシップの型を知り、対話を通じてチームの方向性を示す基礎を修得した。",
        description_en: "Understands their own leadership style and can set a team's direction through dialogue.",
        criteria_ja: "全 8 回のセッションに出席し、360 度フィードバックに基づく行動計画を提出すること。",
        criteria_en: "Attend all eight sessions and submit an action plan based on 360-degree feedback.",
        outcomes_ja: &[
            "自らのリーダーシップの強みと課題を説明できる",
            "チームの目標を対話によって合意形成できる",
        ],
        outcomes_en: &[
            "Explain the strengths and gaps of their own leadership",
            "Build agreement on team goals through dialogue",
        ],
        hours: 24.0,
        credits: Some(1.0),
        level: "EQF 6",
        assessment: "360-degree assessment",
        participation: "blended",
        prerequisites: None,
        alignment: ("Leadership fundamentals", "LDR-01"),
    },
    Course {
        style: BadgeStyle {
            colour: "#4f7d3a",
            shade: "#345427",
            label: "DATA",
            title: "データに基づく意思決定 / Data-Driven Decision Making",
        },
        name_ja: "データに基づく意思決定",
        name_en: "Data-Driven Decision Making",
        description_ja: "経営データを読み解き、根拠を示して意思決定を説明する力を修得した。",
        description_en: "Reads business data and explains decisions with the evidence behind them.",
        criteria_ja: "自社データを用いた分析レポートを提出し、講師の評価基準を満たすこと。",
        criteria_en: "Submit an analysis report on their own organisation's data that meets the assessment rubric.",
        outcomes_ja: &[
            "主要な経営指標の意味と限界を説明できる",
            "データに基づく提案を経営層に説明できる",
        ],
        outcomes_en: &[
            "Explain what key business metrics mean and where they mislead",
            "Present a data-based proposal to senior management",
        ],
        hours: 15.0,
        credits: None,
        level: "EQF 6",
        assessment: "project",
        participation: "online",
        prerequisites: None,
        alignment: ("Evidence-based decision making", "DAT-02"),
    },
    Course {
        style: BadgeStyle {
            colour: "#8a4b7a",
            shade: "#5e3353",
            label: "CHANGE",
            title: "組織変革のリーダーシップ / Leading Organisational Change",
        },
        name_ja: "組織変革のリーダーシップ",
        name_en: "Leading Organisational Change",
        description_ja: "組織変革の計画を立て、関係者を巻き込みながら実行を導く力を修得した。",
        description_en: "Plans an organisational change and leads it while bringing stakeholders along.",
        criteria_ja: "変革計画と 3 か月間の実践記録をポートフォリオとして提出すること。",
        criteria_en: "Submit a change plan and a three-month practice log as a portfolio.",
        outcomes_ja: &[
            "変革への抵抗の要因を分析できる",
            "関係者ごとの巻き込み方を計画できる",
        ],
        outcomes_en: &[
            "Analyse the sources of resistance to change",
            "Plan how to involve each group of stakeholders",
        ],
        hours: 30.0,
        credits: Some(2.0),
        level: "EQF 7",
        assessment: "portfolio",
        participation: "on-site",
        prerequisites: Some(
            "「次世代リーダーシップ基礎」の修了 / Completion of Foundations of Next-Generation Leadership",
        ),
        alignment: ("Change leadership", "LDR-03"),
    },
    Course {
        style: BadgeStyle {
            colour: "#b5702a",
            shade: "#7c4c1c",
            label: "COACHING",
            title: "コーチング実践 / Coaching in Practice",
        },
        name_ja: "コーチング実践",
        name_en: "Coaching in Practice",
        description_ja: "部下の成長を支えるコーチング面談を、実際の職場で行える力を修得した。",
        description_en: "Holds coaching conversations that support the growth of team members at work.",
        criteria_ja: "講師の観察のもとで 2 回のコーチング面談を行い、評価基準を満たすこと。",
        criteria_en: "Hold two coaching conversations observed by a faculty member and meet the rubric.",
        outcomes_ja: &[
            "傾聴と質問によって相手の考えを引き出せる",
            "面談の合意事項を行動計画に落とし込める",
        ],
        outcomes_en: &[
            "Draw out a person's thinking by listening and asking questions",
            "Turn what a conversation agreed into an action plan",
        ],
        hours: 12.0,
        credits: None,
        level: "EQF 6",
        assessment: "observation",
        participation: "on-site",
        prerequisites: None,
        alignment: ("Coaching skills", "LDR-04"),
    },
];

/// The achievements to create for `issuer_id`, in a stable order.
pub(crate) fn achievements(issuer_id: &str) -> Vec<NewAchievement> {
    COURSES
        .iter()
        .map(|course| NewAchievement {
            issuer_id: issuer_id.to_owned(),
            achievement_type: "MicroCredential".to_owned(),
            name_ja: course.name_ja.to_owned(),
            name_en: course.name_en.to_owned(),
            description_ja: course.description_ja.to_owned(),
            description_en: course.description_en.to_owned(),
            criteria_ja: course.criteria_ja.to_owned(),
            criteria_en: course.criteria_en.to_owned(),
            learning_outcomes_ja: course.outcomes_ja.iter().map(|s| (*s).to_owned()).collect(),
            learning_outcomes_en: course.outcomes_en.iter().map(|s| (*s).to_owned()).collect(),
            hours: Some(course.hours),
            credits: course.credits,
            level: Some(course.level.to_owned()),
            assessment_type: Some(course.assessment.to_owned()),
            participation_form: Some(course.participation.to_owned()),
            quality_assurance: Some(QA.to_owned()),
            prerequisites: course.prerequisites.map(str::to_owned),
            stackability: Some(format!("{STACK_JA} / {STACK_EN}")),
            image: Some(AchievementImage {
                bytes: badge_svg(&course.style),
                media_type: "image/svg+xml".to_owned(),
                alt_ja: format!("{}のバッジ", course.name_ja),
                alt_en: format!("Badge: {}", course.name_en),
            }),
            alignments: vec![alignment(course.alignment)],
        })
        .collect()
}

fn alignment((name, code): (&str, &str)) -> Value {
    json!({
        "type": ["Alignment"],
        "targetName": name,
        "targetUrl": format!("{ISSUER_URL}/competencies/{}", code.to_lowercase()),
        "targetFramework": "Tsumiki Leadership Competency Framework",
        "targetCode": code,
    })
}

/// A learner: display name, email, optional employee number.
pub(crate) struct Learner {
    pub name: &'static str,
    pub email: &'static str,
    pub employee_number: Option<&'static str>,
}

pub(crate) const LEARNERS: [Learner; 6] = [
    Learner {
        name: "山田 太郎",
        email: "taro.yamada@example.jp",
        employee_number: Some("E-1001"),
    },
    Learner {
        name: "佐藤 花子",
        email: "hanako.sato@example.jp",
        employee_number: Some("E-1002"),
    },
    Learner {
        name: "鈴木 一郎",
        email: "ichiro.suzuki@example.jp",
        employee_number: None,
    },
    Learner {
        name: "Emily Carter",
        email: "emily.carter@example.com",
        employee_number: None,
    },
    Learner {
        name: "Rahul Mehta",
        email: "rahul.mehta@example.in",
        employee_number: None,
    },
    Learner {
        name: "李 美玲",
        email: "meiling.li@example.cn",
        employee_number: None,
    },
];

/// What happens to an award after issuing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Afterwards {
    Nothing,
    Revoke,
    Suspend,
}

/// One credential: learner index, course index, day issued, status change.
pub(crate) struct Award {
    pub learner: usize,
    pub course: usize,
    pub issued_on: (i32, u32, u32),
    pub afterwards: Afterwards,
}

pub(crate) const AWARDS: [Award; 8] = [
    Award {
        learner: 0,
        course: 0,
        issued_on: (2025, 7, 18),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 1,
        course: 0,
        issued_on: (2025, 7, 18),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 3,
        course: 0,
        issued_on: (2025, 7, 18),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 0,
        course: 1,
        issued_on: (2025, 9, 5),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 4,
        course: 1,
        issued_on: (2025, 9, 5),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 1,
        course: 2,
        issued_on: (2025, 11, 28),
        afterwards: Afterwards::Nothing,
    },
    Award {
        learner: 2,
        course: 3,
        issued_on: (2025, 10, 10),
        afterwards: Afterwards::Revoke,
    },
    Award {
        learner: 5,
        course: 3,
        issued_on: (2025, 10, 10),
        afterwards: Afterwards::Suspend,
    },
];

/// Why the demo revokes or suspends, in both languages (the reason is shown publicly).
pub(crate) const REVOKE_REASON: &str =
    "デモ: 受講者を取り違えて発行したため取り消し / Demo: issued to the wrong learner";
pub(crate) const SUSPEND_REASON: &str =
    "デモ: 評価記録の確認中のため一時停止 / Demo: suspended while the assessment record is checked";

/// 09:00 in Japan on the award's day.
pub(crate) fn issued_at(award: &Award) -> DateTime<Utc> {
    let (year, month, day) = award.issued_on;
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0)
        .single()
        .unwrap_or_default()
}
