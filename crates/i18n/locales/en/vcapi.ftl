# Issuing (text that goes into credentials)
vcapi-learning-outcomes = Learning outcomes:

# Public credential page
pub-credential-title = { $name }
pub-issued-by = Issued by { $issuer }
pub-issued-to = Awarded to { $recipient }
pub-issued-on = Issued on { $date }
pub-state-active = Valid
pub-state-revoked = Revoked
pub-state-suspended = Suspended
pub-state-reason = Reason: { $reason }
pub-description = Description
pub-criteria = Criteria
pub-learning-outcomes = Learning outcomes
pub-details = Details
pub-fact-type = Type
pub-fact-hours = Study hours
pub-fact-credits = Credits
pub-fact-level = Level
pub-fact-assessment = Assessment
pub-fact-participation = Form of participation
pub-fact-quality = Quality assurance
pub-fact-prerequisites = Prerequisites
pub-fact-stackability = Stackability
pub-verification = Verification
pub-verification-intro = This page checked the credential just now: its signature, its structure, its dates, its revocation and suspension status, and its issuer.
pub-outcome-pass = Pass
pub-outcome-fail = Fail
pub-outcome-warning = Warning
pub-downloads = Download
pub-download-json = Credential (JSON-LD)
pub-download-jwt = Credential (VC-JWT)
pub-download-png = Badge image with the credential (PNG)
pub-download-svg = Badge image with the credential (SVG)
pub-share = Share
pub-linkedin = Add to LinkedIn profile
pub-qr = QR code of this page
pub-lang-switch = Language
pub-image-alt-default = Badge image
pub-no-png = This badge has no PNG image; download the SVG instead.

# Verify page
pub-verify-title = Verify a credential
pub-verify-intro = Paste a credential (JSON or VC-JWT) or upload a badge image (PNG or SVG) from any issuer. Nothing is stored. Keys of did:key issuers and of issuers on this server are checked offline; other issuers' keys cannot be fetched from here and are reported as unresolved.
pub-verify-paste = Credential (JSON or VC-JWT)
pub-verify-upload = Or a file (JSON, JWT, PNG, SVG)
pub-verify-submit = Verify
pub-verify-empty = Paste a credential or choose a file.
pub-verify-result = Result
pub-verify-credential-name = Credential: { $name }

# VC-API issuing: why a credential was not signed
vcapi-issue-refused = The credential was not signed: it does not conform to the data model. Each problem is listed with its JSON path.
vcapi-subject-without-claims = A credential subject must make at least one claim; this one is empty.
vcapi-missing-type = Every "{ $property }" object must have a "type".
vcapi-related-resource-not-object = Each "relatedResource" must be an object with an "id" and a digest, not a bare string.
vcapi-related-resource-without-id = This "relatedResource" has no "id" URL.
vcapi-related-resource-duplicate = The "relatedResource" id { $id } appears more than once.
vcapi-related-resource-without-digest = This "relatedResource" has neither "digestSRI" nor "digestMultibase".
vcapi-valid-until-before-from = "validUntil" is earlier than "validFrom", so the credential would never be valid.
vcapi-malformed-status-entry = The status entry's "{ $property }" is malformed (MALFORMED_VALUE_ERROR): the purpose must be a string, the index a base-10 integer string, the list a URL and the size a positive integer.
