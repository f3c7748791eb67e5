//! Starting the server: data directory, master key, database, listener, graceful shutdown.

use std::io;
use std::path::PathBuf;

use tsumiki_i18n::Arg;
use tsumiki_store::Role;

use crate::{AppState, ServeConfig};

/// Why the server could not start (or stopped with an error).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The data directory could not be created.
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// `TSUMIKI_MASTER_KEY` is not a valid key.
    #[error("TSUMIKI_MASTER_KEY: {0}")]
    MasterKey(#[source] tsumiki_store::SealError),
    /// Opening or migrating the database, or reading the key file, failed.
    #[error(transparent)]
    Store(#[from] tsumiki_store::StoreError),
    /// The listen address is taken or not allowed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: std::net::SocketAddr,
        /// The operating system's error.
        source: io::Error,
    },
    /// The TLS certificate or key could not be loaded.
    #[error("TLS certificate or key: {0}")]
    Tls(String),
    /// The server failed while running.
    #[error("server error: {0}")]
    Runtime(#[source] io::Error),
    /// `--demo` could not seed its sample data.
    #[error("demo data: {0}")]
    Demo(String),
}

/// Everything [`serve`] prepares before it starts accepting connections; tests use it to
/// start the real application without the process-level parts.
pub struct Prepared {
    /// The application state.
    pub state: AppState,
    /// The bound listener (already listening, so the port is known).
    pub listener: std::net::TcpListener,
    /// The public origin.
    pub base_url: String,
    /// The one-time set-up link, when no administrator exists yet.
    pub setup_url: Option<String>,
    /// What `--demo` seeded (or found), when it was asked for.
    pub demo: Option<crate::demo::DemoSummary>,
}

/// Creates the data directory, loads (or creates) the master key, opens and migrates the
/// database, binds the listener, and makes a set-up token if there is no administrator.
pub async fn prepare(config: &ServeConfig) -> Result<Prepared, ServeError> {
    let (store, master_key) = crate::config::open_data(
        &config.data_dir,
        config.database_url.as_deref(),
        config.master_key.as_deref(),
    )
    .await?;
    let listener =
        std::net::TcpListener::bind(config.listen).map_err(|source| ServeError::Bind {
            addr: config.listen,
            source,
        })?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    let bound = listener.local_addr().map_err(ServeError::Runtime)?;
    let base_url = config.base_url_for(bound);
    let state = AppState::new(store, master_key, &base_url)
        .with_secure_cookies(config.tls.is_some() || base_url.starts_with("https://"));
    let has_admin = state
        .store
        .users()
        .await?
        .iter()
        .any(|user| user.role == Role::Admin);
    let setup_url = (!has_admin).then(|| format!("{base_url}/setup/{}", state.new_setup_token()));
    // Bulk-import uploads are kept beside the database, so a crashed run can be resumed.
    crate::bulk::spool::set_dir(config.data_dir.join("imports"));
    let demo = if config.demo {
        Some(
            crate::demo::seed(&state)
                .await
                .map_err(|error| ServeError::Demo(error.to_string()))?,
        )
    } else {
        None
    };
    Ok(Prepared {
        state,
        listener,
        base_url,
        setup_url,
        demo,
    })
}

/// Runs `tsumiki serve` until SIGINT or SIGTERM; in-flight requests finish first.
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    let lang = config.lang;
    let prepared = prepare(&config).await?;
    println!(
        "{}",
        tsumiki_i18n::t(
            lang,
            "web-serve-listening",
            &[("url", Arg::from(&prepared.base_url))]
        )
    );
    if let Some(setup_url) = &prepared.setup_url {
        println!(
            "{}",
            tsumiki_i18n::t(
                lang,
                "web-serve-setup-link",
                &[("url", Arg::from(setup_url))]
            )
        );
    }
    if let Some(demo) = &prepared.demo {
        print_demo(lang, demo);
        print_demo_programme(lang, &prepared.state).await;
    }
    let app = crate::router(prepared.state.clone());
    tokio::spawn(sweep_expired_sessions(prepared.state.clone()));
    // Sends the outbox (360° invitations and reminders) when TSUMIKI_SMTP_URL is set.
    if let Err(error) = crate::mail::spawn_from_env(prepared.state.store.clone()) {
        eprintln!("tsumiki-web: mail: {error}");
    }
    let resumed = prepared.state.clone();
    tokio::spawn(async move { crate::bulk::background::resume_interrupted(&resumed).await });
    match &config.tls {
        None => {
            let listener = tokio::net::TcpListener::from_std(prepared.listener)
                .map_err(ServeError::Runtime)?;
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown_signal())
                .await
                .map_err(ServeError::Runtime)?;
        }
        Some(tls) => crate::serve_tls::run(prepared.listener, app, tls).await?,
    }
    prepared.state.store.close().await;
    println!("{}", tsumiki_i18n::t(lang, "web-serve-stopped", &[]));
    Ok(())
}

/// The demo's public credential pages, after the set-up link.
fn print_demo(lang: tsumiki_i18n::Lang, demo: &crate::demo::DemoSummary) {
    if demo.issuer_slug.is_none() {
        println!("{}", tsumiki_i18n::t(lang, "bulk-demo-skipped", &[]));
        return;
    }
    println!("{}", tsumiki_i18n::t(lang, "bulk-demo-credentials", &[]));
    for url in &demo.credential_urls {
        println!("  {url}");
    }
}

/// The demo cohort's dashboard and overview, after the credentials (nothing when the demo
/// was skipped). A failed look-up is only reported: the server still starts.
async fn print_demo_programme(lang: tsumiki_i18n::Lang, state: &AppState) {
    match crate::demo::programme::demo_cohort_urls(state).await {
        Ok(urls) if urls.is_empty() => {}
        Ok(urls) => {
            println!("{}", tsumiki_i18n::t(lang, "demo-programme-links", &[]));
            for url in &urls {
                println!("  {url}");
            }
        }
        Err(error) => eprintln!("tsumiki-web: demo: {error}"),
    }
}

/// Deletes expired sessions once an hour, so the table does not grow with every login.
/// Failures are logged and retried at the next tick; they never stop the server.
async fn sweep_expired_sessions(state: AppState) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        ticks.tick().await;
        if let Err(error) = state
            .store
            .delete_expired_sessions(chrono::Utc::now())
            .await
        {
            eprintln!("tsumiki-web: deleting expired sessions: {error}");
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (what service managers and `docker stop` send).
pub async fn shutdown_signal() {
    let interrupt = async {
        // If the handler cannot be installed, never resolve: the other signal still works.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
