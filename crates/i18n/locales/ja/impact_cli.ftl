## `tsumiki impact`(crates/cli/src/commands/impact.rs):分析担当者向けのメッセージ。$row は
## Excel で表示される行番号(見出し行が 1)、$field は benefits[2].isolation のような JSON のパス。

impact-cli-error = エラー: { $message }
impact-cli-no-rows = 見出し行の下にデータ行がありません。
impact-cli-empty-file = ファイルが空です。
impact-cli-missing-column = 見出しに「{ $column }」という列がありません。列は次のとおりです: { $available }。
impact-cli-duplicate-column = 見出しに「{ $column }」という列が複数あります。どちらかの列名を変えてください。
impact-cli-all-missing = 列「{ $column }」のセルがすべて空です。
impact-cli-blank-cell = { $row } 行目: 列「{ $column }」が空です。
impact-cli-not-a-number = { $row } 行目の列「{ $column }」の値「{ $value }」は数値ではありません。
impact-cli-reliability = --reliability には 0 以上 1 未満の値を指定してください(指定値: { $value })。
impact-cli-baseline-sd = --baseline-sd には 0 より大きい値を指定してください(指定値: { $value })。
impact-cli-too-few = 参加者が { $needed } 人以上必要ですが、ファイルには { $got } 人しかいません。
impact-cli-duplicate-participant = 参加者「{ $participant }」が複数回出てきます。
impact-cli-not-finite = { $field } が有限の数値ではありません。
impact-cli-out-of-range = { $field } の値 { $value } は範囲外です。{ $min } から { $max } の間で指定してください。
impact-cli-negative = { $field } の値 { $value } は負の数です。0 以上で指定してください。
impact-cli-cost-form = costs[{ $index }]: 「amount」か、「hours」と「loadedRate」の組み合わせのどちらかを指定してください。
impact-cli-benefit-incomplete = benefits[{ $index }]: 「annualValue」「isolation」「confidence」をすべて指定するか、「nonRespondent」: true を指定してください。
impact-cli-zero-costs = 総費用が 0 のため、ROI を計算できません。
impact-cli-no-costs = 入力に費用(costs)がありません。
impact-cli-bad-roi-json = ROI の入力が正しくありません: { $detail }
impact-cli-failed = 分析できませんでした: { $detail }
