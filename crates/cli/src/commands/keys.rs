//! `tsumiki keys`: generate a key file, print the public part of one.

use std::fs::OpenOptions;
use std::io::Write;
use std::process::ExitCode;

use rand_core::OsRng;
use serde_json::json;
use tsumiki_vc::did::did_key;
use tsumiki_vc::keys::{IssuerKey, KeyFile, KeyPair};

use crate::cli::{KeyAlgorithm, KeysCommand, KeysNewArgs, KeysShowArgs, PublicForm};
use crate::error::CliError;
use crate::input::read_text;

/// A key file is tiny; anything larger is not one.
const MAX_KEY_FILE: u64 = 64 * 1024;

pub fn run(command: KeysCommand) -> Result<ExitCode, CliError> {
    match command {
        KeysCommand::New(args) => new(args),
        KeysCommand::Show(args) => show(args),
    }
}

fn new(args: KeysNewArgs) -> Result<ExitCode, CliError> {
    let pair = match args.alg {
        KeyAlgorithm::Ed25519 => KeyPair::generate_ed25519(&mut OsRng),
        KeyAlgorithm::P256 => KeyPair::generate_p256(&mut OsRng),
    };
    let file = KeyFile::new(&pair, None, args.controller.clone());
    let issuer_key = file.clone().into_issuer_key().map_err(key_error)?;
    // Write the verification method and controller explicitly, so the file says what it is.
    let file = KeyFile::new(
        &pair,
        Some(issuer_key.verification_method.clone()),
        Some(issuer_key.controller.clone()),
    );
    write_private(&args.out, &file.to_json())?;
    if let Some(form) = args.print {
        print_public(&issuer_key, form)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show(args: KeysShowArgs) -> Result<ExitCode, CliError> {
    let issuer_key = load_key(&args.key)?;
    print_public(&issuer_key, args.print)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads and checks a key file.
pub fn load_key(path: &str) -> Result<IssuerKey, CliError> {
    let text = read_text(path, MAX_KEY_FILE)?;
    KeyFile::from_json(&text).map_err(|err| {
        CliError::input(
            format!("{path} is not a usable key file: {err}"),
            format!("{path} は使用できる鍵ファイルではありません: {err}"),
        )
    })
}

fn print_public(key: &IssuerKey, form: PublicForm) -> Result<(), CliError> {
    let public = key.key.public_key();
    match form {
        PublicForm::DidKey => println!("{}", did_key(&public).map_err(key_error)?),
        PublicForm::Multikey => {
            let multikey = json!({
                "@context": "https://w3id.org/security/multikey/v1",
                "id": key.verification_method,
                "type": "Multikey",
                "controller": key.controller,
                "publicKeyMultibase": key.key.public_multibase(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&multikey).unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// Creates the file with mode 0600 from the start (never world-readable, even briefly) and
/// refuses to overwrite an existing key.
fn write_private(path: &str, contents: &str) -> Result<(), CliError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(path).and_then(|mut file| {
        file.write_all(contents.as_bytes())
            .and_then(|()| file.sync_all())
    });
    written.map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::input(
                format!("{path} already exists; refusing to overwrite a key"),
                format!("{path} は既に存在します。鍵を上書きしません"),
            )
        } else {
            CliError::input(
                format!("cannot write {path}: {err}"),
                format!("{path} に書き込めません: {err}"),
            )
        }
    })
}

fn key_error(err: impl std::fmt::Display) -> CliError {
    CliError::input(format!("key error: {err}"), format!("鍵のエラー: {err}"))
}
