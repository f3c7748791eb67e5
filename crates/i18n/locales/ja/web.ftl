# Web プラットフォーム（`tsumiki serve`）：管理画面、エラー、コンソール表示。

## コンソール（tsumiki serve）
web-serve-listening = tsumiki は { $url } で待ち受けています
web-serve-setup-link = 管理者がまだいません。次の一度限りのリンクを開いて作成してください: { $url }
web-serve-stopped = tsumiki を停止しました。

## 枠
web-brand = tsumiki
# Each language is named in itself, whatever the page language.
web-lang-ja = 日本語
web-lang-en = English
web-brand-tagline = オープンバッジ発行
web-nav-label = メインメニュー
web-nav-dashboard = ダッシュボード
web-nav-issuers = 発行者
web-nav-users = ユーザー
web-nav-tokens = API トークン
web-nav-logout = ログアウト
web-footer = tsumiki — Open Badges 3.0 / CLR 2.0 検証可能なクレデンシャル

## エラー
web-error-not-found = このページは存在しません。
web-error-unauthorized = ログインしてください。
web-error-forbidden = この操作を行う権限がないか、フォームの有効期限が切れています。ページを再読み込みしてやり直してください。
web-error-bad-request = リクエストを処理できませんでした。
web-error-conflict = 既存のデータと重複しています。
web-error-internal = サーバーで問題が発生しました。エラーは記録されました。
web-error-home = トップページへ戻る

## 役割
web-role-admin = 管理者
web-role-issuer-staff = 発行担当者
web-role-viewer = 閲覧者

## 入力項目
web-field-email = メールアドレス
web-field-display-name = 氏名
web-field-password = パスワード
web-field-password-confirm = パスワード（確認）
web-field-password-hint = 10 文字以上。
web-field-role = 役割
web-field-created-at = 作成日
web-field-label = ラベル
web-field-owner = ユーザー
web-field-last-used = 最終使用
web-field-issuer-name = 発行者
web-field-identifier = 識別子
web-field-identifier-kind = 識別子の種類
web-field-achievement = 達成内容
web-field-issued-at = 発行日時
web-field-state = 状態
web-field-name-ja = 名称（日本語）
web-field-name-en = 名称（英語）
web-field-slug = 短縮名（URL 用）
web-field-slug-hint = 英小文字・数字・ハイフン。発行者の URL と DID の一部になります。
web-field-url = ウェブサイト

## アカウントの確認
web-account-error-email = 正しいメールアドレスを入力してください。
web-account-error-name = 氏名を入力してください。
web-account-error-password-short = パスワードは 10 文字以上にしてください。
web-account-error-password-mismatch = 2 つのパスワードが一致しません。
web-account-error-role = 役割を選んでください。
web-account-error-exists = このメールアドレスのユーザーは既に存在します。

## 初期設定
web-setup-title = 管理者の作成
web-setup-intro = このサーバーの初回起動です。ここで作成するアカウントは、ユーザー・発行者・API トークンを管理します。このリンクは一度しか使えません。
web-setup-submit = 管理者を作成

## ログイン
web-login-title = ログイン
web-login-submit = ログイン
web-login-throttled = このアカウントへのログイン失敗が多すぎます。15 分待ってから再度お試しください。
web-login-failed = メールアドレスまたはパスワードが正しくありません。

## ダッシュボード
web-dashboard-title = ダッシュボード
web-dashboard-issuers = 発行者
web-dashboard-achievements = 達成内容
web-dashboard-recent = 最近発行したクレデンシャル
web-dashboard-recent-count = 最近の発行
web-dashboard-no-issuers = 発行者はまだ登録されていません。
web-dashboard-add-issuer = 発行者を追加
web-dashboard-no-credentials = まだクレデンシャルを発行していません。

## クレデンシャルの状態
web-state-active = 有効
web-state-suspended = 一時停止中
web-state-revoked = 失効

## ユーザー
web-users-title = ユーザー
web-users-new = 新しいユーザー
web-users-create = ユーザーを作成

## API トークン
web-tokens-title = API トークン
web-tokens-new = 新しい API トークン
web-tokens-create = トークンを作成
web-tokens-created = トークンを作成しました
web-tokens-shown-once = 今すぐコピーしてください。表示はこの一度だけで、後から再表示はできません。
web-tokens-none = API トークンはまだありません。
web-tokens-revoke = 失効させる
web-tokens-never-used = 未使用
web-tokens-revoked = 失効済み
web-tokens-error-form = ユーザーを選び、ラベルを入力してください。

## 発行者
web-issuers-title = 発行者
web-issuers-new = 新しい発行者
web-issuers-new-intro = 発行者ごとに専用の Ed25519 署名鍵を作成し、サーバーのマスターキーで暗号化して保存します。
web-issuers-create = 発行者を作成
web-issuers-profile = プロフィール（JSON-LD）
web-issuers-did-document = DID ドキュメント
web-issuers-current-key = 署名鍵
web-issuers-retired-key = 退役した鍵
web-issuers-retired-at = 退役
web-issuers-rotate = 署名鍵を更新
web-issuers-rotate-hint = これ以降は新しい鍵で署名します。古い鍵は公開したまま残すため、その鍵で署名した資格情報は引き続き検証できます。
web-issuers-kind-did-web = did:web（このサーバーが公開。推奨）
web-issuers-kind-did-key = did:key（自己完結型。ドメイン不要）
web-issuers-error-exists = この短縮名の発行者は既に存在します。
web-issuers-error-form = 入力内容を確認してください: 名称、英小文字・数字・ハイフンの短縮名、https:// で始まるウェブサイト。

## 発行者の公開プロフィール
web-profile-kicker = クレデンシャル発行者
web-profile-explainer = この発行者のクレデンシャルは、上記の識別子で公開されている鍵で署名されています。このサーバーの検証ページや、Open Badges 3.0 に対応した検証ツールで誰でも確認できます。

## 自分のパスワード
web-password-title = パスワードの変更
web-password-intro = 変更すると、このアカウントの他のセッションはすべてログアウトされます。
web-password-current = 現在のパスワード
web-password-submit = パスワードを変更
web-password-error-current = 現在のパスワードが正しくありません。
