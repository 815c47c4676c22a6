/**
 * Suggestions for what a user probably meant: the nearest command, topic or flag to a misspelt
 * one, and what to type instead of an argument a command does not take. Pure text in, text out;
 * the not-found hook (not-found.ts) and the base command's parse (base-command.ts) use it.
 */
import {UsageError} from '../errors.js'
import {quoteInput} from '../model/index.js'

/** An argument that is a number, such as a load (`1000`, `1,000`, `1_000`). */
const NUMBER = /^\d[\d,._]*$/

/**
 * Edit distance (optimal string alignment): inserting, deleting or replacing a letter, or swapping
 * two neighbours, each counts 1, so "plna" is 1 from "plan".
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  return d[a.length][b.length]
}

/**
 * The candidates `word` is most likely a misspelling of: those nearest to it, if no further than a
 * third of its letters (at least 1); failing that, those it begins (a word cut short, 2 letters or
 * more). Empty when nothing is near enough to guess.
 */
export function nearest(word: string, candidates: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3))
  const scored = candidates.map((c) => ({c, d: editDistance(word.toLowerCase(), c.toLowerCase())})).filter(({d}) => d <= limit)
  if (scored.length > 0) {
    const best = Math.min(...scored.map(({d}) => d))
    return scored.filter(({d}) => d === best).map(({c}) => c)
  }
  return word.length >= 2 ? candidates.filter((c) => c.startsWith(word)) : []
}

/** `a`, `a or b`, `a, b or c`. */
export function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** `; did you mean "burst"?` when a value is near one of the values it could be, else nothing. */
export function didYouMeanValue(word: string, choices: readonly string[]): string {
  const near = nearest(word, choices)
  return near.length > 0 ? `; did you mean ${alternatives(near.map((c) => quoteInput(c)))}?` : ''
}

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
  const parts = typed.map((flag) => {
    const name = flag.replace(/^-+/, '').split('=')[0]
    const near = nearest(name, command.flags).map((f) => `--${f}`)
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
  const got = args.map((a) => quoteInput(a)).join(' ')
  const what = command.argCount === 0 ? `${command.name} takes no arguments, got ${got}` : `unexpected argument${args.length === 1 ? '' : 's'} ${got} to ${command.name}`
  const fixes = argumentsAsFlags(args, command.flags)
  if (fixes) return `${what}; did you mean miyabi ${command.name} ${fixes.join(' ')}?`
  return `${what} (miyabi ${command.name} --help lists the flags)`
}

/** The arguments written as the flags they were probably meant as; undefined unless every one is clear. */
export function argumentsAsFlags(args: readonly string[], flags: readonly string[]): string[] | undefined {
  // Two numbers could be two loads or a load and something else: no guess.
  if (args.filter((a) => NUMBER.test(a)).length > 1) return undefined
  const fixes = args.map((a) => instead(a, flags))
  return fixes.every((f) => f !== undefined) ? (fixes as string[]) : undefined
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
  if (name === 'NonExistentFlagsError' && isStrings(e.flags)) return new UsageError(unknownFlagsMessage(command, e.flags))
  if (name === 'UnexpectedArgsError' && isStrings(e.args)) return new UsageError(strayArgumentsMessage(command, e.args))
  // oclif keeps neither the flag nor the value on the error, only in its message's first line
  // (the second says "See more help with --help").
  const first = String((error as Error)?.message).split('\n')[0]
  const invalid = name === 'FlagInvalidOptionError' ? /^Expected --[\w-]+=(.*) to be one of: (.*)$/.exec(first) : null
  if (invalid) return new UsageError(`${first}${didYouMeanValue(invalid[1], invalid[2].split(', '))}`)
  return undefined
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string')
