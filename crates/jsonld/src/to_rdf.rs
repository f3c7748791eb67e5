//! Expanded JSON-LD → RDF quads (JSON-LD 1.1 API §8 "Deserialize JSON-LD to RDF").
//!
//! Instead of building the full node map first, this walks the expanded form once and emits
//! quads as it goes. Both yield the same set of quads up to blank node renaming (node map
//! merging only removes duplicates, which canonicalization removes as well), and the walk
//! avoids cloning every node into a map: this runs on every signature and verification.
//!
//! Blank node labels from the document are renamed through one issuer shared with the fresh
//! labels, so a document label can never collide with a generated one.

mod iri_check;
mod jcs;
mod literal;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use serde_json::{Map, Value};
use tsumiki_rdf::{Quad, Term, rdf};

use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::members::{has, member};
use crate::processor::Options;

pub(crate) use iri_check::is_well_formed_iri;
pub use jcs::canonical_json;

/// The RDF vocabulary terms toRdf emits over and over, allocated once per process.
static RDF_TYPE: LazyLock<Term> = LazyLock::new(|| Term::iri(rdf::TYPE));
static RDF_FIRST: LazyLock<Term> = LazyLock::new(|| Term::iri(rdf::FIRST));
static RDF_REST: LazyLock<Term> = LazyLock::new(|| Term::iri(rdf::REST));
static RDF_NIL: LazyLock<Term> = LazyLock::new(|| Term::iri(rdf::NIL));

/// Converts an expanded document (the output of expansion) to quads. The result may contain
/// duplicate quads (a node described twice); RDF datasets are sets, and canonicalization
/// removes them.
pub fn expanded_to_rdf(expanded: &Value, options: &Options) -> Result<Vec<Quad>, JsonLdError> {
    let mut writer = QuadWriter {
        options,
        quads: Vec::with_capacity(64),
        blank_labels: HashMap::new(),
        next_blank: 0,
    };
    match expanded {
        Value::Array(elements) => {
            for element in elements {
                writer.top_level_element(element, None, 0)?;
            }
        }
        Value::Object(_) => writer.top_level_element(expanded, None, 0)?,
        _ => {}
    }
    Ok(writer.quads)
}

struct QuadWriter<'o> {
    options: &'o Options,
    quads: Vec<Quad>,
    /// Document blank node label (with `_:`) → our label (without).
    blank_labels: HashMap<String, String>,
    next_blank: usize,
}

impl QuadWriter<'_> {
    fn fresh_label(&mut self) -> String {
        let label = format!("b{}", self.next_blank);
        self.next_blank += 1;
        label
    }

    fn fresh_blank(&mut self) -> Term {
        Term::Blank(self.fresh_label())
    }

    fn document_blank(&mut self, label: &str) -> Term {
        if let Some(existing) = self.blank_labels.get(label) {
            return Term::Blank(existing.clone());
        }
        let fresh = self.fresh_label();
        self.blank_labels.insert(label.to_owned(), fresh.clone());
        Term::Blank(fresh)
    }

    /// An IRI or blank node identifier from the document; `None` if it is neither a blank
    /// node nor a well-formed absolute IRI (such statements are dropped, as the spec says).
    fn identifier(&mut self, id: &str) -> Option<Term> {
        if id.starts_with("_:") {
            Some(self.document_blank(id))
        } else if is_well_formed_iri(id) {
            Some(Term::Iri(Arc::from(id)))
        } else {
            None
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), JsonLdError> {
        if depth > self.options.max_depth {
            return Err(JsonLdError::new(
                JsonLdErrorCode::LimitExceeded,
                format!(
                    "expanded document nests deeper than {} levels",
                    self.options.max_depth
                ),
            ));
        }
        Ok(())
    }

    /// A top-level (or `@graph` / `@included` member) element: free-floating values and lists
    /// produce nothing, node objects produce their statements.
    fn top_level_element(
        &mut self,
        element: &Value,
        graph: Option<&Term>,
        depth: usize,
    ) -> Result<(), JsonLdError> {
        match element {
            Value::Object(map) if !has(map, "@value") && !has(map, "@list") => {
                self.node(map, graph, depth)?;
            }
            Value::Object(map) => {
                // A free-floating list yields no statements, but node objects inside it still do.
                if let Some(Value::Array(items)) = member(map, "@list") {
                    for item in items {
                        self.top_level_element(item, graph, depth + 1)?;
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.top_level_element(item, graph, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Emits the statements of a node object and returns its subject (`None` when its `@id`
    /// is not a usable identifier).
    fn node(
        &mut self,
        node: &Map<String, Value>,
        graph: Option<&Term>,
        depth: usize,
    ) -> Result<Option<Term>, JsonLdError> {
        self.check_depth(depth)?;
        let subject = match member(node, "@id") {
            Some(Value::String(id)) => self.identifier(id),
            Some(_) => None,
            None => Some(self.fresh_blank()),
        };

        for (key, value) in node {
            match key.as_str() {
                "@id" | "@index" | "@context" => {}
                "@type" => {
                    for type_iri in as_slice(value) {
                        if let (Some(subject), Value::String(type_iri)) = (&subject, type_iri)
                            && let Some(object) = self.identifier(type_iri)
                        {
                            let quad = Quad::new(
                                subject.clone(),
                                RDF_TYPE.clone(),
                                object,
                                graph.cloned(),
                            );
                            self.quads.push(quad);
                        }
                    }
                }
                "@graph" => {
                    // The node names a graph; with an unusable name its statements are dropped.
                    if let Some(name) = subject.clone() {
                        for element in as_slice(value) {
                            self.top_level_element(element, Some(&name), depth + 1)?;
                        }
                    }
                }
                "@included" => {
                    for element in as_slice(value) {
                        self.top_level_element(element, graph, depth + 1)?;
                    }
                }
                "@reverse" => {
                    if let Value::Object(reverse) = value {
                        self.reverse_properties(subject.as_ref(), reverse, graph, depth)?;
                    }
                }
                _ if key.starts_with('@') => {}
                property => {
                    let predicate = self.predicate(property);
                    for item in as_slice(value) {
                        let object = self.object(item, graph, depth + 1)?;
                        if let (Some(subject), Some(predicate), Some(object)) =
                            (&subject, &predicate, object)
                        {
                            let quad = Quad::new(
                                subject.clone(),
                                predicate.clone(),
                                object,
                                graph.cloned(),
                            );
                            self.quads.push(quad);
                        }
                    }
                }
            }
        }
        Ok(subject)
    }

    /// `@reverse`: each value is a node that has `property` pointing at `subject`.
    fn reverse_properties(
        &mut self,
        subject: Option<&Term>,
        reverse: &Map<String, Value>,
        graph: Option<&Term>,
        depth: usize,
    ) -> Result<(), JsonLdError> {
        for (property, values) in reverse {
            let predicate = self.predicate(property);
            for item in as_slice(values) {
                let Value::Object(map) = item else { continue };
                let reverse_subject = self.node(map, graph, depth + 1)?;
                if let (Some(reverse_subject), Some(predicate), Some(subject)) =
                    (reverse_subject, &predicate, subject)
                {
                    let quad = Quad::new(
                        reverse_subject,
                        predicate.clone(),
                        subject.clone(),
                        graph.cloned(),
                    );
                    self.quads.push(quad);
                }
            }
        }
        Ok(())
    }

    /// A property IRI, or a blank node only when generalized RDF is wanted.
    fn predicate(&mut self, property: &str) -> Option<Term> {
        if property.starts_with("_:") {
            if self.options.produce_generalized_rdf {
                Some(self.document_blank(property))
            } else {
                None
            }
        } else if is_well_formed_iri(property) {
            Some(Term::iri(property))
        } else {
            None
        }
    }

    /// Object to RDF Conversion (§8.6), plus the statements of embedded nodes and lists.
    fn object(
        &mut self,
        item: &Value,
        graph: Option<&Term>,
        depth: usize,
    ) -> Result<Option<Term>, JsonLdError> {
        let Value::Object(map) = item else {
            return Ok(None);
        };
        if has(map, "@value") {
            return Ok(self.value_object(map, graph));
        }
        if let Some(list) = member(map, "@list") {
            return self.list(as_slice(list), graph, depth).map(Some);
        }
        self.node(map, graph, depth)
    }

    /// List Conversion (§8.7): a chain of rdf:first / rdf:rest blank nodes.
    fn list(
        &mut self,
        items: &[Value],
        graph: Option<&Term>,
        depth: usize,
    ) -> Result<Term, JsonLdError> {
        self.check_depth(depth)?;
        let Some((first, rest)) = items.split_first() else {
            return Ok(RDF_NIL.clone());
        };
        let head = self.fresh_blank();
        let mut cell = head.clone();
        let mut item = first;
        let mut remaining = rest;
        loop {
            if let Some(object) = self.object(item, graph, depth + 1)? {
                self.quads.push(Quad::new(
                    cell.clone(),
                    RDF_FIRST.clone(),
                    object,
                    graph.cloned(),
                ));
            }
            let next = match remaining.split_first() {
                Some((next_item, next_rest)) => {
                    item = next_item;
                    remaining = next_rest;
                    self.fresh_blank()
                }
                None => {
                    self.quads.push(Quad::new(
                        cell,
                        RDF_REST.clone(),
                        RDF_NIL.clone(),
                        graph.cloned(),
                    ));
                    return Ok(head);
                }
            };
            self.quads.push(Quad::new(
                cell,
                RDF_REST.clone(),
                next.clone(),
                graph.cloned(),
            ));
            cell = next;
        }
    }

    /// A value object as a literal, or as a compound-literal node with its statements.
    fn value_object(&mut self, value: &Map<String, Value>, graph: Option<&Term>) -> Option<Term> {
        match literal::value_to_rdf(value, self.options.rdf_direction)? {
            literal::ValueTerm::Literal(literal) => Some(Term::Literal(literal)),
            literal::ValueTerm::Compound {
                value,
                language,
                direction,
            } => {
                let node = self.fresh_blank();
                let mut push = |predicate: &str, object: tsumiki_rdf::Literal| {
                    self.quads.push(Quad::new(
                        node.clone(),
                        Term::iri(predicate),
                        Term::Literal(object),
                        graph.cloned(),
                    ));
                };
                push(rdf::VALUE, value);
                if let Some(language) = language {
                    push(rdf::LANGUAGE, language);
                }
                push(rdf::DIRECTION, direction);
                Some(node)
            }
        }
    }
}

fn as_slice(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        single => std::slice::from_ref(single),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
