#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;

use crate::*;

fn module(id: &str, delivery: Delivery, language: ModuleLanguage, hours: f64) -> Module {
    Module {
        id: id.to_owned(),
        title_ja: "モジュール".to_owned(),
        title_en: "Module".to_owned(),
        delivery,
        language,
        hours,
        faculty: vec![FacultyRole::Coach],
        achievement_ids: vec!["ach-1".to_owned()],
    }
}

fn one_phase(modules: Vec<Module>) -> ProgrammeDesign {
    ProgrammeDesign {
        phases: vec![Phase {
            kind: PhaseKind::CoreTheory,
            title_ja: "理論".to_owned(),
            title_en: "Theory".to_owned(),
            start_month: 1,
            end_month: 4,
            modules,
        }],
    }
}

#[test]
fn blueprint_follows_the_six_phases_of_the_seed_article() {
    let design = six_phase_blueprint();
    validate(&design).unwrap();
    let kinds: Vec<PhaseKind> = design.phases.iter().map(|phase| phase.kind).collect();
    assert_eq!(kinds, PhaseKind::ALL);
    let months: Vec<(u32, u32)> = design
        .phases
        .iter()
        .map(|phase| (phase.start_month, phase.end_month))
        .collect();
    assert_eq!(months, [(0, 1), (1, 4), (5, 5), (6, 9), (9, 10), (11, 12)]);
    assert_eq!(design.phases[2].title_en, "Immersive international module");
    assert_eq!(design.phases[2].title_ja, "海外イマージョン");
    for phase in &design.phases {
        assert!(
            !phase.modules.is_empty(),
            "{:?} has example modules",
            phase.kind
        );
    }
    let immersion = &design.phases[2].modules[0];
    assert_eq!(immersion.delivery.country(), Some("SG"));
}

#[test]
fn blueprint_hours_total_by_hand() {
    // 8+4 | 24+18+18+12 | 60+6 | 80 | 8+8 | 6+6 = 12 + 72 + 66 + 80 + 16 + 12 = 258.
    let totals = hours_totals(&six_phase_blueprint());
    assert_eq!(totals.total, 258.0);
    let phases: Vec<f64> = totals.by_phase.iter().map(|p| p.hours).collect();
    assert_eq!(phases, [12.0, 72.0, 66.0, 80.0, 16.0, 12.0]);
    // Online 4+24+18+12+6 = 64; on site 8+8+8+6 = 30; abroad 66; blended 18+80 = 98.
    assert_eq!(
        totals.by_delivery,
        [
            (DeliveryMode::Online, 64.0),
            (DeliveryMode::OnSite, 30.0),
            (DeliveryMode::ImmersionAbroad, 66.0),
            (DeliveryMode::Blended, 98.0),
        ]
    );
    // ja 8+18+80+6+6 = 118; en 24+12+8 = 44; bilingual 4+18+6+8 = 36; interpreted 60.
    assert_eq!(
        totals.by_language,
        [
            (ModuleLanguage::Ja, 118.0),
            (ModuleLanguage::En, 44.0),
            (ModuleLanguage::Bilingual, 36.0),
            (ModuleLanguage::Interpreted, 60.0),
        ]
    );
}

#[test]
fn json_round_trip_uses_camel_case_and_a_tagged_delivery() {
    let design = six_phase_blueprint();
    let text = design.to_json().unwrap();
    assert!(
        text.contains(r#""delivery":{"mode":"immersionAbroad","country":"SG"}"#),
        "{text}"
    );
    assert!(text.contains(r#""startMonth":5"#));
    assert!(text.contains(r#""achievementIds":[]"#));
    assert_eq!(ProgrammeDesign::from_json(&text).unwrap(), design);
    assert!(matches!(
        ProgrammeDesign::from_json(r#"{"phases":[{"kind":"party"}]}"#),
        Err(DesignError::Json(_))
    ));
    assert!(ProgrammeDesign::from_json("").is_err());
}

#[test]
fn months_must_lie_within_the_year_and_in_order() {
    let mut design = six_phase_blueprint();
    design.phases[5].end_month = 13;
    assert_eq!(
        validate(&design),
        Err(DesignError::MonthOutOfRange {
            phase: 6,
            month: 13
        })
    );
    let mut design = six_phase_blueprint();
    design.phases[3].start_month = 10;
    assert_eq!(
        problems(&design).first(),
        Some(&DesignError::PhaseEndsBeforeStart {
            phase: 4,
            start: 10,
            end: 9
        })
    );
    let mut design = six_phase_blueprint();
    design.phases.swap(0, 1);
    assert_eq!(
        validate(&design),
        Err(DesignError::PhasesOutOfOrder { phase: 2 })
    );
    // Touching phases (6–9 then 9–10) are in order.
    validate(&six_phase_blueprint()).unwrap();
}

#[test]
fn hours_must_be_finite_and_not_negative() {
    for hours in [-0.5, f64::NAN, f64::INFINITY] {
        let design = one_phase(vec![module(
            "m",
            Delivery::Online,
            ModuleLanguage::Ja,
            hours,
        )]);
        assert!(
            matches!(validate(&design), Err(DesignError::InvalidHours { .. })),
            "{hours}"
        );
        assert!(
            design.to_json().is_err(),
            "an invalid design is never serialised"
        );
    }
    validate(&one_phase(vec![module(
        "m",
        Delivery::Online,
        ModuleLanguage::Ja,
        0.0,
    )]))
    .unwrap();
}

#[test]
fn immersion_needs_an_assigned_country_code() {
    for country in ["", "sg", "XX", "SGP", "ＳＧ", "S"] {
        let design = one_phase(vec![module(
            "m",
            Delivery::ImmersionAbroad {
                country: country.to_owned(),
            },
            ModuleLanguage::En,
            10.0,
        )]);
        assert!(
            matches!(validate(&design), Err(DesignError::InvalidCountry { .. })),
            "{country:?}"
        );
    }
    for country in ["JP", "SG", "US", "GB", "SS", "AX"] {
        assert!(is_country_code(country), "{country}");
    }
}

#[test]
fn the_country_list_has_the_249_assigned_codes() {
    let mut count = 0;
    for first in 'A'..='Z' {
        for second in 'A'..='Z' {
            if is_country_code(&format!("{first}{second}")) {
                count += 1;
            }
        }
    }
    assert_eq!(count, 249);
}

#[test]
fn module_ids_must_be_unique_and_present() {
    let design = one_phase(vec![
        module("same", Delivery::Online, ModuleLanguage::Ja, 1.0),
        module("same", Delivery::Online, ModuleLanguage::Ja, 1.0),
        module(" ", Delivery::Online, ModuleLanguage::Ja, 1.0),
    ]);
    let found = problems(&design);
    assert!(found.contains(&DesignError::DuplicateModuleId {
        id: "same".to_owned()
    }));
    assert!(found.contains(&DesignError::EmptyModuleId { phase: 1 }));
}

#[test]
fn titles_are_required_in_both_languages() {
    let mut design = six_phase_blueprint();
    design.phases[0].modules[0].title_en = "  ".to_owned();
    assert!(matches!(
        validate(&design),
        Err(DesignError::MissingTitle { .. })
    ));
}

#[test]
fn copy_as_template_renews_every_module_id_and_keeps_the_rest() {
    let original = six_phase_blueprint();
    let mut counter = 0;
    let copy = copy_as_template(&original, || {
        counter += 1;
        format!("new-{counter}")
    });
    let module_count = original.modules().count();
    assert_eq!(counter, module_count);
    assert!(original.modules().all(|m| copy.module(&m.id).is_none()));
    assert_eq!(copy.module("new-1").map(|(phase, _)| phase), Some(0));
    validate(&copy).unwrap();
    let strip = |design: &ProgrammeDesign| {
        let mut design = design.clone();
        for phase in &mut design.phases {
            for module in &mut phase.modules {
                module.id.clear();
            }
        }
        design
    };
    assert_eq!(strip(&copy), strip(&original));
}

#[test]
fn put_and_remove_module() {
    let mut design = six_phase_blueprint();
    let before = design.modules().count();
    let mut added = module("extra", Delivery::Blended, ModuleLanguage::En, 3.0);
    assert!(design.put_module(4, added.clone()));
    assert_eq!(design.module("extra").map(|(phase, _)| phase), Some(4));
    added.hours = 5.0;
    // Editing keeps the module where it is, whatever phase is named.
    assert!(design.put_module(0, added));
    assert_eq!(
        design.module("extra").map(|(p, m)| (p, m.hours)),
        Some((4, 5.0))
    );
    assert!(!design.put_module(9, module("lost", Delivery::Online, ModuleLanguage::Ja, 1.0)));
    assert!(design.remove_module("extra"));
    assert!(!design.remove_module("extra"));
    assert_eq!(design.modules().count(), before);
}

#[test]
fn enum_spellings_parse_back() {
    for mode in DeliveryMode::ALL {
        assert_eq!(DeliveryMode::parse(mode.as_str()), Some(mode));
    }
    for language in ModuleLanguage::ALL {
        assert_eq!(ModuleLanguage::parse(language.as_str()), Some(language));
    }
    for role in FacultyRole::ALL {
        assert_eq!(FacultyRole::parse(role.as_str()), Some(role));
    }
    assert_eq!(DeliveryMode::parse("teleport"), None);
}

fn arbitrary_module() -> impl Strategy<Value = Module> {
    (
        "[a-z0-9-]{1,12}",
        0u32..4,
        0usize..4,
        0.0f64..500.0,
        proptest::sample::subsequence(FacultyRole::ALL.to_vec(), 0..=5),
    )
        .prop_map(|(id, mode, language, hours, faculty)| Module {
            id,
            title_ja: "題".to_owned(),
            title_en: "Title".to_owned(),
            delivery: match mode {
                0 => Delivery::Online,
                1 => Delivery::OnSite,
                2 => Delivery::ImmersionAbroad {
                    country: "DE".to_owned(),
                },
                _ => Delivery::Blended,
            },
            language: ModuleLanguage::ALL[language],
            hours,
            faculty,
            achievement_ids: vec![],
        })
}

proptest! {
    #[test]
    fn totals_split_the_total_exactly_three_ways(modules in proptest::collection::vec(arbitrary_module(), 0..20)) {
        let design = one_phase(modules);
        let totals = hours_totals(&design);
        let sum = |values: Vec<f64>| values.into_iter().sum::<f64>();
        let tolerance = 1e-9 * (1.0 + totals.total);
        prop_assert!((sum(totals.by_delivery.iter().map(|(_, h)| *h).collect()) - totals.total).abs() < tolerance);
        prop_assert!((sum(totals.by_language.iter().map(|(_, h)| *h).collect()) - totals.total).abs() < tolerance);
        prop_assert!((sum(totals.by_phase.iter().map(|p| p.hours).collect()) - totals.total).abs() < tolerance);
    }

    #[test]
    fn json_round_trips_any_valid_design(modules in proptest::collection::vec(arbitrary_module(), 0..10)) {
        let mut design = one_phase(Vec::new());
        for module in modules {
            if design.module(&module.id).is_none() {
                design.phases[0].modules.push(module);
            }
        }
        let text = design.to_json().unwrap();
        prop_assert_eq!(ProgrammeDesign::from_json(&text).unwrap(), design);
    }

    #[test]
    fn copies_never_share_module_ids_with_the_original(seed in 0u64..1000) {
        let original = six_phase_blueprint();
        let mut n = seed;
        let copy = copy_as_template(&original, || { n += 1; format!("copy-{n}") });
        prop_assert!(problems(&copy).is_empty());
        for module in copy.modules() {
            prop_assert!(original.module(&module.id).is_none());
        }
    }
}
