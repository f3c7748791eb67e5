//! Japanese and English messages, embedded at compile time from `locales/{en,ja}/*.ftl`.
//!
//! Why Fluent: Japanese and English differ in word order and in how they treat numbers, so
//! the messages are whole sentences with named arguments, never strings glued together in
//! code. Why embedded: the verifier must work offline and from a single binary.
//!
//! Every message exists in both languages (a unit test parses the `.ftl` files and compares
//! the ids), so a lookup never silently falls back to the other language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments (U+2068/U+2069) are right for
        // mixed-direction UI text but only add noise to JSON reports and terminals.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static JA: LanguageIdentifier = langid!("ja");
static EN: LanguageIdentifier = langid!("en");

/// A language tsumiki speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 tag, e.g. for `<html lang>` or `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Picks a language from a tag such as `ja-JP` or `en-US`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

/// A message argument: text, or a number (numbers drive plural selection in Fluent).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

macro_rules! number_arg {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Arg {
            fn from(value: $ty) -> Self {
                // Counts and sizes in messages are far below 2^53, so this is exact.
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

fn fluent_args(args: &[(&str, Arg)]) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args.iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(number) => FluentValue::from(*number),
            };
            (Cow::Owned((*name).to_owned()), value)
        })
        .collect()
}

/// The message `id` in `lang`, with named arguments. A missing id yields the id itself, so
/// a gap is visible rather than fatal (the unit tests make sure there are no gaps).
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    try_t(lang, id, args).unwrap_or_else(|| id.to_owned())
}

/// Like [`t`], but `None` when the message is missing in `lang` (no fallback to the other
/// language) or an argument it needs was not given.
pub fn try_t(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let args = fluent_args(args);
    LOCALES
        .lookup_single_language(lang.id(), id, Some(&args))
        .ok()
}

/// Whether `id` exists in `lang` (whatever arguments it needs).
pub fn has(lang: Lang, id: &str) -> bool {
    match LOCALES.lookup_single_language::<&str>(lang.id(), id, None) {
        Ok(_) => true,
        // The lookup error type is private to fluent-templates; its derived `Debug` names
        // the variant. A formatting error (a missing argument) still proves the id exists.
        Err(err) => format!("{err:?}").starts_with("FluentError"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Message ids (not terms, not attributes) defined in every `.ftl` file under `dir`.
    fn ids_in(dir: &Path) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "ftl") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines() {
                    let Some((name, _)) = line.split_once('=') else {
                        continue;
                    };
                    let name = name.trim_end();
                    let is_id = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if is_id && !line.starts_with(' ') {
                        ids.insert(name.to_owned());
                    }
                }
            }
        }
        ids
    }

    fn locale_dir(lang: Lang) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.tag())
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let ja = ids_in(&locale_dir(Lang::Ja));
        let en = ids_in(&locale_dir(Lang::En));
        assert!(en.len() > 50, "parsed only {} English ids", en.len());
        let only_en: Vec<_> = en.difference(&ja).collect();
        let only_ja: Vec<_> = ja.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in Japanese: {only_en:?}");
        assert!(only_ja.is_empty(), "missing in English: {only_ja:?}");
        for id in &en {
            for lang in Lang::ALL {
                assert!(has(lang, id), "{id} is not loaded for {lang:?}");
            }
        }
    }

    #[test]
    fn japanese_and_english_differ_and_take_arguments() {
        let args = [
            ("url", Arg::from("https://example.org/list")),
            ("index", Arg::from(7u64)),
        ];
        let ja = t(Lang::Ja, "status-revoked", &args);
        let en = t(Lang::En, "status-revoked", &args);
        assert_eq!(
            ja,
            "この資格情報は失効しています(ステータスリスト https://example.org/list、インデックス 7)。"
        );
        assert_eq!(
            en,
            "The credential has been revoked (status list https://example.org/list, index 7)."
        );
    }

    #[test]
    fn plural_and_select_forms() {
        assert_eq!(
            t(
                Lang::En,
                "verdict-verified-with-warnings",
                &[("count", 1u32.into())]
            ),
            "The credential was verified, with 1 warning."
        );
        assert_eq!(
            t(
                Lang::En,
                "verdict-verified-with-warnings",
                &[("count", 3u32.into())]
            ),
            "The credential was verified, with 3 warnings."
        );
        let suspended = [
            ("url", Arg::from("L")),
            ("purpose", Arg::from("suspension")),
        ];
        assert_eq!(
            t(Lang::Ja, "status-ok", &suspended),
            "ステータスリスト L によると、この資格情報は一時停止されていません。"
        );
    }

    #[test]
    fn missing_ids_and_arguments_are_reported() {
        assert_eq!(t(Lang::Ja, "no-such-message", &[]), "no-such-message");
        assert!(try_t(Lang::En, "no-such-message", &[]).is_none());
        assert!(!has(Lang::En, "no-such-message"));
        // A message whose argument is missing is still known, but not silently formatted.
        assert!(has(Lang::En, "parse-too-large"));
        assert!(try_t(Lang::En, "parse-too-large", &[]).is_none());
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
