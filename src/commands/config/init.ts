import {Flags} from '@oclif/core'
import {existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

import {awsConnectionFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {accountDiscovery} from '../../cli/config/discovery.js'
import type {Asker, Discovery, InitAnswers} from '../../cli/config/wizard.js'
import {QUEUE_PRIORITIES, runWizard} from '../../cli/config/wizard.js'
import {numberFlag} from '../../cli/core/flags.js'
import type {FlagValues} from '../../cli/core/options.js'
import {INIT_CHECKS} from '../../cli/config/init-checks.js'
import {initConfigText} from '../../config/init-file.js'
import {parseConfig} from '../../config/load.js'
import {MiyabiError, UsageError} from '../../errors.js'
import type {Discovered} from '../../cli/config/discovery.js'
import {PLAN_DEFAULTS, PLAN_RANGES, TASK_SIZE_NAMES} from '../../model/index.js'

export interface ConfigInitResult {
  path: string
  written: boolean
  answers: InitAnswers
  /** What the account offered (null: not asked, or it could not be read). */
  discovered: Discovered
  notes: string[]
}

export default class ConfigInit extends MiyabiCommand {
  static override summary = 'Write a commented miyabi.yaml: a wizard that offers what your AWS account has.'
  static override description = `Asks for the region, the ECS cluster and worker service, the SQS queues by priority, the task size and the expected load. When the AWS credentials work it offers what it finds (ListClusters, ListServices, ListQueues, and the service's task definition for the task size); otherwise you type the names. The file it writes is accepted by "miyabi config validate".

--no-interactive takes every answer from flags (--cluster and --service are required; the rest have defaults). An existing file is never overwritten without --force. Ctrl-C writes nothing.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> config init',
    '<%= config.bin %> config init --no-interactive --region us-east-1 --cluster miyabi --service workers --queue high=miyabi-high --queue standard=miyabi-standard --task-size standard --issues-per-day 1000',
  ]

  static override flags = {
    'endpoint-url': awsConnectionFlags['endpoint-url'],
    profile: awsConnectionFlags.profile,
    'request-timeout': awsConnectionFlags['request-timeout'],
    cluster: Flags.string({description: 'ECS cluster name.', helpValue: 'NAME'}),
    force: Flags.boolean({description: 'Overwrite the file if it exists.'}),
    interactive: Flags.boolean({
      allowNo: true,
      default: true,
      description: 'Ask (on a terminal); --no-interactive takes every answer from flags.',
    }),
    'issues-per-day': numberFlag('issues-per-day', {
      description: 'Expected average issues per day (default 1000).',
      range: PLAN_RANGES.issuesPerDay,
    }),
    output: Flags.string({char: 'o', default: 'miyabi.yaml', description: 'The file to write.', helpValue: 'FILE'}),
    queue: Flags.string({
      description: 'SQS queue as PRIORITY=NAME (high, standard or low; repeatable).',
      helpValue: 'PRIORITY=NAME',
      multiple: true,
    }),
    region: Flags.string({description: 'AWS region (default: AWS_REGION, else us-east-1).', helpValue: 'REGION'}),
    service: Flags.string({description: 'ECS worker service name.', helpValue: 'NAME'}),
    'task-size': Flags.option({
      description: "Fargate task size of a worker (default: the service's task definition, else standard).",
      options: TASK_SIZE_NAMES,
    })(),
  }

  public async run(): Promise<ConfigInitResult> {
    const {flags} = await this.parse(ConfigInit)
    const path = resolve(flags.output)
    // Refused before any question: nobody should answer a wizard to be told the file exists.
    if (existsSync(path) && !flags.force)
      throw new UsageError(`${flags.output} exists: pass --force to overwrite it (or --output FILE)`)
    if (existsSync(path) && statSync(path).isDirectory())
      throw new UsageError(`${flags.output} is a directory: give a file with --output`)
    const defaults = this.answersFromFlags(flags)
    const notes: string[] = []
    const discovered: ConfigInitResult['discovered'] = {clusters: null, queues: null, services: null, taskSize: null}
    let answers: InitAnswers
    if (flags.interactive) {
      this.io.requirePrompt('pass --no-interactive with --cluster, --service and the other answers as flags')
      const ask = await this.io.asker()
      const onNote = (note: string) => {
        notes.push(note)
        this.note(`Note: ${note}`)
      }

      const settings = {
        endpointUrl: flags['endpoint-url'],
        profile: flags.profile,
        requestTimeoutMs: (flags['request-timeout'] ?? 5) * 1000,
      }
      answers = await wizard(ask, region => accountDiscovery({...settings, region}, discovered, onNote), defaults)
    } else answers = completeAnswers(defaults)

    const text = initConfigText(answers)
    // What is written must be what `config validate` accepts: checked before the file is touched.
    await parseConfig(text, flags.output)
    writeAtomically(path, text)
    // Read back: the file on disk is the one validated.
    const written = readFileSync(path, 'utf8') === text
    if (!written) this.exitWith(1, `${flags.output} was written but reads back differently: check it`)
    else this.print(`Wrote ${flags.output}. Next: miyabi config validate --config ${flags.output} --live`)
    return {answers, discovered, notes, path, written}
  }

  private answersFromFlags(
    flags: Partial<
      FlagValues<
        Pick<typeof ConfigInit.flags, 'cluster' | 'issues-per-day' | 'queue' | 'region' | 'service' | 'task-size'>
      >
    >,
  ): Partial<InitAnswers> {
    const queues: InitAnswers['queues'] = {}
    for (const q of flags.queue ?? []) {
      const m = /^(high|standard|low)=(.+)$/.exec(q)
      if (!m)
        throw new UsageError(
          `--queue must be PRIORITY=NAME with PRIORITY one of ${QUEUE_PRIORITIES.join(', ')}, got ${JSON.stringify(q)}`,
        )
      const problem = INIT_CHECKS.queue(m[2])
      if (problem) throw new UsageError(`--queue ${m[1]}=: ${problem}`)
      queues[m[1] as keyof InitAnswers['queues']] = m[2]
    }

    const check = (flag: string, value: string | undefined, f: (v: string) => string | null) => {
      const problem = value === undefined ? null : f(value)
      if (problem) throw new UsageError(`--${flag}: ${problem}`)
      return value
    }

    return {
      cluster: check('cluster', flags.cluster, INIT_CHECKS.cluster),
      issuesPerDay: flags['issues-per-day'],
      queues,
      region: check('region', flags.region ?? process.env.AWS_REGION, INIT_CHECKS.region),
      service: check('service', flags.service, INIT_CHECKS.service),
      taskSize: flags['task-size'],
    }
  }
}

/** The wizard, with Ctrl-C at any prompt as a cancel that writes nothing. */
async function wizard(
  ask: Asker,
  discover: (region: string) => Discovery,
  defaults: Partial<InitAnswers>,
): Promise<InitAnswers> {
  try {
    return await runWizard(ask, discover, INIT_CHECKS, defaults)
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new MiyabiError('cancelled: nothing written')
    throw error
  }
}

/** --no-interactive: the flags, with defaults for what has one. */
function completeAnswers(a: Partial<InitAnswers>): InitAnswers {
  if (!a.cluster || !a.service)
    throw new UsageError(
      `--no-interactive needs ${[a.cluster ? null : '--cluster', a.service ? null : '--service'].filter(Boolean).join(' and ')}`,
    )
  return {
    cluster: a.cluster,
    issuesPerDay: a.issuesPerDay ?? 1000,
    queues: a.queues ?? {},
    region: a.region ?? PLAN_DEFAULTS.region,
    service: a.service,
    taskSize: a.taskSize ?? PLAN_DEFAULTS.taskSize,
  }
}

/** Temp file beside the target, then rename: the file is either the old one or the whole new one. */
function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    writeFileSync(temp, text, {flag: 'wx'})
    renameSync(temp, path)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // The temp file was never made: nothing to clean up.
    }

    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}
