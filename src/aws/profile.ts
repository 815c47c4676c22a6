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

/** The section names of an INI file, or null when it cannot be read (then nothing is concluded). */
function sections(path: string): string[] | null {
  try {
    const stat = statSync(path)
    if (!stat.isFile() || stat.size > MAX_BYTES) return null
    return [...readFileSync(path, 'utf8').matchAll(/^\s*\[\s*([^\]\n]+?)\s*\]/gm)].map((m) => m[1])
  } catch (error) {
    // A missing file holds no profile; any other failure (permissions) is the SDK's to report.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? [] : null
  }
}

/**
 * Where the profile should be and is not, or null when it exists (or the files cannot be
 * checked). The config file names profiles `[profile NAME]` (and `[default]`); the credentials
 * file `[NAME]`.
 */
export function missingProfile(name: string, env: NodeJS.ProcessEnv = process.env): {files: string[]} | null {
  const config = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials')
  const inConfig = sections(config)
  const inCredentials = sections(credentials)
  if (inConfig === null || inCredentials === null) return null
  const found = inConfig.some((s) => s === `profile ${name}` || s === name) || inCredentials.includes(name)
  return found ? null : {files: [config, credentials]}
}
