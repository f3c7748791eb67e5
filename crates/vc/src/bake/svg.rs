//! SVG baking: an `<openbadges:credential>` element first inside the root `<svg>`.
//!
//! The document is parsed with quick-xml to find the root tag and any credential already
//! baked, then edited as text so the rest of the drawing is kept byte for byte. quick-xml
//! never expands entities on its own; references other than the five XML predefined ones
//! and character references are refused, and a DOCTYPE that declares entities is refused
//! outright, which closes off entity-expansion tricks.

use quick_xml::NsReader;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::payload::{check_for_baking, classify};
use super::{BakeError, BakedPayload, MAX_BAKED_CREDENTIAL_BYTES, MAX_SVG_BYTES};

/// The Open Badges 3.0 baking namespace (spec "Baked Badge", SVG).
const NS_OB3: &[u8] = b"https://purl.imsglobal.org/ob/v3p0";
/// The Open Badges 1.0/2.0 namespace of `<openbadges:assertion>`.
const NS_OB2: &[u8] = b"http://openbadges.org";

/// Where things are in the parsed document, as byte ranges into it.
struct Layout {
    /// The root start tag, from `<` to `>` inclusive.
    root_tag: (usize, usize),
    root_is_empty: bool,
    /// The root tag's name and attributes as written (raw, still escaped).
    root_name: String,
    root_attributes: Vec<(String, String)>,
    /// Baked credential elements (3.0 or 2.0), start tag to end tag inclusive.
    baked: Vec<(usize, usize)>,
    /// The first baked credential's payload, if one was readable.
    first_payload: Option<Result<BakedPayload, BakeError>>,
}

/// Bakes `payload` into `svg`: declares `xmlns:openbadges` on the root and inserts the
/// credential element as its first child (a JWT in the `verify` attribute, JSON in a CDATA
/// section). Any credential already baked (3.0 or 2.0) is removed, so the image never
/// carries two.
pub fn bake_svg(svg: &str, payload: &BakedPayload) -> Result<String, BakeError> {
    let text = check_for_baking(payload)?;
    let layout = scan(svg)?;

    let element = match payload {
        BakedPayload::Jwt(_) => format!(
            "<openbadges:credential verify=\"{}\"></openbadges:credential>",
            escape(text)
        ),
        BakedPayload::Json(_) => format!(
            "<openbadges:credential><![CDATA[{}]]></openbadges:credential>",
            // A literal `]]>` would close the section early: split it across two sections.
            text.replace("]]>", "]]]]><![CDATA[>")
        ),
    };

    let mut out = String::with_capacity(svg.len() + element.len() + 128);
    let (root_start, root_end) = layout.root_tag;
    out.push_str(slice(svg, 0, root_start)?);
    out.push_str(&root_tag(&layout));
    out.push_str(&element);
    if layout.root_is_empty {
        out.push_str("</");
        out.push_str(&layout.root_name);
        out.push('>');
    }
    let mut cursor = root_end;
    for &(start, end) in &layout.baked {
        out.push_str(slice(svg, cursor, start)?);
        cursor = end;
    }
    out.push_str(slice(svg, cursor, svg.len())?);
    Ok(out)
}

/// Reads the first baked credential: `<openbadges:credential>` in the Open Badges 3.0
/// namespace (or a 2.0 `<openbadges:assertion>`), taking the `verify` attribute when present
/// and the element's text otherwise.
pub fn unbake_svg(svg: &str) -> Result<BakedPayload, BakeError> {
    scan(svg)?
        .first_payload
        .unwrap_or(Err(BakeError::NoCredential))
}

/// Rebuilds the root start tag with the Open Badges namespace declared. An existing
/// `xmlns:openbadges` (for instance the 2.0 namespace of an old baked image, whose element
/// is being removed) is replaced, since a prefix can be declared only once per tag.
fn root_tag(layout: &Layout) -> String {
    let mut tag = format!("<{}", layout.root_name);
    for (key, value) in &layout.root_attributes {
        if key == "xmlns:openbadges" {
            continue;
        }
        let quote = if value.contains('"') { '\'' } else { '"' };
        tag.push_str(&format!(" {key}={quote}{value}{quote}"));
    }
    tag.push_str(" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">");
    tag
}

fn scan(svg: &str) -> Result<Layout, BakeError> {
    if svg.len() > MAX_SVG_BYTES {
        return Err(BakeError::SvgTooLarge {
            limit: MAX_SVG_BYTES,
        });
    }
    let mut reader = NsReader::from_str(svg);
    let mut layout: Option<Layout> = None;
    let mut depth = 0usize;
    // The baked element being read: its start offset, depth, and text gathered so far.
    let mut open_baked: Option<(usize, usize, Option<String>, String)> = None;

    loop {
        let before = position(&reader);
        // The namespace answer borrows the reader, so it is used up before anything else.
        let (baked_here, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => {
                let baked = match &event {
                    Event::Start(start) | Event::Empty(start) => is_baked(&ns, start),
                    _ => false,
                };
                (baked, event)
            }
            Err(e) => return Err(malformed(&reader, e)),
        };
        match event {
            Event::DocType(doctype) => {
                if doctype.contains(&b'[') {
                    return Err(BakeError::SvgEntityDeclarations);
                }
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                let is_empty = matches!(event, Event::Empty(_));
                match layout.as_mut() {
                    None => {
                        if start.local_name().as_ref() != b"svg" {
                            return Err(BakeError::NotSvg(
                                String::from_utf8_lossy(start.name().as_ref()).into_owned(),
                            ));
                        }
                        layout = Some(Layout {
                            root_tag: (before, position(&reader)),
                            root_is_empty: is_empty,
                            root_name: utf8(start.name().as_ref())?,
                            root_attributes: raw_attributes(start, &reader)?,
                            baked: Vec::new(),
                            first_payload: None,
                        });
                    }
                    Some(_) if depth == 0 => {
                        return Err(BakeError::SvgMalformed {
                            offset: before as u64,
                            reason: "the document has more than one root element".into(),
                        });
                    }
                    Some(_) if baked_here && open_baked.is_none() => {
                        let verify = verify_attribute(start, &reader)?;
                        if is_empty {
                            record_baked(
                                layout.as_mut(),
                                (before, position(&reader)),
                                verify,
                                String::new(),
                            );
                        } else {
                            open_baked = Some((before, depth, verify, String::new()));
                        }
                    }
                    Some(_) => {}
                }
                if !is_empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some((start, open_depth, _, _)) = &open_baked
                    && *open_depth == depth
                {
                    let start = *start;
                    if let Some((_, _, verify, text)) = open_baked.take() {
                        record_baked(layout.as_mut(), (start, position(&reader)), verify, text);
                    }
                }
            }
            Event::Text(text) => {
                if let Some((_, _, _, gathered)) = open_baked.as_mut() {
                    let text = text.decode().map_err(|e| malformed(&reader, e))?;
                    push_capped(gathered, &text)?;
                }
            }
            Event::CData(cdata) => {
                if let Some((_, _, _, gathered)) = open_baked.as_mut() {
                    let text = cdata.decode().map_err(|e| malformed(&reader, e))?;
                    push_capped(gathered, &text)?;
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference
                    .resolve_char_ref()
                    .map_err(|e| malformed(&reader, e))?
                {
                    Some(ch) => ch.to_string(),
                    None => {
                        let name = reference.decode().map_err(|e| malformed(&reader, e))?;
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| BakeError::SvgUnknownEntity(name.clone().into_owned()))?
                            .to_owned()
                    }
                };
                if let Some((_, _, _, gathered)) = open_baked.as_mut() {
                    push_capped(gathered, &resolved)?;
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }

    if depth != 0 {
        return Err(BakeError::SvgMalformed {
            offset: svg.len() as u64,
            reason: "the document ends before all its elements are closed".into(),
        });
    }
    layout.ok_or_else(|| BakeError::NotSvg("missing (the document is empty)".into()))
}

/// A baked element is `credential` in the 3.0 namespace or `assertion` in the 2.0 one,
/// whatever prefix the document chose.
fn is_baked(ns: &ResolveResult<'_>, start: &BytesStart<'_>) -> bool {
    let local = start.local_name();
    match ns {
        ResolveResult::Bound(Namespace(ns)) => {
            (*ns == NS_OB3 && local.as_ref() == b"credential")
                || (*ns == NS_OB2 && local.as_ref() == b"assertion")
        }
        _ => false,
    }
}

fn record_baked(
    layout: Option<&mut Layout>,
    range: (usize, usize),
    verify: Option<String>,
    text: String,
) {
    if let Some(layout) = layout {
        layout.baked.push(range);
        if layout.first_payload.is_none() {
            layout.first_payload = Some(match verify {
                Some(verify) => classify(&verify),
                None => classify(&text),
            });
        } else if matches!(layout.first_payload, Some(Ok(_))) && layout.baked.len() == 2 {
            // Two credential elements: the spec allows only one, and a reader must not pick.
            layout.first_payload = Some(Err(BakeError::DuplicateCredential));
        }
    }
}

fn verify_attribute(
    start: &BytesStart<'_>,
    reader: &NsReader<&[u8]>,
) -> Result<Option<String>, BakeError> {
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| malformed(reader, e))?;
        if attribute.key.as_ref() == b"verify" {
            let value = attribute
                .unescape_value()
                .map_err(|e| entity_error(reader, e))?;
            if value.len() > MAX_BAKED_CREDENTIAL_BYTES {
                return Err(BakeError::CredentialTooLarge {
                    limit: MAX_BAKED_CREDENTIAL_BYTES,
                });
            }
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

fn raw_attributes(
    start: &BytesStart<'_>,
    reader: &NsReader<&[u8]>,
) -> Result<Vec<(String, String)>, BakeError> {
    start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.map_err(|e| malformed(reader, e))?;
            Ok((utf8(attribute.key.as_ref())?, utf8(&attribute.value)?))
        })
        .collect()
}

fn push_capped(gathered: &mut String, text: &str) -> Result<(), BakeError> {
    if gathered.len() + text.len() > MAX_BAKED_CREDENTIAL_BYTES {
        return Err(BakeError::CredentialTooLarge {
            limit: MAX_BAKED_CREDENTIAL_BYTES,
        });
    }
    gathered.push_str(text);
    Ok(())
}

fn utf8(bytes: &[u8]) -> Result<String, BakeError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| BakeError::NotUtf8)
}

fn position(reader: &NsReader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn slice(svg: &str, start: usize, end: usize) -> Result<&str, BakeError> {
    svg.get(start..end).ok_or_else(|| BakeError::SvgMalformed {
        offset: start as u64,
        reason: "an element boundary falls inside a character".into(),
    })
}

fn malformed(reader: &NsReader<&[u8]>, error: impl std::fmt::Display) -> BakeError {
    BakeError::SvgMalformed {
        offset: reader.error_position(),
        reason: error.to_string(),
    }
}

/// Attribute values are unescaped with the predefined entities only, so an unknown
/// reference there is an entity trick, reported as such.
fn entity_error(reader: &NsReader<&[u8]>, error: quick_xml::Error) -> BakeError {
    match &error {
        quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
            BakeError::SvgUnknownEntity(name.clone())
        }
        _ => malformed(reader, error),
    }
}
