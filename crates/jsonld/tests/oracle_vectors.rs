#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The oracle itself must reproduce the published canonical forms, or it is no oracle.

use tsumiki_jsonld::DocumentStore;
use tsumiki_jsonld::oracle::canonical_nquads;

fn testdata(path: &str) -> String {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/").to_owned() + path;
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

#[test]
fn oracle_reproduces_published_canonical_documents() {
    let store = DocumentStore::bundled();
    for (unsigned, canon) in [
        (
            "test-vectors/ob-v3p0/unsigned.json",
            "test-vectors/ob-v3p0/document-canon.txt",
        ),
        (
            "test-vectors/clr-v2p0/unsigned.json",
            "test-vectors/clr-v2p0/document-canon.txt",
        ),
        (
            "test-vectors/vc-di-eddsa/unsigned.json",
            "test-vectors/vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt",
        ),
    ] {
        let got = canonical_nquads(&testdata(unsigned), &store).expect(unsigned);
        assert_eq!(got.trim_end(), testdata(canon).trim_end(), "{unsigned}");
    }
}
