//! The design of a programme: phases on a 12-month timeline, each holding modules.
//!
//! Stored as JSON in `programmes.design_json`; field names are camelCase so the stored text reads
//! the same as the rest of the platform's JSON.

use serde::{Deserialize, Serialize};

/// The six phases of the blueprint. A design may use them in any number (two action-learning
/// phases, no immersion), but every phase is one of these kinds so reports can compare
/// programmes phase by phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PhaseKind {
    /// Needs assessment, objectives, sponsor KPIs, participant selection.
    Diagnosis,
    /// Foundational coursework, mostly online.
    CoreTheory,
    /// The overseas immersion.
    Immersion,
    /// Teams on a real corporate priority.
    ActionLearning,
    /// Scenario planning, negotiation simulations, role-play.
    LeadershipLabs,
    /// 360° feedback, outcome measurement, development plans.
    Reflection,
}

impl PhaseKind {
    /// Every kind in blueprint order.
    pub const ALL: [PhaseKind; 6] = [
        PhaseKind::Diagnosis,
        PhaseKind::CoreTheory,
        PhaseKind::Immersion,
        PhaseKind::ActionLearning,
        PhaseKind::LeadershipLabs,
        PhaseKind::Reflection,
    ];

    /// Stable spelling (form values, message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseKind::Diagnosis => "diagnosis",
            PhaseKind::CoreTheory => "core-theory",
            PhaseKind::Immersion => "immersion",
            PhaseKind::ActionLearning => "action-learning",
            PhaseKind::LeadershipLabs => "leadership-labs",
            PhaseKind::Reflection => "reflection",
        }
    }
}

/// How a module is delivered. Immersion names its country because cost, visas and the
/// diversity of the experience all depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum Delivery {
    /// Live or self-paced online.
    Online,
    /// In person, at home.
    OnSite,
    /// In person abroad.
    #[serde(rename_all = "camelCase")]
    ImmersionAbroad {
        /// ISO 3166-1 alpha-2, upper case.
        country: String,
    },
    /// A mix of online and in person.
    Blended,
}

/// [`Delivery`] without its country: what hours are totalled by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeliveryMode {
    /// Online.
    Online,
    /// On site.
    OnSite,
    /// Immersion abroad.
    ImmersionAbroad,
    /// Blended.
    Blended,
}

impl DeliveryMode {
    /// Every mode, in form order.
    pub const ALL: [DeliveryMode; 4] = [
        DeliveryMode::Online,
        DeliveryMode::OnSite,
        DeliveryMode::ImmersionAbroad,
        DeliveryMode::Blended,
    ];

    /// Stable spelling (form values, message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::Online => "online",
            DeliveryMode::OnSite => "on-site",
            DeliveryMode::ImmersionAbroad => "immersion-abroad",
            DeliveryMode::Blended => "blended",
        }
    }

    /// The mode spelled `text`.
    pub fn parse(text: &str) -> Option<DeliveryMode> {
        DeliveryMode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == text)
    }
}

impl Delivery {
    /// The mode, without the country.
    pub fn mode(&self) -> DeliveryMode {
        match self {
            Delivery::Online => DeliveryMode::Online,
            Delivery::OnSite => DeliveryMode::OnSite,
            Delivery::ImmersionAbroad { .. } => DeliveryMode::ImmersionAbroad,
            Delivery::Blended => DeliveryMode::Blended,
        }
    }

    /// The country of an immersion.
    pub fn country(&self) -> Option<&str> {
        match self {
            Delivery::ImmersionAbroad { country } => Some(country),
            _ => None,
        }
    }
}

/// The language a module is taught in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ModuleLanguage {
    /// Japanese.
    Ja,
    /// English.
    En,
    /// Both, side by side (bilingual facilitation).
    Bilingual,
    /// One language with interpretation into the other.
    Interpreted,
}

impl ModuleLanguage {
    /// Every language option, in form order.
    pub const ALL: [ModuleLanguage; 4] = [
        ModuleLanguage::Ja,
        ModuleLanguage::En,
        ModuleLanguage::Bilingual,
        ModuleLanguage::Interpreted,
    ];

    /// Stable spelling (form values, message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleLanguage::Ja => "ja",
            ModuleLanguage::En => "en",
            ModuleLanguage::Bilingual => "bilingual",
            ModuleLanguage::Interpreted => "interpreted",
        }
    }

    /// The option spelled `text`.
    pub fn parse(text: &str) -> Option<ModuleLanguage> {
        ModuleLanguage::ALL
            .into_iter()
            .find(|language| language.as_str() == text)
    }
}

/// Who teaches: the mix matters for international credibility and local relevance alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FacultyRole {
    /// Faculty of an overseas institution.
    InternationalAcademic,
    /// Faculty of a Japanese institution.
    LocalScholar,
    /// An executive or consultant who practises what they teach.
    Practitioner,
    /// Runs discussions, reflection and teamwork.
    Facilitator,
    /// One-to-one or team coaching.
    Coach,
}

impl FacultyRole {
    /// Every role, in form order.
    pub const ALL: [FacultyRole; 5] = [
        FacultyRole::InternationalAcademic,
        FacultyRole::LocalScholar,
        FacultyRole::Practitioner,
        FacultyRole::Facilitator,
        FacultyRole::Coach,
    ];

    /// Stable spelling (form values, message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            FacultyRole::InternationalAcademic => "international-academic",
            FacultyRole::LocalScholar => "local-scholar",
            FacultyRole::Practitioner => "practitioner",
            FacultyRole::Facilitator => "facilitator",
            FacultyRole::Coach => "coach",
        }
    }

    /// The role spelled `text`.
    pub fn parse(text: &str) -> Option<FacultyRole> {
        FacultyRole::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
    }
}

/// A unit of teaching that can be completed and can award achievements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Module {
    /// Stable id (UUID text): completions and credentials refer to it, so it never changes
    /// when the module is edited or moved.
    pub id: String,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// How it is delivered.
    pub delivery: Delivery,
    /// The language it is taught in.
    pub language: ModuleLanguage,
    /// Contact hours.
    pub hours: f64,
    /// Who teaches it.
    pub faculty: Vec<FacultyRole>,
    /// Achievements (store ids) awarded on completion.
    pub achievement_ids: Vec<String>,
}

/// A phase on the programme's month timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    /// Which of the six blueprint phases this is.
    pub kind: PhaseKind,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// First month (0 = programme start).
    pub start_month: u32,
    /// Last month (at most 12).
    pub end_month: u32,
    /// Its modules, in teaching order.
    pub modules: Vec<Module>,
}

/// A programme's whole design.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeDesign {
    /// Phases in timeline order.
    pub phases: Vec<Phase>,
}

impl ProgrammeDesign {
    /// The module with this id and the index of its phase.
    pub fn module(&self, module_id: &str) -> Option<(usize, &Module)> {
        self.phases.iter().enumerate().find_map(|(index, phase)| {
            phase
                .modules
                .iter()
                .find(|module| module.id == module_id)
                .map(|module| (index, module))
        })
    }

    /// Every module, in phase then teaching order.
    pub fn modules(&self) -> impl Iterator<Item = &Module> {
        self.phases.iter().flat_map(|phase| phase.modules.iter())
    }

    /// Removes a module; `false` when there was none with this id.
    pub fn remove_module(&mut self, module_id: &str) -> bool {
        for phase in &mut self.phases {
            if let Some(position) = phase.modules.iter().position(|m| m.id == module_id) {
                phase.modules.remove(position);
                return true;
            }
        }
        false
    }

    /// Replaces the module with `module.id` in place, or appends it to phase `phase_index`
    /// when it is new. `false` when the phase does not exist.
    pub fn put_module(&mut self, phase_index: usize, module: Module) -> bool {
        for phase in &mut self.phases {
            if let Some(existing) = phase.modules.iter_mut().find(|m| m.id == module.id) {
                *existing = module;
                return true;
            }
        }
        match self.phases.get_mut(phase_index) {
            Some(phase) => {
                phase.modules.push(module);
                true
            }
            None => false,
        }
    }
}
