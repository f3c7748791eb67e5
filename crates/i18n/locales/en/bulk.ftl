## Bulk issuance in the web UI (/imports) and the demo data.

bulk-row-not-planned = The row is no longer in the file as it was planned.

bulk-nav = Bulk issue
bulk-title = Bulk issuance
bulk-intro = Issue many credentials at once from a spreadsheet. Every file is checked first; nothing is issued until you confirm.
bulk-new = Upload a file
bulk-jobs = Imports
bulk-jobs-empty = No imports yet.
bulk-field-file = File
bulk-field-created = Uploaded
bulk-field-state = Status
bulk-field-sheet = Sheet (.xlsx only)
bulk-field-row = Row
bulk-field-column = Column
bulk-field-severity = Severity
bulk-field-message = Message
bulk-field-recipient = Recipient
bulk-field-credential = Credential
bulk-count-issued = Issued
bulk-count-skipped = Already issued
bulk-count-failed = Failed
bulk-count-pending = Pending
bulk-state-planned = Checked, not started
bulk-state-running = Issuing…
bulk-state-interrupted = Interrupted
bulk-state-completed = Completed
bulk-state-failed = Stopped
bulk-new-title = Upload a file for bulk issuance
bulk-new-intro = Upload a CSV (UTF-8 or Shift-JIS) or an Excel .xlsx file with one credential per row. Column headers may be in Japanese or English. The file is checked first and nothing is issued yet.
bulk-no-issuers = There is no issuer yet.
bulk-file-hint = .csv (UTF-8 or Shift-JIS) or .xlsx, up to 20 MB.
bulk-sheet-hint = Leave empty to read the first sheet.
bulk-check = Check the file
bulk-error-upload = The upload could not be read. Please choose the file and send the form again.
bulk-error-no-file = Please choose a file to upload.
bulk-error-issuer = Please choose an issuer.
bulk-plan-title = Check results
bulk-total-rows = Data rows
bulk-total-new = To issue
bulk-total-already = Already issued
bulk-total-error-rows = Rows with errors
bulk-total-warnings = Warnings
bulk-plan-has-errors = Nothing can be issued until the rows with errors are corrected. Fix the file and upload it again.
bulk-plan-running = This file is being issued right now.
bulk-see-progress = See the progress
bulk-plan-nothing-new = Every row of this file has already been issued; there is nothing new to issue.
bulk-upload-again = Upload a corrected file
bulk-confirm = { $count ->
    [one] Issue 1 credential
   *[other] Issue { $count } credentials
}
bulk-findings = Findings by row
bulk-severity-error = Error
bulk-severity-warning = Warning
bulk-ready-rows = Rows ready to issue
bulk-row-new = New
bulk-row-already = Already issued
bulk-row-issued = Issued
bulk-more-rows = { $count ->
    [one] …and 1 more row.
   *[other] …and { $count } more rows.
}
bulk-job-title = Bulk issuance progress
bulk-progress = Progress
bulk-job-refreshing = This page refreshes itself every 2 seconds until the issuance ends.
bulk-failures = Rows that failed
bulk-credentials = Credentials of this import
bulk-back-to-list = All imports

bulk-demo-credentials = Demo credentials (public pages):
bulk-demo-skipped = --demo: the database already has issuers, so no demo data was added.
