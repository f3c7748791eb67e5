//! Searching credentials and recipients in SQL: text matches, filters, order, pages and the
//! escaping of LIKE wildcards, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use common::{at, fixture, new_credential, sign};
use tsumiki_store::{CredentialQuery, CredentialState, NewRecipient, StatusAction, Store};

/// What the tests search through: two issuers, three achievements, two recipients.
struct World {
    issuer_a: String,
    issuer_b: String,
    /// Issuer A's "データサイエンス基礎 / Data Science Basics".
    data_science: String,
    /// Issuer A's "リーダーシップ 50% 修了 / Leadership 50% Track".
    leadership: String,
    /// Issuer B's "上位500名 / Top 500 Leaders".
    top500: String,
    /// 山田 花子, hanako@example.jp.
    hanako: String,
    /// Suzuki Ichiro, Ichiro.Suzuki@Example.JP and employee number E-100.
    ichiro: String,
    /// Credential ids in issue order (issued at(0), at(1), …).
    issued: Vec<String>,
}

async fn achievement(store: &Store, issuer_id: &str, ja: &str, en: &str) -> String {
    let mut details = common::achievement_details(issuer_id);
    details.name_ja = ja.to_owned();
    details.name_en = en.to_owned();
    store.create_achievement(details).await.unwrap().id
}

async fn world(store: &Store) -> World {
    let f = fixture(store).await;
    let issuer_b = common::issuer(store, "other-u", &f.master_key).await;
    let leadership = achievement(
        store,
        &f.issuer.id,
        "リーダーシップ 50% 修了",
        "Leadership 50% Track",
    )
    .await;
    let top500 = achievement(store, &issuer_b.id, "上位500名", "Top 500 Leaders").await;
    let (ichiro, _) = store
        .create_recipient(NewRecipient {
            display_name: "Suzuki Ichiro".to_owned(),
            did: Some("did:key:z6MkSuzuki".to_owned()),
            identifiers: vec![
                ("email".to_owned(), "Ichiro.Suzuki@Example.JP".to_owned()),
                ("employee_id".to_owned(), "E-100".to_owned()),
            ],
        })
        .await
        .unwrap();
    // (issuer, achievement, recipient) in issue order.
    let plan = [
        (&f.issuer.id, &f.achievement_id, &f.recipient_id),
        (&f.issuer.id, &leadership, &ichiro.id),
        (&issuer_b.id, &top500, &f.recipient_id),
        (&f.issuer.id, &f.achievement_id, &ichiro.id),
        (&issuer_b.id, &top500, &ichiro.id),
    ];
    let mut issued = Vec::new();
    for (n, (issuer_id, achievement_id, recipient_id)) in plan.into_iter().enumerate() {
        let mut new = new_credential(&f, &format!("key-{n}"));
        new.issuer_id = issuer_id.clone();
        new.achievement_id = achievement_id.clone();
        new.recipient_id = recipient_id.clone();
        new.issued_at = at(i64::try_from(n).unwrap() * 60);
        let record = store.issue_credential(new, sign).await.unwrap();
        issued.push(record.credential().id.clone());
    }
    World {
        issuer_a: f.issuer.id.clone(),
        issuer_b: issuer_b.id,
        data_science: f.achievement_id.clone(),
        leadership,
        top500,
        hanako: f.recipient_id.clone(),
        ichiro: ichiro.id,
        issued,
    }
}

fn query(text: &str) -> CredentialQuery {
    CredentialQuery {
        text: text.to_owned(),
        limit: 50,
        ..CredentialQuery::default()
    }
}

/// The ids found, as positions in `world.issued` (so expectations read as issue order).
async fn found(store: &Store, world: &World, query: &CredentialQuery) -> Vec<usize> {
    let page = store.search_credentials(query).await.unwrap();
    page.rows
        .iter()
        .map(|row| world.issued.iter().position(|id| *id == row.id).unwrap())
        .collect()
}

on_both_databases! {
    async fn lists_newest_first_a_page_at_a_time_with_the_total(store: Store) {
        let w = world(&store).await;
        let all = store.search_credentials(&query("")).await.unwrap();
        assert_eq!(all.total, 5);
        assert_eq!(found(&store, &w, &query("")).await, [4, 3, 2, 1, 0]);
        let first = all.rows.first().unwrap();
        assert_eq!(first.issuer_id, w.issuer_b);
        assert_eq!((first.issuer_name_ja.as_str(), first.issuer_name_en.as_str()), ("積み木大学", "Tsumiki University"));
        assert_eq!((first.achievement_name_ja.as_str(), first.achievement_name_en.as_str()), ("上位500名", "Top 500 Leaders"));
        assert_eq!(first.recipient_id, w.ichiro);
        assert_eq!(first.recipient_name, "Suzuki Ichiro");
        assert_eq!(first.state, CredentialState::Active);
        assert_eq!(first.issued_at, at(240));

        let page = |limit, offset| CredentialQuery { limit, offset, ..query("") };
        assert_eq!(found(&store, &w, &page(2, 0)).await, [4, 3]);
        assert_eq!(found(&store, &w, &page(2, 2)).await, [2, 1]);
        assert_eq!(found(&store, &w, &page(2, 4)).await, [0]);
        assert_eq!(store.search_credentials(&page(2, 4)).await.unwrap().total, 5, "the total ignores paging");
        assert!(found(&store, &w, &page(2, 10)).await.is_empty());
        // Hostile paging is clamped rather than passed to SQL.
        assert_eq!(found(&store, &w, &page(-5, -3)).await, [4], "limit below 1 means 1, offset below 0 means 0");
    }

    async fn text_matches_names_and_identifiers_case_insensitively(store: Store) {
        let w = world(&store).await;
        // Recipient display name (Japanese, and ASCII in another case).
        assert_eq!(found(&store, &w, &query("山田")).await, [2, 0]);
        assert_eq!(found(&store, &w, &query("suzuki ICHIRO")).await, [4, 3, 1]);
        // Identifiers: email as typed, in any case; an employee number.
        assert_eq!(found(&store, &w, &query("HANAKO@example")).await, [2, 0]);
        assert_eq!(found(&store, &w, &query("ichiro.suzuki@example.jp")).await, [4, 3, 1]);
        assert_eq!(found(&store, &w, &query("e-100")).await, [4, 3, 1]);
        // Achievement names in both languages.
        assert_eq!(found(&store, &w, &query("データサイエンス")).await, [3, 0]);
        assert_eq!(found(&store, &w, &query("data science")).await, [3, 0]);
        assert_eq!(found(&store, &w, &query("  TOP 500 ")).await, [4, 2], "trimmed");
        assert!(found(&store, &w, &query("nobody")).await.is_empty());
        assert_eq!(store.search_credentials(&query("nobody")).await.unwrap().total, 0);
    }

    async fn like_wildcards_in_the_text_are_literal(store: Store) {
        let w = world(&store).await;
        // Unescaped, "%50%%" would also match "Top 500 Leaders" and "上位500名".
        assert_eq!(found(&store, &w, &query("50%")).await, [1]);
        // Unescaped, "_" would match any character, e.g. the "a" in "Data".
        assert!(found(&store, &w, &query("D_ta")).await.is_empty());
        assert_eq!(found(&store, &w, &query("%")).await, [1], "only the names with a real %");
        assert!(found(&store, &w, &query("\\")).await.is_empty());
        assert!(found(&store, &w, &query("'; DROP TABLE credentials; --")).await.is_empty());
        assert_eq!(store.search_credentials(&query("")).await.unwrap().total, 5, "still there");
    }

    async fn filters_by_issuer_achievement_and_state(store: Store) {
        let w = world(&store).await;
        let by_issuer = |id: &str| CredentialQuery { issuer_id: Some(id.to_owned()), ..query("") };
        assert_eq!(found(&store, &w, &by_issuer(&w.issuer_a)).await, [3, 1, 0]);
        assert_eq!(found(&store, &w, &by_issuer(&w.issuer_b)).await, [4, 2]);
        assert!(found(&store, &w, &by_issuer("no-such-issuer")).await.is_empty());

        let by_achievement = |id: &str| CredentialQuery { achievement_id: Some(id.to_owned()), ..query("") };
        assert_eq!(found(&store, &w, &by_achievement(&w.data_science)).await, [3, 0]);
        assert_eq!(found(&store, &w, &by_achievement(&w.leadership)).await, [1]);
        assert_eq!(found(&store, &w, &by_achievement(&w.top500)).await, [4, 2]);

        store
            .change_credential_status(&w.issued[1], StatusAction::Revoke, "不正", None, at(600))
            .await
            .unwrap();
        store
            .change_credential_status(&w.issued[3], StatusAction::Suspend, "確認中", None, at(601))
            .await
            .unwrap();
        let by_state = |state| CredentialQuery { state: Some(state), ..query("") };
        assert_eq!(found(&store, &w, &by_state(CredentialState::Revoked)).await, [1]);
        assert_eq!(found(&store, &w, &by_state(CredentialState::Suspended)).await, [3]);
        assert_eq!(found(&store, &w, &by_state(CredentialState::Active)).await, [4, 2, 0]);
        let revoked = store.search_credentials(&by_state(CredentialState::Revoked)).await.unwrap();
        assert_eq!(revoked.rows.first().unwrap().updated_at, at(600));

        // Every filter at once: Ichiro's active credentials from issuer A → none (1 revoked,
        // 3 suspended); from issuer B → 4.
        let combined = |issuer: &str| CredentialQuery {
            issuer_id: Some(issuer.to_owned()),
            state: Some(CredentialState::Active),
            ..query("ichiro")
        };
        assert!(found(&store, &w, &combined(&w.issuer_a)).await.is_empty());
        assert_eq!(found(&store, &w, &combined(&w.issuer_b)).await, [4]);
        let page = store.search_credentials(&combined(&w.issuer_b)).await.unwrap();
        assert_eq!(page.total, 1);
    }

    async fn recipients_are_searched_in_sql(store: Store) {
        let w = world(&store).await;
        let names = |recipients: Vec<tsumiki_store::Recipient>| {
            recipients.into_iter().map(|r| r.display_name).collect::<Vec<_>>()
        };
        // Blank lists everyone by display name ("S" sorts before "山").
        assert_eq!(names(store.search_recipients("", 50, 0).await.unwrap()), ["Suzuki Ichiro", "山田 花子"]);
        assert_eq!(names(store.search_recipients("", 1, 1).await.unwrap()), ["山田 花子"]);
        assert_eq!(names(store.search_recipients("花子", 50, 0).await.unwrap()), ["山田 花子"]);
        assert_eq!(names(store.search_recipients("HANAKO@EXAMPLE.JP", 50, 0).await.unwrap()), ["山田 花子"]);
        assert_eq!(names(store.search_recipients("e-100", 50, 0).await.unwrap()), ["Suzuki Ichiro"]);
        assert_eq!(names(store.search_recipients("z6mksuzuki", 50, 0).await.unwrap()), ["Suzuki Ichiro"], "DID");
        assert!(store.search_recipients("%", 50, 0).await.unwrap().is_empty());
        assert!(store.search_recipients("_", 50, 0).await.unwrap().is_empty());

        let identifiers = store
            .identifiers_of_recipients(&[w.ichiro.clone(), w.hanako.clone()])
            .await
            .unwrap();
        let mut values: Vec<(String, String)> = identifiers
            .into_iter()
            .map(|i| (i.recipient_id, i.value))
            .collect();
        values.sort();
        let mut expected = vec![
            (w.ichiro.clone(), "Ichiro.Suzuki@Example.JP".to_owned()),
            (w.ichiro.clone(), "E-100".to_owned()),
            (w.hanako.clone(), "hanako@example.jp".to_owned()),
        ];
        expected.sort();
        assert_eq!(values, expected);
        assert!(store.identifiers_of_recipients(&[]).await.unwrap().is_empty());
    }
}
