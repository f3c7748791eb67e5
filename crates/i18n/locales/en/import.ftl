## Bulk import (tsumiki-import): field names, file errors and row findings.
## Row findings get $row (Excel row number, header = 1), and where relevant $column (header
## text), $letter (column letter), $field (field name) and $value (the value as found).

import-field-recipient-name = recipient name
import-field-email = email address
import-field-employee-number = employee number
import-field-did = DID
import-field-achievement = achievement
import-field-evidence-url = evidence URL
import-field-evidence-narrative = evidence narrative
import-field-issued-on = issue date
import-field-external-id = external row ID

import-error-empty = The file is empty.
import-error-too-large = The file is { $size } bytes, over the limit of { $limit } bytes.
import-error-too-many-rows = The file has more than { $limit } data rows. Split it into smaller files.
import-error-too-many-columns = Row { $row } has { $count } columns, over the limit of { $limit }.
import-error-unknown-encoding = The file is neither UTF-8 nor Shift-JIS text (the first byte that is not UTF-8 is at offset { $offset }). Save it from Excel as "CSV UTF-8".
import-error-utf16 = The file is UTF-16 text. Save it from Excel as "CSV UTF-8" or as .xlsx.
import-error-binary = The file contains binary data (a NUL byte at offset { $offset }), so it is not a CSV file.
import-error-legacy-xls = The file is an old .xls workbook. Save it as .xlsx or as "CSV UTF-8".
import-error-csv = The CSV could not be read near line { $line }: { $detail }
import-error-xlsx = The .xlsx workbook could not be read: { $detail }
import-error-xlsx-too-large = The .xlsx workbook would expand to { $size } bytes, over the limit of { $limit } bytes.
import-error-sheet-not-found = The workbook has no sheet named "{ $name }". Its sheets are: { $available }.
import-error-no-sheets = The workbook has no sheets.
import-error-no-header = The file has no header row.
import-error-unknown-header = The column "{ $header }" chosen for { $field } is not in the file.
import-error-ambiguous-header = The header "{ $header }" appears more than once, so it cannot be mapped. Rename one of the columns.
import-error-field-not-mapped = No column is chosen for { $field }, which is required.
import-error-no-identifier-mapped = No column is chosen for the recipient: choose an email address, employee number or DID column.

import-missing-value = Row { $row }: { $field } (column "{ $column }") is empty.
import-missing-identifier = Row { $row }: the recipient has no email address, employee number or DID.
import-bad-email = Row { $row }: "{ $value }" in column "{ $column }" is not a valid email address.
import-bad-did = Row { $row }: "{ $value }" in column "{ $column }" is not a DID (expected the form did:method:identifier).
import-unknown-achievement = Row { $row }: there is no achievement "{ $value }" (column "{ $column }").
import-bad-date = Row { $row }: "{ $value }" in column "{ $column }" is not a date (use, for example, 2026-04-01 or 2026/4/1).
import-future-date = Row { $row }: the issue date { $value } is after today ({ $today }).
import-bad-evidence-url = Row { $row }: "{ $value }" in column "{ $column }" is not an http or https URL.
import-value-too-long = Row { $row }: the value in column "{ $column }" is { $length } characters long, over the limit of { $limit }.
import-duplicate-row = Row { $row } repeats row { $first }: same recipient and same achievement. It will not be issued twice.
import-duplicate-recipient = Row { $row }: the same recipient already receives this achievement in row { $first }, with a different external ID. Both rows will be issued.
import-extra-cells = Row { $row }: column { $letter } has a value ("{ $value }") but no header, so it is ignored.
