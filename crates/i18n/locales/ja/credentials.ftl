# 発行済みの証明の検索・詳細・失効／一時停止の管理画面。

## Navigation
cred-nav = 発行済み

## List
cred-list-title = 発行済みの証明
cred-search-label = 氏名・メールアドレス・識別子・達成名
cred-filter-issuer = 発行者
cred-filter-achievement = 達成
cred-filter-state = 状態
cred-filter-all = すべて
cred-apply = 絞り込む
cred-clear = 条件をクリア
cred-total = 該当 { $count } 件
cred-empty = 条件に合う証明はありません。
cred-col-recipient = 受領者
cred-open = 詳細
cred-pager-label = ページ送り
cred-pager-prev = 前のページ
cred-pager-next = 次のページ
cred-pager-position = { $page } / { $pages } ページ

## Detail
cred-detail-title = 証明の詳細
cred-field-id = 証明 ID
cred-field-reason = 理由
cred-field-updated-at = 最終更新日時
cred-public-page = 公開ページを開く
cred-download-json = JSON をダウンロード
cred-back-to-list = 発行済みの一覧に戻る
cred-history-title = 状態の変更履歴
cred-history-empty = 状態はまだ変更されていません。
cred-history-at = 日時
cred-history-action = 操作
cred-history-actor = 実施者
cred-actor-system = システム
cred-action-revoke = 失効
cred-action-suspend = 一時停止
cred-action-unsuspend = 一時停止の解除

## Status changes
cred-actions-title = 状態の変更
cred-actions-final = この証明は失効済みです。失効は取り消せないため、これ以上変更できません。
cred-reason-label = 理由(必須)
cred-reason-hint = 公開ページと変更履歴に表示されます。{ $max } 文字まで。
cred-revoke-heading = 失効させる
cred-revoke-help = 失効は取り消せません。以後、この証明は検証で「失効」と表示されます。
cred-revoke-confirm = 失効させると元に戻せないことを理解しました
cred-revoke-button = 失効させる(取り消し不可)
cred-suspend-heading = 一時停止する
cred-suspend-help = 一時停止中は検証に失敗します。あとで解除できます。
cred-suspend-button = 一時停止する
cred-unsuspend-heading = 一時停止を解除する
cred-unsuspend-help = 解除すると、この証明は再び有効として検証されます。
cred-unsuspend-button = 一時停止を解除する
cred-error-reason-missing = 理由を入力してください。
cred-error-reason-too-long = 理由は { $max } 文字以内で入力してください。
cred-error-confirm = 失効させるには、確認のチェックを入れてください。
cred-error-transition = 現在の状態では、この操作はできません。ページを再読み込みして状態を確認してください。
cred-done-revoke = 証明を失効させました。
cred-done-suspend = 証明を一時停止しました。
cred-done-unsuspend = 一時停止を解除しました。
