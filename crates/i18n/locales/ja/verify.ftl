## 検証レポート: 判定とステップ名

verdict-verified = この資格情報を検証しました。
verdict-verified-with-warnings = この資格情報を検証しました(警告 { $count } 件)。
verdict-not-verified = この資格情報を検証できませんでした({ $count } 件の確認に失敗しました)。

step-parse = 入力
step-contexts = コンテキスト
step-safe-mode = JSON-LD セーフモード
step-structure = 構造
step-proof = 署名
step-dates = 有効期間
step-status = 失効状態
step-issuer = 発行者

## ステップ: 入力

parse-ok = 入力を { $format } として読み込みました。
parse-empty = 入力が空です。
parse-too-large = 入力が { $size } バイトあり、上限の { $limit } バイトを超えています。
parse-too-deep = JSON の入れ子が上限の { $limit } 階層を超えています。
parse-not-json = 入力が正しい JSON ではありません: { $detail }
parse-not-object = 資格情報は JSON オブジェクトでなければなりません。
parse-not-utf8 = 入力が正しい UTF-8 テキストではありません。
parse-unknown-format = 入力は JSON の資格情報、VC-JWT、資格情報を埋め込んだ PNG・SVG 画像のいずれでもありません。
parse-jwt-malformed = VC-JWT の形式が正しくありません: { $detail }
parse-bake-failed = { $format } 画像から資格情報を読み取れませんでした: { $detail }

## ステップ: コンテキスト

contexts-ok = すべてのコンテキストが既知で、必要な順序で並んでいます。
contexts-missing = 資格情報に「@context」がありません。
contexts-not-array = 「@context」はコンテキスト URL の配列でなければなりません。
contexts-invalid-entry = コンテキストの要素が URL でもオブジェクトでもありません。
contexts-not-bundled = コンテキスト { $url } は tsumiki が把握していないため、その用語を確認できません。
contexts-first-not-v2 = 最初のコンテキストは https://www.w3.org/ns/credentials/v2 でなければなりませんが、{ $found } になっています。
contexts-legacy-v1 = この資格情報は VC 1.1 データモデル(https://www.w3.org/2018/credentials/v1)を使用しています。互換性のため受け付けますが、Open Badges 3.0 では VC 2.0 が必要です。
contexts-ob-missing = Open Badges 3.0 のコンテキスト(https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json)がありません。
contexts-ob-not-second = Open Badges 3.0 のコンテキストは VC コンテキストの直後に置くべきですが、{ $position } 番目にあります。
contexts-clr-missing = CLR 2.0 のコンテキスト(https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json)がありません。
contexts-inline = 資格情報が埋め込みコンテキストで用語を定義しています。確認は行いますが、他の検証ツールでは解釈が異なる可能性があります。

## ステップ: セーフモード

safe-mode-ok = すべてのプロパティと型がコンテキストで定義されており、無視される項目はありません。
safe-mode-violation = コンテキストで定義されていないプロパティまたは値があり、署名の対象から外れてしまいます: { $detail }
safe-mode-error = 資格情報を JSON-LD として処理できませんでした: { $detail }
safe-mode-skipped = コンテキストが使用できないため、JSON-LD の確認を省略しました。

## ステップ: 構造

structure-ok = 必須のプロパティがすべて揃っており、型も正しい形式です。
structure-missing-property = 必須のプロパティ「{ $property }」がありません。
structure-wrong-type = 「{ $property }」は { $expected } でなければなりません。
structure-missing-type-value = 「type」に「{ $expected }」が含まれていません。
structure-subject-no-identifier = 達成の主体(AchievementSubject)には「id」または 1 つ以上の「identifier」が必要です。
structure-invalid-datetime = 「{ $value }」はタイムゾーン付きの日時ではありません(例: 2024-04-01T09:00:00Z)。
structure-invalid-uri = 「{ $value }」は URI ではありません。
structure-identity-hash-format = 「hashed」が true の場合、識別子のハッシュは「sha256$」または「md5$」に続く 16 進数でなければなりません。
structure-empty-array = 「{ $property }」を空にすることはできません。
structure-unknown-credential-type = 「type」に tsumiki が扱う資格情報の種類(AchievementCredential、OpenBadgeCredential、EndorsementCredential、ClrCredential)が含まれていません。
structure-proof-purpose = 署名の目的(proofPurpose)は「assertionMethod」でなければなりませんが、「{ $found }」になっています。

## ステップ: 署名

proof-ok = { $method }({ $suite })で署名を検証しました。
proof-failed = { $method } で署名を検証できませんでした: { $detail }
proof-missing = 資格情報に署名がありません。Data Integrity の署名も VC-JWT もありません。
proof-legacy = 署名が旧形式です: { $detail }
proof-jwt-ok = VC-JWT の署名({ $alg })を { $kid } で検証しました。
proof-jwt-failed = VC-JWT を検証できませんでした: { $detail }
proof-unavailable = 署名を確認できませんでした: { $detail }
proof-embedded-ok = 同梱された資格情報 { $id } を検証しました。
proof-embedded-failed = 同梱された資格情報 { $id } を検証できませんでした(失敗した確認: { $codes })。
proof-bad-signature = 署名が一致しません。署名後に資格情報または署名が変更されたか、別の鍵が指定されています({ $method })。
proof-key-unresolved = 鍵 { $method } が見つかりませんでした: { $detail }
proof-jwt-bad-signature = VC-JWT の署名が一致しません。トークンが変更されたか、別の鍵が指定されています。
proof-legacy-vc11 = VC 1.1 の資格情報に対する署名です。Open Badges 3.0 では VC 2.0 が必要です。
proof-legacy-eddsa-2022 = 署名が最終版以前の暗号スイート名「eddsa-2022」を使用しています。正式名は「eddsa-rdfc-2022」です。
proof-legacy-ed25519-signature-2020 = 署名が Ed25519Signature2020 形式です。Open Badges 3.0 の認証対象は eddsa-rdfc-2022 の DataIntegrityProof です。
proof-legacy-unbound-previous-proof = 連鎖した署名が資格情報には及んでいますが、参照する先行の署名には及んでいません(VC Data Integrity 1.0 以前の形式)。
proof-jwt-vc-claim = VC-JWT が VC 1.1 の形式(資格情報を「vc」クレームに格納)を使用しています。
proof-jwt-missing-claim = VC-JWT に Open Badges の仕様で必要なクレーム「{ $claim }」がありません。
proof-jwt-extra-header = VC-JWT のヘッダーに、Open Badges の仕様で認められていない項目「{ $name }」があります。
proof-jwt-embedded-jwk = VC-JWT に鍵そのもの(jwk ヘッダー)が含まれています。それだけでは鍵の持ち主を確認できません。

## ステップ: 有効期間

dates-ok = この資格情報は現在({ $now })有効です。有効期間の開始: { $from }。
dates-ok-until = この資格情報は現在({ $now })有効です。有効期間: { $from } から { $until } まで。
dates-not-yet-valid = この資格情報はまだ有効ではありません。有効期間の開始は { $from } です(現在: { $now })。
dates-expired = この資格情報は { $until } に有効期限が切れています(現在: { $now })。
dates-invalid = 「{ $property }」が正しい日時ではありません: 「{ $value }」
dates-missing-valid-from = 「validFrom」(または「issuanceDate」)がないため、有効期間を判断できません。
dates-legacy = VC 1.1 の日付プロパティ「issuanceDate」「expirationDate」が使われています。

## ステップ: 失効状態

status-none = 失効状態の項目がないため、この資格情報は失効の対象になりません。
status-ok = ステータスリスト { $url } によると、この資格情報は{ $purpose ->
        [revocation] 失効していません
        [suspension] 一時停止されていません
       *[other] 「{ $purpose }」の状態にありません
    }。
status-revoked = この資格情報は失効しています(ステータスリスト { $url }、インデックス { $index })。
status-suspended = この資格情報は一時停止されています(ステータスリスト { $url }、インデックス { $index })。
status-flagged = ステータスリスト { $url } で、この資格情報に「{ $purpose }」の状態({ $value })が設定されています。
status-unchecked = 失効状態を確認できませんでした: { $detail }
status-list-missing = ステータスリスト { $url } が提供されていないため、失効していないことを確認できません。
status-list-invalid = ステータスリスト { $url } は信頼できません: { $detail }
status-invalid-entry = 失効状態の項目が正しくありません: { $detail }
status-unsupported = 失効状態の種類「{ $type }」には対応していません。
status-1edtech-ok = 1EdTech 失効リスト { $url } にこの資格情報は含まれていません。
status-1edtech-revoked = { $url } によると、この資格情報は失効しています。理由: { $reason }
status-list-unverified = ステータスリスト { $url } は資格情報の発行者 { $issuer } によって署名されていません。

## ステップ: 発行者

issuer-ok = 発行者 { $issuer } が、署名した鍵を管理しています。
issuer-controller-mismatch = 資格情報の発行者は { $issuer } ですが、{ $controller } が管理する鍵で署名されています。
issuer-co-signed = 発行者 { $issuer } 以外の { $controller } も署名しています(共同署名)。この資格情報を保証している相手として表示しています。
issuer-missing = 資格情報に発行者がありません。
issuer-jwt-iss-mismatch = JWT の「iss」クレーム({ $iss })が資格情報の発行者 { $issuer } と一致しません。
issuer-unchecked = 検証できた署名がないため、発行者と鍵の対応を確認できませんでした。
issuer-unbound-key = 管理者に結び付いていない鍵(トークンに埋め込まれた鍵)で署名されているため、発行者 { $issuer } との対応を確認できません。
