## `tsumiki impact` (crates/cli/src/commands/impact.rs): messages for analysts. $row is the row
## number as Excel shows it (header = 1); $field is a JSON path such as benefits[2].isolation.

impact-cli-error = error: { $message }
impact-cli-no-rows = The file has no data rows under its header.
impact-cli-empty-file = The file is empty.
impact-cli-missing-column = There is no column "{ $column }" in the header. The columns are: { $available }.
impact-cli-duplicate-column = The column "{ $column }" appears more than once in the header; rename one of them.
impact-cli-all-missing = Every cell of the column "{ $column }" is empty.
impact-cli-blank-cell = Row { $row }: the column "{ $column }" is empty.
impact-cli-not-a-number = Row { $row }, column "{ $column }": "{ $value }" is not a number.
impact-cli-reliability = --reliability must be at least 0 and less than 1 (got { $value }).
impact-cli-baseline-sd = --baseline-sd must be greater than 0 (got { $value }).
impact-cli-too-few = At least { $needed } participants are needed; the file has { $got }.
impact-cli-duplicate-participant = The participant "{ $participant }" appears more than once.
impact-cli-not-finite = { $field } is not a finite number.
impact-cli-out-of-range = { $field } is { $value }, but must be between { $min } and { $max }.
impact-cli-negative = { $field } is { $value }, but must not be negative.
impact-cli-cost-form = costs[{ $index }]: give either "amount", or "hours" and "loadedRate".
impact-cli-benefit-incomplete = benefits[{ $index }]: give "annualValue", "isolation" and "confidence", or "nonRespondent": true.
impact-cli-zero-costs = The total cost is 0, so no ROI can be computed.
impact-cli-no-costs = The input has no costs.
impact-cli-bad-roi-json = The ROI input is not valid: { $detail }
impact-cli-failed = The analysis failed: { $detail }
