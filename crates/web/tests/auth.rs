//! Accounts, sessions, roles, CSRF and API tokens, through the real router.
#![allow(clippy::unwrap_used, clippy::panic)]

mod web_support;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use tsumiki_store::Role;
use tsumiki_web::auth::ApiUser;
use web_support::{PASSWORD, app, app_at};

#[tokio::test]
async fn setup_link_creates_the_first_admin_exactly_once() {
    let app = app().await;
    let token = app.state.new_setup_token();

    assert_eq!(
        app.get("/setup/not-the-token", None).await.status,
        StatusCode::NOT_FOUND
    );

    let form = app.get(&format!("/setup/{token}"), None).await;
    assert_eq!(form.status, StatusCode::OK);
    let pre = form
        .cookie("tsumiki_csrf")
        .expect("pre-session CSRF cookie");
    assert_eq!(form.csrf_field().as_deref(), Some(pre.as_str()));
    let cookie = format!("tsumiki_csrf={pre}");

    let fields = [
        ("csrf_token", pre.as_str()),
        ("email", "Admin@Example.ac.jp"),
        ("display_name", "管理 太郎"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let created = app
        .post_form(&format!("/setup/{token}"), Some(&cookie), &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.location(), Some("/"));
    let session = created
        .cookie("tsumiki_session")
        .expect("logged in after set-up");
    let admin = app
        .state
        .store
        .user_by_email("admin@example.ac.jp")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admin.role, Role::Admin);
    assert!(admin.password_hash.starts_with("$argon2id$"));

    // The link is spent: neither the page nor a second submission works.
    assert_eq!(
        app.get(&format!("/setup/{token}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    let again = app
        .post_form(&format!("/setup/{token}"), Some(&cookie), &fields)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(app.state.store.users().await.unwrap().len(), 1);

    let home = app
        .get("/", Some(&format!("tsumiki_session={session}")))
        .await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("管理 太郎"));
}

#[tokio::test]
async fn setup_rejects_a_short_password_and_keeps_the_link() {
    let app = app().await;
    let token = app.state.new_setup_token();
    let pre = app
        .get(&format!("/setup/{token}"), None)
        .await
        .cookie("tsumiki_csrf")
        .unwrap();
    let response = app
        .post_form(
            &format!("/setup/{token}"),
            Some(&format!("tsumiki_csrf={pre}")),
            &[
                ("csrf_token", &pre),
                ("email", "admin@example.ac.jp"),
                ("display_name", "Admin"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(app.state.store.users().await.unwrap().is_empty());
    assert_eq!(
        app.get(&format!("/setup/{token}"), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn login_sets_a_hardened_cookie_and_rejects_wrong_passwords_alike() {
    let app = app().await;
    app.user("staff@example.ac.jp", Role::IssuerStaff).await;
    let form = app.get("/login?next=/admin/issuers", None).await;
    assert_eq!(form.status, StatusCode::OK);
    let pre = form.cookie("tsumiki_csrf").unwrap();
    let cookie = format!("tsumiki_csrf={pre}");

    let wrong = app
        .post_form(
            "/login",
            Some(&cookie),
            &[
                ("csrf_token", &pre),
                ("email", "staff@example.ac.jp"),
                ("password", "nope nope nope"),
            ],
        )
        .await;
    let unknown = app
        .post_form(
            "/login",
            Some(&cookie),
            &[
                ("csrf_token", &pre),
                ("email", "ghost@example.ac.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.cookie("tsumiki_session").is_none());
    // Same message either way: the form does not reveal who has an account.
    let message = |body: &str| {
        body.split("role=\"alert\">")
            .nth(1)
            .map(|rest| rest.split('<').next().unwrap_or_default().to_owned())
    };
    assert_eq!(message(&wrong.body), message(&unknown.body));
    assert!(message(&wrong.body).is_some());

    let ok = app
        .post_form(
            "/login",
            Some(&cookie),
            &[
                ("csrf_token", &pre),
                ("email", "STAFF@example.ac.jp"),
                ("password", PASSWORD),
                ("next", "/admin/issuers"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), Some("/admin/issuers"));
    let set_cookie = ok.set_cookie_header("tsumiki_session").unwrap();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "plain-http base URL: {set_cookie}"
    );
    let session = ok.cookie("tsumiki_session").unwrap();
    let issuers = app
        .get(
            "/admin/issuers",
            Some(&format!("tsumiki_session={session}")),
        )
        .await;
    assert_eq!(issuers.status, StatusCode::OK);
}

#[tokio::test]
async fn cookies_are_secure_behind_an_https_base_url() {
    let app = app_at("https://badges.example.ac.jp").await;
    let user = app.user("a@example.ac.jp", Role::Viewer).await;
    let set_cookie = tsumiki_web::auth::session::start(&app.state, &user.id)
        .await
        .unwrap();
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    let form = app.get("/login", None).await;
    assert!(
        form.set_cookie_header("tsumiki_csrf")
            .unwrap()
            .contains("; Secure")
    );
}

#[tokio::test]
async fn login_redirect_never_leaves_the_site() {
    let app = app().await;
    app.user("v@example.ac.jp", Role::Viewer).await;
    let pre = app
        .get("/login", None)
        .await
        .cookie("tsumiki_csrf")
        .unwrap();
    for next in [
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let ok = app
            .post_form(
                "/login",
                Some(&format!("tsumiki_csrf={pre}")),
                &[
                    ("csrf_token", &pre),
                    ("email", "v@example.ac.jp"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(ok.location(), Some("/"), "next={next}");
    }
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let new_user = [
        ("email", "new@example.ac.jp"),
        ("display_name", "New"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
        ("role", "viewer"),
    ];
    let missing = app
        .post_form("/admin/users", Some(&admin.cookie), &new_user)
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let mut wrong = vec![("csrf_token", "forged-token-value")];
    wrong.extend_from_slice(&new_user);
    let forged = app
        .post_form("/admin/users", Some(&admin.cookie), &wrong)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        app.state
            .store
            .user_by_email("new@example.ac.jp")
            .await
            .unwrap()
            .is_none()
    );

    // The same request with the session's token goes through.
    let ok = app.submit(&admin, "/admin/users", &new_user).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let created = app
        .state
        .store
        .user_by_email("new@example.ac.jp")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.role, Role::Viewer);

    // The header form works for scripts; another session's token does not.
    let (_, other) = app.logged_in("other@example.ac.jp", Role::Admin).await;
    let cross = app
        .send(
            Request::post("/logout")
                .header(header::COOKIE, &admin.cookie)
                .header("x-csrf-token", &other.csrf)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    let logout = app
        .send(
            Request::post("/logout")
                .header(header::COOKIE, &admin.cookie)
                .header("x-csrf-token", &admin.csrf)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn login_without_the_pre_session_cookie_is_refused() {
    let app = app().await;
    app.user("v@example.ac.jp", Role::Viewer).await;
    let response = app
        .post_form(
            "/login",
            None,
            &[
                ("csrf_token", "anything"),
                ("email", "v@example.ac.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(response.cookie("tsumiki_session").is_none());
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = app().await;
    let (_, browser) = app.logged_in("v@example.ac.jp", Role::Viewer).await;
    assert_eq!(
        app.get("/", Some(&browser.cookie)).await.status,
        StatusCode::OK
    );
    let out = app.submit(&browser, "/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.cookie("tsumiki_session").as_deref(), Some(""));
    // Replaying the old cookie no longer works.
    let after = app.get("/", Some(&browser.cookie)).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_the_login_page() {
    let app = app().await;
    for path in ["/", "/admin/users", "/admin/tokens", "/admin/issuers"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{path}");
        let location = response.location().unwrap();
        assert!(location.starts_with("/login?next="), "{path} → {location}");
    }
    // A forged or expired session cookie is no better than none.
    let forged = app
        .get("/admin/users", Some("tsumiki_session=forged"))
        .await;
    assert_eq!(forged.status, StatusCode::SEE_OTHER);
    // Public pages stay reachable.
    for path in ["/login", tsumiki_web::pages::assets::stylesheet_path()] {
        assert_eq!(app.get(path, None).await.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_viewer_cannot_reach_admin_or_issuer_actions() {
    let app = app().await;
    let (_, viewer) = app.logged_in("viewer@example.ac.jp", Role::Viewer).await;
    assert_eq!(
        app.get("/", Some(&viewer.cookie)).await.status,
        StatusCode::OK
    );
    let issuers = app.get("/admin/issuers", Some(&viewer.cookie)).await;
    assert_eq!(issuers.status, StatusCode::OK);
    assert!(
        !issuers.body.contains("action=\"/admin/issuers\""),
        "no create form for viewers"
    );
    for path in ["/admin/users", "/admin/tokens"] {
        assert_eq!(
            app.get(path, Some(&viewer.cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let create_issuer = app
        .submit(
            &viewer,
            "/admin/issuers",
            &[
                ("slug", "x"),
                ("name_ja", "X"),
                ("url", "https://x.example"),
                ("kind", "did:key"),
            ],
        )
        .await;
    assert_eq!(create_issuer.status, StatusCode::FORBIDDEN);
    assert!(app.state.store.issuers().await.unwrap().is_empty());
    let create_user = app
        .submit(
            &viewer,
            "/admin/users",
            &[
                ("email", "e@example.ac.jp"),
                ("display_name", "E"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(create_user.status, StatusCode::FORBIDDEN);
    let token = app
        .submit(
            &viewer,
            "/admin/tokens",
            &[("user_id", "whatever"), ("label", "mine")],
        )
        .await;
    assert_eq!(token.status, StatusCode::FORBIDDEN);

    // Issuer staff can see issuers but not manage users, tokens or issuers.
    let (_, staff) = app
        .logged_in("staff@example.ac.jp", Role::IssuerStaff)
        .await;
    assert_eq!(
        app.get("/admin/users", Some(&staff.cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    let staff_issuer = app
        .submit(
            &staff,
            "/admin/issuers",
            &[
                ("slug", "x"),
                ("name_ja", "X"),
                ("url", "https://x.example"),
                ("kind", "did:key"),
            ],
        )
        .await;
    assert_eq!(staff_issuer.status, StatusCode::FORBIDDEN);
}

fn whoami_router(app: &web_support::TestApp) -> Router {
    Router::new()
        .route(
            "/api/whoami",
            get(|user: ApiUser| async move { user.role.as_str().to_owned() }),
        )
        .with_state(app.state.clone())
}

async fn whoami(router: &Router, token: Option<&str>) -> (StatusCode, String) {
    use tower::ServiceExt as _;
    let mut request = Request::get("/api/whoami");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn api_tokens_are_shown_once_stored_hashed_and_revocable() {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let staff = app.user("staff@example.ac.jp", Role::IssuerStaff).await;

    let created = app
        .submit(
            &admin,
            "/admin/tokens",
            &[("user_id", &staff.id), ("label", "LMS connector")],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        created.headers.get(header::CACHE_CONTROL).unwrap(),
        "no-store"
    );
    let start = created.body.find("tsk_").expect("token shown");
    let token: String = created.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert!(token.len() > 40, "{token}");

    let stored = app.state.store.api_tokens(&staff.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token, "only the hash is stored");
    assert_eq!(
        stored[0].token_hash,
        tsumiki_web::auth::tokens::token_hash(&token)
    );
    // The listing never shows it again.
    let listing = app.get("/admin/tokens", Some(&admin.cookie)).await;
    assert!(listing.body.contains("LMS connector"));
    assert!(!listing.body.contains(&token));

    let router = whoami_router(&app);
    assert_eq!(
        whoami(&router, Some(&token)).await,
        (StatusCode::OK, "issuer_staff".to_owned())
    );
    assert_eq!(whoami(&router, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        whoami(&router, Some("tsk_forged")).await.0,
        StatusCode::UNAUTHORIZED
    );

    let revoked = app
        .submit(
            &admin,
            &format!("/admin/tokens/{}/revoke", stored[0].id),
            &[],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(
        whoami(&router, Some(&token)).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn api_paths_answer_401_json_instead_of_redirecting() {
    let app = app().await;
    // Any API path behind the error renderer: unknown ones are 404 JSON, never a login page.
    let response = app.get("/api/does-not-exist", None).await;
    assert_ne!(response.status, StatusCode::SEE_OTHER);
    let router = Router::new()
        .route(
            "/api/whoami",
            get(|user: ApiUser| async move { user.user.email }),
        )
        .layer(axum::middleware::from_fn(tsumiki_web::error::render_errors))
        .with_state(app.state.clone());
    use tower::ServiceExt as _;
    let response = router
        .oneshot(
            Request::get("/api/whoami")
                .header(header::ACCEPT_LANGUAGE, "ja")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers().get(header::WWW_AUTHENTICATE).unwrap(),
        "Bearer"
    );
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"], "unauthorized");
    assert_eq!(json["message"], "ログインしてください。");
}

#[tokio::test]
async fn pages_speak_the_language_of_the_request() {
    let app = app().await;
    let en = app
        .send(
            Request::get("/login")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,ja;q=0.5")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(en.body.contains("Log in"));
    let ja = app
        .send(
            Request::get("/login")
                .header(header::ACCEPT_LANGUAGE, "fr, ja;q=0.8, en;q=0.3")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(ja.body.contains("<html lang=\"ja\">"));
    assert!(ja.body.contains("ログイン"));
    // No preference at all: Japanese.
    assert!(
        app.get("/login", None)
            .await
            .body
            .contains("<html lang=\"ja\">")
    );
    // The cookie beats the header, and ?lang= beats both.
    let switch = app.get("/lang/en?next=/login", None).await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), Some("/login"));
    let chosen = switch.cookie("tsumiki_lang").unwrap();
    let cookie = format!("tsumiki_lang={chosen}");
    let by_cookie = app
        .send(
            Request::get("/login")
                .header(header::ACCEPT_LANGUAGE, "ja")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(by_cookie.body.contains("<html lang=\"en\">"));
    let by_query = app.get("/login?lang=ja", Some(&cookie)).await;
    assert!(by_query.body.contains("<html lang=\"ja\">"));
    // The switch does not redirect off-site.
    assert_eq!(
        app.get("/lang/ja?next=//evil.example", None)
            .await
            .location(),
        Some("/")
    );
    assert_eq!(
        app.get("/lang/fr", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn error_pages_are_html_in_the_request_language() {
    let app = app().await;
    let (_, viewer) = app.logged_in("viewer@example.ac.jp", Role::Viewer).await;
    let forbidden = app
        .send(
            Request::get("/admin/users")
                .header(header::COOKIE, &viewer.cookie)
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(forbidden.body.contains("<html lang=\"en\">"));
    assert!(
        forbidden
            .body
            .contains("Your role does not allow this action")
    );
}

#[tokio::test]
async fn back_office_pages_cannot_be_framed_or_run_scripts() {
    let app = app().await;
    let login = app.get("/login", None).await;
    let csp = login.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'none'"), "{csp}");
    assert_eq!(login.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(login.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Error pages (rendered after the handler) carry them too.
    let (_, viewer) = app.logged_in("viewer@example.ac.jp", Role::Viewer).await;
    let forbidden = app.get("/admin/users", Some(&viewer.cookie)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(forbidden.headers[header::X_FRAME_OPTIONS], "DENY");
}

#[tokio::test]
async fn anonymous_visitors_reach_exactly_the_public_surface() {
    let app = app().await;
    // Public pages answer (or say "not found") without asking anyone to log in.
    for (path, expected) in [
        ("/api/openapi.json", StatusCode::OK),
        ("/verify", StatusCode::OK),
        ("/login", StatusCode::OK),
        (
            "/c/00000000-0000-4000-8000-000000000000",
            StatusCode::NOT_FOUND,
        ),
        (
            "/status/00000000-0000-4000-8000-000000000000",
            StatusCode::NOT_FOUND,
        ),
        ("/issuers/nobody", StatusCode::NOT_FOUND),
        ("/issuers/nobody/did.json", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(app.get(path, None).await.status, expected, "{path}");
    }
    // The issuing API wants a bearer token and says so in JSON, without redirecting.
    let issue = app
        .send(
            Request::post("/credentials/issue")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(issue.status, StatusCode::UNAUTHORIZED, "{}", issue.body);
    assert!(issue.location().is_none());
    // A session cookie is not an API credential: a logged-in browser cannot be tricked into
    // issuing through the API.
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let with_cookie = app
        .send(
            Request::post("/credentials/issue")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, &admin.cookie)
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(with_cookie.status, StatusCode::UNAUTHORIZED);
    for path in ["/api/credentials/urn:uuid:x/revoke", "/credentials/status"] {
        let response = app
            .send(
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from("{}"))
                    .unwrap(),
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn unknown_paths_get_a_bilingual_404() {
    let app = app().await;
    let page = app.get("/no/such/page", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.body.contains("このページは存在しません。"),
        "{}",
        page.body
    );
    let english = app.get("/no/such/page?lang=en", None).await;
    assert!(english.body.contains("This page does not exist."));
    let api = app.get("/api/no-such-endpoint", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"], "not_found");
}

#[tokio::test]
async fn changing_the_password_logs_out_every_other_session() {
    let app = app().await;
    let (user, here) = app
        .logged_in("staff@example.ac.jp", Role::IssuerStaff)
        .await;
    let elsewhere = app.browser_for(&user).await;
    assert_eq!(
        app.get("/account/password", Some(&here.cookie))
            .await
            .status,
        StatusCode::OK
    );

    let wrong = app
        .submit(
            &here,
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("password", "a brand new secret"),
                ("password_confirm", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let mismatch = app
        .submit(
            &here,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "a brand new secret"),
                ("password_confirm", "a different secret"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::BAD_REQUEST);

    let changed = app
        .submit(
            &here,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "a brand new secret"),
                ("password_confirm", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let fresh = changed.cookie("tsumiki_session").unwrap();
    assert_eq!(
        app.get("/", Some(&format!("tsumiki_session={fresh}")))
            .await
            .status,
        StatusCode::OK
    );
    for old in [&here.cookie, &elsewhere.cookie] {
        assert_eq!(app.get("/", Some(old)).await.status, StatusCode::SEE_OTHER);
    }
    let stored = app.state.store.user(&user.id).await.unwrap();
    assert!(
        tsumiki_web::auth::password::verify_password(
            "a brand new secret".into(),
            Some(stored.password_hash)
        )
        .await
        .unwrap()
    );
}

#[tokio::test]
async fn repeated_failed_logins_lock_the_account_name_for_a_while() {
    let app = app().await;
    app.user("target@example.ac.jp", Role::Admin).await;
    app.user("bystander@example.ac.jp", Role::Viewer).await;
    let pre = app
        .get("/login", None)
        .await
        .cookie("tsumiki_csrf")
        .unwrap();
    let cookie = format!("tsumiki_csrf={pre}");
    let attempt = |email: &'static str, password: &'static str| {
        let cookie = cookie.clone();
        let pre = pre.clone();
        let app = &app;
        async move {
            app.post_form(
                "/login",
                Some(&cookie),
                &[
                    ("csrf_token", &pre),
                    ("email", email),
                    ("password", password),
                ],
            )
            .await
        }
    };
    for _ in 0..tsumiki_web::auth::throttle::MAX_FAILURES {
        assert_eq!(
            attempt("target@example.ac.jp", "guess guess guess")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Now even the right password is refused, without a session.
    let locked = attempt("TARGET@example.ac.jp", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.cookie("tsumiki_session").is_none());
    // Other accounts are unaffected, and unknown names lock the same way (no enumeration).
    assert_eq!(
        attempt("bystander@example.ac.jp", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    for _ in 0..tsumiki_web::auth::throttle::MAX_FAILURES {
        attempt("ghost@example.ac.jp", "guess guess guess").await;
    }
    assert_eq!(
        attempt("ghost@example.ac.jp", "x").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}
