/**
 * A small Price List Query API for tests: GetProducts over recorded products, answering only
 * what the request's TERM_MATCH filters select (on the product's attributes) and paging with
 * NextToken, `pageSize` entries a page. Entries that are not JSON pass every filter (AWS never
 * sends one; the tests that do want to see one reach the parser).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

export const pricingFixture = (name: string): {PriceList: string[]; NextToken?: string} =>
  JSON.parse(readFileSync(join(ROOT, 'fixtures', 'aws', 'pricing', name), 'utf8'))

export const US_EAST_1_FILES = [
  'ecs-us-east-1-page1.json',
  'ecs-us-east-1-page2.json',
  'lambda-us-east-1.json',
  'dynamodb-us-east-1.json',
  'rds-us-east-1.json',
  'sqs-us-east-1.json',
  'apigateway-us-east-1.json',
]

export const TOKYO_FILES = [
  'ecs-ap-northeast-1.json',
  'lambda-ap-northeast-1.json',
  'dynamodb-ap-northeast-1.json',
  'rds-ap-northeast-1.json',
  'sqs-ap-northeast-1.json',
  'apigateway-ap-northeast-1.json',
]

export const productsOf = (files: string[]) => files.flatMap(f => pricingFixture(f).PriceList)

interface Request {
  ServiceCode?: string
  Filters?: Array<{Type?: string; Field?: string; Value?: string}>
  NextToken?: string
  MaxResults?: number
}

export function getProductsStandIn(products: string[], opts: {pageSize?: number} = {}) {
  const pageSize = opts.pageSize ?? 100
  return (input: Request) => {
    const matching = products.filter(entry => {
      let doc: {serviceCode?: string; product?: {attributes?: Record<string, string>}}
      try {
        doc = JSON.parse(entry)
      } catch {
        return true
      }

      const attributes = doc.product?.attributes ?? {}
      return (
        doc.serviceCode === input.ServiceCode &&
        (input.Filters ?? []).every(f => f.Type === 'TERM_MATCH' && attributes[f.Field ?? ''] === f.Value)
      )
    })
    const start = input.NextToken ? Number(input.NextToken) : 0
    const end = start + Math.min(pageSize, input.MaxResults ?? 100)
    return {
      FormatVersion: 'aws_v1',
      NextToken: end < matching.length ? String(end) : undefined,
      PriceList: matching.slice(start, end),
    }
  }
}

/**
 * Mocha setup for suites that store price books: a fresh mock whose unscripted calls fail. Each
 * test's cache directory (MIYABI_CACHE_DIR) is its own already (test/helpers/isolated-cache.ts).
 */
export function usePriceBookCache(pricing: {
  reset(): unknown
  onAnyCommand(): {rejects(error: Error): unknown}
}): () => string {
  beforeEach(() => {
    pricing.reset()
    pricing
      .onAnyCommand()
      .rejects(Object.assign(new Error('unexpected call: not scripted by the test'), {name: 'UnexpectedCall'}))
  })
  return () => process.env.MIYABI_CACHE_DIR!
}
