/**
 * The one place that decides how wide human output may be; render functions take the width as
 * a parameter and never look at the environment.
 *
 * - `COLUMNS` set to a positive whole number wins (also through a pipe: `COLUMNS=80 miyabi plan | less`).
 * - Otherwise a terminal's own width (its `columns`), 80 if it does not say.
 * - Otherwise (a pipe, a file, CI logs) Infinity: nothing is wrapped or shortened, so scripts and
 *   golden files see the full table whatever terminal the command was started from.
 */

/** Narrower than this, nothing reads well; output is laid out for this width and the terminal wraps it. */
const MIN_WIDTH = 40

export function outputWidth(env: NodeJS.ProcessEnv, stdout: {isTTY?: boolean; columns?: number}): number {
  const columns = env.COLUMNS?.trim()
  if (columns && /^\d+$/.test(columns) && Number(columns) > 0) return Math.max(MIN_WIDTH, Number(columns))
  if (stdout.isTTY) return Math.max(MIN_WIDTH, stdout.columns && stdout.columns > 0 ? stdout.columns : 80)
  return Number.POSITIVE_INFINITY
}
