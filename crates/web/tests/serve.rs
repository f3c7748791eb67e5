//! Starting the server: first-run preparation (data directory, master key file, database,
//! set-up link), and the real `tsumiki serve` binary answering on a free port.
#![allow(clippy::unwrap_used, clippy::panic)]

mod web_support;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tsumiki_store::{NewUser, Role};
use tsumiki_web::ServeConfig;
use tsumiki_web::issuer_keys::{IssuerRequest, issuer_key, new_issuer};
use tsumiki_web::serve::{ServeError, prepare};

fn config(data: &Path) -> ServeConfig {
    ServeConfig::new("127.0.0.1:0".parse().unwrap(), data.to_owned())
}

#[tokio::test]
async fn first_run_creates_the_data_directory_key_database_and_a_setup_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("tsumiki-data");
    let prepared = prepare(&config(&data)).await.unwrap();

    assert!(data.join("tsumiki.db").is_file());
    let key_file = data.join("master.key");
    assert!(key_file.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "master key file must be owner-only");
    }
    let port = prepared.listener.local_addr().unwrap().port();
    assert_ne!(port, 0);
    assert_eq!(prepared.base_url, format!("http://127.0.0.1:{port}"));
    let setup = prepared
        .setup_url
        .clone()
        .expect("no admin yet: a set-up link");
    let token = setup
        .strip_prefix(&format!("{}/setup/", prepared.base_url))
        .unwrap();
    assert!(token.len() >= 43, "{token}");

    // Seal an issuer key under this run's master key, then create the admin.
    let new = new_issuer(
        &prepared.base_url,
        IssuerRequest {
            slug: "eng".into(),
            name_ja: "工学部".into(),
            name_en: "Engineering".into(),
            url: "https://eng.example.ac.jp".into(),
            kind: tsumiki_store::IdentifierKind::DidWeb,
        },
    )
    .unwrap();
    let store = &prepared.state.store;
    store
        .create_issuer(new, &prepared.state.master_key)
        .await
        .unwrap();
    store
        .create_user(NewUser {
            email: "admin@example.ac.jp".into(),
            display_name: "Admin".into(),
            password_hash: "$argon2id$placeholder".into(),
            role: Role::Admin,
        })
        .await
        .unwrap();
    store.close().await;
    drop(prepared);

    // Second start: same key file (the sealed key still opens), no set-up link.
    let again = prepare(&config(&data)).await.unwrap();
    assert!(again.setup_url.is_none());
    let issuer = again.state.store.issuer_by_slug("eng").await.unwrap();
    assert!(issuer_key(&again.state, &issuer).is_ok());
}

#[tokio::test]
async fn the_master_key_can_come_from_the_environment_instead_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut with_key = config(dir.path());
    with_key.master_key = Some(format!("{}\n", "ab".repeat(32)));
    let prepared = prepare(&with_key).await.unwrap();
    assert!(
        !dir.path().join("master.key").exists(),
        "no file when the key is given"
    );
    assert_eq!(prepared.state.master_key.to_hex(), "ab".repeat(32));

    let mut bad = config(&dir.path().join("other"));
    bad.master_key = Some("too short".into());
    match prepare(&bad).await {
        Err(ServeError::MasterKey(_)) => {}
        other => panic!("expected a master key error, got {:?}", other.err()),
    }
}

#[tokio::test]
async fn the_base_url_is_configurable_and_decides_cookie_security() {
    let dir = tempfile::tempdir().unwrap();
    let mut configured = config(dir.path());
    configured.base_url = Some("https://badges.example.ac.jp/".into());
    let prepared = prepare(&configured).await.unwrap();
    assert_eq!(prepared.base_url, "https://badges.example.ac.jp");
    assert_eq!(prepared.state.base_url, "https://badges.example.ac.jp");
    assert!(prepared.state.secure_cookies());
    assert!(
        prepared
            .setup_url
            .unwrap()
            .starts_with("https://badges.example.ac.jp/setup/")
    );
}

#[tokio::test]
async fn a_taken_port_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let config = ServeConfig::new(taken.local_addr().unwrap(), dir.path().to_owned());
    match prepare(&config).await {
        Err(error @ ServeError::Bind { .. }) => {
            assert!(error.to_string().contains("cannot listen on"), "{error}")
        }
        other => panic!("expected a bind error, got {:?}", other.err()),
    }
}

/// The `tsumiki` binary of the same profile, built on demand (it belongs to the CLI crate,
/// so Cargo does not build it for this crate's tests).
fn tsumiki_binary() -> PathBuf {
    let profile_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_owned();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "-p", "tsumiki", "--bin", "tsumiki"]);
    if profile_dir
        .file_name()
        .is_some_and(|name| name == "release")
    {
        build.arg("--release");
    }
    let status = build.status().unwrap();
    assert!(status.success(), "building the tsumiki binary failed");
    let binary = profile_dir.join(format!("tsumiki{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{} missing", binary.display());
    binary
}

/// A minimal HTTP/1.1 GET (the test needs no HTTP client crate): status line and body.
fn http_get(url: &str) -> (u16, String, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_owned()), |(a, p)| (a, format!("/{p}")));
    let mut stream = TcpStream::connect(authority).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept-Language: ja\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap();
    (status, head.to_owned(), body.to_owned())
}

#[test]
fn the_real_binary_serves_the_home_page_and_the_setup_link() {
    let binary = tsumiki_binary();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut child = Command::new(binary)
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("DATABASE_URL")
        .env_remove("TSUMIKI_MASTER_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url_in = |line: &str| {
        line.split_whitespace()
            .find(|word| word.starts_with("http://"))
            .map(str::to_owned)
    };
    let listening = lines.next().expect("server printed nothing").unwrap();
    let base = url_in(&listening).unwrap_or_else(|| panic!("no URL in {listening:?}"));
    let setup_line = lines.next().expect("no set-up line").unwrap();
    let setup = url_in(&setup_line).unwrap_or_else(|| panic!("no link in {setup_line:?}"));
    assert!(setup.starts_with(&format!("{base}/setup/")), "{setup}");

    // The home page sends an anonymous visitor to the login page, which renders.
    let (status, head, _) = http_get(&format!("{base}/"));
    assert_eq!(status, 303, "{head}");
    assert!(
        head.to_ascii_lowercase().contains("location: /login"),
        "{head}"
    );
    let (status, _, body) = http_get(&format!("{base}/login"));
    assert_eq!(status, 200);
    assert!(
        body.contains("<html lang=\"ja\">") && body.contains("ログイン"),
        "{body}"
    );
    let (status, _, body) = http_get(&setup);
    assert_eq!(status, 200);
    assert!(body.contains("name=\"password_confirm\""));
    assert!(data.join("master.key").is_file() && data.join("tsumiki.db").is_file());

    // SIGTERM: a graceful stop, exit status 0.
    #[cfg(unix)]
    {
        let killed = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        assert!(rest.iter().any(|line| line.contains("stopped")), "{rest:?}");
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
