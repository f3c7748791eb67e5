//! The JSON Canonicalization Scheme (RFC 8785), which JSON-LD uses for `@json` literals:
//! object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string
//! forms.

use std::fmt::Write as _;

use serde_json::{Number, Value};

/// Serializes a JSON value in JCS form.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// JSON.stringify string escaping: the short escapes, `\u00xx` (lowercase) for the other
/// controls, everything else literal.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{0}'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

/// ECMAScript Number::toString on the IEEE double, as RFC 8785 requires.
fn write_number(out: &mut String, number: &Number) {
    let value = number.as_f64().unwrap_or(0.0);
    if value == 0.0 {
        out.push('0');
        return;
    }
    if value.is_sign_negative() {
        out.push('-');
    }
    // Shortest round-trip digits d1.d2…dk × 10^e; ECMAScript's n is e + 1.
    let formatted = format!("{:e}", value.abs());
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = i64::try_from(digits.len()).unwrap_or(1);
    let n = exponent.parse::<i64>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n(
            '0',
            usize::try_from(n - k).unwrap_or(0),
        ));
    } else if 0 < n && n <= 21 {
        let (integer, fraction) = digits.split_at(usize::try_from(n).unwrap_or(0));
        out.push_str(integer);
        out.push('.');
        out.push_str(fraction);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-n).unwrap_or(0)));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let _ = write!(
            out,
            "e{}{}",
            if n - 1 < 0 { '-' } else { '+' },
            (n - 1).abs()
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_follow_ecmascript() {
        for (value, expected) in [
            (json!(0), "0"),
            (json!(-0.0), "0"),
            (json!(1), "1"),
            (json!(-1.5), "-1.5"),
            (json!(1e21), "1e+21"),
            (json!(1e20), "100000000000000000000"),
            (json!(123.456), "123.456"),
            (json!(0.000001), "0.000001"),
            (json!(1e-7), "1e-7"),
            (json!(1.5e-7), "1.5e-7"),
            (json!(9007199254740993_u64), "9007199254740992"),
            (json!(333333333.3333333), "333333333.3333333"),
        ] {
            assert_eq!(canonical_json(&value), expected, "{value}");
        }
    }

    #[test]
    fn keys_sort_by_utf16_and_strings_escape_like_json_stringify() {
        // U+1F600 (surrogates D83D…) sorts before U+FB01 in UTF-16, after it in code points.
        let value = json!({"\u{fb01}": 1, "\u{1f600}": 2, "b": "\u{1}\t\"é", "a": [true, null]});
        assert_eq!(
            canonical_json(&value),
            "{\"a\":[true,null],\"b\":\"\\u0001\\t\\\"é\",\"\u{1f600}\":2,\"\u{fb01}\":1}"
        );
    }
}
