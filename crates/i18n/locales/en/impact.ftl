# Logic model, KPI register, cost ledger and ROI, diversity (issue 4, H1).

## Navigation inside a cohort's impact pages
imp-nav-label = Impact
imp-nav-cohort = Cohort overview
imp-nav-kpis = KPIs
imp-nav-costs = Costs and benefits
imp-nav-roi = ROI
imp-nav-diversity = Diversity
imp-nav-programme = Back to the programme

## Shared
imp-save = Save
imp-create = Add
imp-delete = Delete
imp-edit = Edit
imp-total = Total
imp-error-summary = Please check the form. Nothing was saved.
imp-error-required = This field is required.
imp-error-number = Enter a number.
imp-error-date = Enter the date as YYYY-MM-DD.
imp-error-url = Start the URL with http:// or https://.
imp-error-too-long = This text is too long.

## Logic model
imp-logic-title = Logic model
imp-logic-lead = Five stages from resources to organisational and social impact. One entry per line, written "日本語 | English" (without the English part, the Japanese text is used for both).
imp-logic-empty = No logic model yet.
imp-logic-updated = Last saved: { $at }
imp-logic-none = (none)
imp-stage-inputs = Inputs
imp-stage-activities = Activities
imp-stage-outputs = Outputs
imp-stage-outcomes = Outcomes
imp-stage-impact = Impact

## KPI register
imp-kpis-title = KPI register
imp-kpis-lead = Checkpoint due dates count from the cohort's start, { $start }. Status compares each value with a straight line from baseline to target.
imp-kpis-empty = No KPIs yet.
imp-kpi-new = Add a KPI
imp-kpi-edit = Edit KPI
imp-kpi-overdue =
    { $count ->
        [0] No checkpoint is overdue.
        [one] One checkpoint is past due without a measurement.
       *[other] { $count } checkpoints are past due without a measurement.
    }
imp-field-name-ja = Name (Japanese)
imp-field-name-en = Name (English)
imp-field-level = Level (Kirkpatrick)
imp-level-reaction = Reaction
imp-level-learning = Learning
imp-level-behaviour = Behaviour
imp-level-results = Results
imp-field-owner = Owner
imp-field-baseline = Baseline
imp-field-target = Target
imp-field-unit = Unit
imp-field-direction = Better when
imp-direction-increase = Higher is better
imp-direction-decrease = Lower is better
imp-field-data-source = Data source
imp-field-checkpoints = Checkpoints (months after the start, comma-separated)
imp-error-checkpoints = Enter months from 0 to 120, separated by commas (e.g. 0, 3, 6, 12, 24).
imp-col-overall = Overall
imp-col-month = Checkpoint
imp-col-due = Due
imp-col-expected = Expected
imp-col-actual = Actual
imp-col-status = Status
imp-col-evidence = Evidence
imp-month = Month { $month }
imp-status-on-track = On track
imp-status-at-risk = At risk
imp-status-off-track = Off track
imp-status-overdue = Overdue (not measured)
imp-status-not-due = Not due yet
imp-measure-title = Record a measurement
imp-measure-lead = Recording a checkpoint again replaces its value and evidence.
imp-field-checkpoint = Checkpoint
imp-field-value = Value
imp-field-recorded-on = Measured on
imp-field-evidence-note = Evidence (report name, survey wave…)
imp-field-evidence-url = Evidence URL (optional)
imp-record = Record
imp-error-checkpoint = Choose one of this KPI's checkpoints.

## Costs, benefits, intangibles
imp-costs-title = Cost ledger and benefits
imp-settings-title = ROI settings
imp-field-currency = Currency (ISO 4217 code)
imp-field-horizon = Years of benefit counted
imp-years =
    { $years ->
        [one] { $years } year
       *[other] { $years } years
    }
imp-error-currency = Enter a three-letter currency code in capitals (e.g. JPY).
imp-error-horizon = Choose 1 to 3 years.
imp-ledger-title = Cost ledger (fully loaded)
imp-ledger-lead = Record the hidden costs too (participants' time, backfill, internal coordination), not only invoices. Amounts are in { $currency }.
imp-ledger-empty = No costs recorded yet.
imp-col-category = Category
imp-col-description = Description
imp-col-amount = Amount
imp-col-hours = Hours
imp-col-rate = Hourly rate
imp-cat-faculty = Faculty and facilitators
imp-cat-travel-accommodation = Travel and accommodation
imp-cat-platform = Learning platform
imp-cat-participant-time = Participant time (hours × loaded rate)
imp-cat-interpretation-translation = Interpretation and translation
imp-cat-coaching = Coaching
imp-cat-internal-coordination = Internal coordination
imp-cat-backfill = Backfill
imp-cost-new = Add a cost
imp-field-category = Category
imp-field-description = Description (supplier, invoice number…)
imp-field-amount = Amount (all but participant time)
imp-field-hours = Hours (participant time only)
imp-field-rate = Loaded hourly rate (participant time only)
imp-error-amount = Enter an amount of 0 or more, with no more decimals than the currency has.
imp-error-hours = Enter hours of 0 or more, with at most two decimals.
imp-error-category = Choose a category from the list.
imp-claims-title = Benefit claims (per participant)
imp-claims-lead = Adjusted annual value = annual value × isolation × confidence. Non-respondents count as zero. Claims of participants without evaluation consent are left out.
imp-claims-empty = No benefit claims yet.
imp-col-participant = Participant
imp-col-annual-value = Annual value
imp-col-isolation = Isolation
imp-col-confidence = Confidence
imp-col-adjusted = Adjusted annual value
imp-non-respondent = Non-respondent (counts as zero)
imp-no-consent = No consent (left out)
imp-claim-new = Add a benefit claim
imp-field-participant = Participant
imp-field-annual-value = Annual value
imp-field-isolation = Isolation (%): share of the improvement due to the programme
imp-field-confidence = Confidence (%): how sure the participant is of the estimate
imp-field-non-respondent = Record as non-respondent (leave the figures empty)
imp-error-percent = Enter a whole number from 0 to 100.
imp-error-participant = Choose a participant of this cohort.
imp-no-participants = This cohort has no participants yet.
imp-intangibles-title = Intangible benefits (not monetised)
imp-intangibles-empty = None recorded yet.
imp-intangible-new = Add an intangible benefit
imp-field-text-ja = Text (Japanese)
imp-field-text-en = Text (English)

## ROI
imp-roi-title = ROI (Phillips)
imp-roi-empty = The cost ledger is empty, so there is no ROI yet.
imp-roi-bcr = Benefit-cost ratio (BCR)
imp-roi-percent = ROI
imp-roi-payback = Payback
imp-roi-payback-months = { $months } months
imp-roi-payback-none = no benefit
imp-roi-benefits = Benefits (adjusted)
imp-roi-annual-benefits = Annual benefits (adjusted)
imp-roi-costs = Fully loaded costs
imp-roi-horizon = Benefit horizon
imp-roi-respondents = Participants who answered
imp-roi-non-respondents = Non-respondents (count as zero)
imp-roi-without-consent = Claims left out (no consent)
imp-roi-formula = BCR = benefits ÷ costs; ROI (%) = (benefits − costs) ÷ costs × 100; payback (months) = costs ÷ (annual benefits ÷ 12).
imp-roi-by-category = Costs by category
imp-col-share = Share
imp-sensitivity-title = Sensitivity
imp-sensitivity-lead = Isolation and confidence are each scaled to 50 %, 75 % and 100 %, over horizons of 1 to 3 years.
imp-col-horizon = Horizon
imp-col-isolation-factor = Isolation factor
imp-col-confidence-factor = Confidence factor
imp-col-benefits = Benefits
imp-col-bcr = BCR
imp-col-roi = ROI
imp-intangibles-listed = Intangible benefits

## Diversity
imp-div-title = Diversity
imp-div-counted = Counted: { $n } participants with evaluation consent.
imp-div-threshold = Categories with fewer than { $threshold } people are suppressed.
imp-div-too-few = Fewer people are counted than the anonymity threshold, so this cannot be shown.
imp-dim-nationality = Nationality
imp-dim-job-function = Job function
imp-dim-industry = Industry
imp-dim-gender = Gender
imp-dim-language = Primary language
imp-col-value = Category
imp-col-count = People
imp-suppressed = suppressed
imp-suppressed-count = fewer than { $threshold } or withheld
imp-suppressed-note = Suppressed categories are those below the threshold and any category withheld with them so that no count can be worked out by subtraction from the total.
imp-suppressed-total = People in suppressed categories
imp-not-stated = Not stated
imp-fig-blau = Blau index
imp-fig-blau-normalized = Blau index (normalised)
imp-fig-shannon = Shannon index
imp-fig-evenness = Evenness
imp-fig-effective = Effective number of categories

## Programme-level KPI index
imp-programme-kpis-lead = KPIs are kept per cohort (each sponsor's run). Choose a cohort to open its register.
imp-programme-kpis-empty = There is no cohort you can open.
imp-col-cohort = Cohort
imp-col-starts-on = Starts on
