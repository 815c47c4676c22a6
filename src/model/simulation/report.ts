/** What `simulate --json` prints (schemaVersion 1): the inputs and each policy's summary and timeline. */
import type {SimulationResult, TimelineRow} from './simulator.js'
import {SIMULATION_SCHEMA_VERSION} from './simulator.js'

/** The canonical result of `miyabi simulate --json`; text, CSV and HTML are rendered from it. */
export interface SimulateReport {
  schemaVersion: number
  input: SimulateInput
  results: SimulationResultJson[]
}

export interface SimulateInput {
  workload: {name: string; description: string}
  start: string
  durationSeconds: number
  stepSeconds: number
  seed: number
  minTasks: number
  maxTasks: number
  taskSize: string
  arch: string
  minutesPerIssue: number
  processing: string
  startupSeconds: number
  metricLagMinutes: number
  priorities: {high: number; standard: number; low: number} | null
  dlq: {failureProbability: number; maxReceiveCount: number; visibilityTimeoutSeconds: number} | null
  fargateTaskHourUsd: number
  /** The price book the task-hour price comes from. */
  priceBook: {source: string; region: string; date: string}
}

export type SimulationResultJson = Omit<SimulationResult, 'series' | 'timeline'> & {
  timeline: (TimelineRow & {time: string})[]
}

/** The JSON report from the runs: series left out (they go to CSV, HTML and charts), times added to timelines. */
export function simulateReport(input: SimulateInput, results: SimulationResult[], startMs: number): SimulateReport {
  return {
    input,
    results: results.map(({series: _series, timeline, ...rest}) => ({
      ...rest,
      timeline: timeline.map(row => ({...row, time: isoAt(startMs, row.minute)})),
    })),
    schemaVersion: SIMULATION_SCHEMA_VERSION,
  }
}

/** Simulated wall-clock time of a minute of the run, UTC (the simulation never reads the real clock). */
export function isoAt(startMs: number, minute: number): string {
  return new Date(startMs + minute * 60_000).toISOString().replace('.000Z', 'Z')
}
