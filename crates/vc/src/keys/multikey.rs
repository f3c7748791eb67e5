//! Multibase (`z` + base58btc) and multicodec prefixes for Multikey.
//!
//! The prefixes are unsigned varints of the multicodec table entries: ed25519-pub 0xed,
//! p256-pub 0x1200, ed25519-priv 0x1300, p256-priv 0x1306.

use super::KeyError;

pub(crate) const ED25519_PUB: [u8; 2] = [0xed, 0x01];
pub(crate) const P256_PUB: [u8; 2] = [0x80, 0x24];
pub(crate) const ED25519_PRIV: [u8; 2] = [0x80, 0x26];
pub(crate) const P256_PRIV: [u8; 2] = [0x86, 0x26];

/// `z` + base58btc.
pub(crate) fn encode_base58btc(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(1 + bytes.len() * 138 / 100 + 1);
    out.push('z');
    out.push_str(&bs58::encode(bytes).into_string());
    out
}

/// Longest multibase value accepted. base58 decoding is quadratic in the input length, so a
/// hostile megabyte-long `proofValue` must be refused before decoding; the longest legitimate
/// value (a 64-byte Ed25519 secret with its prefix) is about 91 characters.
const MAX_MULTIBASE_CHARS: usize = 256;

/// Decodes a `z` (base58btc) multibase value; other bases are not used by the suites we support.
pub(crate) fn decode_base58btc(value: &str) -> Result<Vec<u8>, KeyError> {
    if value.len() > MAX_MULTIBASE_CHARS {
        return Err(KeyError::InvalidBase58 {
            reason: format!(
                "{} characters, longer than any key or signature",
                value.len()
            ),
        });
    }
    let Some(rest) = value.strip_prefix('z') else {
        return Err(KeyError::NotBase58Btc {
            found: value.chars().take(1).collect(),
        });
    };
    bs58::decode(rest)
        .into_vec()
        .map_err(|err| KeyError::InvalidBase58 {
            reason: err.to_string(),
        })
}

/// Prefix + key bytes, multibase-encoded.
pub(crate) fn encode_multikey(prefix: [u8; 2], key: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(2 + key.len());
    bytes.extend_from_slice(&prefix);
    bytes.extend_from_slice(key);
    encode_base58btc(&bytes)
}

/// Splits a decoded multikey into its two-byte prefix and the key bytes.
pub(crate) fn split_prefix(bytes: &[u8]) -> Result<([u8; 2], &[u8]), KeyError> {
    match bytes {
        [a, b, rest @ ..] => Ok(([*a, *b], rest)),
        _ => Err(KeyError::WrongLength {
            kind: "multikey value",
            expected: "at least 2",
            found: bytes.len(),
        }),
    }
}

pub(crate) fn prefix_hex(prefix: [u8; 2]) -> String {
    format!("0x{:02x}{:02x}", prefix[0], prefix[1])
}
