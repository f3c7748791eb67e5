# ロジックモデル、KPI 登録簿、コスト台帳と ROI、多様性(issue 4, H1)。

## Navigation inside a cohort's impact pages
imp-nav-label = インパクト
imp-nav-cohort = コホート概要
imp-nav-kpis = KPI
imp-nav-costs = コストと便益
imp-nav-roi = ROI
imp-nav-diversity = 多様性
imp-nav-programme = プログラムに戻る

## Shared
imp-save = 保存する
imp-create = 追加する
imp-delete = 削除
imp-edit = 編集
imp-total = 合計
imp-error-summary = 入力内容を確認してください。何も保存されていません。
imp-error-required = この項目は必須です。
imp-error-number = 数値を入力してください。
imp-error-date = 日付は YYYY-MM-DD の形で入力してください。
imp-error-url = URL は http:// または https:// で始めてください。
imp-error-too-long = 文字数が多すぎます。

## Logic model
imp-logic-title = ロジックモデル
imp-logic-lead = 投入資源から社会・組織への影響までを 5 つの段階で整理します。1 行に 1 項目ずつ、「日本語 | English」の形で入力してください（英語を省くと日本語と同じ文になります）。
imp-logic-empty = まだロジックモデルが作成されていません。
imp-logic-updated = 最終更新: { $at }
imp-logic-none = （項目なし）
imp-stage-inputs = インプット（投入資源）
imp-stage-activities = 活動
imp-stage-outputs = アウトプット（直接の産出物）
imp-stage-outcomes = アウトカム（参加者・チームの変化）
imp-stage-impact = インパクト（組織・社会への影響）

## KPI register
imp-kpis-title = KPI 登録簿
imp-kpis-lead = チェックポイントの期日はコホートの開始日 { $start } から数えます。状況はベースラインから目標値までを直線で結んだ期待値と比べて判定します。
imp-kpis-empty = まだ KPI が登録されていません。
imp-kpi-new = KPI を追加する
imp-kpi-edit = KPI の編集
imp-kpi-overdue =
    { $count ->
        [0] 期限切れのチェックポイントはありません。
       *[other] 期限を過ぎても未測定のチェックポイントが { $count } 件あります。
    }
imp-field-name-ja = 名称（日本語）
imp-field-name-en = 名称（英語）
imp-field-level = レベル（カークパトリック）
imp-level-reaction = 反応
imp-level-learning = 学習
imp-level-behaviour = 行動
imp-level-results = 成果
imp-field-owner = 責任者
imp-field-baseline = ベースライン
imp-field-target = 目標値
imp-field-unit = 単位
imp-field-direction = 望ましい方向
imp-direction-increase = 高いほどよい
imp-direction-decrease = 低いほどよい
imp-field-data-source = データの出所
imp-field-checkpoints = チェックポイント（開始からの月数、カンマ区切り）
imp-error-checkpoints = 0〜120 の月数をカンマ区切りで入力してください（例: 0, 3, 6, 12, 24）。
imp-col-overall = 総合状況
imp-col-month = チェックポイント
imp-col-due = 期日
imp-col-expected = 期待値
imp-col-actual = 実績
imp-col-status = 状況
imp-col-evidence = 根拠
imp-month = { $month } か月
imp-status-on-track = 順調
imp-status-at-risk = 要注意
imp-status-off-track = 遅れ
imp-status-overdue = 期限切れ（未測定）
imp-status-not-due = 期日前
imp-measure-title = 測定値を記録する
imp-measure-lead = 同じチェックポイントに記録し直すと、値と根拠が置き換わります。
imp-field-checkpoint = チェックポイント
imp-field-value = 測定値
imp-field-recorded-on = 測定日
imp-field-evidence-note = 根拠（報告書名、調査の回など）
imp-field-evidence-url = 根拠の URL（任意）
imp-record = 記録する
imp-error-checkpoint = この KPI のチェックポイントから選んでください。

## Costs, benefits, intangibles
imp-costs-title = コスト台帳と便益
imp-settings-title = ROI の設定
imp-field-currency = 通貨（ISO 4217 コード）
imp-field-horizon = 便益を数える年数
imp-years =
    { $years ->
       *[other] { $years } 年
    }
imp-error-currency = 英大文字 3 文字の通貨コード（例: JPY）を入力してください。
imp-error-horizon = 1〜3 年から選んでください。
imp-ledger-title = コスト台帳（フルコスト）
imp-ledger-lead = 請求書の金額だけでなく、参加者の時間・代替要員・社内調整のような見えにくいコストも記録します。金額は { $currency } で入力します。
imp-ledger-empty = まだコストが記録されていません。
imp-col-category = 区分
imp-col-description = 内容
imp-col-amount = 金額
imp-col-hours = 時間
imp-col-rate = 時間単価
imp-cat-faculty = 講師・ファシリテーター
imp-cat-travel-accommodation = 旅費・宿泊費
imp-cat-platform = 学習プラットフォーム
imp-cat-participant-time = 参加者の時間（時間 × 負担込み単価）
imp-cat-interpretation-translation = 通訳・翻訳
imp-cat-coaching = コーチング
imp-cat-internal-coordination = 社内の調整業務
imp-cat-backfill = 代替要員
imp-cost-new = コストを追加する
imp-field-category = 区分
imp-field-description = 内容（支払先、請求書番号など）
imp-field-amount = 金額（参加者の時間以外）
imp-field-hours = 時間数（参加者の時間のみ）
imp-field-rate = 負担込みの時間単価（参加者の時間のみ）
imp-error-amount = 0 以上の金額を、通貨の最小単位までの桁で入力してください。
imp-error-hours = 時間数は 0 以上、小数点以下 2 桁までで入力してください。
imp-error-category = 一覧の区分から選んでください。
imp-claims-title = 便益の申告（参加者ごと）
imp-claims-lead = 調整後の年間価値 = 年間価値 × 寄与率 × 確信度。無回答はゼロとして数えます。評価への同意がない参加者の申告は集計に含めません。
imp-claims-empty = まだ便益の申告がありません。
imp-col-participant = 参加者
imp-col-annual-value = 年間価値
imp-col-isolation = 寄与率
imp-col-confidence = 確信度
imp-col-adjusted = 調整後の年間価値
imp-non-respondent = 無回答（ゼロとして計上）
imp-no-consent = 同意なし（集計から除外）
imp-claim-new = 便益の申告を追加する
imp-field-participant = 参加者
imp-field-annual-value = 年間価値
imp-field-isolation = 寄与率（%）:改善のうちプログラムによる割合
imp-field-confidence = 確信度（%）:見積もりへの確からしさ
imp-field-non-respondent = 無回答として記録する（金額などは入力しません）
imp-error-percent = 0〜100 の整数を入力してください。
imp-error-participant = このコホートの参加者から選んでください。
imp-no-participants = このコホートにはまだ参加者がいません。
imp-intangibles-title = 無形の便益（金額に換算しないもの）
imp-intangibles-empty = まだ記録がありません。
imp-intangible-new = 無形の便益を追加する
imp-field-text-ja = 内容（日本語）
imp-field-text-en = 内容（英語）

## ROI
imp-roi-title = ROI（フィリップス法）
imp-roi-empty = コスト台帳が空のため、ROI はまだ計算できません。
imp-roi-bcr = 費用便益比（BCR）
imp-roi-percent = ROI
imp-roi-payback = 回収期間
imp-roi-payback-months = { $months } か月
imp-roi-payback-none = 便益なし
imp-roi-benefits = 便益（調整後）
imp-roi-annual-benefits = 年間の便益（調整後）
imp-roi-costs = フルコスト
imp-roi-horizon = 便益を数える期間
imp-roi-respondents = 回答した参加者
imp-roi-non-respondents = 無回答（ゼロとして計上）
imp-roi-without-consent = 同意がなく除外した申告
imp-roi-formula = BCR = 便益 ÷ コスト、ROI（%）= （便益 − コスト）÷ コスト × 100、回収期間（月）= コスト ÷（年間の便益 ÷ 12）。
imp-roi-by-category = 区分別のコスト
imp-col-share = 構成比
imp-sensitivity-title = 感度分析
imp-sensitivity-lead = 寄与率と確信度をそれぞれ 50%・75%・100% に割り引き、便益を数える期間を 1〜3 年として再計算します。
imp-col-horizon = 期間
imp-col-isolation-factor = 寄与率の係数
imp-col-confidence-factor = 確信度の係数
imp-col-benefits = 便益
imp-col-bcr = BCR
imp-col-roi = ROI
imp-intangibles-listed = 無形の便益

## Diversity
imp-div-title = 多様性
imp-div-counted = 対象：評価への同意がある参加者 { $n } 人。
imp-div-threshold = { $threshold } 人未満の区分は伏せて表示します。
imp-div-too-few = 対象者が匿名化の基準人数より少ないため、この項目は表示できません。
imp-dim-nationality = 国籍
imp-dim-job-function = 職種
imp-dim-industry = 業種
imp-dim-gender = 性別
imp-dim-language = 主な言語
imp-col-value = 区分
imp-col-count = 人数
imp-suppressed = 非表示
imp-suppressed-count = { $threshold } 人未満など
imp-suppressed-note = 非表示の区分には、基準人数未満の区分と、合計からの引き算で人数が分からないよう併せて伏せた区分が含まれます。
imp-suppressed-total = 非表示の区分の合計人数
imp-not-stated = 回答なし
imp-fig-blau = Blau 指数
imp-fig-blau-normalized = Blau 指数（正規化）
imp-fig-shannon = シャノン指数
imp-fig-evenness = 均等度
imp-fig-effective = 実効的なカテゴリー数

## Programme-level KPI index
imp-programme-kpis-lead = KPI はコホート（スポンサー企業ごとの実施回）単位で管理します。コホートを選んで登録簿を開いてください。
imp-programme-kpis-empty = 閲覧できるコホートがありません。
imp-col-cohort = コホート
imp-col-starts-on = 開始日
