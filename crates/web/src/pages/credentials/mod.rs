//! `/admin/credentials`: the credentials issued so far, searched and filtered in SQL, and one
//! credential's page with its status history and the forms to revoke, suspend or reinstate it.
//!
//! The pages live under `/admin/…` because `/credentials/…` belongs to the VC-API, whose errors
//! are JSON; a person must get the login redirect and HTML error pages instead.

pub mod detail;
pub mod list;

use tsumiki_i18n::Lang;
use tsumiki_store::CredentialState;

/// Where the list lives.
pub const LIST_PATH: &str = "/admin/credentials";

/// The detail page of the credential `id` (`urn:uuid:…` or bare), addressed by its bare UUID
/// as the public page is.
pub fn detail_path(id: &str) -> String {
    format!("{LIST_PATH}/{}", bare_id(id))
}

/// `urn:uuid:X` → `X`; anything else unchanged.
pub fn bare_id(id: &str) -> &str {
    id.strip_prefix("urn:uuid:").unwrap_or(id)
}

/// The Fluent id and the `.pill` modifier of a state.
pub fn state_label(state: CredentialState) -> (&'static str, &'static str) {
    match state {
        CredentialState::Active => ("web-state-active", "ok"),
        CredentialState::Suspended => ("web-state-suspended", "warn"),
        CredentialState::Revoked => ("web-state-revoked", "bad"),
    }
}

/// The text in `lang`, falling back to the other language when it is empty (English names
/// are optional for some records).
pub fn pick(lang: Lang, ja: &str, en: &str) -> String {
    let (first, second) = match lang {
        Lang::Ja => (ja, en),
        Lang::En => (en, ja),
    };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_use_the_bare_uuid() {
        let id = "urn:uuid:0f8e3a4c-1b2d-4c5e-8f90-123456789abc";
        assert_eq!(
            detail_path(id),
            "/admin/credentials/0f8e3a4c-1b2d-4c5e-8f90-123456789abc"
        );
        assert_eq!(bare_id("custom-id"), "custom-id");
    }

    #[test]
    fn names_fall_back_to_the_other_language() {
        assert_eq!(pick(Lang::Ja, "達成", "Achievement"), "達成");
        assert_eq!(pick(Lang::En, "達成", "Achievement"), "Achievement");
        assert_eq!(pick(Lang::En, "達成", " "), "達成");
        assert_eq!(pick(Lang::Ja, "", "Achievement"), "Achievement");
    }
}
