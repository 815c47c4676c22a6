/**
 * A link to aws-lambda-power-tuning's visualizer (its page draws duration and cost against
 * memory from the link alone: the part after `#` never reaches a server). The format is the
 * reference's buildVisualizationURL: the base, `#`, then three base64 fields joined by `;` —
 * the memory sizes as little-endian Int16, the durations as little-endian Float32, the costs
 * per invocation as little-endian Float32 — sorted by memory. Its page shows yuan when the
 * base carries `?currency=CNY`, which the reference adds for the China regions.
 */
import {InputError, quoteInput} from '../common/errors.js'

export const DEFAULT_VISUALIZATION_BASE = 'https://lambda-power-tuning.show/'

/** A base URL longer than this is not a page address (the link must still fit a terminal line or a browser). */
export const MAX_VISUALIZATION_BASE_LENGTH = 2000

export interface VisualizationPoint {
  memoryMb: number
  durationMs: number
  costUsd: number
}

export class VisualizationInputError extends InputError {}

/** An http(s) address without a fragment (the data goes there), e.g. a self-hosted copy of the page. */
export function checkVisualizationBase(text: string): string {
  let url: URL | null = null
  try {
    url = text.length <= MAX_VISUALIZATION_BASE_LENGTH ? new URL(text) : null
  } catch {
    url = null
  }

  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || text.includes('#') || /\s/.test(text))
    throw new VisualizationInputError(
      `--visualization-base must be an http or https address without a #, at most ${MAX_VISUALIZATION_BASE_LENGTH} characters (e.g. https://lambda-power-tuning.show/), got ${quoteInput(text)}`,
    )
  return text
}

function base64(bytes: number, fill: (view: DataView) => void): string {
  const buffer = new ArrayBuffer(bytes)
  fill(new DataView(buffer))
  return Buffer.from(buffer).toString('base64')
}

/** The three fields after `#`, in the reference's encoding (little-endian, whatever the machine). */
export function visualizationHash(points: readonly VisualizationPoint[]): string {
  const sorted = [...points].sort((a, b) => a.memoryMb - b.memoryMb)
  const int16 = (values: number[]) =>
    base64(values.length * 2, v => values.forEach((x, i) => v.setInt16(i * 2, x, true)))
  const float32 = (values: number[]) =>
    base64(values.length * 4, v => values.forEach((x, i) => v.setFloat32(i * 4, x, true)))
  return [
    int16(sorted.map(p => p.memoryMb)),
    float32(sorted.map(p => p.durationMs)),
    float32(sorted.map(p => p.costUsd)),
  ].join(';')
}

export function visualizationUrl(
  points: readonly VisualizationPoint[],
  base: string = DEFAULT_VISUALIZATION_BASE,
  region: string | null = null,
): string {
  const currency = region?.startsWith('cn-') ? '?currency=CNY' : ''
  return `${base}${currency}#${visualizationHash(points)}`
}
