//! Shared by the W1 test files: a real router over a temporary SQLite store, and small
//! helpers to send requests and read responses.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use tempfile::TempDir;
use tower::ServiceExt as _;
use tsumiki_store::{MasterKey, NewUser, Role, Store, User};
use tsumiki_web::AppState;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub dir: TempDir,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    /// The value of cookie `name` set by this response (`Some("")` when it is cleared).
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.split(';')
                    .next()
                    .and_then(|pair| pair.split_once('='))
                    .filter(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_owned())
            })
    }

    /// The whole `Set-Cookie` header for cookie `name`.
    pub fn set_cookie_header(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// The value of the first hidden `csrf_token` field in the page.
    pub fn csrf_field(&self) -> Option<String> {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_owned())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A logged-in browser: its cookie header and the session's CSRF token.
#[derive(Clone)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

pub async fn app() -> TestApp {
    app_at("http://127.0.0.1:8080").await
}

pub async fn app_at(base_url: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let store = Store::open(&url).await.unwrap();
    let state = AppState::new(store, MasterKey::generate(), base_url);
    let router = tsumiki_web::router(state.clone());
    TestApp { state, router, dir }
}

fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> Resp {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Resp {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Resp {
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(form_body(fields))).unwrap())
            .await
    }

    /// POST as `browser`, with its CSRF token added to the fields.
    pub async fn submit(&self, browser: &Browser, path: &str, fields: &[(&str, &str)]) -> Resp {
        let mut all = vec![("csrf_token", browser.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_form(path, Some(&browser.cookie), &all).await
    }

    pub async fn user(&self, email: &str, role: Role) -> User {
        let password_hash = tsumiki_web::auth::password::hash_password(PASSWORD.to_owned())
            .await
            .unwrap();
        self.state
            .store
            .create_user(NewUser {
                email: email.to_owned(),
                display_name: format!("Test {}", role.as_str()),
                password_hash,
                role,
            })
            .await
            .unwrap()
    }

    /// A session for `user` without going through the login form (argon2 is slow in debug).
    pub async fn browser_for(&self, user: &User) -> Browser {
        let set_cookie = tsumiki_web::auth::session::start(&self.state, &user.id)
            .await
            .unwrap();
        let token = set_cookie
            .split(';')
            .next()
            .and_then(|pair| pair.split_once('='))
            .map(|(_, value)| value.to_owned())
            .unwrap();
        let hash = tsumiki_web::auth::tokens::token_hash(&token);
        let (session, _) = self
            .state
            .store
            .session(&hash, chrono::Utc::now())
            .await
            .unwrap()
            .unwrap();
        Browser {
            cookie: format!("tsumiki_session={token}"),
            csrf: session.csrf_token,
        }
    }

    pub async fn logged_in(&self, email: &str, role: Role) -> (User, Browser) {
        let user = self.user(email, role).await;
        let browser = self.browser_for(&user).await;
        (user, browser)
    }
}
