//! RDFC-1.0 (W3C RDF Dataset Canonicalization, <https://www.w3.org/TR/rdf-canon/>) with a
//! work limit.
//!
//! Blank nodes are numbered in order of first appearance so that every per-node table is a
//! plain vector; only nodes whose first-degree hashes tie go through the expensive
//! Hash N-Degree Quads step, which is where the work limit applies.

mod digest;
mod ndegree;

use std::collections::BTreeMap;

pub use digest::HashAlgorithm;

use crate::nquads::write_quad_relabelled;
use crate::term::{Quad, Term};

/// Bounds on canonicalization work, so that a hostile "poison" graph fails fast instead of
/// running for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonLimits {
    /// Most calls to Hash N-Degree Quads over the whole run.
    pub max_hash_n_degree_calls: usize,
    /// Most permutations of related blank nodes tried over the whole run. A clique makes the
    /// permutation loop factorial even while few recursive calls are made, so it needs its
    /// own bound.
    pub max_permutations: usize,
    /// Deepest nesting of Hash N-Degree Quads calls. A long ring of look-alike blank nodes
    /// recurses once per node; without this bound it would overflow the stack (an abort,
    /// not an error) before the call limit is reached.
    pub max_recursion_depth: usize,
}

impl Default for CanonLimits {
    /// The heaviest legitimate rdf-canon suite tests (test044–046) need 468 calls and 2,880
    /// permutations; these bounds leave headroom while the poison-graph test (074) is
    /// refused in about 0.1 s in a debug build and a few milliseconds in release.
    fn default() -> Self {
        Self {
            max_hash_n_degree_calls: 4096,
            max_permutations: 4096,
            max_recursion_depth: 128,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CanonError {
    #[error("canonicalization work limit exceeded: more than {limit} {kind} (a poison graph?)")]
    WorkLimitExceeded { limit: usize, kind: WorkLimit },
}

/// Which of the [`CanonLimits`] was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkLimit {
    HashNDegreeCalls,
    Permutations,
    RecursionDepth,
}

impl std::fmt::Display for WorkLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WorkLimit::HashNDegreeCalls => "Hash N-Degree Quads calls",
            WorkLimit::Permutations => "blank node permutations",
            WorkLimit::RecursionDepth => "nested Hash N-Degree Quads calls",
        })
    }
}

/// The result of canonicalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonicalized {
    /// Canonical N-Quads: relabelled, deduplicated, sorted in code point order.
    pub nquads: String,
    /// Input blank node label → canonical label (both without `_:`).
    pub issued_identifiers: BTreeMap<String, String>,
}

/// Canonicalizes a dataset with RDFC-1.0. Duplicate quads count once.
pub fn canonicalize(
    quads: &[Quad],
    hash: HashAlgorithm,
    limits: &CanonLimits,
) -> Result<Canonicalized, CanonError> {
    let graph = BlankNodeGraph::new(quads);
    let canonical = issue_canonical_identifiers(&graph, hash, limits)?;
    let canonical_labels: Vec<String> = canonical.iter().map(|&n| canonical_label(n)).collect();
    let nquads = serialize_relabelled(quads, &graph, &canonical_labels);
    let issued_identifiers = graph
        .labels
        .iter()
        .map(|label| (*label).to_owned())
        .zip(canonical_labels)
        .collect();
    Ok(Canonicalized {
        nquads,
        issued_identifiers,
    })
}

/// Canonicalizes and returns only the canonical N-Quads, with SHA-256 and default limits.
pub fn canonical_nquads(quads: &[Quad]) -> Result<String, CanonError> {
    canonicalize(quads, HashAlgorithm::Sha256, &CanonLimits::default()).map(|c| c.nquads)
}

/// `c14n{number}`, without the formatting machinery (one per blank node per document).
fn canonical_label(number: usize) -> String {
    let mut label = String::with_capacity(8);
    label.push_str("c14n");
    push_decimal(&mut label, number);
    label
}

/// Appends `number` in decimal.
pub(crate) fn push_decimal(out: &mut String, number: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            // `rest % 10` is below 10, so the cast cannot truncate.
            *slot = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || start == 0 {
            break;
        }
    }
    for &digit in digits.get(start..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}

/// The same order as `Quad::cmp`, but IRIs shared between quads (toRdf clones one `Arc`
/// for every use of a subject or predicate) compare equal without reading their text.
fn quad_order(a: &Quad, b: &Quad) -> std::cmp::Ordering {
    fn term_order(a: &Term, b: &Term) -> std::cmp::Ordering {
        match (a, b) {
            (Term::Iri(x), Term::Iri(y)) if std::sync::Arc::ptr_eq(x, y) => {
                std::cmp::Ordering::Equal
            }
            _ => a.cmp(b),
        }
    }
    term_order(&a.subject, &b.subject)
        .then_with(|| term_order(&a.predicate, &b.predicate))
        .then_with(|| term_order(&a.object, &b.object))
        .then_with(|| match (&a.graph, &b.graph) {
            (Some(x), Some(y)) => term_order(x, y),
            (x, y) => x.cmp(y),
        })
}

/// The "blank node to quads" map of the spec, over a deduplicated dataset.
pub(crate) struct BlankNodeGraph<'a> {
    pub(crate) quads: &'a [Quad],
    /// Blank node id → label, in order of first appearance.
    pub(crate) labels: Vec<&'a str>,
    /// Label → id. A B-tree, not a hash map: no hash flooding from hostile labels, and with
    /// the few blank nodes of a credential it is faster than SipHash.
    pub(crate) ids: BTreeMap<&'a str, usize>,
    /// Blank node id → indices of the (distinct) quads that mention it.
    pub(crate) quads_of: Vec<Vec<usize>>,
}

impl<'a> BlankNodeGraph<'a> {
    fn new(quads: &'a [Quad]) -> Self {
        let mut graph = Self {
            quads,
            labels: Vec::new(),
            ids: BTreeMap::new(),
            quads_of: Vec::new(),
        };
        let components =
            |quad: &'a Quad| [Some(&quad.subject), Some(&quad.object), quad.graph.as_ref()];
        let mut with_blanks: Vec<usize> = (0..quads.len())
            .filter(|&i| {
                quads
                    .get(i)
                    .is_some_and(|q| components(q).iter().flatten().any(|t| t.is_blank()))
            })
            .collect();
        // Duplicates must count once (the input is a set). Sorting finds them in
        // O(n log n) whatever the input, then the first-appearance order is restored.
        with_blanks.sort_unstable_by(|&a, &b| quad_order(&quads[a], &quads[b]).then(a.cmp(&b)));
        with_blanks.dedup_by(|later, earlier| quad_order(&quads[*later], &quads[*earlier]).is_eq());
        with_blanks.sort_unstable();
        for index in with_blanks {
            let Some(quad) = quads.get(index) else {
                continue;
            };
            let components = components(quad);
            for term in components.into_iter().flatten() {
                if let Term::Blank(label) = term {
                    let next = graph.labels.len();
                    let id = *graph.ids.entry(label).or_insert(next);
                    if id == next {
                        graph.labels.push(label);
                        graph.quads_of.push(Vec::new());
                    }
                    if let Some(list) = graph.quads_of.get_mut(id)
                        && list.last() != Some(&index)
                    {
                        list.push(index);
                    }
                }
            }
        }
        graph
    }

    pub(crate) fn id(&self, label: &str) -> Option<usize> {
        self.ids.get(label).copied()
    }

    /// Hash First Degree Quads (§4.6): the node itself is `_:a`, every other blank node `_:z`.
    fn first_degree_hash(&self, node: usize, hash: HashAlgorithm, scratch: &mut Scratch) -> String {
        let own = self.labels.get(node).copied().unwrap_or("");
        let Scratch {
            text,
            ranges,
            joined,
        } = scratch;
        text.clear();
        ranges.clear();
        joined.clear();
        for &index in self.quads_of.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(quad) = self.quads.get(index) {
                let start = text.len();
                write_quad_relabelled(text, quad, |out, label| {
                    out.push(if label == own { 'a' } else { 'z' });
                });
                ranges.push(start..text.len());
            }
        }
        let text = text.as_str();
        ranges.sort_unstable_by(|a, b| text.get(a.clone()).cmp(&text.get(b.clone())));
        for range in ranges.iter() {
            joined.push_str(text.get(range.clone()).unwrap_or_default());
        }
        hash.hex_digest(joined.as_bytes())
    }
}

/// Buffers reused across the first-degree hashes of one dataset, so that hashing a node
/// allocates nothing but its result.
struct Scratch {
    /// The node's quads as N-Quads lines, in quad order.
    text: String,
    /// Where each line is in `text`.
    ranges: Vec<std::ops::Range<usize>>,
    /// The lines in sorted order: the hash input.
    joined: String,
}

impl Default for Scratch {
    /// Sized for a credential's blank nodes (a few quads each), so they never grow.
    fn default() -> Self {
        Self {
            text: String::with_capacity(2048),
            ranges: Vec::with_capacity(16),
            joined: String::with_capacity(2048),
        }
    }
}

/// Steps 3–5 of the canonicalization algorithm (§4.4.3): returns the canonical number of
/// each blank node id.
fn issue_canonical_identifiers(
    graph: &BlankNodeGraph<'_>,
    hash: HashAlgorithm,
    limits: &CanonLimits,
) -> Result<Vec<usize>, CanonError> {
    let count = graph.labels.len();
    let mut scratch = Scratch::default();
    let first_degree: Vec<String> = (0..count)
        .map(|node| graph.first_degree_hash(node, hash, &mut scratch))
        .collect();

    // Stable sort: nodes with equal hashes keep their order of appearance, as the spec's
    // "hash to blank nodes" lists do.
    let mut by_hash: Vec<usize> = (0..count).collect();
    by_hash.sort_by(|&a, &b| first_degree[a].cmp(&first_degree[b]));

    let mut canonical = CanonicalIssuer::new(count);
    let mut shared_groups: Vec<&[usize]> = Vec::new();
    for group in by_hash.chunk_by(|&a, &b| first_degree[a] == first_degree[b]) {
        match group {
            [single] => canonical.issue(*single),
            _ => shared_groups.push(group),
        }
    }

    let mut ndegree = ndegree::NDegreeHasher::new(graph, &first_degree, hash, limits);
    for group in shared_groups {
        let mut results = Vec::new();
        for &node in group {
            if canonical.get(node).is_some() {
                continue;
            }
            let mut issuer = ndegree::TempIssuer::default();
            issuer.issue(node);
            results.push(ndegree.hash_n_degree_quads(node, issuer, &canonical)?);
        }
        results.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, issuer) in results {
            for &node in issuer.issued() {
                canonical.issue(node);
            }
        }
    }
    Ok(canonical.into_numbers())
}

/// The canonical issuer (prefix `c14n`), indexed by blank node id.
pub(crate) struct CanonicalIssuer {
    numbers: Vec<Option<usize>>,
    next: usize,
}

impl CanonicalIssuer {
    fn new(count: usize) -> Self {
        Self {
            numbers: vec![None; count],
            next: 0,
        }
    }

    pub(crate) fn get(&self, node: usize) -> Option<usize> {
        self.numbers.get(node).copied().flatten()
    }

    fn issue(&mut self, node: usize) {
        if let Some(slot @ None) = self.numbers.get_mut(node) {
            *slot = Some(self.next);
            self.next += 1;
        }
    }

    /// Every node has been issued by the end of step 5; the fallback keeps this total.
    fn into_numbers(self) -> Vec<usize> {
        let mut next = self.next;
        self.numbers
            .into_iter()
            .map(|n| {
                n.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    }
}

/// Step 6 (§4.4.3): relabels every quad, then sorts and deduplicates the lines.
fn serialize_relabelled(
    quads: &[Quad],
    graph: &BlankNodeGraph<'_>,
    canonical: &[String],
) -> String {
    let mut buffer = String::with_capacity(quads.len() * 128);
    let mut ranges = Vec::with_capacity(quads.len());
    for quad in quads {
        let start = buffer.len();
        write_quad_relabelled(&mut buffer, quad, |out, label| {
            match graph.id(label).and_then(|id| canonical.get(id)) {
                Some(canonical_label) => out.push_str(canonical_label),
                // A blank node outside the canonicalized positions (a generalized-RDF
                // predicate) keeps its label.
                None => out.push_str(label),
            }
        });
        ranges.push(start..buffer.len());
    }
    let text = buffer.as_str();
    ranges.sort_unstable_by(|a, b| text[a.clone()].cmp(&text[b.clone()]));
    ranges.dedup_by(|a, b| text[a.clone()] == text[b.clone()]);
    let mut out = String::with_capacity(text.len());
    for range in ranges {
        out.push_str(&text[range]);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::nquads::parse_nquads;

    fn canon(text: &str) -> Canonicalized {
        canonicalize(
            &parse_nquads(text).unwrap(),
            HashAlgorithm::Sha256,
            &CanonLimits::default(),
        )
        .unwrap()
    }

    #[test]
    fn quad_order_is_the_derived_order() {
        let text = "_:a <urn:p> <urn:o> .\n_:a <urn:p> \"x\" .\n_:a <urn:q> _:b <urn:g> .\n\
                    <urn:s> <urn:p> _:b .\n_:a <urn:p> <urn:o> <urn:g> .\n_:b <urn:p> \"x\"@en .\n";
        let mut quads = parse_nquads(text).unwrap();
        // Shared IRIs, as toRdf produces them.
        let shared = quads[0].predicate.clone();
        quads[1].predicate = shared.clone();
        quads.push(quads[0].clone());
        for a in &quads {
            for b in &quads {
                assert_eq!(quad_order(a, b), a.cmp(b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn decimal_labels() {
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(canonical_label(n), format!("c14n{n}"));
        }
    }

    #[test]
    fn relabelling_is_label_independent() {
        let a = canon("_:x <urn:p> _:y .\n_:y <urn:q> \"v\" .\n_:x <urn:p> _:y .\n");
        let b = canon("_:m <urn:q> \"v\" .\n_:n <urn:p> _:m .\n");
        assert_eq!(a.nquads, b.nquads);
        assert_eq!(a.nquads.lines().count(), 2);
        assert_eq!(a.issued_identifiers.len(), 2);
        assert_eq!(a.issued_identifiers["x"], b.issued_identifiers["n"]);
    }

    #[test]
    fn ground_dataset_is_sorted_and_deduplicated() {
        let c = canon(
            "<urn:b> <urn:p> <urn:o> .\n<urn:a> <urn:p> <urn:o> .\n<urn:b> <urn:p> <urn:o> .\n",
        );
        assert_eq!(
            c.nquads,
            "<urn:a> <urn:p> <urn:o> .\n<urn:b> <urn:p> <urn:o> .\n"
        );
        assert!(c.issued_identifiers.is_empty());
    }

    #[test]
    fn clique_hits_the_work_limit() {
        let mut text = String::new();
        for a in 0..10 {
            for b in 0..10 {
                if a != b {
                    text.push_str(&format!("_:n{a} <urn:p> _:n{b} .\n"));
                }
            }
        }
        let quads = parse_nquads(&text).unwrap();
        let err = canonicalize(&quads, HashAlgorithm::Sha256, &CanonLimits::default()).unwrap_err();
        assert!(matches!(err, CanonError::WorkLimitExceeded { .. }));
    }

    #[test]
    fn long_ring_is_refused_without_overflowing_the_stack() {
        // Every node looks alike, so hashing one recurses around the whole ring.
        let mut text = String::new();
        for n in 0..3000 {
            text.push_str(&format!("_:n{n} <urn:p> _:n{} .\n", (n + 1) % 3000));
        }
        let quads = parse_nquads(&text).unwrap();
        let err = canonicalize(&quads, HashAlgorithm::Sha256, &CanonLimits::default()).unwrap_err();
        assert!(matches!(
            err,
            CanonError::WorkLimitExceeded {
                kind: WorkLimit::RecursionDepth,
                limit: 128
            }
        ));
    }
}
