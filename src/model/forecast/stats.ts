/**
 * The statistics the forecast needs, written out (the model takes no packages): ordinary least
 * squares of a line, and the Student t quantile for prediction intervals.
 */

export interface LineFit {
  intercept: number
  slope: number
  /** Residual sum of squares. */
  rss: number
  n: number
  /** Mean of x, and the sum of squared deviations of x: the prediction interval's leverage terms. */
  meanX: number
  sxx: number
}

/** y = intercept + slope x by least squares (at least two distinct x). */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length
  let sx = 0
  let sy = 0
  for (let i = 0; i < n; i++) {
    sx += x[i]
    sy += y[i]
  }

  const meanX = sx / n
  const meanY = sy / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - meanX) ** 2
    sxy += (x[i] - meanX) * (y[i] - meanY)
  }

  const slope = sxx === 0 ? 0 : sxy / sxx
  const intercept = meanY - slope * meanX
  let rss = 0
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2
  return {intercept, meanX, n, rss, slope, sxx}
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). */
function logGamma(x: number): number {
  const g = [
    0.999_999_999_999_809_9, 676.520_368_121_885_1, -1259.139_216_722_402_8, 771.323_428_777_653_1,
    -176.615_029_162_140_6, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = g[0]
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += g[i] / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The continued fraction of the regularised incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-15) break
  }

  return h
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t))
  return t >= 0 ? 1 - tail : tail
}

/** The t with P(T <= t) = p, for 0.5 <= p < 1 (bisection on the distribution function: 1e-12 of a unit). */
export function studentTQuantile(p: number, df: number): number {
  let lo = 0
  let hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }

  return (lo + hi) / 2
}
