//! `tsumiki bench`: signing, verification and canonicalization rates on one core.
//!
//! Single-threaded on purpose: the figure is per core. The context cache is warmed by one
//! untimed run first, as a long-running server would be. Each operation runs in five timed
//! rounds of N/5 and the median round's rate is printed, so one stall of a shared machine
//! (another process, the hypervisor) does not halve the figure; every round does real work. "Verify" is the whole verifier a user
//! runs (parse, contexts, safe mode, structure, proof, dates, status, issuer), not the bare
//! signature check, and the run fails if any verification does not succeed.

use std::process::ExitCode;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use tsumiki_jsonld::{JsonLdProcessor, Options};
use tsumiki_rdf::{CanonLimits, HashAlgorithm, canonicalize};
use tsumiki_vc::di::{self, ProofOptions};
use tsumiki_vc::keys::KeyPair;
use tsumiki_vc::verify::{VerifyOptions, verify};

use crate::cli::BenchArgs;
use crate::error::CliError;
use crate::input::{DEFAULT_MAX_INPUT, read_json};

pub fn run(args: BenchArgs) -> Result<ExitCode, CliError> {
    let n = args.n.max(1);
    let mut document = read_json(&args.doc, DEFAULT_MAX_INPUT)?;
    let ld = JsonLdProcessor::bundled();
    // A fixed, public test key: the figures must not depend on randomness.
    let key = KeyPair::from_ed25519_seed(&[7; 32]);
    let did = format!("did:key:{}", key.public_multibase());
    set_issuer(&mut document, &did);
    let options = ProofOptions::new(
        "2025-01-01T00:00:00Z",
        format!("{did}#{}", key.public_multibase()),
    );
    let mut verify_options = VerifyOptions::new(
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    verify_options.allow_unchecked_status = true;

    let sign = |doc: &Value| di::sign(doc, &key, &options, &ld).map_err(bench_error);
    let signed_bytes = serde_json::to_vec(&sign(&document)?).map_err(bench_error)?;
    let warm = verify(&signed_bytes, &ld, &verify_options);
    if !warm.verified {
        let failed: Vec<String> = warm
            .checks
            .iter()
            .map(|c| format!("{}: {}", c.code, c.message.en))
            .collect();
        return Err(CliError::input(
            format!(
                "the benchmark document does not verify after signing: {}",
                failed.join("; ")
            ),
            "署名した文書が検証に通りません。ベンチマークを中止します",
        ));
    }

    let sign_rate = median_rate(n, || {
        std::hint::black_box(sign(std::hint::black_box(&document))?);
        Ok(())
    })?;
    let verify_rate = median_rate(n, || {
        let report = verify(std::hint::black_box(&signed_bytes), &ld, &verify_options);
        if report.verified {
            Ok(())
        } else {
            Err(bench_error("a verification failed during the run"))
        }
    })?;
    let canon_rate = median_rate(n, || {
        let quads = ld
            .to_rdf(std::hint::black_box(&document), &Options::default())
            .map_err(bench_error)?;
        std::hint::black_box(
            canonicalize(&quads, HashAlgorithm::Sha256, &CanonLimits::default())
                .map_err(bench_error)?,
        );
        Ok(())
    })?;

    println!(
        "{}",
        json!({"signPerSec": sign_rate, "verifyPerSec": verify_rate, "canonicalizePerSec": canon_rate})
    );
    Ok(ExitCode::SUCCESS)
}

/// The issuer must be the key's controller, or the issuer check (rightly) fails.
fn set_issuer(document: &mut Value, did: &str) {
    match document.get_mut("issuer") {
        Some(Value::Object(issuer)) => {
            issuer.insert("id".into(), Value::String(did.to_owned()));
        }
        Some(issuer) => *issuer = Value::String(did.to_owned()),
        None => {}
    }
}

const ROUNDS: u32 = 5;

/// Runs `operation` `n` times in [`ROUNDS`] timed rounds and returns the median round's rate
/// per second.
fn median_rate(
    n: u32,
    mut operation: impl FnMut() -> Result<(), CliError>,
) -> Result<f64, CliError> {
    let per_round = (n / ROUNDS).max(1);
    let mut rates = Vec::with_capacity(ROUNDS as usize);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for _ in 0..per_round {
            operation()?;
        }
        let seconds = started.elapsed().as_secs_f64();
        rates.push(if seconds > 0.0 {
            f64::from(per_round) / seconds
        } else {
            0.0
        });
    }
    rates.sort_by(f64::total_cmp);
    Ok(rates.get(rates.len() / 2).copied().unwrap_or(0.0).round())
}

fn bench_error(err: impl std::fmt::Display) -> CliError {
    CliError::input(
        format!("benchmark failed: {err}"),
        format!("ベンチマークに失敗しました: {err}"),
    )
}
