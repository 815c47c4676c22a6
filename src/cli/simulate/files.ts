import type {SimulateReport, SimulationResult} from '../../model/index.js'
import {groupThousands} from '../../model/index.js'
import type {ChartSeries} from '../../render/simulate.js'
import type {OutputFile} from '../../files/output-file.js'
import {checkOutputFile, formatBytes, writeOutputFile} from '../../files/output-file.js'
import {seriesCsv} from '../../render/simulate-csv.js'
import {simulateHtml} from '../../render/simulate-html.js'

/** The files `simulate` was asked to write (--csv, --html). */
export function simulateOutputFiles(flags: {csv?: string; html?: string}): {csv?: OutputFile; html?: OutputFile} {
  const files = {
    csv: flags.csv === undefined ? undefined : {flag: 'csv', path: flags.csv},
    html: flags.html === undefined ? undefined : {flag: 'html', path: flags.html},
  }
  // A path that cannot be written is refused before the run, not after it (exit 2).
  for (const file of [files.csv, files.html]) if (file) checkOutputFile(file)
  return files
}

/** Writes the CSV series and the HTML report; returns one line per file saying what went where. */
export async function writeSimulateFiles(
  files: {csv?: OutputFile; html?: OutputFile},
  run: {startMs: number; results: SimulationResult[]; report: SimulateReport; charts: ChartSeries[]},
): Promise<string[]> {
  const notes: string[] = []
  if (files.csv) {
    const series = run.results.map(r => ({policy: r.policy.name, series: r.series!}))
    const bytes = writeOutputFile(files.csv, seriesCsv(run.startMs, series))
    const rows = series.reduce((n, s) => n + s.series.queue.length, 0)
    notes.push(`wrote ${groupThousands(rows, 0)} rows of the series (CSV, ${formatBytes(bytes)}) to ${files.csv.path}`)
  }

  if (files.html) {
    const bytes = writeOutputFile(files.html, [simulateHtml(run.report, run.charts)])
    notes.push(`wrote the HTML report (${formatBytes(bytes)}) to ${files.html.path}`)
  }

  return notes
}
