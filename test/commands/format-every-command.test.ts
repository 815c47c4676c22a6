import assert from 'node:assert/strict'
import {parse} from 'yaml'

import {COMMAND_IDS} from '../../src/cli.js'
import {useHealthyAccount} from './aws-healthy-account.js'
import {runLive} from './aws-live-mocks.js'
import {SAMPLES} from './command-samples.js'

/**
 * `--format table|json|yaml|markdown` on every command that prints a result: json is --json, yaml
 * is the same document, markdown is Markdown (no terminal colours or box drawing), and --json with
 * another format is a usage error (exit 2) before any work.
 */
const NO_FORMAT: Record<string, string> = {
  'config:init': 'writes miyabi.yaml; its result is only for --json',
  'config:schema': 'the schema is a JSON document by definition',
  help: "oclif's own help command",
  autocomplete: '@oclif/plugin-autocomplete: set-up instructions for a shell',
  'autocomplete:create': '@oclif/plugin-autocomplete: writes the completion scripts',
  'autocomplete:script': '@oclif/plugin-autocomplete: a line of shell',
}

const words = (id: string) => id.split(':')
const BOX = /[─│┌┐└┘├┤┬┴┼]/
const ANSI = /\u001B\[/

describe('--format on every command', () => {
  useHealthyAccount()

  it('every command but those listed has --format with the four formats', async () => {
    const without: string[] = []
    for (const id of COMMAND_IDS) {
      if (id in NO_FORMAT) continue
      const r = await runLive([...words(id), '--help'])
      if (!/--format=<option>/.test(r.stdout) || !/table\|json\|yaml\|markdown/.test(r.stdout.replaceAll(/\s+/g, '')))
        without.push(id)
    }

    assert.deepEqual(without, [])
  })

  for (const [id, samples] of Object.entries(SAMPLES)) {
    if (id in NO_FORMAT) continue
    const sample = samples[0]
    const argv = [...words(id), ...sample.args]
    const exit = sample.exit ?? 0

    it(`${argv.join(' ')}: --format json is --json, yaml the same document, markdown plain`, async () => {
      const json = await runLive([...argv, '--json'])
      const asJson = await runLive([...argv, '--format', 'json'])
      assert.equal(asJson.exitCode, exit, asJson.stderr)
      const doc = JSON.parse(asJson.stdout)
      assert.deepEqual(Object.keys(doc), Object.keys(JSON.parse(json.stdout)))

      const yaml = await runLive([...argv, '--format', 'yaml'])
      assert.equal(yaml.exitCode, exit, yaml.stderr)
      assert.deepEqual(Object.keys(parse(yaml.stdout)), Object.keys(doc))
      assert.ok(sample.key in parse(yaml.stdout))

      const markdown = await runLive([...argv, '--format', 'markdown'])
      assert.equal(markdown.exitCode, exit, markdown.stderr)
      assert.match(markdown.stdout, /^(## |```|\||- )/m)
      assert.doesNotMatch(markdown.stdout, BOX)
      assert.doesNotMatch(markdown.stdout, ANSI)
    })
  }

  it('--json with --format yaml, markdown or table is exit 2 with one line; with --format json it is the same', async () => {
    for (const format of ['yaml', 'markdown', 'table']) {
      const r = await runLive(['plan', '--issues-per-day', '1000', '--json', '--format', format])
      assert.equal(r.exitCode, 2)
      assert.equal(r.stdout, '')
      assert.equal(r.stderr, `Error: --json prints JSON; drop it, or --format ${format}\n`)
    }

    const r = await runLive(['status', '--cluster', 'miyabi', '--service', 'workers', '--json', '--format', 'markdown'])
    assert.equal(r.exitCode, 2)
    const same = await runLive(['plan', '--issues-per-day', '1000', '--json', '--format', 'json'])
    assert.equal(same.exitCode, 0)
    assert.equal(same.stdout, (await runLive(['plan', '--issues-per-day', '1000', '--json'])).stdout)
  })
})
