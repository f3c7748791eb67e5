//! Errors of status entry parsing and list reading.

/// Why a status entry or a status list could not be read.
///
/// Each variant names the offending property so a verification report can point at it.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum StatusError {
    #[error("{what} must be a JSON object")]
    NotAnObject { what: &'static str },
    #[error("`{field}` is missing")]
    MissingField { field: &'static str },
    #[error("`{field}` is malformed: {reason}")]
    Malformed { field: &'static str, reason: String },
    #[error("credentialStatus type {found} is not BitstringStatusListEntry")]
    NotABitstringEntry { found: String },
    #[error(
        "the status list credential's type {found} does not include BitstringStatusListCredential"
    )]
    NotAStatusListCredential { found: String },
    #[error("the status list's credentialSubject type {found} is not BitstringStatusList")]
    NotAStatusList { found: String },
    #[error("statusPurpose mismatch: the entry says {entry:?} but the list is for {list:?}")]
    PurposeMismatch { entry: String, list: Vec<String> },
    #[error("statusSize {0} is not supported (it must be between 1 and 64)")]
    UnsupportedStatusSize(u64),
    #[error("statusSize mismatch: the entry says {entry} but the list says {list}")]
    StatusSizeMismatch { entry: u32, list: String },
    #[error("encodedList is not valid multibase base64url: {0}")]
    BadEncoding(String),
    #[error("encodedList is not valid GZIP: {0}")]
    BadCompression(String),
    #[error("encodedList expands to more than {limit} bytes")]
    ListTooLarge { limit: usize },
    #[error("status list of {bits} bits is too long (limit {limit_bits} bits)")]
    ListTooLong { bits: u64, limit_bits: u64 },
    #[error(
        "status list holds {entries} entries, fewer than the {minimum} the spec requires for herd privacy"
    )]
    ListTooShort { entries: u64, minimum: u64 },
    #[error(
        "statusListIndex {index} (statusSize {status_size}) is outside the {list_bits}-bit status list"
    )]
    IndexOutOfRange {
        index: u64,
        status_size: u32,
        list_bits: u64,
    },
    #[error("GZIP compression of the status list failed: {0}")]
    Compression(String),
    #[error("not a 1EdTech revocation list: it has no revokedCredential array")]
    NotARevocationList,
}
