//! The small SVG writer the charts share: escaping, number formatting and the frame.

use std::fmt::Write as _;

/// Width of every chart's coordinate system; the page scales it with CSS.
pub(crate) const WIDTH: f64 = 640.0;

/// Escapes text for XML content and attribute values. Control characters other than tab and
/// newline are not allowed in XML 1.0 at all, so they are dropped rather than escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal: enough for a screen or print, and stable as text.
pub(crate) fn coord(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    // `-0.0` would print as "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A value label: up to two decimals, trailing zeros removed (3.50 → "3.5", 4.00 → "4").
pub(crate) fn value_label(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// `Some(value)` only for a finite number: NaN or infinity from upstream becomes "no data"
/// instead of coordinates no renderer can draw.
pub(crate) fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// Opens the `<svg>` element with its accessible name and writes the `<title>`.
pub(crate) fn open(out: &mut String, height: f64, title: &str, class: &str) {
    let title = escape(title);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {} {}\" \
         role=\"img\" aria-label=\"{title}\" font-family=\"sans-serif\" font-size=\"12\">\
         <title>{title}</title>",
        coord(WIDTH),
        coord(height),
    );
}

/// Writes a `<text>` element.
pub(crate) fn text(out: &mut String, x: f64, y: f64, anchor: &str, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
        coord(x),
        coord(y),
        escape(content)
    );
}

/// The message shown inside a chart that has nothing to draw.
pub(crate) fn empty_note(out: &mut String, height: f64, message: &str) {
    text(out, WIDTH / 2.0, height / 2.0, "middle", message);
}

#[cfg(test)]
pub(crate) mod testing {
    //! Checks shared by the chart tests: the output must be one well-formed XML document
    //! rooted at `<svg>`.

    use quick_xml::Reader;
    use quick_xml::events::Event;

    /// Parses the whole document; returns the text content of every `<text>` and `<title>`.
    pub fn well_formed(svg: &str) -> Vec<String> {
        let mut reader = Reader::from_str(svg);
        reader.config_mut().check_end_names = true;
        let mut depth = 0usize;
        let mut roots = 0usize;
        let mut texts = Vec::new();
        let mut current = String::new();
        loop {
            let event = reader.read_event();
            if matches!(
                event,
                Ok(Event::Start(_) | Event::End(_) | Event::Empty(_) | Event::Eof)
            ) && !current.is_empty()
            {
                texts.push(std::mem::take(&mut current));
            }
            match event {
                Ok(Event::Start(start)) => {
                    if depth == 0 {
                        roots += 1;
                        assert_eq!(start.name().as_ref(), b"svg");
                    }
                    depth += 1;
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Empty(_)) => assert!(depth > 0, "element outside the root"),
                Ok(Event::Text(content)) => current.push_str(&content.decode().unwrap()),
                Ok(Event::GeneralRef(reference)) => {
                    let name = reference.decode().unwrap().into_owned();
                    current.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "#39" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("not well-formed: {error}\n{svg}"),
            }
        }
        assert_eq!(depth, 0, "unclosed elements");
        assert_eq!(roots, 1, "exactly one root");
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("R&D <営業> \"x\" 'y'\u{0}\u{7}"),
            "R&amp;D &lt;営業&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn numbers_print_stably() {
        assert_eq!(coord(12.04), "12");
        assert_eq!(coord(12.06), "12.1");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(value_label(3.5), "3.5");
        assert_eq!(value_label(4.0), "4");
        assert_eq!(value_label(-0.001), "0");
        assert_eq!(value_label(1234.567), "1234.57");
    }
}
