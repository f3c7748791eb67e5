//! What a new proof says about itself.

/// The proof form to create. Only [`ProofSuite::EddsaRdfc2022`] should be issued today; the
/// legacy forms exist so that their verification can be tested against credentials we sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProofSuite {
    /// `DataIntegrityProof` + `cryptosuite: "eddsa-rdfc-2022"`.
    #[default]
    EddsaRdfc2022,
    /// `DataIntegrityProof` + `cryptosuite: "eddsa-2022"` (pre-final name, same algorithm).
    Eddsa2022,
    /// `Ed25519Signature2020` (jsonld-signatures), no cryptosuite member.
    Ed25519Signature2020,
}

impl ProofSuite {
    pub(crate) fn proof_type(self) -> &'static str {
        match self {
            Self::EddsaRdfc2022 | Self::Eddsa2022 => "DataIntegrityProof",
            Self::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }

    pub(crate) fn cryptosuite(self) -> Option<&'static str> {
        match self {
            Self::EddsaRdfc2022 => Some("eddsa-rdfc-2022"),
            Self::Eddsa2022 => Some("eddsa-2022"),
            Self::Ed25519Signature2020 => None,
        }
    }
}

/// Proof options (VC Data Integrity §4.2). Time comes from the caller: the library reads no
/// clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
    pub suite: ProofSuite,
    /// XML Schema dateTimeStamp, e.g. `2024-01-01T00:00:00Z`.
    pub created: String,
    pub verification_method: String,
    /// `assertionMethod` for credentials.
    pub proof_purpose: String,
    /// Proof `id`, needed when a later proof names this one in `previousProof`.
    pub id: Option<String>,
    /// Ids of the proofs in the existing set this proof chains to.
    pub previous_proof: Vec<String>,
    pub expires: Option<String>,
}

impl ProofOptions {
    /// `eddsa-rdfc-2022`, `assertionMethod`, no id or chain.
    pub fn new(created: impl Into<String>, verification_method: impl Into<String>) -> Self {
        Self {
            suite: ProofSuite::default(),
            created: created.into(),
            verification_method: verification_method.into(),
            proof_purpose: "assertionMethod".to_owned(),
            id: None,
            previous_proof: Vec::new(),
            expires: None,
        }
    }
}
