//! `tsumiki issue`: sign a credential with a key file and print it.

use std::process::ExitCode;

use chrono::{SecondsFormat, Utc};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::di::{self, ProofOptions};
use tsumiki_vc::jwt::{self, JwtKeyHeader};

use crate::cli::{IssueArgs, ProofFormat};
use crate::commands::keys::load_key;
use crate::error::CliError;
use crate::input::{DEFAULT_MAX_INPUT, read_json};

pub fn run(args: IssueArgs) -> Result<ExitCode, CliError> {
    let key = load_key(&args.key)?;
    let credential = read_json(&args.input, DEFAULT_MAX_INPUT)?;
    match args.format {
        ProofFormat::Di => {
            let created = args
                .created
                .unwrap_or_else(|| Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true));
            let options = ProofOptions::new(created, key.verification_method.clone());
            let ld = JsonLdProcessor::bundled();
            let signed = di::sign_owned(credential, &key.key, &options, &ld).map_err(|err| {
                CliError::input(
                    format!("cannot sign the credential: {err}"),
                    format!("資格情報に署名できません: {err}"),
                )
            })?;
            let text = serde_json::to_string_pretty(&signed).map_err(|err| {
                CliError::input(
                    format!("cannot print: {err}"),
                    format!("出力できません: {err}"),
                )
            })?;
            println!("{text}");
        }
        ProofFormat::Jwt => {
            if args.created.is_some() {
                return Err(CliError::input(
                    "--created applies to Data Integrity proofs; a VC-JWT takes its times from validFrom/validUntil",
                    "--created は Data Integrity 証明にのみ使えます。VC-JWT の時刻は validFrom/validUntil から取られます",
                ));
            }
            let header = JwtKeyHeader::Kid(key.verification_method.clone());
            let token = jwt::issue(&credential, &key.key, header).map_err(|err| {
                CliError::input(
                    format!("cannot sign the credential as a VC-JWT: {err}"),
                    format!("VC-JWT として署名できません: {err}"),
                )
            })?;
            println!("{token}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
