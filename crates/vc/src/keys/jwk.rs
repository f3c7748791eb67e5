//! JSON Web Keys (RFC 7517 / 8037): OKP Ed25519, EC P-256, RSA (public only).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use super::{KeyError, KeyPair, PublicKey, RsaPublicKey};

fn member<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str, KeyError> {
    jwk.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| KeyError::Jwk(format!("missing string member \"{name}\"")))
}

fn b64(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>, KeyError> {
    let text = member(jwk, name)?;
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|err| KeyError::Jwk(format!("\"{name}\" is not base64url: {err}")))
}

fn object(jwk: &Value) -> Result<&Map<String, Value>, KeyError> {
    jwk.as_object()
        .ok_or_else(|| KeyError::Jwk("a JWK must be a JSON object".into()))
}

fn fixed32(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>, KeyError> {
    let bytes = b64(jwk, name)?;
    if bytes.len() != 32 {
        return Err(KeyError::Jwk(format!(
            "\"{name}\" must decode to 32 bytes, found {}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

impl PublicKey {
    /// A public JWK. A JWK that carries `d` is refused: OB 3.0 forbids private material in a
    /// JWT header, and a public-key slot holding a private key means the key has leaked.
    pub fn from_jwk(jwk: &Value) -> Result<Self, KeyError> {
        let jwk = object(jwk)?;
        if jwk.contains_key("d") {
            return Err(KeyError::PrivateKeyInJwk);
        }
        public_from_members(jwk)
    }

    /// The public JWK (members in RFC 7638 order).
    pub fn to_jwk(&self) -> Value {
        match self {
            Self::Ed25519(key) => {
                json!({"crv": "Ed25519", "kty": "OKP", "x": URL_SAFE_NO_PAD.encode(key.as_bytes())})
            }
            Self::P256(key) => {
                let point = key.to_encoded_point(false);
                let x = point
                    .x()
                    .map(|x| URL_SAFE_NO_PAD.encode(x))
                    .unwrap_or_default();
                let y = point
                    .y()
                    .map(|y| URL_SAFE_NO_PAD.encode(y))
                    .unwrap_or_default();
                json!({"crv": "P-256", "kty": "EC", "x": x, "y": y})
            }
            Self::Rsa(key) => json!({
                "e": URL_SAFE_NO_PAD.encode(key.exponent()),
                "kty": "RSA",
                "n": URL_SAFE_NO_PAD.encode(key.modulus()),
            }),
        }
    }
}

fn public_from_members(jwk: &Map<String, Value>) -> Result<PublicKey, KeyError> {
    match member(jwk, "kty")? {
        "OKP" => match member(jwk, "crv")? {
            "Ed25519" => PublicKey::from_ed25519_bytes(&fixed32(jwk, "x")?),
            other => Err(KeyError::Jwk(format!(
                "unsupported OKP curve {other:?} (only Ed25519)"
            ))),
        },
        "EC" => match member(jwk, "crv")? {
            "P-256" => {
                let mut sec1 = Vec::with_capacity(65);
                sec1.push(0x04);
                sec1.extend_from_slice(&fixed32(jwk, "x")?);
                sec1.extend_from_slice(&fixed32(jwk, "y")?);
                PublicKey::from_p256_sec1(&sec1)
            }
            other => Err(KeyError::Jwk(format!(
                "unsupported EC curve {other:?} (only P-256)"
            ))),
        },
        "RSA" => Ok(PublicKey::Rsa(RsaPublicKey::new(
            &b64(jwk, "n")?,
            &b64(jwk, "e")?,
        )?)),
        other => Err(KeyError::Jwk(format!(
            "unsupported key type \"kty\": {other:?}"
        ))),
    }
}

impl KeyPair {
    /// A private JWK (`d` present): OKP Ed25519 or EC P-256. When the JWK also has the public
    /// members they must match `d`.
    pub fn from_jwk(jwk: &Value) -> Result<Self, KeyError> {
        let members = object(jwk)?;
        let d = fixed32(members, "d")?;
        let pair = match member(members, "kty")? {
            "OKP" => Self::from_ed25519_secret(&d)?,
            "EC" => Self::from_p256_secret(&d)?,
            other => {
                return Err(KeyError::Jwk(format!(
                    "unsupported private key type {other:?}"
                )));
            }
        };
        if members.contains_key("x") && public_from_members(members)? != pair.public_key() {
            return Err(KeyError::PublicKeyMismatch);
        }
        Ok(pair)
    }

    /// The private JWK (public members plus `d`). Handle with care: this is the secret.
    pub fn to_private_jwk(&self) -> Value {
        let mut jwk = self.public_key().to_jwk();
        let d = match (self.ed25519_seed(), self.p256_scalar()) {
            (Some(seed), _) => URL_SAFE_NO_PAD.encode(seed),
            (None, Some(scalar)) => URL_SAFE_NO_PAD.encode(scalar),
            (None, None) => String::new(),
        };
        if let Some(map) = jwk.as_object_mut() {
            map.insert("d".into(), Value::String(d));
        }
        jwk
    }
}
