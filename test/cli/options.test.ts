import assert from 'node:assert/strict'

import {camelCase, optionsOf} from '../../src/cli/core/options.js'
import {planFlags, planOptions} from '../../src/cli/plan/flags.js'
import {desiredPolicyFlags} from '../../src/cli/policy/flags.js'
import {simulateRunFlags} from '../../src/cli/simulate/flags.js'
import {relationshipMessage} from '../../src/cli/core/typos.js'

describe('flags to an options object', () => {
  it('camelCases kebab names, digits included', () => {
    assert.equal(camelCase('max-tasks'), 'maxTasks')
    assert.equal(camelCase('service-time-cv'), 'serviceTimeCv')
    assert.equal(camelCase('region'), 'region')
    assert.equal(camelCase('ipv-6-only'), 'ipv6Only')
  })

  it('takes only the flags of the group, and only those given', () => {
    const flags = {'max-tasks': 5, 'min-tasks': undefined, other: 1, 'task-size': 'heavy'}
    assert.deepEqual(optionsOf({'max-tasks': 0, 'min-tasks': 0, 'task-size': 0}, flags), {
      maxTasks: 5,
      taskSize: 'heavy',
    })
  })

  it("plan's flags become the resolver's options: named as the model's, --target-wait in minutes", () => {
    const options = planOptions({
      arch: 'arm64',
      'hours-per-month': 720,
      'include-free-tier': false,
      'max-tasks': 30,
      'target-wait': 15,
    })
    assert.deepEqual(options, {
      arch: 'arm64',
      hoursPerMonth: 720,
      includeFreeTier: false,
      maxTasks: 30,
      targetWaitMinutes: 15,
    })
    // --config is plan's, not a plan setting: it never reaches the model.
    assert.deepEqual(planOptions({config: 'miyabi.yaml'} as Parameters<typeof planOptions>[0]), {})
    assert.ok('config' in planFlags)
  })

  it("simulate's run flags become simulationJobs' options; the command's own flags stay out", () => {
    const flags = {
      'failure-rate': 0.01,
      html: 'report.html',
      'issues-per-day': 500,
      'metric-lag': 120,
      prices: 'live',
      'task-size': 'xl' as const,
      workload: 'burst',
    }
    assert.deepEqual(optionsOf(simulateRunFlags, flags), {
      failureRate: 0.01,
      issuesPerDay: 500,
      metricLag: 120,
      taskSize: 'xl',
      workload: 'burst',
    })
  })

  it("scale policy's desired-set flags become comparePolicies' options", () => {
    assert.deepEqual(optionsOf(desiredPolicyFlags, {'issues-per-day': 800, preset: 'backlog', simulate: true}), {
      issuesPerDay: 800,
      preset: 'backlog',
      simulate: true,
    })
  })

  it("says oclif's relationship errors in one line, an exclusive pair once", () => {
    const oclif =
      'The following errors occurred:\n  --a=1 cannot also be provided when using --b\n  --b=2 cannot also be provided when using --a\nSee more help with --help'
    assert.equal(relationshipMessage(oclif), 'give either --a or --b, not both')
    assert.equal(
      relationshipMessage(
        'The following error occurred:\n  All of the following must be provided when using --by: --sensitivity',
      ),
      '--by works only with --sensitivity: add --sensitivity',
    )
  })
})
