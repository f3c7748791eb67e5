//! Issuer signing keys are sealed with a server master key before they touch the database, so
//! a copied database file or backup does not leak the keys that sign credentials.
//!
//! Sealed format: `0x01 || nonce (24 bytes) || XChaCha20-Poly1305 ciphertext+tag`. XChaCha's
//! 192-bit nonce makes random nonces safe for any number of seals. The issuer id is bound as
//! associated data, so a sealed key copied onto another issuer's row does not open.

use std::path::Path;

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::RngCore as _;

use crate::StoreError;

const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;

/// Why a master key could not be parsed or a sealed key could not be opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// The master key text is neither 64 hex digits nor base64 of 32 bytes.
    #[error("master key must be 32 bytes written as 64 hex digits or base64")]
    InvalidMasterKey,
    /// The sealed bytes are too short or carry an unknown format version.
    #[error("sealed key is malformed (unknown format or truncated)")]
    Malformed,
    /// Authentication failed: wrong master key, tampered bytes, or sealed for another issuer.
    #[error("sealed key cannot be opened: wrong master key or data sealed for another issuer")]
    WrongKey,
    /// Encryption itself failed (only for absurdly large inputs).
    #[error("sealing failed")]
    SealFailed,
}

/// The server's 32-byte key-encryption key.
#[derive(Clone)]
pub struct MasterKey([u8; KEY_LEN]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    /// A fresh random key from the operating system.
    pub fn generate() -> MasterKey {
        let mut key = [0u8; KEY_LEN];
        OsRng.fill_bytes(&mut key);
        MasterKey(key)
    }

    /// Parses the text form used in `TSUMIKI_MASTER_KEY` and in the key file: 64 hex digits, or
    /// base64 (standard or URL-safe, padded or not) of 32 bytes. Surrounding whitespace is
    /// ignored so a trailing newline in a file does not matter.
    pub fn from_text(text: &str) -> Result<MasterKey, SealError> {
        let text = text.trim();
        let bytes = if text.len() == KEY_LEN * 2 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|_| SealError::InvalidMasterKey)?
        } else {
            let engines = [
                &base64::engine::general_purpose::STANDARD,
                &base64::engine::general_purpose::STANDARD_NO_PAD,
                &base64::engine::general_purpose::URL_SAFE,
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            ];
            engines
                .iter()
                .find_map(|engine| engine.decode(text).ok())
                .ok_or(SealError::InvalidMasterKey)?
        };
        let key: [u8; KEY_LEN] = bytes.try_into().map_err(|_| SealError::InvalidMasterKey)?;
        Ok(MasterKey(key))
    }

    /// The text form accepted by [`MasterKey::from_text`] (lowercase hex).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Reads the key file at `path`, or creates it with a new key when it does not exist. The
    /// file is created with mode 0600 (owner only) in one step, so the key is never readable by
    /// others even briefly.
    pub fn load_or_create(path: &Path) -> Result<MasterKey, StoreError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(MasterKey::from_text(&text)?),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let key = MasterKey::generate();
                write_new_private_file(path, format!("{}\n", key.to_hex()).as_bytes())?;
                Ok(key)
            }
            Err(source) => Err(StoreError::Io {
                action: "reading master key file",
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Encrypts `secret`, binding it to `associated_data` (the issuer id).
    pub fn seal(&self, secret: &[u8], associated_data: &[u8]) -> Result<Vec<u8>, SealError> {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ciphertext = cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: secret,
                    aad: associated_data,
                },
            )
            .map_err(|_| SealError::SealFailed)?;
        let mut sealed = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        sealed.push(FORMAT_V1);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        Ok(sealed)
    }

    /// Decrypts bytes made by [`MasterKey::seal`] with the same associated data.
    pub fn open(&self, sealed: &[u8], associated_data: &[u8]) -> Result<Vec<u8>, SealError> {
        let (&version, rest) = sealed.split_first().ok_or(SealError::Malformed)?;
        if version != FORMAT_V1 || rest.len() < NONCE_LEN {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::Malformed)?;
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: associated_data,
                },
            )
            .map_err(|_| SealError::WrongKey)
    }
}

fn write_new_private_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    use std::io::Write as _;
    let io_error = |action: &'static str| {
        move |source| StoreError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io_error("creating directory for"))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(io_error("creating master key file"))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(io_error("writing master key file"))
}
