## 一括インポート(tsumiki-import):項目名、ファイル全体のエラー、行ごとの指摘。
## 行の指摘には $row(Excel の行番号。見出し行が 1)と、必要に応じて $column(見出し)、
## $letter(列記号)、$field(項目名)、$value(入力値)が渡される。

import-field-recipient-name = 受領者の氏名
import-field-email = メールアドレス
import-field-employee-number = 社員番号
import-field-did = DID
import-field-achievement = バッジ
import-field-evidence-url = エビデンスの URL
import-field-evidence-narrative = エビデンスの説明
import-field-issued-on = 発行日
import-field-external-id = 外部 ID

import-error-empty = ファイルが空です。
import-error-too-large = ファイルは { $size } バイトあり、上限の { $limit } バイトを超えています。
import-error-too-many-rows = データ行が上限の { $limit } 行を超えています。ファイルを分割してください。
import-error-too-many-columns = { $row } 行目に { $count } 列あり、上限の { $limit } 列を超えています。
import-error-unknown-encoding = ファイルが UTF-8 でも Shift-JIS でもありません(UTF-8 として読めない最初のバイトは位置 { $offset })。Excel で「CSV UTF-8」形式で保存してください。
import-error-utf16 = ファイルが UTF-16 のテキストです。Excel で「CSV UTF-8」形式か .xlsx 形式で保存してください。
import-error-binary = ファイルにバイナリデータ(位置 { $offset } に NUL バイト)が含まれているため、CSV ではありません。
import-error-legacy-xls = ファイルが古い .xls 形式です。.xlsx 形式か「CSV UTF-8」形式で保存してください。
import-error-csv = CSV の { $line } 行目付近を読めませんでした: { $detail }
import-error-xlsx = .xlsx ファイルを読めませんでした: { $detail }
import-error-xlsx-too-large = .xlsx ファイルを展開すると { $size } バイトになり、上限の { $limit } バイトを超えます。
import-error-sheet-not-found = 「{ $name }」という名前のシートがありません。シートは次のとおりです: { $available }。
import-error-no-sheets = ブックにシートがありません。
import-error-no-header = 見出し行がありません。
import-error-unknown-header = 項目「{ $field }」に指定された列「{ $header }」がファイルにありません。
import-error-ambiguous-header = 見出し「{ $header }」が複数の列にあるため、対応付けできません。どちらかの列名を変えてください。
import-error-field-not-mapped = 必須の項目「{ $field }」に列が指定されていません。
import-error-no-identifier-mapped = 受領者を特定する列がありません。メールアドレス、社員番号、DID のいずれかの列を指定してください。

import-missing-value = { $row } 行目: { $field }(列「{ $column }」)が空です。
import-missing-identifier = { $row } 行目: 受領者のメールアドレス、社員番号、DID がいずれもありません。
import-bad-email = { $row } 行目: 列「{ $column }」の「{ $value }」は正しいメールアドレスではありません。
import-bad-did = { $row } 行目: 列「{ $column }」の「{ $value }」は DID ではありません(did:メソッド:識別子 の形式で入力してください)。
import-unknown-achievement = { $row } 行目: バッジ「{ $value }」は登録されていません(列「{ $column }」)。
import-bad-date = { $row } 行目: 列「{ $column }」の「{ $value }」は日付として読めません(例: 2026-04-01、2026/4/1)。
import-future-date = { $row } 行目: 発行日 { $value } が今日({ $today })より後です。
import-bad-evidence-url = { $row } 行目: 列「{ $column }」の「{ $value }」は http または https の URL ではありません。
import-value-too-long = { $row } 行目: 列「{ $column }」の値は { $length } 文字あり、上限の { $limit } 文字を超えています。
import-duplicate-row = { $row } 行目は { $first } 行目と同じ受領者・同じバッジです。二重には発行しません。
import-duplicate-recipient = { $row } 行目: 同じ受領者に同じバッジを { $first } 行目でも発行します(外部 ID は異なります)。両方の行を発行します。
import-extra-cells = { $row } 行目: 列 { $letter } に値(「{ $value }」)がありますが見出しがないため、読み飛ばします。
