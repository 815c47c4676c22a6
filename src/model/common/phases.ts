export interface Phase {
  number: 1 | 2 | 3 | 4
  name: string
  /** Inclusive upper bound of issues per day; null for the last phase. */
  maxIssuesPerDay: number | null
  range: string
  seedBudgetUsd: number
  recommendations: string[]
}

/** The design document's "Scalability Recommendations", with its budget per phase (`seedBudgetUsd`, a JSON field name kept from 0.1). */
export const PHASES: readonly Phase[] = [
  {
    maxIssuesPerDay: 100,
    name: 'Launch',
    number: 1,
    range: '0-100 issues/day',
    recommendations: ['Single region, minimal resources', "Don't over-provision: keep min tasks at 1"],
    seedBudgetUsd: 150,
  },
  {
    maxIssuesPerDay: 1000,
    name: 'Growth',
    number: 2,
    range: '101-1,000 issues/day',
    recommendations: [
      'Enable queue-depth autoscaling (10-50 tasks)',
      'Add Aurora read replicas',
      'Multi-layer caching (CloudFront, API Gateway cache)',
    ],
    seedBudgetUsd: 700,
  },
  {
    maxIssuesPerDay: 10_000,
    name: 'Scale',
    number: 3,
    range: '1,001-10,000 issues/day',
    recommendations: [
      'Multi-region failover (active-passive)',
      'Raise max tasks to 100-200',
      'Add RDS Proxy',
      'GitHub token rotation and GraphQL',
    ],
    seedBudgetUsd: 7000,
  },
  {
    maxIssuesPerDay: null,
    name: 'Hyper-scale',
    number: 4,
    range: 'over 10,000 issues/day',
    recommendations: [
      'Multi-region active-active',
      'Raise max tasks to 500+',
      'DynamoDB global tables',
      'Add ElastiCache',
      'Move the API from Lambda to ECS (no cold starts)',
    ],
    seedBudgetUsd: 30_000,
  },
]

export function phaseFor(issuesPerDay: number): Phase {
  return PHASES.find(p => p.maxIssuesPerDay === null || issuesPerDay <= p.maxIssuesPerDay) ?? PHASES.at(-1)!
}
