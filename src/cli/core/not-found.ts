/**
 * A command line naming no command: `miyabi plna`, `miyabi plan scenario`, `miyabi plan 1000`, and
 * help for one (`miyabi help plna`, `miyabi plna --help`). One line on stderr naming what was
 * probably meant, and exit 2 (usage), like every bad command line. (@oclif/plugin-not-found exits
 * 127, names the nearest command only in a prompt on a terminal and then runs it; miyabi's
 * commands include mutations, so it suggests and never runs anything.)
 */
import type {Command, Hook, Interfaces} from '@oclif/core'

import {EXIT} from '../../errors.js'
import {quoteInput} from '../../model/index.js'
import {currentIO} from './io.js'
import {alternatives, argumentsAsFlags, type CommandFlags, nearest, strayArgumentsMessage} from './typos.js'

/** oclif's command_not_found hook. */
export const commandNotFound: Hook<'command_not_found'> = async function (options) {
  currentIO().err(`Error: ${notFoundMessage(options.id, options.config)}`)
  this.exit(EXIT.usage)
}

/**
 * oclif's init hook (it runs before help is shown): help for a command or topic that does not
 * exist is the same error as running it, where oclif's help would say only "Command plna not found."
 */
export const helpForUnknownCommand: Hook<'init'> = async function ({argv, config, id}) {
  const subject = helpSubject(id, argv, config)
  if (subject === undefined || config.findCommand(subject) || config.findTopic(subject)) return
  currentIO().err(`Error: ${notFoundMessage(subject, config)}`)
  this.exit(EXIT.usage)
}

/** What help is asked for, as a command id: `help plan scenarios` -> plan:scenarios; `plna --help` -> plna. */
function helpSubject(id: string | undefined, argv: readonly string[], config: Interfaces.Config): string | undefined {
  if (id === undefined || id.startsWith('-')) return undefined
  const end = argv.indexOf('--')
  const before = end === -1 ? argv : argv.slice(0, end)
  if (id === 'help') {
    const flagAt = before.findIndex(a => a.startsWith('-'))
    const words = flagAt === -1 ? before : before.slice(0, flagAt)
    return words.length > 0 ? words.join(':') : undefined
  }
  const helpFlags = ['--help', ...(config.pjson.oclif.additionalHelpFlags ?? [])]
  return before.some(a => helpFlags.includes(a)) ? id : undefined
}

/**
 * What the user typed (`plan:scenario`, the words joined by colons), explained in one line. The
 * words are matched level by level (`scale`, then `set`), each misspelt one replaced by its one
 * nearest name; what follows a whole command is a stray argument (`plan 1000`).
 */
export function notFoundMessage(id: string, config: Interfaces.Config): string {
  const typed = id.split(':')
  const notCommand = `${quoteInput(typed.join(' '))} is not a miyabi command`
  const ids = config.commands.filter(c => !c.hidden).map(c => c.id)
  const path: string[] = []
  for (const [i, word] of typed.entries()) {
    const names = nextWords(ids, path)
    const near = names.includes(word) ? [word] : nearest(word, names)
    if (near.length === 1) {
      path.push(near[0])
      continue
    }

    const rest = typed.slice(i)
    if (near.length > 1)
      return `${notCommand}; did you mean ${alternatives(near.map(n => ['miyabi', ...path, n, ...rest.slice(1)].join(' ')))}?`
    const command = path.length > 0 ? config.findCommand(path.join(':')) : undefined
    if (!command) return `${notCommand} (${['miyabi', ...path, '--help'].join(' ')} lists the commands)`
    const flags = commandFlags(command)
    if (path.every((w, j) => w === typed[j])) return strayArgumentsMessage(flags, rest)
    return `${notCommand}; did you mean ${['miyabi', ...path, ...(argumentsAsFlags(rest, flags.flags) ?? rest)].join(' ')}?`
  }

  return `${notCommand}; did you mean ${['miyabi', ...path].join(' ')}?`
}

/** The words that can follow `prefix` in a command: `plan` -> [scenarios]; [] -> [plan, scale, ...]. */
function nextWords(ids: readonly string[], prefix: readonly string[]): string[] {
  const words = ids.map(id => id.split(':')).filter(w => w.length > prefix.length && prefix.every((p, i) => w[i] === p))
  return [...new Set(words.map(w => w[prefix.length]))]
}

/** A command's name and flags (its own, base flags and --json) as the suggestions need them. */
export function commandFlags(command: Command.Loadable): CommandFlags {
  const flags = Object.entries(command.flags).flatMap(([name, f]) =>
    f.type === 'boolean' && f.allowNo ? [name, `no-${name}`] : [name],
  )
  return {argCount: Object.keys(command.args).length, flags, name: command.id.replaceAll(':', ' ')}
}
