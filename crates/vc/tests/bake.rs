//! Badge baking: PNG and SVG round trips for both payload kinds, the exact iTXt layout the
//! Open Badges 3.0 spec asks for, re-baking, Open Badges 2.0 images, and damaged input.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use tsumiki_vc::bake::{BakeError, BakedPayload, bake_png, bake_svg, unbake_png, unbake_svg};

const JWT: &str = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxMjMifQ.c2lnbmF0dXJl";

fn credential_json() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/bench/ob3-badge.json"
    );
    std::fs::read_to_string(path).unwrap()
}

// ---------- PNG helpers, written independently of the crate ----------

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// A valid 2x1 RGBA PNG with an ancillary `tEXt` chunk, built from `extra` chunks placed
/// between IDAT and IEND.
fn png_with(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&2u32.to_be_bytes());
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = SIGNATURE.to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"tEXt", b"Software\0tsumiki tests"));
    png.extend(chunk(b"IDAT", &zlib(&[0, 255, 0, 0, 255, 0, 0, 255, 255])));
    for c in extra {
        png.extend_from_slice(c);
    }
    png.extend(chunk(b"IEND", &[]));
    png
}

fn png() -> Vec<u8> {
    png_with(&[])
}

/// (type, data) of every chunk, with the CRC of each checked.
fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    assert_eq!(&png[..8], &SIGNATURE);
    let mut out = Vec::new();
    let mut at = 8;
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[at + 4..at + 8].try_into().unwrap();
        let data = png[at + 8..at + 8 + len].to_vec();
        let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&kind);
        hasher.update(&data);
        assert_eq!(
            hasher.finalize(),
            crc,
            "CRC of {}",
            String::from_utf8_lossy(&kind)
        );
        out.push((kind, data));
        at += 12 + len;
    }
    out
}

fn count_kind(png: &[u8], kind: &[u8; 4]) -> usize {
    chunks(png).iter().filter(|(k, _)| k == kind).count()
}

// ---------- PNG ----------

#[test]
fn png_round_trips_json_and_jwt() {
    let json = BakedPayload::Json(credential_json());
    assert_eq!(
        unbake_png(&bake_png(&png(), &json).unwrap()).unwrap(),
        BakedPayload::Json(credential_json().trim().to_owned())
    );
    let jwt = BakedPayload::Jwt(JWT.into());
    assert_eq!(unbake_png(&bake_png(&png(), &jwt).unwrap()).unwrap(), jwt);
}

#[test]
fn png_chunk_has_the_spec_layout_and_sits_before_iend() {
    let baked = bake_png(&png(), &BakedPayload::Jwt(JWT.into())).unwrap();
    let all = chunks(&baked);
    let kinds: Vec<&[u8; 4]> = all.iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, vec![b"IHDR", b"tEXt", b"IDAT", b"iTXt", b"IEND"]);
    let mut expected = b"openbadgecredential".to_vec();
    // NUL after keyword, compression flag 0, method 0, empty language tag and translated keyword.
    expected.extend_from_slice(&[0, 0, 0, 0, 0]);
    expected.extend_from_slice(JWT.as_bytes());
    assert_eq!(all[3].1, expected);
}

#[test]
fn png_baking_keeps_every_other_chunk_byte_for_byte() {
    let original = png();
    let baked = bake_png(&original, &BakedPayload::Json(credential_json())).unwrap();
    let before: Vec<_> = chunks(&original);
    let after: Vec<_> = chunks(&baked)
        .into_iter()
        .filter(|(k, _)| k != b"iTXt")
        .collect();
    assert_eq!(before, after);
}

#[test]
fn png_rebaking_replaces_the_credential() {
    let once = bake_png(&png(), &BakedPayload::Json(credential_json())).unwrap();
    let twice = bake_png(&once, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert_eq!(count_kind(&twice, b"iTXt"), 1);
    assert_eq!(unbake_png(&twice).unwrap(), BakedPayload::Jwt(JWT.into()));
    // Re-baking the same payload is idempotent.
    assert_eq!(
        bake_png(&twice, &BakedPayload::Jwt(JWT.into())).unwrap(),
        twice
    );
}

#[test]
fn png_rebaking_drops_an_open_badges_2_assertion() {
    let old = png_with(&[chunk(b"iTXt", b"openbadges\0\0\0\0\0{\"old\":true}")]);
    assert_eq!(
        unbake_png(&old).unwrap(),
        BakedPayload::Json("{\"old\":true}".into())
    );
    let baked = bake_png(&old, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert_eq!(count_kind(&baked, b"iTXt"), 1);
    assert_eq!(unbake_png(&baked).unwrap(), BakedPayload::Jwt(JWT.into()));
}

#[test]
fn png_open_badges_2_forms_are_read() {
    let text = png_with(&[chunk(b"tEXt", format!("openbadges\0{JWT}").as_bytes())]);
    assert_eq!(unbake_png(&text).unwrap(), BakedPayload::Jwt(JWT.into()));

    let mut ztxt = b"openbadges\0\0".to_vec();
    ztxt.extend(zlib(b"{\"ob2\":1}"));
    let ztxt = png_with(&[chunk(b"zTXt", &ztxt)]);
    assert_eq!(
        unbake_png(&ztxt).unwrap(),
        BakedPayload::Json("{\"ob2\":1}".into())
    );

    let mut compressed_itxt = b"openbadgecredential\0\x01\x00en\0Badge\0".to_vec();
    compressed_itxt.extend(zlib(JWT.as_bytes()));
    let compressed_itxt = png_with(&[chunk(b"iTXt", &compressed_itxt)]);
    assert_eq!(
        unbake_png(&compressed_itxt).unwrap(),
        BakedPayload::Jwt(JWT.into())
    );

    let hosted = png_with(&[chunk(
        b"iTXt",
        b"openbadges\0\0\0\0\0https://example.org/assertions/1",
    )]);
    assert_eq!(
        unbake_png(&hosted),
        Err(BakeError::HostedAssertion(
            "https://example.org/assertions/1".into()
        ))
    );
}

#[test]
fn png_prefers_the_3_0_credential_over_a_2_0_one() {
    let both = png_with(&[
        chunk(b"iTXt", b"openbadges\0\0\0\0\0{\"old\":true}"),
        chunk(
            b"iTXt",
            format!("openbadgecredential\0\0\0\0\0{JWT}").as_bytes(),
        ),
    ]);
    assert_eq!(unbake_png(&both).unwrap(), BakedPayload::Jwt(JWT.into()));
}

#[test]
fn png_with_two_credentials_is_refused() {
    let one = chunk(
        b"iTXt",
        format!("openbadgecredential\0\0\0\0\0{JWT}").as_bytes(),
    );
    let two = png_with(&[one.clone(), one]);
    assert_eq!(unbake_png(&two), Err(BakeError::DuplicateCredential));
}

#[test]
fn png_without_credential_is_a_clear_error() {
    assert_eq!(unbake_png(&png()), Err(BakeError::NoCredential));
    let other_text = png_with(&[chunk(b"iTXt", b"Comment\0\0\0\0\0hello")]);
    assert_eq!(unbake_png(&other_text), Err(BakeError::NoCredential));
}

#[test]
fn png_damage_is_detected() {
    let baked = bake_png(&png(), &BakedPayload::Jwt(JWT.into())).unwrap();

    assert_eq!(
        unbake_png(b"GIF89a not a png at all"),
        Err(BakeError::NotPng)
    );
    assert_eq!(unbake_png(&[]), Err(BakeError::NotPng));
    assert_eq!(
        bake_png(b"\x89PNG", &BakedPayload::Jwt(JWT.into())),
        Err(BakeError::NotPng)
    );

    // Flip one byte inside the credential text: its chunk CRC no longer matches.
    let mut corrupted = baked.clone();
    let at = baked
        .windows(JWT.len())
        .position(|w| w == JWT.as_bytes())
        .unwrap();
    corrupted[at + 3] ^= 0x01;
    assert!(
        matches!(unbake_png(&corrupted), Err(BakeError::PngBadCrc { chunk, .. }) if chunk == "iTXt")
    );

    // Every truncation is an error, never a panic or a partial read.
    for len in 8..baked.len() {
        let result = unbake_png(&baked[..len]);
        assert!(
            matches!(
                result,
                Err(BakeError::PngTruncated { .. }) | Err(BakeError::PngMalformed { .. })
            ),
            "truncated at {len}: {result:?}"
        );
    }

    // A length field past the end of the file.
    let mut huge = png();
    huge[8..12].copy_from_slice(&0x7fff_fff0u32.to_be_bytes());
    assert!(matches!(
        unbake_png(&huge),
        Err(BakeError::PngTruncated { .. })
    ));
    // A length above the PNG limit.
    huge[8..12].copy_from_slice(&0xffff_ffffu32.to_be_bytes());
    assert!(matches!(
        unbake_png(&huge),
        Err(BakeError::PngMalformed { .. })
    ));

    // IHDR must come first.
    let mut no_ihdr = SIGNATURE.to_vec();
    no_ihdr.extend(chunk(b"IEND", &[]));
    assert!(matches!(
        unbake_png(&no_ihdr),
        Err(BakeError::PngMalformed { .. })
    ));

    // Bytes after IEND are ignored when reading and not carried into a baked image.
    let mut trailing = baked.clone();
    trailing.extend_from_slice(b"garbage");
    assert_eq!(
        unbake_png(&trailing).unwrap(),
        BakedPayload::Jwt(JWT.into())
    );
    assert_eq!(
        bake_png(&trailing, &BakedPayload::Jwt(JWT.into())).unwrap(),
        baked
    );
}

#[test]
fn png_compressed_bomb_is_refused() {
    let mut bomb = b"openbadgecredential\0\x01\x00\0\0".to_vec();
    bomb.extend(zlib(&vec![b'a'; 5 * 1024 * 1024]));
    let png = png_with(&[chunk(b"iTXt", &bomb)]);
    assert!(matches!(
        unbake_png(&png),
        Err(BakeError::CredentialTooLarge { .. })
    ));
}

#[test]
fn png_text_must_be_utf8_in_itxt() {
    let bad = png_with(&[chunk(b"iTXt", b"openbadgecredential\0\0\0\0\0{\xff}")]);
    assert_eq!(unbake_png(&bad), Err(BakeError::NotUtf8));
    let unterminated = png_with(&[chunk(b"iTXt", b"openbadgecredential\0\0\0en")]);
    assert!(matches!(
        unbake_png(&unterminated),
        Err(BakeError::MalformedTextChunk(_))
    ));
}

#[test]
fn invalid_payloads_are_refused_before_baking() {
    for payload in [
        BakedPayload::Json("not json".into()),
        BakedPayload::Json("[1, 2]".into()),
        BakedPayload::Json("{\"a\":\"\u{0}\"}".into()),
        BakedPayload::Jwt("only.two".into()),
        BakedPayload::Jwt("a.b.c.d".into()),
        BakedPayload::Jwt("has space.b.c".into()),
        BakedPayload::Jwt(String::new()),
    ] {
        assert!(
            matches!(
                bake_png(&png(), &payload),
                Err(BakeError::InvalidPayload(_))
            ),
            "{payload:?}"
        );
        assert!(
            matches!(bake_svg(SVG, &payload), Err(BakeError::InvalidPayload(_))),
            "{payload:?}"
        );
    }
    let huge = BakedPayload::Json(format!("{{\"a\":\"{}\"}}", "x".repeat(5 * 1024 * 1024)));
    assert!(matches!(
        bake_png(&png(), &huge),
        Err(BakeError::CredentialTooLarge { .. })
    ));
}

// ---------- SVG ----------

const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- a badge -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 512 512">
  <circle cx="256" cy="256" r="200" fill="#c33"/>
  <use xlink:href="#star"/>
</svg>
"##;

fn after_root_tag(svg: &str) -> &str {
    let root = svg.find("<svg").unwrap();
    let close = root + svg[root..].find('>').unwrap();
    &svg[close + 1..]
}

#[test]
fn svg_round_trips_json_and_jwt() {
    let json = BakedPayload::Json(credential_json());
    let baked = bake_svg(SVG, &json).unwrap();
    assert_eq!(
        unbake_svg(&baked).unwrap(),
        BakedPayload::Json(credential_json().trim().to_owned())
    );
    let jwt = BakedPayload::Jwt(JWT.into());
    let baked = bake_svg(SVG, &jwt).unwrap();
    assert_eq!(unbake_svg(&baked).unwrap(), jwt);
}

#[test]
fn svg_baking_follows_the_spec_layout_and_keeps_the_drawing() {
    let baked = bake_svg(SVG, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert!(
        baked.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a badge -->\n<svg ")
    );
    assert!(baked.contains(" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""));
    assert!(baked.contains(" xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(baked.contains(" xmlns:xlink=\"http://www.w3.org/1999/xlink\""));
    assert!(baked.contains(" viewBox=\"0 0 512 512\""));
    assert!(after_root_tag(&baked).starts_with(&format!(
        "<openbadges:credential verify=\"{JWT}\"></openbadges:credential>"
    )));
    // Everything after the root tag is the original content.
    assert!(baked.ends_with(after_root_tag(SVG)));

    let json = bake_svg(SVG, &BakedPayload::Json("{\"a\":1}".into())).unwrap();
    assert!(
        after_root_tag(&json)
            .starts_with("<openbadges:credential><![CDATA[{\"a\":1}]]></openbadges:credential>")
    );
}

#[test]
fn svg_spec_examples_are_read() {
    let jwt_example = r#"<?xml version="1.0" encoding="UTF-8"?>
  <svg xmlns="http://www.w3.org/2000/svg"
    xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
    viewBox="0 0 512 512">
    <openbadges:credential verify="header.payload.signature"></openbadges:credential>

    <!-- rest-of-image -->
  </svg>"#;
    assert_eq!(
        unbake_svg(jwt_example).unwrap(),
        BakedPayload::Jwt("header.payload.signature".into())
    );

    let json_example = r#"<?xml version="1.0" encoding="UTF-8"?>
  <svg xmlns="http://www.w3.org/2000/svg"
    xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
    viewBox="0 0 512 512">
    <openbadges:credential>
      <![CDATA[
        {
          "id": "http://example.edu/credentials/3732",
          "type": ["VerifiableCredential", "OpenBadgeCredential"]
        }
      ]]>
    </openbadges:credential>

    <!-- rest-of-image -->
  </svg>"#;
    let BakedPayload::Json(json) = unbake_svg(json_example).unwrap() else {
        panic!("expected JSON");
    };
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["id"], "http://example.edu/credentials/3732");
}

#[test]
fn svg_rebaking_replaces_the_credential() {
    let once = bake_svg(SVG, &BakedPayload::Json(credential_json())).unwrap();
    let twice = bake_svg(&once, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert_eq!(twice.matches("<openbadges:credential").count(), 1);
    assert_eq!(twice.matches("xmlns:openbadges=").count(), 1);
    assert_eq!(unbake_svg(&twice).unwrap(), BakedPayload::Jwt(JWT.into()));
    assert_eq!(
        bake_svg(&twice, &BakedPayload::Jwt(JWT.into())).unwrap(),
        twice
    );
}

#[test]
fn svg_open_badges_2_assertion_is_read_and_replaced() {
    let old = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/assertions/1"/><rect/></svg>"#;
    assert_eq!(
        unbake_svg(old),
        Err(BakeError::HostedAssertion(
            "https://example.org/assertions/1".into()
        ))
    );
    let baked = bake_svg(old, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert!(!baked.contains("openbadges.org"));
    assert!(!baked.contains("assertion"));
    assert!(baked.ends_with("</openbadges:credential><rect/></svg>"));
    assert_eq!(unbake_svg(&baked).unwrap(), BakedPayload::Jwt(JWT.into()));
}

#[test]
fn svg_namespace_is_matched_by_uri_not_prefix() {
    let other_prefix = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><g><ob:credential verify="{JWT}"/></g></svg>"#
    );
    assert_eq!(
        unbake_svg(&other_prefix).unwrap(),
        BakedPayload::Jwt(JWT.into())
    );
    // The right prefix bound to the wrong namespace is not a credential.
    let wrong_ns = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://example.org/ns"><openbadges:credential verify="{JWT}"/></svg>"#
    );
    assert_eq!(unbake_svg(&wrong_ns), Err(BakeError::NoCredential));
}

#[test]
fn svg_json_with_cdata_terminator_round_trips() {
    let tricky = BakedPayload::Json("{\"narrative\":\"a ]]> b & <c>\"}".into());
    let baked = bake_svg(SVG, &tricky).unwrap();
    assert_eq!(unbake_svg(&baked).unwrap(), tricky);
}

#[test]
fn svg_escaped_text_and_self_closing_root_are_handled() {
    let escaped = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>{"a":"&lt;&#x41;&amp;"}</openbadges:credential></svg>"#;
    assert_eq!(
        unbake_svg(escaped).unwrap(),
        BakedPayload::Json(r#"{"a":"<A&"}"#.into())
    );

    let empty_root = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" />"#;
    let baked = bake_svg(empty_root, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert!(baked.ends_with("</openbadges:credential></svg>"));
    assert_eq!(unbake_svg(&baked).unwrap(), BakedPayload::Jwt(JWT.into()));
}

#[test]
fn svg_without_credential_is_a_clear_error() {
    assert_eq!(unbake_svg(SVG), Err(BakeError::NoCredential));
    let empty = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>  </openbadges:credential></svg>"#;
    assert_eq!(unbake_svg(empty), Err(BakeError::NoCredential));
}

#[test]
fn svg_doctype_tricks_are_refused() {
    let entity_bomb = r#"<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&b;</openbadges:credential></svg>"#;
    assert_eq!(
        unbake_svg(entity_bomb),
        Err(BakeError::SvgEntityDeclarations)
    );
    assert_eq!(
        bake_svg(entity_bomb, &BakedPayload::Jwt(JWT.into())),
        Err(BakeError::SvgEntityDeclarations)
    );

    let external = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&xxe;</openbadges:credential></svg>"#;
    assert_eq!(
        unbake_svg(external),
        Err(BakeError::SvgUnknownEntity("xxe".into()))
    );
    let in_attribute = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="&xxe;"/></svg>"#;
    assert_eq!(
        unbake_svg(in_attribute),
        Err(BakeError::SvgUnknownEntity("xxe".into()))
    );

    // A plain DOCTYPE, as older editors write, is fine.
    let plain = r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>"#;
    let baked = bake_svg(plain, &BakedPayload::Jwt(JWT.into())).unwrap();
    assert!(baked.starts_with("<!DOCTYPE svg PUBLIC"));
    assert_eq!(unbake_svg(&baked).unwrap(), BakedPayload::Jwt(JWT.into()));
}

#[test]
fn svg_damage_is_detected() {
    let jwt = BakedPayload::Jwt(JWT.into());
    assert!(matches!(
        bake_svg("<html><body/></html>", &jwt),
        Err(BakeError::NotSvg(_))
    ));
    assert!(matches!(unbake_svg(""), Err(BakeError::NotSvg(_))));
    assert!(matches!(
        bake_svg("<svg><g></svg>", &jwt),
        Err(BakeError::SvgMalformed { .. })
    ));
    assert!(matches!(
        bake_svg("<svg><g>", &jwt),
        Err(BakeError::SvgMalformed { .. })
    ));
    assert!(matches!(
        bake_svg("<svg/><svg/>", &jwt),
        Err(BakeError::SvgMalformed { .. })
    ));
    assert!(matches!(
        unbake_svg("<svg a=1/>"),
        Err(BakeError::SvgMalformed { .. })
    ));
    let two = format!(
        r#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="{JWT}"/><openbadges:credential verify="{JWT}"/></svg>"#
    );
    assert_eq!(unbake_svg(&two), Err(BakeError::DuplicateCredential));
    let big = format!("<svg>{}</svg>", " ".repeat(33 * 1024 * 1024));
    assert!(matches!(
        unbake_svg(&big),
        Err(BakeError::SvgTooLarge { .. })
    ));
}
