//! `tsumiki bake` / `tsumiki unbake`: credentials inside PNG and SVG images.

use std::process::ExitCode;

use tsumiki_vc::bake::{BakedPayload, bake_png, bake_svg, unbake_png, unbake_svg};

use crate::cli::{BakeArgs, UnbakeArgs};
use crate::error::CliError;
use crate::input::{DEFAULT_MAX_INPUT, read_input, read_text};

/// Badge images are small; 8 MiB leaves room for detailed artwork without inviting abuse.
const MAX_IMAGE: u64 = 8 * 1024 * 1024;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

pub fn run_bake(args: BakeArgs) -> Result<ExitCode, CliError> {
    let image = read_input(&args.image, MAX_IMAGE)?;
    let credential = read_text(&args.credential, DEFAULT_MAX_INPUT)?;
    let payload = payload_from_text(&args.credential, credential)?;
    let baked = if image.starts_with(PNG_SIGNATURE) {
        bake_png(&image, &payload).map_err(|err| bake_error(&args.image, err))?
    } else {
        let svg = String::from_utf8(image).map_err(|_| not_an_image(&args.image))?;
        bake_svg(&svg, &payload)
            .map_err(|err| bake_error(&args.image, err))?
            .into_bytes()
    };
    std::fs::write(&args.out, baked).map_err(|err| {
        CliError::input(
            format!("cannot write {}: {err}", args.out),
            format!("{} に書き込めません: {err}", args.out),
        )
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_unbake(args: UnbakeArgs) -> Result<ExitCode, CliError> {
    let image = read_input(&args.image, MAX_IMAGE)?;
    let payload = if image.starts_with(PNG_SIGNATURE) {
        unbake_png(&image)
    } else {
        let svg = String::from_utf8(image).map_err(|_| not_an_image(&args.image))?;
        unbake_svg(&svg)
    }
    .map_err(|err| bake_error(&args.image, err))?;
    match payload {
        BakedPayload::Json(json) => match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(value) => println!("{}", serde_json::to_string_pretty(&value).unwrap_or(json)),
            Err(_) => println!("{json}"),
        },
        BakedPayload::Jwt(token) => println!("{token}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A credential file holds JSON or a compact JWT; anything else is refused before baking.
fn payload_from_text(path: &str, text: String) -> Result<BakedPayload, CliError> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(trimmed).map_err(|err| {
            CliError::input(
                format!("{path} is not valid JSON: {err}"),
                format!("{path} は正しい JSON ではありません: {err}"),
            )
        })?;
        Ok(BakedPayload::Json(trimmed.to_owned()))
    } else if trimmed.split('.').count() == 3 && !trimmed.contains(char::is_whitespace) {
        Ok(BakedPayload::Jwt(trimmed.to_owned()))
    } else {
        Err(CliError::input(
            format!("{path} is neither a JSON credential nor a compact JWT"),
            format!("{path} は JSON の資格情報でもコンパクト JWT でもありません"),
        ))
    }
}

fn not_an_image(path: &str) -> CliError {
    CliError::input(
        format!("{path} is neither a PNG nor an SVG image"),
        format!("{path} は PNG 画像でも SVG 画像でもありません"),
    )
}

fn bake_error(path: &str, err: impl std::fmt::Display) -> CliError {
    CliError::input(
        format!("{path}: {err}"),
        format!("{path}: 画像を処理できません: {err}"),
    )
}
