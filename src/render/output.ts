export const FORMATS = ['table', 'json', 'yaml', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export function toJson(data: unknown): string {
  return JSON.stringify(data, null, 2)
}

export async function toYaml(data: unknown): Promise<string> {
  const {stringify} = await import('yaml')
  return stringify(data, {aliasDuplicateObjects: false, lineWidth: 0})
}
