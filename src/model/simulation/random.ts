/**
 * A small seeded generator (mulberry32): the simulator's only source of randomness, so
 * a run is reproducible from its seed and the model stays free of Math.random.
 */
export type Random = () => number

export function seededRandom(seed: number): Random {
  let state = (Math.trunc(seed) ^ 0x9e_37_79_b9) >>> 0
  return () => {
    state = (state + 0x6d_2b_79_f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An exponential sample with the given mean. */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random())
}

/**
 * A Poisson sample. Knuth's product method for small means (exact); for large means the
 * normal approximation, whose error is negligible at the rates where it is used (>= 30 a step).
 */
// The last mean's e^-mean: a workload's rate holds for hours, and a year of minutes drew one
// exponential per minute for the same few means.
let lastMean = Number.NaN
let lastLimit = 0

export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0
  if (mean < 30) {
    if (mean !== lastMean) {
      lastMean = mean
      lastLimit = Math.exp(-mean)
    }

    const limit = lastLimit
    let k = 0
    let p = random()
    while (p > limit) {
      k++
      p *= random()
    }

    return k
  }

  const u = 1 - random()
  const v = random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal))
}

/** Successes among n trials of probability p: exact trials for small n, the normal approximation above. */
export function binomial(random: Random, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0
  if (p >= 1) return n
  if (n < 64) {
    let k = 0
    for (let i = 0; i < n; i++) if (random() < p) k++
    return k
  }

  const u = 1 - random()
  const v = random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal)))
}
