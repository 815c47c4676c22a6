import {LAMBDA_MEMORY_MB} from '../common/ranges.js'
import type {Arch} from '../common/arch.js'
import {ARCHES, bookArch} from '../common/arch.js'
import type {PriceBook} from '../cost/prices.js'
import {tieredCost} from '../cost/tiers.js'

/** Lambda's own names for its instruction set architectures (GetFunctionConfiguration's `Architectures`): AWS's words, as everywhere. */
export const LAMBDA_ARCHITECTURES = ARCHES
export type LambdaArchitecture = Arch

/** Lambda's memory range: 128 MB to 10,240 MB in 1 MB steps. */
export const LAMBDA_MIN_MEMORY_MB = LAMBDA_MEMORY_MB.min
export const LAMBDA_MAX_MEMORY_MB = LAMBDA_MEMORY_MB.max

/** An architecture the price book has no key for (one class for Fargate and Lambda). */
export {ArchitectureError as LambdaArchitectureError} from '../common/arch.js'

/** GB-seconds of one invocation: billed milliseconds at a memory size. */
export function gbSeconds(billedMs: number, memoryMb: number): number {
  return (billedMs / 1000) * (memoryMb / 1024)
}

/**
 * Cost of one invocation at the first (lowest-volume) duration tier, request charge included:
 * billed ms x (MB / 1024) x price per GB-s / 1000 + price per request. The anchor tool leaves the
 * request charge out; for short functions it is a large part of the bill.
 */
export function costPerInvocation(
  book: PriceBook,
  arch: LambdaArchitecture,
  memoryMb: number,
  billedMs: number,
): number {
  const perGbSecond = book.lambda[bookArch(arch)].gbSecond[0].price
  return (billedMs * (memoryMb / 1024) * perGbSecond) / 1000 + book.lambda.requestPerMillion / 1e6
}

/** The formula behind costPerInvocation, for explanations. */
export function costPerInvocationFormula(book: PriceBook, arch: LambdaArchitecture): string {
  return `billed ms x (MB / 1024) x $${book.lambda[bookArch(arch)].gbSecond[0].price} per GB-s / 1000 + $${book.lambda.requestPerMillion} / 1M requests`
}

/**
 * A month of invocations at one memory size: the GB-seconds charged through the monthly tiers
 * (which apply to the account's whole month of GB-seconds per architecture), plus the requests.
 * `freeTier` applies the account's monthly free allowances, as `plan --include-free-tier` does.
 */
export function monthlyLambdaCost(
  book: PriceBook,
  arch: LambdaArchitecture,
  memoryMb: number,
  billedMs: number,
  invocationsPerMonth: number,
  freeTier = false,
): {gbSeconds: number; durationUsd: number; requestUsd: number; totalUsd: number} {
  const total = invocationsPerMonth * gbSeconds(billedMs, memoryMb)
  const durationUsd = tieredCost(
    total,
    book.lambda[bookArch(arch)].gbSecond,
    freeTier ? book.freeTier.lambdaGbSeconds : 0,
  )
  const requestUsd = tieredCost(
    invocationsPerMonth,
    [{price: book.lambda.requestPerMillion / 1e6, upTo: null}],
    freeTier ? book.freeTier.lambdaRequests : 0,
  )
  return {durationUsd, gbSeconds: total, requestUsd, totalUsd: durationUsd + requestUsd}
}

/**
 * Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB (AWS Lambda developer
 * guide, "Configure Lambda function memory"), up to 6 vCPUs at 10,240 MB.
 */
export const MB_PER_VCPU = 1769

export function vcpuShare(memoryMb: number): number {
  return memoryMb / MB_PER_VCPU
}
