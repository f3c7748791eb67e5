# Back-office pages for issued credentials: search, details, revoking and suspending.

## Navigation
cred-nav = Credentials

## List
cred-list-title = Issued credentials
cred-search-label = Name, email, identifier or achievement
cred-filter-issuer = Issuer
cred-filter-achievement = Achievement
cred-filter-state = State
cred-filter-all = All
cred-apply = Filter
cred-clear = Clear filters
cred-total = { $count ->
    [one] { $count } credential found
   *[other] { $count } credentials found
}
cred-empty = No credentials match.
cred-col-recipient = Recipient
cred-open = Details
cred-pager-label = Pages
cred-pager-prev = Previous page
cred-pager-next = Next page
cred-pager-position = Page { $page } of { $pages }

## Detail
cred-detail-title = Credential details
cred-field-id = Credential ID
cred-field-reason = Reason
cred-field-updated-at = Last changed
cred-public-page = Open the public page
cred-download-json = Download JSON
cred-back-to-list = Back to issued credentials
cred-history-title = Status history
cred-history-empty = The status has not been changed yet.
cred-history-at = When
cred-history-action = Action
cred-history-actor = By
cred-actor-system = System
cred-action-revoke = Revoked
cred-action-suspend = Suspended
cred-action-unsuspend = Reinstated

## Status changes
cred-actions-title = Change the status
cred-actions-final = This credential is revoked. Revocation is final, so it cannot be changed any more.
cred-reason-label = Reason (required)
cred-reason-hint = Shown on the public page and in the history. Up to { $max } characters.
cred-revoke-heading = Revoke
cred-revoke-help = Revocation cannot be undone: from now on, verifiers will see this credential as revoked.
cred-revoke-confirm = I understand that revoking cannot be undone
cred-revoke-button = Revoke permanently
cred-suspend-heading = Suspend
cred-suspend-help = While suspended, the credential fails verification. You can reinstate it later.
cred-suspend-button = Suspend
cred-unsuspend-heading = Reinstate
cred-unsuspend-help = Once reinstated, the credential verifies as valid again.
cred-unsuspend-button = Reinstate
cred-error-reason-missing = Enter a reason.
cred-error-reason-too-long = Keep the reason to { $max } characters or fewer.
cred-error-confirm = To revoke, tick the confirmation box.
cred-error-transition = This change is not possible in the credential's current state. Reload the page to see its state.
cred-done-revoke = The credential has been revoked.
cred-done-suspend = The credential has been suspended.
cred-done-unsuspend = The credential has been reinstated.
