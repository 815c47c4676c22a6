import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {relative} from 'node:path'

import {ROOT} from './helpers/cli.js'
import {sourceFiles} from './helpers/sources.js'

/**
 * The lazy-loading rule (docs/development.md, "Lazy loading"): `import()` only where it keeps a
 * heavy dependency off the paths that do not need it, each listed here with what it may load.
 * Anything else is a static import: the bundle holds it already.
 */
const ALLOWED: Record<string, RegExp> = {
  // The AWS SDK: only a live command's first call loads it.
  'src/aws/clients.ts': /^@(aws-sdk|smithy)\//,
  // The config schema (TypeBox) and its checker: only a config file needs them.
  'src/config/load.ts': /^\.\/(schema|validate)\.js$/,
  // yaml: only a config file (config/) or --format yaml (render/) needs it.
  'src/config/yaml-limits.ts': /^yaml$/,
  'src/render/output.ts': /^yaml$/,
  // One loader per command: a run initialises only its own.
  'src/cli/core/command-registry.ts':
    /^(@oclif\/plugin-help|\.\.\/\.\.\/\.\.\/node_modules\/@oclif\/plugin-autocomplete\/lib\/commands\/.+\.js|\.\.\/\.\.\/commands\/.+\.js)$/,
  // The CLI layer's lazy loaders, all in one module: prompts, yaml, oclif's help.
  'src/cli/core/lazy.ts': /^(@inquirer\/prompts|yaml|\.\/help\.js)$/,
  // The entry's export for scripts/bench-simulate.mjs: the simulator and its thread, off every other run.
  'src/cli.ts': /^\.\/cli\/simulate\/parallel\.js$/,
}

describe('lazy imports', () => {
  it('import() only where the rule table allows it, of what it allows', () => {
    const found: string[] = []
    for (const file of sourceFiles()) {
      const path = relative(ROOT, file).replaceAll('\\', '/')
      // A specifier in quotes: a template (the worker thread's own loader, in a string) is not an import of this code.
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<!typeof )\bimport\(\s*'([^']+)'\s*\)/g)) {
        found.push(`${path} ${m[1]}`)
        assert.ok(
          ALLOWED[path]?.test(m[1]),
          `${path} imports ${m[1]} lazily: import it statically, or add it to the rule`,
        )
      }
    }

    // The rule still describes the code: each listed module does load something lazily.
    for (const path of Object.keys(ALLOWED))
      assert.ok(
        found.some(f => f.startsWith(`${path} `)),
        `${path} has no lazy import left: drop it from the rule`,
      )
  })
})
