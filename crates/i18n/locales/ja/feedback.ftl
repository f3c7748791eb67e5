# 360度フィードバック：ラウンド、評価者への依頼、回答ページ、レポート、メール。

## Rounds
fb-rounds-title = 360度フィードバック
fb-rounds-empty = フィードバックのラウンドはまだありません。
fb-rounds-new = ラウンドの作成
fb-rounds-create = ラウンドを作成
fb-instrument-note = ラウンドでは「積み木 異文化リーダーシップ・モデル」（tsumiki-ccl-1、CC BY 4.0）を使います。7つのコンピテンシー、22の行動項目を1〜5または「判断できない」で評価します。
fb-col-round = ラウンド
fb-col-due = 実施予定日
fb-col-state = 状態
fb-kind-pre = 事前（0か月）
fb-kind-post = 事後（12か月）
fb-kind-follow-up = フォローアップ（24か月）
fb-state-draft = 準備中
fb-state-open = 回答受付中
fb-state-closed = 終了
fb-field-policy = 匿名性の基準人数に満たないグループ
fb-policy-suppress = 表示しない
fb-policy-merge = 「その他」にまとめる
fb-open = ラウンドを開始して回答を受け付ける
fb-close = ラウンドを終了する（すべてのリンクが無効になります）
fb-remind = 未回答の評価者にリマインダーを送る
fb-reminded = { $count }人の未回答者にリマインダーを送信予定に追加しました。以前のリンクは使えなくなります。
fb-progress = 回答状況
fb-progress-help = 評価者グループごとの「回答数 / 依頼数」です。個々の評価者は表示しません。
fb-no-participants = このコホートにはまだ参加者がいません。
fb-col-participant = 参加者
fb-col-report = レポート
fb-export-csv = CSVをダウンロード
fb-export-json = JSONをダウンロード

## Invitations
fb-invite-title = 評価者への依頼
fb-invite-help = 評価者には個別のリンクをメールでお送りします。アカウントは不要で、リンクはラウンド終了まで有効です。
fb-invite = 依頼メールを送る
fb-field-group = 評価者グループ
fb-field-emails = メールアドレス
fb-field-emails-help = 1行に1件ずつ入力してください。
fb-field-language = メールと回答フォームの言語
fb-group-self = 本人
fb-group-manager = 上司
fb-group-peer = 同僚
fb-group-direct-report = 部下
fb-group-other = その他
fb-invited = 依頼メールを{ $count }件、送信予定に追加しました。依頼済みのため省いたもの：{ $duplicates }件。
fb-error-choice = 一覧から選んでください。
fb-error-email = 有効なメールアドレスを1行に1件ずつ、少なくとも1件入力してください。
fb-error-self-one = 本人評価の依頼先は1件だけにしてください。
fb-error-round-exists = このコホートにはすでにそのラウンドがあります。
fb-error-round-closed = ラウンドは終了しているため、これ以上依頼できません。
fb-error-remind-not-open = リマインダーは回答受付中のラウンドでのみ送れます。

## Reports
fb-report-title = 360度フィードバック・レポート
fb-report-scores = コンピテンシーごとの平均評価（1〜5）
fb-report-withheld = 回答者が少ない評価者グループは表示していません。回答者の匿名性を守るためです。
fb-report-gap-help = ギャップ＝本人評価 − 他者評価。プラスの場合、周囲の見方より自己評価が高いことを示します。
fb-col-competency = コンピテンシー
fb-col-others = 他者
fb-col-gap = ギャップ
fb-strengths = 強み
fb-development = 伸ばしたい点
fb-none-yet = まだ十分な評価がありません。
fb-comments = コメント
fb-comments-none = コメントはありません。
fb-comments-withheld = コメントは、十分な人数が回答した場合にのみ表示します。
fb-change-own = 事前ラウンドからの変化
fb-col-pre = 事前
fb-col-post = 今回
fb-col-diff = 変化
fb-col-verdict = 信頼できる変化か
fb-reliable-up = 信頼できる向上
fb-reliable-down = 信頼できる低下
fb-reliable-none = 測定誤差の範囲内
fb-reliable-unknown = 判定できません
fb-overall = 全コンピテンシー
fb-change-title = コホート全体の変化
fb-change-help = 評価への利用に同意した参加者について、他者評価の対応のある変化を示します。95%信頼区間、Cohen の d_z、Hedges の g_z、信頼できる向上（信頼性変化指数）を示した参加者の割合を含みます。
fb-change-section = 事前 → { $round }
fb-change-missing = このラウンドはまだ作成されていません。
fb-col-mean-diff = 平均変化
fb-col-ci = 95%信頼区間
fb-col-reliable-share = 信頼できる向上の割合
fb-withheld-small = 参加者が少ないため表示していません。
fb-me-title = わたしの360度フィードバック
fb-me-empty = フィードバック・レポートはまだありません。

## Rater page
fb-rate-title = 360度フィードバック
fb-rate-intro = { $name }さんについてのフィードバックをお願いします。以下の行動を、どのくらいの頻度で見聞きしたかをお答えください。
fb-rate-intro-self = ご自身についての自己評価です。以下の行動を、どのくらいの頻度で行っているかをお答えください。
fb-rate-confidential = 回答は他の評価者の回答とまとめて集計します。グループごとの結果は十分な人数が回答した場合にのみ表示し、お名前が示されることはありません。
fb-rate-confidential-self = 自己評価は、ほかの評価者の集計結果と並べて、あなたのフィードバック・レポートに表示されます。
fb-rate-editing = すでに回答済みです。ラウンド終了までは回答を修正できます。
fb-rate-comment = コメント（任意）
fb-rate-comment-hint = コメントはお名前なしで、十分な人数が回答した場合にのみ表示します。ご自身が特定されるような内容は避けてください。
fb-rate-submit = 送信する
fb-rate-thanks = ありがとうございました。回答を保存しました。
fb-rate-can-edit = ラウンド終了までは、同じリンクから回答を修正できます。
fb-rate-edit = 回答を確認・修正する
fb-rate-closed = このフィードバックは現在受け付けていません。リンクの有効期限が切れたか、まだ開始前です。
fb-rate-error-value = 無効な回答がありました。各項目について選択肢を1つ選んでください。
fb-rate-error-comment-long = コメントが長すぎます（4,000文字まで）。

## Mail
fb-mail-subject = 360度フィードバックご協力のお願い
fb-mail-reminder-subject = 【再送】360度フィードバックご協力のお願い
fb-mail-body = こんにちは。

    リーダーシップ・プログラムの一環として、{ $name }さんについてのフィードバックへのご協力をお願いいたします。所要時間は10分ほどです。回答は他の評価者の回答とまとめて集計し、お名前が示されることはありません。

    { $link }

    このリンクはあなた専用です。転送しないでください。フィードバックの受付終了まで有効です。
fb-mail-body-self = こんにちは。

    リーダーシップ・プログラムの自己評価へのご回答をお願いいたします。所要時間は10分ほどです。

    { $link }

    このリンクはあなた専用です。転送しないでください。フィードバックの受付終了まで有効です。
fb-mail-reminder = こんにちは。

    { $name }さんについてのフィードバックへのご協力のお願いを、改めてお送りします。まだご回答いただいていない場合は、こちらからお願いいたします。

    { $link }

    このリンクは以前お送りしたリンクに代わるもので、以前のリンクは使えなくなりました。
fb-mail-reminder-self = こんにちは。

    自己評価へのご回答のお願いを、改めてお送りします。

    { $link }

    このリンクは以前お送りしたリンクに代わるもので、以前のリンクは使えなくなりました。
fb-mail-link-removed = ［送信後にリンクを削除しました］
