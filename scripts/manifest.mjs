// Writes oclif.manifest.json so the CLI does not import every command at start-up.
// (The `oclif` packaging CLI would do the same, but pulls in a large tree we do not otherwise need.)
import {Config} from '@oclif/core'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

/** Writes the manifest of the CLI installed at `root` (its package.json and dist/bundle); returns the number of commands. */
export async function writeManifest(root) {
  const manifestPath = join(root, 'oclif.manifest.json')
  rmSync(manifestPath, {force: true})
  // The bundle loads a command when a run needs it; the manifest describes them all. oclif requires
  // the same file, so it finds them loaded.
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const cli = await import(pathToFileURL(join(root, pjson.oclif.commands.target)).href)
  await (cli.loadCommands ?? cli.default.loadCommands)()
  const config = await Config.load(root)
  const plugin = config.plugins.get(config.pjson.name)
  const {version} = pjson
  const commands = Object.fromEntries([...plugin.commands].sort((a, b) => a.id.localeCompare(b.id)).map(c => [c.id, c]))
  // Compact: every run reads and parses it.
  writeFileSync(manifestPath, JSON.stringify({commands, version}) + '\n')
  return Object.keys(commands).length
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = await writeManifest(join(dirname(fileURLToPath(import.meta.url)), '..'))
  console.log(`wrote oclif.manifest.json (${count} commands)`)
}
