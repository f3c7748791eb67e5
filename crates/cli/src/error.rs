//! Errors a person sees: each is printed in English and Japanese.

use std::process::ExitCode;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments or unreadable input: exit 2.
    #[error("{en}")]
    Input { en: String, ja: String },
}

impl CliError {
    pub fn input(en: impl Into<String>, ja: impl Into<String>) -> Self {
        CliError::Input {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input { .. } => ExitCode::from(2),
        }
    }

    pub fn print(&self) {
        match self {
            CliError::Input { en, ja } => {
                eprintln!("error: {en}");
                eprintln!("エラー: {ja}");
            }
        }
    }
}
