//! The hash function RDFC-1.0 runs with, producing the lowercase hex strings the algorithm
//! compares and concatenates.

use sha2::{Digest, Sha256, Sha384};

/// The hash function RDFC-1.0 runs with. SHA-256 is the default of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashAlgorithm {
    #[default]
    Sha256,
    Sha384,
}

impl HashAlgorithm {
    /// Hashes `data` and returns lowercase hex.
    pub(crate) fn hex_digest(self, data: &[u8]) -> String {
        match self {
            HashAlgorithm::Sha256 => lower_hex(&Sha256::digest(data)),
            HashAlgorithm::Sha384 => lower_hex(&Sha384::digest(data)),
        }
    }
}

/// Hex without a per-character iterator: this runs once per hash, many times per document.
fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            HashAlgorithm::Sha256.hex_digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            HashAlgorithm::Sha384.hex_digest(b"abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
             8086072ba1e7cc2358baeca134c825a7"
        );
    }
}
