//! Typed Open Badges 3.0 and CLR 2.0 credentials (serde), for code that builds or reads them.
//!
//! Why every struct keeps unknown properties (`extra`): credentials are signed over their
//! exact content, and OB 3.0 is extensible. A model that dropped what it does not know would
//! make a re-serialized credential fail its proof, so parse → serialize gives back the same
//! JSON (compared as values; key order is kept too because serde_json has `preserve_order`).
//!
//! Why numbers are `serde_json::Number`: `creditsAvailable: 1` must stay `1`, not become
//! `1.0`, or the canonical form (and therefore the signature) changes.
//!
//! Validation does not live here: the verifier checks structure on the raw JSON
//! ([`crate::structure`]) so that it can point at the exact path of a problem.

mod achievement;
mod clr;
mod common;
mod credential;
mod profile;

pub use achievement::{
    Achievement, AchievementResult, AchievementSubject, Alignment, Criteria, EndorsementSubject,
    Evidence, IdentityObject, ResultDescription, RubricCriterionLevel,
};
pub use clr::{Association, ClrCredential, ClrSubject};
pub use common::{ContextEntry, Contexts, Extra, Image, ImageRef, OneOrMany, ProfileRef, Types};
pub use credential::{
    AchievementCredential, Credential, CredentialSchema, CredentialStatus, EndorsementCredential,
    OpenBadgeCredential, Proof, RefreshService, TermsOfUse, VerifiableCredential,
};
pub use profile::{Address, GeoCoordinates, IdentifierEntry, Profile};
