//! Programme selection (sets, weights, candidates, scores) and credential claims, on both
//! databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use tsumiki_store::{
    ClaimCounts, NewCandidate, NewOrganisation, NewProgramme, NewSelectionSet, OrganisationKind,
    SelectionCriterion, StatusAction, Store, StoreError,
};

use common::at;

async fn sponsor(store: &Store, name: &str) -> String {
    store
        .create_organisation(&NewOrganisation {
            name_ja: format!("{name}株式会社"),
            name_en: format!("{name} Corp."),
            kind: OrganisationKind::Sponsor,
        })
        .await
        .unwrap()
        .id
}

async fn programme(store: &Store) -> String {
    store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "グローバル経営者プログラム".into(),
            title_en: "Global Executive Programme".into(),
            design_json: "{}".into(),
            sponsor_ids: Vec::new(),
            template_of: None,
        })
        .await
        .unwrap()
        .id
}

on_both_databases! {
    async fn a_new_set_weights_every_criterion_once(store: Store) {
        let org = sponsor(&store, "北斗").await;
        let set = store
            .create_selection_set(&NewSelectionSet {
                organisation_id: org.clone(),
                title: "  2027年度 選抜研修  ".into(),
            })
            .await
            .unwrap();
        assert_eq!(set.title, "2027年度 選抜研修");
        assert_eq!(store.selection_set(&set.id).await.unwrap(), Some(set.clone()));
        let weights = store.selection_weights(&set.id).await.unwrap();
        assert_eq!(
            weights,
            SelectionCriterion::ALL.iter().map(|c| (*c, 1)).collect::<Vec<_>>()
        );
        store
            .set_selection_weights(
                &set.id,
                &[
                    (SelectionCriterion::StrategicAlignment, 5),
                    (SelectionCriterion::CohortDiversity, 0),
                ],
            )
            .await
            .unwrap();
        let weights = store.selection_weights(&set.id).await.unwrap();
        assert_eq!(weights[0], (SelectionCriterion::StrategicAlignment, 5));
        assert_eq!(weights[2], (SelectionCriterion::CohortDiversity, 0));
        assert_eq!(weights[1], (SelectionCriterion::AppliedComponents, 1));
        // Out-of-range weights are refused by the schema and change nothing.
        let refused = store
            .set_selection_weights(
                &set.id,
                &[
                    (SelectionCriterion::LanguageSupport, 3),
                    (SelectionCriterion::MeasurementPlan, 11),
                ],
            )
            .await;
        assert!(refused.is_err());
        assert_eq!(store.selection_weights(&set.id).await.unwrap()[3].1, 1);
        // Unknown set.
        assert!(matches!(
            store.set_selection_weights("nope", &[]).await,
            Err(StoreError::NotFound { .. })
        ));
    }

    async fn sets_are_listed_per_organisation(store: Store) {
        let a = sponsor(&store, "A").await;
        let b = sponsor(&store, "B").await;
        for (org, title) in [(&a, "a1"), (&b, "b1"), (&a, "a2")] {
            store
                .create_selection_set(&NewSelectionSet {
                    organisation_id: org.clone(),
                    title: title.into(),
                })
                .await
                .unwrap();
        }
        let mut titles: Vec<String> = store
            .selection_sets(Some(&a))
            .await
            .unwrap()
            .into_iter()
            .map(|set| set.title)
            .collect();
        titles.sort();
        assert_eq!(titles, ["a1", "a2"]);
        assert_eq!(store.selection_sets(Some(&b)).await.unwrap().len(), 1);
        assert_eq!(store.selection_sets(None).await.unwrap().len(), 3);
        // A set must belong to an existing organisation.
        assert!(
            store
                .create_selection_set(&NewSelectionSet {
                    organisation_id: "missing".into(),
                    title: "x".into(),
                })
                .await
                .is_err()
        );
    }

    async fn candidates_and_scores_round_trip(store: Store) {
        let org = sponsor(&store, "北斗").await;
        let own = programme(&store).await;
        let set = store
            .create_selection_set(&NewSelectionSet {
                organisation_id: org,
                title: "比較".into(),
            })
            .await
            .unwrap();
        let ours = store
            .add_selection_candidate(
                &set.id,
                &NewCandidate {
                    programme_id: Some(own.clone()),
                    ..NewCandidate::default()
                },
            )
            .await
            .unwrap();
        let external = store
            .add_selection_candidate(
                &set.id,
                &NewCandidate {
                    programme_id: None,
                    name: "Advanced Management Program".into(),
                    provider: "Some Business School".into(),
                    url: "https://example.edu/amp".into(),
                },
            )
            .await
            .unwrap();
        // Neither our programme nor a name: refused by the schema.
        assert!(
            store
                .add_selection_candidate(&set.id, &NewCandidate::default())
                .await
                .is_err()
        );
        let candidates = store.selection_candidates(&set.id).await.unwrap();
        assert_eq!(candidates.len(), 2);
        assert!(candidates.contains(&ours) && candidates.contains(&external));
        assert_eq!(ours.programme_id.as_deref(), Some(own.as_str()));

        store
            .score_selection_candidate(
                &ours.id,
                SelectionCriterion::LanguageSupport,
                4,
                "日英同時通訳あり (パンフレット p.3)",
                at(10),
            )
            .await
            .unwrap();
        // Scoring again replaces score and evidence.
        store
            .score_selection_candidate(
                &ours.id,
                SelectionCriterion::LanguageSupport,
                5,
                " 通訳とコーチング ",
                at(20),
            )
            .await
            .unwrap();
        store
            .score_selection_candidate(
                &external.id,
                SelectionCriterion::MeasurementPlan,
                1,
                "",
                at(30),
            )
            .await
            .unwrap();
        for bad in [0, 6] {
            assert!(
                store
                    .score_selection_candidate(
                        &external.id,
                        SelectionCriterion::MeasurementPlan,
                        bad,
                        "",
                        at(40),
                    )
                    .await
                    .is_err(),
                "score {bad} accepted"
            );
        }
        let scores = store.selection_scores(&set.id).await.unwrap();
        assert_eq!(scores.len(), 2);
        let language = scores
            .iter()
            .find(|s| s.candidate_id == ours.id)
            .unwrap();
        assert_eq!(language.criterion, SelectionCriterion::LanguageSupport);
        assert_eq!(language.score, 5);
        assert_eq!(language.evidence, "通訳とコーチング");
        assert_eq!(language.updated_at, at(20));
        let measurement = scores
            .iter()
            .find(|s| s.candidate_id == external.id)
            .unwrap();
        assert_eq!(measurement.score, 1);
        assert_eq!(store.selection_set(&set.id).await.unwrap().unwrap().updated_at, at(30));
    }

    async fn first_claim_wins_and_counts_leave_out_revoked(store: Store) {
        let fixture = common::fixture(&store).await;
        let other = common::recipient(&store, "taro@example.jp").await;
        let mut ids = Vec::new();
        for (key, recipient) in [("k1", &fixture.recipient_id), ("k2", &fixture.recipient_id), ("k3", &other)] {
            let mut new = common::new_credential(&fixture, key);
            new.recipient_id = recipient.clone();
            let outcome = store.issue_credential(new, common::sign).await.unwrap();
            ids.push(outcome.credential().id.clone());
        }
        assert!(store.credential_claim(&ids[0]).await.unwrap().is_none());
        assert!(store.record_claim(&ids[0], "svg", at(5)).await.unwrap());
        assert!(!store.record_claim(&ids[0], "json", at(9)).await.unwrap());
        let claim = store.credential_claim(&ids[0]).await.unwrap().unwrap();
        assert_eq!((claim.channel.as_str(), claim.first_claimed_at), ("svg", at(5)));
        assert!(store.record_claim(&ids[2], "jwt", at(6)).await.unwrap());
        // An unknown credential cannot be claimed.
        assert!(store.record_claim("urn:uuid:nope", "json", at(7)).await.is_err());

        let achievements = vec![fixture.achievement_id.clone()];
        let both = vec![fixture.recipient_id.clone(), other.clone()];
        assert_eq!(
            store.claim_counts(&both, &achievements).await.unwrap(),
            ClaimCounts { issued: 3, claimed: 2 }
        );
        assert_eq!(
            store
                .claim_counts(std::slice::from_ref(&fixture.recipient_id), &achievements)
                .await
                .unwrap(),
            ClaimCounts { issued: 2, claimed: 1 }
        );
        assert_eq!(
            store.claim_counts(&both, &["other".to_owned()]).await.unwrap(),
            ClaimCounts::default()
        );
        assert_eq!(store.claim_counts(&[], &achievements).await.unwrap(), ClaimCounts::default());
        store
            .change_credential_status(&ids[2], StatusAction::Revoke, "error", None, at(8))
            .await
            .unwrap();
        assert_eq!(
            store.claim_counts(&both, &achievements).await.unwrap(),
            ClaimCounts { issued: 2, claimed: 1 }
        );
    }
}
