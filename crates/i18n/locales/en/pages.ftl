# Back-office pages for achievements, recipients and issuing one credential.

## Navigation
pages-nav-achievements = Achievements
pages-nav-recipients = Recipients
pages-nav-issue = Issue

## Shared
pages-show = Show
pages-search = Search
pages-edit = Edit
pages-save = Save
pages-cancel = Cancel
pages-yes = Yes
pages-no = No
pages-not-set = (not set)
pages-error-summary = Some fields need attention. Nothing was saved.
pages-error-required = This field is required.
pages-error-choice = Choose one of the listed values.
pages-error-too-long = This text is too long.
pages-error-amount = Enter a number of 0 or more.
pages-error-unknown-issuer = Choose an existing issuer.
pages-error-email = Enter a valid email address.

## Achievements
pages-achievements-title = Achievements
pages-achievements-no-issuers = There is no issuer yet. An administrator creates one first.
pages-achievements-empty = This issuer has no achievements yet.
pages-achievements-new = New achievement
pages-achievements-edit = Edit achievement
pages-achievements-basics = Name, description and criteria
pages-achievements-micro-credential = Micro-credential details
pages-achievements-image-kept = The current image is kept unless you upload a new one.
pages-achievements-image-remove = Remove the current image
pages-achievements-alignments-intro = Optional: skills or competency frameworks this achievement aligns with. Leave a row empty to skip it.
pages-achievements-alignment = Alignment
pages-field-achievement-type = Achievement type
pages-field-description-ja = Description (Japanese)
pages-field-description-en = Description (English)
pages-field-criteria-ja = Criteria (Japanese)
pages-field-criteria-en = Criteria (English)
pages-field-outcomes-ja = Learning outcomes (Japanese)
pages-field-outcomes-en = Learning outcomes (English)
pages-field-one-per-line = One per line.
pages-field-hours = Hours
pages-field-credits = Credits
pages-field-level = Level
pages-field-assessment-type = Type of assessment
pages-field-participation-form = Form of participation
pages-field-quality-assurance = Quality assurance
pages-field-prerequisites = Prerequisites
pages-field-stackability = Stackability
pages-field-image = Image
pages-field-image-file = Image file
pages-field-image-hint = PNG or SVG, up to { $kib } KiB.
pages-field-alt-ja = Alternative text (Japanese)
pages-field-alt-en = Alternative text (English)
pages-field-alignments = Alignments
pages-field-alignment-name = Name
pages-field-alignment-url = URL
pages-field-alignment-framework = Framework
pages-field-alignment-code = Code
pages-error-image-size = The image is too large.
pages-error-image-type = The file is not a PNG or SVG image.
pages-error-image-script = SVG images must not contain scripts or embedded HTML.
pages-error-alt-required = Describe the image for people who cannot see it.
pages-error-alignment-name = Every alignment needs a name.
pages-error-alignment-url = Every alignment needs a web address starting with https:// or http://.
pages-assessment-exam = Exam
pages-assessment-project = Project
pages-assessment-portfolio = Portfolio
pages-assessment-observation = Observation
pages-assessment-360-degree = 360-degree assessment
pages-assessment-simulation = Simulation
pages-assessment-other = Other
pages-participation-online = Online
pages-participation-on-site = On site
pages-participation-blended = Blended
pages-participation-abroad = Abroad

## Recipients
pages-recipients-title = Recipients
pages-recipients-empty = No recipients found.
pages-recipients-new = New recipient
pages-recipients-create = Add recipient
pages-recipients-duplicate = { $identifier } already belongs to another recipient.
pages-field-identifiers = Identifiers
pages-field-emails = Email addresses
pages-field-employee-number = Employee number
pages-field-did = DID
pages-error-identifier-required = Enter at least one email address or an employee number.
pages-error-identifier-repeated = The same identifier is entered twice.
pages-error-identifier-taken = An identifier already belongs to another recipient.
pages-error-did = Enter a DID such as did:key:z6Mk…, or leave it empty.

## Issue one credential
pages-issue-title = Issue a credential
pages-issue-intro = Choose the issuer, the achievement and the recipient. The credential is signed at once and its public page opens.
pages-issue-recipient = Recipient
pages-issue-new-recipient = (by email address below)
pages-issue-email-hint = For a recipient not in the list, or to name the credential by this address.
pages-issue-language = Language of the credential
pages-issue-submit = Issue
pages-issue-error-expired = The form expired. Reload the page and try again.
pages-issue-error-other-issuer = This achievement belongs to another issuer.
pages-issue-error-recipient = Choose a recipient from the list or enter an email address, not both.
pages-issue-error-failed = The credential could not be issued:
