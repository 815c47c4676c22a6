/**
 * The one loop over a paged AWS API. Every read that follows NextToken (or Lambda's NextMarker)
 * goes through `paginate`, and every such loop ends, whatever the server answers:
 * - a token the server already gave (it would send us round in a circle) stops it;
 * - a page cap per call (`PAGE_CAPS`, documented in docs/live.md) stops it;
 * - the command's deadline (deadline.ts) stops it.
 * Each ends with exit 1 and a message naming the API and the bound: a partial list is never
 * passed off as the whole one.
 */
import {MiyabiError} from '../errors.js'
import {checkDeadline} from '../mutation/deadline.js'

/**
 * Pages per call, each far above what the API's own quotas allow an account to hold (e.g. ECS's
 * 5,000 services per cluster are 500 pages of ListServices' default 10), so a cap is only ever
 * met by a server that does not stop.
 */
export const PAGE_CAPS = {
  'application-autoscaling:DescribeScalableTargets': 100,
  'application-autoscaling:DescribeScalingActivities': 100,
  'application-autoscaling:DescribeScalingPolicies': 100,
  'application-autoscaling:DescribeScheduledActions': 100,
  'cloudwatch:DescribeAlarms': 1000,
  'cloudwatch:GetMetricData': 100,
  'ecs:ListClusters': 1000,
  'ecs:ListServices': 1000,
  'lambda:ListAliases': 1000,
  'lambda:ListVersionsByFunction': 1000,
  'pricing:GetProducts': 100,
  'sqs:ListQueues': 1000,
} as const

export type PagedApi = keyof typeof PAGE_CAPS

/** A paged read stopped by one of its bounds (exit 1). */
export class PaginationError extends MiyabiError {
  constructor(
    message: string,
    readonly api: string,
  ) {
    super(message, 1, 'PAGINATION')
    this.name = 'PaginationError'
  }
}

export interface PageBounds {
  /** The IAM action of the call, e.g. `ecs:ListServices`: its cap comes from PAGE_CAPS. */
  api: PagedApi
  /** What is being read, e.g. `cluster miyabi`, for messages. */
  resource?: string
  /** Stop once this many items are collected (a caller that wants only the first N). */
  limit?: number
  /** Overrides the cap (tests). */
  maxPages?: number
}

/** Follows NextToken until the last page (or `limit` items), within the bounds above. */
export async function paginate<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{items: T[] | undefined; nextToken?: string}>,
  bounds: PageBounds,
): Promise<T[]> {
  const limit = bounds.limit ?? Number.POSITIVE_INFINITY
  const cap = bounds.maxPages ?? PAGE_CAPS[bounds.api]
  const on = bounds.resource ? ` on ${bounds.resource}` : ''
  const items: T[] = []
  const seen = new Set<string>()
  let token: string | undefined
  let pages = 0
  do {
    if (pages >= cap)
      throw new PaginationError(
        `${bounds.api}${on} still had more after ${pages} pages, the cap for one read: stopped (the server keeps answering with a NextToken)`,
        bounds.api,
      )
    if (pages > 0) checkDeadline(`${bounds.api}${on} after ${pages} page${pages === 1 ? '' : 's'}`)
    const page = await fetchPage(token)
    pages++
    for (const item of page.items ?? []) items.push(item)
    token = page.nextToken || undefined
    if (token !== undefined) {
      // A server that hands back a token it already gave would send us round in a circle.
      if (seen.has(token))
        throw new PaginationError(
          `${bounds.api}${on} answered page ${pages} with a NextToken it had already given: stopped (it would never end)`,
          bounds.api,
        )
      seen.add(token)
    }
  } while (token !== undefined && items.length < limit)
  return limit === Number.POSITIVE_INFINITY ? items : items.slice(0, limit)
}
