import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag, wideFlag} from '../../cli/core/format-flag.js'
import {configFlags} from '../../cli/core/config-flag.js'
import {archFlag, numberFlag} from '../../cli/core/flags.js'
import {readInputFile} from '../../files/input-file.js'
import {lambdaPriceBook} from '../../cli/lambda/prices.js'
import {livePriceFlags, pricesFlag} from '../../cli/pricing/flags.js'
import {tuningFlags} from '../../cli/lambda/flags.js'
import {UsageError} from '../../errors.js'
import type {LambdaArchitecture, Measurement, TuningResult} from '../../model/index.js'
import {
  DEFAULT_BALANCED_WEIGHT,
  measurementsFromResults,
  parseMeasureSpec,
  quoteInput,
  RANGES,
  tune,
} from '../../model/index.js'
import {tuningSections, tuningSummary} from '../../render/lambda-tuning.js'

export default class TuneLambda extends MiyabiCommand {
  static override summary = 'Pick a Lambda memory size from measured durations, offline.'
  static override description = `Takes durations measured at several memory sizes (--measure, or a results file written by "miyabi bench lambda --out") and shows, per size: the duration statistics (mean, trimmed mean without the top and bottom --trim share, 20% by default, p50/p95/p99), the billed duration (SnapStart's Billed Restore Duration included), cold starts, the cost per invocation and per million (request charge included), and the change against --current. Then a chart of duration and cost against memory, the winner of each strategy: cost (cheapest, ties to the faster), speed (fastest, ties to the cheaper) and balanced (lowest w x cost/maxCost + (1 - w) x duration/maxDuration), and a link that opens the result in aws-lambda-power-tuning's visualizer.

The duration compared (--latency) is the handler's, or the total a cold caller waits (Init + Restore + Duration): total by default when every invocation is a cold start.

Nothing is called: no AWS account is needed. Prices: the region's price book (--prices: the cached book from "miyabi pricing refresh" when there is one, else the embedded us-east-1 list prices; miyabi.yaml's overrides on top).

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> tune lambda --measure 128=2000,512=500,1024=240',
    '<%= config.bin %> tune lambda --measure 512=480/510/495,1024=250/240/262 --current 512 --invocations-per-month 3000000',
    '<%= config.bin %> tune lambda --results bench.json --strategy balanced --balanced-weight 0.3',
  ]

  static override flags = {
    ...tuningFlags,
    arch: archFlag("Lambda architecture for prices (default: the results file's, else x86_64)."),
    ...configFlags,
    current: numberFlag('current', {
      description: 'The memory size the function has now, to compare against (it must be measured).',
      helpValue: 'MB',
      range: RANGES.current,
    }),
    format: formatFlag,
    ...livePriceFlags,
    prices: pricesFlag,
    measure: Flags.string({
      exclusive: ['results'],
      description: 'Measured durations as MB=ms pairs, e.g. 128=2000,512=500,1024=240; several samples as MB=ms/ms/ms.',
      helpValue: 'MB=ms,...',
    }),
    region: Flags.string({
      description: "AWS region for prices (default: miyabi.yaml's region, else us-east-1).",
      helpValue: 'REGION',
    }),
    results: Flags.string({
      exclusive: ['measure'],
      description: 'A results file written by "miyabi bench lambda --out".',
      helpValue: 'FILE',
    }),
    wide: wideFlag,
  }

  public async run(): Promise<TuningResult> {
    const {flags} = await this.parse(TuneLambda)
    if (flags.measure === undefined && flags.results === undefined)
      throw new UsageError(
        'nothing to tune from: give --measure MB=ms,... (e.g. 128=2000,512=500) or --results FILE (from "miyabi bench lambda --out")',
      )
    const input =
      flags.results === undefined
        ? {architecture: null, currentMemoryMb: null, measurements: parseMeasureSpec(flags.measure!)}
        : readResults(flags.results)
    const {config, path} = await this.loadConfig(flags)
    const book = await lambdaPriceBook({
      cacheDir: this.config.cacheDir,
      config,
      configPath: path,
      connection: {flags, liveOnly: true},
      prices: flags.prices,
      region: flags.region,
      warn: line => this.note(line),
    })
    const result = tune(input.measurements, {
      architecture: flags.arch ?? input.architecture ?? 'x86_64',
      balancedWeight: flags['balanced-weight'] ?? DEFAULT_BALANCED_WEIGHT,
      book,
      currentMemoryMb: flags.current ?? currentIfMeasured(input.currentMemoryMb, input.measurements),
      invocationsPerMonth: flags['invocations-per-month'] ?? null,
      latency: flags.latency ?? null,
      strategy: flags.strategy,
      trim: flags.trim,
      visualizationBase: flags['visualization-base'],
    })
    await this.printResult(result, options => [tuningSummary(result), ...tuningSections(result, options)])
    return result
  }
}

/** A results file: every invocation of a run of ALL sizes at the most invocations is well under this. */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024

/** A results file's original memory is compared against only when it was measured. */
function currentIfMeasured(memoryMb: number | null, measurements: Measurement[]): number | null {
  return memoryMb !== null && measurements.some(m => m.memoryMb === memoryMb) ? memoryMb : null
}

function readResults(path: string): {
  measurements: Measurement[]
  architecture: LambdaArchitecture | null
  currentMemoryMb: number | null
} {
  const text = readInputFile(path, {maxBytes: MAX_RESULTS_BYTES, what: 'results file'})
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`the results file ${quoteInput(path)} is not JSON: ${(error as Error).message}`)
  }

  try {
    return measurementsFromResults(doc)
  } catch (error) {
    throw new UsageError(`results file ${quoteInput(path)}: ${(error as Error).message}`)
  }
}
