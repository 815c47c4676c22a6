/**
 * Every command of the CLI, by oclif id, and how to load it. A run loads only the command it runs:
 * importing every command at start-up (their flags, the config schema, the AWS adapters, the
 * renderers) was most of the start-up time of the bundle (docs/development.md, "Start-up"). Until a
 * command runs, oclif describes them all from oclif.manifest.json, written by the build.
 */
import type {Command, Hook} from '@oclif/core'

const LOADERS: Record<string, () => Promise<Command.Class>> = {
  // plugin-help's own `help` command, bundled in rather than loaded as a plugin: one file to read.
  help: async () => (await import('@oclif/plugin-help')).commands.help,
  // @oclif/plugin-autocomplete's commands, bundled in the same way. Its package exports no
  // subpaths, so they are imported by file: its own index exports nothing.
  autocomplete: async () =>
    (await import('../../../node_modules/@oclif/plugin-autocomplete/lib/commands/autocomplete/index.js')).default,
  'autocomplete:create': async () =>
    (await import('../../../node_modules/@oclif/plugin-autocomplete/lib/commands/autocomplete/create.js')).default,
  'autocomplete:script': async () =>
    (await import('../../../node_modules/@oclif/plugin-autocomplete/lib/commands/autocomplete/script.js')).default,
  'bench:lambda': async () => (await import('../../commands/bench/lambda.js')).default,
  'bench:workers': async () => (await import('../../commands/bench/workers.js')).default,
  'config:init': async () => (await import('../../commands/config/init.js')).default,
  'config:schema': async () => (await import('../../commands/config/schema.js')).default,
  'config:validate': async () => (await import('../../commands/config/validate.js')).default,
  forecast: async () => (await import('../../commands/forecast.js')).default,
  'iam-policy': async () => (await import('../../commands/iam-policy.js')).default,
  plan: async () => (await import('../../commands/plan/index.js')).default,
  'plan:scenarios': async () => (await import('../../commands/plan/scenarios.js')).default,
  'pricing:refresh': async () => (await import('../../commands/pricing/refresh.js')).default,
  'pricing:show': async () => (await import('../../commands/pricing/show.js')).default,
  simulate: async () => (await import('../../commands/simulate/index.js')).default,
  scale: async () => (await import('../../commands/scale/index.js')).default,
  'scale:policy:apply': async () => (await import('../../commands/scale/policy/apply.js')).default,
  'scale:policy:diff': async () => (await import('../../commands/scale/policy/diff.js')).default,
  'scale:policy:show': async () => (await import('../../commands/scale/policy/show.js')).default,
  'scale:set': async () => (await import('../../commands/scale/set.js')).default,
  status: async () => (await import('../../commands/status.js')).default,
  'tune:lambda': async () => (await import('../../commands/tune/lambda.js')).default,
  version: async () => (await import('../../commands/version.js')).default,
}

/** The id of every command, loaded or not. */
export const COMMAND_IDS: readonly string[] = Object.keys(LOADERS)

/**
 * The command classes loaded so far, by id: the object oclif takes the commands from (package.json
 * `oclif.commands.identifier`). Filled by loadCommands.
 */
export const COMMANDS: Record<string, Command.Class> = {}

/** Loads the named commands (every command by default) into COMMANDS; unknown ids are ignored. */
export async function loadCommands(ids: readonly string[] = COMMAND_IDS): Promise<Record<string, Command.Class>> {
  const missing = ids.filter(id => Object.hasOwn(LOADERS, id) && !Object.hasOwn(COMMANDS, id))
  const classes = await Promise.all(missing.map(id => LOADERS[id]()))
  for (const [i, id] of missing.entries()) COMMANDS[id] = classes[i]
  return COMMANDS
}

/**
 * oclif's init hook, run once the command line is read and before any command loads: loads the
 * command the line runs, and none for a line that starts with a flag other than help (`--version`).
 * Anything else (help, which reads every command's class; a misspelt command; no command at all)
 * loads them all, which costs time only where it does not matter.
 */
export const loadCommandOfLine: Hook<'init'> = async function ({argv, config, id}) {
  const helpFlags = new Set(['--help', ...(config.pjson.oclif.additionalHelpFlags ?? [])])
  const asksForHelp = id === 'help' || (id !== undefined && helpFlags.has(id)) || argv.some(a => helpFlags.has(a))
  if (asksForHelp || id === undefined) return void (await loadCommands())
  if (Object.hasOwn(LOADERS, id)) await loadCommands([id])
  else if (!id.startsWith('-')) await loadCommands()
}
