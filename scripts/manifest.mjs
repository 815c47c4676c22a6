// Writes oclif.manifest.json so the CLI does not import every command at start-up.
// (The `oclif` packaging CLI would do the same, but pulls in a large tree we do not otherwise need.)
import {Config} from '@oclif/core'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const manifestPath = join(root, 'oclif.manifest.json')
rmSync(manifestPath, {force: true})
const config = await Config.load(root)
const plugin = config.plugins.get(config.pjson.name)
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const commands = Object.fromEntries(
  [...plugin.commands].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [c.id, c]),
)
writeFileSync(manifestPath, JSON.stringify({commands, version}, null, 2) + '\n')
console.log(`wrote oclif.manifest.json (${Object.keys(commands).length} commands)`)
