//! HTTPS without a proxy: rustls (ring provider: builds without system OpenSSL or cmake)
//! with the PEM certificate chain and key given on the command line.

use std::time::Duration;

use axum::Router;
use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;

use crate::config::TlsFiles;
use crate::serve::{ServeError, shutdown_signal};

/// How long in-flight requests may take to finish after a shutdown signal.
const GRACE: Duration = Duration::from_secs(10);

/// Serves `app` over TLS on `listener` until SIGINT/SIGTERM.
pub async fn run(
    listener: std::net::TcpListener,
    app: Router,
    tls: &TlsFiles,
) -> Result<(), ServeError> {
    // Several providers may be compiled in through other crates; pick ring explicitly. An
    // error only means a provider was installed already, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = RustlsConfig::from_pem_file(&tls.cert, &tls.key)
        .await
        .map_err(|error| {
            ServeError::Tls(format!(
                "{} / {}: {error}",
                tls.cert.display(),
                tls.key.display()
            ))
        })?;
    let handle = Handle::new();
    let signal_handle = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        signal_handle.graceful_shutdown(Some(GRACE));
    });
    axum_server::from_tcp_rustls(listener, config)
        .map_err(ServeError::Runtime)?
        .handle(handle)
        .serve(app.into_make_service())
        .await
        .map_err(ServeError::Runtime)
}
