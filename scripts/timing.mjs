// Timing child processes for the benchmarks: wall-clock time, and the CPU time (user + system) the
// kernel accounts to the process. On a shared machine the wall time of a start-up swings with the
// load; its CPU time much less, so both are reported.
import {spawnSync} from 'node:child_process'

/**
 * Runs `node ...args` once (stdout discarded) and returns its wall and CPU milliseconds, through
 * bash's `time` (getrusage of the child, to the microsecond). Throws if the command fails.
 */
export function timeNode(args, env) {
  // --norc and no stdin: bash reads ~/.bashrc when its stdin is a socket (it takes that for rshd),
  // and a user's rc file (pyenv's rehash, for one) can take longer than the command timed.
  const r = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null',
      'bash',
      process.execPath,
      ...args,
    ],
    {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe']},
  )
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  const [real, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number)
  return {cpu: (user + sys) * 1000, wall: real * 1000}
}

/** The q-quantile of `values`, interpolated (0.5: the median). */
export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo] + (s[hi] - s[lo]) * (pos - lo)
}

export const median = values => quantile(values, 0.5)
