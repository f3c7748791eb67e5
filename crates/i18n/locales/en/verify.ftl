## Verification report: verdicts and step names.

verdict-verified = The credential was verified.
verdict-verified-with-warnings = The credential was verified, with { $count } { $count ->
        [one] warning
       *[other] warnings
    }.
verdict-not-verified = The credential could not be verified: { $count } { $count ->
        [one] check
       *[other] checks
    } failed.

step-parse = Input
step-contexts = Contexts
step-safe-mode = JSON-LD safe mode
step-structure = Structure
step-proof = Proof
step-dates = Validity period
step-status = Status
step-issuer = Issuer

## Step: parse

parse-ok = The input was read as { $format }.
parse-empty = The input is empty.
parse-too-large = The input is { $size } bytes, over the limit of { $limit } bytes.
parse-too-deep = The JSON is nested deeper than the limit of { $limit } levels.
parse-not-json = The input is not valid JSON: { $detail }
parse-not-object = The credential must be a JSON object.
parse-not-utf8 = The input is not valid UTF-8 text.
parse-unknown-format = The input is not a JSON credential, a VC-JWT, a baked PNG or a baked SVG.
parse-jwt-malformed = The VC-JWT is malformed: { $detail }
parse-bake-failed = No credential could be read from the { $format } image: { $detail }

## Step: contexts

contexts-ok = Every context is known and in the required order.
contexts-missing = The credential has no "@context".
contexts-not-array = "@context" must be an array of context URLs.
contexts-invalid-entry = The context entry is neither a URL nor an object.
contexts-not-bundled = The context { $url } is not known to tsumiki, so its terms cannot be checked.
contexts-first-not-v2 = The first context must be https://www.w3.org/ns/credentials/v2, but it is { $found }.
contexts-legacy-v1 = The credential uses the VC 1.1 data model (https://www.w3.org/2018/credentials/v1). It is accepted for compatibility, but Open Badges 3.0 requires VC 2.0.
contexts-ob-missing = The Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json) is missing.
contexts-ob-not-second = The Open Badges 3.0 context should come directly after the VC context, but it is at position { $position }.
contexts-clr-missing = The CLR 2.0 context (https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json) is missing.
contexts-inline = The credential defines terms in an embedded context; they are checked, but other verifiers may read them differently.

## Step: safe mode

safe-mode-ok = Every property and type is defined by the contexts, so nothing is silently ignored.
safe-mode-violation = A property or value is not defined by the contexts and would be ignored when signing: { $detail }
safe-mode-error = The credential could not be processed as JSON-LD: { $detail }
safe-mode-skipped = The JSON-LD check was skipped because the contexts are not usable.

## Step: structure

structure-ok = The credential has every required property, with the right types.
structure-missing-property = The required property "{ $property }" is missing.
structure-wrong-type = "{ $property }" must be { $expected }.
structure-missing-type-value = "type" must include "{ $expected }".
structure-subject-no-identifier = The achievement subject needs an "id" or at least one "identifier".
structure-invalid-datetime = "{ $value }" is not a date and time with a time zone (for example 2024-04-01T09:00:00Z).
structure-invalid-uri = "{ $value }" is not a URI.
structure-identity-hash-format = The identity hash must be "sha256$" or "md5$" followed by hexadecimal digits when "hashed" is true.
structure-empty-array = "{ $property }" must not be empty.
structure-unknown-credential-type = "type" names no credential type tsumiki knows (AchievementCredential, OpenBadgeCredential, EndorsementCredential, ClrCredential).
structure-proof-purpose = The proof purpose must be "assertionMethod", but it is "{ $found }".

## Step: proof

proof-ok = The signature was verified with { $method } ({ $suite }).
proof-failed = The signature could not be verified with { $method }: { $detail }
proof-missing = The credential has no proof: it is neither signed with Data Integrity nor a VC-JWT.
proof-legacy = The proof uses a legacy form: { $detail }
proof-jwt-ok = The VC-JWT signature ({ $alg }) was verified with { $kid }.
proof-jwt-failed = The VC-JWT could not be verified: { $detail }
proof-unavailable = The proof could not be checked: { $detail }
proof-embedded-ok = The bundled credential { $id } was verified.
proof-embedded-failed = The bundled credential { $id } could not be verified (failed checks: { $codes }).
proof-bad-signature = The signature does not match: the credential or its proof was changed after signing, or the wrong key is named ({ $method }).
proof-key-unresolved = The key { $method } could not be found: { $detail }
proof-jwt-bad-signature = The VC-JWT signature does not match: the token was changed, or the wrong key is named.
proof-legacy-vc11 = The proof is over a VC 1.1 credential; Open Badges 3.0 requires VC 2.0.
proof-legacy-eddsa-2022 = The proof uses the pre-final cryptosuite name "eddsa-2022"; the final name is "eddsa-rdfc-2022".
proof-legacy-ed25519-signature-2020 = The proof is an Ed25519Signature2020 proof; Open Badges 3.0 certifies DataIntegrityProof with eddsa-rdfc-2022.
proof-legacy-unbound-previous-proof = The chained proof covers the credential but not the earlier proofs it names (the form used before VC Data Integrity 1.0).
proof-jwt-vc-claim = The VC-JWT uses the VC 1.1 form (the credential is in a "vc" claim).
proof-jwt-missing-claim = The VC-JWT lacks the claim "{ $claim }" that the Open Badges profile requires.
proof-jwt-extra-header = The VC-JWT header has the member "{ $name }", which the Open Badges profile does not allow.
proof-jwt-embedded-jwk = The VC-JWT carries its own key (jwk header); that alone does not show who the key belongs to.

## Step: dates

dates-ok = The credential is valid now ({ $now }); valid from { $from }.
dates-ok-until = The credential is valid now ({ $now }); valid from { $from } until { $until }.
dates-not-yet-valid = The credential is not valid yet: it becomes valid at { $from } (now: { $now }).
dates-expired = The credential expired at { $until } (now: { $now }).
dates-invalid = "{ $property }" is not a valid date and time: "{ $value }".
dates-missing-valid-from = The credential has no "validFrom" (or "issuanceDate"), so its validity period is unknown.
dates-legacy = The credential uses the VC 1.1 date properties "issuanceDate" / "expirationDate".

## Step: status

status-none = The credential has no status entry, so it cannot be revoked.
status-ok = The status list { $url } shows the credential is not { $purpose ->
        [revocation] revoked
        [suspension] suspended
       *[other] flagged ({ $purpose })
    }.
status-revoked = The credential has been revoked (status list { $url }, index { $index }).
status-suspended = The credential is suspended (status list { $url }, index { $index }).
status-flagged = The status list { $url } sets a "{ $purpose }" status ({ $value }) on the credential.
status-unchecked = The status could not be checked: { $detail }
status-list-missing = The status list { $url } was not provided, so revocation cannot be ruled out.
status-list-invalid = The status list { $url } cannot be trusted: { $detail }
status-invalid-entry = The status entry is invalid: { $detail }
status-unsupported = The status type "{ $type }" is not supported.
status-1edtech-ok = The 1EdTech revocation list { $url } does not list the credential.
status-1edtech-revoked = The credential has been revoked according to { $url }. Reason: { $reason }
status-list-unverified = The status list { $url } was not signed by the credential's issuer { $issuer }.

## Step: issuer

issuer-ok = The issuer { $issuer } controls the key that signed the credential.
issuer-controller-mismatch = The credential names { $issuer } as issuer, but it was signed by a key controlled by { $controller }.
issuer-co-signed = Also signed by { $controller }, which is not the issuer { $issuer }: a co-signature, shown so you know who else vouches for this credential.
issuer-missing = The credential names no issuer.
issuer-jwt-iss-mismatch = The JWT "iss" claim ({ $iss }) differs from the credential issuer { $issuer }.
issuer-unchecked = The issuer could not be matched to a key, because no proof was verified.
issuer-unbound-key = The credential was signed with a key that is not tied to any controller (a key embedded in the token), so it cannot be linked to the issuer { $issuer }.
