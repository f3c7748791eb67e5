//! The published test vectors, byte for byte: W3C vc-di-eddsa (eddsa-rdfc-2022) and the
//! 1EdTech Open Badges 3.0 and CLR 2.0 linked-data-proof vectors.
//!
//! Each vector is checked at two levels: the cryptographic layer from the published canonical
//! texts, and the full pipeline (JSON → canonical N-Quads → proof) through the production
//! JSON-LD processor, with the oxjsonld oracle as a second opinion.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tsumiki_jsonld::{DocumentStore, JsonLdProcessor, oracle};
use tsumiki_vc::di::{
    self, Canonicalizer, ProofError, ProofOptions, hash_data, sign_hash_data, verify_hash_data,
};
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::keys::{KeyFile, KeyPair, PublicKey};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/test-vectors");

fn text(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

fn json_file(path: &str) -> Value {
    serde_json::from_str(&text(path)).unwrap()
}

struct Oracle(DocumentStore);

impl Canonicalizer for Oracle {
    fn canonical_nquads(&self, document: &Value) -> Result<String, ProofError> {
        oracle::canonical_nquads(&document.to_string(), &self.0)
            .map_err(ProofError::Canonicalization)
    }
}

fn oracle_ld() -> Oracle {
    Oracle(DocumentStore::bundled())
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

// ---------------------------------------------------------------- W3C vc-di-eddsa

const W3C: &str = "vc-di-eddsa/eddsa-rdfc-2022";

fn w3c_key() -> tsumiki_vc::keys::IssuerKey {
    KeyFile::from_json(&text("vc-di-eddsa/keyPair.json")).unwrap()
}

fn w3c_options() -> ProofOptions {
    let config = json_file(&format!("{W3C}/proofConfigDataInt.json"));
    ProofOptions::new(
        config["created"].as_str().unwrap(),
        config["verificationMethod"].as_str().unwrap(),
    )
}

#[test]
fn w3c_key_file_is_the_did_key_of_the_signed_document() {
    let key = w3c_key();
    let signed = json_file(&format!("{W3C}/signedDataInt.json"));
    assert_eq!(
        key.verification_method,
        signed["proof"]["verificationMethod"]
    );
    assert_eq!(
        key.controller,
        "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
}

#[test]
fn w3c_crypto_layer_reproduces_hashes_and_signature() {
    let canon_doc = text(&format!("{W3C}/canonDocDataInt.txt"));
    let canon_proof = text(&format!("{W3C}/proofCanonDataInt.txt"));
    assert_eq!(
        sha256_hex(&canon_doc),
        text(&format!("{W3C}/docHashDataInt.txt")).trim()
    );
    assert_eq!(
        sha256_hex(&canon_proof),
        text(&format!("{W3C}/proofHashDataInt.txt")).trim()
    );

    let doc_hash: [u8; 32] = Sha256::digest(canon_doc.as_bytes()).into();
    let combined = hash_data(&canon_proof, &doc_hash);
    assert_eq!(
        hex::encode(combined),
        text(&format!("{W3C}/combinedHashDataInt.txt")).trim()
    );

    let key = w3c_key().key;
    let signature = key.sign(&combined);
    assert_eq!(
        hex::encode(&signature),
        text(&format!("{W3C}/sigHexDataInt.txt")).trim()
    );

    let signing = KeyPair::from_secret_multibase(
        json_file("vc-di-eddsa/keyPair.json")["privateKeyMultibase"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let PublicKey::Ed25519(public) = signing.public_key() else {
        panic!("Ed25519 expected")
    };
    let proof_value = text(&format!("{W3C}/sigBTC58DataInt.txt"))
        .trim()
        .to_owned();
    let raw = ed25519_dalek::SigningKey::from_bytes(&key_seed(&signing));
    assert_eq!(sign_hash_data(&raw, &combined), proof_value);
    verify_hash_data(&public, &combined, &proof_value).unwrap();

    let mut tampered = combined;
    tampered[0] ^= 1;
    assert_eq!(
        verify_hash_data(&public, &tampered, &proof_value),
        Err(ProofError::BadSignature)
    );
}

/// The 32-byte seed of an Ed25519 key pair, via its private JWK.
fn key_seed(key: &KeyPair) -> [u8; 32] {
    use base64::Engine as _;
    let d = key.to_private_jwk()["d"].as_str().unwrap().to_owned();
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(d)
        .unwrap()
        .try_into()
        .unwrap()
}

fn w3c_pipeline(ld: &(impl Canonicalizer + ?Sized)) {
    let unsigned = json_file("vc-di-eddsa/unsigned.json");
    let canonical = di::canonicalize_unsecured(&unsigned, ld).unwrap();
    assert_eq!(
        canonical.nquads,
        text(&format!("{W3C}/canonDocDataInt.txt"))
    );

    let signed = di::sign(&unsigned, &w3c_key().key, &w3c_options(), ld).unwrap();
    let expected = json_file(&format!("{W3C}/signedDataInt.json"));
    assert_eq!(signed, expected);
    assert_eq!(
        serde_json::to_string(&signed["proof"]).unwrap(),
        serde_json::to_string(&expected["proof"]).unwrap(),
        "proof members in the published order"
    );

    let checks = di::verify(&expected, &ControllerDocuments::new(), ld);
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].outcome, Ok(()));
    assert_eq!(
        checks[0].controller.as_deref(),
        Some(w3c_key().controller.as_str())
    );
    assert!(checks[0].warnings.is_empty());
}

#[test]
fn w3c_full_pipeline_fast_path() {
    w3c_pipeline(&JsonLdProcessor::bundled());
}

#[test]
fn w3c_full_pipeline_oracle() {
    w3c_pipeline(&oracle_ld());
}

// ---------------------------------------------------------------- 1EdTech OB 3.0 and CLR 2.0

struct EdTechVector {
    dir: &'static str,
    meta: Value,
}

impl EdTechVector {
    fn load(dir: &'static str) -> Self {
        Self {
            dir,
            meta: json_file(&format!("{dir}/vector.json")),
        }
    }

    fn file(&self, member: &str) -> String {
        text(&format!(
            "{}/{}",
            self.dir,
            self.meta[member].as_str().unwrap()
        ))
    }

    fn hex(&self, member: &str) -> &str {
        self.meta[member].as_str().unwrap()
    }

    fn key(&self) -> KeyPair {
        let secret = hex::decode(self.meta["keyPair"]["secretKeyHex"].as_str().unwrap()).unwrap();
        KeyPair::from_ed25519_secret(&secret).unwrap()
    }

    fn options(&self) -> ProofOptions {
        let options = &self.meta["proofOptions"];
        ProofOptions::new(
            options["created"].as_str().unwrap(),
            options["verificationMethod"].as_str().unwrap(),
        )
    }

    /// The issuer's controller document, as the issuer would publish it.
    fn controller_documents(&self) -> ControllerDocuments {
        let pair = &self.meta["keyPair"];
        let vm = pair["verificationMethod"].as_str().unwrap();
        ControllerDocuments::new()
            .with(json!({
                "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                "id": pair["controller"],
                "verificationMethod": [{
                    "id": vm,
                    "type": "Multikey",
                    "controller": pair["controller"],
                    "publicKeyMultibase": pair["publicKeyMultibase"],
                }],
                "assertionMethod": [vm],
            }))
            .unwrap()
    }

    fn check_keys(&self) {
        let pair = &self.meta["keyPair"];
        let key = self.key();
        assert_eq!(
            hex::encode(key_public_bytes(&key)),
            pair["publicKeyHex"].as_str().unwrap()
        );
        assert_eq!(
            key.public_multibase(),
            pair["publicKeyMultibase"].as_str().unwrap()
        );
        // The published secretKeyMultibase is the 64-byte (seed || public) form.
        let from_multibase =
            KeyPair::from_secret_multibase(pair["secretKeyMultibase"].as_str().unwrap()).unwrap();
        assert_eq!(from_multibase.public_key(), key.public_key());
    }

    fn check_crypto_layer(&self) {
        let canon_doc = self.file("documentCanonical");
        let canon_proof = self.file("proofCanonical");
        assert_eq!(sha256_hex(&canon_doc), self.hex("documentHashHex"));
        assert_eq!(sha256_hex(&canon_proof), self.hex("proofHashHex"));
        let doc_hash: [u8; 32] = Sha256::digest(canon_doc.as_bytes()).into();
        let combined = hash_data(&canon_proof, &doc_hash);
        assert_eq!(hex::encode(combined), self.hex("dataToSignHex"));
        let signature = self.key().sign(&combined);
        assert_eq!(hex::encode(&signature), self.hex("signatureHex"));
        let PublicKey::Ed25519(public) = self.key().public_key() else {
            panic!()
        };
        verify_hash_data(&public, &combined, self.hex("proofValue")).unwrap();
    }

    fn check_pipeline(&self, ld: &(impl Canonicalizer + ?Sized)) {
        let unsigned: Value = serde_json::from_str(&self.file("unsignedDocument")).unwrap();
        let canonical = di::canonicalize_unsecured(&unsigned, ld).unwrap();
        assert_eq!(canonical.nquads, self.file("documentCanonical"));
        let signed = di::sign(&unsigned, &self.key(), &self.options(), ld).unwrap();
        assert_eq!(signed["proof"]["proofValue"], self.meta["proofValue"]);

        let published: Value = serde_json::from_str(&self.file("signedDocument")).unwrap();
        let checks = di::verify(&published, &self.controller_documents(), ld);
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].outcome, Ok(()), "{:?}", checks[0]);
        assert_eq!(
            checks[0].controller,
            self.meta["keyPair"]["controller"]
                .as_str()
                .map(str::to_owned)
        );
        assert_eq!(
            di::verify(&signed, &self.controller_documents(), ld)[0].outcome,
            Ok(())
        );

        // Without the controller document the key is unknown, and the error says what to supply.
        let unknown = di::verify(&published, &ControllerDocuments::new(), ld);
        let message = unknown[0].outcome.as_ref().unwrap_err().to_string();
        assert!(
            message.contains("supply its controller document"),
            "{message}"
        );
    }
}

fn key_public_bytes(key: &KeyPair) -> Vec<u8> {
    match key.public_key() {
        PublicKey::Ed25519(public) => public.as_bytes().to_vec(),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn ob3_keys() {
    EdTechVector::load("ob-v3p0").check_keys();
}

#[test]
fn ob3_crypto_layer() {
    EdTechVector::load("ob-v3p0").check_crypto_layer();
}

#[test]
fn ob3_full_pipeline_fast_path() {
    EdTechVector::load("ob-v3p0").check_pipeline(&JsonLdProcessor::bundled());
}

#[test]
fn ob3_full_pipeline_oracle() {
    EdTechVector::load("ob-v3p0").check_pipeline(&oracle_ld());
}

#[test]
fn clr2_crypto_layer() {
    let vector = EdTechVector::load("clr-v2p0");
    vector.check_keys();
    vector.check_crypto_layer();
}

#[test]
fn clr2_full_pipeline_fast_path() {
    EdTechVector::load("clr-v2p0").check_pipeline(&JsonLdProcessor::bundled());
}

#[test]
fn clr2_full_pipeline_oracle() {
    EdTechVector::load("clr-v2p0").check_pipeline(&oracle_ld());
}
