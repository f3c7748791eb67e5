//! Shared by the W3 test files (vcapi, status, public): the real router over a temporary
//! SQLite store, one did:web issuer with an achievement and a recipient, and API tokens for
//! each role.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::{DateTime, Utc};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt as _;
use tsumiki_i18n::Lang;
use tsumiki_store::{
    AchievementImage, IdentifierKind, Issuer, MasterKey, NewAchievement, NewRecipient, NewUser,
    Role, Store,
};
use tsumiki_web::AppState;
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};
use tsumiki_web::issuing::{IssueRequest, IssuedCredential, RecipientChoice, issue};

pub const BASE_URL: &str = "https://badges.example.test";

pub struct W3App {
    pub state: AppState,
    pub router: Router,
    pub issuer: Issuer,
    pub achievement_id: String,
    pub recipient_id: String,
    pub admin_token: String,
    pub staff_token: String,
    pub viewer_token: String,
    pub dir: TempDir,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: header::HeaderName) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

async fn user_token(state: &AppState, email: &str, role: Role) -> String {
    let user = state
        .store
        .create_user(NewUser {
            email: email.to_owned(),
            display_name: email.to_owned(),
            // Never used to log in here: tokens only.
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
                .to_owned(),
            role,
        })
        .await
        .unwrap();
    let token = tsumiki_web::auth::tokens::random_token();
    state
        .store
        .create_api_token(
            &user.id,
            &tsumiki_web::auth::tokens::token_hash(&token),
            "test",
        )
        .await
        .unwrap();
    token
}

/// A 1×1 PNG (red pixel).
pub const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

pub fn achievement(issuer_id: &str, image: Option<AchievementImage>) -> NewAchievement {
    NewAchievement {
        issuer_id: issuer_id.to_owned(),
        achievement_type: "MicroCredential".to_owned(),
        name_ja: "データ分析入門".to_owned(),
        name_en: "Introduction to Data Analysis".to_owned(),
        description_ja: "統計とデータ可視化の基礎を修得した。".to_owned(),
        description_en: "Learned the basics of statistics and data visualisation.".to_owned(),
        criteria_ja: "全課題を提出し、最終試験に合格すること。".to_owned(),
        criteria_en: "Submit every assignment and pass the final exam.".to_owned(),
        learning_outcomes_ja: vec!["記述統計を説明できる".to_owned()],
        learning_outcomes_en: vec!["Explain descriptive statistics".to_owned()],
        hours: Some(30.0),
        credits: Some(2.0),
        level: None,
        assessment_type: Some("exam".to_owned()),
        participation_form: Some("online".to_owned()),
        quality_assurance: None,
        prerequisites: None,
        stackability: None,
        image,
        alignments: Vec::new(),
    }
}

pub async fn app() -> W3App {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("w3.db").display());
    let store = Store::open(&url).await.unwrap();
    let master_key = MasterKey::generate();
    let state = AppState::new(store, master_key, BASE_URL);
    let new = new_issuer(
        BASE_URL,
        IssuerRequest {
            slug: "demo-univ".to_owned(),
            name_ja: "デモ大学".to_owned(),
            name_en: "Demo University".to_owned(),
            url: "https://demo.example.test".to_owned(),
            kind: IdentifierKind::DidWeb,
        },
    )
    .unwrap();
    let issuer = state
        .store
        .create_issuer(new, &state.master_key)
        .await
        .unwrap();
    let achievement = state
        .store
        .create_achievement(achievement(
            &issuer.id,
            Some(AchievementImage {
                bytes: TINY_PNG.to_vec(),
                media_type: "image/png".to_owned(),
                alt_ja: "バッジ画像".to_owned(),
                alt_en: "Badge image".to_owned(),
            }),
        ))
        .await
        .unwrap();
    let (recipient, _) = state
        .store
        .create_recipient(NewRecipient {
            display_name: "山田 花子".to_owned(),
            did: None,
            identifiers: vec![("email".to_owned(), "Hanako@Example.ac.jp".to_owned())],
        })
        .await
        .unwrap();
    let admin_token = user_token(&state, "admin@example.test", Role::Admin).await;
    let staff_token = user_token(&state, "staff@example.test", Role::IssuerStaff).await;
    let viewer_token = user_token(&state, "viewer@example.test", Role::Viewer).await;
    let router = tsumiki_web::router(state.clone());
    W3App {
        state,
        router,
        issuer,
        achievement_id: achievement.id,
        recipient_id: recipient.id,
        admin_token,
        staff_token,
        viewer_token,
        dir,
    }
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

impl W3App {
    pub fn issue_request(&self, key: &str) -> IssueRequest {
        IssueRequest {
            issuer_id: self.issuer.id.clone(),
            achievement_id: self.achievement_id.clone(),
            recipient_id: self.recipient_id.clone(),
            recipient: RecipientChoice::Auto,
            idempotency_key: key.to_owned(),
            issued_at: now(),
            lang: Lang::Ja,
            import_row: None,
        }
    }

    /// Issues through the service (as the UI and bulk import do).
    pub async fn issue(&self, key: &str) -> IssuedCredential {
        issue(&self.state, self.issue_request(key)).await.unwrap()
    }

    pub async fn send(&self, request: Request<Body>) -> Resp {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Resp {
            status,
            headers,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        let mut builder = Request::get(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        self.send(builder.body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        let mut builder = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(builder.body(Body::from(body.to_string())).unwrap())
            .await
    }
}
