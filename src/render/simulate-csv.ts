import type {SimulationSeries} from '../model/index.js'

export const CSV_HEADER = 'time,policy,queue,desired,running,busy'

/**
 * The series as CSV, one row per series point per policy (the maximum queue, desired and
 * running counts in the interval, and the mean busy tasks), yielded in chunks so a year of
 * minutes never sits in memory as one string.
 */
export function* seriesCsv(startMs: number, runs: {policy: string; series: SimulationSeries}[], rowsPerChunk = 20_000): Generator<string> {
  yield `${CSV_HEADER}\n`
  for (const {policy, series} of runs) {
    const name = /[",\n]/.test(policy) ? `"${policy.replaceAll('"', '""')}"` : policy
    let chunk: string[] = []
    for (let i = 0; i < series.queue.length; i++) {
      const time = new Date(startMs + i * series.everyMinutes * 60_000).toISOString().replace('.000Z', 'Z')
      chunk.push(`${time},${name},${series.queue[i]},${series.desired[i]},${series.running[i]},${Math.round(series.busy[i] * 100) / 100}`)
      if (chunk.length === rowsPerChunk) {
        yield `${chunk.join('\n')}\n`
        chunk = []
      }
    }

    if (chunk.length > 0) yield `${chunk.join('\n')}\n`
  }
}
