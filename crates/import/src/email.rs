//! Email addresses: a pragmatic check and one normal form.
//!
//! Why pragmatic: full RFC 5322 accepts quoted strings and comments that no HR export contains,
//! while the mistakes that do occur (a full-width `＠`, a trailing dot, two addresses in one
//! cell, a missing domain) must be caught before a credential names the wrong person. The
//! domain is lower-cased because it is case-insensitive; the local part is kept as typed
//! because, strictly, it is not.

use crate::mapping::fold_width;

/// The separators people put between several addresses in one cell.
const SEPARATORS: [char; 3] = [';', ',', '、'];

/// Splits a cell that may list several addresses, dropping empty pieces.
pub fn split_addresses(cell: &str) -> Vec<String> {
    fold_width(cell)
        .split(|c: char| SEPARATORS.contains(&c) || c.is_whitespace())
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The normal form of one address, or `None` if it is not a plausible address.
pub fn normalise_email(raw: &str) -> Option<String> {
    let folded = fold_width(raw);
    let mut text = folded.trim();
    if text.len() > 7
        && text
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
    {
        text = text.get(7..).unwrap_or_default();
    }
    if let Some(inner) = text
        .strip_prefix('<')
        .and_then(|rest| rest.strip_suffix('>'))
    {
        text = inner.trim();
    }
    let (local, domain) = text.rsplit_once('@')?;
    if !valid_local_part(local) || !valid_domain(domain) {
        return None;
    }
    Some(format!("{local}@{}", domain.to_lowercase()))
}

fn valid_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if domain.is_empty() || domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let all_valid = labels.iter().all(|label| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let top_level_has_letter = labels
        .last()
        .is_some_and(|label| label.chars().any(char::is_alphabetic));
    all_valid && top_level_has_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_plausible_addresses() {
        assert_eq!(
            normalise_email("  Taro.Yamada@Example.CO.JP "),
            Some("Taro.Yamada@example.co.jp".to_owned())
        );
        assert_eq!(
            normalise_email("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
            Some("hanako@example.jp".to_owned())
        );
        assert_eq!(
            normalise_email("mailto:<a+b@x.org>"),
            Some("a+b@x.org".to_owned())
        );
        assert_eq!(
            normalise_email("user@例え.jp"),
            Some("user@例え.jp".to_owned())
        );
    }

    #[test]
    fn rejects_common_mistakes() {
        for bad in [
            "",
            "taro",
            "taro@",
            "@example.jp",
            "taro@example",
            "taro@@example.jp",
            "taro@example..jp",
            "taro.@example.jp",
            "ta ro@example.jp",
            "taro@-example.jp",
            "taro@example.123",
            "taro@exa_mple.jp",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad:?} was accepted");
        }
    }

    #[test]
    fn splits_lists_of_addresses() {
        assert_eq!(
            split_addresses("a@x.jp; b@y.jp、c@z.jp\n d@w.jp，e@v.jp"),
            ["a@x.jp", "b@y.jp", "c@z.jp", "d@w.jp", "e@v.jp"]
        );
        assert!(split_addresses(" ;、 ").is_empty());
    }
}
