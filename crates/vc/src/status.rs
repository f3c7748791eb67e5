//! Credential status: W3C Bitstring Status List v1.0 (and its StatusList2021 predecessor) and
//! the 1EdTech Revocation List Status Method.
//!
//! Fetching a list is the caller's job because this crate does no I/O; so is verifying the
//! list credential's proof and validity period, which the verifier does with `di` exactly as
//! for any other credential. What lives here is everything after the bytes have arrived:
//! reading an entry, checking that the list is the kind the entry points at, and reading the
//! bits without trusting the list's size or compression.

mod bitstring;
mod entry;
mod error;
mod list;
mod revocation;

pub use bitstring::{BitstringStatusList, MAX_LIST_BYTES, MIN_LIST_BITS};
pub use entry::parse_bitstring_entry;
pub use error::StatusError;
pub use list::{check_bitstring, status_list_credential, status_message};
pub use revocation::check_1edtech_revocation;

/// What a status entry says about its credential (`statusPurpose`).
///
/// The four named purposes carry meaning the verifier acts on (revocation is final, suspension
/// is temporary, refresh and message do not invalidate); anything else is kept verbatim so a
/// report can still name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatusPurpose {
    Revocation,
    Suspension,
    Refresh,
    Message,
    Other(String),
}

impl StatusPurpose {
    /// Reads the `statusPurpose` string; never fails because the spec allows any string.
    pub fn from_name(name: &str) -> Self {
        match name {
            "revocation" => Self::Revocation,
            "suspension" => Self::Suspension,
            "refresh" => Self::Refresh,
            "message" => Self::Message,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The `statusPurpose` string as written in JSON.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Revocation => "revocation",
            Self::Suspension => "suspension",
            Self::Refresh => "refresh",
            Self::Message => "message",
            Self::Other(other) => other,
        }
    }
}

impl std::fmt::Display for StatusPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed `BitstringStatusListEntry` (or legacy `StatusList2021Entry`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitstringEntry {
    pub id: Option<String>,
    pub purpose: StatusPurpose,
    /// `statusListIndex`: counted in entries, not bits; the bit position is
    /// `index * status_size`.
    pub index: u64,
    pub list_credential: String,
    /// Bits per entry (`statusSize`, 1 when absent).
    pub status_size: u32,
}

/// The status read from a list for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusValue {
    /// The `status_size` bits read most significant first; 0 means "not set".
    pub value: u64,
    pub purpose: StatusPurpose,
}

impl StatusValue {
    /// True when the issuer has set this entry (revoked, suspended, refresh available, or a
    /// non-zero message, depending on `purpose`).
    pub fn is_set(&self) -> bool {
        self.value != 0
    }
}

/// The answer of a 1EdTech Revocation List for one credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationStatus {
    pub revoked: bool,
    /// `revocationReason`, when the list gives one for a revoked credential.
    pub reason: Option<String>,
}
