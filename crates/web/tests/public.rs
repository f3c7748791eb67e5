//! The public credential page, its downloads, and the verify page, over the real router.
#![allow(clippy::unwrap_used, clippy::panic)]

mod w3_support;

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};
use tsumiki_vc::bake::{BakedPayload, unbake_png, unbake_svg};
use w3_support::{W3App, app};

fn uuid(app_record: &tsumiki_store::CredentialRecord) -> String {
    app_record.id.strip_prefix("urn:uuid:").unwrap().to_owned()
}

async fn multipart_verify(app: &W3App, file_name: &str, bytes: &[u8]) -> String {
    let boundary = "XtsumikiBoundary7";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let response = app
        .send(
            Request::post("/verify?lang=en")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.text()
}

#[tokio::test]
async fn page_speaks_the_readers_language_and_shows_every_check() {
    let app = app().await;
    let issued = app.issue("page-1").await;
    let id = uuid(&issued.record);

    let en = app.get(&format!("/c/{id}?lang=en")).await;
    assert_eq!(en.status, 200);
    assert_eq!(en.header(header::CONTENT_LANGUAGE).as_deref(), Some("en"));
    assert!(en.header(header::VARY).unwrap().contains("Accept-Language"));
    let html = en.text();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Introduction to Data Analysis"));
    assert!(html.contains("Issued by Demo University"));
    assert!(html.contains("Awarded to 山田 花子"));
    assert!(html.contains(">Valid<"));
    assert!(html.contains("The credential was verified."), "{html}");
    // Every step shows up with its English message.
    for step in ["Proof", "Status", "Issuer"] {
        assert!(html.contains(step), "{step}");
    }
    assert!(html.contains("check-pass"));
    assert!(!html.contains("check-fail"));
    // Open Graph, LinkedIn, downloads.
    assert!(
        html.contains("<meta property=\"og:title\" content=\"Introduction to Data Analysis\">")
    );
    assert!(html.contains(&format!(
        "<meta property=\"og:url\" content=\"https://badges.example.test/c/{id}\">"
    )));
    assert!(html.contains("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"));
    assert!(html.contains(&format!("certId={id}")));
    for ext in ["json", "jwt", "png", "svg"] {
        assert!(html.contains(&format!("/c/{id}.{ext}")), "{ext}");
    }
    // A QR code of the page URL, inline as SVG.
    let qr = html
        .split("<figure class=\"qr\">")
        .nth(1)
        .expect("a QR code figure");
    assert!(
        qr.trim_start().starts_with("<?xml") || qr.trim_start().starts_with("<svg"),
        "{qr}"
    );
    // Micro-credential facts in the reader's language.
    assert!(html.contains("Study hours"));
    assert!(html.contains("Explain descriptive statistics"));

    let ja = app
        .get_with(
            &format!("/c/{id}"),
            &[("accept-language", "ja-JP,en;q=0.5")],
        )
        .await;
    let html = ja.text();
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("データ分析入門"));
    assert!(html.contains("発行者: デモ大学"));
    assert!(html.contains("この資格情報を検証しました。"));
    assert!(html.contains("学修時間"));
    // ?lang= wins over Accept-Language.
    let switched = app
        .get_with(&format!("/c/{id}?lang=en"), &[("accept-language", "ja")])
        .await;
    assert!(switched.text().contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn revoked_credential_page_says_so_with_the_reason() {
    let app = app().await;
    let issued = app.issue("page-rev").await;
    let id = uuid(&issued.record);
    let revoked = app
        .post_json(
            &format!("/api/credentials/{id}/revoke"),
            Some(&app.admin_token),
            &json!({"reason": "<b>不正</b>受講"}),
        )
        .await;
    assert_eq!(revoked.status, 200);
    let html = app.get(&format!("/c/{id}?lang=ja")).await.text();
    assert!(html.contains("失効"));
    // The reason is shown, escaped.
    assert!(
        html.contains("&lt;b&gt;不正&lt;/b&gt;受講") || html.contains("&#60;b&#62;不正"),
        "{html}"
    );
    assert!(!html.contains("<b>不正</b>"));
    assert!(html.contains("check-fail"));
    assert!(html.contains("この資格情報は失効しています"));
    let en = app.get(&format!("/c/{id}?lang=en")).await.text();
    assert!(en.contains(">Revoked<"));
    assert!(en.contains("The credential could not be verified"), "{en}");
}

#[tokio::test]
async fn downloads_carry_the_same_credential() {
    let app = app().await;
    let issued = app.issue("dl-1").await;
    let id = uuid(&issued.record);

    let json = app.get(&format!("/c/{id}.json")).await;
    assert_eq!(json.status, 200);
    assert_eq!(json.text(), issued.record.credential_json);

    // The VC-JWT, made on demand, verifies through the VC-API.
    let jwt = app.get(&format!("/c/{id}.jwt")).await;
    assert_eq!(jwt.status, 200);
    let token = jwt.text();
    assert_eq!(token.split('.').count(), 3);
    let verified = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": token}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());

    // Baked PNG: the achievement's image with the credential inside.
    let png = app.get(&format!("/c/{id}.png")).await;
    assert_eq!(png.status, 200);
    assert_eq!(
        png.header(header::CONTENT_TYPE).as_deref(),
        Some("image/png")
    );
    assert_eq!(
        unbake_png(&png.bytes).unwrap(),
        BakedPayload::Json(issued.record.credential_json.clone())
    );
    // Baked SVG: generated, since the achievement's image is a PNG.
    let svg = app.get(&format!("/c/{id}.svg")).await;
    assert_eq!(svg.status, 200);
    let svg_text = svg.text();
    // The generated badge names the achievement (Japanese is the page default).
    assert!(svg_text.contains(">データ分析入門</text>"));
    assert_eq!(
        unbake_svg(&svg_text).unwrap(),
        BakedPayload::Json(issued.record.credential_json.clone())
    );

    // Both images verify on the verify page.
    let report = multipart_verify(&app, "badge.png", &png.bytes).await;
    assert!(report.contains("The credential was verified."), "{report}");
    let report = multipart_verify(&app, "badge.svg", svg_text.as_bytes()).await;
    assert!(report.contains("The credential was verified."), "{report}");

    // Unknown ids and forms are 404.
    assert_eq!(
        app.get("/c/00000000-0000-4000-8000-000000000000")
            .await
            .status,
        404
    );
    assert_eq!(app.get(&format!("/c/{id}.exe")).await.status, 404);
    assert_eq!(app.get("/c/not-a-uuid").await.status, 404);
}

#[tokio::test]
async fn achievement_without_image_still_gets_an_svg_but_no_png() {
    let app = app().await;
    let achievement = app
        .state
        .store
        .create_achievement(tsumiki_store::NewAchievement {
            achievement_type: "履修 証明".to_owned(),
            ..w3_support::achievement(&app.issuer.id, None)
        })
        .await
        .unwrap();
    let mut request = app.issue_request("noimg-1");
    request.achievement_id = achievement.id;
    let issued = tsumiki_web::issuing::issue(&app.state, request)
        .await
        .unwrap();
    let id = uuid(&issued.record);
    let achievement = &issued.credential["credentialSubject"]["achievement"];
    assert!(achievement.get("image").is_none());
    // A type outside OB's enumeration is published as an extension value, and still signs
    // and verifies (safe mode accepts it).
    assert_eq!(achievement["achievementType"], "ext:履修証明");
    let verified = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": issued.credential}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    assert_eq!(app.get(&format!("/c/{id}.png")).await.status, 404);
    let svg = app.get(&format!("/c/{id}.svg")).await;
    assert_eq!(svg.status, 200);
    assert!(unbake_svg(&svg.text()).is_ok());
    let html = app.get(&format!("/c/{id}?lang=en")).await.text();
    assert!(!html.contains(&format!("/c/{id}.png")));
    assert!(html.contains(&format!("/c/{id}.svg")));
}

#[tokio::test]
async fn verify_page_reports_pasted_credentials() {
    let app = app().await;
    let page = app.get("/verify?lang=ja").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("資格情報の検証"));

    let issued = app.issue("paste-1").await;
    let form = |text: &str| {
        Request::post("/verify?lang=en")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "credential={}",
                tsumiki_web::pages::percent_encode(text)
            )))
            .unwrap()
    };
    let ok = app.send(form(&issued.record.credential_json)).await;
    assert_eq!(ok.status, 200);
    assert!(ok.text().contains("The credential was verified."));

    let mut tampered: Value = issued.credential.clone();
    tampered["credentialSubject"]["achievement"]["name"] = json!("Forged");
    let bad = app.send(form(&tampered.to_string())).await.text();
    assert!(bad.contains("check-fail"));
    assert!(bad.contains("The credential could not be verified"));
    // What was pasted is shown back, escaped.
    assert!(bad.contains("&quot;Forged&quot;") || bad.contains("&#34;Forged&#34;"));

    // A did:key credential from another issuer verifies offline; a did:web one from another
    // server cannot, because this server fetches nothing, and says which key is missing.
    let key = tsumiki_vc::keys::KeyPair::from_ed25519_seed(&[7u8; 32]);
    let did = format!("did:key:{}", key.public_multibase());
    let foreign = |issuer: &str, method: &str| {
        let unsigned = json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ],
            "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": issuer, "type": ["Profile"], "name": "Elsewhere"},
            "validFrom": "2026-01-01T00:00:00Z",
            "name": "Foreign badge",
            "credentialSubject": {
                "id": "did:example:holder",
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "https://elsewhere.example/a/1",
                    "type": ["Achievement"],
                    "name": "Foreign badge",
                    "description": "From another issuer.",
                    "criteria": {"narrative": "Be elsewhere."}
                }
            }
        });
        let options = tsumiki_vc::di::ProofOptions::new("2026-01-01T00:00:00Z", method);
        tsumiki_vc::di::sign(&unsigned, &key, &options, &app.state.ld).unwrap()
    };
    let did_key_vc = foreign(&did, &format!("{did}#{}", key.public_multibase()));
    let ok = app.send(form(&did_key_vc.to_string())).await.text();
    assert!(ok.contains("The credential was verified."), "{ok}");
    assert!(ok.contains("Credential: Foreign badge"));
    let did_web_vc = foreign(
        "did:web:elsewhere.example",
        "did:web:elsewhere.example#key-1",
    );
    let unresolved = app.send(form(&did_web_vc.to_string())).await.text();
    assert!(unresolved.contains("check-fail"));
    assert!(
        unresolved.contains("The key did:web:elsewhere.example#key-1 could not be found"),
        "{unresolved}"
    );

    let empty = app.send(form("   ")).await.text();
    assert!(empty.contains("Paste a credential or choose a file."));
    let garbage = app.send(form("not a credential")).await.text();
    assert!(garbage.contains("check-fail"));
}

#[tokio::test]
async fn svg_achievement_image_is_baked_in_place() {
    let app = app().await;
    let drawing = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
                   <rect id=\"house-style\" width=\"10\" height=\"10\"/></svg>";
    let achievement = app
        .state
        .store
        .create_achievement(w3_support::achievement(
            &app.issuer.id,
            Some(tsumiki_store::AchievementImage {
                bytes: drawing.as_bytes().to_vec(),
                media_type: "image/svg+xml".to_owned(),
                alt_ja: "青い四角".to_owned(),
                alt_en: "A blue square".to_owned(),
            }),
        ))
        .await
        .unwrap();
    let mut request = app.issue_request("svg-1");
    request.achievement_id = achievement.id;
    let issued = tsumiki_web::issuing::issue(&app.state, request)
        .await
        .unwrap();
    let image = &issued.credential["credentialSubject"]["achievement"]["image"];
    assert!(
        image["id"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    assert_eq!(image["caption"], "青い四角");
    let id = uuid(&issued.record);
    let svg = app.get(&format!("/c/{id}.svg")).await.text();
    assert!(svg.contains("id=\"house-style\""));
    assert_eq!(
        unbake_svg(&svg).unwrap(),
        BakedPayload::Json(issued.record.credential_json.clone())
    );
    let html = app.get(&format!("/c/{id}?lang=en")).await.text();
    assert!(html.contains(&format!(
        "<meta property=\"og:image\" content=\"https://badges.example.test/c/{id}.svg\">"
    )));
    assert!(html.contains("alt=\"A blue square\""));
}
