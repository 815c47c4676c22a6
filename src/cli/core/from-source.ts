/**
 * Running the CLI from src/ with no build step: bin/dev.js and the in-process command tests.
 * package.json tells oclif to take the commands (and hooks) from the bundle, dist/bundle/cli.cjs;
 * here they come from src/cli.ts instead (the caller has registered tsx), and any
 * oclif.manifest.json is ignored: it describes the last build, which may be older than the source.
 */
import {Config, Plugin, settings, type Interfaces} from '@oclif/core'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const SOURCE_ENTRY = './src/cli.ts'

interface Target {
  target: string
  [key: string]: unknown
}

/** package.json's oclif section with every command and hook target pointed at src/cli.ts. */
function fromSource(oclif: {commands: Target; hooks?: Record<string, Target | Target[]>}) {
  const fromSourceEntry = (hook: Target) => ({...hook, target: SOURCE_ENTRY})
  const hooks = Object.fromEntries(
    Object.entries(oclif.hooks ?? {}).map(([event, hook]) => [
      event,
      Array.isArray(hook) ? hook.map(fromSourceEntry) : fromSourceEntry(hook),
    ]),
  )
  return {...oclif, commands: {...oclif.commands, target: SOURCE_ENTRY}, hooks}
}

/**
 * The oclif configuration of the CLI as the source defines it. A fresh one each call: a run can
 * change its configuration (showing help rewrites command ids in place), so runs in one process
 * (the tests) must not share one.
 */
export async function sourceConfig(): Promise<Config> {
  // We name the .ts file ourselves: no guessing by oclif from tsconfig's outDir.
  settings.enableAutoTranspile = false
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Interfaces.PJSON
  pjson.oclif = fromSource(pjson.oclif as Parameters<typeof fromSource>[0]) as Interfaces.PJSON['oclif']
  // With no manifest, oclif describes the commands from their classes: all of them, loaded first,
  // into the module oclif reads them from. oclif imports the entry by its file URL, which under tsx
  // can be another instance than this module's own imports of it, so it is imported the same way.
  const entry = (await import(pathToFileURL(join(ROOT, SOURCE_ENTRY)).href)) as typeof import('../../cli.js')
  await entry.loadCommands()
  const plugin = new Plugin({ignoreManifest: true, isRoot: true, pjson, root: ROOT})
  await plugin.load()
  return Config.load({
    devPlugins: false,
    jitPlugins: false,
    pjson,
    plugins: new Map([[plugin.name, plugin]]),
    root: ROOT,
    userPlugins: false,
  })
}
