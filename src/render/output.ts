import type {RenderOptions, Section} from './document.js'
import {renderDocument} from './document.js'

export const FORMATS = ['table', 'json', 'yaml', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export function toJson(data: unknown): string {
  return JSON.stringify(data, null, 2)
}

export async function toYaml(data: unknown): Promise<string> {
  const {stringify} = await import('yaml')
  return stringify(data, {aliasDuplicateObjects: false, lineWidth: 0})
}

/**
 * One result, rendered in the chosen format: the data for json/yaml, the sections for people.
 * `width`, `wide` and `color` apply to the table format only (Markdown, JSON and YAML are never
 * wrapped or painted).
 */
export async function formatResult(
  format: Format,
  data: unknown,
  sections: (options: Required<RenderOptions>) => Section[],
  width = Number.POSITIVE_INFINITY,
  {color = false, wide = false}: {color?: boolean; wide?: boolean} = {},
): Promise<string> {
  if (format === 'json') return `${toJson(data)}\n`
  if (format === 'yaml') return toYaml(data)
  const markdown = format === 'markdown'
  const options = {color: color && !markdown, markdown, wide, width: markdown ? Number.POSITIVE_INFINITY : width}
  return renderDocument(sections(options), markdown ? 'markdown' : 'table', options.width, options)
}
