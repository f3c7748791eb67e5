//! What `tsumiki serve` is told on the command line and in the environment. The CLI fills
//! this in (it owns the environment); the library only interprets it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use tsumiki_store::{MasterKey, Store};

use crate::serve::ServeError;

/// Settings for [`crate::serve`].
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on; port 0 picks a free port (the printed URL shows which).
    pub listen: SocketAddr,
    /// Directory for the SQLite database and the master key file; created on first run.
    pub data_dir: PathBuf,
    /// PEM certificate chain and private key: serve HTTPS directly.
    pub tls: Option<TlsFiles>,
    /// Public origin (behind a proxy, or a real host name); default: derived from `listen`.
    pub base_url: Option<String>,
    /// `DATABASE_URL`: `postgres://…` switches to PostgreSQL; default SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// `TSUMIKI_MASTER_KEY` (64 hex digits or base64 of 32 bytes); default: the key file.
    pub master_key: Option<String>,
    /// Language of the console messages (the URL and set-up link lines).
    pub lang: tsumiki_i18n::Lang,
    /// `--demo`: seed a sample school with credentials when the store has no issuer yet
    /// (see [`crate::demo`]).
    pub demo: bool,
}

/// Certificate and key files for HTTPS.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// PEM certificate chain.
    pub cert: PathBuf,
    /// PEM private key.
    pub key: PathBuf,
}

impl ServeConfig {
    /// Defaults of `tsumiki serve` with no options: 127.0.0.1:8080, `./tsumiki-data`.
    pub fn new(listen: SocketAddr, data_dir: PathBuf) -> ServeConfig {
        ServeConfig {
            listen,
            data_dir,
            tls: None,
            base_url: None,
            database_url: None,
            master_key: None,
            lang: tsumiki_i18n::Lang::En,
            demo: false,
        }
    }

    /// The database to open: the configured URL, else SQLite in the data directory
    /// (`mode=rwc` creates the file on first run).
    pub fn database_url(&self) -> String {
        database_url(&self.data_dir, self.database_url.as_deref())
    }

    /// Where the SQLite database lives by default.
    pub fn sqlite_path(&self) -> PathBuf {
        sqlite_path(&self.data_dir)
    }

    /// Where the master key file lives when `TSUMIKI_MASTER_KEY` is not set.
    pub fn master_key_path(&self) -> PathBuf {
        master_key_path(&self.data_dir)
    }

    /// The public origin: the configured base URL without trailing `/`, else the scheme and
    /// the address actually bound (so port 0 shows the real port). A wildcard address
    /// (`0.0.0.0`, `::`) is shown as `localhost`: it is not an address a browser can use.
    pub fn base_url_for(&self, bound: SocketAddr) -> String {
        match &self.base_url {
            Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
            _ => {
                let scheme = if self.tls.is_some() { "https" } else { "http" };
                if bound.ip().is_unspecified() {
                    format!("{scheme}://localhost:{}", bound.port())
                } else {
                    format!("{scheme}://{bound}")
                }
            }
        }
    }
}

/// The database to open for a data directory: `configured` (DATABASE_URL) when set, else
/// SQLite in the directory. Shared by `tsumiki serve` and the offline commands (`tsumiki
/// import`) so both always open the same database.
pub fn database_url(data_dir: &Path, configured: Option<&str>) -> String {
    match configured {
        Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => format!("sqlite://{}?mode=rwc", sqlite_path(data_dir).display()),
    }
}

/// Where the SQLite database lives by default.
pub fn sqlite_path(data_dir: &Path) -> PathBuf {
    data_dir.join("tsumiki.db")
}

/// Where the master key file lives when `TSUMIKI_MASTER_KEY` is not set.
pub fn master_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("master.key")
}

/// Creates the data directory, loads the master key (`configured_key`, i.e.
/// `TSUMIKI_MASTER_KEY`, else the key file, created on first use) and opens and migrates the
/// database. Everything that touches the data outside a running server goes through here, so
/// a command can never seal keys with a different master key than the server uses.
pub async fn open_data(
    data_dir: &Path,
    configured_database: Option<&str>,
    configured_key: Option<&str>,
) -> Result<(Store, MasterKey), ServeError> {
    std::fs::create_dir_all(data_dir).map_err(|source| ServeError::DataDir {
        path: data_dir.to_path_buf(),
        source,
    })?;
    let master_key = match configured_key {
        Some(text) if !text.trim().is_empty() => {
            MasterKey::from_text(text).map_err(ServeError::MasterKey)?
        }
        _ => MasterKey::load_or_create(&master_key_path(data_dir))?,
    };
    let store = Store::open(&database_url(data_dir, configured_database)).await?;
    Ok((store, master_key))
}
