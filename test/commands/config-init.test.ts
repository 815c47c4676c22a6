import {ListClustersCommand, ListServicesCommand} from '@aws-sdk/client-ecs'
import {GetFunctionConfigurationCommand, LambdaClient} from '@aws-sdk/client-lambda'
import {ListQueuesCommand} from '@aws-sdk/client-sqs'
import confirm from '@inquirer/confirm'
import input from '@inquirer/input'
import select from '@inquirer/select'
import {render} from '@inquirer/testing'
import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {accountDiscovery} from '../../src/cli/config/discovery.js'
import type {Asker, Discovery} from '../../src/cli/config/wizard.js'
import {runWizard} from '../../src/cli/config/wizard.js'
import {INIT_CHECKS} from '../../src/cli/config/init-checks.js'
import {initConfigText} from '../../src/config/init-file.js'
import {parseConfig} from '../../src/config/load.js'
import {runInProcess} from '../helpers/run-command.js'
import {useHealthyAccount} from './aws-healthy-account.js'
import {COMMAND_ACTIONS} from '../../src/aws/iam-actions.js'
import {type AwsMocks, calledActions, runLive} from './aws-live-mocks.js'
import {WHERE} from '../helpers/account-flags.js'

type Events = Awaited<ReturnType<typeof render>>['events']
/** One answer: what the prompt's screen must show, and the keys typed at it. */
interface Turn {
  screen: RegExp
  keys(e: Events, nextRender: () => Promise<void>, getScreen: () => string): void | Promise<void>
}

const enter = (e: Events) => e.keypress('enter')
const typeAnd = (text: string) => (e: Events) => {
  e.type(text)
  e.keypress('enter')
}
const down = (n: number) => (e: Events) => {
  for (let i = 0; i < n; i++) e.keypress('down')
  e.keypress('enter')
}

/** The wizard's prompts are inquirer's own, rendered on a virtual terminal and answered by keys. */
function driven(turns: Turn[], screens: string[]): Asker {
  const drive = async <T>(prompt: (config: never) => Promise<T>, config: unknown): Promise<T> => {
    const {answer, events, getScreen, nextRender} = await render(prompt as never, config as never)
    const turn = turns.shift()
    assert.ok(turn, `an unexpected prompt: ${getScreen()}`)
    screens.push(getScreen())
    assert.match(getScreen(), turn.screen)
    await turn.keys(events, nextRender, () => getScreen())
    return answer as Promise<T>
  }

  return {
    confirm: c => drive(confirm as never, c),
    input: c => drive(input as never, c),
    select: c => drive(select as never, c) as never,
  }
}

const offline: Discovery = {
  clusters: async () => null,
  queues: async () => null,
  services: async () => null,
  taskSize: async () => null,
}

describe('miyabi config init', () => {
  describe('the wizard, driven by keys', () => {
    it("with discovery: picks from the account's clusters, services and queues; the task size from the task definition", async () => {
      const discovery: Discovery = {
        clusters: async () => ['miyabi', 'staging'],
        queues: async () => ['miyabi-dlq', 'miyabi-high', 'miyabi-low', 'miyabi-standard'],
        services: async cluster => (cluster === 'miyabi' ? ['api', 'workers'] : []),
        taskSize: async () => 'medium',
      }
      const screens: string[] = []
      const answers = await runWizard(
        driven(
          [
            {keys: enter, screen: /AWS region \(us-east-1\)/},
            {keys: enter, screen: /ECS cluster[\s\S]*❯ miyabi[\s\S]*staging[\s\S]*another \(type its name\)/},
            {keys: down(1), screen: /ECS worker service[\s\S]*api[\s\S]*workers/},
            // Each priority's queue is preselected from its name.
            {keys: enter, screen: /high-priority[\s\S]*❯ miyabi-high/},
            {keys: enter, screen: /standard-priority[\s\S]*❯ miyabi-standard/},
            {keys: down(2), screen: /low-priority[\s\S]*❯ miyabi-low[\s\S]*\(none\)/},
            {keys: enter, screen: /task size[\s\S]*❯ medium \(the service's task definition\)/},
            {keys: typeAnd('2500'), screen: /Expected issues per day/},
          ],
          screens,
        ),
        () => discovery,
        INIT_CHECKS,
        {},
      )
      assert.deepEqual(answers, {
        cluster: 'miyabi',
        issuesPerDay: 2500,
        queues: {high: 'miyabi-high', standard: 'miyabi-standard'},
        region: 'us-east-1',
        service: 'workers',
        taskSize: 'medium',
      })
      // What it writes is a config the validator accepts, with the answers in it.
      const config = await parseConfig(initConfigText(answers))
      assert.deepEqual(config.aws, {
        cluster: 'miyabi',
        queues: {high: 'miyabi-high', standard: 'miyabi-standard'},
        service: 'workers',
      })
      assert.equal(config.workload?.issuesPerDay, 2500)
      assert.equal(config.workers?.taskSize, 'medium')
    })

    it('without credentials: names are typed, and a bad one is refused at the prompt', async () => {
      const answers = await runWizard(retyping(), () => offline, INIT_CHECKS, {})
      assert.equal(answers.region, 'eu-west-1')
      assert.equal(answers.cluster, 'miyabi')
      assert.deepEqual(answers.queues, {high: 'https://sqs.eu-west-1.amazonaws.com/123456789012/miyabi-high'})
      assert.equal(answers.issuesPerDay, 1000)
    })

    it("Ctrl-C at a prompt rejects with the prompt's cancel, before anything is written", async () => {
      const ask = driven([{keys: e => e.keypress({ctrl: true, name: 'c'}), screen: /AWS region/}], [])
      await assert.rejects(
        runWizard(ask, () => offline, INIT_CHECKS, {}),
        (error: Error) => error.name === 'ExitPromptError' || error.name === 'AbortPromptError',
      )
    })
  })

  describe('discovery from the account', () => {
    it('without credentials: one note, every list null, so the wizard asks for names', async () => {
      const saved = {...process.env}
      for (const k of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_PROFILE',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
        'AWS_WEB_IDENTITY_TOKEN_FILE',
      ])
        delete process.env[k]
      const empty = mkdtempSync(join(tmpdir(), 'miyabi-nocreds-'))
      Object.assign(process.env, {
        AWS_CONFIG_FILE: join(empty, 'config'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'),
      })
      try {
        const notes: string[] = []
        const found = {clusters: null, queues: null, services: null, taskSize: null}
        const d = accountDiscovery({region: 'us-east-1', requestTimeoutMs: 2000}, found, n => notes.push(n))
        assert.equal(await d.clusters(), null)
        assert.equal(await d.services('miyabi'), null)
        assert.equal(await d.queues(), null)
        assert.equal(notes.length, 1)
        assert.match(notes[0], /could not list the ECS clusters .*: type the names instead/)
      } finally {
        process.env = saved
      }
    })

    describe('with credentials', () => {
      let mocks: AwsMocks
      useHealthyAccount(m => {
        mocks = m
        m.ecs
          .on(ListClustersCommand)
          .resolvesOnce({clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/staging'], nextToken: 'p2'})
          .resolvesOnce({clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/miyabi']})
        m.ecs
          .on(ListServicesCommand)
          .resolves({serviceArns: ['arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers']})
        m.sqs
          .on(ListQueuesCommand)
          .resolves({QueueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high']})
      })

      it("every page of clusters, the services, the queues, and the task size of the service's task definition", async () => {
        const found = {clusters: null, queues: null, services: null, taskSize: null}
        const d = accountDiscovery({region: 'us-east-1', requestTimeoutMs: 2000}, found, () =>
          assert.fail('no note expected'),
        )
        assert.deepEqual(await d.clusters(), ['miyabi', 'staging'])
        assert.deepEqual(await d.services('miyabi'), ['workers'])
        assert.deepEqual(await d.queues(), ['miyabi-high'])
        assert.equal(await d.taskSize('miyabi', 'workers'), 'standard')
        assert.deepEqual(new Set(calledActions(mocks)), new Set(COMMAND_ACTIONS['config init']))
      })
    })
  })

  describe('the command', () => {
    const dir = () => mkdtempSync(join(tmpdir(), 'miyabi-init-'))
    const flags = [
      '--no-interactive',
      '--region',
      'us-east-1',
      ...WHERE,
      '--queue',
      'high=miyabi-high',
      '--task-size',
      'heavy',
      '--issues-per-day',
      '300',
    ]

    it('--no-interactive writes a commented file that config validate accepts', async () => {
      const out = join(dir(), 'miyabi.yaml')
      const r = await runInProcess(['config', 'init', ...flags, '--output', out])
      assert.equal(r.code, 0, r.stderr)
      const text = readFileSync(out, 'utf8')
      assert.match(text, /^# miyabi\.yaml/)
      assert.match(text, /taskSize: heavy/)
      const v = await runInProcess(['config', 'validate', out])
      assert.equal(v.code, 0, v.stderr)
      assert.match(v.stdout, /valid/)
    })

    it('never overwrites a file without --force, and asks nothing first', async () => {
      const out = join(dir(), 'miyabi.yaml')
      writeFileSync(out, 'version: 1\n# mine\n')
      const r = await runInProcess(['config', 'init', ...flags, '--output', out])
      assert.equal(r.code, 2)
      assert.match(r.stderr, /exists: pass --force/)
      assert.equal(readFileSync(out, 'utf8'), 'version: 1\n# mine\n')
      assert.equal((await runInProcess(['config', 'init', ...flags, '--output', out, '--force'])).code, 0)
      assert.match(readFileSync(out, 'utf8'), /cluster: miyabi/)
    })

    it('off a terminal without --no-interactive: exit 2, nothing written', async () => {
      const out = join(dir(), 'miyabi.yaml')
      const r = await runInProcess(['config', 'init', '--output', out])
      assert.equal(r.code, 2)
      assert.match(r.stderr, /not on a terminal: pass --no-interactive/)
      assert.ok(!existsSync(out))
    })

    it('bad answers as flags are exit 2 naming the flag', async () => {
      const out = join(dir(), 'miyabi.yaml')
      for (const [args, message] of [
        [['--no-interactive', '--cluster', 'a b', '--service', 's'], /--cluster: an ECS cluster name/],
        [['--no-interactive', '--cluster', 'c'], /needs --service/],
        [
          ['--no-interactive', '--cluster', 'c', '--service', 's', '--queue', 'urgent=q'],
          /--queue must be PRIORITY=NAME/,
        ],
        [
          ['--no-interactive', '--cluster', 'c', '--service', 's', '--region', 'us-east-1; rm'],
          /--region: .* is not an AWS region/,
        ],
      ] as const) {
        const r = await runInProcess(['config', 'init', ...args, '--output', out])
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
        assert.match(r.stderr, message)
      }

      assert.ok(!existsSync(out))
    })
  })

  describe('config validate --live', () => {
    let mocks: AwsMocks
    useHealthyAccount(m => {
      mocks = m
      m.ecs.on(ListClustersCommand).resolves({clusterArns: []})
      m.ecs.on(ListServicesCommand).resolves({serviceArns: []})
      m.sqs.on(ListQueuesCommand).resolves({QueueUrls: []})
    })

    it('exit 0 when the cluster, service and queues exist', async () => {
      const r = await runLive(['config', 'validate', 'fixtures/configs/live.yaml', '--live'])
      assert.equal(r.exitCode, 0, r.stderr)
      assert.match(r.stdout, /ok\s+service workers: status ACTIVE/)
      assert.deepEqual(new Set(calledActions(mocks)), new Set(COMMAND_ACTIONS['config validate']))
    })

    it('exit 1 naming a missing queue', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'miyabi-validate-')), 'miyabi.yaml')
      writeFileSync(
        out,
        readFileSync('fixtures/configs/live.yaml', 'utf8').replace(
          'high: miyabi-high',
          'high: miyabi-high\n    low: miyabi-gone',
        ),
      )
      const r = await runLive(['config', 'validate', out, '--live'])
      assert.equal(r.exitCode, 1)
      assert.match(r.stdout, /MISSING queue low=miyabi-gone/)
      assert.match(r.stderr, /does not have: queue low=miyabi-gone/)
    })

    it('exit 1 naming a missing function; a function given by ARN is asked of its own region', async () => {
      mocks.lambda.on(GetFunctionConfigurationCommand, {FunctionName: 'miyabi-gone'}).rejects(
        Object.assign(new Error('Function not found: arn:aws:lambda:us-east-1:123456789012:function:miyabi-gone'), {
          name: 'ResourceNotFoundException',
        }),
      )
      const eu = 'arn:aws:lambda:eu-west-1:123456789012:function:miyabi-eu'
      const out = join(mkdtempSync(join(tmpdir(), 'miyabi-validate-')), 'miyabi.yaml')
      writeFileSync(
        out,
        readFileSync('fixtures/configs/live.yaml', 'utf8').replace(
          'webhook: miyabi-webhook',
          `webhook: miyabi-webhook\n    api: miyabi-gone\n    edge: ${eu}`,
        ),
      )
      const r = await runLive(['config', 'validate', out, '--live', '--json'])
      assert.equal(r.exitCode, 1, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.deepEqual(
        doc.live.filter((c: {kind: string}) => c.kind === 'function'),
        [
          {detail: 'state Active', exists: true, kind: 'function', name: 'webhook=miyabi-webhook'},
          {detail: 'not found', exists: false, kind: 'function', name: 'api=miyabi-gone'},
          {detail: 'state Active', exists: true, kind: 'function', name: `edge=${eu}`},
        ],
      )
      assert.deepEqual(doc.missing, ['function api=miyabi-gone'])
      assert.match(r.stderr, /does not have: function api=miyabi-gone/)
      const regions = await Promise.all(
        mocks.lambda
          .commandCalls(GetFunctionConfigurationCommand)
          .map(async c => [c.args[0].input.FunctionName, await (c.thisValue as LambdaClient).config.region()]),
      )
      assert.deepEqual(Object.fromEntries(regions), {
        [eu]: 'eu-west-1',
        'miyabi-gone': 'us-east-1',
        'miyabi-webhook': 'us-east-1',
      })
    })

    it('a function name Lambda would refuse is exit 2, naming the key, before any AWS call', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'miyabi-validate-')), 'miyabi.yaml')
      writeFileSync(
        out,
        readFileSync('fixtures/configs/live.yaml', 'utf8').replace(
          'webhook: miyabi-webhook',
          'webhook: "miyabi webhook"',
        ),
      )
      const r = await runLive(['config', 'validate', out, '--live'])
      assert.equal(r.exitCode, 2)
      assert.match(
        r.stderr,
        /miyabi\.yaml: aws\.functions\.webhook: "miyabi webhook" is not a Lambda function name or ARN$/m,
      )
      assert.deepEqual(calledActions(mocks), [])
    })

    it('an invalid file is exit 2 before any AWS call', async () => {
      const r = await runLive(['config', 'validate', 'fixtures/configs/bad-unknown-key.yaml', '--live'])
      assert.equal(r.exitCode, 2)
    })
  })
})

/** The offline run: the first cluster name is refused by the prompt's validation, then corrected. */
function retyping(): Asker {
  const turns: Turn[] = [
    {keys: typeAnd('eu-west-1'), screen: /AWS region/},
    {
      async keys(e, nextRender, getScreen) {
        e.type('my cluster')
        e.keypress('enter')
        await nextRender()
        // The prompt stays, showing why; the name is corrected in place.
        assert.match(getScreen(), /an ECS cluster name is 1-255 letters/)
        for (let i = 0; i < 'my cluster'.length; i++) e.keypress('backspace')
        e.type('miyabi')
        e.keypress('enter')
      },
      screen: /ECS cluster/,
    },
    {keys: typeAnd('workers'), screen: /ECS worker service/},
    {
      keys: typeAnd('https://sqs.eu-west-1.amazonaws.com/123456789012/miyabi-high'),
      screen: /high-priority issues \(empty for none\)/,
    },
    {keys: enter, screen: /standard-priority/},
    {keys: enter, screen: /low-priority/},
    {keys: enter, screen: /task size[\s\S]*❯ standard/},
    {keys: enter, screen: /issues per day/},
  ]
  return driven(turns, [])
}
