//! toRdf on hand-written expanded documents, compared up to blank node renaming.

use serde_json::{Value, json};
use tsumiki_rdf::{canonical_nquads, parse_generalized_nquads};

use super::expanded_to_rdf;
use crate::processor::{Options, RdfDirection};

fn assert_converts(expanded: Value, options: &Options, expected: &str) {
    let quads = expanded_to_rdf(&expanded, options).unwrap();
    let got = canonical_nquads(&quads).unwrap();
    let want = canonical_nquads(&parse_generalized_nquads(expected).unwrap()).unwrap();
    assert_eq!(got, want, "for {expanded}");
}

#[test]
fn node_with_types_properties_and_embedded_node() {
    assert_converts(
        json!([{
            "@id": "http://e/s",
            "@type": ["http://e/T", "_:t"],
            "http://e/name": [{"@value": "n"}],
            "http://e/knows": [{"http://e/age": [{"@value": 3}]}, {"@id": "http://e/o"}],
        }]),
        &Options::standard(),
        r#"<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/T> .
           <http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:t .
           <http://e/s> <http://e/name> "n" .
           <http://e/s> <http://e/knows> _:k .
           _:k <http://e/age> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
           <http://e/s> <http://e/knows> <http://e/o> ."#,
    );
}

#[test]
fn document_blank_labels_are_consistent_and_never_clash_with_fresh_ones() {
    let quads = expanded_to_rdf(
        &json!([
            {"@id": "_:b0", "http://e/p": [{"@id": "_:b1"}]},
            {"http://e/p": [{"@id": "_:b0"}]},
        ]),
        &Options::standard(),
    )
    .unwrap();
    assert_eq!(quads.len(), 2);
    assert_eq!(quads[0].subject, quads[1].object);
    assert_ne!(quads[1].subject, quads[0].subject);
    assert_ne!(quads[1].subject, quads[0].object);
}

#[test]
fn lists_become_first_rest_chains() {
    assert_converts(
        json!([{"@id": "http://e/s", "http://e/l": [{"@list": [{"@value": "a"}, {"@id": "http://e/x"}]}],
                "http://e/empty": [{"@list": []}]}]),
        &Options::standard(),
        r#"<http://e/s> <http://e/l> _:l1 .
           _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "a" .
           _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l2 .
           _:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://e/x> .
           _:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
           <http://e/s> <http://e/empty> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> ."#,
    );
}

#[test]
fn named_graphs_reverse_and_included() {
    assert_converts(
        json!([{
            "@id": "http://e/g",
            "http://e/p": [{"@value": "in default"}],
            "@graph": [{"@id": "http://e/a", "http://e/q": [{"@id": "http://e/b"}],
                        "@reverse": {"http://e/r": [{"@id": "http://e/c"}]}}],
            "@included": [{"@id": "http://e/i", "http://e/p": [{"@value": true}]}],
        }, {"@graph": [{"@id": "http://e/x", "http://e/p": [{"@value": 1}]}]}]),
        &Options::standard(),
        r#"<http://e/g> <http://e/p> "in default" .
           <http://e/a> <http://e/q> <http://e/b> <http://e/g> .
           <http://e/c> <http://e/r> <http://e/a> <http://e/g> .
           <http://e/i> <http://e/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
           <http://e/x> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g ."#,
    );
}

#[test]
fn relative_iris_and_blank_predicates_are_dropped_but_nested_nodes_stay() {
    let expanded = json!([{
        "@id": "relative",
        "http://e/p": [{"@id": "http://e/n", "http://e/q": [{"@value": "kept"}]}],
    }, {
        "@id": "http://e/s",
        "_:bp": [{"@value": "generalized"}],
        "http://e/dt": [{"@value": "x", "@type": "relative-type"}],
        "http://e/ref": [{"@id": "relative"}],
    }]);
    assert_converts(
        expanded.clone(),
        &Options::standard(),
        r#"<http://e/n> <http://e/q> "kept" ."#,
    );
    let generalized = Options {
        produce_generalized_rdf: true,
        ..Options::standard()
    };
    let quads = expanded_to_rdf(&expanded, &generalized).unwrap();
    assert_eq!(quads.len(), 2);
    assert!(quads.iter().any(|quad| quad.predicate.is_blank()
        && quad.object == tsumiki_rdf::Term::Literal(tsumiki_rdf::Literal::string("generalized"))));
}

#[test]
fn free_floating_values_produce_nothing() {
    let quads = expanded_to_rdf(
        &json!([{"@value": "x"}, {"@list": [{"@value": 1}]}]),
        &Options::standard(),
    )
    .unwrap();
    assert!(quads.is_empty());
}

#[test]
fn compound_literal_direction() {
    let options = Options {
        rdf_direction: Some(RdfDirection::CompoundLiteral),
        ..Options::standard()
    };
    assert_converts(
        json!([{"@id": "http://e/s", "http://e/p": [{"@value": "x", "@language": "AR", "@direction": "rtl"}]}]),
        &options,
        r#"<http://e/s> <http://e/p> _:c .
           _:c <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "x" .
           _:c <http://www.w3.org/1999/02/22-rdf-syntax-ns#language> "ar" .
           _:c <http://www.w3.org/1999/02/22-rdf-syntax-ns#direction> "rtl" ."#,
    );
}

#[test]
fn hostile_nesting_is_refused() {
    let mut value = json!({"@value": "leaf"});
    for _ in 0..200 {
        value = json!({"http://e/p": [value]});
    }
    let err = expanded_to_rdf(&json!([value]), &Options::standard()).unwrap_err();
    assert_eq!(err.code, crate::JsonLdErrorCode::LimitExceeded);
}
