/**
 * Erlang B by the iterative recursion B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1)).
 * Every term stays in [0, 1], so it is stable for any c (factorial forms overflow past c ≈ 170).
 */
export function erlangB(servers: number, offeredLoad: number): number {
  assertServers(servers)
  if (offeredLoad <= 0) return 0
  let b = 1
  for (let k = 1; k <= servers; k++) b = nextErlangB(b, k, offeredLoad)
  return b
}

/** B(k) from B(k-1): lets a search over c advance one server at O(1) cost. */
export function nextErlangB(previous: number, k: number, offeredLoad: number): number {
  const ab = offeredLoad * previous
  return ab / (k + ab)
}

/** Erlang C from Erlang B: C = c·B / (c - a·(1 - B)); 1 when the queue is unstable (a >= c). */
export function erlangCFromB(servers: number, offeredLoad: number, b: number): number {
  if (offeredLoad <= 0) return 0
  if (offeredLoad >= servers) return 1
  return (servers * b) / (servers - offeredLoad * (1 - b))
}

/** Probability that an arrival waits, in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(servers: number, offeredLoad: number): number {
  return erlangCFromB(servers, offeredLoad, erlangB(servers, offeredLoad))
}

function assertServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 1)
    throw new RangeError(`servers must be a positive integer, got ${servers}`)
}
