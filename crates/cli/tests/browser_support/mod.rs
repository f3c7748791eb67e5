//! What every browser test needs: the real `tsumiki serve` binary on a free port, chromedriver
//! with the Chromium it starts (both killed when dropped, even when a test fails), a browser
//! session per person with numbered screenshots, and waits that poll the page instead of
//! sleeping a fixed time.
//!
//! Needs `chromium` and `chromedriver` on PATH (Debian: `chromium`, `chromium-driver`, plus
//! `fonts-noto-cjk` so the Japanese screenshots are legible). Without them [`tools`] prints a
//! notice and the test passes, unless `TSUMIKI_BROWSER=required` (CI), where it fails.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod impact_data;

use std::io::{BufRead as _, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long a page or process may take to appear before the test fails (a bound on waiting,
/// not an assertion about speed).
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A child process killed (and reaped) when dropped, so a failing test leaves no server
/// behind.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser and driver, or `None` after saying why the test is skipped. Fails instead when
/// `TSUMIKI_BROWSER=required`, so CI cannot pass without having run it.
pub fn tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = on_path(&["chromium", "chromium-browser"]);
    let driver = on_path(&["chromedriver"]);
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        (chromium, driver) => {
            let missing = [
                ("chromium", chromium.is_none()),
                ("chromedriver", driver.is_none()),
            ]
            .iter()
            .filter(|(_, missing)| *missing)
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(" and ");
            if std::env::var("TSUMIKI_BROWSER").as_deref() == Ok("required") {
                panic!("TSUMIKI_BROWSER=required but {missing} not found on PATH");
            }
            println!(
                "skipped: {missing} not found on PATH (apt-get install chromium chromium-driver \
                 fonts-noto-cjk; TSUMIKI_BROWSER=required makes this a failure)"
            );
            None
        }
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where screenshots go: `$TSUMIKI_ARTIFACTS_DIR/<name>` (default
/// `target/test-artifacts/browser/<name>`), created.
pub fn artifacts_dir(name: &str) -> PathBuf {
    let base = std::env::var_os("TSUMIKI_ARTIFACTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts/browser")
        });
    let dir = base.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The first `http://…` URL in a line, without the Unicode isolation marks Fluent puts around
/// placeables.
pub fn url_in(line: &str) -> Option<String> {
    let start = line.find("http://")?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '\u{2068}' && *c != '\u{2069}')
        .collect();
    Some(url)
}

/// Starts `tsumiki serve` on a free port with `data` as its data directory and returns it
/// with the first printed URL that `wanted` accepts.
fn start_server_until(data: &Path, wanted: impl Fn(&str) -> bool) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tsumiki"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .env_remove("DATABASE_URL")
        .env_remove("TSUMIKI_MASTER_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Running(child);
    let (lines, received) = mpsc::channel();
    // Keeps draining stdout for the server's whole life, so it never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("[tsumiki serve] {line}");
            if lines.send(line).is_err() {
                // Nobody listens any more; keep draining.
            }
        }
    });
    let deadline = Instant::now() + PATIENCE;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = received.recv_timeout(left) else {
            break;
        };
        if let Some(url) = url_in(&line).filter(|url| wanted(url)) {
            return (server, url);
        }
    }
    panic!(
        "tsumiki serve stopped, or printed no matching URL within {PATIENCE:?} (see its stderr above)"
    );
}

/// Starts `tsumiki serve` on a fresh data directory and returns it with its base URL and the
/// one-time set-up link it printed.
pub fn start_server(data: &Path) -> (Running, String, String) {
    let (server, setup) = start_server_until(data, |url| url.contains("/setup/"));
    let base = setup[..setup.find("/setup/").unwrap()].to_owned();
    (server, base, setup)
}

/// Starts `tsumiki serve` on a data directory the test prepared, and returns it with its base
/// URL (the "listening on" line; a set-up link, if any, is ignored).
pub fn start_prepared_server(data: &Path) -> (Running, String) {
    start_server_until(data, |url| !url.contains("/setup/"))
}

/// chromedriver and every browser it started, in a process group of their own: killing only
/// the driver would leave Chromium running when a test fails before closing its session.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start_driver(driver: &Path, port: u16) -> Driver {
    use std::os::unix::process::CommandExt as _;
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = Driver(child);
    let deadline = Instant::now() + PATIENCE;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    running
}

/// A new headless Chromium session (its own profile, so its own cookies) preferring `lang`.
pub async fn browser(chromium: &Path, driver_port: u16, lang: &str) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1600",
                format!("--lang={lang}"),
            ],
            "prefs": {"intl.accept_languages": lang},
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .unwrap()
}

/// What a `fetch` from inside the page returned.
#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// One browser session with its screenshot counter.
pub struct Session {
    pub client: Client,
    pub base: String,
    pub shots: PathBuf,
    pub step: u32,
}

impl Session {
    pub fn new(client: Client, base: &str, shots: PathBuf) -> Session {
        Session {
            client,
            base: base.to_owned(),
            shots,
            step: 0,
        }
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    pub async fn shot(&mut self, name: &str) {
        self.step += 1;
        let png = self.client.screenshot().await.unwrap();
        let file = self.shots.join(format!("{:02}-{name}.png", self.step));
        std::fs::write(&file, png).unwrap();
        println!("screenshot: {}", file.display());
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("{css}: {error}"))
            .click()
            .await
            .unwrap();
    }

    /// The visible text of the page; empty while a navigation replaces the page (the body
    /// found a moment ago may already be gone: a stale element).
    pub async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page shows `needle` (after a navigation the new page may still be
    /// loading); fails with the page's text after [`PATIENCE`].
    pub async fn expect_text(&self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text().await;
            if text.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "page {} never showed {needle:?}; it shows:\n{text}",
                self.client.current_url().await.unwrap()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    pub async fn wait_for_path(&self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let path = self.path().await;
            if path.starts_with(prefix) {
                return path;
            }
            assert!(
                Instant::now() < deadline,
                "never reached {prefix}; at {path}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until the URL's query string contains `needle` (a GET form was submitted).
    pub async fn wait_for_query(&self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let url = self.client.current_url().await.unwrap();
            if url.query().is_some_and(|query| query.contains(needle)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never reached ?{needle}; at {url}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Chooses the option of `select_css` whose label contains `label`.
    pub async fn choose(&self, select_css: &str, label: &str) {
        let select = self.client.find(Locator::Css(select_css)).await.unwrap();
        for option in select.find_all(Locator::Css("option")).await.unwrap() {
            if option.text().await.unwrap().contains(label) {
                option.click().await.unwrap();
                return;
            }
        }
        panic!("no option containing {label:?} in {select_css}");
    }

    /// How many elements match `css` on the page as it is now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|found| found.len())
            .unwrap_or(0)
    }

    /// The texts of every element matching `css` (hidden ones included, e.g. SVG `<title>`,
    /// which WebDriver's visible text leaves out).
    pub async fn texts_of(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await.unwrap() {
            let text = element
                .prop("textContent")
                .await
                .unwrap()
                .unwrap_or_default();
            texts.push(text);
        }
        texts
    }

    /// The `href` of the first element matching `css`, resolved against the page.
    pub async fn href(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("{css}: {error}"))
            .prop("href")
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{css} has no href"))
    }

    /// Fetches `url` from inside the page, with the session's cookies, without navigating:
    /// a download (CSV) or an error status is then visible to the test.
    pub async fn fetch(&self, url: &str) -> Fetched {
        let value = self
            .client
            .execute_async(
                "const [url, done] = arguments; \
                 fetch(url, {credentials: 'same-origin'}) \
                   .then(r => r.text().then(t => done([r.status, r.headers.get('content-type') || '', t]))) \
                   .catch(e => done([0, '', String(e)]));",
                vec![json!(url)],
            )
            .await
            .unwrap();
        Fetched {
            status: u16::try_from(value[0].as_u64().unwrap()).unwrap(),
            content_type: value[1].as_str().unwrap().to_owned(),
            body: value[2].as_str().unwrap().to_owned(),
        }
    }
}
