import {Args} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/base-command.js'
import {COMMAND_ACTIONS, iamPolicy, LIVE_COMMANDS, normalizeCommandName} from '../aws/iam-actions.js'
import {UsageError} from '../errors.js'
import {toJson} from '../render/output.js'

export default class IamPolicy extends MiyabiCommand {
  static override summary = 'Print the least-privilege IAM policy for the chosen live commands.'
  static override description = `Exactly the AWS actions each command calls, as an IAM policy document (JSON). With no command, the policy covers every live command (${LIVE_COMMANDS.join(', ')}). Runs offline.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy status',
    '<%= config.bin %> iam-policy status "scale set" > miyabi-operator.json',
  ]

  static override strict = false
  static override args = {command: Args.string({description: `Command(s): ${LIVE_COMMANDS.join(', ')}.`, required: false})}

  public async run(): Promise<void> {
    const {argv} = await this.parse(IamPolicy)
    const words = (argv as string[]).map((a) => normalizeCommandName(a))
    const commands = words.length === 0 ? LIVE_COMMANDS : groupWords(words)
    // `iam-policy --json` is the same document: it is JSON either way.
    process.stdout.write(`${toJson(iamPolicy(commands))}\n`)
  }
}

/** `scale set` typed as two words (`iam-policy scale set`) is one command. */
function groupWords(words: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`
    if (words[i + 1] !== undefined && Object.hasOwn(COMMAND_ACTIONS, two)) {
      out.push(two)
      i++
    } else if (Object.hasOwn(COMMAND_ACTIONS, words[i])) out.push(words[i])
    else throw new UsageError(`unknown command "${words[i]}" for iam-policy: choose from ${LIVE_COMMANDS.join(', ')}`)
  }

  return out
}
