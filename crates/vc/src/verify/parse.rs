//! The parse step: what the input was, or why it could not be read.

use crate::input::{InputError, InputFormat};
use crate::report::{Check, Step};

pub(super) fn success(format: InputFormat) -> Check {
    Check::pass(Step::Parse, "parse.ok", &[("format", format.name().into())])
}

pub(super) fn failure(err: &InputError) -> Check {
    match err {
        InputError::Empty => Check::fail(Step::Parse, "parse.empty", &[]),
        InputError::TooLarge { size, limit } => Check::fail(
            Step::Parse,
            "parse.too-large",
            &[("size", (*size).into()), ("limit", (*limit).into())],
        ),
        InputError::TooDeep { limit } => {
            Check::fail(Step::Parse, "parse.too-deep", &[("limit", (*limit).into())])
        }
        InputError::NotUtf8 => Check::fail(Step::Parse, "parse.not-utf8", &[]),
        InputError::NotJson(detail) => {
            Check::fail(Step::Parse, "parse.not-json", &[("detail", detail.into())])
        }
        InputError::NotObject => Check::fail(Step::Parse, "parse.not-object", &[]),
        InputError::UnknownFormat => Check::fail(Step::Parse, "parse.unknown-format", &[]),
        InputError::JwtMalformed(detail) => Check::fail(
            Step::Parse,
            "parse.jwt-malformed",
            &[("detail", detail.into())],
        ),
        InputError::Bake { format, error } => Check::fail(
            Step::Parse,
            "parse.bake-failed",
            &[
                ("format", format.name().into()),
                ("detail", error.to_string().into()),
            ],
        ),
    }
}
