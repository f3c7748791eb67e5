# 発行(資格情報に入る文言)
vcapi-learning-outcomes = 学修成果:

# 公開資格情報ページ
pub-credential-title = { $name }
pub-issued-by = 発行者: { $issuer }
pub-issued-to = 授与先: { $recipient }
pub-issued-on = 発行日: { $date }
pub-state-active = 有効
pub-state-revoked = 失効
pub-state-suspended = 一時停止中
pub-state-reason = 理由: { $reason }
pub-description = 説明
pub-criteria = 取得基準
pub-learning-outcomes = 学修成果
pub-details = 詳細
pub-fact-type = 種別
pub-fact-hours = 学修時間
pub-fact-credits = 単位数
pub-fact-level = レベル
pub-fact-assessment = 評価方法
pub-fact-participation = 受講形態
pub-fact-quality = 質保証
pub-fact-prerequisites = 前提条件
pub-fact-stackability = 積み上げ
pub-verification = 検証
pub-verification-intro = このページは今この資格情報を検証しました: 署名、構造、日付、失効・一時停止の状態、発行者を確認しています。
pub-outcome-pass = 合格
pub-outcome-fail = 不合格
pub-outcome-warning = 警告
pub-downloads = ダウンロード
pub-download-json = 資格情報 (JSON-LD)
pub-download-jwt = 資格情報 (VC-JWT)
pub-download-png = 資格情報入りバッジ画像 (PNG)
pub-download-svg = 資格情報入りバッジ画像 (SVG)
pub-share = 共有
pub-linkedin = LinkedIn のプロフィールに追加
pub-qr = このページの QR コード
pub-lang-switch = 言語
pub-image-alt-default = バッジ画像
pub-no-png = このバッジには PNG 画像がありません。SVG をダウンロードしてください。

# 検証ページ
pub-verify-title = 資格情報の検証
pub-verify-intro = どの発行者の資格情報でも、貼り付け(JSON または VC-JWT)またはバッジ画像(PNG または SVG)のアップロードで検証できます。送信内容は保存しません。did:key の発行者とこのサーバーの発行者の鍵はオフラインで確認します。その他の発行者の鍵はここからは取得できず、未解決として表示されます。
pub-verify-paste = 資格情報 (JSON または VC-JWT)
pub-verify-upload = またはファイル (JSON, JWT, PNG, SVG)
pub-verify-submit = 検証する
pub-verify-empty = 資格情報を貼り付けるか、ファイルを選んでください。
pub-verify-result = 結果
pub-verify-credential-name = 資格情報: { $name }

# VC-API 発行: 署名しなかった理由
vcapi-issue-refused = データモデルに適合しないため、この資格情報には署名しませんでした。問題点を JSON パスとともに示します。
vcapi-subject-without-claims = 資格情報の主体(credentialSubject)には少なくとも一つの主張が必要ですが、空になっています。
vcapi-missing-type = 「{ $property }」のオブジェクトにはすべて「type」が必要です。
vcapi-related-resource-not-object = 「relatedResource」の各要素は、「id」とダイジェストを持つオブジェクトでなければなりません(文字列だけは不可)。
vcapi-related-resource-without-id = この「relatedResource」には URL の「id」がありません。
vcapi-related-resource-duplicate = 「relatedResource」の id { $id } が重複しています。
vcapi-related-resource-without-digest = この「relatedResource」には「digestSRI」も「digestMultibase」もありません。
vcapi-valid-until-before-from = 「validUntil」が「validFrom」より前のため、この資格情報が有効になる期間がありません。
vcapi-malformed-status-entry = ステータスエントリの「{ $property }」の形式が正しくありません(MALFORMED_VALUE_ERROR)。目的は文字列、インデックスは 10 進整数の文字列、リストは URL、サイズは正の整数で指定してください。
