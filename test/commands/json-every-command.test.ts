import {DescribeScalableTargetsCommand} from '@aws-sdk/client-application-auto-scaling'
import {GetMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import assert from 'node:assert/strict'

import {COMMAND_IDS} from '../../src/cli.js'
import {useHealthyAccount} from './aws-healthy-account.js'
import {WHERE} from '../helpers/account-flags.js'
import {SAMPLES} from './command-samples.js'
import {runLive} from './aws-live-mocks.js'

/**
 * `--json` on every command prints exactly one JSON document: what run() returns. The samples
 * (command-samples.ts) are checked against the command registry itself: a command registered
 * without a row there fails the first test, so every new command must say how to run it (offline commands run as they are;
 * live ones against the healthy account of fixtures/aws/, scripted with aws-sdk-client-mock).
 */

/** Not ours: oclif's help command prints help text, with no result to return. */
const EXEMPT: Record<string, string> = {
  help: "oclif's own help command (plugin-help): text by definition",
  autocomplete: '@oclif/plugin-autocomplete: set-up instructions for a shell',
  'autocomplete:create': '@oclif/plugin-autocomplete: writes the completion scripts',
  'autocomplete:script': '@oclif/plugin-autocomplete: a line of shell',
}

const words = (id: string) => id.split(':')

describe('--json on every command', () => {
  useHealthyAccount()

  it('every registered command has a sample row (add one for a new command)', () => {
    const missing = COMMAND_IDS.filter(id => !(id in SAMPLES) && !(id in EXEMPT))
    assert.deepEqual(missing, [], `commands without a row in SAMPLES of ${import.meta.url}`)
    const stale = Object.keys(SAMPLES).filter(id => !COMMAND_IDS.includes(id))
    assert.deepEqual(stale, [], 'rows for commands that are not registered')
  })

  for (const [id, samples] of Object.entries(SAMPLES))
    for (const sample of samples) {
      const argv = [...words(id), ...sample.args, '--json']
      it(`${argv.join(' ')} prints one JSON document`, async () => {
        const r = await runLive(argv)
        assert.equal(r.exitCode, sample.exit ?? 0, r.stderr)
        if (sample.exit === undefined) assert.doesNotMatch(r.stderr, /Error/)
        // JSON.parse takes exactly one document: a second one, or any text around it, throws.
        const doc = JSON.parse(r.stdout)
        assert.ok(
          doc !== null && typeof doc === 'object' && sample.key in doc,
          `no "${sample.key}" in ${r.stdout.slice(0, 200)}`,
        )
        assert.ok(r.stdout.endsWith('}\n') || r.stdout.endsWith(']\n'))
      })
    }

  it('iam-policy and config schema print the same document with and without --json', async () => {
    for (const argv of [
      ['iam-policy', 'status'],
      ['config', 'schema'],
    ]) {
      const text = await runLive(argv)
      const json = await runLive([...argv, '--json'])
      assert.equal(text.exitCode, 0, text.stderr)
      assert.equal(json.stdout, text.stdout)
    }
  })
})

describe('--json with a non-zero exit still prints the result', () => {
  useHealthyAccount()

  it('plan with a failing budget gate: the {gates, plans} document on stdout, the reason on stderr, exit 1', async () => {
    const r = await runLive(['plan', '--issues-per-day', '1000', '--max-monthly-cost', '1', '--json'])
    assert.equal(r.exitCode, 1)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(Object.keys(doc).sort(), ['gates', 'plans', 'schemaVersion'])
    assert.equal(doc.gates[0].passed, false)
    assert.match(
      r.stderr,
      /^Error: budget gate failed: monthly cost \$[\d,.]+ at 1,000 issues\/day is above \$1\.00\n$/,
    )
  })

  it('plan with a failing gate in text: the report, then the error line, exit 1', async () => {
    const r = await runLive(['plan', '--issues-per-day', '1000', '--max-monthly-cost', '1'])
    assert.equal(r.exitCode, 1)
    assert.match(r.stdout, /Budget gates\n {2}monthly cost at 1,000 issues\/day: .* — FAIL/)
    assert.match(r.stderr, /^Error: budget gate failed/)
  })
})

describe('--json with a partial live view (exit 3) still prints the result', () => {
  const denied = (action: string) =>
    Object.assign(new Error(`User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ${action}`), {
      $metadata: {httpStatusCode: 403},
      name: 'AccessDenied',
    })
  useHealthyAccount(m => {
    m.cw.on(GetMetricDataCommand).rejects(denied('cloudwatch:GetMetricData'))
    m.aas.on(DescribeScalableTargetsCommand).rejects(denied('application-autoscaling:DescribeScalableTargets'))
  })

  it('status: the report with partial: true, a warning per section on stderr, exit 3', async () => {
    const r = await runLive(['status', ...WHERE, '--queue', 'high=miyabi-high', '--json'])
    assert.equal(r.exitCode, 3)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.partial, true)
    assert.match(r.stderr, /^Warning: access denied: cloudwatch:GetMetricData/m)
  })

  it('scale: the capacity with min/max null, a warning on stderr, exit 3', async () => {
    const r = await runLive(['scale', ...WHERE, '--json'])
    assert.equal(r.exitCode, 3)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual([doc.desired, doc.min, doc.max], [10, null, null])
    assert.match(r.stderr, /^Warning: access denied: application-autoscaling:DescribeScalableTargets/)
  })
})
