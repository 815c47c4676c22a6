import {Chalk, type ChalkInstance} from 'chalk'

/**
 * The styles a renderer paints with (bold titles, status colours). Whether they are painted is
 * not the renderer's call: the command's I/O object decides from NO_COLOR, FORCE_COLOR and the
 * terminal (src/cli/core/io.ts, `colorLevel`) and says so in RenderOptions.color; without it,
 * nothing is painted (a library caller, a pipe, a test).
 */
// Only the basic styles are used, and they are the same codes at every level from 1 up.
const PAINTED = new Chalk({level: 1})
const PLAIN = new Chalk({level: 0})

export function styles(paint: boolean | undefined): ChalkInstance {
  return paint ? PAINTED : PLAIN
}

export function statusColor(status: 'ok' | 'warn' | 'fail', paint: boolean | undefined): (text: string) => string {
  const c = styles(paint)
  return status === 'ok' ? c.green : status === 'warn' ? c.yellow : c.red.bold
}
