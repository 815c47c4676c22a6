import {Args, Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/core/base-command.js'
import {configFlags} from '../cli/core/config-flag.js'
import {formatFlag} from '../cli/core/format-flag.js'
import {awsSettings, settingSource} from '../cli/core/live-target.js'
import type {FlagValues} from '../cli/core/options.js'
// Plain data (no SDK): the help text names every live command from the same table.
import {COMMAND_ACTIONS, LIVE_COMMANDS, normalizeCommandName} from '../aws/iam-actions.js'
import type {IamPolicy as IamPolicyDocument, ResourceNames} from '../aws/iam-resources.js'
import {iamPolicy} from '../aws/iam-resources.js'
import {checkCluster, checkQueueRef, checkService, parseFunctionRef, parseQueueMapping} from '../aws/names.js'
import type {MiyabiConfig} from '../config/types.js'
import {UsageError} from '../errors.js'
import {PRIORITIES} from '../model/common/priority.js'
import {didYouMeanValue, quoteInput} from '../model/index.js'
import {toJson} from '../render/output.js'

const NAMES = LIVE_COMMANDS.join(', ')

export default class IamPolicy extends MiyabiCommand {
  static override summary = 'Print the least-privilege IAM policy for the chosen live commands.'
  static override description = `Exactly the AWS actions each command calls, as an IAM policy document (JSON). With no command, the policy covers every live command (${NAMES}). Runs offline.

Resources are scoped to what miyabi.yaml's aws section and the flags name: the ECS service, the queues, the functions and miyabi's alarms (miyabi-CLUSTER/SERVICE/*) by ARN wherever the action supports resource-level permissions; the Application Auto Scaling writes by their condition keys (ECS desired count only); iam:CreateServiceLinkedRole for Application Auto Scaling's ECS role only. Region and account come from --region/--account (or the config's region, or the ARNs given), else "*". status also reads each queue's dead-letter queue: name it with --queue. scale policy apply --prune that takes its action out of an alarm of your own needs PutMetricAlarm on that alarm too.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy status',
    '<%= config.bin %> iam-policy status "scale set" > miyabi-operator.json',
    '<%= config.bin %> iam-policy --command "scale policy apply"',
    '<%= config.bin %> iam-policy status --account 123456789012 --queue miyabi-dlq',
    '<%= config.bin %> iam-policy "bench lambda" --function miyabi-api --pre-processor miyabi-seed',
  ]

  static override strict = false
  static override args = {command: Args.string({description: `Command(s): ${NAMES}.`, required: false})}
  static override flags = {
    command: Flags.string({
      description: 'A command to cover, e.g. "scale policy apply" (repeatable; same as naming it as an argument).',
      helpValue: 'COMMAND',
      multiple: true,
    }),
    account: Flags.string({
      description: 'AWS account id for the ARNs (default: the one in an ARN given, else "*").',
      helpValue: 'ID',
    }),
    cluster: Flags.string({
      description: 'ECS cluster name or ARN (default: aws.cluster, else "default").',
      helpValue: 'NAME|ARN',
    }),
    ...configFlags,
    format: formatFlag,
    function: Flags.string({
      description: 'Also cover this Lambda function, name or ARN (repeatable; added to aws.functions).',
      helpValue: 'FUNCTION',
      multiple: true,
    }),
    partition: Flags.string({
      description: 'AWS partition for the ARNs (default: from the region: aws, aws-cn, aws-us-gov...).',
      helpValue: 'PARTITION',
    }),
    'post-processor': Flags.string({
      description: "bench lambda's --post-processor, to allow invoking it.",
      helpValue: 'FUNCTION',
    }),
    'pre-processor': Flags.string({
      description: "bench lambda's --pre-processor, to allow invoking it.",
      helpValue: 'FUNCTION',
    }),
    queue: Flags.string({
      description:
        'Also cover this SQS queue, name, URL or ARN, e.g. a dead-letter queue (repeatable; added to aws.queues).',
      helpValue: '[PRIORITY=]QUEUE',
      multiple: true,
    }),
    region: Flags.string({
      description: 'AWS region for the ARNs (default: aws.region, else the top-level region, else "*").',
      helpValue: 'REGION',
    }),
    service: Flags.string({description: 'ECS service name or ARN (default: aws.service).', helpValue: 'NAME|ARN'}),
  }

  public async run(): Promise<IamPolicyDocument> {
    const {argv, flags} = await this.parse(IamPolicy)
    const words = [...(argv as string[]), ...(flags.command ?? [])]
      .flatMap(a => normalizeCommandName(a).split(' '))
      .filter(w => w !== '')
    const known = (name: string) => Object.hasOwn(COMMAND_ACTIONS, name)
    const commands = words.length === 0 ? LIVE_COMMANDS : groupWords(words, known, LIVE_COMMANDS)
    // The environment's resources, but not named in the output: the document is the IAM policy itself.
    const {config} = await this.loadConfig(flags)
    const policy = iamPolicy(commands, resourceNames(config, flags))
    // The policy is a JSON document: the table format prints the same bytes as `--json`, Markdown a code block.
    await this.printResult(policy, () => [{code: {language: 'json', lines: toJson(policy).split('\n')}}])
    return policy
  }
}

/** The flags that name resources, as parsed. */
type NameFlags = Partial<
  FlagValues<
    Pick<
      typeof IamPolicy.flags,
      | 'account'
      | 'cluster'
      | 'function'
      | 'partition'
      | 'post-processor'
      | 'pre-processor'
      | 'queue'
      | 'region'
      | 'service'
    >
  >
>

/** What the flags and miyabi.yaml name, each checked against AWS's naming rules (exit 2 before anything is printed). */
function resourceNames(config: MiyabiConfig, flags: NameFlags): ResourceNames {
  const aws = config.aws ?? {}
  // Checked as every live command checks it (--region, else aws.region, else region).
  const {region} = awsSettings(config, {region: flags.region})
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account))
    throw new UsageError(`--account must be a 12-digit AWS account id, got ${quoteInput(flags.account)}`)
  if (flags.partition !== undefined && !/^aws(-[a-z]+)*$/.test(flags.partition))
    throw new UsageError(
      `--partition must be an AWS partition such as aws, aws-cn or aws-us-gov, got ${quoteInput(flags.partition)}`,
    )
  const service = flags.service ?? aws.service
  if (service !== undefined)
    checkService(service, settingSource('--service', 'aws.service', flags.service !== undefined))
  const cluster = flags.cluster ?? aws.cluster
  if (cluster !== undefined)
    checkCluster(cluster, settingSource('--cluster', 'aws.cluster', flags.cluster !== undefined))
  const configQueues = PRIORITIES.flatMap(p => {
    const ref = aws.queues?.[p]
    if (ref === undefined) return []
    checkQueueRef(ref, `aws.queues.${p} in the config`)
    return [ref]
  })
  const flagQueues = (flags.queue ?? []).map(q => {
    const {ref} = parseQueueMapping(q)
    checkQueueRef(ref, '--queue')
    return ref
  })
  const queues = [...configQueues, ...flagQueues]
  const functions = [
    ...Object.entries(aws.functions ?? {}).map(([role, f]) => checkFunction(f, `aws.functions.${role} in the config`)),
    ...(flags.function ?? []).map(f => checkFunction(f, '--function')),
  ]
  const processors = (['pre-processor', 'post-processor'] as const).flatMap(flag =>
    flags[flag] === undefined ? [] : [checkFunction(flags[flag], `--${flag}`)],
  )
  return {
    account: flags.account,
    cluster,
    functions: [...new Set(functions)],
    partition: flags.partition,
    processors: [...new Set(processors)],
    queues: [...new Set(queues)],
    region,
    service,
  }
}

function checkFunction(ref: string, where: string): string {
  parseFunctionRef(ref, where)
  return ref
}

/** Commands typed as words (`iam-policy scale policy apply status`): the longest known name first. */
function groupWords(words: string[], known: (name: string) => boolean, all: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length;) {
    const length = [3, 2, 1].find(n => i + n <= words.length && known(words.slice(i, i + n).join(' ')))
    if (length === undefined)
      throw new UsageError(
        `unknown command ${quoteInput(words[i])} for iam-policy${didYouMeanValue(words[i], all)}: choose from ${all.join(', ')}`,
      )
    out.push(words.slice(i, i + length).join(' '))
    i += length
  }

  return out
}
