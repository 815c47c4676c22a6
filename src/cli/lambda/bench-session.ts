/**
 * What `bench lambda` needs from the outside world, in one place: miyabi.yaml, the AWS settings
 * and clients, the journal store, the function, and the price book. Loaded only by the command's
 * live paths (the AWS SDK comes in through clients.ts on the first call).
 */
import {join} from 'node:path'

import type {AwsSettings, LambdaApi} from '../../aws/clients.js'
import {createClients} from '../../aws/clients.js'
import {withoutDeadline} from '../../mutation/deadline.js'
import type {FunctionInfo, WaitOptions} from '../../aws/lambda.js'
import {parseFunctionRef} from '../../aws/names.js'
import type {IO} from '../core/io.js'
import type {AwsFlagValues} from '../core/live-target.js'
import type {FlagValues} from '../core/options.js'
import type {benchLambdaFlags} from './bench-options.js'
import type {ConfigFlagValues, LoadedConfig} from '../../config/load.js'
import type {MiyabiConfig} from '../../config/types.js'
import {MiyabiError, UsageError} from '../../errors.js'
import type {BenchCleanupResult, BenchDryRun, BenchLambdaResult, Recovery} from '../../model/index.js'
import {benchPlan, newRunId} from '../../model/index.js'
import {JournalStore} from './bench-journal.js'
import type {BenchOptions} from './bench-lambda.js'
import {
  benchLambda,
  checkNoLiveRun,
  recoverJournal,
  regionOfArn,
  restoreConfirmed,
  summarizeFunction,
} from './bench-lambda.js'
import {BenchProgress} from './bench-progress.js'
import {checkProfile, interruptSignal} from '../core/live.js'
import {lambdaPriceBook} from './prices.js'
import {readFunction, waitForUpdate} from '../../aws/lambda.js'
import {applyMemory} from '../../aws/lambda-restore.js'
import {plannedReport} from '../../mutation/engine.js'
import {awsSettings} from '../core/live-target.js'

export interface SessionHost {
  /** The CLI's cache directory: the journals and the cached price books live there. */
  cacheDir: string
  /** The command's terminal: every line of the session (notes, progress, the prompt) goes through it. */
  io: IO
  /** miyabi.yaml in the environment chosen (the command's, which names the environment in its output). */
  loadConfig(flags: ConfigFlagValues): Promise<LoadedConfig>
}

/** What the session takes of bench lambda's parsed flags: how to reach AWS, the config, prices, the update timeout. */
export type SessionFlags = AwsFlagValues &
  ConfigFlagValues &
  Partial<FlagValues<Pick<typeof benchLambdaFlags, 'prices' | 'update-timeout'>>>

const DEFAULT_UPDATE_TIMEOUT_S = 300

export class LambdaSession {
  readonly store: JournalStore
  readonly wait: WaitOptions
  private readonly apis = new Map<string, Promise<LambdaApi>>()

  constructor(
    private readonly host: SessionHost,
    readonly config: {config: MiyabiConfig; path: string | null},
    readonly settings: AwsSettings,
    private readonly flags: {region?: string; prices?: string},
    updateTimeoutS: number,
  ) {
    this.store = new JournalStore(join(host.cacheDir, 'lambda-bench'))
    this.wait = {timeoutMs: updateTimeoutS * 1000}
  }

  /** The Lambda client for these settings (a full ARN's region wins over the default region). */
  async api(overrides: Partial<AwsSettings> = {}): Promise<LambdaApi> {
    const settings = {
      ...this.settings,
      ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
    }
    const key = JSON.stringify(settings)
    let api = this.apis.get(key)
    if (!api) {
      api = createClients(settings).lambda()
      this.apis.set(key, api)
    }

    return api
  }

  /** The settings to reach a function by this reference: a full ARN names its region. */
  private regionFor(ref: string): string | undefined {
    const {region} = parseFunctionRef(ref)
    if (region && this.flags.region !== undefined && this.settings.region !== region)
      throw new UsageError(
        `--function is in ${region} but --region is ${this.settings.region}: drop --region, or give the function's name`,
      )
    return region ?? undefined
  }

  /** The function, once it can be changed: an update in progress is waited out; a failed function is refused. */
  async readTarget(ref: string): Promise<{api: LambdaApi; fn: FunctionInfo}> {
    const api = await this.api({region: this.regionFor(ref)})
    let fn = await readFunction(api, ref)
    if (fn.state === 'Failed')
      throw new MiyabiError(
        `Lambda function ${ref} is in state Failed (${fn.reason ?? 'no reason given'}): fix or redeploy it first`,
      )
    if (fn.lastUpdateStatus === 'InProgress') fn = await waitForUpdate(api, ref, this.wait)
    if (/\[miyabi-bench [a-z0-9]+\]/.test(fn.description))
      this.host.io.err(
        `Warning: the function's description carries a miyabi-bench marker with no finished run behind it; it is kept as the description to restore`,
      )
    return {api, fn}
  }

  /** Finishes the dead runs on this function before starting; names the others. */
  async recoverFor(api: LambdaApi, fn: FunctionInfo): Promise<Recovery[]> {
    const {entries} = this.store.list()
    checkNoLiveRun(entries, fn.arn)
    const recovered: Recovery[] = []
    for (const entry of entries.filter(e => !e.alive)) {
      if (entry.journal.function.arn !== fn.arn) {
        this.host.io.err(
          `Note: an earlier run (${entry.journal.runId}) on ${entry.journal.function.name} did not finish: run "miyabi bench lambda --cleanup"`,
        )
        continue
      }

      this.host.io.err(
        `An earlier run (${entry.journal.runId}, ${entry.journal.startedAt}) on this function did not finish: restoring and cleaning up first`,
      )
      // A recovery, like the benchmark, is a change: it runs to its report, outside --deadline.
      recovered.push(await withoutDeadline(() => recoverJournal(api, entry, this.store, this.wait)))
    }

    return recovered
  }

  private priceBook(fn: FunctionInfo) {
    const {config, path} = this.config
    return lambdaPriceBook({
      cacheDir: this.host.cacheDir,
      config,
      configPath: path,
      prices: this.flags.prices,
      region: regionOfArn(fn.arn) ?? this.settings.region,
      warn: line => this.host.io.err(line),
    })
  }

  async dryRun(ref: string, o: BenchOptions): Promise<BenchDryRun> {
    const {fn} = await this.readTarget(ref)
    const book = await this.priceBook(fn)
    const plan = benchPlan({
      architecture: fn.architecture,
      book,
      coldStarts: o.coldStarts,
      num: o.num,
      sizes: o.sizes,
      processors: [o.preProcessor, o.postProcessor].filter(p => p !== null).length,
      timeoutSeconds: fn.timeoutSeconds,
    })
    return {
      dryRun: true,
      function: summarizeFunction(fn),
      plan: {
        ...plan,
        coldStarts: o.coldStarts,
        parallel: o.parallel,
        payload: o.payloads.description,
        postProcessor: o.postProcessor,
        preProcessor: o.preProcessor,
        sleepBetweenMs: o.sleepBetweenMs,
      },
      priceBook: {date: book.date, region: book.region, source: book.source},
      schemaVersion: 1,
    }
  }

  async bench(ref: string, o: BenchOptions, apply: {autoOptimize: boolean; yes: boolean}): Promise<BenchLambdaResult> {
    const {api, fn: first} = await this.readTarget(ref)
    const recovered = await this.recoverFor(api, first)
    const fn = recovered.length > 0 ? (await this.readTarget(ref)).fn : first
    const book = await this.priceBook(fn)
    const progress = new BenchProgress(this.host.io)
    const interrupt = interruptSignal(text => progress.line(text))
    let result: BenchLambdaResult
    try {
      // The benchmark is bounded by its plan (sizes x invocations, each under the function's timeout), not by --deadline.
      result = await withoutDeadline(() =>
        benchLambda(
          api,
          this.store,
          {
            ...o,
            aws: {
              endpointUrl: this.settings.endpointUrl,
              profile: this.settings.profile,
              region: regionOfArn(fn.arn) ?? this.settings.region,
            },
            book,
            fn,
            onEvent: e => progress.event(e),
            ref,
            runId: newRunId(Math.random, Date.now()),
            signal: interrupt.signal,
            wait: this.wait,
          },
          recovered,
        ),
      )
    } finally {
      progress.clear()
      interrupt.dispose()
    }

    if (
      apply.autoOptimize &&
      result.optimum &&
      !result.run.error &&
      !result.run.interrupted &&
      restoreConfirmed(result.restore)
    )
      result.autoOptimize = await this.autoOptimize(api, ref, result, apply.yes)
    return result
  }

  private async autoOptimize(api: LambdaApi, ref: string, r: BenchLambdaResult, yes: boolean) {
    const target = r.optimum!.memoryMb
    const now = r.function.original
    if (target === now.memoryMb) return plannedReport('no-change', now, now, [])
    if (!yes) {
      const ok = await this.host.io.confirm(
        `Set ${r.function.name} to ${target} MB (now ${now.memoryMb} MB), the ${r.strategy} winner?`,
      )
      if (!ok) {
        this.host.io.err('--auto-optimize: not applied (declined)')
        return plannedReport('dry-run', now, {...now, memoryMb: target}, [
          {action: 'lambda:UpdateFunctionConfiguration', description: `memory ${now.memoryMb} -> ${target} MB`},
        ])
      }
    }

    const interrupt = interruptSignal(text => this.host.io.err(text))
    try {
      return await withoutDeadline(() => applyMemory(api, ref, target, this.wait, interrupt.signal))
    } finally {
      interrupt.dispose()
    }
  }

  /** `--cleanup`: every dead run's journal (or only those on `ref`), each through its own settings. */
  async cleanupJournals(ref: string | undefined): Promise<BenchCleanupResult> {
    const {entries, skipped} = this.store.list()
    const arn = ref === undefined ? null : (await this.readTarget(ref)).fn.arn
    const mine = entries.filter(e => arn === null || e.journal.function.arn === arn)
    const result: BenchCleanupResult = {cleanup: [], running: [], schemaVersion: 1, unreadable: skipped}
    for (const entry of mine) {
      const j = entry.journal
      if (entry.alive) {
        result.running.push({function: j.function.name, pid: j.pid, runId: j.runId})
        continue
      }

      // The journal says where the function is; flags given on the command line win.
      const api = await this.api({
        endpointUrl: this.settings.endpointUrl ?? j.aws.endpointUrl,
        profile: this.settings.profile ?? j.aws.profile,
        region: this.flags.region === undefined ? (j.aws.region ?? this.settings.region) : this.settings.region,
      })
      result.cleanup.push(await withoutDeadline(() => recoverJournal(api, entry, this.store, this.wait)))
    }

    return result
  }
}

export async function lambdaSession(host: SessionHost, flags: SessionFlags): Promise<LambdaSession> {
  const loaded = await host.loadConfig(flags)
  const settings = awsSettings(loaded.config, flags)
  await checkProfile(settings.profile, flags, loaded.config)
  return new LambdaSession(
    host,
    loaded,
    settings,
    {prices: flags.prices, region: flags.region},
    flags['update-timeout'] ?? DEFAULT_UPDATE_TIMEOUT_S,
  )
}
