/**
 * Whether a named AWS profile exists, read from the shared config and credentials files the
 * way the SDK finds them (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/). Without
 * this a mistyped --profile surfaces as the SDK's "Could not load credentials from any
 * providers", which names neither the profile nor the files.
 */
import {readFileSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

/** Larger files are left to the SDK: this is a courtesy check, not a parser. */
const MAX_BYTES = 1024 * 1024

/** The text of an INI file: '' when there is none, null when it cannot be read (then nothing is concluded). */
function iniText(path: string): string | null {
  try {
    const stat = statSync(path)
    if (!stat.isFile() || stat.size > MAX_BYTES) return null
    return readFileSync(path, 'utf8')
  } catch (error) {
    // A missing file holds no profile; any other failure (permissions) is the SDK's to report.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : null
  }
}

/** The section names of an INI file, or null when it cannot be read. */
function sections(path: string): string[] | null {
  const text = iniText(path)
  return text === null ? null : [...text.matchAll(/^\s*\[\s*([^\]\n]+?)\s*\]/gm)].map(m => m[1])
}

/** Each section's `key = value` pairs (sub-sections and comments ignored). */
function iniSections(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line)
    if (section) {
      current = new Map()
      out.set(section[1], current)
      continue
    }

    const pair = /^([^\s=#;][^=]*?)\s*=\s*(.*?)\s*$/.exec(line)
    if (pair && current) current.set(pair[1].trim().toLowerCase(), pair[2])
  }

  return out
}

/**
 * Where the profile should be and is not, or null when it exists (or the files cannot be
 * checked). The config file names profiles `[profile NAME]` (and `[default]`); the credentials
 * file `[NAME]`.
 */
/**
 * The chain of profiles when `name`'s source_profile chain comes back to a profile already on it
 * (e.g. ["a", "b", "a"]), else null. The SDK detects this too, but its chain of providers then
 * moves on and ends with "Could not load credentials from any providers", which names neither
 * the loop nor the profiles. A profile whose source_profile is itself with keys of its own is
 * the SDK's documented exception, not a loop.
 */
export function sourceProfileLoop(name: string, env: NodeJS.ProcessEnv = process.env): string[] | null {
  const config = iniText(env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'))
  const credentials = iniText(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'))
  if (config === null || credentials === null) return null
  const fromConfig = iniSections(config)
  const fromCredentials = iniSections(credentials)
  const profile = (p: string) =>
    new Map([
      ...(fromCredentials.get(p) ?? []),
      ...(fromConfig.get(p === 'default' ? 'default' : `profile ${p}`) ?? fromConfig.get(p) ?? []),
    ])
  const chain = [name]
  for (;;) {
    const current = profile(chain.at(-1)!)
    const next = current.get('source_profile')
    if (!next || !current.has('role_arn')) return null
    if (next === chain.at(-1) && current.has('aws_access_key_id')) return null
    chain.push(next)
    if (chain.indexOf(next) < chain.length - 1) return chain
  }
}

export function missingProfile(name: string, env: NodeJS.ProcessEnv = process.env): {files: string[]} | null {
  const config = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials')
  const inConfig = sections(config)
  const inCredentials = sections(credentials)
  if (inConfig === null || inCredentials === null) return null
  const found = inConfig.some(s => s === `profile ${name}` || s === name) || inCredentials.includes(name)
  return found ? null : {files: [config, credentials]}
}
