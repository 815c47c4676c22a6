/**
 * `bench lambda` and `tune lambda` as a user runs them (the built bin/run.js, a child process):
 * the event read from stdin, the HTML report drawn in headless Chromium, one-line errors.
 */
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'
import {FakeLambda} from '../aws/lambda-fake.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {assertUntouched} from './bench-helpers.js'

const CHROMIUM = '/usr/bin/chromium'

function runWithInput(
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH, ...env},
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('error', reject)
    child.on('close', code => resolve({code, stderr, stdout}))
    child.stdin.end(input)
  })
}

describe('bench lambda end to end (built CLI, loopback Lambda)', function () {
  this.timeout(90_000)
  let fake: FakeLambda
  let url: string
  let dir: string
  let env: NodeJS.ProcessEnv

  before(async () => {
    fake = new FakeLambda({updateMs: 20})
    fake.addFunction()
    fake.addUserAlias('RAM1024')
    fake.addUserAlias('live')
    url = await fake.start()
    dir = mkdtempSync(join(tmpdir(), 'miyabi-bench-e2e-'))
    env = {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: dir}
  })
  after(async () => {
    await fake.stop()
    rmSync(dir, {force: true, recursive: true})
  })

  it('--payload-file - reads the event from stdin and writes the HTML report', async () => {
    const html = join(dir, 'report.html')
    const event = JSON.stringify({action: 'opened', issue: {number: 1234, title: 'ワーカーが落ちる'}})
    const r = await runWithInput(
      [
        'bench',
        'lambda',
        '--function',
        'miyabi-webhook',
        '--endpoint-url',
        url,
        '--power-values',
        '128,512,1024,2048',
        '--num',
        '3',
        '--payload-file',
        '-',
        '--html',
        html,
      ],
      event,
      env,
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Restore of miyabi-webhook: applied, and confirmed by reading it back/)
    assert.match(r.stdout, /payload: \d+ bytes from stdin/)
    for (const c of fake.calls('Invoke')) assert.equal(c.body.payload, event)
    assertUntouched(fake)
    assert.ok(existsSync(html))
  })

  it('the HTML report is self-contained and draws both charts from the data (headless Chromium)', async function () {
    if (!existsSync(CHROMIUM) && !process.env.CI) this.skip()
    const file = join(dir, 'report.html')
    const text = readFileSync(file, 'utf8')
    assert.doesNotMatch(text, /<script/i)
    assert.doesNotMatch(text, /(src|href)=["']?https?:/i)
    const {chromium} = await import('playwright-core')
    const browser = await chromium.launch({
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      executablePath: CHROMIUM,
    })
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', req => requests.push(req.url()))
      await page.goto(pathToFileURL(file).href)
      for (const [id, series] of [
        ['chart-duration', ['trimmed mean', 'p95']],
        ['chart-cost', ['cost per invocation']],
      ] as const) {
        const info = await page.$eval(`#${id}`, svg => ({
          height: svg.getBoundingClientRect().height,
          lines: [...svg.querySelectorAll('polyline.series')].map(p => {
            const b = (p as SVGGraphicsElement).getBBox()
            return {
              height: b.height,
              name: p.getAttribute('data-series'),
              points: (p as SVGPolylineElement).points.numberOfItems,
              width: b.width,
            }
          }),
          points: [...svg.querySelectorAll('circle.point')].map(c => Number(c.getAttribute('data-memory'))),
          width: svg.getBoundingClientRect().width,
        }))
        assert.ok(info.width > 0 && info.height > 0, `${id} has no size`)
        assert.deepEqual(
          info.lines.map(l => l.name),
          series,
        )
        for (const l of info.lines) {
          assert.equal(l.points, 4, `${id}: one point per memory size`)
          assert.ok(l.width > 400, `${id}/${l.name} spans ${l.width}px`)
          // Duration falls and cost moves with memory: a flat line would mean the data is not drawn.
          assert.ok(l.height > 10, `${id}/${l.name} is flat`)
        }

        assert.deepEqual([...new Set(info.points)], [128, 512, 1024, 2048])
      }

      assert.equal(await page.$$eval('table tbody tr', rows => rows.length), 4)
      assert.deepEqual(
        requests.filter(u => !u.startsWith('file:')),
        [],
      )
    } finally {
      await browser.close()
    }
  })

  it('an unknown function is one line naming the action (exit 1), and nothing is left behind', async () => {
    // Asynchronously: the loopback Lambda in this process must keep answering.
    const r = await runWithInput(
      ['bench', 'lambda', '--function', 'no-such-function', '--endpoint-url', url, '--num', '1'],
      '',
      env,
    )
    assertOneLineError(
      r,
      /^Error: Lambda function no-such-function not found \(ResourceNotFoundException from lambda:GetFunctionConfiguration\)$/,
      1,
    )
  })
})

describe('tune lambda end to end (built CLI)', () => {
  it("prints the table, the chart and the winners for the design document's table", () => {
    const r = runCli(['tune', 'lambda', '--measure', '128=2000,512=500,1024=250,3008=80', '--current', '1024'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /│ 3008 MB │ 1 │ +80 │/)
    assert.match(r.stdout, /Duration and cost against memory\n/)
    assert.match(
      r.stdout,
      /cost +3008 MB {2}80 ms, \$0\.00000411667 per invocation \(cheapest; ties to the faster\) {2}<- chosen/,
    )
  })

  for (const [args, message] of [
    [[], /nothing to tune from: give --measure MB=ms/],
    [['--measure', '128=2000', '--results', 'x.json'], /give either --measure or --results, not both/],
    [['--measure', '128=fast'], /--measure: the duration "fast" at 128 MB must be a number of milliseconds above 0/],
    [['--measure', '128=100', '--current', '512'], /the current size 512 MB was not measured/],
    [['--results', '/nonexistent/bench.json'], /results file "\/nonexistent\/bench.json" not found/],
    [
      ['--measure', '128=100', '--strategy', 'cheapest'],
      /Expected --strategy=cheapest to be one of: cost, speed, balanced/,
    ],
  ] as const)
    it(`refuses ${args.join(' ') || 'no input'} with one line, exit 2`, () => {
      assertOneLineError(runCli(['tune', 'lambda', ...args]), message)
    })
})
