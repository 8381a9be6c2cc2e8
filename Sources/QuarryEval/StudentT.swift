import Foundation

/// Student's t distribution, through the regularized incomplete beta function.
///
/// Written from the textbook identities rather than pulled from a numerics library, because
/// QuarryEval has no dependencies: for ν degrees of freedom,
/// `P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, 1/2)`, and `I_x(a, b)` is evaluated with its continued
/// fraction (modified Lentz), using the symmetry `I_x(a,b) = 1 − I_{1−x}(b,a)` where the fraction
/// converges slowly. Accurate to ~1e-14 for the ν and t a paired test over queries produces.
enum StudentT {
    /// Two-sided tail probability `P(|T| ≥ |t|)` for `degreesOfFreedom` > 0.
    static func twoSidedP(t: Double, degreesOfFreedom df: Double) -> Double {
        if t.isInfinite { return 0 }
        let x = df / (df + t * t)
        return min(1, max(0, regularizedIncompleteBeta(a: df / 2, b: 0.5, x: x)))
    }

    /// Cumulative distribution `P(T ≤ t)`.
    static func cdf(t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = twoSidedP(t: t, degreesOfFreedom: df) / 2
        return t >= 0 ? 1 - tail : tail
    }

    /// `I_x(a, b)`, the regularized incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1.
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * continuedFraction(a: b, b: a, x: 1 - x) / b
    }

    /// The continued fraction for `I_x(a,b)`; converges fast when x < (a+1)/(a+b+2).
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-15
        func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var result = d
        for m in 1...500 {
            let m = Double(m)
            // Even step: m(b−m)x / ((a+2m−1)(a+2m)).
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            result *= d * c
            // Odd step: −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let delta = d * c
            result *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return result
    }
}
