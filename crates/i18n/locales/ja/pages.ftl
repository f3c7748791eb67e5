# 達成・受領者・1 件発行の管理画面。

## Navigation
pages-nav-achievements = 達成
pages-nav-recipients = 受領者
pages-nav-issue = 発行

## Shared
pages-show = 表示
pages-search = 検索
pages-edit = 編集
pages-save = 保存
pages-cancel = キャンセル
pages-yes = あり
pages-no = なし
pages-not-set = （未設定）
pages-error-summary = 入力内容を確認してください。何も保存されていません。
pages-error-required = この項目は必須です。
pages-error-choice = 一覧の値から選んでください。
pages-error-too-long = 文字数が多すぎます。
pages-error-amount = 0 以上の数値を入力してください。
pages-error-unknown-issuer = 登録済みの発行者を選んでください。
pages-error-email = 有効なメールアドレスを入力してください。

## Achievements
pages-achievements-title = 達成
pages-achievements-no-issuers = 発行者がまだありません。先に管理者が発行者を作成してください。
pages-achievements-empty = この発行者の達成はまだありません。
pages-achievements-new = 達成の新規作成
pages-achievements-edit = 達成の編集
pages-achievements-basics = 名称・説明・基準
pages-achievements-micro-credential = マイクロクレデンシャル情報
pages-achievements-image-kept = 新しい画像をアップロードしない限り、現在の画像を使います。
pages-achievements-image-remove = 現在の画像を削除する
pages-achievements-alignments-intro = 任意:この達成が対応するスキルやコンピテンシーの枠組み。空の行は無視されます。
pages-achievements-alignment = 対応付け
pages-field-achievement-type = 達成の種類
pages-field-description-ja = 説明（日本語）
pages-field-description-en = 説明（英語）
pages-field-criteria-ja = 基準（日本語）
pages-field-criteria-en = 基準（英語）
pages-field-outcomes-ja = 学習成果（日本語）
pages-field-outcomes-en = 学習成果（英語）
pages-field-one-per-line = 1 行に 1 つずつ入力します。
pages-field-hours = 時間数
pages-field-credits = 単位数
pages-field-level = レベル
pages-field-assessment-type = 評価方法
pages-field-participation-form = 参加形態
pages-field-quality-assurance = 質保証
pages-field-prerequisites = 前提条件
pages-field-stackability = 積み上げ
pages-field-image = 画像
pages-field-image-file = 画像ファイル
pages-field-image-hint = PNG または SVG、{ $kib } KiB まで。
pages-field-alt-ja = 代替テキスト（日本語）
pages-field-alt-en = 代替テキスト（英語）
pages-field-alignments = 対応付け
pages-field-alignment-name = 名称
pages-field-alignment-url = URL
pages-field-alignment-framework = 枠組み
pages-field-alignment-code = コード
pages-error-image-size = 画像が大きすぎます。
pages-error-image-type = PNG または SVG の画像ではありません。
pages-error-image-script = SVG 画像にスクリプトや埋め込み HTML を含めることはできません。
pages-error-alt-required = 画像を見られない人のために、画像の説明を入力してください。
pages-error-alignment-name = 対応付けごとに名称が必要です。
pages-error-alignment-url = 対応付けごとに https:// または http:// で始まる URL が必要です。
pages-assessment-exam = 試験
pages-assessment-project = プロジェクト
pages-assessment-portfolio = ポートフォリオ
pages-assessment-observation = 観察
pages-assessment-360-degree = 360 度評価
pages-assessment-simulation = シミュレーション
pages-assessment-other = その他
pages-participation-online = オンライン
pages-participation-on-site = 対面
pages-participation-blended = ブレンド型
pages-participation-abroad = 海外

## Recipients
pages-recipients-title = 受領者
pages-recipients-empty = 受領者が見つかりません。
pages-recipients-new = 受領者の追加
pages-recipients-create = 受領者を追加
pages-recipients-duplicate = { $identifier } は既に別の受領者に登録されています。
pages-field-identifiers = 識別子
pages-field-emails = メールアドレス
pages-field-employee-number = 職員番号
pages-field-did = DID
pages-error-identifier-required = メールアドレスか職員番号を 1 つ以上入力してください。
pages-error-identifier-repeated = 同じ識別子が 2 回入力されています。
pages-error-identifier-taken = 識別子が既に別の受領者に登録されています。
pages-error-did = did:key:z6Mk… のような DID を入力するか、空欄にしてください。

## Issue one credential
pages-issue-title = クレデンシャルの発行
pages-issue-intro = 発行者、達成、受領者を選んでください。すぐに署名され、公開ページが開きます。
pages-issue-recipient = 受領者
pages-issue-new-recipient = （下のメールアドレスで指定）
pages-issue-email-hint = 一覧にない受領者の場合、またはこのアドレスでクレデンシャルに記載する場合に入力します。
pages-issue-language = クレデンシャルの言語
pages-issue-submit = 発行する
pages-issue-error-expired = フォームの有効期限が切れました。ページを再読み込みしてやり直してください。
pages-issue-error-other-issuer = この達成は別の発行者のものです。
pages-issue-error-recipient = 受領者を一覧から選ぶか、メールアドレスを入力してください（両方は不可）。
pages-issue-error-failed = クレデンシャルを発行できませんでした:
