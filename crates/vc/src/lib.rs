//! Open Badges 3.0 and CLR 2.0 credentials: the data model, keys and identifiers, Data
//! Integrity (`eddsa-rdfc-2022`) and VC-JWT proofs, status lists, baking, and the verifier
//! that explains each check in Japanese and English.
//!
//! Pure: no I/O. Everything a check needs from outside (controller documents, status list
//! credentials, the current time, randomness) is passed in by the caller.

pub mod bake;
pub mod dates;
pub mod di;
pub mod did;
pub mod input;
pub mod jwt;
pub mod keys;
pub mod model;
pub mod report;
pub mod status;
pub mod structure;
pub mod verify;
