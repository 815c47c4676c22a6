import type {AnswerChecks} from './wizard.js'
import {PLAN_RANGES} from '../../model/index.js'
import {parseNumberAs} from '../core/flags.js'

/** AWS's region names: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ... */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/
/** ECS cluster and service names: up to 255 letters, digits, hyphens and underscores. */
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/
/** SQS queue names: up to 80 letters, digits, hyphens and underscores (a FIFO queue ends in .fifo). */
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}(\.fifo|[A-Za-z0-9_-]{0,5})$/

/** The wizard's and --no-interactive's checks of every answer, before anything is written. */
export const INIT_CHECKS: AnswerChecks = {
  cluster: v => (ECS_NAME.test(v) ? null : 'an ECS cluster name is 1-255 letters, digits, hyphens or underscores'),
  issuesPerDay(v) {
    try {
      parseNumberAs(v, 'issues per day', PLAN_RANGES.issuesPerDay)
      return null
    } catch (error) {
      return (error as Error).message
    }
  },
  queue: v =>
    QUEUE_NAME.test(v) || /^https?:\/\/\S+\/[\w.-]+$/.test(v)
      ? null
      : 'an SQS queue name is 1-80 letters, digits, hyphens or underscores (or give its URL)',
  region: v => (REGION.test(v) ? null : `${JSON.stringify(v)} is not an AWS region name such as us-east-1`),
  service: v => (ECS_NAME.test(v) ? null : 'an ECS service name is 1-255 letters, digits, hyphens or underscores'),
}
