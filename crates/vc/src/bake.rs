//! Open Badges 3.0 baking: carrying a credential inside its badge image (PNG or SVG) and
//! reading it back, per the "Baked Badge" section of the Open Badges 3.0 specification.
//!
//! Reading also accepts the Open Badges 2.0 forms still found in the wild (PNG `openbadges`
//! text chunks, SVG `<openbadges:assertion>`), because holders keep old images. Images come
//! from users, so every length is checked, every size is capped and nothing is expanded
//! without a bound.

mod payload;
mod png;
mod svg;

pub use png::{bake_png, unbake_png};
pub use svg::{bake_svg, unbake_svg};

/// Largest credential accepted in an image, compressed text included once expanded. Real
/// credentials are a few KiB; a CLR with many embedded credentials may reach hundreds.
pub const MAX_BAKED_CREDENTIAL_BYTES: usize = 4 * 1024 * 1024;

/// Largest SVG document accepted, so a hostile upload cannot make parsing unbounded.
pub const MAX_SVG_BYTES: usize = 32 * 1024 * 1024;

/// The credential carried by a baked image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BakedPayload {
    /// A JSON credential (with an embedded proof).
    Json(String),
    /// A compact VC-JWT (JWS).
    Jwt(String),
}

impl BakedPayload {
    /// The text as stored in the image.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Json(text) | Self::Jwt(text) => text,
        }
    }
}

/// Why an image could not be baked or unbaked.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum BakeError {
    #[error("not a PNG image: the 8-byte PNG signature is missing")]
    NotPng,
    #[error("the PNG is truncated: chunk {chunk} at byte {offset} runs past the end of the file")]
    PngTruncated { chunk: String, offset: usize },
    #[error("the PNG is malformed at byte {offset}: {reason}")]
    PngMalformed { offset: usize, reason: String },
    #[error("the PNG chunk {chunk} at byte {offset} has a wrong CRC (the file is corrupted)")]
    PngBadCrc { chunk: String, offset: usize },
    #[error("the image has no baked credential (no `openbadgecredential` chunk or element)")]
    NoCredential,
    #[error("the image holds more than one baked credential, which the specification forbids")]
    DuplicateCredential,
    #[error("the baked text chunk is malformed: {0}")]
    MalformedTextChunk(String),
    #[error("the baked credential could not be decompressed: {0}")]
    Decompression(String),
    #[error("the baked credential is larger than {limit} bytes")]
    CredentialTooLarge { limit: usize },
    #[error("the baked credential is not valid UTF-8")]
    NotUtf8,
    #[error("the credential to bake is invalid: {0}")]
    InvalidPayload(String),
    #[error("the image holds a hosted Open Badges 2.0 assertion URL ({0}), not a credential")]
    HostedAssertion(String),
    #[error("the SVG is larger than {limit} bytes")]
    SvgTooLarge { limit: usize },
    #[error("not an SVG image: the root element is {0}")]
    NotSvg(String),
    #[error("the SVG is not well-formed XML at byte {offset}: {reason}")]
    SvgMalformed { offset: u64, reason: String },
    #[error(
        "the SVG declares entities in its DOCTYPE, which is refused (entity expansion attacks)"
    )]
    SvgEntityDeclarations,
    #[error("the SVG refers to the undeclared entity &{0};")]
    SvgUnknownEntity(String),
}
