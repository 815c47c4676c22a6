import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'
import {useHealthyAccount} from './aws-healthy-account.js'

/**
 * The README shows one example per command with a few lines of its output. Those lines must be
 * real: each `$ miyabi ...` line of a ```console block is run as printed (split at spaces), and
 * every output line shown under it (`...` marks a cut) must be a line the command prints — on
 * stdout or stderr, piped (in process) or at 80 columns (bin/run.js). Live commands run against
 * the healthy account of fixtures/aws/, in a directory whose miyabi.yaml names its cluster,
 * service and queue (as the README's examples assume); `config validate bad.yaml` finds its
 * misspelt key there.
 */
const MIYABI_YAML =
  'version: 1\naws:\n  cluster: miyabi\n  service: workers\n  queues:\n    high: miyabi-high\nenvironments:\n  staging:\n    workers: {maxTasks: 10}\n'
const BAD_YAML = 'version: 1\nworkers:\n  maxTask: 50\n'
/** The daily history `forecast --history issues.csv` reads. */
const ISSUES_CSV = readFileSync(join(ROOT, 'fixtures', 'forecast', 'history.csv'), 'utf8')

/** Commands that never call AWS, so bin/run.js may run them as a child process. */
const OFFLINE = [
  'config schema',
  'config validate',
  'forecast --history',
  'iam-policy',
  'plan',
  'version',
  'pricing show',
  'simulate',
  'tune lambda',
]
const offline = (argv: string[]) => OFFLINE.some(c => `${argv.join(' ')} `.startsWith(`${c} `))

interface Example {
  argv: string[]
  shown: string[]
}

/** The `$ miyabi` commands of the README's console blocks, each with the output lines shown under it. */
export function readmeExamples(readme: string): Example[] {
  const examples: Example[] = []
  const blocks = readme.match(/^```console\n[\s\S]*?^```$/gm) ?? []
  for (const block of blocks) {
    let current: Example | undefined
    for (const line of block.split('\n').slice(1, -1)) {
      if (line.startsWith('$ ')) {
        current = undefined
        // A line with a redirect or a pipe is shell, not an output example.
        if (/[>|"']/.test(line)) continue
        const words = line.slice(2).trim().split(/\s+/)
        assert.equal(words[0], 'miyabi', `not a miyabi command: ${line}`)
        current = {argv: words.slice(1), shown: []}
        examples.push(current)
      } else if (current && line.trim() !== '...' && line.trim() !== '') current.shown.push(line.trimEnd())
    }
  }
  return examples
}

const lines = (text: string) => text.split('\n').map(l => l.trimEnd())

describe("the README's example output is real", function () {
  this.timeout(120_000)
  useHealthyAccount()
  const examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('finds an example for every command of the README', () => {
    // A command's name: its leading words, up to the first flag or number.
    const name = (argv: string[]) => {
      const end = argv.findIndex(w => !/^[a-z][a-z-]*$/.test(w))
      return argv.slice(0, end === -1 ? argv.length : end).join(' ')
    }
    const commands = new Set(examples.map(e => name(e.argv)))
    const wanted = [
      'plan',
      'plan scenarios',
      'simulate',
      'status',
      'scale',
      'scale set',
      'scale policy show',
      'scale policy diff',
      'scale policy apply',
      'iam-policy status',
      'config init',
      'config validate',
      'pricing refresh',
      'pricing show',
      'tune lambda',
      'bench lambda',
      'forecast',
      'version',
    ]
    for (const c of wanted)
      assert.ok(commands.has(c), `no README example for "${c}" (found: ${[...commands].join(', ')})`)
  })

  for (const example of examples)
    it(`miyabi ${example.argv.join(' ')}`, async () => {
      const init = example.argv[0] === 'config' && example.argv[1] === 'init'
      const t = tempDir(init ? {} : {'bad.yaml': BAD_YAML, 'issues.csv': ISSUES_CSV, 'miyabi.yaml': MIYABI_YAML})
      try {
        const piped = await runInProcess(example.argv, {cwd: t.dir})
        const printed = new Set([...lines(piped.stdout), ...lines(piped.stderr)])
        const missing = example.shown.filter(l => !printed.has(l))
        // Offline commands also at 80 columns (a child process: live ones would reach for real AWS).
        if (missing.length > 0 && !init && offline(example.argv)) {
          const narrow = runCli(example.argv, {cwd: t.dir, env: {COLUMNS: '80'}})
          for (const l of [...lines(narrow.stdout), ...lines(narrow.stderr)]) printed.add(l)
        }
        assert.deepEqual(
          example.shown.filter(l => !printed.has(l)),
          [],
          `lines the README shows that "miyabi ${example.argv.join(' ')}" does not print`,
        )
      } finally {
        t.cleanup()
      }
    })
})
