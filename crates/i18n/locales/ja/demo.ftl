# `tsumiki serve --demo`: デモ用のリーダーシップ・プログラム (W2a)。
demo-programme-links = デモ用プログラム(グローバル・リーダーシップ・プログラム 2026)のダッシュボードと概要:
