//! A plain SVG badge for achievements without an image, so every credential can still be
//! downloaded as a baked image.

/// Longest text line drawn; longer names are cut with an ellipsis so they stay on the badge.
const MAX_LINE_CHARS: usize = 18;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn cut(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_LINE_CHARS {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(MAX_LINE_CHARS - 1).collect();
        short.push('…');
        short
    }
}

/// A round badge naming the achievement and its issuer.
pub fn generated_badge(name: &str, issuer_name: &str) -> String {
    format!(
        concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"300\" ",
            "viewBox=\"0 0 300 300\" role=\"img\" aria-label=\"{label}\">",
            "<circle cx=\"150\" cy=\"150\" r=\"140\" fill=\"#1f4e79\"/>",
            "<circle cx=\"150\" cy=\"150\" r=\"124\" fill=\"none\" stroke=\"#f2c14e\" ",
            "stroke-width=\"6\"/>",
            "<text x=\"150\" y=\"140\" text-anchor=\"middle\" font-family=\"sans-serif\" ",
            "font-size=\"22\" font-weight=\"bold\" fill=\"#ffffff\">{name}</text>",
            "<text x=\"150\" y=\"180\" text-anchor=\"middle\" font-family=\"sans-serif\" ",
            "font-size=\"15\" fill=\"#f2c14e\">{issuer}</text>",
            "</svg>"
        ),
        label = escape(name),
        name = escape(&cut(name)),
        issuer = escape(&cut(issuer_name)),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_escaped_and_long_ones_cut() {
        let svg = generated_badge("<script>alert(1)</script>", "A & B \"Univ\"");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("A &amp; B &quot;Univ&quot;"));
        let long = generated_badge(&"長".repeat(40), "x");
        assert!(long.contains(&format!("{}…", "長".repeat(MAX_LINE_CHARS - 1))));
        // It is an SVG the baker accepts.
        let baked = tsumiki_vc::bake::bake_svg(
            &svg,
            &tsumiki_vc::bake::BakedPayload::Json("{\"a\":1}".to_owned()),
        );
        assert!(baked.is_ok(), "{baked:?}");
    }
}
