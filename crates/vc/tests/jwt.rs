//! VC-JWT (Open Badges 3.0 profile): round trips for EdDSA and ES256, RS256 verification of a
//! token made by an independent implementation (Python `cryptography`), the VC 1.1 `vc` claim
//! form, and every way a token must fail.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use tsumiki_vc::did::{ControllerDocuments, ResolveError, did_key_verification_method};
use tsumiki_vc::jwt::{self, JwtError, JwtKeyHeader, JwtKeySource, JwtWarning};
use tsumiki_vc::keys::{JwsAlgorithm, KeyError, KeyPair};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/test-vectors");

fn ob3() -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{ROOT}/ob-v3p0/unsigned.json")).unwrap())
        .unwrap()
}

fn none() -> ControllerDocuments {
    ControllerDocuments::new()
}

fn ed_key() -> KeyPair {
    KeyPair::from_ed25519_seed(&[11; 32])
}

fn p256_key() -> KeyPair {
    KeyPair::from_p256_secret(&[12; 32]).unwrap()
}

fn kid(key: &KeyPair) -> String {
    did_key_verification_method(&key.public_key()).unwrap()
}

fn parts(token: &str) -> (Value, Value) {
    let mut split = token.split('.');
    let mut next =
        || serde_json::from_slice(&URL_SAFE_NO_PAD.decode(split.next().unwrap()).unwrap()).unwrap();
    (next(), next())
}

/// A token with the given header and payload, signed by `key`.
fn forge(header: &Value, payload: &Value, key: &KeyPair) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(key.sign(input.as_bytes()))
    )
}

#[test]
fn eddsa_round_trip_with_did_key_kid() {
    let key = ed_key();
    let token = jwt::issue(&ob3(), &key, JwtKeyHeader::Kid(kid(&key))).unwrap();
    let (header, payload) = parts(&token);
    assert_eq!(
        header,
        json!({"alg": "EdDSA", "typ": "JWT", "kid": kid(&key)})
    );
    assert_eq!(payload["iss"], "https://example.edu/issuers/565049");
    assert_eq!(payload["jti"], "http://example.com/credentials/3527");
    assert_eq!(payload["nbf"], 1_262_304_000);
    assert_eq!(payload["sub"], "did:example:ebfeb1f712ebc6f1c276e12ec21");
    assert!(payload.get("exp").is_none(), "no validUntil, no exp");
    assert_eq!(
        payload["credentialSubject"],
        ob3()["credentialSubject"],
        "the credential itself is the payload"
    );

    let verified = jwt::verify(&token, &none()).unwrap();
    assert_eq!(verified.credential, ob3());
    assert_eq!(verified.alg, JwsAlgorithm::EdDsa);
    assert_eq!(verified.key_source, JwtKeySource::Kid);
    assert_eq!(
        verified.controller,
        Some(kid(&key).split('#').next().unwrap().to_owned())
    );
    assert_eq!(verified.claims.nbf, Some(1_262_304_000));
    assert!(verified.warnings.is_empty(), "{:?}", verified.warnings);
}

#[test]
fn es256_round_trip_with_jwk_and_did_key() {
    let key = p256_key();
    let mut credential = ob3();
    credential["validUntil"] = json!("2030-01-01T00:00:00Z");
    let token = jwt::issue(&credential, &key, JwtKeyHeader::Jwk).unwrap();
    let (header, payload) = parts(&token);
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["jwk"]["crv"], "P-256");
    assert!(header["jwk"].get("d").is_none(), "never the private key");
    assert_eq!(payload["exp"], 1_893_456_000);
    let verified = jwt::verify(&token, &none()).unwrap();
    assert_eq!(verified.credential, credential);
    assert_eq!(verified.alg, JwsAlgorithm::Es256);
    assert_eq!(verified.warnings, vec![JwtWarning::EmbeddedJwk]);

    let by_kid = jwt::issue(&credential, &key, JwtKeyHeader::Kid(kid(&key))).unwrap();
    assert!(kid(&key).starts_with("did:key:zDn"), "P-256 did:key");
    assert_eq!(
        jwt::verify(&by_kid, &none()).unwrap().claims.exp,
        Some(1_893_456_000)
    );
}

/// Made with Python `cryptography` 48 (RSASSA-PKCS1-v1_5, SHA-256, 2048-bit key): header
/// `{"alg":"RS256","typ":"JWT","kid":"https://example.edu/issuers/565049#rsa-key-1"}`, payload
/// the OB 3.0 vector credential plus iss, jti, nbf, sub.
const RS256_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Imh0dHBzOi8vZXhhbXBsZS5lZHUvaXNzdWVycy81NjUwNDkjcnNhLWtleS0xIn0.eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiLCJodHRwczovL3B1cmwuaW1zZ2xvYmFsLm9yZy9zcGVjL29iL3YzcDAvY29udGV4dC0zLjAuMy5qc29uIl0sImlkIjoiaHR0cDovL2V4YW1wbGUuY29tL2NyZWRlbnRpYWxzLzM1MjciLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIiwiT3BlbkJhZGdlQ3JlZGVudGlhbCJdLCJpc3N1ZXIiOnsiaWQiOiJodHRwczovL2V4YW1wbGUuZWR1L2lzc3VlcnMvNTY1MDQ5IiwidHlwZSI6WyJQcm9maWxlIl0sInVybCI6Imh0dHBzOi8vd3d3Lmltc2dsb2JhbC5vcmciLCJuYW1lIjoiRXhhbXBsZSBDb3JwIn0sInZhbGlkRnJvbSI6IjIwMTAtMDEtMDFUMDA6MDA6MDBaIiwibmFtZSI6IlRlYW13b3JrIEJhZGdlIiwiY3JlZGVudGlhbFN1YmplY3QiOnsiaWQiOiJkaWQ6ZXhhbXBsZTplYmZlYjFmNzEyZWJjNmYxYzI3NmUxMmVjMjEiLCJ0eXBlIjpbIkFjaGlldmVtZW50U3ViamVjdCJdLCJhY2hpZXZlbWVudCI6eyJpZCI6Imh0dHBzOi8vZXhhbXBsZS5jb20vYWNoaWV2ZW1lbnRzLzIxc3QtY2VudHVyeS1za2lsbHMvdGVhbXdvcmsiLCJ0eXBlIjpbIkFjaGlldmVtZW50Il0sImNyaXRlcmlhIjp7Im5hcnJhdGl2ZSI6IlRlYW0gbWVtYmVycyBhcmUgbm9taW5hdGVkIGZvciB0aGlzIGJhZGdlIGJ5IHRoZWlyIHBlZXJzIGFuZCByZWNvZ25pemVkIHVwb24gcmV2aWV3IGJ5IEV4YW1wbGUgQ29ycCBtYW5hZ2VtZW50LiJ9LCJkZXNjcmlwdGlvbiI6IlRoaXMgYmFkZ2UgcmVjb2duaXplcyB0aGUgZGV2ZWxvcG1lbnQgb2YgdGhlIGNhcGFjaXR5IHRvIGNvbGxhYm9yYXRlIHdpdGhpbiBhIGdyb3VwIGVudmlyb25tZW50LiIsIm5hbWUiOiJUZWFtd29yayJ9fSwiaXNzIjoiaHR0cHM6Ly9leGFtcGxlLmVkdS9pc3N1ZXJzLzU2NTA0OSIsImp0aSI6Imh0dHA6Ly9leGFtcGxlLmNvbS9jcmVkZW50aWFscy8zNTI3IiwibmJmIjoxMjYyMzA0MDAwLCJzdWIiOiJkaWQ6ZXhhbXBsZTplYmZlYjFmNzEyZWJjNmYxYzI3NmUxMmVjMjEifQ.Evia7Ur_GuFZ-4_ivDjHJrAIIvk5v93zkPAvCm6G9h19CtnNJRq4PJ2QI8YWYfklijINAg__0r439JzfVl4KjFtzWs4MOnm4GpKYOskD1VRbxH7kA5mRD6aMIHB0VpJXK20CFHewhkWOcjrqnnEu-8YPW9FdakDvt-vXyBdcWU-hStY4b4eM0iyImlBhzIU5FF1FTJjjmABU8Zap3NEb45llhMtoju0zYTPoBIT_QF7OqKsUyZfHPLVi-GB00aP6zmUTrw6eZf3ntvEiItiVpE1po64ByGh6eUeLtlfHyJsSDFDPddHKxfovvoOPUmw0JcGmi7OH30JUKNPV_09MAw";
const RSA_N: &str = "7D0UJd7q_gI8wReITff7Yf19LV-Xrb9Tq7h-OyWkp39kDcW5iBy9Sj24c2PFDpaJSgD2aYe4BH567I9YAPeck5AHABI0Xlrcsf9aSWZX-hFlTcSONM8DKu1s-0BikOHNbKwIDYGXbmS7C9dm-6APB711pTyLHD6RTfOU5SxreYQUIqbOaMZL_vfMyLuBV_muvKBwO2Fa6V-BulhNdAZVs3VpxOjZvBA6l2JFqgLKKYBFR2-7SUBzAxd8SnH6dk-dSLVJXpsN6OL634gmpL1EgtBOl1wo9e5YUTuzd4Bfz6hp0FsvKNVpU5vj1wPMYr5Adi9gMfjNfxmZZGciT57sCw";

fn rsa_issuer(method_type: &str) -> ControllerDocuments {
    ControllerDocuments::new()
        .with(json!({
            "id": "https://example.edu/issuers/565049",
            "verificationMethod": [{
                "id": "https://example.edu/issuers/565049#rsa-key-1",
                "type": method_type,
                "controller": "https://example.edu/issuers/565049",
                "publicKeyJwk": {"kty": "RSA", "n": RSA_N, "e": "AQAB"}
            }],
            "assertionMethod": ["https://example.edu/issuers/565049#rsa-key-1"]
        }))
        .unwrap()
}

#[test]
fn rs256_from_an_independent_implementation_verifies() {
    for method_type in ["JsonWebKey", "JsonWebKey2020"] {
        let verified = jwt::verify(RS256_TOKEN, &rsa_issuer(method_type)).unwrap();
        assert_eq!(verified.alg, JwsAlgorithm::Rs256);
        assert_eq!(verified.credential, ob3());
        assert_eq!(
            verified.controller.as_deref(),
            Some("https://example.edu/issuers/565049")
        );
        assert_eq!(
            verified.claims.iss.as_deref(),
            Some("https://example.edu/issuers/565049")
        );
    }
    // One changed payload character, or signature byte: refused.
    let (head, rest) = RS256_TOKEN.split_once('.').unwrap();
    let (payload, signature) = rest.split_once('.').unwrap();
    let mut payload = payload.to_owned();
    payload.replace_range(10..11, if &payload[10..11] == "A" { "B" } else { "A" });
    let tampered = format!("{head}.{payload}.{signature}");
    assert!(jwt::verify(&tampered, &rsa_issuer("JsonWebKey")).is_err());
    let mut sig = URL_SAFE_NO_PAD.decode(signature).unwrap();
    sig[0] ^= 1;
    let bad_sig = format!(
        "{head}.{rest_payload}.{}",
        URL_SAFE_NO_PAD.encode(&sig),
        rest_payload = rest.split_once('.').unwrap().0
    );
    assert_eq!(
        jwt::verify(&bad_sig, &rsa_issuer("JsonWebKey")),
        Err(JwtError::BadSignature)
    );
    // A relative kid is resolved against iss.
    let key = ed_key();
    let documents = ControllerDocuments::new()
        .with(json!({"id": "https://example.edu/issuers/565049", "verificationMethod": [{"id": "#ed",
            "type": "Multikey", "publicKeyMultibase": key.public_multibase()}], "assertionMethod": ["#ed"]}))
        .unwrap();
    let relative = jwt::issue(&ob3(), &key, JwtKeyHeader::Kid("#ed".into())).unwrap();
    let verified = jwt::verify(&relative, &documents).unwrap();
    assert_eq!(
        verified.controller.as_deref(),
        Some("https://example.edu/issuers/565049")
    );
    // Without the controller document, the error says what to supply.
    let Err(JwtError::Resolve(ResolveError::Unknown { controller, .. })) =
        jwt::verify(RS256_TOKEN, &none())
    else {
        panic!("unknown kid must be reported")
    };
    assert_eq!(controller, "https://example.edu/issuers/565049");
}

#[test]
fn vc11_vc_claim_form_verifies_with_a_warning() {
    let key = ed_key();
    let vc = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"degree": "BSc"}
    });
    let payload = json!({"iss": "did:example:issuer", "jti": "urn:uuid:1", "sub": "did:example:alice",
        "nbf": 1_262_304_000, "vc": vc});
    let token = forge(
        &json!({"alg": "EdDSA", "typ": "JWT", "kid": kid(&key)}),
        &payload,
        &key,
    );
    let verified = jwt::verify(&token, &none()).unwrap();
    assert!(verified.warnings.contains(&JwtWarning::VcClaim));
    assert_eq!(verified.credential["issuer"], "did:example:issuer");
    assert_eq!(verified.credential["id"], "urn:uuid:1");
    assert_eq!(
        verified.credential["credentialSubject"]["id"],
        "did:example:alice"
    );
    assert_eq!(verified.credential["issuanceDate"], "2010-01-01T00:00:00Z");
}

#[test]
fn tampered_wrong_key_and_unsigned_tokens_fail() {
    let key = ed_key();
    let token = jwt::issue(&ob3(), &key, JwtKeyHeader::Kid(kid(&key))).unwrap();

    let mut bytes = token.clone().into_bytes();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        jwt::verify(&String::from_utf8(bytes).unwrap(), &none()),
        Err(JwtError::BadSignature)
    );

    // Signed by one key, naming another.
    let other = KeyPair::from_ed25519_seed(&[13; 32]);
    let (header, payload) = parts(&token);
    let mut wrong_kid = header.clone();
    wrong_kid["kid"] = json!(kid(&other));
    assert_eq!(
        jwt::verify(&forge(&wrong_kid, &payload, &key), &none()),
        Err(JwtError::BadSignature)
    );

    // A changed claim with a valid signature from the right key is a claim mismatch.
    let mut lying = payload.clone();
    lying["iss"] = json!("https://evil.example");
    let Err(JwtError::ClaimMismatch { claim: "iss", .. }) =
        jwt::verify(&forge(&header, &lying, &key), &none())
    else {
        panic!("iss must match the issuer")
    };
    let mut late = payload.clone();
    late["nbf"] = json!(1_262_304_001);
    assert!(matches!(
        jwt::verify(&forge(&header, &late, &key), &none()),
        Err(JwtError::ClaimMismatch { claim: "nbf", .. })
    ));

    // alg none, with or without a signature.
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let body = token.split('.').nth(1).unwrap();
    assert_eq!(
        jwt::verify(&format!("{none_header}.{body}."), &none()),
        Err(JwtError::AlgNone)
    );
    let mut hs = header.clone();
    hs["alg"] = json!("HS256");
    assert_eq!(
        jwt::verify(&forge(&hs, &payload, &key), &none()),
        Err(JwtError::UnsupportedAlgorithm("HS256".into()))
    );
    // EdDSA key, ES256 claimed.
    let mut es = header.clone();
    es["alg"] = json!("ES256");
    assert!(matches!(
        jwt::verify(&forge(&es, &payload, &key), &none()),
        Err(JwtError::Key(KeyError::AlgorithmMismatch { .. }))
    ));
}

#[test]
fn header_rules() {
    let key = ed_key();
    let payload = parts(&jwt::issue(&ob3(), &key, JwtKeyHeader::Jwk).unwrap()).1;
    let mut jwk = key.to_private_jwk();
    let with_d = json!({"alg": "EdDSA", "jwk": jwk.clone()});
    assert_eq!(
        jwt::verify(&forge(&with_d, &payload, &key), &none()),
        Err(JwtError::Key(KeyError::PrivateKeyInJwk))
    );
    jwk.as_object_mut().unwrap().remove("d");
    let extra = json!({"alg": "EdDSA", "jwk": jwk, "cty": "vc"});
    let verified = jwt::verify(&forge(&extra, &payload, &key), &none()).unwrap();
    assert!(
        verified
            .warnings
            .contains(&JwtWarning::ExtraHeader("cty".into()))
    );
    let bad_typ = json!({"alg": "EdDSA", "kid": kid(&key), "typ": "vc+jwt"});
    assert_eq!(
        jwt::verify(&forge(&bad_typ, &payload, &key), &none()),
        Err(JwtError::BadType("vc+jwt".into()))
    );
    let crit = json!({"alg": "EdDSA", "kid": kid(&key), "crit": ["b64"]});
    assert!(matches!(
        jwt::verify(&forge(&crit, &payload, &key), &none()),
        Err(JwtError::CriticalHeader(_))
    ));
    let no_key = json!({"alg": "EdDSA"});
    assert_eq!(
        jwt::verify(&forge(&no_key, &payload, &key), &none()),
        Err(JwtError::MissingKey)
    );
    let other = KeyPair::from_ed25519_seed(&[14; 32]);
    let mismatch = json!({"alg": "EdDSA", "kid": kid(&other), "jwk": key.public_key().to_jwk()});
    assert!(matches!(
        jwt::verify(&forge(&mismatch, &payload, &key), &none()),
        Err(JwtError::KidJwkMismatch { .. })
    ));
}

#[test]
fn hostile_tokens_are_errors_not_panics() {
    for token in [
        "",
        ".",
        "..",
        "a.b",
        "a.b.c.d",
        "!!!.e30.",
        "e30.e30.",
        "W10.e30.",
        "e30.W10.",
        "eyJhbGciOiJFZERTQSJ9.e30.%%%",
    ] {
        assert!(
            matches!(
                jwt::verify(token, &none()),
                Err(JwtError::Malformed(_) | JwtError::MissingKey)
            ),
            "{token:?}"
        );
    }
    let key = ed_key();
    let not_credential = forge(
        &json!({"alg": "EdDSA", "kid": kid(&key)}),
        &json!({"iss": "x"}),
        &key,
    );
    assert!(matches!(
        jwt::verify(&not_credential, &none()),
        Err(JwtError::NotACredential(_))
    ));
    assert!(matches!(
        jwt::issue(&json!([1]), &key, JwtKeyHeader::Jwk),
        Err(JwtError::Issue(_))
    ));
    assert!(matches!(
        jwt::issue(&json!({"issuer": "x"}), &key, JwtKeyHeader::Jwk),
        Err(JwtError::Issue(_))
    ));
}
