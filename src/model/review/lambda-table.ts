/**
 * The design document's section 2.2 ("Lambda Memory Configuration") recomputed with the Lambda
 * model: its table's cost per invocation and vCPU columns, its worked example, and its claim that
 * 1024 MB is the fastest and cheapest, judged by the tuning strategies over the table's own rows.
 */
import type {PriceBook} from '../cost/prices.js'
import {costPerInvocation, MB_PER_VCPU, vcpuShare} from '../lambda/cost.js'
import {pickWinners} from '../lambda/strategy.js'
import type {Figure} from './figure-verdict.js'

/** The table as printed: memory, vCPU, average duration, cost per invocation. */
export const DESIGN_LAMBDA_TABLE = [
  {costUsd: 0.0000004, durationMs: 2000, memoryMb: 128, vcpu: 0.08},
  {costUsd: 0.0000004, durationMs: 500, memoryMb: 512, vcpu: 0.33},
  {costUsd: 0.0000004, durationMs: 250, memoryMb: 1024, vcpu: 0.67},
  {costUsd: 0.0000005, durationMs: 80, memoryMb: 3008, vcpu: 2},
] as const

/** The table's vCPU figures are memory / 1536 MB (to two decimals, 3008 MB would be 1.96). */
const DESIGN_MB_PER_VCPU = 1536

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d

/**
 * The section's figures. `designGbSecond` is the document's own price: its formula is
 * (Memory / 1024) x Duration x $0.0000166667, in seconds and without the request charge.
 */
export function lambdaTableFigures(prices: PriceBook, designGbSecond: number): Figure[] {
  const designCost = (memoryMb: number, durationMs: number) => (memoryMb / 1024) * (durationMs / 1000) * designGbSecond
  const current = (mb: number, ms: number) => costPerInvocation(prices, 'x86_64', mb, ms)
  const figures: Figure[] = []
  for (const row of DESIGN_LAMBDA_TABLE)
    figures.push({
      claim: `${row.memoryMb}MB, ${row.durationMs}ms: $${row.costUsd.toFixed(7)} per invocation`,
      current: current(row.memoryMb, row.durationMs),
      decimals: 7,
      id: `lambda.${row.memoryMb}mb`,
      recomputed: designCost(row.memoryMb, row.durationMs),
      section: '2.2',
      seed: row.costUsd,
      title: `Lambda cost per invocation at ${row.memoryMb} MB`,
      unit: 'USD/invocation',
      why: {
        arithmetic: `its own formula gives ${row.memoryMb}/1024 x ${row.durationMs / 1000} s x $${designGbSecond} = $${designCost(row.memoryMb, row.durationMs).toPrecision(4)}, about ten times the table; with the $${prices.lambda.requestPerMillion}/1M request charge it is $${current(row.memoryMb, row.durationMs).toPrecision(5)}`,
      },
    })

  for (const row of DESIGN_LAMBDA_TABLE)
    figures.push({
      claim: `${row.memoryMb}MB: ${row.vcpu.toFixed(2)} vCPU`,
      current: vcpuShare(row.memoryMb),
      decimals: 2,
      id: `lambda.vcpu.${row.memoryMb}mb`,
      recomputed: row.memoryMb / DESIGN_MB_PER_VCPU,
      section: '2.2',
      seed: row.vcpu,
      title: `Lambda CPU share at ${row.memoryMb} MB`,
      unit: 'vCPU',
      why: {
        agrees: `${row.memoryMb} / ${MB_PER_VCPU} = ${round(vcpuShare(row.memoryMb), 3)} vCPU, within the table's rounding`,
        arithmetic: `${row.memoryMb} / ${DESIGN_MB_PER_VCPU} = ${round(row.memoryMb / DESIGN_MB_PER_VCPU, 2).toFixed(2)}, not ${row.vcpu.toFixed(2)}; and Lambda gives one vCPU per ${MB_PER_VCPU} MB: ${round(vcpuShare(row.memoryMb), 2).toFixed(2)} vCPU`,
        assumption: `Lambda allocates one vCPU per ${MB_PER_VCPU} MB, not per ${DESIGN_MB_PER_VCPU} MB: ${row.memoryMb} MB has ${round(vcpuShare(row.memoryMb), 2).toFixed(2)} vCPU`,
      },
    })

  figures.push({
    claim: '512MB, 500ms and 1024MB, 250ms: $0.00000416 each (same cost, twice as fast)',
    current: current(1024, 250),
    decimals: 8,
    id: 'lambda.example',
    recomputed: designCost(1024, 250),
    section: '2.2',
    seed: 0.00000416,
    title: 'Lambda worked example (0.25 GB-s)',
    unit: 'USD/invocation',
    why: {
      assumption: `the arithmetic holds (0.25 GB-s x $${designGbSecond}), but each invocation also pays the $${prices.lambda.requestPerMillion}/1M request charge: $${current(1024, 250).toPrecision(5)}`,
    },
  })

  // The table's own rows under the cost and speed strategies (the document's formula; then at list prices).
  const candidates = (cost: (mb: number, ms: number) => number) =>
    DESIGN_LAMBDA_TABLE.map(r => ({
      costUsd: cost(r.memoryMb, r.durationMs),
      durationMs: r.durationMs,
      memoryMb: r.memoryMb,
    }))
  const byDesign = pickWinners(candidates(designCost))
  const byPrices = pickWinners(candidates(current))
  const cheapest =
    byDesign.cost === byDesign.speed
      ? `${byDesign.cost} MB is both the fastest and the cheapest`
      : `${byDesign.speed} MB is the fastest and ${byDesign.cost} MB the cheapest`
  figures.push({
    claim: 'Optimal: 1024MB (fastest & cheapest)',
    current: byPrices.cost,
    decimals: 0,
    id: 'lambda.optimum',
    recomputed: byDesign.cost,
    section: '2.2',
    seed: 1024,
    title: 'Lambda power-tuning optimum (cost strategy)',
    unit: 'MB',
    why: {
      arithmetic: `by the table's own rows ${cheapest}: 3008 MB x 80 ms is 0.235 GB-s against 0.25 GB-s at 128, 512 and 1024 MB (miyabi tune lambda --measure 128=2000,512=500,1024=250,3008=80)`,
    },
  })
  return figures
}
