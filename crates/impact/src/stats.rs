//! Small numerical building blocks: mean, sample standard deviation and the Student t
//! distribution (CDF and quantile).
//!
//! Why our own t quantile instead of `statrs`: we need one function (the 97.5 % point for a
//! confidence interval), and statrs brings a matrix library and random-number code behind
//! its defaults for it. The method is textbook and short: the t CDF is the regularized
//! incomplete beta function, `P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)` for t ≥ 0 (Abramowitz &
//! Stegun 26.7.1 with 26.5.27), evaluated by its continued fraction (DLMF 8.17.22, modified
//! Lentz), with ln Γ from the Stirling series. The quantile inverts the
//! CDF by bisection, which cannot diverge and reaches full double precision in under 200
//! steps; it is checked against the closed forms for ν = 1 and 2 and against printed tables.

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample standard deviation (denominator n − 1); `None` below two values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    sample_variance(values).map(f64::sqrt)
}

/// Sample variance (denominator n − 1); `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some(ss / (values.len() - 1) as f64)
}

/// ln Γ(x) for x > 0: shift x up to at least 15 with Γ(x+1) = xΓ(x), then the Stirling
/// series through the x⁻⁹ term (next term below 3e-16 there).
fn ln_gamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 15.0 {
        shift += x.ln();
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            + inv2
                * (-1.0 / 360.0 + inv2 * (1.0 / 1260.0 + inv2 * (-1.0 / 1680.0 + inv2 / 1188.0))));
    (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + series - shift
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=500 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + even * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + even / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + odd * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + odd / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
fn regularized_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The fraction converges fast only on this side of the mean; use symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

/// P(T ≤ t) for Student's t with `df` > 0 degrees of freedom. NaN in, NaN out.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let x = df / (df + t * t);
    let tail = 0.5 * regularized_beta(df / 2.0, 0.5, x);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The `p` quantile of Student's t with `df` > 0 degrees of freedom; `None` unless
/// 0 < p < 1 and df > 0 (both finite).
pub fn t_quantile(p: f64, df: f64) -> Option<f64> {
    let valid_p = p > 0.0 && p < 1.0;
    let valid_df = df > 0.0 && df.is_finite();
    if !valid_p || !valid_df {
        return None;
    }
    if p < 0.5 {
        return t_quantile(1.0 - p, df).map(|q| -q);
    }
    if p == 0.5 {
        return Some(0.0);
    }
    let mut high = 1.0_f64;
    while t_cdf(high, df) < p {
        high *= 2.0;
        if !high.is_finite() {
            return None;
        }
    }
    let mut low = 0.0_f64;
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        if t_cdf(mid, df) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(0.5 * (low + high))
}

/// The two-sided 95 % critical value of Student's t (the 97.5 % quantile).
pub fn t_critical_95(df: f64) -> Option<f64> {
    t_quantile(0.975, df)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn ln_gamma_known_values() {
        // Γ(1) = Γ(2) = 1, Γ(5) = 24, Γ(½) = √π.
        assert!(close(ln_gamma(1.0), 0.0, 1e-13));
        assert!(close(ln_gamma(2.0), 0.0, 1e-13));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-13));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-13
        ));
    }

    #[test]
    fn t_quantile_matches_closed_forms() {
        // ν = 1 is Cauchy: q = tan(π(p − ½)); ν = 2: q = (2p − 1)/√(2p(1 − p)).
        for p in [0.6, 0.9, 0.975, 0.995, 0.9995] {
            let cauchy = (std::f64::consts::PI * (p - 0.5)).tan();
            let q1 = t_quantile(p, 1.0).unwrap();
            assert!(
                close(q1, cauchy, 1e-9 * cauchy.max(1.0)),
                "{p}: {q1} vs {cauchy}"
            );
            let two = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
            let q2 = t_quantile(p, 2.0).unwrap();
            assert!(close(q2, two, 1e-9 * two.max(1.0)), "{p}: {q2} vs {two}");
        }
    }

    #[test]
    fn t_critical_95_matches_printed_tables() {
        // Two-sided 0.05 column of the t table (6 decimals, e.g. NIST/SEMATECH 1.3.6.7.2).
        let table = [
            (1.0, 12.706205),
            (2.0, 4.302653),
            (5.0, 2.570582),
            (10.0, 2.228139),
            (30.0, 2.042272),
            (120.0, 1.979930),
        ];
        for (df, expected) in table {
            let q = t_critical_95(df).unwrap();
            assert!(close(q, expected, 5e-7), "df {df}: {q} vs {expected}");
        }
        // Large ν approaches the normal 1.959964.
        assert!(close(t_critical_95(1e7).unwrap(), 1.959964, 1e-6));
    }

    #[test]
    fn t_cdf_is_symmetric_and_inverts_the_quantile() {
        for df in [1.0, 3.0, 7.5, 40.0] {
            assert!(close(t_cdf(0.0, df), 0.5, 1e-15));
            for t in [0.3, 1.0, 2.5, 9.0] {
                assert!(close(t_cdf(t, df) + t_cdf(-t, df), 1.0, 1e-13));
                let p = t_cdf(t, df);
                if p > 0.999_999 {
                    // 1 − p keeps too few digits there to invert to 1e-8.
                    continue;
                }
                let q = t_quantile(p, df).unwrap();
                assert!(close(q, t, 1e-8), "df {df} t {t}: {q}");
            }
        }
    }

    #[test]
    fn t_quantile_rejects_bad_arguments() {
        assert_eq!(t_quantile(0.0, 5.0), None);
        assert_eq!(t_quantile(1.0, 5.0), None);
        assert_eq!(t_quantile(f64::NAN, 5.0), None);
        assert_eq!(t_quantile(0.9, 0.0), None);
        assert_eq!(t_quantile(0.9, f64::INFINITY), None);
        assert_eq!(t_quantile(0.5, 3.0), Some(0.0));
        assert!(close(t_quantile(0.025, 10.0).unwrap(), -2.228139, 5e-7));
    }

    #[test]
    fn mean_and_sd() {
        assert_eq!(mean(&[]), None);
        assert_eq!(sample_sd(&[1.0]), None);
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32/7.
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&v), Some(5.0));
        assert!(close(sample_variance(&v).unwrap(), 32.0 / 7.0, 1e-12));
    }
}
