//! Hash N-Degree Quads (RDFC-1.0 §4.8) and Hash Related Blank Node (§4.7): the part of
//! the algorithm that distinguishes blank nodes with equal first-degree hashes by exploring
//! their neighbourhoods. It is exponential in the worst case, so every call and every
//! permutation counts against [`CanonLimits`].

use std::fmt::Write as _;

use super::{BlankNodeGraph, CanonError, CanonLimits, CanonicalIssuer, HashAlgorithm, WorkLimit};
use crate::term::{Quad, Term};

/// A temporary identifier issuer (prefix `b`): the issued number is the position in
/// `issued`. Issuers in this step hold a handful of nodes, so a vector beats a map, and
/// cloning one per permutation stays cheap.
#[derive(Debug, Clone, Default)]
pub(crate) struct TempIssuer {
    issued: Vec<usize>,
}

impl TempIssuer {
    fn get(&self, node: usize) -> Option<usize> {
        self.issued.iter().position(|&issued| issued == node)
    }

    /// Issue Identifier (§4.5): returns the existing number or issues the next one.
    pub(crate) fn issue(&mut self, node: usize) -> usize {
        self.get(node).unwrap_or_else(|| {
            self.issued.push(node);
            self.issued.len() - 1
        })
    }

    /// Nodes in the order their identifiers were issued.
    pub(crate) fn issued(&self) -> &[usize] {
        &self.issued
    }
}

pub(crate) struct NDegreeHasher<'g, 'a> {
    graph: &'g BlankNodeGraph<'a>,
    first_degree: &'g [String],
    hash: HashAlgorithm,
    limits: CanonLimits,
    calls: usize,
    permutations: usize,
    depth: usize,
}

impl<'g, 'a> NDegreeHasher<'g, 'a> {
    pub(crate) fn new(
        graph: &'g BlankNodeGraph<'a>,
        first_degree: &'g [String],
        hash: HashAlgorithm,
        limits: &CanonLimits,
    ) -> Self {
        Self {
            graph,
            first_degree,
            hash,
            limits: *limits,
            calls: 0,
            permutations: 0,
            depth: 0,
        }
    }

    /// Hash N-Degree Quads: returns the hash for `node` and the issuer it ends with.
    pub(crate) fn hash_n_degree_quads(
        &mut self,
        node: usize,
        issuer: TempIssuer,
        canonical: &CanonicalIssuer,
    ) -> Result<(String, TempIssuer), CanonError> {
        self.calls += 1;
        if self.calls > self.limits.max_hash_n_degree_calls {
            return Err(CanonError::WorkLimitExceeded {
                limit: self.limits.max_hash_n_degree_calls,
                kind: WorkLimit::HashNDegreeCalls,
            });
        }
        if self.depth >= self.limits.max_recursion_depth {
            return Err(CanonError::WorkLimitExceeded {
                limit: self.limits.max_recursion_depth,
                kind: WorkLimit::RecursionDepth,
            });
        }
        self.depth += 1;
        let result = self.hash_n_degree_quads_unbounded(node, issuer, canonical);
        self.depth -= 1;
        result
    }

    fn hash_n_degree_quads_unbounded(
        &mut self,
        node: usize,
        mut issuer: TempIssuer,
        canonical: &CanonicalIssuer,
    ) -> Result<(String, TempIssuer), CanonError> {
        // Steps 1–3: related blank nodes grouped by their related hash. The stable sort keeps
        // each group in order of discovery.
        let mut related = self.related_hashes(node, &issuer, canonical);
        related.sort_by(|a, b| a.0.cmp(&b.0));

        let mut data_to_hash = String::new();
        for group in related.chunk_by(|a, b| a.0 == b.0) {
            let Some((group_hash, _)) = group.first() else {
                continue;
            };
            data_to_hash.push_str(group_hash);
            let mut nodes: Vec<usize> = group.iter().map(|(_, related)| *related).collect();
            nodes.sort_unstable();

            let mut chosen: Option<(String, TempIssuer)> = None;
            loop {
                self.permutations += 1;
                if self.permutations > self.limits.max_permutations {
                    return Err(CanonError::WorkLimitExceeded {
                        limit: self.limits.max_permutations,
                        kind: WorkLimit::Permutations,
                    });
                }
                if let Some(candidate) =
                    self.try_permutation(&nodes, &issuer, canonical, &chosen)?
                {
                    chosen = Some(candidate);
                }
                if !next_permutation(&mut nodes) {
                    break;
                }
            }
            if let Some((path, chosen_issuer)) = chosen {
                data_to_hash.push_str(&path);
                issuer = chosen_issuer;
            }
        }
        Ok((self.hash.hex_digest(data_to_hash.as_bytes()), issuer))
    }

    /// Step 5.4 for one permutation: returns its path and issuer if it beats `chosen`.
    fn try_permutation(
        &mut self,
        permutation: &[usize],
        issuer: &TempIssuer,
        canonical: &CanonicalIssuer,
        chosen: &Option<(String, TempIssuer)>,
    ) -> Result<Option<(String, TempIssuer)>, CanonError> {
        let chosen_path = chosen.as_ref().map(|(path, _)| path.as_str());
        let worse = |path: &str| {
            chosen_path.is_some_and(|chosen| path.len() >= chosen.len() && path > chosen)
        };
        let mut issuer_copy = issuer.clone();
        let mut path = String::new();
        let mut recursion_list = Vec::new();
        for &related in permutation {
            if let Some(number) = canonical.get(related) {
                let _ = write!(path, "_:c14n{number}");
            } else {
                if issuer_copy.get(related).is_none() {
                    recursion_list.push(related);
                }
                let number = issuer_copy.issue(related);
                let _ = write!(path, "_:b{number}");
            }
            if worse(&path) {
                return Ok(None);
            }
        }
        for related in recursion_list {
            let (result_hash, result_issuer) =
                self.hash_n_degree_quads(related, issuer_copy.clone(), canonical)?;
            let number = issuer_copy.issue(related);
            let _ = write!(path, "_:b{number}<{result_hash}>");
            issuer_copy = result_issuer;
            if worse(&path) {
                return Ok(None);
            }
        }
        let better = chosen_path.is_none_or(|chosen| path.as_str() < chosen);
        Ok(better.then_some((path, issuer_copy)))
    }

    /// Every (related hash, related node) pair for the blank nodes sharing a quad with `node`.
    fn related_hashes(
        &self,
        node: usize,
        issuer: &TempIssuer,
        canonical: &CanonicalIssuer,
    ) -> Vec<(String, usize)> {
        let graph = self.graph;
        let own = graph.labels.get(node).copied().unwrap_or("");
        let mut related = Vec::new();
        for &index in graph.quads_of.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(quad) = graph.quads.get(index) else {
                continue;
            };
            for (position, term) in [
                ('s', Some(&quad.subject)),
                ('o', Some(&quad.object)),
                ('g', quad.graph.as_ref()),
            ] {
                if let Some(Term::Blank(label)) = term
                    && label != own
                    && let Some(other) = graph.id(label)
                {
                    let hash =
                        self.hash_related_blank_node(other, quad, issuer, canonical, position);
                    related.push((hash, other));
                }
            }
        }
        related
    }

    /// Hash Related Blank Node (§4.7).
    fn hash_related_blank_node(
        &self,
        related: usize,
        quad: &Quad,
        issuer: &TempIssuer,
        canonical: &CanonicalIssuer,
        position: char,
    ) -> String {
        let mut input = String::with_capacity(128);
        input.push(position);
        if position != 'g' {
            input.push('<');
            match &quad.predicate {
                Term::Iri(predicate) => input.push_str(predicate),
                Term::Blank(predicate) => input.push_str(predicate),
                Term::Literal(_) => {}
            }
            input.push('>');
        }
        if let Some(number) = canonical.get(related) {
            let _ = write!(input, "_:c14n{number}");
        } else if let Some(number) = issuer.get(related) {
            let _ = write!(input, "_:b{number}");
        } else if let Some(first_degree) = self.first_degree.get(related) {
            input.push_str(first_degree);
        }
        self.hash.hex_digest(input.as_bytes())
    }
}

/// Advances to the next lexicographic permutation; false after the last one.
fn next_permutation(items: &mut [usize]) -> bool {
    let Some(pivot) = items.windows(2).rposition(|pair| pair[0] < pair[1]) else {
        return false;
    };
    let Some(successor) = items.iter().rposition(|&item| item > items[pivot]) else {
        return false;
    };
    items.swap(pivot, successor);
    items[pivot + 1..].reverse();
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn permutations_enumerate_all_orders_once() {
        let mut items = vec![0, 1, 2, 3];
        let mut seen = vec![items.clone()];
        while next_permutation(&mut items) {
            seen.push(items.clone());
        }
        assert_eq!(seen.len(), 24);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 24);
    }

    #[test]
    fn issuer_reuses_numbers() {
        let mut issuer = TempIssuer::default();
        assert_eq!(issuer.issue(7), 0);
        assert_eq!(issuer.issue(3), 1);
        assert_eq!(issuer.issue(7), 0);
        assert_eq!(issuer.issued(), &[7, 3]);
    }
}
