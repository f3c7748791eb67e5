//! Shared by the cohort and sponsor-dashboard tests: the issuer, achievement and organisations
//! a programme needs before any page can be exercised.
#![allow(dead_code, clippy::unwrap_used)]

use tsumiki_store::{IdentifierKind, Issuer, NewAchievement, NewOrganisation, OrganisationKind};
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};

use crate::web_support::TestApp;

pub const BASE_URL: &str = "https://badges.example.test";

pub fn achievement(issuer_id: &str) -> NewAchievement {
    NewAchievement {
        issuer_id: issuer_id.to_owned(),
        achievement_type: "Course".to_owned(),
        name_ja: "異文化リーダーシップ修了".to_owned(),
        name_en: "Cross-cultural leadership".to_owned(),
        description_ja: "異文化環境でのリーダーシップを学んだ。".to_owned(),
        description_en: "Studied leadership across cultures.".to_owned(),
        criteria_ja: "全セッションに参加".to_owned(),
        criteria_en: "Attend every session".to_owned(),
        learning_outcomes_ja: vec![],
        learning_outcomes_en: vec![],
        hours: Some(18.0),
        credits: None,
        level: None,
        assessment_type: None,
        participation_form: None,
        quality_assurance: None,
        prerequisites: None,
        stackability: None,
        image: None,
        alignments: vec![],
    }
}

/// The did:web issuer `tsumiki-bs` and one achievement of it (its id).
pub async fn issuer_with_achievement(app: &TestApp) -> (Issuer, String) {
    let store = &app.state.store;
    let issuer = store
        .create_issuer(
            new_issuer(
                BASE_URL,
                IssuerRequest {
                    slug: "tsumiki-bs".to_owned(),
                    name_ja: "積み木ビジネススクール".to_owned(),
                    name_en: "Tsumiki Business School".to_owned(),
                    url: "https://bs.example.test".to_owned(),
                    kind: IdentifierKind::DidWeb,
                },
            )
            .unwrap(),
            &app.state.master_key,
        )
        .await
        .unwrap();
    let achievement = store
        .create_achievement(achievement(&issuer.id))
        .await
        .unwrap()
        .id;
    (issuer, achievement)
}

/// An organisation named `en` (and `en` + 社 in Japanese); its id.
pub async fn organisation(app: &TestApp, en: &str, kind: OrganisationKind) -> String {
    app.state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: format!("{en}社"),
            name_en: en.to_owned(),
            kind,
        })
        .await
        .unwrap()
        .id
}
