//! The demo badges' pictures: one SVG per achievement, drawn here so the demo needs no files.
//!
//! Each badge is the same calm shape — a rounded hexagon in the achievement's colour, three
//! stacked blocks (積み木, the platform's name) and a short label — so the set reads as one
//! school's family of credentials. No scripts, no external references, no fonts beyond the
//! generic families: the SVG is baked into credentials and shown on public pages as is.

/// How one badge differs from the others.
pub(crate) struct BadgeStyle {
    /// Main colour (hexagon).
    pub colour: &'static str,
    /// Darker shade (outline and top block).
    pub shade: &'static str,
    /// Up to about 12 Latin characters under the blocks.
    pub label: &'static str,
    /// Title for assistive technology.
    pub title: &'static str,
}

/// The SVG document for `style`.
pub(crate) fn badge_svg(style: &BadgeStyle) -> Vec<u8> {
    let BadgeStyle {
        colour,
        shade,
        label,
        title,
    } = style;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img" aria-labelledby="t">
<title id="t">{title}</title>
<path d="M100 8 L180 54 Q186 58 186 65 L186 135 Q186 142 180 146 L100 192 L20 146 Q14 142 14 135 L14 65 Q14 58 20 54 Z" fill="{colour}" stroke="{shade}" stroke-width="6" stroke-linejoin="round"/>
<path d="M100 22 L170 62 L170 138 L100 178 L30 138 L30 62 Z" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="2"/>
<rect x="62" y="104" width="76" height="22" rx="4" fill="#ffffff"/>
<rect x="74" y="80" width="52" height="22" rx="4" fill="#ffffff" fill-opacity="0.85"/>
<rect x="86" y="56" width="28" height="22" rx="4" fill="{shade}" stroke="#ffffff" stroke-width="2"/>
<text x="100" y="148" text-anchor="middle" font-family="sans-serif" font-size="13" font-weight="700" letter-spacing="0.5" fill="#ffffff">{label}</text>
</svg>
"##
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_is_a_self_contained_svg() {
        let svg = badge_svg(&BadgeStyle {
            colour: "#1f6f8b",
            shade: "#144b5e",
            label: "LEAD",
            title: "Leadership",
        });
        let text = String::from_utf8(svg).unwrap();
        assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(text.contains("<title id=\"t\">Leadership</title>"));
        assert!(text.contains(">LEAD</text>"));
        assert!(!text.contains("<script") && !text.contains("href"));
        assert_eq!(text.matches("<rect").count(), 3, "three stacked blocks");
    }
}
