/**
 * Preset and workload names renamed in 0.2: "seed-*" read like the --seed flag, and "the seed" was
 * an internal name for the design document. The old names still work in 0.2, with a note on
 * stderr; remove this file in 0.3.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'seed-3.1': 'design-3.1',
  'seed-3.2': 'design-3.2',
  'seed-exact': 'design-exact',
  'seed-step': 'design-step',
  'seed-target-cpu': 'design-target-cpu',
}

/** The current name for `name` (itself unless renamed); a renamed one is noted through `warn` (the command's stderr). */
export function currentName(name: string, warn: (line: string) => void): string {
  // hasOwn: "toString" is no old name (found by test/config/hardening.test.ts).
  if (!Object.hasOwn(RENAMED, name)) return name
  const renamed = RENAMED[name]
  warn(`Warning: "${name}" is now called "${renamed}"; the old name stops working in the next release`)
  return renamed
}
