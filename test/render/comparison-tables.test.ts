/**
 * Comparison tables at 80 columns (issue 16: "tune lambda with 4 sizes prints 66 lines; status
 * turns 3 queues into 27 lines"): one row per item, the least important columns hidden and named
 * under the table; --wide hides none. The line counts here are the ones docs/output.md gives.
 */
import assert from 'node:assert/strict'

import type {StatusReport} from '../../src/model/index.js'
import {embeddedPriceBook, parseMeasureSpec, tune} from '../../src/model/index.js'
import {renderDocument} from '../../src/render/document.js'
import {tuningSections} from '../../src/render/lambda-tuning.js'
import {statusSections} from '../../src/render/status.js'
import {displayWidth} from '../../src/render/text.js'
import {useHealthyAccount} from '../commands/aws-healthy-account.js'
import {runLive} from '../commands/aws-live-mocks.js'
import {WHERE} from '../helpers/account-flags.js'

const tuning = tune(parseMeasureSpec('128=2000,512=500,1024=240,2048=130'), {
  architecture: 'x86_64',
  balancedWeight: 0.5,
  book: embeddedPriceBook('us-east-1'),
  currentMemoryMb: 512,
  invocationsPerMonth: 3_000_000,
  strategy: 'cost',
})

const tuningText = (width: number, wide = false) =>
  renderDocument(tuningSections(tuning, {markdown: false, wide, width}), 'table', width, {wide})

/** The lines of the section whose title starts with `title`, up to the next blank line. */
function section(text: string, title: string): string[] {
  const lines = text.split('\n')
  const from = lines.findIndex(l => l.startsWith(title))
  assert.ok(from >= 0, `no section ${title} in:\n${text}`)
  const to = lines.indexOf('', from)
  return lines.slice(from, to === -1 ? undefined : to)
}

/** The widest line, but for a link printed whole (tune lambda's visualizer link is never wrapped). */
const widest = (text: string) =>
  Math.max(
    ...text
      .split('\n')
      .filter(l => !l.startsWith('https://'))
      .map(l => displayWidth(l)),
  )

describe('comparison tables at 80 columns: one row per item, the least important columns hidden', () => {
  it('tune lambda, 4 sizes (with --current and --invocations-per-month): 15 lines, was 59', () => {
    const text = tuningText(80)
    assert.ok(widest(text) <= 80, text)
    const lines = section(text, 'Lambda memory sizes')
    // A 5-line title, the table (heading, 4 sizes, 3 rules), the 2-line note.
    assert.equal(lines.length, 15, lines.join('\n'))
    assert.match(lines[6], /^│ Memory +│ Trimmed │ +p50 │ +p95 │ Per 1M │ Per month │ Best for +│$/)
    assert.match(lines[10], /^│ 1024 MB │ +240 │ +240 │ +240 │ +\$4\.20 │ +\$12\.60 │ cost \*, balanced │$/)
    assert.equal(
      lines.slice(13).join(' '),
      'Hidden to fit 80 columns: n, p99, Billed, Cold, Init, Per call, vs 512 MB.   --wide shows every column, as does a wider terminal.',
    )
  })

  it('tune lambda --wide at 80 columns: every column, one column per size; piped: the full table', () => {
    const wide = tuningText(80, true)
    assert.ok(widest(wide) <= 80, wide)
    assert.doesNotMatch(wide, /Hidden/)
    assert.match(wide, /^│ Memory +│ +128 MB │ +512 MB │ +1024 MB │ +2048 MB │$/m)
    assert.match(wide, /^│ Per 1M +│ +\$4\.37 │ +\$4\.37 │ +\$4\.20 │ +\$4\.53 │$/m)
    const piped = tuningText(Number.POSITIVE_INFINITY)
    assert.doesNotMatch(piped, /Hidden/)
    assert.match(piped, /^│ Memory +│ n │ Trimmed │ +p50 │ +p95 │ +p99 │ Billed │ Cold │ Init │ +Per call │/m)
  })

  describe('status, 3 queues', () => {
    useHealthyAccount(() => {})
    /** The recorded account's status, its one queue made three. */
    async function threeQueues(): Promise<StatusReport> {
      const r = await runLive(['status', ...WHERE, '--queue', 'high=miyabi-high', '--json'])
      assert.equal(r.exitCode, 0, r.stderr)
      const report = JSON.parse(r.stdout) as StatusReport
      const q = report.queues[0]
      report.queues = (['high', 'standard', 'low'] as const).map(p => ({...q, name: `miyabi-${p}`, priority: p}))
      return report
    }

    it('the queues: 10 lines, was 28; the deployments: one row', async () => {
      const text = renderDocument(statusSections(await threeQueues()), 'table', 80)
      assert.ok(widest(text) <= 80, text)
      const queues = section(text, 'Queues')
      // The title, the table (heading, 3 queues, 3 rules), the 2-line note.
      assert.equal(queues.length, 10, queues.join('\n'))
      assert.match(queues[2], /^│ Priority │ Queue +│ Visible │ Oldest │ Dead-letter queue │ Drain │$/)
      assert.match(queues[5], /^│ standard │ miyabi-standard │ +120 │ +11m │ miyabi-dlq: 3 +│ 4\.0 h │$/)
      assert.match(queues[8], /^Hidden to fit 80 columns: In flight, Delayed, Backlog\/task\./)
      assert.match(text, /^│ ecs-svc\/1111111111111111111 │ PRIMARY │ IN_PROGRESS │ +10 │ +8 │$/m)
      assert.match(text, /^Hidden to fit 80 columns: Task def, Pending, Failed, Updated\./m)
    })

    it('--wide: every column, one column per queue', async () => {
      const text = renderDocument(statusSections(await threeQueues()), 'table', 80, {wide: true})
      assert.ok(widest(text) <= 80, text)
      assert.doesNotMatch(text, /Hidden/)
      assert.match(text, /^│ Priority +│ +high │ +standard │ +low │$/m)
      assert.match(text, /^│ Backlog\/task +│ +15 │ +15 │ +15 │$/m)
    })
  })
})
