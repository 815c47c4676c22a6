/**
 * The nearest words to a misspelt one, for "did you mean" suggestions on commands, flags and
 * values. Pure text; src/cli/core/typos.ts builds the CLI's messages from it.
 */
import {quoteInput} from './errors.js'

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
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
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
  const scored = candidates
    .map(c => ({c, d: editDistance(word.toLowerCase(), c.toLowerCase())}))
    .filter(({d}) => d <= limit)
  if (scored.length > 0) {
    const best = Math.min(...scored.map(({d}) => d))
    return scored.filter(({d}) => d === best).map(({c}) => c)
  }
  return word.length >= 2 ? candidates.filter(c => c.startsWith(word)) : []
}

/** `a`, `a or b`, `a, b or c`. */
export function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** `; did you mean "burst"?` when a value is near one of the values it could be, else nothing. */
export function didYouMeanValue(word: string, choices: readonly string[]): string {
  const near = nearest(word, choices)
  return near.length > 0 ? `; did you mean ${alternatives(near.map(c => quoteInput(c)))}?` : ''
}
