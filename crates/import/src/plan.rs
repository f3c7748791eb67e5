//! The dry run: every row checked, normalised and keyed before anything is signed.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Limits;
use crate::catalog::AchievementCatalog;
use crate::did::{is_did, is_web_url};
use crate::email::{normalise_email, split_addresses};
use crate::error::ImportError;
use crate::finding::{Finding, FindingCode, Place, Severity};
use crate::idempotency::{RecipientKey, idempotency_key};
use crate::issue_date::{IssuedOn, parse_issue_date};
use crate::mapping::{ColumnMapping, Field, ResolvedMapping, fold_width};
use crate::table::{SourceEncoding, Table, TableRow};

/// What the caller knows and decides; everything the pure planner cannot look up itself.
#[derive(Debug, Clone)]
pub struct PlanOptions<'a> {
    /// The issuer profile the credentials will be issued by; part of every idempotency key.
    pub issuer_id: &'a str,
    pub catalog: &'a AchievementCatalog,
    /// Whether a row without a recipient name is an error (the default).
    pub require_name: bool,
    /// The issuer's today, for flagging issue dates in the future; `None` skips that check.
    pub today: Option<NaiveDate>,
    pub limits: Limits,
}

impl<'a> PlanOptions<'a> {
    pub fn new(issuer_id: &'a str, catalog: &'a AchievementCatalog) -> Self {
        PlanOptions {
            issuer_id,
            catalog,
            require_name: true,
            today: None,
            limits: Limits::default(),
        }
    }
}

/// A row ready to issue, with normalised values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRow {
    /// 1-based row number as Excel shows it.
    pub row: usize,
    /// See [`crate::idempotency`]; the store refuses a second credential with the same key.
    pub idempotency_key: String,
    pub recipient_name: Option<String>,
    /// Normalised addresses (domain lower-cased), without repeats, in file order.
    pub emails: Vec<String>,
    pub employee_number: Option<String>,
    pub did: Option<String>,
    /// From the catalog.
    pub achievement_id: String,
    /// As written in the file (an id or a slug).
    pub achievement_ref: String,
    pub evidence_url: Option<String>,
    pub evidence_narrative: Option<String>,
    pub issued_on: Option<IssuedOn>,
    pub external_id: Option<String>,
}

/// Counts for the summary line of the dry run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Non-blank rows below the header.
    pub data_rows: usize,
    pub blank_rows: usize,
    /// Rows in [`ImportPlan::rows`].
    pub ready_rows: usize,
    pub rows_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The outcome of the dry run: what would be issued, and what is wrong with the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    pub encoding: SourceEncoding,
    /// The mapping used (after automatic guessing, if any), for the user to review.
    pub mapping: ColumnMapping,
    /// Headers of columns that no field reads.
    pub ignored_columns: Vec<String>,
    /// Rows without errors, in file order. Warnings do not keep a row out.
    pub rows: Vec<PlannedRow>,
    /// In row order, then column order.
    pub findings: Vec<Finding>,
    pub totals: Totals,
}

impl ImportPlan {
    /// Whether any row was left out because of an error.
    pub fn has_errors(&self) -> bool {
        self.totals.errors > 0
    }
}

/// Validates `table` under `mapping`. Fails only when the mapping does not fit the file;
/// every row-level problem becomes a [`Finding`].
pub fn plan_table(
    table: &Table,
    mapping: &ColumnMapping,
    options: &PlanOptions<'_>,
) -> Result<ImportPlan, ImportError> {
    let resolved = mapping.resolve(&table.headers, options.require_name)?;
    let mut findings = Vec::new();
    let mut rows = Vec::new();
    let mut seen = SeenRows::default();
    let mut rows_with_errors = 0;
    for table_row in &table.rows {
        let mut checker = RowChecker {
            table,
            resolved: &resolved,
            options,
            row: table_row,
            findings: Vec::new(),
        };
        let planned = checker.check();
        let planned = planned.and_then(|planned| seen.admit(planned, &mut checker));
        if checker.has_errors() {
            rows_with_errors += 1;
        }
        findings.append(&mut checker.findings);
        rows.extend(planned);
    }
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    let ignored_columns = table
        .headers
        .iter()
        .enumerate()
        .filter(|(index, header)| !header.is_empty() && !resolved.is_mapped(*index))
        .map(|(_, header)| header.clone())
        .collect();
    let totals = Totals {
        data_rows: table.rows.len(),
        blank_rows: table.blank_rows,
        ready_rows: rows.len(),
        rows_with_errors,
        errors,
        warnings: findings.len() - errors,
    };
    Ok(ImportPlan {
        encoding: table.encoding,
        mapping: mapping.clone(),
        ignored_columns,
        rows,
        findings,
        totals,
    })
}

/// Checks one row and collects its findings.
struct RowChecker<'a> {
    table: &'a Table,
    resolved: &'a ResolvedMapping,
    options: &'a PlanOptions<'a>,
    row: &'a TableRow,
    findings: Vec<Finding>,
}

impl RowChecker<'_> {
    fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.severity == Severity::Error)
    }

    fn place(&self, field: Option<Field>, column: Option<usize>) -> Place {
        Place {
            row: self.row.row,
            column: column.map(|index| {
                let header = self.table.headers.get(index).cloned().unwrap_or_default();
                (index, header)
            }),
            field,
        }
    }

    fn report(&mut self, code: FindingCode, field: Field, column: usize, value: Option<&str>) {
        let place = self.place(Some(field), Some(column));
        self.findings
            .push(Finding::new(code, place, value, Vec::new()));
    }

    /// The trimmed text of `column`, `None` when empty or too long (the latter reported).
    fn cell(&mut self, field: Field, column: usize) -> Option<String> {
        let text = self.row.cells.get(column).map(|cell| cell.trim())?;
        if text.is_empty() {
            return None;
        }
        let chars = text.chars().count();
        let limit = self.options.limits.max_cell_chars;
        if chars > limit {
            let place = self.place(Some(field), Some(column));
            let extra = vec![("length", chars.into()), ("limit", limit.into())];
            self.findings
                .push(Finding::new(FindingCode::ValueTooLong, place, None, extra));
            return None;
        }
        Some(text.to_owned())
    }

    fn field(&mut self, field: Field) -> Option<(usize, String)> {
        let column = self.resolved.first(field)?;
        self.cell(field, column).map(|text| (column, text))
    }

    fn required(&mut self, field: Field) -> Option<(usize, String)> {
        let value = self.field(field);
        if value.is_none()
            && let Some(column) = self.resolved.first(field)
            && self
                .row
                .cells
                .get(column)
                .is_none_or(|cell| cell.trim().is_empty())
        {
            self.report(FindingCode::MissingValue, field, column, None);
        }
        value
    }

    fn check(&mut self) -> Option<PlannedRow> {
        let recipient_name = if self.options.require_name {
            self.required(Field::RecipientName)
        } else {
            self.field(Field::RecipientName)
        }
        .map(|(_, name)| name);
        let (emails, any_email_written) = self.emails();
        let employee_number = self
            .field(Field::EmployeeNumber)
            .map(|(_, number)| fold_width(&number).trim().to_owned());
        let did = self.did();
        let did_written = self.resolved.first(Field::Did).is_some_and(|column| {
            self.row
                .cells
                .get(column)
                .is_some_and(|cell| !cell.trim().is_empty())
        });
        if !any_email_written && employee_number.is_none() && !did_written {
            let place = self.place(None, None);
            self.findings.push(Finding::new(
                FindingCode::MissingIdentifier,
                place,
                None,
                Vec::new(),
            ));
        }
        let achievement = self.achievement();
        let evidence_url = self.evidence_url();
        let evidence_narrative = self.field(Field::EvidenceNarrative).map(|(_, text)| text);
        let issued_on = self.issued_on();
        let external_id = self
            .field(Field::ExternalId)
            .map(|(_, id)| fold_width(&id).trim().to_owned());
        self.extra_cells();

        let (achievement_ref, achievement_id) = achievement?;
        if self.has_errors() {
            return None;
        }
        let recipient = match (&did, emails.first(), &employee_number) {
            (Some(did), _, _) => RecipientKey::Did(did.clone()),
            (None, Some(email), _) => RecipientKey::email(email),
            (None, None, Some(number)) => RecipientKey::EmployeeNumber(number.clone()),
            (None, None, None) => return None,
        };
        let idempotency_key = idempotency_key(
            self.options.issuer_id,
            &achievement_id,
            &recipient,
            external_id.as_deref(),
        );
        Some(PlannedRow {
            row: self.row.row,
            idempotency_key,
            recipient_name,
            emails,
            employee_number,
            did,
            achievement_id,
            achievement_ref,
            evidence_url,
            evidence_narrative,
            issued_on,
            external_id,
        })
    }

    /// Valid addresses from every email column, and whether any address was written at all.
    fn emails(&mut self) -> (Vec<String>, bool) {
        let mut emails: Vec<String> = Vec::new();
        let mut written = false;
        for &column in self.resolved.columns(Field::Email) {
            let Some(cell) = self.cell(Field::Email, column) else {
                continue;
            };
            for address in split_addresses(&cell) {
                written = true;
                match normalise_email(&address) {
                    Some(email) => {
                        if !emails
                            .iter()
                            .any(|known| known.eq_ignore_ascii_case(&email))
                        {
                            emails.push(email);
                        }
                    }
                    None => {
                        self.report(FindingCode::BadEmail, Field::Email, column, Some(&address))
                    }
                }
            }
        }
        (emails, written)
    }

    fn did(&mut self) -> Option<String> {
        let (column, text) = self.field(Field::Did)?;
        if is_did(&text) {
            Some(text)
        } else {
            self.report(FindingCode::BadDid, Field::Did, column, Some(&text));
            None
        }
    }

    fn achievement(&mut self) -> Option<(String, String)> {
        let (column, reference) = self.required(Field::Achievement)?;
        match self.options.catalog.lookup(&reference) {
            Some(id) => Some((reference.clone(), id.to_owned())),
            None => {
                self.report(
                    FindingCode::UnknownAchievement,
                    Field::Achievement,
                    column,
                    Some(&reference),
                );
                None
            }
        }
    }

    fn evidence_url(&mut self) -> Option<String> {
        let (column, url) = self.field(Field::EvidenceUrl)?;
        if is_web_url(&url) {
            Some(url)
        } else {
            self.report(
                FindingCode::BadEvidenceUrl,
                Field::EvidenceUrl,
                column,
                Some(&url),
            );
            None
        }
    }

    fn issued_on(&mut self) -> Option<IssuedOn> {
        let (column, text) = self.field(Field::IssuedOn)?;
        let Some(issued_on) = parse_issue_date(&text) else {
            self.report(FindingCode::BadDate, Field::IssuedOn, column, Some(&text));
            return None;
        };
        if let Some(today) = self.options.today
            && issued_on.date() > today
        {
            let place = self.place(Some(Field::IssuedOn), Some(column));
            let extra = vec![("today", today.format("%Y-%m-%d").to_string().into())];
            self.findings.push(Finding::new(
                FindingCode::FutureDate,
                place,
                Some(&text),
                extra,
            ));
        }
        Some(issued_on)
    }

    fn extra_cells(&mut self) {
        let width = self.table.headers.len();
        let first_extra = self
            .row
            .cells
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, cell)| !cell.trim().is_empty());
        if let Some((column, cell)) = first_extra {
            let place = self.place(None, Some(column));
            let value = cell.trim().to_owned();
            self.findings.push(Finding::new(
                FindingCode::ExtraCells,
                place,
                Some(&value),
                Vec::new(),
            ));
        }
    }
}

/// Remembers admitted rows to find duplicates within the file.
#[derive(Default)]
struct SeenRows {
    keys: HashMap<String, usize>,
    /// (achievement id, any identifier of the person) → (row, external id).
    people: HashMap<(String, RecipientKey), (usize, Option<String>)>,
}

impl SeenRows {
    /// Passes `planned` through unless an earlier row already covers it.
    fn admit(&mut self, planned: PlannedRow, checker: &mut RowChecker<'_>) -> Option<PlannedRow> {
        let identifiers = identifiers(&planned);
        let achievement_column = checker.resolved.first(Field::Achievement);
        if let Some(&first_row) = self.keys.get(&planned.idempotency_key) {
            checker.duplicate(FindingCode::DuplicateRow, achievement_column, first_row);
            return None;
        }
        let earlier = identifiers.iter().find_map(|identifier| {
            self.people
                .get(&(planned.achievement_id.clone(), identifier.clone()))
                .cloned()
        });
        if let Some((first_row, first_external)) = earlier {
            let told_apart = matches!(
                (&first_external, &planned.external_id),
                (Some(a), Some(b)) if a != b
            );
            if !told_apart {
                checker.duplicate(FindingCode::DuplicateRow, achievement_column, first_row);
                return None;
            }
            checker.duplicate(
                FindingCode::DuplicateRecipient,
                achievement_column,
                first_row,
            );
        }
        self.keys
            .insert(planned.idempotency_key.clone(), planned.row);
        for identifier in identifiers {
            self.people
                .entry((planned.achievement_id.clone(), identifier))
                .or_insert((planned.row, planned.external_id.clone()));
        }
        Some(planned)
    }
}

impl RowChecker<'_> {
    fn duplicate(&mut self, code: FindingCode, column: Option<usize>, first_row: usize) {
        let place = self.place(Some(Field::Achievement), column);
        let extra = vec![("first", first_row.into())];
        self.findings.push(Finding::new(code, place, None, extra));
    }
}

/// Every identifier of the row's person, in matching form.
fn identifiers(planned: &PlannedRow) -> Vec<RecipientKey> {
    let mut keys: Vec<RecipientKey> = planned
        .emails
        .iter()
        .map(|email| RecipientKey::email(email))
        .collect();
    keys.extend(planned.did.clone().map(RecipientKey::Did));
    keys.extend(
        planned
            .employee_number
            .clone()
            .map(RecipientKey::EmployeeNumber),
    );
    keys
}
