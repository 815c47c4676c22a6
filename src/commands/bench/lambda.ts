import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {benchOutcome} from '../../cli/lambda/bench-lambda.js'
import {benchLambdaFlags, parseBenchOptions} from '../../cli/lambda/bench-options.js'
import {writeOutputFile} from '../../files/output-file.js'
import type {BenchCleanupResult, BenchDryRun, BenchLambdaResult} from '../../model/index.js'
import {benchHtml} from '../../render/lambda-html.js'
import {
  benchResultSections,
  cleanupSections,
  dryRunSections,
  renderBenchResult,
  renderCleanup,
} from '../../render/lambda-bench.js'
import {lambdaSession} from '../../cli/lambda/bench-session.js'

export default class BenchLambda extends MiyabiCommand {
  static override summary =
    'Measure a Lambda function at several memory sizes and pick the best, without deploying anything.'
  static override description = `For each memory size (--power-values): set the function's memory, wait until the update is done (LastUpdateStatus Successful), publish a version, point a temporary alias at it, and invoke it --num times (serially, or --parallel N at a time), reading Duration, Billed Duration and Init Duration (SnapStart: Restore Duration and Billed Restore Duration) from the REPORT of each invocation's log tail. Then what the benchmark itself cost, and the same table, chart, winners and visualizer link as "miyabi tune lambda".

As in aws-lambda-power-tuning, --sleep-between-runs pauses between serial invocations, and --pre-processor / --post-processor name functions invoked before and after each measured invocation (not measured).

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

  static override flags = benchLambdaFlags

  public async run(): Promise<BenchLambdaResult | BenchDryRun | BenchCleanupResult> {
    const {flags} = await this.parse(BenchLambda)
    const o = await parseBenchOptions(flags, this.io)
    const session = await lambdaSession(
      {cacheDir: this.config.cacheDir, io: this.io, loadConfig: flags => this.loadConfig(flags)},
      o.session,
    )
    if (o.mode === 'cleanup') {
      const result = await session.cleanupJournals(o.function)
      this.print(renderCleanup(result))
      await this.printDocument(result, () => cleanupSections(result))
      const failed = result.cleanup.find(c => !c.journalRemoved)
      if (failed)
        this.exitWith(
          1,
          `run ${failed.runId} on ${failed.function.name} is not fully cleaned up; its journal is kept for the next --cleanup`,
        )
      return result
    }

    if (o.mode === 'dry-run') {
      const plan = await session.dryRun(o.function, o.bench)
      await this.printResult(plan, () => dryRunSections(plan))
      return plan
    }

    const result = await session.bench(o.function, o.bench, o.apply)
    for (const file of o.files)
      writeOutputFile(file, [file.flag === 'out' ? `${JSON.stringify(result, null, 2)}\n` : benchHtml(result)])
    this.print(renderBenchResult(result, this.io.width, this.renderOptions))
    await this.printDocument(result, options => benchResultSections(result, options))
    const outcome = benchOutcome(result)
    if (outcome?.warning) this.note(`Warning: ${outcome.message}`)
    else if (outcome) this.exitWith(outcome.code, outcome.message)
    return result
  }
}
