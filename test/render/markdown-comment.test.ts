import assert from 'node:assert/strict'

import {MARKDOWN_FOLD_LINES, renderDocument} from '../../src/render/document.js'
import {useHealthyAccount} from '../commands/aws-healthy-account.js'
import {runLive} from '../commands/aws-live-mocks.js'
import {WHERE} from '../helpers/account-flags.js'
import {runInProcess} from '../helpers/run-command.js'

/** Issue 16, item 5: `--format markdown` reads like infracost's pull-request comment. */
describe('Markdown for pull-request comments', () => {
  it('a summary line first; a long section folds into <details> under its title; a short one stays open', () => {
    const long = Array.from({length: MARKDOWN_FOLD_LINES + 1}, (_, i) => `line ${i}`)
    const text = renderDocument(
      [{summary: '**miyabi x**: 3 <things>'}, {lines: ['a', 'b'], title: 'Short'}, {lines: long, title: 'Long <one>'}],
      'markdown',
    )
    assert.equal(
      text,
      [
        '**miyabi x**: 3 <things>',
        '',
        '## Short',
        '- a',
        '- b',
        '',
        '<details>',
        '<summary>Long &lt;one&gt;</summary>',
        '',
        ...long.map(l => `- ${l}`),
        '',
        '</details>',
        '',
      ].join('\n'),
    )
    // The terminal output has no summary line: it says the same in its sections.
    assert.equal(renderDocument([{summary: 'only for Markdown'}, {lines: ['a'], title: 'T'}], 'table'), 'T\n  a\n')
  })

  const first = async (argv: string[], exit = 0) => {
    const r = await runInProcess([...argv, '--format', 'markdown'])
    assert.equal(r.code, exit, r.stderr)
    return r.stdout.split('\n')
  }

  it('plan: the load, workers, monthly cost and limits on the first line; the cost table folded', async () => {
    const lines = await first(['plan', '--issues-per-day', '1000'])
    assert.equal(
      lines[0],
      '**miyabi plan** at 1,000 issues/day: 15 workers, 69.4% utilised at peak, p95 wait 3.2 min; **$376.78/month** ($0.01239 per issue); every limit OK',
    )
    assert.ok(lines.includes('<summary>Monthly cost (us-east-1, 730 h, prices: embedded 2026-01-15)</summary>'))
    const many = await first(['plan', '--issues-per-day', '100,1000', '--max-monthly-cost', '200'], 1)
    assert.match(
      many[0],
      /^\*\*miyabi plan\*\*, 2 loads from 100 to 1,000 issues\/day: \*\*\$\S+ to \$376\.78\/month\*\*; .*\*\*1 gate failed\*\*$/,
    )
  })

  it('tune lambda: the pick first', async () => {
    const lines = await first(['tune', 'lambda', '--measure', '128=2000,512=500,1024=240'])
    assert.equal(
      lines[0],
      '**miyabi tune lambda**: **1024 MB** (cost): 240 ms, $4.20 per million invocations, of 3 memory sizes',
    )
  })

  it('simulate: each policy in one line', async () => {
    const lines = await first([
      'simulate',
      '--issues-per-day',
      '500',
      '--duration',
      '1d',
      '--compare',
      'design-step,backlog',
    ])
    assert.match(
      lines[0],
      /^\*\*miyabi simulate\*\* \(.+\): design-step: p95 wait .+, \$[\d.,]+ Fargate, up to \d+ tasks?; backlog: p95 wait /,
    )
  })
})

describe('Markdown for CI step summaries: status', () => {
  useHealthyAccount()

  it('the service, the backlog and the warnings first', async () => {
    const r = await runLive(['status', ...WHERE, '--queue', 'miyabi-high', '--format', 'markdown'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.match(
      r.stdout.split('\n')[0],
      /^\*\*miyabi status\*\* miyabi\/workers: \d+ running of \d+ desired tasks?; backlog \d+ messages?; (no warnings|\*\*\d+ warnings?\*\*)$/,
    )
  })
})
