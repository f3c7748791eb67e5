# 360° feedback: rounds, invitations, the rater page, reports and mail.

## Rounds
fb-rounds-title = 360° feedback
fb-rounds-empty = No feedback rounds yet.
fb-rounds-new = New round
fb-rounds-create = Create round
fb-instrument-note = Rounds use the Tsumiki Cross-Cultural Leadership Model (tsumiki-ccl-1, CC BY 4.0): 7 competencies, 22 observed behaviours, rated 1–5 or "cannot say".
fb-col-round = Round
fb-col-due = Due
fb-col-state = Status
fb-kind-pre = Pre (month 0)
fb-kind-post = Post (month 12)
fb-kind-follow-up = Follow-up (month 24)
fb-state-draft = Draft
fb-state-open = Open
fb-state-closed = Closed
fb-field-policy = Groups below the anonymity threshold
fb-policy-suppress = Hide them
fb-policy-merge = Merge them into "others"
fb-open = Open round and accept answers
fb-close = Close round (all links expire)
fb-remind = Send reminders to raters who have not answered
fb-reminded = { $count ->
    [one] Reminder queued for 1 rater. Their earlier link no longer works.
   *[other] Reminders queued for { $count } raters. Their earlier links no longer work.
}
fb-progress = Progress
fb-progress-help = Answered / invited, per rater group. Individual raters are never shown.
fb-no-participants = This cohort has no participants yet.
fb-col-participant = Participant
fb-col-report = Report
fb-export-csv = Download CSV
fb-export-json = Download JSON

## Invitations
fb-invite-title = Invite raters
fb-invite-help = Each rater receives a personal link by email. No account is needed; the link works until the round closes.
fb-invite = Send invitations
fb-field-group = Rater group
fb-field-emails = Email addresses
fb-field-emails-help = One address per line.
fb-field-language = Language of the email and form
fb-group-self = Self
fb-group-manager = Manager
fb-group-peer = Peers
fb-group-direct-report = Direct reports
fb-group-other = Others
fb-invited = Invitations queued: { $count }. Already invited (skipped): { $duplicates }.
fb-error-choice = Please choose a value from the list.
fb-error-email = Enter at least one valid email address, one per line.
fb-error-self-one = A self-assessment goes to exactly one address.
fb-error-round-exists = This cohort already has that round.
fb-error-round-closed = The round is closed; no more invitations can be sent.
fb-error-remind-not-open = Reminders can only be sent while the round is open.

## Reports
fb-report-title = 360° feedback report
fb-report-scores = Average ratings per competency (1–5)
fb-report-withheld = Some rater groups are not shown because too few people in them answered. This protects their anonymity.
fb-report-gap-help = Gap = self rating minus others' rating. A positive gap means you rate yourself higher than others see you.
fb-col-competency = Competency
fb-col-others = Others
fb-col-gap = Gap
fb-strengths = Strengths
fb-development = Development areas
fb-none-yet = Not enough ratings yet.
fb-comments = Comments
fb-comments-none = No comments.
fb-comments-withheld = Comments are shown only when enough raters have answered.
fb-change-own = Change since the pre round
fb-col-pre = Pre
fb-col-post = This round
fb-col-diff = Change
fb-col-verdict = Reliable change?
fb-reliable-up = Reliable improvement
fb-reliable-down = Reliable decline
fb-reliable-none = Within measurement error
fb-reliable-unknown = Cannot be judged
fb-overall = All competencies
fb-change-title = Cohort change
fb-change-help = Paired change of others' ratings for participants who consented to evaluation, with the 95% confidence interval, Cohen's d_z, Hedges' g_z, and the share of participants with a reliable improvement (reliable change index).
fb-change-section = Pre → { $round }
fb-change-missing = This round has not been created yet.
fb-col-mean-diff = Mean change
fb-col-ci = 95% CI
fb-col-reliable-share = Reliably improved
fb-withheld-small = Not shown: too few participants.
fb-me-title = My 360° feedback
fb-me-empty = No feedback reports yet.

## Rater page
fb-rate-title = 360° feedback
fb-rate-intro = You have been asked to give feedback on { $name }. Please rate how often you have seen them do each of the following.
fb-rate-intro-self = This is your self-assessment. Please rate how often you do each of the following.
fb-rate-confidential = Your answers are combined with those of other raters. Scores from a group are shown only when enough people in it have answered, and your name is never shown.
fb-rate-confidential-self = Your self-assessment appears in your own feedback report, next to the combined ratings of the others.
fb-rate-editing = You have already answered. You can change your answers until the round closes.
fb-rate-comment = Comments (optional)
fb-rate-comment-hint = Comments are shown without your name, and only when enough raters have answered. Please avoid details that would identify you.
fb-rate-submit = Submit
fb-rate-thanks = Thank you. Your answers have been saved.
fb-rate-can-edit = You can use the same link to change your answers until the round closes.
fb-rate-edit = Review or change my answers
fb-rate-closed = This feedback round is not open. The link has expired or the round has not started yet.
fb-rate-error-value = Some answers were not valid. Please choose one option per statement.
fb-rate-error-comment-long = The comment is too long (4,000 characters at most).

## Mail
fb-mail-subject = Request for 360° feedback
fb-mail-reminder-subject = Reminder: request for 360° feedback
fb-mail-body = Hello,

    You have been asked to give feedback on { $name } as part of a leadership programme. It takes about 10 minutes. Your answers are combined with those of other raters and your name is never shown.

    { $link }

    This link is personal; please do not forward it. It works until the feedback round closes.
fb-mail-body-self = Hello,

    Please complete your self-assessment for your leadership programme. It takes about 10 minutes.

    { $link }

    This link is personal; please do not forward it. It works until the feedback round closes.
fb-mail-reminder = Hello,

    This is a reminder of the request to give feedback on { $name }. If you have not yet had time, you can answer here:

    { $link }

    This new link replaces the one sent earlier, which no longer works.
fb-mail-reminder-self = Hello,

    This is a reminder to complete your self-assessment:

    { $link }

    This new link replaces the one sent earlier, which no longer works.
fb-mail-link-removed = [link removed after sending]
