import {Args, Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/core/base-command.js'
import {formatFlag} from '../cli/core/format-flag.js'
import type {IamPolicy as IamPolicyDocument} from '../aws/iam-actions.js'
// Plain data (no SDK): the help text names every live command from the same table.
import {LIVE_COMMANDS} from '../aws/iam-actions.js'
import {UsageError} from '../errors.js'
import {didYouMeanValue, quoteInput} from '../model/index.js'
import {toJson} from '../render/output.js'
import {COMMAND_ACTIONS, iamPolicy, normalizeCommandName} from '../aws/iam-actions.js'

const NAMES = LIVE_COMMANDS.join(', ')

export default class IamPolicy extends MiyabiCommand {
  static override summary = 'Print the least-privilege IAM policy for the chosen live commands.'
  static override description = `Exactly the AWS actions each command calls, as an IAM policy document (JSON). With no command, the policy covers every live command (${NAMES}). Runs offline.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy status',
    '<%= config.bin %> iam-policy status "scale set" > miyabi-operator.json',
    '<%= config.bin %> iam-policy --command "scale policy apply"',
  ]

  static override strict = false
  static override args = {command: Args.string({description: `Command(s): ${NAMES}.`, required: false})}
  static override flags = {
    command: Flags.string({
      description: 'A command to cover, e.g. "scale policy apply" (repeatable; same as naming it as an argument).',
      helpValue: 'COMMAND',
      multiple: true,
    }),
    format: formatFlag,
  }

  public async run(): Promise<IamPolicyDocument> {
    const {argv, flags} = await this.parse(IamPolicy)
    const words = [...(argv as string[]), ...(flags.command ?? [])]
      .flatMap(a => normalizeCommandName(a).split(' '))
      .filter(w => w !== '')
    const known = (name: string) => Object.hasOwn(COMMAND_ACTIONS, name)
    const commands = words.length === 0 ? LIVE_COMMANDS : groupWords(words, known, LIVE_COMMANDS)
    const policy = iamPolicy(commands)
    // The policy is a JSON document: the table format prints the same bytes as `--json`, Markdown a code block.
    await this.printResult(policy, () => [{code: {language: 'json', lines: toJson(policy).split('\n')}}])
    return policy
  }
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
