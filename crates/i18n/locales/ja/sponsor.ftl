## スポンサー向けダッシュボード、A4 レポート、プログラム選定 (issue 4)

sp-nav = スポンサー

## プログラム選定

sp-nav-selection = プログラム選定
sp-selection-title = プログラムの選定
sp-selection-lead = 候補プログラムを選定チェックリストの 7 つの観点で比較します。自社にとって重要な観点に重みを付け、各候補を 1（弱い）〜 5（強い）で根拠とともに評価し、重み付きの比較結果を確認してください。
sp-selection-sets = 比較一覧
sp-selection-empty = 比較はまだありません。
sp-selection-new = 新しい比較
sp-selection-create = 比較を作成
sp-selection-back = ← 比較一覧へ
sp-selection-comparison = 候補の比較
sp-selection-comparison-caption = 観点ごとの評価（1〜5）、重み、重み付きスコアと順位
sp-selection-no-candidates = 候補はまだありません。下のフォームから自社のプログラムまたは外部のプログラムを追加してください。
sp-selection-weighted = 重み付きスコア（1〜5）
sp-selection-coverage = 評価済みの観点
sp-selection-rank = 順位
sp-selection-unranked = 未確定
sp-selection-method = 重み付きスコアは、重みが 0 より大きい観点についての評価の加重平均（Σ 重み × 評価 ÷ Σ 重み）です。重みのあるすべての観点を評価し終えた候補だけに順位を付けます。同点の場合は同じ順位になります。
sp-selection-weights = 重み（0〜10）
sp-selection-save-weights = 重みを保存
sp-selection-save-scores = 評価を保存
sp-selection-not-scored = 未評価
sp-selection-our-programme = 当プラットフォームのプログラム
sp-selection-external = 外部のプログラム（下に名称を入力）
sp-selection-add-candidate = 候補を追加
sp-selection-add = 候補を追加
sp-field-title = 名称
sp-field-organisation = 組織
sp-field-updated = 更新日
sp-field-criterion = 観点
sp-field-weight = 重み
sp-field-score = 評価
sp-field-evidence = 根拠
sp-field-own-programme = 当プラットフォームのプログラム
sp-field-name = プログラム名
sp-field-provider = 提供機関
sp-field-url = ウェブページ
sp-error-title = 名称を 200 文字以内で入力してください。
sp-error-organisation = スポンサー組織を選んでください。
sp-error-candidate = 当プラットフォームのプログラムを選ぶか、外部プログラムの名称を入力してください。
sp-error-too-long = 名称・提供機関・根拠のいずれかが長すぎます。
sp-error-url = https:// または http:// で始まるウェブアドレスを入力してください。
sp-error-programme = そのプログラムは存在しません。
sp-error-weight = 重みは 0〜10 の整数で入力してください。
sp-error-score = 評価は 1〜5 の整数で入力してください。

sp-criterion-strategic-alignment = 戦略との整合
sp-criterion-strategic-alignment-question = 市場参入や統合能力など、特定の経営課題に応えるプログラムですか。
sp-criterion-applied-components = 実践的な要素
sp-criterion-applied-components-question = アクションラーニングの課題が、測定可能な組織の成果に結び付いていますか。
sp-criterion-cohort-diversity = 参加者の多様性
sp-criterion-cohort-diversity-question = 国・地域、職能、業界の面で、国境を越えた学びを生むだけの多様な参加者構成ですか。
sp-criterion-language-support = 言語・ファシリテーション支援
sp-criterion-language-support-question = 日英両言語での受講、通訳、語学コーチングなどの支援がありますか。
sp-criterion-measurement-plan = 効果測定の計画
sp-criterion-measurement-plan-question = KPI と評価方法を開始時に合意し、フォローアップの時期も決めていますか。
sp-criterion-post-programme-support = 修了後の支援
sp-criterion-post-programme-support-question = 行動変容を定着させるためのコーチング、修了生ネットワーク、フォローアップ研修がありますか。
sp-criterion-credential-recognition = 修了証の認知度
sp-criterion-credential-recognition-question = 修了証（クレデンシャル）が社内の昇進や社外でのキャリア形成において認められますか。

## スポンサー向けダッシュボードと A4 レポート

sp-list-title = スポンサー向けダッシュボード
sp-list-lead = 閲覧できるコホートの一覧です。各コホートのダッシュボード、印刷用 A4 レポート、データのエクスポートを利用できます。
sp-list-empty = 表示できるコホートはまだありません。
sp-list-unlinked = このアカウントはまだスポンサー組織に紐付けられていないため、表示できる内容がありません。管理者に紐付けを依頼してください。
sp-col-cohort = コホート
sp-dashboard-title = スポンサー向けダッシュボード
sp-back = ← コホート一覧へ
sp-as-of = { $date } 時点の状況
sp-counted = 評価への同意を得た参加者 { $count } 名の集計です
sp-threshold = { $threshold } 名未満のグループは表示しません
sp-exports = エクスポート
sp-export-report = A4 レポート
sp-other-language = Show in English
sp-withheld-small = 参加者が少なく匿名性を保てないため、表示していません。

sp-kpis-title = チェックポイント別の KPI 状況
sp-kpis-empty = このコホートには KPI が設定されていません。
sp-kpis-table = チェックポイントごとの計画値と実測値
sp-col-month = 月
sp-col-due = 期日
sp-col-expected = 計画値
sp-col-actual = 実測値
sp-col-status = 状況
sp-month = { $month }か月

sp-change-title = 360度評価の変化（受講前 → 受講後）
sp-change-empty = 受講前と受講後の 360度評価がそろうと、変化を表示します。
sp-change-all-withheld = 両方の評価を受けた参加者が少ないため、すべてのコンピテンシーを非表示にしています。
sp-change-table = 他者評価の平均（受講前・受講後）と変化量、およびその 95% 信頼区間
sp-change-overall = 全コンピテンシー
sp-change-withheld = 両方の評価を受けた参加者が少ないため、{ $count } 件のコンピテンシーを非表示にしています。
sp-col-competency = コンピテンシー
sp-col-change = 変化量
sp-col-ci = 95% 信頼区間
sp-col-reliable = 確かな向上を示した割合

sp-credentials-title = 修了証の発行数と受け取り状況
sp-credentials-issued = 発行数
sp-credentials-claimed = 受け取り済み
sp-credentials-share = 受け取り率
sp-credentials-note = 本人が一度でもダウンロードした修了証を「受け取り済み」として数えます。失効した修了証は含みません。

sp-diversity-title = コホートの多様性
sp-diversity-effective = 実効カテゴリ数
sp-diversity-suppressed = 少人数のグループ（合算）
sp-col-category = 区分
sp-col-count = 人数
sp-col-share = 割合

sp-roi-title = 投資対効果（ROI）
sp-roi-empty = このコホートの費用が登録されると ROI を表示します。
sp-roi-bcr = 費用便益比
sp-roi-payback = 回収期間
sp-roi-payback-months = { $months }か月
sp-roi-costs = 費用合計
sp-roi-benefits = 便益（調整後）
sp-roi-table = 費用の内訳と { $years } 年間の便益
sp-col-item = 項目
sp-col-amount = 金額
sp-cost-other = その他

sp-chart-kpi = KPI の推移：{ $kpi }
sp-chart-expected = 計画の推移
sp-chart-competency = 受講前後のコンピテンシー評価
sp-chart-pre = 受講前
sp-chart-post = 受講後
sp-chart-roi = 費用の内訳と便益の比較（{ $currency }）
sp-chart-empty = データはまだありません

sp-report-title = プログラム効果レポート
sp-report-programme = プログラム
sp-report-sponsor = スポンサー
sp-report-period = 期間
sp-report-as-of = 作成時点
sp-report-footer = tsumiki により作成。評価への同意を得た参加者のみを集計し、匿名性の基準を下回るグループは表示していません。
