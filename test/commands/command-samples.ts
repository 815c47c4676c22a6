import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {WHERE} from '../helpers/account-flags.js'

/**
 * One way to run each command offline or against the healthy account of fixtures/aws/ (scripted
 * with aws-sdk-client-mock): the rows --json and --format are checked on, for every command.
 */
const TMP = mkdtempSync(join(tmpdir(), 'miyabi-json-'))

export interface Sample {
  /** Arguments after the command's words (without --json). */
  args: string[]
  /** A key the document must have (so an error document or `{}` cannot pass). */
  key: string
  /** The exit code the sample ends with (default 0), e.g. 1 for a drift gate that fails. */
  exit?: number
}

export const SAMPLES: Record<string, Sample[]> = {
  'bench:lambda': [{args: ['--function', 'miyabi-webhook', '--dry-run'], key: 'plan'}],
  'bench:workers': [{args: [...WHERE, '--queue', 'miyabi-high', '--since', '2h'], key: 'measured'}],
  forecast: [{args: ['--history', 'fixtures/forecast/history.csv'], key: 'crossings'}],
  'config:init': [
    {
      args: ['--no-interactive', ...WHERE, '--output', `${TMP}/init.yaml`, '--force'],
      key: 'answers',
    },
  ],
  'config:schema': [{args: [], key: '$schema'}],
  'config:validate': [
    {args: ['fixtures/configs/full.yaml'], key: 'valid'},
    {args: ['fixtures/configs/live.yaml', '--live'], key: 'live'},
  ],
  'iam-policy': [
    {args: [], key: 'Statement'},
    {args: ['status'], key: 'Statement'},
  ],
  plan: [
    {args: ['--issues-per-day', '1000'], key: 'plans'},
    {args: ['--issues-per-day', '100,1000'], key: 'gates'},
    {args: ['--issues-per-day', '1000', '--max-monthly-cost', '100000'], key: 'gates'},
  ],
  'plan:scenarios': [{args: [], key: 'checks'}],
  'pricing:refresh': [{args: ['--region', 'us-east-1'], key: 'prices'}],
  'pricing:show': [
    {args: [], key: 'prices'},
    {args: ['--prices', 'embedded'], key: 'priceBook'},
  ],
  scale: [{args: WHERE, key: 'desired'}],
  'scale:policy:apply': [
    {args: [...WHERE, '--queue', 'miyabi-high', '--preset', 'backlog', '--dry-run'], key: 'changes'},
  ],
  'scale:policy:diff': [{args: [...WHERE, '--queue', 'miyabi-high', '--preset', 'backlog'], exit: 1, key: 'drift'}],
  'scale:policy:show': [{args: WHERE, key: 'deployment'}],
  'scale:set': [{args: ['5', ...WHERE, '--dry-run'], key: 'steps'}],
  simulate: [
    {args: ['--duration', '2h', '--issues-per-day', '500'], key: 'results'},
    {args: ['--workload', 'design-3.1'], key: 'replay'},
  ],
  status: [{args: [...WHERE, '--queue', 'high=miyabi-high'], key: 'queues'}],
  version: [{args: [], key: 'awsSdk'}],
  'tune:lambda': [{args: ['--measure', '128=2000,512=500,1024=240'], key: 'optimum'}],
}
