//! Which column of the file holds which of our fields.
//!
//! Why automatic: most files come from HR or school systems with their own header names, in
//! Japanese or English, often full-width and with decorations such as `メールアドレス（必須）`.
//! Recognising the common names saves a step; the mapping stays editable because a guess is
//! only a guess.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use tsumiki_i18n::{Lang, t};

use crate::error::ImportError;

/// A value the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    RecipientName,
    /// One or more columns; each cell may also list several addresses.
    Email,
    EmployeeNumber,
    Did,
    /// An achievement id or slug known to the caller's catalog.
    Achievement,
    EvidenceUrl,
    EvidenceNarrative,
    IssuedOn,
    /// The row's id in the source system; part of the idempotency key when present.
    ExternalId,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::RecipientName,
        Field::Email,
        Field::EmployeeNumber,
        Field::Did,
        Field::Achievement,
        Field::EvidenceUrl,
        Field::EvidenceNarrative,
        Field::IssuedOn,
        Field::ExternalId,
    ];

    /// The stable name used in JSON and message ids.
    pub fn key(self) -> &'static str {
        match self {
            Field::RecipientName => "recipient-name",
            Field::Email => "email",
            Field::EmployeeNumber => "employee-number",
            Field::Did => "did",
            Field::Achievement => "achievement",
            Field::EvidenceUrl => "evidence-url",
            Field::EvidenceNarrative => "evidence-narrative",
            Field::IssuedOn => "issued-on",
            Field::ExternalId => "external-id",
        }
    }

    /// The field's name for a person, in `lang`.
    pub fn label(self, lang: Lang) -> String {
        t(lang, &format!("import-field-{}", self.key()), &[])
    }

    /// Header names (in [`header_key`] form) recognised for this field.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::RecipientName => &[
                "name",
                "fullname",
                "recipientname",
                "recipient",
                "studentname",
                "氏名",
                "名前",
                "受領者名",
                "受領者",
                "受講者名",
                "受講者",
                "フルネーム",
            ],
            Field::Email => &[
                "email",
                "emailaddress",
                "mail",
                "mailaddress",
                "recipientemail",
                "メール",
                "メールアドレス",
                "eメール",
                "eメールアドレス",
                "電子メール",
                "電子メールアドレス",
            ],
            Field::EmployeeNumber => &[
                "employeeid",
                "employeenumber",
                "employeeno",
                "employeecode",
                "staffid",
                "staffnumber",
                "社員番号",
                "社員id",
                "社員コード",
                "従業員番号",
                "従業員id",
                "職員番号",
            ],
            Field::Did => &["did", "recipientdid", "subjectdid"],
            Field::Achievement => &[
                "achievement",
                "achievementid",
                "achievementslug",
                "badge",
                "badgeid",
                "badgeslug",
                "バッジ",
                "バッジid",
                "バッジコード",
                "資格",
                "資格id",
                "資格コード",
            ],
            Field::EvidenceUrl => &[
                "evidence",
                "evidenceurl",
                "evidenceuri",
                "エビデンス",
                "エビデンスurl",
                "証跡",
                "証跡url",
            ],
            Field::EvidenceNarrative => &[
                "narrative",
                "evidencenarrative",
                "evidencedescription",
                "エビデンス説明",
                "証跡説明",
                "所見",
            ],
            Field::IssuedOn => &[
                "issuedon",
                "issuedate",
                "issuancedate",
                "issued",
                "dateissued",
                "awardedon",
                "awarddate",
                "発行日",
                "発行年月日",
                "授与日",
                "取得日",
            ],
            Field::ExternalId => &["id", "rowid", "externalid", "外部id", "行id", "管理番号"],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Our fields → header names as they appear in the file. Serialisable so that the web UI can
/// show the guess and send back the user's corrections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    columns: BTreeMap<Field, Vec<String>>,
}

/// A mapping checked against one header row: field → 0-based column indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMapping {
    columns: BTreeMap<Field, Vec<usize>>,
}

impl ColumnMapping {
    /// An empty mapping, to be filled with [`ColumnMapping::set`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Guesses the mapping from header names. The first matching column wins for every field
    /// but [`Field::Email`], which takes every matching column (`email`, `email2`, …).
    pub fn auto(headers: &[String]) -> Self {
        let mut mapping = ColumnMapping::new();
        for header in headers {
            let Some(field) = recognise(header) else {
                continue;
            };
            let entry = mapping.columns.entry(field).or_default();
            if entry.is_empty() || field == Field::Email {
                entry.push(header.trim().to_owned());
            }
        }
        mapping
    }

    /// Maps `field` to the column headed `header`, replacing what was there.
    pub fn set(&mut self, field: Field, header: impl Into<String>) -> &mut Self {
        self.columns.insert(field, vec![header.into()]);
        self
    }

    /// Adds one more email column, for files with `email` and `email2`.
    pub fn add_email_column(&mut self, header: impl Into<String>) -> &mut Self {
        self.columns
            .entry(Field::Email)
            .or_default()
            .push(header.into());
        self
    }

    /// Leaves `field` unmapped (e.g. a wrongly guessed column).
    pub fn remove(&mut self, field: Field) -> &mut Self {
        self.columns.remove(&field);
        self
    }

    /// The headers mapped to `field`, in order.
    pub fn headers(&self, field: Field) -> &[String] {
        self.columns.get(&field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Checks the mapping against the file's header row. Headers compare after trimming,
    /// exactly otherwise: the user picked them from this very file.
    pub fn resolve(
        &self,
        headers: &[String],
        require_name: bool,
    ) -> Result<ResolvedMapping, ImportError> {
        let mut columns = BTreeMap::new();
        for (field, names) in &self.columns {
            let mut indexes = Vec::new();
            for name in names {
                let name = name.trim();
                let mut found = headers
                    .iter()
                    .enumerate()
                    .filter(|(_, header)| header.trim() == name)
                    .map(|(index, _)| index);
                let Some(index) = found.next() else {
                    return Err(ImportError::UnknownHeader {
                        field: *field,
                        header: name.to_owned(),
                    });
                };
                if found.next().is_some() {
                    return Err(ImportError::AmbiguousHeader {
                        header: name.to_owned(),
                    });
                }
                if !indexes.contains(&index) {
                    indexes.push(index);
                }
            }
            if !indexes.is_empty() {
                columns.insert(*field, indexes);
            }
        }
        let resolved = ResolvedMapping { columns };
        if resolved.first(Field::Achievement).is_none() {
            return Err(ImportError::FieldNotMapped {
                field: Field::Achievement,
            });
        }
        if require_name && resolved.first(Field::RecipientName).is_none() {
            return Err(ImportError::FieldNotMapped {
                field: Field::RecipientName,
            });
        }
        let has_identifier = [Field::Email, Field::EmployeeNumber, Field::Did]
            .iter()
            .any(|field| resolved.first(*field).is_some());
        if !has_identifier {
            return Err(ImportError::NoIdentifierMapped);
        }
        Ok(resolved)
    }
}

impl ResolvedMapping {
    /// The columns of `field` (several only for email).
    pub fn columns(&self, field: Field) -> &[usize] {
        self.columns.get(&field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The single column of `field`, if mapped.
    pub fn first(&self, field: Field) -> Option<usize> {
        self.columns(field).first().copied()
    }

    /// Every mapped column, for telling the user which columns are ignored.
    pub fn is_mapped(&self, column: usize) -> bool {
        self.columns
            .values()
            .any(|indexes| indexes.contains(&column))
    }
}

/// The field a header names, if it is one we know.
pub fn recognise(header: &str) -> Option<Field> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(field) = Field::ALL
        .into_iter()
        .find(|field| field.aliases().contains(&key.as_str()))
    {
        return Some(field);
    }
    // `email2`, `メールアドレス2`: further email columns.
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    (stem.len() < key.len() && Field::Email.aliases().contains(&stem)).then_some(Field::Email)
}

/// A header reduced to what distinguishes it: full-width ASCII folded, lower case, without
/// spaces, separators or a trailing note in brackets (`（必須）`, `(required)`, `*`).
pub fn header_key(header: &str) -> String {
    let folded = fold_width(header);
    let before_note = folded.split(['(', '[']).next().unwrap_or_default();
    before_note
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '・' | '*' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space, as
/// Japanese input methods produce either depending on the mode the user happened to be in.
pub(crate) fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_fold_width_case_and_notes() {
        assert_eq!(header_key(" E-Mail Address "), "emailaddress");
        assert_eq!(header_key("ＩＤ"), "id");
        assert_eq!(header_key("メールアドレス（必須）"), "メールアドレス");
        assert_eq!(header_key("氏名 *"), "氏名");
        assert_eq!(recognise("社員　番号"), Some(Field::EmployeeNumber));
        assert_eq!(recognise("email2"), Some(Field::Email));
        assert_eq!(recognise("name2"), None);
        assert_eq!(recognise("備考"), None);
        assert_eq!(recognise(""), None);
    }
}
