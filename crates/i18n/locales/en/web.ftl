# The web platform (`tsumiki serve`): back-office pages, errors, console messages.

## Console (tsumiki serve)
web-serve-listening = tsumiki is listening on { $url }
web-serve-setup-link = No administrator yet. Open this one-time link to create one: { $url }
web-serve-stopped = tsumiki stopped.

## Frame
web-brand = tsumiki
# Each language is named in itself, whatever the page language.
web-lang-ja = 日本語
web-lang-en = English
web-brand-tagline = Open Badges issuing
web-nav-label = Main menu
web-nav-dashboard = Dashboard
web-nav-issuers = Issuers
web-nav-users = Users
web-nav-tokens = API tokens
web-nav-logout = Log out
web-footer = tsumiki — Open Badges 3.0 / CLR 2.0 verifiable credentials

## Errors
web-error-not-found = This page does not exist.
web-error-unauthorized = Please log in.
web-error-forbidden = Your role does not allow this action, or the form expired. Reload the page and try again.
web-error-bad-request = The request could not be processed.
web-error-conflict = This conflicts with existing data.
web-error-internal = Something went wrong on the server. The error was logged.
web-error-home = Back to the start page

## Roles
web-role-admin = Administrator
web-role-issuer-staff = Issuer staff
web-role-viewer = Viewer

## Form fields
web-field-email = Email address
web-field-display-name = Name
web-field-password = Password
web-field-password-confirm = Password (again)
web-field-password-hint = At least 10 characters.
web-field-role = Role
web-field-created-at = Created
web-field-label = Label
web-field-owner = User
web-field-last-used = Last used
web-field-issuer-name = Issuer
web-field-identifier = Identifier
web-field-identifier-kind = Identifier type
web-field-achievement = Achievement
web-field-issued-at = Issued
web-field-state = Status
web-field-name-ja = Name (Japanese)
web-field-name-en = Name (English)
web-field-slug = Short name (URL)
web-field-slug-hint = Lowercase letters, digits and hyphens; it becomes part of the issuer's URL and DID.
web-field-url = Website

## Account checks
web-account-error-email = Enter a valid email address.
web-account-error-name = Enter a name.
web-account-error-password-short = The password must have at least 10 characters.
web-account-error-password-mismatch = The two passwords differ.
web-account-error-role = Choose a role.
web-account-error-exists = A user with this email address already exists.

## Set-up
web-setup-title = Create the administrator
web-setup-intro = This is the first start of this server. The account you create here manages users, issuers and API tokens. The link works only once.
web-setup-submit = Create administrator

## Login
web-login-title = Log in
web-login-submit = Log in
web-login-throttled = Too many failed attempts for this account. Wait 15 minutes and try again.
web-login-failed = The email address or the password is wrong.

## Dashboard
web-dashboard-title = Dashboard
web-dashboard-issuers = Issuers
web-dashboard-achievements = Achievements
web-dashboard-recent = Recently issued credentials
web-dashboard-recent-count = Recent credentials
web-dashboard-no-issuers = No issuer has been set up yet.
web-dashboard-add-issuer = Add an issuer
web-dashboard-no-credentials = No credential has been issued yet.

## Credential states
web-state-active = Valid
web-state-suspended = Suspended
web-state-revoked = Revoked

## Users
web-users-title = Users
web-users-new = New user
web-users-create = Create user

## API tokens
web-tokens-title = API tokens
web-tokens-new = New API token
web-tokens-create = Create token
web-tokens-created = Token created
web-tokens-shown-once = Copy it now: it is shown only this once and cannot be displayed again.
web-tokens-none = No API token yet.
web-tokens-revoke = Revoke
web-tokens-never-used = never
web-tokens-revoked = Revoked
web-tokens-error-form = Choose a user and enter a label.

## Issuers
web-issuers-title = Issuers
web-issuers-new = New issuer
web-issuers-new-intro = Each issuer gets its own Ed25519 signing key, stored encrypted with the server's master key.
web-issuers-create = Create issuer
web-issuers-profile = Profile (JSON-LD)
web-issuers-did-document = DID document
web-issuers-current-key = Signing key
web-issuers-retired-key = Retired key
web-issuers-retired-at = retired
web-issuers-rotate = Rotate signing key
web-issuers-rotate-hint = A new key signs from now on; the old one stays published, so everything it signed keeps verifying.
web-issuers-kind-did-web = did:web (published by this server; recommended)
web-issuers-kind-did-key = did:key (self-contained, no domain needed)
web-issuers-error-exists = An issuer with this short name already exists.
web-issuers-error-form = Check the fields: a name, a short name of lowercase letters, digits and hyphens, and a website starting with https://.

## Public issuer profile
web-profile-kicker = Credential issuer
web-profile-explainer = Credentials from this issuer are signed with the key published under the identifier above. Anyone can check them on the verify page of this server or with any Open Badges 3.0 verifier.

## Own password
web-password-title = Change password
web-password-intro = After the change, every other session of your account is logged out.
web-password-current = Current password
web-password-submit = Change password
web-password-error-current = The current password is wrong.
