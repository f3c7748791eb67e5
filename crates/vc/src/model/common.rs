//! Shapes shared by every class: one-or-many values, `type`, `@context`, and the
//! "URI or object" references (issuer, image).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Unknown properties of an object, kept verbatim.
pub type Extra = Map<String, Value>;

/// A JSON-LD value that may be written as a single item or as an array. Which form the
/// input used is kept, because changing it changes nothing semantically but everything
/// byte-wise (and some verifiers compare bytes).
///
/// `Many` is tried first: for `OneOrMany<Value>` an array would otherwise be taken as one
/// value, while JSON-LD reads it as a set of values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        match self {
            OneOrMany::One(item) => std::slice::from_ref(item).iter(),
            OneOrMany::Many(items) => items.iter(),
        }
    }

    pub fn first(&self) -> Option<&T> {
        self.iter().next()
    }

    pub fn len(&self) -> usize {
        self.iter().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Consumes the value into a vector, whichever form it had.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(item) => vec![item],
            OneOrMany::Many(items) => items,
        }
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(value: T) -> Self {
        OneOrMany::One(value)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(values: Vec<T>) -> Self {
        OneOrMany::Many(values)
    }
}

/// The `type` property: one name or several.
pub type Types = OneOrMany<String>;

impl OneOrMany<String> {
    /// Whether `name` is among the values.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|value| value == name)
    }
}

/// One `@context` entry: a URL, or an embedded context object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextEntry {
    Url(String),
    Inline(Map<String, Value>),
}

/// The `@context` property.
pub type Contexts = OneOrMany<ContextEntry>;

/// A reference to a Profile: its URI, or the Profile itself (issuer, creator, source).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ProfileRef {
    Id(String),
    Profile(Box<crate::model::Profile>),
}

impl ProfileRef {
    /// The profile's id, whichever form was used.
    pub fn id(&self) -> &str {
        match self {
            ProfileRef::Id(id) => id,
            ProfileRef::Profile(profile) => &profile.id,
        }
    }
}

/// An image: a URI (possibly a `data:` URI) or an Image object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImageRef {
    Id(String),
    Image(Image),
}

/// The OB 3.0 Image class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
