//! Storage for the tsumiki issuing platform: SQL migrations and repositories for issuers,
//! users, achievements, recipients, credentials, status lists and bulk imports, on SQLite and
//! PostgreSQL alike.
//!
//! This crate sits above the pure crates and below the web layer and CLI. It does SQL and the
//! little file I/O a store needs (the SQLite directory, the master key file); never HTTP.
//!
//! One [`Store`] type serves both databases through sqlx's `Any` driver: every query is written
//! once, with `$1` placeholders that both databases accept, and only the migrations (BLOB vs
//! BYTEA) and the way a write transaction starts differ per backend. An enum over two typed pools
//! would have doubled every repository function for no difference in behaviour.
//!
//! Invariants the schema and repositories keep:
//! - every multi-step write runs in one transaction (SQLite: `BEGIN IMMEDIATE`);
//! - a status-list index is handed out once, ever: allocation commits before signing, so an
//!   index that reached a signer stays burned even if signing or storing fails;
//! - one idempotency key yields at most one credential (UNIQUE in the schema, not a check in
//!   code), which makes bulk imports safe to resume or re-run;
//! - unique-constraint violations surface as [`StoreError::AlreadyExists`].
//!
//! Tests run against SQLite and, when `TSUMIKI_TEST_POSTGRES_URL` is set, PostgreSQL
//! (`scripts/start-test-postgres.sh` starts one and prints the URL).

mod achievements;
mod claims;
mod cohorts;
mod completions;
mod connection;
mod costs;
mod credential_search;
mod credentials;
mod error;
mod feedback;
mod impact;
mod imports;
mod issuers;
mod kpis;
mod master_key;
mod outbox;
mod participants;
mod programmes;
mod projects;
mod ratings;
mod recipients;
mod selection;
mod status_changes;
mod status_lists;
mod time;
mod users;

pub use achievements::{Achievement, AchievementImage, NewAchievement};
pub use claims::{ClaimCounts, CredentialClaim};
pub use cohorts::{Cohort, CohortUpdate, NewCohort};
pub use completions::ModuleCompletion;
pub use connection::{Backend, DEFAULT_STATUS_LIST_BITS, Store};
pub use costs::{
    BenefitClaim, ClaimResponse, CostAmount, CostCategory, CostEntry, NewBenefitClaim, NewCostEntry,
};
pub use credential_search::{
    CredentialListing, CredentialQuery, CredentialSearchPage, MAX_SEARCH_LIMIT,
};
pub use credentials::{
    CredentialRecord, CredentialState, IssueError, IssueOutcome, NewCredential, SignedCredential,
    StatusAssignment, StatusSlot,
};
pub use error::StoreError;
pub use feedback::{FeedbackRound, NewFeedbackRound, RoundKind, RoundState};
pub use impact::{
    CohortImpactSettings, DEFAULT_CURRENCY, IntangibleBenefit, LogicModel, LogicModelEntry,
    LogicModelStage,
};
pub use imports::{
    ImportJob, ImportJobState, ImportProgress, ImportRow, ImportRowState, NewImportRow,
};
pub use issuers::{IdentifierKind, Issuer, NewIssuer, RetiredKey, RotatedKey};
pub use kpis::{Kpi, KpiDetails, KpiDirection, KpiLevel, KpiMeasurement, NewKpiMeasurement};
pub use master_key::{MasterKey, SealError};
pub use outbox::{MAX_MAIL_ATTEMPTS, NewOutboxMessage, OutboxMessage};
pub use participants::{
    CONSENT_CREDENTIAL_ISSUING, CONSENT_EVALUATION, CONSENT_PROGRAMME_DELIVERY, CONSENT_PURPOSES,
    Consent, LanguageSkill, NewParticipant, Participant,
};
pub use programmes::{
    NewOrganisation, NewProgramme, Organisation, OrganisationKind, Programme, ProgrammeDetails,
    UserLinks,
};
pub use projects::{NewProject, Project};
pub use ratings::{NewRaterInvitation, RaterInvitation, RoundProgress, StoredResponse};
pub use recipients::{NewRecipient, Recipient, RecipientIdentifier};
pub use selection::{
    CriterionScore, MAX_WEIGHT, NewCandidate, NewSelectionSet, SCORE_RANGE, SelectionCandidate,
    SelectionCriterion, SelectionSet,
};
pub use status_changes::{StatusAction, StatusEvent};
pub use status_lists::{StatusList, StatusPurpose};
pub use users::{ApiToken, NewUser, Role, Session, User};
