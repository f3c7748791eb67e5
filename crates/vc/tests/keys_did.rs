//! Keys (Multikey, JWK, key files) and identifiers (did:key, controller documents).

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use serde_json::json;
use tsumiki_vc::did::{
    ControllerDocuments, ResolveError, did_key, did_key_document, did_key_verification_method,
    resolve_did_key,
};
use tsumiki_vc::keys::{
    JwsAlgorithm, KeyAlgorithm, KeyError, KeyFile, KeyPair, PublicKey, RsaPublicKey,
};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/test-vectors");
const W3C_DID: &str = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

struct Fixed(u8);

impl rand_core::RngCore for Fixed {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }
    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        dest.iter_mut().for_each(|b| *b = self.0);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}
impl rand_core::CryptoRng for Fixed {}

#[test]
fn w3c_key_pair_is_its_did_key() {
    let key = KeyFile::from_json(&read("vc-di-eddsa/keyPair.json")).unwrap();
    let public = key.key.public_key();
    assert_eq!(did_key(&public).unwrap(), W3C_DID);
    assert_eq!(
        did_key_verification_method(&public).unwrap(),
        format!("{W3C_DID}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    );
    let signed: serde_json::Value =
        serde_json::from_str(&read("vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")).unwrap();
    let resolved =
        resolve_did_key(signed["proof"]["verificationMethod"].as_str().unwrap()).unwrap();
    assert_eq!(resolved.public_key, public);
    assert_eq!(resolved.controller, W3C_DID);
    assert!(resolved.purposes_ok);
    // The bare DID resolves too; a fragment naming another key does not.
    assert_eq!(resolve_did_key(W3C_DID).unwrap().id, resolved.id);
    assert!(matches!(
        resolve_did_key(&format!("{W3C_DID}#key-1")),
        Err(ResolveError::DidKeyFragment { .. })
    ));
    let document = did_key_document(W3C_DID).unwrap();
    assert_eq!(document["id"], W3C_DID);
    assert_eq!(
        document["verificationMethod"][0]["publicKeyMultibase"],
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
    assert_eq!(document["assertionMethod"][0], resolved.id);
}

#[test]
fn secret_multibase_round_trips() {
    let w3c = serde_json::from_str::<serde_json::Value>(&read("vc-di-eddsa/keyPair.json")).unwrap();
    let secret = w3c["privateKeyMultibase"].as_str().unwrap();
    let key = KeyPair::from_secret_multibase(secret).unwrap();
    assert_eq!(
        key.to_secret_multibase(),
        secret,
        "32-byte seed with prefix 0x8026"
    );
    assert_eq!(key.public_multibase(), w3c["publicKeyMultibase"]);

    let p256 = KeyPair::generate_p256(&mut Fixed(9));
    assert_eq!(p256.algorithm(), KeyAlgorithm::P256);
    let encoded = p256.to_secret_multibase();
    assert_eq!(
        KeyPair::from_secret_multibase(&encoded)
            .unwrap()
            .public_key(),
        p256.public_key()
    );
    let public = p256.public_multibase();
    assert!(public.starts_with("zDn"), "{public}");
    assert_eq!(
        PublicKey::from_multibase(&public).unwrap(),
        p256.public_key()
    );

    let ed = KeyPair::generate_ed25519(&mut Fixed(3));
    assert!(ed.public_multibase().starts_with("z6Mk"));
    assert_eq!(
        KeyPair::from_secret_multibase(&ed.to_secret_multibase())
            .unwrap()
            .public_key(),
        ed.public_key()
    );
}

#[test]
fn sixty_four_byte_secret_must_match_its_public_half() {
    let vector: serde_json::Value = serde_json::from_str(&read("ob-v3p0/vector.json")).unwrap();
    let mut secret = hex::decode(vector["keyPair"]["secretKeyHex"].as_str().unwrap()).unwrap();
    assert!(KeyPair::from_ed25519_secret(&secret).is_ok());
    secret[63] ^= 1;
    assert_eq!(
        KeyPair::from_ed25519_secret(&secret).unwrap_err(),
        KeyError::SeedPublicMismatch
    );
    assert!(matches!(
        KeyPair::from_ed25519_secret(&secret[..40]),
        Err(KeyError::WrongLength { found: 40, .. })
    ));
}

#[test]
fn hostile_multibase_values_are_named_errors() {
    assert!(matches!(
        PublicKey::from_multibase("f00"),
        Err(KeyError::NotBase58Btc { .. })
    ));
    assert!(matches!(
        PublicKey::from_multibase(""),
        Err(KeyError::NotBase58Btc { .. })
    ));
    assert!(matches!(
        PublicKey::from_multibase("z0OIl"),
        Err(KeyError::InvalidBase58 { .. })
    ));
    let huge = format!("z{}", "2".repeat(1_000_000));
    assert!(matches!(
        PublicKey::from_multibase(&huge),
        Err(KeyError::InvalidBase58 { .. })
    ));
    assert!(matches!(
        PublicKey::from_multibase("z"),
        Err(KeyError::WrongLength { .. })
    ));
    let unknown = format!("z{}", bs58::encode([0x12, 0x00, 1, 2, 3]).into_string());
    let Err(KeyError::UnknownMulticodec { prefix, .. }) = PublicKey::from_multibase(&unknown)
    else {
        panic!()
    };
    assert_eq!(prefix, "0x1200");
    let short = format!("z{}", bs58::encode([0xed, 0x01, 1, 2, 3]).into_string());
    assert!(matches!(
        PublicKey::from_multibase(&short),
        Err(KeyError::WrongLength { found: 3, .. })
    ));
    let not_on_curve = format!(
        "z{}",
        bs58::encode([&[0x80u8, 0x24, 0x02][..], &[0xff; 32]].concat()).into_string()
    );
    assert!(matches!(
        PublicKey::from_multibase(&not_on_curve),
        Err(KeyError::InvalidKey { .. })
    ));
    assert!(matches!(
        KeyPair::from_secret_multibase(&short),
        Err(KeyError::UnknownMulticodec { .. })
    ));
    assert!(matches!(
        KeyPair::from_p256_secret(&[0; 32]),
        Err(KeyError::InvalidKey { .. })
    ));
}

#[test]
fn rfc8037_ed25519_jwk() {
    // RFC 8037 appendix A.1 / A.2.
    let private = json!({"kty": "OKP", "crv": "Ed25519",
        "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    let key = KeyPair::from_jwk(&private).unwrap();
    assert_eq!(key.public_key().to_jwk()["x"], private["x"]);
    assert_eq!(key.to_private_jwk()["d"], private["d"]);
    // RFC 8037 A.4: signature over "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".
    let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    let signature = key.sign(input);
    use base64::Engine as _;
    assert_eq!(
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&signature),
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    );
    let public = PublicKey::from_jwk(&key.public_key().to_jwk()).unwrap();
    public
        .verify(JwsAlgorithm::EdDsa, input, &signature)
        .unwrap();
    assert_eq!(
        public.verify(JwsAlgorithm::EdDsa, b"other", &signature),
        Err(KeyError::BadSignature)
    );

    let mut wrong_x = private.clone();
    wrong_x["x"] = key.public_key().to_jwk()["x"]
        .as_str()
        .map(|x| x.replace('1', "2"))
        .unwrap()
        .into();
    assert!(KeyPair::from_jwk(&wrong_x).is_err());
    assert_eq!(
        PublicKey::from_jwk(&private),
        Err(KeyError::PrivateKeyInJwk)
    );
}

#[test]
fn jwk_p256_and_rsa() {
    let key = KeyPair::from_p256_secret(&[5; 32]).unwrap();
    let jwk = key.public_key().to_jwk();
    assert_eq!(jwk["kty"], "EC");
    assert_eq!(PublicKey::from_jwk(&jwk).unwrap(), key.public_key());
    assert_eq!(
        KeyPair::from_jwk(&key.to_private_jwk())
            .unwrap()
            .public_key(),
        key.public_key()
    );
    let signature = key.sign(b"message");
    assert_eq!(signature.len(), 64, "JOSE r || s");
    key.public_key()
        .verify(JwsAlgorithm::Es256, b"message", &signature)
        .unwrap();
    assert!(matches!(
        key.public_key()
            .verify(JwsAlgorithm::EdDsa, b"message", &signature),
        Err(KeyError::AlgorithmMismatch { .. })
    ));
    for bad in [
        json!({"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"}),
        json!({"kty": "oct", "k": "AA"}),
        json!("RSA"),
        json!({"crv": "Ed25519"}),
    ] {
        assert!(
            matches!(PublicKey::from_jwk(&bad), Err(KeyError::Jwk(_))),
            "{bad}"
        );
    }
    let small = RsaPublicKey::new(&[0xff; 128], &[1, 0, 1]);
    assert_eq!(small, Err(KeyError::RsaTooSmall { bits: 1024 }));
    assert!(
        RsaPublicKey::new(&[&[0u8][..], &[0xc0; 256][..]].concat(), &[1, 0, 1]).is_ok(),
        "leading zero ignored"
    );
    assert!(matches!(
        PublicKey::Rsa(RsaPublicKey::new(&[0xc0; 256], &[3]).unwrap()).to_multibase(),
        Err(KeyError::NoMultikeyForRsa)
    ));
}

#[test]
fn key_file_round_trip_and_errors() {
    let key = KeyPair::from_ed25519_seed(&[21; 32]);
    let file = KeyFile::new(
        &key,
        Some("https://issuer.example/org#key-1".into()),
        Some("https://issuer.example/org".into()),
    );
    let json = file.to_json();
    let loaded = KeyFile::from_json(&json).unwrap();
    assert_eq!(
        loaded.verification_method,
        "https://issuer.example/org#key-1"
    );
    assert_eq!(loaded.controller, "https://issuer.example/org");
    assert_eq!(loaded.key.public_key(), key.public_key());

    // Without id and controller it is a did:key; with only an id the controller is its base.
    let bare = KeyFile::from_json(&KeyFile::new(&key, None, None).to_json()).unwrap();
    assert_eq!(
        bare.verification_method,
        did_key_verification_method(&key.public_key()).unwrap()
    );
    let only_id =
        KeyFile::from_json(&KeyFile::new(&key, Some("did:web:x.example#k".into()), None).to_json())
            .unwrap();
    assert_eq!(only_id.controller, "did:web:x.example");

    // Secrets stay out of Debug.
    let secret = key.to_secret_multibase();
    for debug in [
        format!("{file:?}"),
        format!("{loaded:?}"),
        format!("{key:?}"),
    ] {
        assert!(!debug.contains(&secret), "{debug}");
        assert!(debug.contains("redacted"), "{debug}");
    }

    let missing =
        KeyFile::from_json(r#"{"type":"Multikey","secretKeyMultibase":"z1"}"#).unwrap_err();
    assert!(
        missing.to_string().contains("publicKeyMultibase"),
        "{missing}"
    );
    let typo = KeyFile::from_json(
        r#"{"publicKeyMultibase":"z","secretKeyMultibase":"z","contoller":"x"}"#,
    )
    .unwrap_err();
    assert!(typo.to_string().contains("contoller"), "{typo}");
    let mut wrong_type: serde_json::Value = serde_json::from_str(&json).unwrap();
    wrong_type["type"] = json!("JsonWebKey2020");
    assert_eq!(
        KeyFile::from_json(&wrong_type.to_string()).unwrap_err(),
        KeyError::KeyFileType("JsonWebKey2020".into())
    );
    let mut other_public: serde_json::Value = serde_json::from_str(&json).unwrap();
    other_public["publicKeyMultibase"] =
        json!(KeyPair::from_ed25519_seed(&[22; 32]).public_multibase());
    assert_eq!(
        KeyFile::from_json(&other_public.to_string()).unwrap_err(),
        KeyError::PublicKeyMismatch
    );
    assert!(matches!(
        KeyFile::from_json("not json"),
        Err(KeyError::KeyFileSyntax(_))
    ));
}

#[test]
fn controller_documents_resolve_offline() {
    let ed = KeyPair::from_ed25519_seed(&[31; 32]);
    let p256 = KeyPair::from_p256_secret(&[32; 32]).unwrap();
    let legacy = KeyPair::from_ed25519_seed(&[33; 32]);
    let documents = ControllerDocuments::new()
        .with(json!({
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": "did:web:issuer.example",
            "verificationMethod": [
                {"id": "#mk", "type": "Multikey", "controller": "did:web:issuer.example", "publicKeyMultibase": ed.public_multibase()},
                {"id": "did:web:issuer.example#jwk", "type": "JsonWebKey", "controller": "did:web:issuer.example", "publicKeyJwk": p256.public_key().to_jwk()},
                {"id": "#old", "type": "Ed25519VerificationKey2020", "controller": "did:web:issuer.example", "publicKeyMultibase": legacy.public_multibase()},
                {"id": "#odd", "type": "EcdsaSecp256k1VerificationKey2019", "publicKeyMultibase": "z"},
                {"id": "#gone", "type": "Multikey", "publicKeyMultibase": ed.public_multibase(), "revoked": "2024-01-01T00:00:00Z"}
            ],
            "assertionMethod": ["#mk", "did:web:issuer.example#jwk"]
        }))
        .unwrap()
        .with(json!({"id": "https://lone.example/keys/1", "type": "Multikey", "controller": "https://lone.example",
            "publicKeyMultibase": ed.public_multibase()}))
        .unwrap();

    let mk = documents.resolve("did:web:issuer.example#mk").unwrap();
    assert_eq!(
        (mk.public_key, mk.controller.as_str(), mk.purposes_ok),
        (ed.public_key(), "did:web:issuer.example", true)
    );
    let jwk = documents.resolve("did:web:issuer.example#jwk").unwrap();
    assert_eq!(
        (jwk.public_key, jwk.method_type.as_str()),
        (p256.public_key(), "JsonWebKey")
    );
    let old = documents.resolve("did:web:issuer.example#old").unwrap();
    assert_eq!(old.public_key, legacy.public_key());
    assert!(!old.purposes_ok, "not listed under assertionMethod");
    assert!(matches!(
        documents.resolve("did:web:issuer.example#odd"),
        Err(ResolveError::UnsupportedType { .. })
    ));
    assert!(matches!(
        documents.resolve("did:web:issuer.example#gone"),
        Err(ResolveError::Revoked { .. })
    ));
    let lone = documents.resolve("https://lone.example/keys/1").unwrap();
    assert!(lone.purposes_ok, "no controller document known");
    assert_eq!(lone.controller, "https://lone.example");
    // did:key needs no document.
    assert!(
        documents
            .resolve(&did_key_verification_method(&ed.public_key()).unwrap())
            .is_ok()
    );

    let unknown = documents
        .resolve("https://other.example/issuer#key-1")
        .unwrap_err();
    assert_eq!(
        unknown,
        ResolveError::Unknown {
            id: "https://other.example/issuer#key-1".into(),
            controller: "https://other.example/issuer".into()
        }
    );
    assert!(
        unknown
            .to_string()
            .contains("supply its controller document (https://other.example/issuer)")
    );

    let mut bad = ControllerDocuments::new();
    assert!(matches!(
        bad.add(json!({"name": "x"})),
        Err(ResolveError::BadDocument(_))
    ));
    assert!(matches!(
        bad.add(json!("x")),
        Err(ResolveError::BadDocument(_))
    ));
    assert!(matches!(
        bad.add(json!({"publicKeyMultibase": "z"})),
        Err(ResolveError::BadDocument(_))
    ));
    assert!(bad.is_empty());
}

/// `ed25519MultikeyKeyPair` from digitalbazaar/eddsa-2022-cryptosuite test/mock-data.js: an
/// exported Multikey with `@context` and a 64-byte `secretKeyMultibase`.
#[test]
fn digital_bazaar_multikey_file_loads() {
    let file = json!({
        "@context": "https://w3id.org/security/multikey/v1",
        "type": "Multikey",
        "controller": "https://example.edu/issuers/565049",
        "id": "https://example.edu/issuers/565049#z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT",
        "publicKeyMultibase": "z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT",
        "secretKeyMultibase": "zrv3rbPamVDGvrm7LkYPLWYJ35P9audujKKsWn3x29EUiGwwhdZQd1iHhrsmZidtVALBQmhX3j9E5Fvx6Kr29DPt6LH"
    });
    let key = KeyFile::from_json(&file.to_string()).unwrap();
    assert_eq!(key.controller, "https://example.edu/issuers/565049");
    assert_eq!(
        key.key.public_multibase(),
        "z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT"
    );
    // Written back, the secret is the 32-byte seed form.
    let rewritten = KeyFile::new(&key.key, None, None);
    assert_eq!(
        KeyPair::from_secret_multibase(&rewritten.secret_key_multibase)
            .unwrap()
            .public_key(),
        key.key.public_key()
    );
}
