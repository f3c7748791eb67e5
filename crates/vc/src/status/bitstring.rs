//! The status bit string itself: bit addressing, GZIP and multibase encoding.

use std::io::{Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use super::StatusError;

/// The spec's minimum list length (16 KiB of bits) that gives holders herd privacy.
pub const MIN_LIST_BITS: u64 = 131_072;

/// Cap on the expanded list: a GZIP bomb in a fetched list must not take the verifier's memory.
/// 16 MiB is 134 million entries, far more than any real list.
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// Cap on the encoded text: a legitimate maximal list compresses far below this.
const MAX_ENCODED_CHARS: usize = MAX_LIST_BYTES;

/// Accepts `=` padding when reading because some issuers pad, while writing follows the
/// spec's "no padding".
const BASE64URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An issuer's status list: bit 0 is the most significant bit of the first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitstringStatusList {
    bytes: Vec<u8>,
}

impl BitstringStatusList {
    /// An all-zero list of at least `len_bits` bits, raised to the spec's minimum of
    /// 131,072 and rounded up to whole bytes.
    pub fn new(len_bits: u64) -> Result<Self, StatusError> {
        let bits = len_bits.max(MIN_LIST_BITS);
        let limit_bits = MAX_LIST_BYTES as u64 * 8;
        if bits > limit_bits {
            return Err(StatusError::ListTooLong { bits, limit_bits });
        }
        let len = usize::try_from(bits.div_ceil(8))
            .map_err(|_| StatusError::ListTooLong { bits, limit_bits })?;
        Ok(Self {
            bytes: vec![0; len],
        })
    }

    /// Length in bits (always a multiple of 8).
    pub fn len_bits(&self) -> u64 {
        self.bytes.len() as u64 * 8
    }

    /// Sets or clears one bit.
    pub fn set(&mut self, index: u64, value: bool) -> Result<(), StatusError> {
        self.set_value(index, 1, u64::from(value))
    }

    /// Reads one bit.
    pub fn get(&self, index: u64) -> Result<bool, StatusError> {
        Ok(self.get_value(index, 1)? != 0)
    }

    /// Reads entry `index` of `status_size` bits (the bits from `index * status_size`),
    /// most significant bit first.
    pub fn get_value(&self, index: u64, status_size: u32) -> Result<u64, StatusError> {
        let start = self.entry_start(index, status_size)?;
        let mut value = 0u64;
        for bit in start..start + u64::from(status_size) {
            value = (value << 1) | u64::from(self.bit(bit));
        }
        Ok(value)
    }

    /// Writes entry `index` of `status_size` bits; `value` must fit in `status_size` bits.
    pub fn set_value(
        &mut self,
        index: u64,
        status_size: u32,
        value: u64,
    ) -> Result<(), StatusError> {
        let start = self.entry_start(index, status_size)?;
        if status_size < 64 && value >> status_size != 0 {
            return Err(StatusError::Malformed {
                field: "status value",
                reason: format!("{value} does not fit in {status_size} bits"),
            });
        }
        for offset in 0..u64::from(status_size) {
            let shift = u64::from(status_size) - 1 - offset;
            self.put_bit(start + offset, (value >> shift) & 1 == 1);
        }
        Ok(())
    }

    /// Multibase `u` + base64url (no padding) of the GZIP-compressed bits, as `encodedList`
    /// requires.
    pub fn encode(&self) -> Result<String, StatusError> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder
            .write_all(&self.bytes)
            .map_err(|e| StatusError::Compression(e.to_string()))?;
        let gz = encoder
            .finish()
            .map_err(|e| StatusError::Compression(e.to_string()))?;
        Ok(format!("u{}", general_purpose::URL_SAFE_NO_PAD.encode(gz)))
    }

    /// Reads an `encodedList`: multibase `u` base64url of GZIP, or the StatusList2021-era
    /// form without the multibase prefix. The result may be shorter than the spec minimum;
    /// [`super::check_bitstring`] is where that is judged.
    pub fn decode(encoded: &str) -> Result<Self, StatusError> {
        if encoded.len() > MAX_ENCODED_CHARS {
            return Err(StatusError::BadEncoding(format!(
                "{} characters is more than the {MAX_ENCODED_CHARS} accepted",
                encoded.len()
            )));
        }
        // GZIP always starts with 0x1f 0x8b, i.e. "H4sI" in base64, never "u": so the
        // multibase prefix and the legacy unprefixed form cannot be confused.
        let body = encoded.strip_prefix('u').unwrap_or(encoded);
        if body.is_empty() {
            return Err(StatusError::BadEncoding("the list is empty".into()));
        }
        let gz = BASE64URL_LENIENT
            .decode(body)
            .map_err(|e| StatusError::BadEncoding(e.to_string()))?;
        let bytes = gunzip_bounded(&gz, MAX_LIST_BYTES)?;
        if bytes.is_empty() {
            return Err(StatusError::BadCompression(
                "it expands to an empty list".into(),
            ));
        }
        Ok(Self { bytes })
    }

    /// Bit position of entry `index`, after checking the whole entry lies inside the list.
    fn entry_start(&self, index: u64, status_size: u32) -> Result<u64, StatusError> {
        if status_size == 0 || status_size > 64 {
            return Err(StatusError::UnsupportedStatusSize(u64::from(status_size)));
        }
        let out_of_range = || StatusError::IndexOutOfRange {
            index,
            status_size,
            list_bits: self.len_bits(),
        };
        let start = index
            .checked_mul(u64::from(status_size))
            .ok_or_else(out_of_range)?;
        let end = start
            .checked_add(u64::from(status_size))
            .ok_or_else(out_of_range)?;
        if end > self.len_bits() {
            return Err(out_of_range());
        }
        Ok(start)
    }

    /// Callers have range-checked `bit` through `entry_start`; `get` keeps this panic-free
    /// regardless.
    fn bit(&self, bit: u64) -> bool {
        let byte = usize::try_from(bit / 8)
            .ok()
            .and_then(|i| self.bytes.get(i))
            .copied()
            .unwrap_or(0);
        byte & (0x80 >> (bit % 8)) != 0
    }

    fn put_bit(&mut self, bit: u64, value: bool) {
        let mask = 0x80u8 >> (bit % 8);
        if let Some(byte) = usize::try_from(bit / 8)
            .ok()
            .and_then(|i| self.bytes.get_mut(i))
        {
            if value {
                *byte |= mask;
            } else {
                *byte &= !mask;
            }
        }
    }
}

/// GZIP-decodes at most `limit` bytes; one byte more means a bomb (or an absurd list).
pub(crate) fn gunzip_bounded(gz: &[u8], limit: usize) -> Result<Vec<u8>, StatusError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    GzDecoder::new(gz)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| StatusError::BadCompression(e.to_string()))?;
    if out.len() > limit {
        return Err(StatusError::ListTooLarge { limit });
    }
    Ok(out)
}
