//! Key errors name the exact encoding problem, because key files are written by hand and
//! copied between tools that disagree on formats.

/// Why a key could not be read, written or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("multibase value must start with 'z' (base58btc), found {found:?}")]
    NotBase58Btc { found: String },
    #[error("multibase value is not valid base58btc: {reason}")]
    InvalidBase58 { reason: String },
    #[error("unknown multicodec prefix {prefix} (expected {expected})")]
    UnknownMulticodec {
        prefix: String,
        expected: &'static str,
    },
    #[error("{kind} must be {expected} bytes, found {found}")]
    WrongLength {
        kind: &'static str,
        expected: &'static str,
        found: usize,
    },
    #[error("{kind} is not a valid key: {reason}")]
    InvalidKey { kind: &'static str, reason: String },
    #[error("JWK: {0}")]
    Jwk(String),
    #[error("the JWK contains private key material (\"d\") where only a public key is allowed")]
    PrivateKeyInJwk,
    #[error("RSA key of {bits} bits is too small (at least 2048 bits are required)")]
    RsaTooSmall { bits: usize },
    #[error(
        "an RSA key has no Multikey encoding in tsumiki (RSA is accepted for RS256 JWT verification only)"
    )]
    NoMultikeyForRsa,
    #[error("key file is not valid JSON Multikey: {0}")]
    KeyFileSyntax(String),
    #[error("key file \"type\" must be \"Multikey\", found {0:?}")]
    KeyFileType(String),
    #[error(
        "key file: publicKeyMultibase does not match the public key derived from the secret key"
    )]
    PublicKeyMismatch,
    #[error("64-byte Ed25519 secret key: its public half does not match its seed")]
    SeedPublicMismatch,
    #[error("algorithm {alg} cannot be used with a {key} key")]
    AlgorithmMismatch {
        alg: &'static str,
        key: &'static str,
    },
    #[error("signature is not valid for this key and message")]
    BadSignature,
}
