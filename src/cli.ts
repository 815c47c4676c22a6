/**
 * The CLI entry: oclif and every command in one module. esbuild bundles it into
 * dist/bundle/cli.cjs (scripts/bundle.mjs), which bin/run.js runs; bin/dev.js runs this file
 * from source. A run loads only its own command (src/cli/core/command-registry.ts); commands that need
 * the AWS SDK import it inside run(), and the SDK stays outside the bundle.
 */
import type {Interfaces} from '@oclif/core'
import {execute} from '@oclif/core'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {loadCommands} from './cli/core/command-registry.js'
import {loadHelp} from './cli/core/lazy.js'
import {currentIO} from './cli/core/io.js'
import {guardOutputStreams, hideSdkNodeSupportWarning, nodeEngineWarning} from './cli/core/process-policy.js'
import type {simulateAll as simulateInParallel} from './cli/simulate/parallel.js'

// oclif takes the commands from COMMANDS; the init hook LOAD_COMMAND_OF_LINE loads the one a line runs.
export {
  COMMAND_IDS,
  COMMANDS,
  loadCommands,
  loadCommandOfLine as LOAD_COMMAND_OF_LINE,
} from './cli/core/command-registry.js'

/** Runs the command line in process.argv with the process policy of the CLI. */
export async function main(loadOptions: Interfaces.LoadOptions): Promise<void> {
  hideSdkNodeSupportWarning()
  guardOutputStreams()
  const pjson = typeof loadOptions === 'object' ? (loadOptions?.pjson as {engines?: {node?: unknown}}) : undefined
  const range = pjson?.engines?.node
  const engine = nodeEngineWarning(typeof range === 'string' ? range : undefined, process.versions.node)
  if (engine) currentIO().err(engine)
  // Without a manifest oclif describes the commands from their classes, so it needs them all first.
  const root = typeof loadOptions === 'string' ? loadOptions : loadOptions?.root
  if (root === undefined || !existsSync(join(root, 'oclif.manifest.json'))) await loadCommands()
  await execute({args: versionAlias(process.argv.slice(2)), loadOptions})
}

/**
 * `miyabi --version` and `miyabi -v` run the version command (oclif's own would print only its
 * user agent, without the AWS SDK's version, and take no --json).
 */
export function versionAlias(argv: string[]): string[] {
  return argv[0] === '--version' || argv[0] === '-v' ? ['version', ...argv.slice(1)] : argv
}

/**
 * oclif's help class (package.json's helpClass): miyabi's help (src/cli/core/help.ts), loaded
 * only when help is shown, so a run that shows none does not load oclif's help renderer.
 */
export class HELP_CLASS {
  constructor(
    private readonly config: Interfaces.Config,
    private readonly opts: Partial<Interfaces.HelpOptions> = {},
  ) {}

  async showHelp(argv: string[]): Promise<void> {
    const {MiyabiHelp} = await loadHelp()
    return new MiyabiHelp(this.config, this.opts).showHelp(argv)
  }
}

// oclif's hooks (package.json names them by these identifiers).
export {
  commandNotFound as COMMAND_NOT_FOUND,
  helpForUnknownCommand as HELP_FOR_UNKNOWN_COMMAND,
} from './cli/core/not-found.js'

/**
 * For scripts/bench-simulate.mjs: the simulation as the built CLI runs it, worker thread included
 * (loaded when called, like the commands).
 */
export async function simulateAll(
  ...args: Parameters<typeof simulateInParallel>
): ReturnType<typeof simulateInParallel> {
  const {simulateAll: run} = await import('./cli/simulate/parallel.js')
  return run(...args)
}
