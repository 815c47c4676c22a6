/**
 * An independent Erlang C for checking the model: the textbook formula
 *   C(c, a) = [a^c / c! x c / (c - a)] / [sum_{k<c} a^k / k! + a^c / c! x c / (c - a)]
 * evaluated in log space (log-sum-exp), so it neither overflows at c = 100,000 nor shares
 * any code with the model's Erlang B recursion.
 */
export function erlangCLogSpace(c: number, a: number): number {
  const logA = Math.log(a)
  const logs: number[] = []
  let logFactorial = 0 // log(k!)
  for (let k = 0; k < c; k++) {
    if (k > 0) logFactorial += Math.log(k)
    logs.push(k * logA - logFactorial)
  }

  const logCFactorial = logFactorial + Math.log(c)
  const logLast = c * logA - logCFactorial + Math.log(c / (c - a))
  const m = Math.max(logLast, ...maxOf(logs))
  let sum = Math.exp(logLast - m)
  for (const l of logs) sum += Math.exp(l - m)
  return Math.exp(logLast - m) / sum
}

// Spreading 100,000 numbers into Math.max overflows the call stack; reduce instead.
function maxOf(values: number[]): [number] {
  let m = Number.NEGATIVE_INFINITY
  for (const v of values) if (v > m) m = v
  return [m]
}
