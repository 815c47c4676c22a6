/**
 * The text of `bench lambda`: the plan of a dry run, the result of a run (the tuning sections,
 * then what was created, cleaned up and restored), and what `--cleanup` finished.
 */
import type {MutationReport} from '../model/common/mutation.js'
import type {
  BenchCleanupResult,
  BenchDryRun,
  BenchLambdaResult,
  FunctionSettings,
  FunctionSummary,
  Recovery,
  TuningResult,
} from '../model/index.js'
import {describeSettings} from '../model/index.js'
import type {RenderOptions, Section} from './document.js'
import {renderDocument} from './document.js'
import {tuningSections} from './lambda-tuning.js'
import {mutationSections, renderMutationReport} from './mutation.js'
import {count, num, usd} from './numbers.js'

function functionLine(f: FunctionSummary): string {
  return `${f.name} (${f.arn}): ${f.architecture}, ${f.original.memoryMb} MB, timeout ${f.timeoutSeconds} s`
}

/** What happens around each invocation: the pause, the processors (nothing when none). */
function aroundLines(o: {sleepBetweenMs: number; preProcessor: string | null; postProcessor: string | null}): string[] {
  return [
    ...(o.sleepBetweenMs > 0
      ? [`A pause of ${num(o.sleepBetweenMs)} ms before each invocation but the first (--sleep-between-runs)`]
      : []),
    ...(o.preProcessor ? [`Before each invocation: ${o.preProcessor} (pre-processor, not measured)`] : []),
    ...(o.postProcessor ? [`After each invocation: ${o.postProcessor} (post-processor, not measured)`] : []),
  ]
}

const list = (items: string[]) => (items.length === 0 ? 'none' : items.join(', '))

export function dryRunSections(p: BenchDryRun): Section[] {
  const {plan} = p
  const lines = [
    `Function: ${functionLine(p.function)}`,
    `Memory sizes: ${plan.sizes.join(', ')} MB (${plan.sizes.length})`,
    `Invocations: ${num(plan.invocations)} (${plan.invocationsPerSize} per size, ${plan.parallel === 1 ? 'serially' : `${plan.parallel} at a time`}${plan.coldStarts ? ', each on a fresh version: all cold starts' : ''}), payload: ${plan.payload}`,
    ...aroundLines(plan),
    `Created and deleted again: ${count(plan.versions, 'version')} and as many aliases (miyabi-bench-<run>-<MB>)`,
    `Cost of the benchmark: at least ${usd(plan.minCostUsd)} (requests), at most ${usd(plan.maxCostUsd)} if every invocation ran to the ${p.function.timeoutSeconds} s timeout (prices: ${p.priceBook.source} ${p.priceBook.date}, ${p.priceBook.region})`,
  ]
  return [
    {lines, title: 'Plan of bench lambda (dry run: nothing changed, nothing invoked)'},
    {
      table: {
        align: ['left', 'right'],
        head: ['Call', 'Count'],
        rows: plan.calls.map(c => [c.action, `${c.atLeast ? 'at least ' : ''}${num(c.count)}`]),
      },
      title: 'AWS calls',
    },
  ]
}

function restoreText(subject: string, r: MutationReport<FunctionSettings>): string {
  return renderMutationReport(r, {describe: describeSettings, subject})
}

function recoveryLines(r: Recovery): string[] {
  if (r.note)
    return [
      `Earlier run ${r.runId} (${r.startedAt}) on ${r.function.name}: ${r.note}; journal ${r.journalRemoved ? 'removed' : 'kept for the next --cleanup'}`,
    ]
  return [
    `Earlier run ${r.runId} (${r.startedAt}) on ${r.function.name}:`,
    ...restoreText(`  restore of ${r.function.name}`, r.restore).trimEnd().split('\n'),
    `  deleted: aliases ${list(r.cleanup.deleted.aliases)}; versions ${list(r.cleanup.deleted.versions)}`,
    ...(r.cleanup.leftOver.aliases.length + r.cleanup.leftOver.versions.length > 0
      ? [
          `  STILL THERE: aliases ${list(r.cleanup.leftOver.aliases)}; versions ${list(r.cleanup.leftOver.versions)}${r.cleanup.error ? ` (${r.cleanup.error})` : ''}`,
        ]
      : []),
    `  journal: ${r.journalRemoved ? 'removed' : 'kept for the next --cleanup'}`,
  ]
}

/** The run without its restore reports (the text prints them as lines, Markdown as tables). */
function benchRunSections(r: BenchLambdaResult, opts: RenderOptions): Section[] {
  const sections: Section[] = []
  if (r.recovered.length > 0)
    sections.push({lines: r.recovered.flatMap(recoveryLines), title: 'Earlier runs finished first'})
  sections.push({
    lines: [
      `Function: ${functionLine(r.function)}`,
      `Run ${r.run.id}: ${r.run.sizes.length} memory sizes x ${r.run.num} invocations, ${r.run.parallel === 1 ? 'serially' : `${r.run.parallel} at a time`}${r.run.coldStarts ? ', cold starts only' : ''}; payload: ${r.run.payload}`,
      ...aroundLines(r.run),
      `Cost of this benchmark: ${usd(r.benchmarkCost.usd)} for ${num(r.benchmarkCost.invocations)} invocations, each as billed, requests included${r.run.preProcessor || r.run.postProcessor ? " (the processors' invocations aside)" : ''}`,
      ...(r.run.accountMaxMb === null ? [] : [`Stopped at this account's maximum memory, ${r.run.accountMaxMb} MB`]),
      ...(r.run.interrupted ? [`Interrupted after ${r.measurements.length} of ${r.run.sizes.length} sizes`] : []),
      ...(r.run.error ? [`Stopped: ${r.run.error}`] : []),
    ],
    title: 'bench lambda',
  })
  if (r.rows.length > 0) sections.push(...tuningSections(r as TuningResult, opts))
  const allCold = r.rows.filter(x => x.coldStarts === x.samples && !r.run.coldStarts && x.samples > 1)
  if (allCold.length > 0)
    sections.push({
      lines: [
        `Every invocation at ${allCold.map(x => `${x.memoryMb}`).join(', ')} MB was a cold start (each size is a new version; --parallel ${r.run.parallel} starts that many environments): raise --num to measure warm invocations too`,
      ],
      title: 'Note',
    })
  sections.push({
    lines: [
      `Created: versions ${list(r.created.versions)}; aliases ${list(r.created.aliases)}`,
      `Deleted: versions ${list(r.cleanedUp.versions)}; aliases ${list(r.cleanedUp.aliases)}`,
      ...(r.leftOver.aliases.length + r.leftOver.versions.length > 0
        ? [
            `STILL THERE: versions ${list(r.leftOver.versions)}; aliases ${list(r.leftOver.aliases)} (journal ${r.journal}; run "miyabi bench lambda --cleanup")`,
          ]
        : []),
    ],
    title: 'Cleanup',
  })
  return sections
}

export function benchResultSections(r: BenchLambdaResult, opts: RenderOptions): Section[] {
  return [
    ...benchRunSections(r, opts),
    ...mutationSections(r.restore, {describe: describeSettings, subject: `Restore of ${r.function.name}`}),
    ...(r.autoOptimize
      ? mutationSections(r.autoOptimize, {describe: describeSettings, subject: `--auto-optimize on ${r.function.name}`})
      : []),
  ]
}

export function renderBenchResult(
  r: BenchLambdaResult,
  width = Number.POSITIVE_INFINITY,
  options: {color?: boolean; wide?: boolean} = {},
): string {
  return `${renderDocument(benchRunSections(r, {...options, width}), 'table', width, options)}${restoreText(`Restore of ${r.function.name}`, r.restore)}${r.autoOptimize ? restoreText(`--auto-optimize on ${r.function.name}`, r.autoOptimize) : ''}`
}

function cleanupLines(c: BenchCleanupResult): string[] {
  return [
    ...c.cleanup.flatMap(recoveryLines),
    ...c.running.map(x => `Run ${x.runId} on ${x.function} is still running (pid ${x.pid}): left alone`),
    ...c.unreadable.map(p => `Unreadable journal ${p}: left alone`),
  ]
}

export function cleanupSections(c: BenchCleanupResult): Section[] {
  const lines = cleanupLines(c)
  return [
    {
      lines: lines.length === 0 ? ['Nothing to clean up: no earlier run left a journal.'] : lines,
      title: 'bench lambda --cleanup',
    },
  ]
}

export function renderCleanup(c: BenchCleanupResult): string {
  const lines = cleanupLines(c)
  return `${lines.length === 0 ? 'Nothing to clean up: no earlier run left a journal.' : lines.join('\n')}\n`
}
