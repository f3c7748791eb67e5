//! `tsumiki serve`: reads the environment (the library does not), then hands over to
//! `tsumiki_web::serve` on a multi-threaded runtime.

use std::process::ExitCode;

use tsumiki_i18n::Lang;
use tsumiki_web::ServeConfig;
use tsumiki_web::config::TlsFiles;

use crate::cli::ServeArgs;
use crate::error::CliError;

/// The locale in LC_ALL / LC_MESSAGES / LANG decides the console language; English otherwise.
fn console_language() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if locale.starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

pub fn run(args: ServeArgs) -> Result<ExitCode, CliError> {
    let mut config = ServeConfig::new(args.listen, args.data);
    config.tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
        _ => None,
    };
    config.base_url = args.base_url;
    config.database_url = non_empty_env("DATABASE_URL");
    config.master_key = non_empty_env("TSUMIKI_MASTER_KEY");
    config.lang = console_language();
    config.demo = args.demo;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            CliError::input(
                format!("cannot start the async runtime: {error}"),
                format!("非同期ランタイムを起動できません: {error}"),
            )
        })?;
    runtime
        .block_on(tsumiki_web::serve(config))
        .map(|()| ExitCode::SUCCESS)
        .map_err(|error| {
            CliError::input(
                format!("tsumiki serve: {error}"),
                format!("tsumiki serve を実行できません: {error}"),
            )
        })
}
