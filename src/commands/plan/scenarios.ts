import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag, wideFlag} from '../../cli/core/format-flag.js'
import type {DesignReview} from '../../model/index.js'
import {embeddedPriceBook, reviewDesignDocument} from '../../model/index.js'
import {designReviewSections} from '../../render/design-review.js'

export default class PlanScenarios extends MiyabiCommand {
  static override summary = "Check the design document's numbers: what it claims, recomputed, and at current prices."
  static override description = `Reproduces the four benchmark scenarios and every checkable figure (Fargate, Aurora, Lambda, SQS, scaling examples, budgets) of the design document, Miyabi AWS Platform — Scalability & Extensibility Deep Dive. For each: what the document says, the same figure recomputed with the document's own assumptions, the figure at current list prices, and a verdict: agrees, arithmetic error, wrong assumption, or unstable queue.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> plan scenarios',
    '<%= config.bin %> plan scenarios --json | jq \'.checks[] | select(.verdict != "agrees")\'',
  ]

  static override flags = {
    format: formatFlag,
    wide: wideFlag,
  }

  public async run(): Promise<DesignReview> {
    await this.parse(PlanScenarios)
    const review = reviewDesignDocument(embeddedPriceBook('us-east-1'))
    await this.printResult(review, options => designReviewSections(review, options))
    return review
  }
}
