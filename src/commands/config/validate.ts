import {Args, Flags} from '@oclif/core'

import {awsConnectionFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import type {ExistenceCheck} from '../../aws/existence.js'
import {parseFunctionRef} from '../../aws/names.js'
import {EXIT, UsageError} from '../../errors.js'
import type {Section} from '../../render/document.js'
import {checkFunctionExists, checkQueueExists, checkServiceExists} from '../../aws/existence.js'
import {createClients} from '../../aws/clients.js'

export interface ConfigValidateResult {
  path: string
  valid: true
  /** The environments the file defines, each valid merged over the rest of the file. */
  environments: string[]
  /** With --live: each resource the config names, and whether it exists. */
  live: ExistenceCheck[] | null
  missing: string[]
}

export default class ConfigValidate extends MiyabiCommand {
  static override summary = 'Check a miyabi.yaml: its schema and values, and with --live that what it names exists.'
  static override description = `Exit 0 when the file is valid, 2 when it is not (the error names the file, the line and the key). Each environment under environments: is checked as commands use it: merged over the rest of the file, the result validated whole (an error names the environment and the key path). With --env the live checks are the environment's. With --live it also checks that the ECS cluster and service, every queue and every Lambda function (aws.functions) it names exist in the account (DescribeServices, GetQueueUrl, GetFunctionConfiguration; a function given by ARN is looked up in its own region): exit 1 naming what is missing.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> config validate',
    '<%= config.bin %> config validate deploy/miyabi.yaml --live --profile prod',
  ]

  static override args = {
    file: Args.string({description: 'The config file (default: --config, else ./miyabi.yaml).', required: false}),
  }

  static override flags = {
    ...awsConnectionFlags,
    format: formatFlag,
    live: Flags.boolean({
      description: 'Also check that the cluster, service, queues and functions exist in the account.',
    }),
  }

  public async run(): Promise<ConfigValidateResult> {
    const {args, flags} = await this.parse(ConfigValidate)
    if (args.file && flags.config && args.file !== flags.config)
      throw new UsageError(`give the file once: ${args.file} or --config ${flags.config}`)
    const file = args.file ?? flags.config
    const {config, environments, path} = await this.loadConfig({config: file, env: flags.env})
    if (path === null)
      throw new UsageError(
        'no miyabi.yaml here: give the file (miyabi config validate FILE), or write one with miyabi config init',
      )
    const result: ConfigValidateResult = {environments, live: null, missing: [], path, valid: true}
    if (!flags.live) {
      await this.printResult(result, o => validateSections(result, o.markdown))
      return result
    }

    const aws = config.aws ?? {}
    if (!aws.service) throw new UsageError(`${path}: --live needs aws.service (and aws.cluster, aws.queues) to check`)
    // Every function name is checked before any call; a full ARN names the region to ask.
    const functions = Object.entries(aws.functions ?? {}).map(([role, ref]) => ({
      ref,
      region: parseFunctionRef(ref, `${path}: aws.functions.${role}:`).region,
      role,
    }))
    const ctx = await this.liveContext({...flags, config: path}, {queues: true})
    const lambdaIn = (region: string | null) =>
      region === null || region === ctx.target.settings.region
        ? ctx.clients.lambda()
        : createClients({...ctx.target.settings, region}).lambda()
    const checks = (
      await Promise.all([
        checkServiceExists(ctx.clients, ctx.target.cluster, ctx.target.service),
        ...ctx.target.queues.map(async q => [await checkQueueExists(ctx.clients, q)]),
        ...functions.map(async f => [await checkFunctionExists(await lambdaIn(f.region), f.role, f.ref)]),
      ])
    ).flat()
    result.live = checks
    result.missing = checks.filter(c => !c.exists).map(c => `${c.kind} ${c.name}`)
    await this.printResult(result, o => validateSections(result, o.markdown))
    if (result.missing.length > 0)
      this.exitWith(EXIT.failure, `${path} names what the account does not have: ${result.missing.join(', ')}`)
    return result
  }
}

/** `FILE: valid`, then one line per resource checked with --live (a table in Markdown). */
function validateSections(r: ConfigValidateResult, markdown: boolean): Section[] {
  const checks = r.live ?? []
  if (!markdown)
    return [
      {
        code: {
          language: '',
          lines: [
            `${r.path}: valid`,
            ...environmentLines(r),
            ...checks.map(c => `  ${c.exists ? 'ok     ' : 'MISSING'} ${c.kind} ${c.name}: ${c.detail}`),
          ],
        },
      },
    ]
  const table =
    checks.length === 0
      ? undefined
      : {
          head: ['', 'Kind', 'Name', 'Detail'],
          rows: checks.map(c => [c.exists ? 'ok' : 'MISSING', c.kind, c.name, c.detail]),
        }
  return [{lines: [`${r.path}: valid`, ...environmentLines(r)], table}]
}

/** The environments checked: each one merged over the rest of the file is valid too. */
function environmentLines(r: ConfigValidateResult): string[] {
  const n = r.environments.length
  return n === 0
    ? []
    : [
        `  ${n === 1 ? 'environment' : `${n} environments`} valid, each merged over the rest: ${r.environments.join(', ')}`,
      ]
}
