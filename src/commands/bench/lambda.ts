import {Flags} from '@oclif/core'

import {awsConnectionFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {benchOutcome} from '../../cli/lambda/bench-lambda.js'
import {durationSecondsFlag, numberFlag} from '../../cli/core/flags.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import {checkOutputFile, writeOutputFile} from '../../files/output-file.js'
import {tuningFlags} from '../../cli/lambda/flags.js'
import {pricesFlag} from '../../cli/pricing/flags.js'
import {outputWidth} from '../../cli/core/terminal.js'
import {UsageError} from '../../errors.js'
import {benchHtml} from '../../render/lambda-html.js'
import {benchResultSections, cleanupSections, dryRunSections, renderBenchResult, renderCleanup} from '../../render/lambda-bench.js'
import type {BenchCleanupResult, BenchDryRun, BenchLambdaResult} from '../../model/index.js'
import {DEFAULT_BALANCED_WEIGHT, DEFAULT_INVOCATIONS_PER_SIZE, DEFAULT_POWER_VALUES, DURATION_RANGES, parsePowerValues, RANGES} from '../../model/index.js'

export default class BenchLambda extends MiyabiCommand {
  static override summary = 'Measure a Lambda function at several memory sizes and pick the best, without deploying anything.'
  static override description = `For each memory size (--power-values): set the function's memory, wait until the update is done (LastUpdateStatus Successful), publish a version, point a temporary alias at it, and invoke it --num times (serially, or --parallel N at a time), reading Duration, Billed Duration and Init Duration from the REPORT of each invocation's log tail. Then the same table, chart and winners as "miyabi tune lambda".

Afterwards the function's original memory and description are restored and every version and alias the run created is deleted: also after an error or Ctrl-C, and, if the process dies, by the next run or "--cleanup" (a journal in the CLI's cache directory). Aliases are named miyabi-bench-<run>-<MB>, and nothing the run did not create (an alias such as RAM1024, or any of yours) is ever changed or deleted.

--dry-run reads the function and prints the plan (the calls, the invocations, what the benchmark itself may cost) without changing anything. --auto-optimize then sets the winning memory size for good: it asks on a terminal, and needs --yes elsewhere.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> bench lambda --function miyabi-webhook --dry-run',
    '<%= config.bin %> bench lambda --function miyabi-webhook --power-values 128,512,1024,2048 --num 20 --parallel 5 --payload \'{"issue": 1234}\'',
    'cat event.json | <%= config.bin %> bench lambda --function arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook --payload-file - --out bench.json --html bench.html',
    '<%= config.bin %> bench lambda --function miyabi-webhook --strategy balanced --auto-optimize --yes',
    '<%= config.bin %> bench lambda --cleanup',
  ]

  static override flags = {
    ...awsConnectionFlags,
    ...tuningFlags,
    'allowed-errors': Flags.string({description: 'Function error types (errorType) to measure rather than stop at, comma-separated; * for any.', helpValue: 'TYPE,...'}),
    'auto-optimize': Flags.boolean({description: 'Set the winning memory size on the function at the end (asks on a terminal; --yes elsewhere).'}),
    cleanup: Flags.boolean({description: 'Only finish what earlier runs left (restore, delete their versions and aliases), from their journals; with --function, that function\'s only.'}),
    'cold-starts': Flags.boolean({description: 'Measure cold starts only: a fresh version (and alias) for every invocation.'}),
    'dry-run': Flags.boolean({description: 'Read the function and print the plan and its cost; change nothing, invoke nothing.'}),
    format: formatFlag,
    function: Flags.string({char: 'f', description: 'The function: name, ARN or partial ARN (no qualifier: $LATEST is measured).', helpValue: 'NAME|ARN'}),
    html: Flags.string({description: 'Also write a self-contained HTML report (duration and cost against memory).', helpValue: 'FILE'}),
    num: numberFlag('num', {description: `Invocations per memory size (default ${DEFAULT_INVOCATIONS_PER_SIZE}).`, range: RANGES.num}),
    out: Flags.string({description: 'Also write the result as JSON (what "miyabi tune lambda --results" reads).', helpValue: 'FILE'}),
    parallel: numberFlag('parallel', {description: 'Invocations at a time (default 1: serial).', range: RANGES.parallel}),
    payload: Flags.string({description: 'The event to invoke with, as JSON (default {}).', helpValue: 'JSON'}),
    'payload-file': Flags.string({description: 'Read the event from a file; - reads it from stdin.', helpValue: 'FILE|-'}),
    prices: pricesFlag,
    'power-values': Flags.string({description: `Memory sizes in MB, comma-separated, or ALL (every 64 MB from 128 up to the account's maximum) (default ${DEFAULT_POWER_VALUES.join(',')}).`, helpValue: 'MB,...|ALL'}),
    'update-timeout': durationSecondsFlag('update-timeout', 'How long to wait for each configuration update to finish, e.g. 90s, 5m (default 5m).', DURATION_RANGES.updateTimeout),
    'weighted-payloads': Flags.string({description: 'A JSON list of {"payload": ..., "weight": N}: the invocations are shared in proportion to the weights.', helpValue: 'FILE'}),
    yes: Flags.boolean({char: 'y', description: 'Apply --auto-optimize without asking (required when not on a terminal).'}),
  }

  public async run(): Promise<BenchLambdaResult | BenchDryRun | BenchCleanupResult> {
    const {flags} = await this.parse(BenchLambda)
    const {lambdaSession} = await import('../../cli/lambda/bench-session.js')
    if (flags.cleanup) {
      const forbidden = (['dry-run', 'auto-optimize', 'cold-starts', 'payload', 'payload-file', 'weighted-payloads', 'power-values', 'num', 'parallel', 'html', 'out'] as const).filter((f) => flags[f] !== undefined && flags[f] !== false)
      if (forbidden.length > 0) throw new UsageError(`--cleanup only finishes earlier runs: it takes no --${forbidden[0]}`)
      const session = await lambdaSession(this, flags)
      const result = await session.cleanupJournals(flags.function)
      this.print(renderCleanup(result))
      await this.printDocument(result, () => cleanupSections(result))
      const failed = result.cleanup.find((c) => !c.journalRemoved)
      if (failed) this.exitWith(1, `run ${failed.runId} on ${failed.function.name} is not fully cleaned up; its journal is kept for the next --cleanup`)
      return result
    }

    if (!flags.function) throw new UsageError('which function? pass --function NAME|ARN (or --cleanup to finish earlier runs)')
    if (flags['auto-optimize'] && !flags.yes && !flags['dry-run'] && !(process.stdin.isTTY && process.stderr.isTTY))
      throw new UsageError('--auto-optimize changes the function\'s memory for good: pass --yes as well (not on a terminal)')
    const power = flags['power-values'] === undefined ? {all: false, values: [...DEFAULT_POWER_VALUES]} : parsePowerValues(flags['power-values'])
    const num = flags.num ?? DEFAULT_INVOCATIONS_PER_SIZE
    const files = (['out', 'html'] as const).flatMap((flag) => (flags[flag] === undefined ? [] : [{flag, path: flags[flag]!}]))
    for (const file of files) checkOutputFile(file)
    const {resolvePayloads} = await import('../../cli/lambda/bench-payloads.js')
    const payloads = await resolvePayloads(flags, num)
    const session = await lambdaSession(this, flags)
    const options = {
      all: power.all,
      allowedErrors: new Set((flags['allowed-errors'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
      balancedWeight: flags['balanced-weight'] ?? DEFAULT_BALANCED_WEIGHT,
      coldStarts: flags['cold-starts'],
      invocationsPerMonth: flags['invocations-per-month'] ?? null,
      latency: flags.latency ?? null,
      num,
      parallel: flags.parallel ?? 1,
      payloads,
      sizes: power.values,
      strategy: flags.strategy,
      trim: flags.trim,
      visualizationBase: flags['visualization-base'],
    }
    if (flags['dry-run']) {
      const plan = await session.dryRun(flags.function, options)
      await this.printResult(plan, () => dryRunSections(plan))
      return plan
    }

    const result = await session.bench(flags.function, options, {autoOptimize: flags['auto-optimize'], yes: flags.yes})
    for (const file of files) writeOutputFile(file, [file.flag === 'out' ? `${JSON.stringify(result, null, 2)}\n` : benchHtml(result)])
    this.print(renderBenchResult(result, outputWidth()))
    await this.printDocument(result, (options) => benchResultSections(result, options))
    const outcome = benchOutcome(result)
    if (outcome?.warning) this.note(`Warning: ${outcome.message}`)
    else if (outcome) this.exitWith(outcome.code, outcome.message)
    return result
  }

  /** oclif's cache directory for this CLI (MIYABI_CACHE_DIR overrides it): journals and price books. */
  get cacheDir(): string {
    return this.config.cacheDir
  }

  say(text: string): void {
    this.note(text)
  }
}
