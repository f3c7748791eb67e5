//! Value objects → RDF literals: the part of toRdf where signatures break if a single byte
//! differs from other implementations (number forms, booleans, `@json`, directions).

use serde_json::{Map, Number, Value};
use tsumiki_rdf::{Literal, rdf, xsd};

use super::is_well_formed_iri;
use super::jcs::canonical_json;
use crate::members::member;
use crate::processor::RdfDirection;

const I18N_BASE: &str = "https://www.w3.org/ns/i18n#";

/// What a value object becomes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ValueTerm {
    Literal(Literal),
    /// `rdfDirection: compound-literal`: a blank node with rdf:value, rdf:language and
    /// rdf:direction statements.
    Compound {
        value: Literal,
        language: Option<Literal>,
        direction: Literal,
    },
}

/// Converts a value object; `None` when the spec drops it (ill-formed datatype IRI or
/// language tag).
pub(crate) fn value_to_rdf(
    object: &Map<String, Value>,
    rdf_direction: Option<RdfDirection>,
) -> Option<ValueTerm> {
    let value = member(object, "@value")?;
    let datatype = match member(object, "@type") {
        Some(Value::String(datatype)) => Some(datatype.as_str()),
        Some(_) => return None,
        None => None,
    };
    if let Some(datatype) = datatype
        && datatype != "@json"
        && !is_well_formed_iri(datatype)
    {
        return None;
    }
    let language = match member(object, "@language") {
        Some(Value::String(language)) if is_well_formed_language(language) => {
            Some(language.as_str())
        }
        Some(_) => return None,
        None => None,
    };

    if datatype == Some("@json") {
        return Some(ValueTerm::Literal(Literal::typed(
            canonical_json(value),
            rdf::JSON,
        )));
    }
    let (lexical, default_datatype) = match value {
        Value::Bool(flag) => (
            (if *flag { "true" } else { "false" }).to_owned(),
            xsd::BOOLEAN,
        ),
        Value::Number(number) => match canonical_number(number, datatype == Some(xsd::DOUBLE)) {
            CanonicalNumber::Integer(text) => (text, xsd::INTEGER),
            CanonicalNumber::Double(text) => (text, xsd::DOUBLE),
        },
        Value::String(text) => {
            let direction = match member(object, "@direction") {
                Some(Value::String(direction)) => Some(direction.as_str()),
                _ => None,
            };
            if let (Some(direction), Some(mode), None) = (direction, rdf_direction, datatype) {
                return Some(directional(text, language, direction, mode));
            }
            if let (Some(language), None) = (language, datatype) {
                return Some(ValueTerm::Literal(Literal::lang(text.as_str(), language)));
            }
            (text.clone(), xsd::STRING)
        }
        _ => return None,
    };
    Some(ValueTerm::Literal(Literal::typed(
        lexical,
        datatype.unwrap_or(default_datatype),
    )))
}

fn directional(
    text: &str,
    language: Option<&str>,
    direction: &str,
    mode: RdfDirection,
) -> ValueTerm {
    let language = language.map(str::to_ascii_lowercase);
    match mode {
        RdfDirection::I18nDatatype => {
            let datatype = format!(
                "{I18N_BASE}{}_{direction}",
                language.as_deref().unwrap_or("")
            );
            ValueTerm::Literal(Literal::typed(text, datatype))
        }
        RdfDirection::CompoundLiteral => ValueTerm::Compound {
            value: Literal::string(text),
            language: language.map(Literal::string),
            direction: Literal::string(direction),
        },
    }
}

/// BCP 47 well-formedness as JSON-LD processors check it: `alpha{1,8}(-alnum{1,8})*`.
fn is_well_formed_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    first_ok
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CanonicalNumber {
    Integer(String),
    Double(String),
}

/// The canonical xsd:integer or xsd:double form of a JSON number. A number is a double when
/// it has a non-zero fraction, is at least 1e21 in magnitude, or the datatype is xsd:double.
///
/// Doubles are printed as the JSON-LD API specifies and jsonld.js does:
/// `toExponential(15)` (C's `%1.15E`: 16 significant digits, correctly rounded) with trailing
/// zeros of the mantissa removed, e.g. `2.5E0`, `1.0E1`, `8.350000000000001E25`. Shortest
/// round-trip digits would be prettier but would sign different bytes from the reference
/// stack for numbers like `8.35e25` or `0.30000000000000004`.
pub(crate) fn canonical_number(number: &Number, always_double: bool) -> CanonicalNumber {
    if !always_double {
        if let Some(integer) = number.as_i64() {
            return CanonicalNumber::Integer(integer.to_string());
        }
        if let Some(integer) = number.as_u64() {
            return CanonicalNumber::Integer(integer.to_string());
        }
    }
    // JSON has no NaN or infinity, so every number has an f64 value.
    let value = number.as_f64().unwrap_or(0.0);
    if !always_double && value.fract() == 0.0 && value.abs() < 1e21 {
        // Exact: an integral f64 below 1e21 fits an i128.
        #[allow(clippy::cast_possible_truncation)]
        return CanonicalNumber::Integer((value as i128).to_string());
    }
    CanonicalNumber::Double(canonical_double(value))
}

/// `%1.15E` with the mantissa's trailing zeros trimmed to one digit after the point.
fn canonical_double(value: f64) -> String {
    let formatted = format!("{value:.15e}");
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let mantissa = mantissa.trim_end_matches('0');
    let mantissa = if mantissa.ends_with('.') {
        format!("{mantissa}0")
    } else {
        mantissa.to_owned()
    };
    // `-0.0` prints as `-0.0E0` in Rust; JavaScript's toExponential drops the sign of zero.
    let mantissa = if mantissa == "-0.0" {
        "0.0".to_owned()
    } else {
        mantissa
    };
    format!("{mantissa}E{exponent}")
}

#[cfg(test)]
// The long literals are the point: they are the digits a user wrote.
#[allow(clippy::unwrap_used, clippy::panic, clippy::excessive_precision)]
mod tests {
    use super::*;
    use serde_json::json;

    fn number(value: Value, always_double: bool) -> CanonicalNumber {
        match value {
            Value::Number(n) => canonical_number(&n, always_double),
            other => panic!("not a number: {other}"),
        }
    }

    #[test]
    fn numbers_take_canonical_xsd_forms() {
        use CanonicalNumber::{Double, Integer};
        for (value, always_double, expected) in [
            (json!(12), false, Integer("12".into())),
            (json!(-12), false, Integer("-12".into())),
            (json!(0), false, Integer("0".into())),
            (json!(5.0), false, Integer("5".into())),
            (json!(1e20), false, Integer("100000000000000000000".into())),
            (json!(1e21), false, Double("1.0E21".into())),
            (json!(2.5), false, Double("2.5E0".into())),
            (json!(-2.5), false, Double("-2.5E0".into())),
            (json!(10), true, Double("1.0E1".into())),
            (json!(0), true, Double("0.0E0".into())),
            (json!(0.1), false, Double("1.0E-1".into())),
            (json!(123.456), false, Double("1.23456E2".into())),
            // These three are what jsonld.js prints (toExponential(15)), not the shortest digits.
            (json!(0.30000000000000004), false, Double("3.0E-1".into())),
            (json!(8.35e25), false, Double("8.350000000000001E25".into())),
            (
                json!(333333333.33333329),
                false,
                Double("3.333333333333333E8".into()),
            ),
            (json!(-0.0), true, Double("0.0E0".into())),
            (json!(1.5e-7), false, Double("1.5E-7".into())),
            (
                json!(u64::MAX),
                false,
                Integer("18446744073709551615".into()),
            ),
        ] {
            assert_eq!(number(value.clone(), always_double), expected, "{value}");
        }
    }

    fn convert(value: Value, direction: Option<RdfDirection>) -> Option<ValueTerm> {
        match value {
            Value::Object(map) => value_to_rdf(&map, direction),
            _ => None,
        }
    }

    fn lit(value: Value) -> Literal {
        match convert(value, None) {
            Some(ValueTerm::Literal(literal)) => literal,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn typed_values() {
        assert_eq!(
            lit(json!({"@value": true})),
            Literal::typed("true", xsd::BOOLEAN)
        );
        assert_eq!(
            lit(json!({"@value": false, "@type": "http://e/t"})),
            Literal::typed("false", "http://e/t")
        );
        assert_eq!(
            lit(json!({"@value": 2.5, "@type": xsd::INTEGER})),
            Literal::typed("2.5E0", xsd::INTEGER)
        );
        assert_eq!(
            lit(json!({"@value": "x", "@language": "en-US"})),
            Literal::lang("x", "en-US")
        );
        assert_eq!(lit(json!({"@value": "x"})), Literal::string("x"));
        assert_eq!(
            lit(json!({"@value": {"b": [1, 2.5, "é"], "a": null}, "@type": "@json"})),
            Literal::typed(r#"{"a":null,"b":[1,2.5,"é"]}"#, rdf::JSON)
        );
    }

    #[test]
    fn ill_formed_values_are_dropped() {
        assert_eq!(
            convert(json!({"@value": "x", "@type": "relative"}), None),
            None
        );
        assert_eq!(
            convert(json!({"@value": "x", "@language": "not a tag"}), None),
            None
        );
        assert_eq!(
            convert(json!({"@value": "x", "@language": "toolongtag"}), None),
            None
        );
    }

    #[test]
    fn directions() {
        let value = json!({"@value": "x", "@language": "en-US", "@direction": "rtl"});
        assert_eq!(lit(value.clone()), Literal::lang("x", "en-US"));
        assert_eq!(
            convert(value.clone(), Some(RdfDirection::I18nDatatype)),
            Some(ValueTerm::Literal(Literal::typed(
                "x",
                "https://www.w3.org/ns/i18n#en-us_rtl"
            )))
        );
        assert_eq!(
            convert(value, Some(RdfDirection::CompoundLiteral)),
            Some(ValueTerm::Compound {
                value: Literal::string("x"),
                language: Some(Literal::string("en-us")),
                direction: Literal::string("rtl"),
            })
        );
    }
}
