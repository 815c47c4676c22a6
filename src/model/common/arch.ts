import {InputError} from './errors.js'

/**
 * The two CPU architectures in AWS's words (Lambda's `Architectures`; ECS's `cpuArchitecture` is
 * the same in capitals): what miyabi prints, in text and JSON.
 */
export const ARCHES = ['x86_64', 'arm64'] as const
export type Arch = (typeof ARCHES)[number]

/**
 * Every spelling miyabi takes for an architecture (flags, miyabi.yaml, the library), with AWS's
 * word for it: the one alias table. `plan --arch` once took x86|arm and `tune lambda --arch`
 * x86_64|arm64; both take all of these.
 */
export const ARCH_ALIASES = {
  x86: 'x86_64',
  x86_64: 'x86_64',
  amd64: 'x86_64',
  arm: 'arm64',
  arm64: 'arm64',
  graviton: 'arm64',
} as const satisfies Record<string, Arch>

/** An accepted spelling of an architecture. */
export type ArchSpelling = keyof typeof ARCH_ALIASES

/** The spellings of ARCH_ALIASES, for flag options and the config schema. */
export const ARCH_SPELLINGS = Object.keys(ARCH_ALIASES) as readonly ArchSpelling[]

export class ArchitectureError extends InputError {
  constructor(readonly given: string) {
    super(
      `unknown architecture ${JSON.stringify(given)}: use ${ARCHES.join(' or ')} (or ${ARCH_SPELLINGS.filter(s => !(ARCHES as readonly string[]).includes(s)).join(', ')})`,
    )
  }
}

/** AWS's word for any accepted spelling of an architecture. */
export function toArch(word: string): Arch {
  if (!Object.hasOwn(ARCH_ALIASES, word)) throw new ArchitectureError(word)
  return ARCH_ALIASES[word as ArchSpelling]
}

/** The price book's key for an architecture: the book keeps its own short keys (x86, arm), stable across versions. */
export function bookArch(arch: Arch): 'x86' | 'arm' {
  if (arch === 'x86_64') return 'x86'
  if (arch === 'arm64') return 'arm'
  // A library caller (or a cast) can pass anything: only AWS's two words index the book.
  throw new ArchitectureError(String(arch))
}
