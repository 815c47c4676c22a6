import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/base-command.js'
import {outputWidth} from '../../cli/terminal.js'
import type {SeedReview} from '../../model/index.js'
import {embeddedPriceBook, reviewSeed} from '../../model/index.js'
import {FORMATS, formatResult} from '../../render/output.js'
import {seedReviewSections} from '../../render/seed-review.js'

export default class PlanScenarios extends MiyabiCommand {
  static override summary = "Check the design document's numbers: the seed's claim, recomputed, and at current prices."
  static override description = `Reproduces the seed's four benchmark scenarios and every checkable figure of the design document (Fargate, Aurora, Lambda, SQS, scaling examples, budgets). For each: what the seed says, the same figure recomputed with the seed's own assumptions, the figure at current list prices, and a verdict: agrees, arithmetic error, wrong assumption, or unstable queue.

${EXIT_CODES_HELP}`

  static override examples = ['<%= config.bin %> plan scenarios', '<%= config.bin %> plan scenarios --json | jq \'.checks[] | select(.verdict != "agrees")\'']

  static override flags = {
    format: Flags.option({description: 'Output format (--json is the same as --format json).', options: FORMATS})(),
  }

  public async run(): Promise<SeedReview> {
    const {flags} = await this.parse(PlanScenarios)
    const review = reviewSeed(embeddedPriceBook('us-east-1'))
    if (!this.jsonEnabled()) this.print(await formatResult(flags.format ?? 'table', review, (options) => seedReviewSections(review, options), outputWidth()))
    return review
  }
}
