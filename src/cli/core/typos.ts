import {stripVTControlCharacters} from 'node:util'
/**
 * Suggestions for what a user probably meant: the nearest command, topic or flag to a misspelt
 * one, and what to type instead of an argument a command does not take. Pure text in, text out;
 * the not-found hook (not-found.ts) and the base command's parse (base-command.ts) use it.
 */
import {UsageError} from '../../errors.js'
import {alternatives, didYouMeanValue, nearest, quoteInput} from '../../model/index.js'

// The word distance itself is in the model, so that config/ (a policy's name) can suggest too.
export {alternatives, didYouMeanValue, editDistance, nearest} from '../../model/index.js'

/** An argument that is a number, such as a load (`1000`, `1,000`, `1_000`). */
const NUMBER = /^\d[\d,._]*$/

/** What a command offers, as needed to suggest flags. */
export interface CommandFlags {
  /** `plan`, `scale set`: as typed. */
  name: string
  /** Every flag's name without dashes, `no-` forms of negatable flags included. */
  flags: string[]
  /** How many positional arguments the command takes. */
  argCount: number
}

/** One line for flags the command does not have, naming the nearest flag for each. */
export function unknownFlagsMessage(command: CommandFlags, typed: readonly string[]): string {
  const parts = typed.map(flag => {
    const name = flag.replace(/^-+/, '').split('=')[0]
    const near = nearest(name, command.flags).map(f => `--${f}`)
    return `unknown flag ${quoteInput(flag)}${near.length > 0 ? `; did you mean ${alternatives(near)}?` : ''}`
  })
  return `${parts.join('; ')} (miyabi ${command.name} --help lists the flags)`
}

/**
 * One line for arguments a command does not take, saying what to type instead where it can tell:
 * a number where the command takes a load is the load (`plan 1000` -> `--issues-per-day 1000`);
 * a flag's name without its dashes is that flag (`plan max-tasks=20` -> `--max-tasks=20`).
 */
export function strayArgumentsMessage(command: CommandFlags, args: readonly string[]): string {
  const got = args.map(a => quoteInput(a)).join(' ')
  const what =
    command.argCount === 0
      ? `${command.name} takes no arguments, got ${got}`
      : `unexpected argument${args.length === 1 ? '' : 's'} ${got} to ${command.name}`
  const fixes = argumentsAsFlags(args, command.flags)
  if (fixes) return `${what}; did you mean miyabi ${command.name} ${fixes.join(' ')}?`
  return `${what} (miyabi ${command.name} --help lists the flags)`
}

/** The arguments written as the flags they were probably meant as; undefined unless every one is clear. */
export function argumentsAsFlags(args: readonly string[], flags: readonly string[]): string[] | undefined {
  // Two numbers could be two loads or a load and something else: no guess.
  if (args.filter(a => NUMBER.test(a)).length > 1) return undefined
  const fixes = args.map(a => instead(a, flags))
  return fixes.every(f => f !== undefined) ? fixes : undefined
}

/** The flag an argument was probably meant as, written as it should have been typed. */
function instead(arg: string, flags: readonly string[]): string | undefined {
  if (NUMBER.test(arg) && flags.includes('issues-per-day')) return `--issues-per-day ${arg}`
  const [name, ...value] = arg.split('=')
  const near = nearest(name, flags)
  if (near.length !== 1) return undefined
  return value.length > 0 ? `--${near[0]}=${value.join('=')}` : `--${near[0]}`
}

/**
 * oclif's parse error for an unknown flag, an unexpected argument or a value not among a flag's
 * options, as a UsageError that says what was probably meant; undefined for any other error. oclif exports neither error class, so
 * they are told apart by class name (kept in the bundle: esbuild's keepNames).
 */
export function explainParseError(error: unknown, command: CommandFlags): UsageError | undefined {
  const e = error as {constructor?: {name?: string}; flags?: unknown; args?: unknown}
  const name = e?.constructor?.name
  if (name === 'NonExistentFlagsError' && isStrings(e.flags))
    return new UsageError(unknownFlagsMessage(command, e.flags))
  if (name === 'UnexpectedArgsError' && isStrings(e.args)) return new UsageError(strayArgumentsMessage(command, e.args))
  // oclif keeps neither the flag nor the value on the error, only in its message's first line
  // (the second says "See more help with --help").
  const first = String((error as Error)?.message).split('\n')[0]
  const invalid = name === 'FlagInvalidOptionError' ? /^Expected --[\w-]+=(.*) to be one of: (.*)$/.exec(first) : null
  if (invalid) return new UsageError(`${first}${didYouMeanValue(invalid[1], invalid[2].split(', '))}`)
  if (name === 'FailedFlagValidationError') return new UsageError(relationshipMessage(String((error as Error).message)))
  return undefined
}

/**
 * oclif's verdict on the flags' relationships (`exclusive`, `dependsOn`, `exactlyOne`) in one
 * line: its "The following errors occurred:" heading dropped, and an exclusive pair, which oclif
 * reports once from each side, said once.
 */
export function relationshipMessage(message: string): string {
  const reasons = message
    .split('\n')
    .slice(1)
    .map(line => stripVTControlCharacters(line).trim())
    .filter(line => line !== '' && !line.startsWith('See more help with'))
  const said = new Set<string>()
  const lines: string[] = []
  for (const reason of reasons) {
    const excluded = /^--([\w-]+)(?:=.*)? cannot also be provided when using --([\w-]+)$/.exec(reason)
    const needs = /^All of the following must be provided when using --([\w-]+): (.*)$/.exec(reason)
    let line = reason
    if (excluded) line = `give either --${excluded[1]} or --${excluded[2]}, not both`
    if (needs) line = `--${needs[1]} works only with ${needs[2]}: add ${needs[2]}`
    const key = excluded ? [excluded[1], excluded[2]].sort().join(' ') : line
    if (said.has(key)) continue
    said.add(key)
    lines.push(line)
  }

  return lines.length > 0 ? lines.join('; ') : message
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(v => typeof v === 'string')
