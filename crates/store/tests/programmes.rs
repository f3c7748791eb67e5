//! Organisations, programmes, cohorts, participants, consents, projects and completions, on
//! both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use chrono::NaiveDate;
use common::at;
use tsumiki_store::{
    CONSENT_CREDENTIAL_ISSUING, CONSENT_EVALUATION, CONSENT_PROGRAMME_DELIVERY, CohortUpdate,
    LanguageSkill, NewCohort, NewOrganisation, NewParticipant, NewProgramme, NewProject, NewUser,
    OrganisationKind, ProgrammeDetails, Role, Store, StoreError, UserLinks,
};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn organisation(store: &Store, name: &str, kind: OrganisationKind) -> String {
    store
        .create_organisation(&NewOrganisation {
            name_ja: format!("{name}株式会社"),
            name_en: format!("{name} Ltd"),
            kind,
        })
        .await
        .unwrap()
        .id
}

struct Setup {
    provider: String,
    sponsor: String,
    programme: String,
    cohort: String,
}

async fn setup(store: &Store) -> Setup {
    let provider = organisation(store, "Provider", OrganisationKind::Provider).await;
    let sponsor = organisation(store, "Sponsor", OrganisationKind::Sponsor).await;
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: Some(provider.clone()),
            title_ja: "次世代経営者育成".to_owned(),
            title_en: "Next-generation executives".to_owned(),
            design_json: r#"{"phases":[]}"#.to_owned(),
            sponsor_ids: vec![sponsor.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    let cohort = store
        .create_cohort(&NewCohort {
            programme_id: programme.clone(),
            sponsor_id: Some(sponsor.clone()),
            name: "2026 春".to_owned(),
            starts_on: date("2026-04-01"),
            ends_on: date("2027-03-31"),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap()
        .id;
    Setup {
        provider,
        sponsor,
        programme,
        cohort,
    }
}

fn new_participant(cohort: &str, recipient: &str) -> NewParticipant {
    NewParticipant {
        cohort_id: cohort.to_owned(),
        recipient_id: recipient.to_owned(),
        nationality: "JP".to_owned(),
        job_function: "finance".to_owned(),
        industry: "manufacturing".to_owned(),
        role_level: "director".to_owned(),
        languages: vec![
            LanguageSkill {
                language: "ja".to_owned(),
                proficiency: "native".to_owned(),
            },
            LanguageSkill {
                language: "en".to_owned(),
                proficiency: "B2".to_owned(),
            },
        ],
        gender: Some("  ".to_owned()),
    }
}

on_both_databases! {
    async fn organisations_and_programmes_round_trip(store: Store) {
        let s = setup(&store).await;
        let organisations = store.organisations().await.unwrap();
        assert_eq!(organisations.len(), 2);
        let provider = organisations.iter().find(|o| o.id == s.provider).unwrap();
        assert_eq!(provider.kind, OrganisationKind::Provider);
        assert_eq!(provider.name_ja, "Provider株式会社");

        let programme = store.programme(&s.programme).await.unwrap().unwrap();
        assert_eq!(programme.title_ja, "次世代経営者育成");
        assert_eq!(programme.provider_id.as_deref(), Some(s.provider.as_str()));
        assert_eq!(programme.design_json, r#"{"phases":[]}"#);
        assert_eq!(programme.issuer_id, None);
        assert_eq!(store.programmes().await.unwrap(), vec![programme.clone()]);
        let sponsors = store.programme_sponsors(&s.programme).await.unwrap();
        assert_eq!(sponsors.len(), 1);
        assert_eq!(sponsors[0].id, s.sponsor);
        assert!(store.programme("no-such-id").await.unwrap().is_none());

        // A copy remembers its template; an unknown template or provider is refused.
        let copy = store
            .create_programme(&NewProgramme {
                provider_id: None,
                title_ja: "写し".to_owned(),
                title_en: "Copy".to_owned(),
                design_json: "{}".to_owned(),
                sponsor_ids: vec![s.sponsor.clone(), s.sponsor.clone()],
                template_of: Some(s.programme.clone()),
            })
            .await
            .unwrap();
        assert_eq!(copy.template_of.as_deref(), Some(s.programme.as_str()));
        assert_eq!(store.programme_sponsors(&copy.id).await.unwrap().len(), 1);
        let missing = store
            .create_programme(&NewProgramme {
                provider_id: Some("nope".to_owned()),
                title_ja: "x".to_owned(),
                title_en: "x".to_owned(),
                design_json: "{}".to_owned(),
                sponsor_ids: vec![],
                template_of: None,
            })
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound { .. })), "{missing:?}");
        assert_eq!(store.programmes().await.unwrap().len(), 2);

        // Editing replaces the sponsor set and sets the issuer.
        let master_key = tsumiki_store::MasterKey::generate();
        let issuer = common::issuer(&store, "prog-u", &master_key).await;
        let other_sponsor = organisation(&store, "Other", OrganisationKind::Sponsor).await;
        store
            .update_programme_details(
                &s.programme,
                &ProgrammeDetails {
                    provider_id: Some(s.provider.clone()),
                    title_ja: "改題".to_owned(),
                    title_en: "Renamed".to_owned(),
                    sponsor_ids: vec![other_sponsor.clone()],
                    issuer_id: Some(issuer.id.clone()),
                },
            )
            .await
            .unwrap();
        let edited = store.programme(&s.programme).await.unwrap().unwrap();
        assert_eq!(edited.title_en, "Renamed");
        assert_eq!(edited.issuer_id.as_deref(), Some(issuer.id.as_str()));
        let sponsors = store.programme_sponsors(&s.programme).await.unwrap();
        assert_eq!(sponsors.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), [other_sponsor.as_str()]);
        store.update_programme_design(&s.programme, r#"{"phases":[1]}"#).await.unwrap();
        assert_eq!(store.programme(&s.programme).await.unwrap().unwrap().design_json, r#"{"phases":[1]}"#);
        assert!(matches!(
            store.update_programme_design("nope", "{}").await,
            Err(StoreError::NotFound { .. })
        ));
    }

    async fn cohorts_round_trip_and_filter(store: Store) {
        let s = setup(&store).await;
        let cohort = store.cohort(&s.cohort).await.unwrap().unwrap();
        assert_eq!(cohort.starts_on, date("2026-04-01"));
        assert_eq!(cohort.ends_on, date("2027-03-31"));
        assert_eq!((cohort.anonymity_threshold, cohort.comment_threshold), (3, 5));
        assert_eq!(cohort.name, "2026 春");
        assert_eq!(store.cohorts().await.unwrap(), vec![cohort.clone()]);
        assert_eq!(store.cohorts_for_programme(&s.programme).await.unwrap(), vec![cohort.clone()]);
        assert_eq!(store.cohorts_for_sponsor(&s.sponsor).await.unwrap(), vec![cohort.clone()]);
        assert!(store.cohorts_for_sponsor(&s.provider).await.unwrap().is_empty());

        // An end before the start is refused by the schema.
        let backwards = store
            .create_cohort(&NewCohort {
                programme_id: s.programme.clone(),
                sponsor_id: None,
                name: "bad".to_owned(),
                starts_on: date("2026-04-02"),
                ends_on: date("2026-04-01"),
                anonymity_threshold: 3,
                comment_threshold: 5,
            })
            .await;
        assert!(backwards.is_err());
        let unknown = store
            .create_cohort(&NewCohort {
                programme_id: "nope".to_owned(),
                sponsor_id: None,
                name: "x".to_owned(),
                starts_on: date("2026-04-01"),
                ends_on: date("2026-04-01"),
                anonymity_threshold: 3,
                comment_threshold: 5,
            })
            .await;
        assert!(matches!(unknown, Err(StoreError::NotFound { .. })));
        assert_eq!(store.cohorts().await.unwrap().len(), 1);
    }

    async fn enrolment_is_unique_and_round_trips(store: Store) {
        let s = setup(&store).await;
        let recipient = common::recipient(&store, "taro@example.jp").await;
        let participant = store
            .enroll_participant(&new_participant(&s.cohort, &recipient))
            .await
            .unwrap();
        assert_eq!(participant.gender, None, "a blank gender is no gender");
        let read = store.participant(&participant.id).await.unwrap().unwrap();
        assert_eq!(read, participant);
        assert_eq!(read.languages[1].proficiency, "B2");
        let again = store.enroll_participant(&new_participant(&s.cohort, &recipient)).await;
        assert!(matches!(again, Err(StoreError::AlreadyExists { .. })), "{again:?}");
        assert_eq!(store.participants(&s.cohort).await.unwrap(), vec![participant.clone()]);
        assert_eq!(store.enrolments_of(&recipient).await.unwrap(), vec![participant]);

        let mut described = new_participant(&s.cohort, &common::recipient(&store, "x@example.jp").await);
        described.gender = Some("ノンバイナリー".to_owned());
        let second = store.enroll_participant(&described).await.unwrap();
        assert_eq!(
            store.participant(&second.id).await.unwrap().unwrap().gender.as_deref(),
            Some("ノンバイナリー")
        );
    }

    async fn withdrawn_consent_drops_out_of_consenting_participants(store: Store) {
        let s = setup(&store).await;
        let mut ids = Vec::new();
        for email in ["a@example.jp", "b@example.jp", "c@example.jp"] {
            let recipient = common::recipient(&store, email).await;
            ids.push(
                store
                    .enroll_participant(&new_participant(&s.cohort, &recipient))
                    .await
                    .unwrap()
                    .id,
            );
        }
        // a and b consent; c never does.
        store.record_consent(&ids[0], CONSENT_EVALUATION, at(10)).await.unwrap();
        store.record_consent(&ids[1], CONSENT_EVALUATION, at(20)).await.unwrap();
        store.record_consent(&ids[2], "marketing", at(20)).await.unwrap();
        // Recording again keeps one record with the first date.
        store.record_consent(&ids[0], CONSENT_EVALUATION, at(99)).await.unwrap();
        let mut consenting: Vec<String> = store
            .consenting_participants(&s.cohort, CONSENT_EVALUATION)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        consenting.sort();
        let mut expected = vec![ids[0].clone(), ids[1].clone()];
        expected.sort();
        assert_eq!(consenting, expected);
        let records = store.consents(&ids[0]).await.unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].granted_at, at(10));

        store.withdraw_consent(&ids[0], CONSENT_EVALUATION, at(30)).await.unwrap();
        let consenting: Vec<String> = store
            .consenting_participants(&s.cohort, CONSENT_EVALUATION)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(consenting, [ids[1].clone()]);
        // The record stays, closed.
        let records = store.consents(&ids[0]).await.unwrap();
        assert_eq!(records[0].withdrawn_at, Some(at(30)));
        // Withdrawing again is harmless; consenting again opens a new record.
        store.withdraw_consent(&ids[0], CONSENT_EVALUATION, at(40)).await.unwrap();
        assert_eq!(store.consents(&ids[0]).await.unwrap()[0].withdrawn_at, Some(at(30)));
        store.record_consent(&ids[0], CONSENT_EVALUATION, at(50)).await.unwrap();
        assert_eq!(store.consents(&ids[0]).await.unwrap().len(), 2);
        assert_eq!(
            store.consenting_participants(&s.cohort, CONSENT_EVALUATION).await.unwrap().len(),
            2
        );
        assert!(matches!(
            store.record_consent("nope", CONSENT_EVALUATION, at(0)).await,
            Err(StoreError::NotFound { .. })
        ));
    }

    async fn completions_are_recorded_once(store: Store) {
        let s = setup(&store).await;
        let recipient = common::recipient(&store, "k@example.jp").await;
        let participant = store
            .enroll_participant(&new_participant(&s.cohort, &recipient))
            .await
            .unwrap();
        assert!(store.record_completion(&participant.id, "m1", at(5), None).await.unwrap());
        assert!(!store.record_completion(&participant.id, "m1", at(9), None).await.unwrap());
        assert!(store.record_completion(&participant.id, "m2", at(7), None).await.unwrap());
        let completions = store.cohort_completions(&s.cohort).await.unwrap();
        assert_eq!(completions.len(), 2);
        assert_eq!(completions[0].module_id, "m1");
        assert_eq!(completions[0].completed_at, at(5), "the first record is kept");
        assert_eq!(store.participant_completions(&participant.id).await.unwrap().len(), 2);
        assert!(matches!(
            store.record_completion("nope", "m1", at(0), None).await,
            Err(StoreError::NotFound { .. })
        ));
    }

    async fn projects_keep_their_team_within_the_cohort(store: Store) {
        let s = setup(&store).await;
        let a = store
            .enroll_participant(&new_participant(&s.cohort, &common::recipient(&store, "a@x.jp").await))
            .await
            .unwrap();
        let b = store
            .enroll_participant(&new_participant(&s.cohort, &common::recipient(&store, "b@x.jp").await))
            .await
            .unwrap();
        let project = store
            .create_project(&NewProject {
                cohort_id: s.cohort.clone(),
                title: "アジア新市場".to_owned(),
                executive_sponsor: "CEO 山田".to_owned(),
                business_objective: "Enter the ASEAN market".to_owned(),
                deliverables: vec!["Market entry plan".to_owned()],
                outcome_metrics: vec!["Revenue".to_owned(), "Partners signed".to_owned()],
                member_ids: vec![a.id.clone(), b.id.clone(), a.id.clone()],
            })
            .await
            .unwrap();
        let projects = store.projects(&s.cohort).await.unwrap();
        assert_eq!(projects, vec![project]);
        let mut members = projects[0].member_ids.clone();
        members.sort();
        let mut expected = vec![a.id.clone(), b.id.clone()];
        expected.sort();
        assert_eq!(members, expected, "the duplicate is dropped");
        assert_eq!(projects[0].outcome_metrics.len(), 2);

        // A participant of another cohort cannot join; nothing is written.
        let other_cohort = store
            .create_cohort(&NewCohort {
                programme_id: s.programme.clone(),
                sponsor_id: None,
                name: "other".to_owned(),
                starts_on: date("2026-01-01"),
                ends_on: date("2026-12-31"),
                anonymity_threshold: 3,
                comment_threshold: 5,
            })
            .await
            .unwrap();
        let outsider = store
            .enroll_participant(&new_participant(&other_cohort.id, &common::recipient(&store, "o@x.jp").await))
            .await
            .unwrap();
        let mixed = store
            .create_project(&NewProject {
                cohort_id: s.cohort.clone(),
                title: "mixed".to_owned(),
                executive_sponsor: String::new(),
                business_objective: String::new(),
                deliverables: vec![],
                outcome_metrics: vec![],
                member_ids: vec![a.id.clone(), outsider.id.clone()],
            })
            .await;
        assert!(matches!(mixed, Err(StoreError::NotFound { .. })));
        assert_eq!(store.projects(&s.cohort).await.unwrap().len(), 1);
    }

    async fn cohort_settings_are_updated_in_place(store: Store) {
        let s = setup(&store).await;
        let before = store.cohort(&s.cohort).await.unwrap().unwrap();
        let update = CohortUpdate {
            sponsor_id: None,
            name: "2026 秋".to_owned(),
            starts_on: date("2026-10-01"),
            ends_on: date("2026-10-01"),
            anonymity_threshold: 4,
            comment_threshold: 6,
        };
        let updated = store.update_cohort(&s.cohort, &update).await.unwrap();
        assert_eq!(updated.name, "2026 秋");
        assert_eq!(updated.sponsor_id, None);
        assert_eq!(updated.starts_on, date("2026-10-01"));
        assert_eq!(updated.ends_on, date("2026-10-01"), "a one-day cohort is allowed");
        assert_eq!((updated.anonymity_threshold, updated.comment_threshold), (4, 6));
        assert_eq!(updated.programme_id, before.programme_id);
        assert_eq!(updated.created_at, before.created_at);
        assert_eq!(store.cohort(&s.cohort).await.unwrap().unwrap(), updated);
        assert!(store.cohorts_for_sponsor(&s.sponsor).await.unwrap().is_empty());

        let with_sponsor = CohortUpdate { sponsor_id: Some(s.sponsor.clone()), ..update.clone() };
        store.update_cohort(&s.cohort, &with_sponsor).await.unwrap();
        assert_eq!(store.cohorts_for_sponsor(&s.sponsor).await.unwrap().len(), 1);

        assert!(matches!(
            store.update_cohort("nope", &update).await,
            Err(StoreError::NotFound { .. })
        ));
        let unknown_sponsor = CohortUpdate { sponsor_id: Some("nope".to_owned()), ..update.clone() };
        assert!(matches!(
            store.update_cohort(&s.cohort, &unknown_sponsor).await,
            Err(StoreError::NotFound { .. })
        ));
        let backwards = CohortUpdate { starts_on: date("2026-10-02"), ..update.clone() };
        assert!(store.update_cohort(&s.cohort, &backwards).await.is_err());
        let stored = store.cohort(&s.cohort).await.unwrap().unwrap();
        assert_eq!(stored.sponsor_id.as_deref(), Some(s.sponsor.as_str()), "refused changes change nothing");
        assert_eq!(stored.starts_on, date("2026-10-01"));
    }

    async fn consent_purposes_are_recorded_and_withdrawn_separately(store: Store) {
        let s = setup(&store).await;
        let p = store
            .enroll_participant(&new_participant(&s.cohort, &common::recipient(&store, "p@x.jp").await))
            .await
            .unwrap();
        store.record_consent(&p.id, CONSENT_EVALUATION, at(1_000)).await.unwrap();
        store.record_consent(&p.id, CONSENT_PROGRAMME_DELIVERY, at(2_000)).await.unwrap();
        store.record_consent(&p.id, CONSENT_CREDENTIAL_ISSUING, at(3_000)).await.unwrap();
        store.withdraw_consent(&p.id, CONSENT_PROGRAMME_DELIVERY, at(4_000)).await.unwrap();
        let consents = store.consents(&p.id).await.unwrap();
        let find = |purpose: &str| consents.iter().find(|c| c.purpose == purpose).unwrap().clone();
        assert_eq!(consents.len(), 3);
        assert_eq!(find(CONSENT_EVALUATION).withdrawn_at, None);
        assert_eq!(find(CONSENT_PROGRAMME_DELIVERY).granted_at, at(2_000));
        assert_eq!(find(CONSENT_PROGRAMME_DELIVERY).withdrawn_at, Some(at(4_000)));
        assert_eq!(find(CONSENT_CREDENTIAL_ISSUING).withdrawn_at, None);
        // Only evaluation gates aggregates: withdrawing another purpose keeps the person in.
        assert_eq!(store.consenting_participants(&s.cohort, CONSENT_EVALUATION).await.unwrap().len(), 1);
        assert!(store.consenting_participants(&s.cohort, CONSENT_PROGRAMME_DELIVERY).await.unwrap().is_empty());
        store.withdraw_consent(&p.id, CONSENT_EVALUATION, at(5_000)).await.unwrap();
        assert!(store.consenting_participants(&s.cohort, CONSENT_EVALUATION).await.unwrap().is_empty());
        assert_eq!(store.consenting_participants(&s.cohort, CONSENT_CREDENTIAL_ISSUING).await.unwrap().len(), 1);
    }

    async fn projects_are_edited_atomically_and_deleted(store: Store) {
        let s = setup(&store).await;
        let mut members = Vec::new();
        for email in ["a@x.jp", "b@x.jp", "c@x.jp"] {
            members.push(
                store
                    .enroll_participant(&new_participant(&s.cohort, &common::recipient(&store, email).await))
                    .await
                    .unwrap()
                    .id,
            );
        }
        let content = NewProject {
            cohort_id: s.cohort.clone(),
            title: "物流改革".to_owned(),
            executive_sponsor: "COO 佐藤".to_owned(),
            business_objective: "Cut lead time".to_owned(),
            deliverables: vec!["Plan".to_owned()],
            outcome_metrics: vec!["Lead time".to_owned()],
            member_ids: vec![members[0].clone(), members[1].clone()],
        };
        let project = store.create_project(&content).await.unwrap();
        let edited = NewProject {
            title: "物流改革 2".to_owned(),
            executive_sponsor: "CEO 山田".to_owned(),
            business_objective: "Halve lead time".to_owned(),
            deliverables: vec!["Plan".to_owned(), "Pilot".to_owned()],
            outcome_metrics: vec![],
            member_ids: vec![members[2].clone(), members[1].clone(), members[2].clone()],
            ..content.clone()
        };
        let updated = store.update_project(&project.id, &edited).await.unwrap();
        let mut expected = vec![members[1].clone(), members[2].clone()];
        expected.sort();
        assert_eq!(updated.member_ids, expected, "team replaced, duplicate dropped");
        assert_eq!(updated.created_at, project.created_at);
        assert_eq!(store.project(&s.cohort, &project.id).await.unwrap(), Some(updated.clone()));

        // A member of another cohort: refused, and the whole edit is rolled back.
        let other = store
            .create_cohort(&NewCohort {
                programme_id: s.programme.clone(),
                sponsor_id: None,
                name: "other".to_owned(),
                starts_on: date("2026-01-01"),
                ends_on: date("2026-12-31"),
                anonymity_threshold: 3,
                comment_threshold: 5,
            })
            .await
            .unwrap();
        let outsider = store
            .enroll_participant(&new_participant(&other.id, &common::recipient(&store, "o@x.jp").await))
            .await
            .unwrap();
        let mixed = NewProject {
            title: "changed".to_owned(),
            member_ids: vec![members[0].clone(), outsider.id.clone()],
            ..edited.clone()
        };
        assert!(matches!(store.update_project(&project.id, &mixed).await, Err(StoreError::NotFound { .. })));
        assert_eq!(store.project(&s.cohort, &project.id).await.unwrap(), Some(updated));

        // Under another cohort the project does not exist.
        let moved = NewProject { cohort_id: other.id.clone(), member_ids: vec![], ..edited.clone() };
        assert!(matches!(store.update_project(&project.id, &moved).await, Err(StoreError::NotFound { .. })));
        assert_eq!(store.project(&other.id, &project.id).await.unwrap(), None);
        assert!(matches!(store.delete_project(&other.id, &project.id).await, Err(StoreError::NotFound { .. })));

        store.delete_project(&s.cohort, &project.id).await.unwrap();
        assert!(store.projects(&s.cohort).await.unwrap().is_empty());
        assert!(matches!(store.delete_project(&s.cohort, &project.id).await, Err(StoreError::NotFound { .. })));
        // The participants stay enrolled.
        assert_eq!(store.participants(&s.cohort).await.unwrap().len(), 3);
    }

    async fn new_roles_and_user_links_round_trip(store: Store) {
        let s = setup(&store).await;
        for role in Role::ALL {
            let user = store
                .create_user(NewUser {
                    email: format!("{}@example.jp", role.as_str()),
                    display_name: role.as_str().to_owned(),
                    password_hash: "$argon2id$stub".to_owned(),
                    role,
                })
                .await
                .unwrap();
            assert_eq!(store.user(&user.id).await.unwrap().role, role);
            assert_eq!(Role::from_db(role.as_str()), Some(role));
        }
        assert_eq!(Role::from_db("superuser"), None);
        let user = store.user_by_email("viewer@example.jp").await.unwrap().unwrap();
        store.set_user_role(&user.id, Role::SponsorViewer).await.unwrap();
        assert_eq!(store.user(&user.id).await.unwrap().role, Role::SponsorViewer);
        assert_eq!(store.user_links(&user.id).await.unwrap(), UserLinks::default());
        let links = UserLinks {
            organisation_id: Some(s.sponsor.clone()),
            recipient_id: None,
        };
        store.set_user_links(&user.id, &links).await.unwrap();
        assert_eq!(store.user_links(&user.id).await.unwrap(), links);
        let recipient = common::recipient(&store, "me@example.jp").await;
        let links = UserLinks {
            organisation_id: None,
            recipient_id: Some(recipient),
        };
        store.set_user_links(&user.id, &links).await.unwrap();
        assert_eq!(store.user_links(&user.id).await.unwrap(), links);
        assert!(matches!(
            store
                .set_user_links(&user.id, &UserLinks { organisation_id: Some("nope".to_owned()), recipient_id: None })
                .await,
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(store.user_links(&user.id).await.unwrap(), links, "a refused change changes nothing");
        assert!(matches!(
            store.set_user_role("nope", Role::Admin).await,
            Err(StoreError::NotFound { .. })
        ));
    }
}

/// A database created before the programme roles existed: only the first migration, with an
/// account, a live session and an API token in it.
async fn database_at_version_1(url: &str, initial_sql: &'static str) {
    use sqlx::SqlSafeStr as _;
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    Migrator::with_migrations(vec![Migration::new(
        1,
        std::borrow::Cow::Borrowed("initial"),
        MigrationType::Simple,
        initial_sql.into_sql_str(),
        false,
    )])
    .run(&pool)
    .await
    .unwrap();
    for sql in [
        "INSERT INTO users (id, email, display_name, password_hash, role, created_at) \
         VALUES ('u1', 'old@example.jp', 'Old', 'hash', 'issuer_staff', '2026-01-01T00:00:00Z')",
        "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) \
         VALUES ('session-hash', 'u1', 'csrf', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z')",
        "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) \
         VALUES ('t1', 'u1', 'token-hash', 'ci', '2026-01-01T00:00:00Z')",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;
}

/// Upgrading rebuilds `users` to admit the new roles; accounts, sessions and tokens survive
/// and still cascade when their user is deleted.
async fn upgrade_keeps_accounts(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (session, user) = store.session("session-hash", at(0)).await.unwrap().unwrap();
    assert_eq!(
        (session.csrf_token.as_str(), user.role),
        ("csrf", Role::IssuerStaff)
    );
    assert_eq!(
        store
            .authenticate_api_token("token-hash", at(0))
            .await
            .unwrap()
            .unwrap()
            .id,
        "u1"
    );
    store.set_user_role("u1", Role::Participant).await.unwrap();
    assert_eq!(store.user("u1").await.unwrap().role, Role::Participant);
    store
        .set_user_links("u1", &UserLinks::default())
        .await
        .unwrap();
    store.close().await;
}

#[tokio::test]
async fn upgrading_a_sqlite_database_keeps_accounts_sessions_and_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/t.db?mode=rwc", dir.path().display());
    database_at_version_1(&url, include_str!("../migrations/sqlite/0001_initial.sql")).await;
    upgrade_keeps_accounts(&url).await;
}

#[tokio::test]
async fn upgrading_a_postgres_database_keeps_accounts_sessions_and_tokens() {
    let Some(admin_url) = common::postgres_admin_url() else {
        return;
    };
    let database = common::PostgresDatabase::create(&admin_url).await;
    database_at_version_1(
        &database.url,
        include_str!("../migrations/postgres/0001_initial.sql"),
    )
    .await;
    upgrade_keeps_accounts(&database.url).await;
    database.drop_database().await;
}
