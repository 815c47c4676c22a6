/** Which price book miyabi.yaml's `prices:` or `--prices` names; loading it is src/cli/pricing/price-book.ts's. */
import {resolve} from 'node:path'

import {UsageError} from '../errors.js'

export const PRICE_CHOICES = ['embedded', 'cached', 'live'] as const
export type PriceChoice = {kind: (typeof PRICE_CHOICES)[number]} | {kind: 'file'; path: string}

/** A cached book older than this is refreshed by `--prices live`. */
export const LIVE_MAX_AGE_HOURS = 24

/** `embedded`, `cached`, `live`, or a file (relative to `baseDir`: the config's folder for miyabi.yaml's value). */
export function parsePriceChoice(text: string, where: string, baseDir = process.cwd()): PriceChoice {
  const value = text.trim()
  if (value === '') throw new UsageError(`${where} needs embedded, cached, live or a price book file`)
  if ((PRICE_CHOICES as readonly string[]).includes(value)) return {kind: value as (typeof PRICE_CHOICES)[number]}
  return {kind: 'file', path: resolve(baseDir, value)}
}
