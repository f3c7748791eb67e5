//! Grouped horizontal bars: each competency's mean before and after the programme.
//!
//! Horizontal, because competency names (often Japanese) need room that a vertical chart's
//! axis does not have. "Before" is an outlined bar and "after" a solid one, so the pair reads
//! the same in greyscale print.

use std::fmt::Write as _;

use super::svg::{WIDTH, coord, empty_note, escape, finite, open, text, value_label};

const LABEL_WIDTH: f64 = 190.0;
const PLOT_RIGHT: f64 = WIDTH - 50.0;
const TOP: f64 = 44.0;
const ROW: f64 = 42.0;
const BAR: f64 = 14.0;
const AXIS: f64 = 30.0;
/// Room for a label, in widths of a 12 px full-width (CJK) character: what fits left of the
/// bars. A longer label is shortened (the full text stays in the table and in the group's
/// tooltip).
const LABEL_EMS: f64 = 14.5;

/// One competency's pre and post means (either may be missing, e.g. suppressed).
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyBar {
    /// The competency's name.
    pub label: String,
    /// Mean before.
    pub pre: Option<f64>,
    /// Mean after.
    pub post: Option<f64>,
}

/// The chart's texts and scale.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyChart<'a> {
    /// Accessible name and `<title>`.
    pub title: &'a str,
    /// Legend for the "before" bars.
    pub pre_label: &'a str,
    /// Legend for the "after" bars.
    pub post_label: &'a str,
    /// Shown when there is nothing to draw.
    pub empty: &'a str,
    /// Lowest point of the rating scale (e.g. 1).
    pub min: f64,
    /// Highest point of the rating scale (e.g. 5).
    pub max: f64,
}

/// The chart as SVG text.
pub fn competency_pre_post(chart: &CompetencyChart<'_>, bars: &[CompetencyBar]) -> String {
    let rows = bars.len().max(1) as f64;
    let height = TOP + rows * ROW + AXIS;
    let mut out = String::new();
    open(&mut out, height, chart.title, "chart-competency");
    legend(&mut out, chart);
    if bars.is_empty() {
        empty_note(&mut out, height, chart.empty);
        out.push_str("</svg>");
        return out;
    }
    let (min, max) = scale(chart.min, chart.max);
    let x_of = |value: f64| {
        LABEL_WIDTH + (value.clamp(min, max) - min) / (max - min) * (PLOT_RIGHT - LABEL_WIDTH)
    };
    axis(&mut out, min, max, TOP + rows * ROW, &x_of);
    for (index, bar) in bars.iter().enumerate() {
        let y = TOP + index as f64 * ROW;
        let _ = write!(out, "<g><title>{}</title>", escape(&bar.label));
        text(
            &mut out,
            LABEL_WIDTH - 8.0,
            y + BAR + 4.0,
            "end",
            &shorten(&bar.label),
        );
        for (offset, value, style) in [
            (
                0.0,
                bar.pre,
                "fill=\"#ffffff\" stroke=\"#4a5a6a\" stroke-width=\"1.5\"",
            ),
            (BAR + 2.0, bar.post, "fill=\"#1f5f8b\""),
        ] {
            let top = y + 4.0 + offset;
            match finite(value) {
                Some(value) => {
                    let right = x_of(value);
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {style}/>",
                        coord(LABEL_WIDTH),
                        coord(top),
                        coord((right - LABEL_WIDTH).max(0.0)),
                        coord(BAR)
                    );
                    text(
                        &mut out,
                        right + 4.0,
                        top + BAR - 3.0,
                        "start",
                        &value_label(value),
                    );
                }
                None => text(&mut out, LABEL_WIDTH + 4.0, top + BAR - 3.0, "start", "–"),
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// A usable scale even from a nonsensical one (equal, reversed or non-finite bounds).
fn scale(min: f64, max: f64) -> (f64, f64) {
    let min = if min.is_finite() { min } else { 0.0 };
    let max = if max.is_finite() { max } else { min + 1.0 };
    if max > min {
        (min, max)
    } else {
        (min, min + 1.0)
    }
}

fn legend(out: &mut String, chart: &CompetencyChart<'_>) {
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"10\" width=\"14\" height=\"12\" fill=\"#ffffff\" stroke=\"#4a5a6a\" \
         stroke-width=\"1.5\"/>",
        coord(LABEL_WIDTH)
    );
    text(out, LABEL_WIDTH + 20.0, 20.0, "start", chart.pre_label);
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"10\" width=\"14\" height=\"12\" fill=\"#1f5f8b\"/>",
        coord(LABEL_WIDTH + 160.0)
    );
    text(out, LABEL_WIDTH + 180.0, 20.0, "start", chart.post_label);
}

fn axis(out: &mut String, min: f64, max: f64, bottom: f64, x_of: &dyn Fn(f64) -> f64) {
    let _ = write!(
        out,
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888888\"/>",
        coord(LABEL_WIDTH),
        coord(TOP),
        coord(bottom)
    );
    let span = max - min;
    let step = if span <= 10.0 {
        1.0
    } else {
        (span / 5.0).ceil()
    };
    let mut tick = min.ceil();
    while tick <= max {
        let x = x_of(tick);
        let _ = write!(
            out,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#dddddd\"/>",
            coord(x),
            coord(TOP),
            coord(bottom)
        );
        text(out, x, bottom + 16.0, "middle", &value_label(tick));
        tick += step;
    }
}

/// Approximate drawn width in ems: full-width (CJK, kana, full-width forms) characters take
/// a whole em, everything else a little over half, so Japanese labels are cut as early as they
/// need to be and Latin ones no earlier.
fn ems(character: char) -> f64 {
    let wide = matches!(u32::from(character),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 1.0 } else { 0.6 }
}

fn shorten(label: &str) -> String {
    if label.chars().map(ems).sum::<f64>() <= LABEL_EMS {
        return label.to_owned();
    }
    let mut short = String::new();
    let mut width = ems('…');
    for character in label.chars() {
        width += ems(character);
        if width > LABEL_EMS {
            break;
        }
        short.push(character);
    }
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::super::svg::testing::well_formed;
    use super::*;

    fn chart() -> CompetencyChart<'static> {
        CompetencyChart {
            title: "コンピテンシー 前後 <比較>",
            pre_label: "前",
            post_label: "後",
            empty: "データなし",
            min: 1.0,
            max: 5.0,
        }
    }

    #[test]
    fn draws_one_group_per_competency_with_escaped_labels() {
        let bars = [
            CompetencyBar {
                label: "異文化 & 協働".into(),
                pre: Some(2.5),
                post: Some(3.75),
            },
            CompetencyBar {
                label: "戦略".into(),
                pre: Some(3.0),
                post: None,
            },
        ];
        let svg = competency_pre_post(&chart(), &bars);
        let texts = well_formed(&svg);
        assert!(texts.contains(&"コンピテンシー 前後 <比較>".to_owned()));
        assert!(texts.contains(&"異文化 & 協働".to_owned()));
        assert!(texts.contains(&"3.75".to_owned()));
        assert!(
            texts.contains(&"–".to_owned()),
            "missing post shown as a dash"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"コンピテンシー 前後 &lt;比較&gt;\""));
        assert_eq!(svg.matches("<g>").count(), 2);
    }

    #[test]
    fn bar_lengths_follow_the_scale_and_clamp_at_its_bounds() {
        let bars = [CompetencyBar {
            label: "x".into(),
            pre: Some(1.0),
            post: Some(5.0),
        }];
        let svg = competency_pre_post(&chart(), &bars);
        // At the minimum the bar has no length; at the maximum it spans the whole plot (400).
        assert!(svg.contains("width=\"0\" height=\"14\""), "{svg}");
        assert!(svg.contains("width=\"400\" height=\"14\""), "{svg}");
        let beyond = [CompetencyBar {
            label: "x".into(),
            pre: Some(-3.0),
            post: Some(99.0),
        }];
        let clamped = competency_pre_post(&chart(), &beyond);
        well_formed(&clamped);
        assert!(clamped.contains("width=\"0\" height=\"14\""));
        assert!(clamped.contains("width=\"400\" height=\"14\""));
        // The labels still tell the true values.
        assert!(clamped.contains(">99<"));
    }

    #[test]
    fn empty_and_non_finite_data_still_make_a_valid_chart() {
        let empty = competency_pre_post(&chart(), &[]);
        assert!(well_formed(&empty).contains(&"データなし".to_owned()));
        let nan = [CompetencyBar {
            label: "x".into(),
            pre: Some(f64::NAN),
            post: Some(f64::INFINITY),
        }];
        let svg = competency_pre_post(&chart(), &nan);
        well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let silly_scale = CompetencyChart {
            min: 5.0,
            max: 5.0,
            ..chart()
        };
        well_formed(&competency_pre_post(&silly_scale, &nan));
    }

    #[test]
    fn output_is_deterministic_and_long_labels_are_shortened() {
        let bars = [CompetencyBar {
            label: "グローバル・リーダーシップと変革のマネジメント".into(),
            pre: Some(2.0),
            post: Some(4.0),
        }];
        let first = competency_pre_post(&chart(), &bars);
        assert_eq!(first, competency_pre_post(&chart(), &bars));
        let texts = well_formed(&first);
        // 13 full-width characters and the ellipsis fit in the label column.
        assert!(texts.contains(&"グローバル・リーダーシップ…".to_owned()));
        assert!(texts.contains(&"グローバル・リーダーシップと変革のマネジメント".to_owned()));
    }

    #[test]
    fn latin_labels_get_more_characters_than_japanese_ones() {
        assert_eq!(shorten("Perspective-taking"), "Perspective-taking");
        let long = shorten("Communicating across language barriers");
        assert!(long.ends_with('…'));
        assert!(long.chars().count() > 16, "{long}");
        assert!(long.chars().map(ems).sum::<f64>() <= LABEL_EMS);
    }
}
