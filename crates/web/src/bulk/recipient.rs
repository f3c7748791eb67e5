//! The person a planned row names, found by any of its identifiers or created.

use tsumiki_import::PlannedRow;
use tsumiki_store::{NewRecipient, Store, StoreError};

/// The identifier kind an employee number is stored under.
const EMPLOYEE_KIND: &str = "employee_id";
/// DIDs are also stored as identifiers so that a DID-only row finds its person again.
const DID_KIND: &str = "did";

/// The person any of the row's identifiers already belongs to, else a new person with all
/// of them. Identifiers the person lacks are not added: a row must not silently merge two
/// people. A concurrent creation of the same person (two runs) is answered by looking again.
pub(crate) async fn find_or_create(
    store: &Store,
    planned: &PlannedRow,
) -> Result<String, StoreError> {
    let mut identifiers: Vec<(String, String)> = Vec::new();
    if let Some(did) = &planned.did {
        identifiers.push((DID_KIND.into(), did.clone()));
    }
    for email in &planned.emails {
        identifiers.push(("email".into(), email.clone()));
    }
    if let Some(number) = &planned.employee_number {
        identifiers.push((EMPLOYEE_KIND.into(), number.clone()));
    }
    if let Some(id) = find(store, &identifiers).await? {
        return Ok(id);
    }
    let display_name = planned
        .recipient_name
        .clone()
        .or_else(|| planned.emails.first().cloned())
        .or_else(|| planned.employee_number.clone())
        .or_else(|| planned.did.clone())
        .unwrap_or_default();
    let created = store
        .create_recipient(NewRecipient {
            display_name,
            did: planned.did.clone(),
            identifiers: identifiers.clone(),
        })
        .await;
    match created {
        Ok((recipient, _)) => Ok(recipient.id),
        Err(StoreError::AlreadyExists { .. }) => {
            find(store, &identifiers)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "recipient",
                    id: "of an import row".to_owned(),
                })
        }
        Err(error) => Err(error),
    }
}

async fn find(
    store: &Store,
    identifiers: &[(String, String)],
) -> Result<Option<String>, StoreError> {
    for (kind, value) in identifiers {
        if let Some(recipient) = store.recipient_by_identifier(kind, value).await? {
            return Ok(Some(recipient.id));
        }
    }
    Ok(None)
}
