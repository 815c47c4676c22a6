/**
 * `bench lambda`'s flags and the one typed options object they are parsed into. The command
 * parses once (here) and hands the parts to the session whole: what to reach (`session`), what
 * to measure and how to choose (`bench`), what to do at the end (`apply`, `files`). The either/or
 * rules of a few flags are oclif's own (`exclusive`), checked before any work starts.
 */
import {Flags, type Interfaces} from '@oclif/core'

import {parseFunctionRef} from '../../aws/names.js'
import {UsageError} from '../../errors.js'
import {
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_INVOCATIONS_PER_SIZE,
  DEFAULT_POWER_VALUES,
  DURATION_RANGES,
  parsePowerValues,
  RANGES,
} from '../../model/index.js'
import {awsConnectionFlags} from '../core/aws-flags.js'
import {durationSecondsFlag, numberFlag} from '../core/flags.js'
import type {IO} from '../core/io.js'
import {formatFlag, wideFlag} from '../core/format-flag.js'
import {checkOutputFile} from '../../files/output-file.js'
import {pricesFlag} from '../pricing/flags.js'
import type {BenchOptions} from './bench-lambda.js'
import type {SessionFlags} from './bench-session.js'
import {tuningFlags} from './flags.js'
import {resolvePayloads} from './bench-payloads.js'

/**
 * What only a run takes: --cleanup finishes earlier runs and takes none of them. Checked here, not
 * by oclif's `exclusive`: its usage line would list all fourteen in one unbreakable group.
 */
const RUN_ONLY = [
  'dry-run',
  'auto-optimize',
  'cold-starts',
  'payload',
  'payload-file',
  'weighted-payloads',
  'power-values',
  'num',
  'parallel',
  'html',
  'out',
  'sleep-between-runs',
  'pre-processor',
  'post-processor',
]
const PAYLOADS = ['payload', 'payload-file', 'weighted-payloads']
const others = (all: string[], self: string) => all.filter(f => f !== self)

const processor = (when: string) =>
  Flags.string({
    description: `A Lambda function in the same region (name or ARN, no qualifier) invoked ${when}; not measured, not in the benchmark's cost. As in aws-lambda-power-tuning, its failure stops the run.`,
    helpValue: 'FUNCTION',
  })

export const benchLambdaFlags = {
  ...awsConnectionFlags,
  ...tuningFlags,
  'allowed-errors': Flags.string({
    description: 'Function error types (errorType) to measure rather than stop at, comma-separated; * for any.',
    helpValue: 'TYPE,...',
  }),
  'auto-optimize': Flags.boolean({
    description: 'Set the winning memory size on the function at the end (asks on a terminal; --yes elsewhere).',
  }),
  cleanup: Flags.boolean({
    description:
      "Only finish what earlier runs left (restore, delete their versions and aliases), from their journals; with --function, that function's only.",
  }),
  'cold-starts': Flags.boolean({
    description: 'Measure cold starts only: a fresh version (and alias) for every invocation.',
  }),
  'dry-run': Flags.boolean({
    description: 'Read the function and print the plan and its cost; change nothing, invoke nothing.',
  }),
  format: formatFlag,
  function: Flags.string({
    char: 'f',
    description: 'The function: name, ARN or partial ARN (no qualifier: $LATEST is measured).',
    helpValue: 'NAME|ARN',
  }),
  html: Flags.string({
    description: 'Also write a self-contained HTML report (duration and cost against memory).',
    helpValue: 'FILE',
  }),
  num: numberFlag('num', {
    description: `Invocations per memory size (default ${DEFAULT_INVOCATIONS_PER_SIZE}).`,
    range: RANGES.num,
  }),
  out: Flags.string({
    description: 'Also write the result as JSON (what "miyabi tune lambda --results" reads).',
    helpValue: 'FILE',
  }),
  parallel: numberFlag('parallel', {description: 'Invocations at a time (default 1: serial).', range: RANGES.parallel}),
  payload: Flags.string({
    description: 'The event to invoke with, as JSON (default {}).',
    exclusive: others(PAYLOADS, 'payload'),
    helpValue: 'JSON',
  }),
  'payload-file': Flags.string({
    description: 'Read the event from a file; - reads it from stdin.',
    exclusive: others(PAYLOADS, 'payload-file'),
    helpValue: 'FILE|-',
  }),
  'post-processor': processor('after each measured invocation, with what the function returned'),
  'power-values': Flags.string({
    description: `Memory sizes in MB, comma-separated, or ALL (every 64 MB from 128 up to the account's maximum) (default ${DEFAULT_POWER_VALUES.join(',')}).`,
    helpValue: 'MB,...|ALL',
  }),
  'pre-processor': processor(
    'before each measured invocation with its payload; what it returns, when anything, is the payload sent',
  ),
  prices: pricesFlag,
  'sleep-between-runs': {
    ...durationSecondsFlag(
      'sleep-between-runs',
      'A pause before each invocation but the first, e.g. 500ms, 2s (for throttled or rate-limited downstreams; serial runs only) (default none).',
      DURATION_RANGES.sleepBetweenRuns,
    ),
    exclusive: ['parallel'],
  },
  'update-timeout': durationSecondsFlag(
    'update-timeout',
    'How long to wait for each configuration update to finish, e.g. 90s, 5m (default 5m).',
    DURATION_RANGES.updateTimeout,
  ),
  'weighted-payloads': Flags.string({
    description:
      'A JSON list of {"payload": ..., "weight": N}: the invocations are shared in proportion to the weights.',
    exclusive: others(PAYLOADS, 'weighted-payloads'),
    helpValue: 'FILE',
  }),
  wide: wideFlag,
  yes: Flags.boolean({
    char: 'y',
    description: 'Apply --auto-optimize without asking (required when not on a terminal).',
  }),
}

/** The flags as oclif parses them (the command's `this.parse`). */
export type ParsedBenchFlags = Interfaces.InferredFlags<typeof benchLambdaFlags>

export type BenchLambdaOptions =
  | {mode: 'cleanup'; function: string | undefined; session: SessionFlags}
  | {
      mode: 'dry-run' | 'run'
      function: string
      session: SessionFlags
      bench: BenchOptions
      apply: {autoOptimize: boolean; yes: boolean}
      /** --out and --html, checked writable before the run. */
      files: {flag: 'out' | 'html'; path: string}[]
    }

/**
 * The flags, once, as the options the session and the run take. The payloads are read here (a
 * file, or stdin), so a bad one is refused before any AWS call; `io.canPrompt` says whether
 * --auto-optimize may ask instead of needing --yes.
 */
export async function parseBenchOptions(
  flags: ParsedBenchFlags,
  io: Pick<IO, 'canPrompt' | 'stdin'>,
): Promise<BenchLambdaOptions> {
  if (flags.cleanup) {
    const given = RUN_ONLY.find(
      f => flags[f as keyof typeof flags] !== undefined && flags[f as keyof typeof flags] !== false,
    )
    if (given) throw new UsageError(`--cleanup only finishes earlier runs: it takes no --${given}`)
    return {function: flags.function, mode: 'cleanup', session: flags}
  }

  if (!flags.function)
    throw new UsageError('which function? pass --function NAME|ARN (or --cleanup to finish earlier runs)')
  if (flags['auto-optimize'] && !flags.yes && !flags['dry-run'] && !io.canPrompt)
    throw new UsageError(
      "--auto-optimize changes the function's memory for good: pass --yes as well (not on a terminal)",
    )
  const power =
    flags['power-values'] === undefined
      ? {all: false, values: [...DEFAULT_POWER_VALUES]}
      : parsePowerValues(flags['power-values'])
  const num = flags.num ?? DEFAULT_INVOCATIONS_PER_SIZE
  const files = (['out', 'html'] as const).flatMap(flag =>
    flags[flag] === undefined ? [] : [{flag, path: flags[flag]}],
  )
  for (const file of files) checkOutputFile(file)
  for (const flag of ['pre-processor', 'post-processor'] as const)
    if (flags[flag] !== undefined) parseFunctionRef(flags[flag], `--${flag}`)
  return {
    apply: {autoOptimize: flags['auto-optimize'], yes: flags.yes},
    bench: {
      all: power.all,
      allowedErrors: new Set(
        (flags['allowed-errors'] ?? '')
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
      ),
      balancedWeight: flags['balanced-weight'] ?? DEFAULT_BALANCED_WEIGHT,
      coldStarts: flags['cold-starts'],
      invocationsPerMonth: flags['invocations-per-month'] ?? null,
      latency: flags.latency ?? null,
      num,
      parallel: flags.parallel ?? 1,
      payloads: await resolvePayloads(flags, num, io),
      postProcessor: flags['post-processor'] ?? null,
      preProcessor: flags['pre-processor'] ?? null,
      sizes: power.values,
      sleepBetweenMs: Math.round((flags['sleep-between-runs'] ?? 0) * 1000),
      strategy: flags.strategy,
      trim: flags.trim,
      visualizationBase: flags['visualization-base'],
    },
    files,
    function: flags.function,
    mode: flags['dry-run'] ? 'dry-run' : 'run',
    session: flags,
  }
}
