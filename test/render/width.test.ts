/**
 * The human outputs at 80 columns (issue 7: "an 80-column terminal shows no line over 80
 * characters for plan, plan with several loads, plan scenarios and simulate"), rendered in
 * process with the width as a parameter; test/e2e/width.test.ts runs the same through bin/run.js.
 */
import fc from 'fast-check'
import assert from 'node:assert/strict'

import {simulationJobs} from '../../src/cli/simulate/setup.js'
import type {PlanResult} from '../../src/model/index.js'
import {
  embeddedPriceBook,
  plan,
  replayDesign31,
  replayDesign32,
  reviewDesignDocument,
  simulate,
  simulateReport,
} from '../../src/model/index.js'
import {renderDocument} from '../../src/render/document.js'
import {formatResult} from '../../src/render/output.js'
import {comparisonSections, planSections} from '../../src/render/plan.js'
import {designReviewSections} from '../../src/render/design-review.js'
import type {ChartSeries, SimulateRenderOptions} from '../../src/render/simulate.js'
import {replaySections, simulateSections} from '../../src/render/simulate.js'
import {displayWidth} from '../../src/render/text.js'

/** The lines wider than `width` (an empty list when the output fits). */
function overflowing(text: string, width: number): string[] {
  return text.split('\n').filter(line => displayWidth(line) > width)
}

function assertFits(text: string, width: number, what: string): void {
  const over = overflowing(text, width)
  assert.deepEqual(over, [], `${what} at ${width} columns has ${over.length} wider lines, e.g.\n${over[0]}`)
}

const onePlan = (issuesPerDay: number, extra: {explain?: boolean; maxTasks?: number} = {}): PlanResult =>
  plan({issuesPerDay, ...(extra.maxTasks ? {maxTasks: extra.maxTasks} : {})}, {explain: extra.explain})

const planText = (r: PlanResult, width: number) => formatResult('table', r, o => planSections(r, o), width)
const comparisonText = (rs: PlanResult[], width: number) =>
  formatResult('table', rs, o => comparisonSections(rs, o), width)
const review = reviewDesignDocument(embeddedPriceBook('us-east-1'))
const scenariosText = (width: number) => formatResult('table', review, o => designReviewSections(review, o), width)

function simulation(flags: Parameters<typeof simulationJobs>[2]) {
  const {input, jobs, startMs} = simulationJobs({version: 1}, null, flags, embeddedPriceBook('us-east-1'), line => {
    throw new Error(`unexpected note: ${line}`)
  })
  const results = jobs.map(job => simulate(job))
  const charts: ChartSeries[] = results.map(r => ({
    policy: r.policy.name,
    queue: r.series!.queue,
    running: r.series!.running,
  }))
  return {charts, report: simulateReport(input, results, startMs)}
}

const simulateText = (run: ReturnType<typeof simulation>, options: SimulateRenderOptions) =>
  renderDocument(simulateSections(run.report, run.charts, options), 'table', options.width)

const daily = simulation({issuesPerDay: 1000})
const compared = simulation({
  compare: 'design-step,design-exact,design-target-cpu,backlog',
  issuesPerDay: 2000,
  workload: 'burst',
})

describe('render: every human output fits 80 columns', () => {
  it('plan, plain, unstable, capped and with --explain', async () => {
    for (const r of [onePlan(1000), onePlan(10_000, {maxTasks: 10}), onePlan(100_000), onePlan(1000, {explain: true})])
      assertFits(await planText(r, 80), 80, `plan ${r.input.issuesPerDay}`)
  })

  it('plan with several loads: three, and seven', async () => {
    assertFits(
      await comparisonText(
        [100, 1000, 10_000].map(n => onePlan(n)),
        80,
      ),
      80,
      'plan 100,1000,10000',
    )
    assertFits(
      await comparisonText(
        [10, 100, 500, 1000, 5000, 10_000, 100_000].map(n => onePlan(n)),
        80,
      ),
      80,
      'plan with 7 loads',
    )
  })

  it('plan scenarios', async () => {
    assertFits(await scenariosText(80), 80, 'plan scenarios')
  })

  it('simulate: one policy, four compared, the full timeline (--every), and the replays of the design document', () => {
    assertFits(simulateText(daily, {timeline: 'condensed', width: 80}), 80, 'simulate')
    assertFits(simulateText(compared, {timeline: 'condensed', width: 80}), 80, 'simulate --compare (4 policies)')
    assertFits(simulateText(daily, {timeline: 'full', width: 80}), 80, 'simulate --every')
    for (const replay of [replayDesign31(), replayDesign32()])
      assertFits(renderDocument(replaySections(replay), 'table', 80), 80, replay.title)
  })

  it('and every other width from 40 to 200', async () => {
    const plans = [onePlan(1000, {explain: true}), onePlan(10_000, {maxTasks: 10})]
    const loads = [100, 1000, 10_000].map(n => onePlan(n))
    await fc.assert(
      fc.asyncProperty(fc.integer({max: 200, min: 40}), async width => {
        for (const r of plans) assertFits(await planText(r, width), width, 'plan')
        assertFits(await comparisonText(loads, width), width, 'plan comparison')
        assertFits(await scenariosText(width), width, 'plan scenarios')
        assertFits(simulateText(compared, {timeline: 'condensed', width}), width, 'simulate --compare')
      }),
      {numRuns: 25},
    )
  })
})

describe('render: what a narrow terminal gets instead of a wide table', () => {
  it('plan: the limits one per line, status first; the full table when wide enough', async () => {
    const narrow = await planText(onePlan(1000), 80)
    assert.match(narrow, /^ {2}OK {3}queue stability: peak 41\.7 issues\/h against 60 issues\/h of capacity$/m)
    assert.match(await planText(onePlan(1000), 200), /│ queue stability +│ OK +│ peak 41\.7 issues\/h/)
  })

  it('plan with several loads: one row per load, the least important figures hidden and named; --wide: one column per load', async () => {
    const loads = [100, 1000, 10_000].map(n => onePlan(n))
    const text = await comparisonText(loads, 80)
    assert.match(text, /│ Issues\/day │ +Workers │ Utilisation │ p95 wait +│ +Monthly │/)
    assert.match(text, /│ +10,000 │ 100 \(capped\) │ +104\.2% │ unstable \(\+16\.7\/h\) │ \$2,163\.77 │/)
    assert.match(text, /^Hidden to fit 80 columns: Phase, Per issue, Failing limits\. --wide shows every$/m)
    const wide = await formatResult('table', loads, o => comparisonSections(loads, o), 80, {wide: true})
    assert.match(wide, /│ Issues\/day +│ +100 │ +1,000 │ +10,000 │/)
    assert.match(wide, /│ Monthly +│ +\$70\.94 │ +\$376\.78 │ +\$2,163\.77 │/)
    assert.doesNotMatch(wide, /Hidden/)
  })

  it('simulate: the condensed timeline fits a screenful or two for a day, its times in UTC', () => {
    const text = simulateText(daily, {timeline: 'condensed', width: 80})
    assert.ok(text.split('\n').length <= 100, `${text.split('\n').length} lines`)
    assert.match(text, /│ Time \(UTC\) +│ Queue │ Desired │ Running │ Action/)
    assert.match(text, /321 scaling decisions \(counted per 1h\)/)
    // The full timeline has a row per event: hundreds for the same day.
    assert.ok(simulateText(daily, {timeline: 'full', width: 80}).split('\n').length > 400)
  })

  it('piped (no width): the same tables as before, nothing wrapped', async () => {
    const text = await planText(onePlan(1000), Number.POSITIVE_INFINITY)
    assert.ok(overflowing(text, 150).length > 0, 'the limits table is printed whole, 161 columns wide')
    assert.deepEqual(
      overflowing(simulateText(daily, {timeline: 'condensed', width: Number.POSITIVE_INFINITY}), 200),
      [],
    )
  })
})
