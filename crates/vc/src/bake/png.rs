//! PNG baking by chunk splicing.
//!
//! Chunks are spliced by hand rather than through the `png` crate because decoding and
//! re-encoding would rewrite the image data (and drop ancillary chunks); baking must leave
//! every byte of the picture as the issuer made it.

use std::io::Read;

use flate2::read::ZlibDecoder;

use super::payload::{check_for_baking, classify};
use super::{BakeError, BakedPayload, MAX_BAKED_CREDENTIAL_BYTES};

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The Open Badges 3.0 keyword.
const KEYWORD_OB3: &[u8] = b"openbadgecredential";
/// The Open Badges 1.0/2.0 keyword, read for old images and removed when re-baking.
const KEYWORD_OB2: &[u8] = b"openbadges";
/// The PNG specification's limit on a chunk length (2^31 - 1).
const MAX_CHUNK_LEN: usize = 0x7fff_ffff;

/// One chunk, borrowed from the file, with the byte offset of its length field.
struct Chunk<'a> {
    offset: usize,
    kind: [u8; 4],
    data: &'a [u8],
    /// The whole chunk as stored: length, type, data and CRC.
    raw: &'a [u8],
}

impl Chunk<'_> {
    fn name(&self) -> String {
        String::from_utf8_lossy(&self.kind).into_owned()
    }
}

/// Bakes `payload` into `png` as one uncompressed `iTXt` chunk with keyword
/// `openbadgecredential`, placed just before `IEND`. Any credential already baked (Open
/// Badges 3.0 or 2.0) is removed first, so the image never carries two credentials.
pub fn bake_png(png: &[u8], payload: &BakedPayload) -> Result<Vec<u8>, BakeError> {
    let text = check_for_baking(payload)?;
    let chunks = parse_chunks(png)?;

    let mut out = Vec::with_capacity(png.len() + text.len() + 64);
    out.extend_from_slice(&SIGNATURE);
    for chunk in &chunks {
        if &chunk.kind == b"IEND" {
            write_itxt(&mut out, text);
        }
        if is_baked_text(chunk) {
            continue;
        }
        out.extend_from_slice(chunk.raw);
    }
    Ok(out)
}

/// Reads the credential baked in `png`: the `openbadgecredential` iTXt chunk, or failing
/// that an Open Badges 2.0 `openbadges` iTXt, zTXt or tEXt chunk. The whole file is checked
/// (signature, every length and CRC), so a corrupted image is reported, not half-read.
pub fn unbake_png(png: &[u8]) -> Result<BakedPayload, BakeError> {
    let chunks = parse_chunks(png)?;
    let mut ob3 = None;
    let mut ob2 = None;
    for chunk in &chunks {
        let Some((keyword, text)) = read_text_chunk(chunk)? else {
            continue;
        };
        if keyword == KEYWORD_OB3 {
            if ob3.is_some() {
                return Err(BakeError::DuplicateCredential);
            }
            ob3 = Some(text);
        } else if keyword == KEYWORD_OB2 && ob2.is_none() {
            ob2 = Some(text);
        }
    }
    match ob3.or(ob2) {
        Some(text) => classify(&text),
        None => Err(BakeError::NoCredential),
    }
}

/// Splits the file into chunks, checking the signature, every length and CRC, that `IHDR`
/// comes first and that `IEND` ends the stream. Bytes after `IEND` are ignored (some tools
/// append data there) and not carried into a baked image.
fn parse_chunks(png: &[u8]) -> Result<Vec<Chunk<'_>>, BakeError> {
    let body = png.strip_prefix(&SIGNATURE).ok_or(BakeError::NotPng)?;
    let mut chunks = Vec::new();
    let mut offset = SIGNATURE.len();
    let mut rest = body;
    loop {
        let (chunk, tail) = next_chunk(rest, offset)?;
        if chunks.is_empty() && &chunk.kind != b"IHDR" {
            return Err(BakeError::PngMalformed {
                offset,
                reason: format!("the first chunk is {} instead of IHDR", chunk.name()),
            });
        }
        let is_end = &chunk.kind == b"IEND";
        offset += chunk.raw.len();
        chunks.push(chunk);
        if is_end {
            return Ok(chunks);
        }
        if tail.is_empty() {
            return Err(BakeError::PngTruncated {
                chunk: "IEND".into(),
                offset,
            });
        }
        rest = tail;
    }
}

fn next_chunk(bytes: &[u8], offset: usize) -> Result<(Chunk<'_>, &[u8]), BakeError> {
    let truncated = |chunk: &str| BakeError::PngTruncated {
        chunk: chunk.to_owned(),
        offset,
    };
    let (header, _) = bytes
        .split_first_chunk::<8>()
        .ok_or_else(|| truncated("header"))?;
    let [l0, l1, l2, l3, t0, t1, t2, t3] = *header;
    let kind = [t0, t1, t2, t3];
    let name = String::from_utf8_lossy(&kind).into_owned();
    if !kind.iter().all(u8::is_ascii_alphabetic) {
        return Err(BakeError::PngMalformed {
            offset,
            reason: format!("chunk type {kind:02x?} is not four ASCII letters"),
        });
    }
    let len = usize::try_from(u32::from_be_bytes([l0, l1, l2, l3])).unwrap_or(usize::MAX);
    if len > MAX_CHUNK_LEN {
        return Err(BakeError::PngMalformed {
            offset,
            reason: format!("chunk {name} declares {len} bytes, over the PNG limit of 2^31-1"),
        });
    }
    let total = len
        .checked_add(12)
        .filter(|total| *total <= bytes.len())
        .ok_or_else(|| truncated(&name))?;
    let (raw, tail) = bytes.split_at(total);
    let data = raw.get(8..8 + len).ok_or_else(|| truncated(&name))?;
    let stored_crc = raw
        .get(8 + len..)
        .and_then(|crc| <[u8; 4]>::try_from(crc).ok())
        .map(u32::from_be_bytes)
        .ok_or_else(|| truncated(&name))?;
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&kind);
    hasher.update(data);
    if hasher.finalize() != stored_crc {
        return Err(BakeError::PngBadCrc {
            chunk: name,
            offset,
        });
    }
    Ok((
        Chunk {
            offset,
            kind,
            data,
            raw,
        },
        tail,
    ))
}

/// True for a text chunk holding a baked credential (either keyword), whatever its form.
fn is_baked_text(chunk: &Chunk<'_>) -> bool {
    matches!(&chunk.kind, b"iTXt" | b"zTXt" | b"tEXt")
        && chunk
            .data
            .split(|b| *b == 0)
            .next()
            .is_some_and(|keyword| keyword == KEYWORD_OB3 || keyword == KEYWORD_OB2)
}

/// The keyword and text of an `iTXt`, `zTXt` or `tEXt` chunk whose keyword is one of the
/// badge keywords; `None` for any other chunk, which is left unread.
fn read_text_chunk<'a>(chunk: &Chunk<'a>) -> Result<Option<(&'a [u8], String)>, BakeError> {
    if !is_baked_text(chunk) {
        return Ok(None);
    }
    let malformed = |what: &str| {
        BakeError::MalformedTextChunk(format!(
            "{} chunk at byte {}: {what}",
            chunk.name(),
            chunk.offset
        ))
    };
    let (keyword, rest) = split_at_nul(chunk.data).ok_or_else(|| malformed("no keyword"))?;
    let text = match &chunk.kind {
        b"tEXt" => latin1(rest),
        b"zTXt" => {
            let (&method, compressed) = rest
                .split_first()
                .ok_or_else(|| malformed("no compression method"))?;
            if method != 0 {
                return Err(malformed("unknown compression method"));
            }
            latin1(&inflate_bounded(compressed)?)
        }
        _ => {
            let [flag, method, tail @ ..] = rest else {
                return Err(malformed("no compression flag"));
            };
            let (_language, tail) =
                split_at_nul(tail).ok_or_else(|| malformed("unterminated language tag"))?;
            let (_translated, text) =
                split_at_nul(tail).ok_or_else(|| malformed("unterminated translated keyword"))?;
            let bytes = match (flag, method) {
                (0, _) => text.to_vec(),
                (1, 0) => inflate_bounded(text)?,
                _ => return Err(malformed("unknown compression flag or method")),
            };
            if bytes.len() > MAX_BAKED_CREDENTIAL_BYTES {
                return Err(BakeError::CredentialTooLarge {
                    limit: MAX_BAKED_CREDENTIAL_BYTES,
                });
            }
            String::from_utf8(bytes).map_err(|_| BakeError::NotUtf8)?
        }
    };
    Ok(Some((keyword, text)))
}

fn split_at_nul(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|b| *b == 0)?;
    Some((bytes.get(..at)?, bytes.get(at + 1..)?))
}

/// `tEXt` and `zTXt` are Latin-1 by definition.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// zlib-inflates at most the credential cap; one byte more is refused as a bomb.
fn inflate_bounded(compressed: &[u8]) -> Result<Vec<u8>, BakeError> {
    let mut out = Vec::new();
    ZlibDecoder::new(compressed)
        .take(MAX_BAKED_CREDENTIAL_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| BakeError::Decompression(e.to_string()))?;
    if out.len() > MAX_BAKED_CREDENTIAL_BYTES {
        return Err(BakeError::CredentialTooLarge {
            limit: MAX_BAKED_CREDENTIAL_BYTES,
        });
    }
    Ok(out)
}

/// Appends an uncompressed `iTXt` chunk: keyword, NUL, flag 0, method 0, empty language tag
/// and translated keyword (each NUL-terminated), then the UTF-8 text.
fn write_itxt(out: &mut Vec<u8>, text: &str) {
    let mut data = Vec::with_capacity(KEYWORD_OB3.len() + 5 + text.len());
    data.extend_from_slice(KEYWORD_OB3);
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    // `check_for_baking` caps the text far below the u32 range.
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b"iTXt");
    out.extend_from_slice(&data);
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(b"iTXt");
    hasher.update(&data);
    out.extend_from_slice(&hasher.finalize().to_be_bytes());
}
