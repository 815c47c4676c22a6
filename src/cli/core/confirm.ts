import {MiyabiError, UsageError} from '../../errors.js'

/**
 * The one gate before a change to live state: with --yes it goes ahead; on a terminal it asks
 * (on stderr, so stdout stays the command's result; Ctrl-C at the prompt cancels); anywhere else
 * it refuses, because nobody is there to answer. Throws when the change must not be made.
 */
export async function confirmChange(opts: {yes: boolean; message: string; what?: string}): Promise<void> {
  if (opts.yes) return
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new UsageError(
      `not on a terminal: pass --yes to apply ${opts.what ?? 'the change'} (or --dry-run to preview it)`,
    )
  const {confirm} = await import('@inquirer/prompts')
  const ok = await confirm({default: false, message: opts.message}, {output: process.stderr}).catch(
    (error: unknown) => {
      if ((error as Error)?.name === 'ExitPromptError') return false
      throw error
    },
  )
  if (!ok) throw new MiyabiError('cancelled: no change made')
}
