import {Args} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/base-command.js'
import type {IamPolicy as IamPolicyDocument} from '../aws/iam-actions.js'
import {UsageError} from '../errors.js'
import {toJson} from '../render/output.js'

// Help text is static (the manifest is built from it); a test checks it names every live command.
const NAMES = 'status, scale, scale set'

export default class IamPolicy extends MiyabiCommand {
  static override summary = 'Print the least-privilege IAM policy for the chosen live commands.'
  static override description = `Exactly the AWS actions each command calls, as an IAM policy document (JSON). With no command, the policy covers every live command (${NAMES}). Runs offline.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy status',
    '<%= config.bin %> iam-policy status "scale set" > miyabi-operator.json',
  ]

  static override strict = false
  static override args = {command: Args.string({description: `Command(s): ${NAMES}.`, required: false})}

  public async run(): Promise<IamPolicyDocument> {
    const {argv} = await this.parse(IamPolicy)
    const {COMMAND_ACTIONS, iamPolicy, LIVE_COMMANDS, normalizeCommandName} = await import('../aws/iam-actions.js')
    const words = (argv as string[]).map((a) => normalizeCommandName(a))
    const known = (name: string) => Object.hasOwn(COMMAND_ACTIONS, name)
    const commands = words.length === 0 ? LIVE_COMMANDS : groupWords(words, known, LIVE_COMMANDS)
    const policy = iamPolicy(commands)
    // The policy is a JSON document either way: `--json` prints the same bytes.
    this.print(toJson(policy))
    return policy
  }
}

/** `scale set` typed as two words (`iam-policy scale set`) is one command. */
function groupWords(words: string[], known: (name: string) => boolean, all: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`
    if (words[i + 1] !== undefined && known(two)) {
      out.push(two)
      i++
    } else if (known(words[i])) out.push(words[i])
    else throw new UsageError(`unknown command "${words[i]}" for iam-policy: choose from ${all.join(', ')}`)
  }

  return out
}
