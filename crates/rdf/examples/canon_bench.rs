//! Measures RDFC-1.0 on an N-Quads file, by hand, in release:
//! `cargo run --release -p tsumiki-rdf --example canon_bench -- FILE.nq [ITERATIONS]`
//! (default: the 1EdTech OB 3.0 vector's canonical document).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Instant;

use tsumiki_rdf::{CanonLimits, HashAlgorithm, canonicalize, parse_nquads};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/test-vectors/ob-v3p0/document-canon.txt"
        )
        .to_owned()
    });
    let iterations: u32 = args.next().map_or(20_000, |n| n.parse().unwrap());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let quads = parse_nquads(&text).unwrap();
    let start = Instant::now();
    let blank_nodes = match canonicalize(&quads, HashAlgorithm::Sha256, &CanonLimits::default()) {
        Ok(canonical) => canonical.issued_identifiers.len(),
        Err(err) => {
            println!("{path}: refused after {:?}: {err}", start.elapsed());
            return;
        }
    };
    let limits = CanonLimits::default();
    let mut bytes = 0;
    for _ in 0..iterations / 10 {
        bytes += canonicalize(&quads, HashAlgorithm::Sha256, &limits)
            .unwrap()
            .nquads
            .len();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        bytes += canonicalize(&quads, HashAlgorithm::Sha256, &limits)
            .unwrap()
            .nquads
            .len();
    }
    let per_call = start.elapsed() / iterations;
    println!(
        "{path}: {} quads, {blank_nodes} blank nodes: {per_call:?} per canonicalization ({bytes} bytes total)",
        quads.len()
    );
}
