## Sponsor dashboard, A4 report and programme selection (issue 4).

sp-nav = Sponsor

## Programme selection

sp-nav-selection = Programme selection
sp-selection-title = Choosing a programme
sp-selection-lead = Compare candidate programmes on the seven criteria of the selection checklist: weight what matters to your organisation, score each candidate from 1 (weak) to 5 (strong) with the evidence for the score, and read the weighted comparison.
sp-selection-sets = Comparisons
sp-selection-empty = No comparisons yet.
sp-selection-new = New comparison
sp-selection-create = Create comparison
sp-selection-back = ← All comparisons
sp-selection-comparison = Side-by-side comparison
sp-selection-comparison-caption = Scores by criterion (1–5), with weights, weighted scores and ranks
sp-selection-no-candidates = No candidates yet. Add one of our programmes or an external programme below.
sp-selection-weighted = Weighted score (1–5)
sp-selection-coverage = Criteria scored
sp-selection-rank = Rank
sp-selection-unranked = not ranked yet
sp-selection-method = The weighted score is the weighted mean of the scores (Σ weight × score ÷ Σ weight) over the criteria with a weight above 0. A candidate is ranked only once every weighted criterion is scored; equal scores share a rank.
sp-selection-weights = Weights (0–10)
sp-selection-save-weights = Save weights
sp-selection-save-scores = Save scores
sp-selection-not-scored = not scored
sp-selection-our-programme = Our programme
sp-selection-external = External programme (enter its name below)
sp-selection-add-candidate = Add a candidate
sp-selection-add = Add candidate
sp-field-title = Title
sp-field-organisation = Organisation
sp-field-updated = Updated
sp-field-criterion = Criterion
sp-field-weight = Weight
sp-field-score = Score
sp-field-evidence = Evidence
sp-field-own-programme = Our programme
sp-field-name = Programme name
sp-field-provider = Provider
sp-field-url = Web page
sp-error-title = Enter a title of at most 200 characters.
sp-error-organisation = Choose a sponsor organisation.
sp-error-candidate = Choose one of our programmes or enter the external programme's name.
sp-error-too-long = A name, provider or evidence note is too long.
sp-error-url = Enter a web address starting with https:// or http://.
sp-error-programme = That programme does not exist.
sp-error-weight = Weights are whole numbers from 0 to 10.
sp-error-score = Scores are whole numbers from 1 to 5.

sp-criterion-strategic-alignment = Strategic alignment
sp-criterion-strategic-alignment-question = Does the programme address a specific business objective, such as market entry or integration capability?
sp-criterion-applied-components = Applied components
sp-criterion-applied-components-question = Are action learning projects tied to measurable organisational outcomes?
sp-criterion-cohort-diversity = Cohort diversity
sp-criterion-cohort-diversity-question = Is the participant mix diverse enough by geography, function and industry to stimulate cross-border learning?
sp-criterion-language-support = Language and facilitation support
sp-criterion-language-support-question = Are bilingual options, interpreters or language coaching provided?
sp-criterion-measurement-plan = Measurement plan
sp-criterion-measurement-plan-question = Are KPIs and evaluation methods agreed at the outset, with a timeline for follow-up?
sp-criterion-post-programme-support = Post-programme support
sp-criterion-post-programme-support-question = Does the provider offer coaching, alumni engagement and refreshers to sustain behavioural change?
sp-criterion-credential-recognition = Credential recognition
sp-criterion-credential-recognition-question = Will the credential be recognised internally for promotion and externally for career mobility?

## Sponsor dashboard and A4 report

sp-list-title = Sponsor dashboards
sp-list-lead = Cohorts whose results you may read, with the dashboard, the printable A4 report and the data exports of each.
sp-list-empty = No cohorts to show yet.
sp-list-unlinked = Your account is not linked to a sponsor organisation yet, so there is nothing to show. Ask an administrator to link it.
sp-col-cohort = Cohort
sp-dashboard-title = Sponsor dashboard
sp-back = ← All cohorts
sp-as-of = Statuses as of { $date }
sp-counted = { $count ->
    [one] Figures cover { $count } participant who consented to evaluation
   *[other] Figures cover { $count } participants who consented to evaluation
}
sp-threshold = groups smaller than { $threshold } are not shown
sp-exports = Exports
sp-export-report = A4 report
sp-other-language = 日本語で表示
sp-withheld-small = Not shown: too few participants for their answers to stay anonymous.

sp-kpis-title = KPI status by checkpoint
sp-kpis-empty = No KPIs have been set for this cohort.
sp-kpis-table = Expected and measured values per checkpoint
sp-col-month = Month
sp-col-due = Due
sp-col-expected = Expected
sp-col-actual = Measured
sp-col-status = Status
sp-month = { $month } mo

sp-change-title = 360° change (before → after)
sp-change-empty = The change appears once both the pre-programme and the post-programme 360° rounds exist.
sp-change-all-withheld = Every competency is withheld: too few participants were rated in both rounds.
sp-change-table = Mean ratings by others before and after, with the change and its 95% confidence interval
sp-change-overall = All competencies
sp-change-withheld = { $count ->
    [one] { $count } competency is withheld: too few participants were rated in both rounds.
   *[other] { $count } competencies are withheld: too few participants were rated in both rounds.
}
sp-col-competency = Competency
sp-col-change = Change
sp-col-ci = 95% CI
sp-col-reliable = Reliable improvement

sp-credentials-title = Credentials issued and claimed
sp-credentials-issued = Issued
sp-credentials-claimed = Claimed
sp-credentials-share = Claimed share
sp-credentials-note = A credential counts as claimed once its holder has downloaded it. Revoked credentials are not counted.

sp-diversity-title = Cohort diversity
sp-diversity-effective = effective number
sp-diversity-suppressed = Small groups (combined)
sp-col-category = Category
sp-col-count = People
sp-col-share = Share

sp-roi-title = Return on investment
sp-roi-empty = The ROI appears once costs have been recorded for this cohort.
sp-roi-bcr = Benefit–cost ratio
sp-roi-payback = Payback
sp-roi-payback-months = { $months } months
sp-roi-costs = Total costs
sp-roi-benefits = Benefits (adjusted)
sp-roi-table = { $years ->
    [one] Costs by category and benefits over { $years } year
   *[other] Costs by category and benefits over { $years } years
}
sp-col-item = Item
sp-col-amount = Amount
sp-cost-other = Other

sp-chart-kpi = KPI timeline: { $kpi }
sp-chart-expected = Planned trajectory
sp-chart-competency = Competency ratings before and after the programme
sp-chart-pre = Before
sp-chart-post = After
sp-chart-roi = Costs by category compared with benefits ({ $currency })
sp-chart-empty = No data yet

sp-report-title = Programme impact report
sp-report-programme = Programme
sp-report-sponsor = Sponsor
sp-report-period = Period
sp-report-as-of = As of
sp-report-footer = Produced by tsumiki. Figures use only participants who consented to evaluation; groups below the anonymity threshold are not shown.
