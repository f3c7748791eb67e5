//! Signing key pairs. Secret material never appears in `Debug` output and is zeroized on drop
//! (both `ed25519-dalek` and `p256` do this for their signing keys).

use ed25519_dalek::Signer as _;
use rand_core::CryptoRngCore;

use super::multikey::{
    ED25519_PRIV, P256_PRIV, decode_base58btc, encode_multikey, prefix_hex, split_prefix,
};
use super::{KeyError, PublicKey};

/// Which kind of key a [`KeyPair`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    Ed25519,
    P256,
}

impl KeyAlgorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ed25519 => "Ed25519",
            Self::P256 => "P-256",
        }
    }
}

#[derive(Clone)]
enum Secret {
    Ed25519(ed25519_dalek::SigningKey),
    P256(p256::ecdsa::SigningKey),
}

/// A signing key with its public key.
#[derive(Clone)]
pub struct KeyPair {
    secret: Secret,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("algorithm", &self.algorithm())
            .field("public", &self.public_key())
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl KeyPair {
    pub fn generate_ed25519(rng: &mut impl CryptoRngCore) -> Self {
        Self {
            secret: Secret::Ed25519(ed25519_dalek::SigningKey::generate(rng)),
        }
    }

    pub fn generate_p256(rng: &mut impl CryptoRngCore) -> Self {
        Self {
            secret: Secret::P256(p256::ecdsa::SigningKey::random(rng)),
        }
    }

    /// An Ed25519 key from its 32-byte seed.
    pub fn from_ed25519_seed(seed: &[u8; 32]) -> Self {
        Self {
            secret: Secret::Ed25519(ed25519_dalek::SigningKey::from_bytes(seed)),
        }
    }

    /// An Ed25519 key from 32 bytes (seed) or 64 bytes (seed || public key, the NaCl /
    /// `@digitalbazaar/ed25519-verification-key-2020` layout). The public half of a 64-byte key
    /// must match the seed.
    pub fn from_ed25519_secret(bytes: &[u8]) -> Result<Self, KeyError> {
        match bytes.len() {
            32 => {
                let mut seed = [0u8; 32];
                seed.copy_from_slice(bytes);
                Ok(Self::from_ed25519_seed(&seed))
            }
            64 => {
                let mut pair = [0u8; 64];
                pair.copy_from_slice(bytes);
                ed25519_dalek::SigningKey::from_keypair_bytes(&pair)
                    .map(|key| Self {
                        secret: Secret::Ed25519(key),
                    })
                    .map_err(|_| KeyError::SeedPublicMismatch)
            }
            found => Err(KeyError::WrongLength {
                kind: "Ed25519 secret key",
                expected: "32 or 64",
                found,
            }),
        }
    }

    /// A P-256 key from its 32-byte big-endian scalar.
    pub fn from_p256_secret(bytes: &[u8]) -> Result<Self, KeyError> {
        if bytes.len() != 32 {
            return Err(KeyError::WrongLength {
                kind: "P-256 secret key",
                expected: "32",
                found: bytes.len(),
            });
        }
        p256::ecdsa::SigningKey::from_slice(bytes)
            .map(|key| Self {
                secret: Secret::P256(key),
            })
            .map_err(|_| KeyError::InvalidKey {
                kind: "P-256 secret key",
                reason: "scalar out of range".into(),
            })
    }

    /// Multikey `secretKeyMultibase`: prefix 0x8026 (Ed25519, 32- or 64-byte secret) or 0x8626
    /// (P-256).
    pub fn from_secret_multibase(value: &str) -> Result<Self, KeyError> {
        let bytes = decode_base58btc(value)?;
        let (prefix, key) = split_prefix(&bytes)?;
        match prefix {
            ED25519_PRIV => Self::from_ed25519_secret(key),
            P256_PRIV => Self::from_p256_secret(key),
            other => Err(KeyError::UnknownMulticodec {
                prefix: prefix_hex(other),
                expected: "0x8026 (Ed25519 secret) or 0x8626 (P-256 secret)",
            }),
        }
    }

    /// Multikey `secretKeyMultibase` (32-byte Ed25519 seed or P-256 scalar). Handle with care:
    /// this is the secret.
    pub fn to_secret_multibase(&self) -> String {
        match &self.secret {
            Secret::Ed25519(key) => encode_multikey(ED25519_PRIV, key.as_bytes()),
            Secret::P256(key) => encode_multikey(P256_PRIV, &key.to_bytes()),
        }
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        match self.secret {
            Secret::Ed25519(_) => KeyAlgorithm::Ed25519,
            Secret::P256(_) => KeyAlgorithm::P256,
        }
    }

    pub fn public_key(&self) -> PublicKey {
        match &self.secret {
            Secret::Ed25519(key) => PublicKey::Ed25519(key.verifying_key()),
            Secret::P256(key) => PublicKey::P256(*key.verifying_key()),
        }
    }

    /// The public key as Multikey `publicKeyMultibase`.
    pub fn public_multibase(&self) -> String {
        match &self.secret {
            Secret::Ed25519(key) => {
                encode_multikey(super::multikey::ED25519_PUB, key.verifying_key().as_bytes())
            }
            Secret::P256(key) => encode_multikey(
                super::multikey::P256_PUB,
                key.verifying_key().to_encoded_point(true).as_bytes(),
            ),
        }
    }

    /// Signs `message`: Ed25519 (64 bytes) or ES256 with SHA-256 and RFC 6979 nonces, JOSE
    /// form r || s (64 bytes).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match &self.secret {
            Secret::Ed25519(key) => key.sign(message).to_bytes().to_vec(),
            Secret::P256(key) => {
                let signature: p256::ecdsa::Signature = key.sign(message);
                signature.to_bytes().to_vec()
            }
        }
    }

    /// Used by Data Integrity, which only signs with Ed25519.
    pub(crate) fn ed25519(&self) -> Option<&ed25519_dalek::SigningKey> {
        match &self.secret {
            Secret::Ed25519(key) => Some(key),
            Secret::P256(_) => None,
        }
    }

    /// The P-256 scalar, for JWK export.
    pub(crate) fn p256_scalar(&self) -> Option<Vec<u8>> {
        match &self.secret {
            Secret::P256(key) => Some(key.to_bytes().to_vec()),
            Secret::Ed25519(_) => None,
        }
    }

    /// The Ed25519 seed, for JWK export.
    pub(crate) fn ed25519_seed(&self) -> Option<[u8; 32]> {
        self.ed25519().map(|key| key.to_bytes())
    }
}
