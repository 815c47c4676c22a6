import {createHash} from 'node:crypto'

import {checkGolden} from '../helpers/golden.js'
import {runInProcess} from '../helpers/run-command.js'

const ARGS = [
  'simulate',
  '--issues-per-day',
  '1000',
  '--duration',
  '365d',
  '--step',
  '1m',
  '--compare',
  'design-step,design-exact,design-target-cpu,backlog',
]
const digest = (text: string) => `sha256 ${createHash('sha256').update(text).digest('hex')}, ${text.length} characters`

/**
 * A year of minutes for four policies, the run `npm run bench` times: its JSON document (2 MB)
 * and text output pinned by digest, and each policy's summary in full, so a speed-up that
 * changes any output is seen. Regenerate after an intended change: UPDATE_GOLDEN=1 npm test
 */
describe('simulate: golden year (365d x 1m x 4 policies)', function () {
  this.timeout(120_000)

  it('the JSON document and the text output are unchanged', async () => {
    const json = await runInProcess([...ARGS, '--json'])
    const text = await runInProcess(ARGS)
    const report = JSON.parse(json.stdout) as {results: {policy: {name: string}; summary: unknown}[]}
    checkGolden(
      'simulate-year.txt',
      [
        `--json: ${digest(json.stdout)}`,
        `text: ${digest(text.stdout)}`,
        ...report.results.map(r => `${r.policy.name}: ${JSON.stringify(r.summary)}`),
        '',
      ].join('\n'),
    )
  })
})
