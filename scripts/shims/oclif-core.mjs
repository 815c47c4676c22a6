// What the CLI takes from '@oclif/core', from its sub-path modules: the package's index loads
// every part of oclif (about 50 more modules) before any command runs. The bundler points bare
// '@oclif/core' imports here; a name missing below fails the build, never a run.
export * as Args from '@oclif/core/args'
export {Command} from '@oclif/core/command'
export {Config} from '@oclif/core/config'
export {execute} from '@oclif/core/execute'
export * as Flags from '@oclif/core/flags'
export * as ux from '@oclif/core/ux'

/** The help renderer (templates, text wrapping) loads only when help is shown. */
export async function loadHelpClass(config) {
  const help = await import('@oclif/core/help')
  return help.loadHelpClass(config)
}
