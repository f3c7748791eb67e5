//! Public keys as verifiers meet them: Multikey, JWK, and the signature check per JWS algorithm.

use ed25519_dalek::Verifier as _;

use super::KeyError;
use super::multikey::{
    ED25519_PUB, P256_PUB, decode_base58btc, encode_multikey, prefix_hex, split_prefix,
};

/// The JWS algorithms tsumiki understands. Data Integrity `eddsa-rdfc-2022` uses the same
/// Ed25519 primitive as `EdDSA`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsAlgorithm {
    EdDsa,
    Es256,
    /// Verify only: RSA keys are never used to sign.
    Rs256,
}

impl JwsAlgorithm {
    /// The JOSE `alg` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EdDsa => "EdDSA",
            Self::Es256 => "ES256",
            Self::Rs256 => "RS256",
        }
    }

    /// Parses a JOSE `alg`; `none` and anything else is `None` (the caller reports it).
    pub fn from_jose(alg: &str) -> Option<Self> {
        match alg {
            "EdDSA" | "Ed25519" => Some(Self::EdDsa),
            "ES256" => Some(Self::Es256),
            "RS256" => Some(Self::Rs256),
            _ => None,
        }
    }
}

/// An RSA public key, big-endian unsigned `n` and `e` (as in a JWK), leading zeros removed.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl RsaPublicKey {
    /// Rejects keys under 2048 bits: shorter moduli are factorable in practice.
    pub fn new(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
        let n = strip_leading_zeros(n);
        let e = strip_leading_zeros(e);
        if e.is_empty() {
            return Err(KeyError::InvalidKey {
                kind: "RSA public key",
                reason: "exponent is zero".into(),
            });
        }
        let bits = n.first().map_or(0, |top| {
            (n.len() - 1) * 8 + (8 - top.leading_zeros() as usize)
        });
        if bits < 2048 {
            return Err(KeyError::RsaTooSmall { bits });
        }
        Ok(Self {
            n: n.to_vec(),
            e: e.to_vec(),
        })
    }

    pub fn modulus(&self) -> &[u8] {
        &self.n
    }

    pub fn exponent(&self) -> &[u8] {
        &self.e
    }
}

impl std::fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &(self.n.len() * 8))
            .finish()
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// A public key that can check signatures.
#[derive(Clone, PartialEq, Eq)]
pub enum PublicKey {
    Ed25519(ed25519_dalek::VerifyingKey),
    P256(p256::ecdsa::VerifyingKey),
    Rsa(RsaPublicKey),
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rsa(key) => key.fmt(f),
            _ => match self.to_multibase() {
                Ok(mb) => write!(f, "PublicKey::{}({mb})", self.kind()),
                Err(_) => write!(f, "PublicKey::{}", self.kind()),
            },
        }
    }
}

impl PublicKey {
    /// Short name of the key type, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Ed25519(_) => "Ed25519",
            Self::P256(_) => "P-256",
            Self::Rsa(_) => "RSA",
        }
    }

    /// The JWS algorithm this key signs with.
    pub fn jws_algorithm(&self) -> JwsAlgorithm {
        match self {
            Self::Ed25519(_) => JwsAlgorithm::EdDsa,
            Self::P256(_) => JwsAlgorithm::Es256,
            Self::Rsa(_) => JwsAlgorithm::Rs256,
        }
    }

    /// Raw Ed25519 public key bytes.
    pub fn from_ed25519_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let bytes: &[u8; 32] = bytes.try_into().map_err(|_| KeyError::WrongLength {
            kind: "Ed25519 public key",
            expected: "32",
            found: bytes.len(),
        })?;
        ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map(Self::Ed25519)
            .map_err(|err| KeyError::InvalidKey {
                kind: "Ed25519 public key",
                reason: err.to_string(),
            })
    }

    /// SEC1 P-256 point, compressed (33 bytes) or uncompressed (65 bytes).
    pub fn from_p256_sec1(bytes: &[u8]) -> Result<Self, KeyError> {
        p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .map(Self::P256)
            .map_err(|_| KeyError::InvalidKey {
                kind: "P-256 public key",
                reason: format!("{} bytes are not a point on the curve", bytes.len()),
            })
    }

    /// Multikey `publicKeyMultibase`: `z` + base58btc(multicodec prefix + key).
    pub fn from_multibase(value: &str) -> Result<Self, KeyError> {
        let bytes = decode_base58btc(value)?;
        let (prefix, key) = split_prefix(&bytes)?;
        match prefix {
            ED25519_PUB => Self::from_ed25519_bytes(key),
            P256_PUB => {
                if key.len() != 33 {
                    return Err(KeyError::WrongLength {
                        kind: "compressed P-256 public key",
                        expected: "33",
                        found: key.len(),
                    });
                }
                Self::from_p256_sec1(key)
            }
            other => Err(KeyError::UnknownMulticodec {
                prefix: prefix_hex(other),
                expected: "0xed01 (Ed25519) or 0x8024 (P-256)",
            }),
        }
    }

    /// Multikey `publicKeyMultibase`. RSA has none.
    pub fn to_multibase(&self) -> Result<String, KeyError> {
        match self {
            Self::Ed25519(key) => Ok(encode_multikey(ED25519_PUB, key.as_bytes())),
            Self::P256(key) => Ok(encode_multikey(
                P256_PUB,
                key.to_encoded_point(true).as_bytes(),
            )),
            Self::Rsa(_) => Err(KeyError::NoMultikeyForRsa),
        }
    }

    /// Checks a signature made with `alg` over `message`. ES256 signatures are the JOSE
    /// form (r || s, 64 bytes); Ed25519 uses strict verification (rejects small-order keys and
    /// non-canonical signatures, which honest signers never produce).
    pub fn verify(
        &self,
        alg: JwsAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), KeyError> {
        match (self, alg) {
            (Self::Ed25519(key), JwsAlgorithm::EdDsa) => {
                let signature = ed25519_dalek::Signature::from_slice(signature)
                    .map_err(|_| KeyError::BadSignature)?;
                key.verify_strict(message, &signature)
                    .map_err(|_| KeyError::BadSignature)
            }
            (Self::P256(key), JwsAlgorithm::Es256) => {
                let signature = p256::ecdsa::Signature::from_slice(signature)
                    .map_err(|_| KeyError::BadSignature)?;
                key.verify(message, &signature)
                    .map_err(|_| KeyError::BadSignature)
            }
            (Self::Rsa(key), JwsAlgorithm::Rs256) => verify_rs256(key, message, signature),
            (key, alg) => Err(KeyError::AlgorithmMismatch {
                alg: alg.as_str(),
                key: key.kind(),
            }),
        }
    }

    /// Used by the Data Integrity fast path, which needs no algorithm dispatch.
    pub(crate) fn ed25519(&self) -> Option<&ed25519_dalek::VerifyingKey> {
        match self {
            Self::Ed25519(key) => Some(key),
            _ => None,
        }
    }
}

/// RS256 through `jsonwebtoken`'s RustCrypto provider (RSASSA-PKCS1-v1_5 + SHA-256). Only the
/// public-key operation runs, so RUSTSEC-2023-0071 (a timing side channel in RSA *private* key
/// operations of the `rsa` crate) does not apply.
fn verify_rs256(key: &RsaPublicKey, message: &[u8], signature: &[u8]) -> Result<(), KeyError> {
    use base64::Engine as _;
    let decoding = jsonwebtoken::DecodingKey::from_rsa_raw_components(&key.n, &key.e);
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature);
    match jsonwebtoken::crypto::verify(
        &signature,
        message,
        &decoding,
        jsonwebtoken::Algorithm::RS256,
    ) {
        Ok(true) => Ok(()),
        _ => Err(KeyError::BadSignature),
    }
}

impl From<ed25519_dalek::VerifyingKey> for PublicKey {
    fn from(key: ed25519_dalek::VerifyingKey) -> Self {
        Self::Ed25519(key)
    }
}

impl From<p256::ecdsa::VerifyingKey> for PublicKey {
    fn from(key: p256::ecdsa::VerifyingKey) -> Self {
        Self::P256(key)
    }
}
