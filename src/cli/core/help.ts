import type {Command, Interfaces} from '@oclif/core'
import {CommandHelp, Help} from '@oclif/core/help'

import {currentIO} from './io.js'

/**
 * oclif's help, kept within the terminal's width (80 when piped, as oclif does; OCLIF_COLUMNS or
 * COLUMNS override it): the summary wraps, a long example is split at its flags with ` \`
 * continuations, and flag descriptions that oclif lays out one under another no longer run two
 * columns past the edge (oclif indents them by 4 after wrapping them for 2).
 */

/** The width help is laid out for. */
export function helpWidth(
  env: NodeJS.ProcessEnv = currentIO().streams.env,
  stdout: {isTTY?: boolean; columns?: number} = currentIO().streams.stdout,
): number {
  for (const value of [env.OCLIF_COLUMNS, env.COLUMNS])
    if (value && /^\d+$/.test(value.trim()) && Number(value) >= 40) return Number(value)
  return stdout.isTTY && stdout.columns && stdout.columns >= 40 ? stdout.columns : 80
}

/**
 * A command line split at its flags so that no line is wider than `width`: each line but the last
 * ends with ` \`, continuation lines are indented by `indent` spaces. A flag stays with its value.
 */
export function splitCommandLine(line: string, width: number, indent = 4): string[] {
  if (line.length <= width) return [line]
  const groups: string[] = []
  for (const word of line.split(' ')) {
    if (groups.length === 0 || word.startsWith('-') || word === '|' || word === '>' || word === '>>') groups.push(word)
    else groups[groups.length - 1] += ` ${word}`
  }

  const lines: string[] = []
  let current = ''
  for (const group of groups) {
    const lead = lines.length === 0 ? 0 : indent
    // Room for the ` \` that ends every line but the last.
    if (current !== '' && lead + current.length + 1 + group.length + 2 > width) {
      lines.push(current)
      current = group
    } else current = current === '' ? group : `${current} ${group}`
  }

  lines.push(current)
  return lines.map((l, i) => `${i === 0 ? '' : ' '.repeat(indent)}${l}${i < lines.length - 1 ? ' \\' : ''}`)
}

/** Words of a usage line, a bracketed group (brackets nest: `[--queue [PRIORITY=]QUEUE...]`) as one. */
function usageGroups(line: string): string[] {
  const groups: string[] = []
  let depth = 0
  for (const word of line.split(' ').filter(w => w !== '')) {
    if (depth > 0) groups[groups.length - 1] += ` ${word}`
    else groups.push(word)
    for (const ch of word) depth += ch === '[' ? 1 : ch === ']' ? -1 : 0
  }

  return groups
}

class MiyabiCommandHelp extends CommandHelp {
  protected override examples(examples: Command.Example[] | string | undefined): string | undefined {
    if (examples === undefined || typeof examples === 'string') return super.examples(examples)
    // An example is printed as "  $ " + the line, in a section indented by 2.
    const room = this.opts.maxWidth - 4
    return super.examples(
      examples.map(e =>
        typeof e === 'string' && !e.includes('\n') ? splitCommandLine(this.render(e), room).join('\n') : e,
      ),
    )
  }

  /** The usage line wrapped between its [--flag VALUE] groups, never inside one. */
  protected override usage(): string {
    const line = super.usage().replaceAll(/\n\s*/g, ' ')
    const groups = usageGroups(line)
    const lines: string[] = []
    let current = ''
    // The section indents by 2, continuation lines by 4 more.
    for (const group of groups) {
      const room = this.opts.maxWidth - (lines.length === 0 ? 2 : 6)
      if (current !== '' && current.length + 1 + group.length > room) {
        lines.push(current)
        current = group
      } else current = current === '' ? group : `${current} ${group}`
    }

    lines.push(current)
    return lines.map((l, i) => (i === 0 ? l : `    ${l}`)).join('\n')
  }

  public override renderList(input: (string | undefined)[][], opts: Parameters<CommandHelp['renderList']>[1]): string {
    return super.renderList(input, {...opts, indentation: opts.indentation + 2})
  }
}

export class MiyabiHelp extends Help {
  constructor(config: Interfaces.Config, opts: Partial<Interfaces.HelpOptions> = {}) {
    super(config, {...opts, maxWidth: helpWidth()})
    this.CommandHelpClass = MiyabiCommandHelp
  }

  protected override summary(c: Command.Loadable): string | undefined {
    const summary = super.summary(c)
    return summary === undefined ? undefined : this.wrap(summary, 0)
  }
}
