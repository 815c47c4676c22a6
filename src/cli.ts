/**
 * The CLI entry: oclif and every command in one module. esbuild bundles it into
 * dist/bundle/cli.cjs (scripts/bundle.mjs), which bin/run.js runs; bin/dev.js runs this file
 * from source. Commands that need the AWS SDK import it lazily inside run(), and the SDK stays
 * outside the bundle.
 */
// plugin-help's own `help` command, bundled in rather than loaded as a plugin: one file to read.
import type {Command, Interfaces} from '@oclif/core'
import {execute} from '@oclif/core'
import {commands as helpPlugin} from '@oclif/plugin-help'

import {guardOutputStreams, hideSdkNodeSupportWarning} from './cli/process-policy.js'
import BenchLambda from './commands/bench/lambda.js'
import ConfigInit from './commands/config/init.js'
import ConfigSchema from './commands/config/schema.js'
import ConfigValidate from './commands/config/validate.js'
import IamPolicy from './commands/iam-policy.js'
import Plan from './commands/plan/index.js'
import PlanScenarios from './commands/plan/scenarios.js'
import PricingRefresh from './commands/pricing/refresh.js'
import PricingShow from './commands/pricing/show.js'
import Simulate from './commands/simulate/index.js'
import Scale from './commands/scale/index.js'
import ScalePolicyApply from './commands/scale/policy/apply.js'
import ScalePolicyDiff from './commands/scale/policy/diff.js'
import ScalePolicyShow from './commands/scale/policy/show.js'
import ScaleSet from './commands/scale/set.js'
import Status from './commands/status.js'
import TuneLambda from './commands/tune/lambda.js'

export const COMMANDS: Record<string, Command.Class> = {
  help: helpPlugin.help,
  'bench:lambda': BenchLambda,
  'config:init': ConfigInit,
  'config:schema': ConfigSchema,
  'config:validate': ConfigValidate,
  'iam-policy': IamPolicy,
  plan: Plan,
  'plan:scenarios': PlanScenarios,
  'pricing:refresh': PricingRefresh,
  'pricing:show': PricingShow,
  simulate: Simulate,
  scale: Scale,
  'scale:policy:apply': ScalePolicyApply,
  'scale:policy:diff': ScalePolicyDiff,
  'scale:policy:show': ScalePolicyShow,
  'scale:set': ScaleSet,
  status: Status,
  'tune:lambda': TuneLambda,
}

/** Runs the command line in process.argv with the process policy of the CLI. */
export async function main(loadOptions: Interfaces.LoadOptions): Promise<void> {
  hideSdkNodeSupportWarning()
  guardOutputStreams()
  await execute({loadOptions})
}

// oclif's hooks (package.json names them by these identifiers).
export {commandNotFound as COMMAND_NOT_FOUND, helpForUnknownCommand as HELP_FOR_UNKNOWN_COMMAND} from './cli/not-found.js'

// For scripts/bench-simulate.mjs: the simulation as the built CLI runs it, worker thread included.
export {simulateAll} from './cli/simulate-parallel.js'
