import {Chalk, type ChalkInstance} from 'chalk'

/**
 * Colour only for people: off when NO_COLOR is set, when stdout is not a terminal
 * (pipes, files, CI logs) unless FORCE_COLOR asks for it.
 */
export function colorLevel(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0
  const force = env.FORCE_COLOR
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0
    const n = Number(force)
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1
  }

  if (!isTTY || env.TERM === 'dumb') return 0
  return env.COLORTERM === 'truecolor' ? 3 : 2
}

let cached: ChalkInstance | undefined

export function color(): ChalkInstance {
  cached ??= new Chalk({level: colorLevel()})
  return cached
}

export function statusColor(status: 'ok' | 'warn' | 'fail'): (text: string) => string {
  const c = color()
  return status === 'ok' ? c.green : status === 'warn' ? c.yellow : c.red.bold
}
