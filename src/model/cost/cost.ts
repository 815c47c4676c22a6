import type {Arch} from '../common/arch.js'
import type {Components, MultiRegionMode, Toggle, Usage} from '../common/assumptions.js'
import {AUTO_AURORA_READERS} from '../common/assumptions.js'
import type {Explainer} from '../common/explain.js'
import type {Phase} from '../common/phases.js'
import type {PriceBook} from './prices.js'
import type {TaskSize} from '../capacity/task-sizes.js'
import type {CostContext} from './cost-lines.js'
import {
  apiGatewayLines,
  auroraLines,
  cachingLines,
  dynamodbLines,
  elasticacheLines,
  fargateLines,
  lambdaLines,
  secondRegionLines,
  sqsLines,
  storageLines,
  workerFleet,
} from './cost-lines.js'

export interface CostLine {
  /** Stable identifier for scripts (`fargate.compute`, `sqs.requests`, ...). */
  id: string
  component: string
  monthlyUsd: number
  quantity: number
  unit: string
  /** Effective price per unit (the average over tiers where the price is tiered). */
  unitPriceUsd: number
  formula: string
}

export interface CostInput {
  issuesPerDay: number
  hoursPerMonth: number
  taskSize: TaskSize
  arch: Arch
  minTasks: number
  maxTasks: number
  targetUtilization: number
  includeFreeTier: boolean
  usage: Usage
  components: Components
}

export interface CapacityFigures {
  offeredLoadAverage: number
  arrivalsPerHourPeak: number
}

export interface EnabledFeatures {
  caching: boolean
  rdsProxy: boolean
  elasticache: boolean
  multiRegion: MultiRegionMode
  auroraReaders: number
}

export interface CostResult {
  lines: CostLine[]
  totalMonthlyUsd: number
  perIssueUsd: number
  issuesPerMonth: number
  averageTasks: number
  auroraAcu: number
  /** The optional components this plan turned on. */
  enabled: EnabledFeatures
}

export {MissingPriceError} from './cost-lines.js'

function toggle(value: Toggle, phase: Phase, fromPhase: number): boolean {
  return value === 'on' || (value === 'auto' && phase.number >= fromPhase)
}

/** Which optional components are on: the phase turns them on where config says `auto`. */
export function enabledFeatures(components: Components, usage: Usage, phase: Phase): EnabledFeatures {
  const multiRegion =
    components.multiRegion === 'auto'
      ? phase.number >= 4
        ? 'active-active'
        : phase.number === 3
          ? 'active-passive'
          : 'none'
      : components.multiRegion
  return {
    auroraReaders: usage.aurora.readers === 'auto' ? AUTO_AURORA_READERS[phase.number] : usage.aurora.readers,
    caching: toggle(components.caching, phase, 2),
    elasticache: toggle(components.elasticache.enabled, phase, 4),
    multiRegion,
    rdsProxy: toggle(components.rdsProxy, phase, 3),
  }
}

/** Aurora capacity from query load: the design document's 1,000 simple or 100 complex queries/s per ACU, in 0.5 steps. */
export function auroraAcu(usage: Usage['aurora'], arrivalsPerHourPeak: number): number {
  const qps = (perIssue: number) => (arrivalsPerHourPeak * perIssue) / 3600
  const raw = qps(usage.simpleQueriesPerIssue) / 1000 + qps(usage.complexQueriesPerIssue) / 100
  return Math.max(usage.minAcu, Math.ceil(raw * 2 - 1e-9) / 2)
}

/**
 * The monthly cost of a plan: one group of lines per component (cost-lines.ts), in the order the
 * table shows them, each line also recorded for `--explain`.
 */
export function monthlyCost(
  input: CostInput,
  capacity: CapacityFigures,
  prices: PriceBook,
  phase: Phase,
  ex?: Explainer,
): CostResult {
  const hours = input.hoursPerMonth
  const issuesPerMonth = (input.issuesPerDay * hours) / 24
  const features = enabledFeatures(input.components, input.usage, phase)
  const ctx: CostContext = {
    capacity,
    ex,
    features,
    free: input.includeFreeTier ? prices.freeTier : null,
    hours,
    input,
    issuesPerMonth,
    prices,
  }
  ex?.record('cost.issuesPerMonth', 'issues per month', issuesPerMonth, 'issues', 'issuesPerDay x hoursPerMonth / 24', {
    hoursPerMonth: hours,
    issuesPerDay: input.issuesPerDay,
  })

  const lines: CostLine[] = []
  const add = (group: CostLine[]) => {
    for (const line of group) {
      lines.push(line)
      ex?.record(`cost.${line.id}`, line.component, line.monthlyUsd, 'USD/month', line.formula, {
        quantity: line.quantity,
        unit: line.unit,
        unitPriceUsd: line.unitPriceUsd,
      })
    }
  }

  const workers = workerFleet(ctx)
  add(fargateLines(ctx, workers))
  add(lambdaLines(ctx))
  add(apiGatewayLines(ctx))
  add(sqsLines(ctx, workers))
  add(dynamodbLines(ctx))
  const acu = auroraCapacity(ctx)
  add(auroraLines(ctx, acu))
  if (features.caching) add(cachingLines(ctx))
  if (features.elasticache) add(elasticacheLines(ctx))
  add(storageLines(ctx, workers))
  if (features.multiRegion !== 'none') add(secondRegionLines(ctx, workers, acu))

  const totalMonthlyUsd = lines.reduce((sum, l) => sum + l.monthlyUsd, 0)
  const perIssueUsd = totalMonthlyUsd / issuesPerMonth
  ex?.record('cost.total', 'total monthly cost', totalMonthlyUsd, 'USD/month', 'sum of the cost lines', {
    lines: lines.length,
  })
  ex?.record('cost.perIssue', 'cost per issue', perIssueUsd, 'USD', 'total / issues per month', {
    issuesPerMonth,
    totalMonthlyUsd,
  })
  return {
    auroraAcu: acu,
    averageTasks: workers.averageTasks,
    enabled: features,
    issuesPerMonth,
    lines,
    perIssueUsd,
    totalMonthlyUsd,
  }
}

/** Aurora capacity per instance from the peak query load, recorded for `--explain`. */
function auroraCapacity({capacity, ex, input}: CostContext): number {
  const {aurora} = input.usage
  const acu = auroraAcu(aurora, capacity.arrivalsPerHourPeak)
  ex?.record(
    'cost.aurora.acu',
    'Aurora ACU per instance',
    acu,
    'ACU',
    'max(minAcu, ceil0.5(simple q/s / 1000 + complex q/s / 100)) at peak',
    {
      complexQueriesPerIssue: aurora.complexQueriesPerIssue,
      lambda_peak: capacity.arrivalsPerHourPeak,
      minAcu: aurora.minAcu,
      simpleQueriesPerIssue: aurora.simpleQueriesPerIssue,
    },
  )
  return acu
}
