import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {runCli} from '../helpers/cli.js'

const CHROMIUM = '/usr/bin/chromium'

interface ChartInfo {
  width: number
  height: number
  series: {policy: string; points: number; width: number; height: number}[]
}

describe('miyabi simulate --html in headless Chromium', function () {
  this.timeout(60_000)
  let dir: string
  let file: string

  before(function () {
    // Locally without Chromium the test is skipped; in CI (CI set) a missing browser is a failure.
    if (!existsSync(CHROMIUM) && !process.env.CI) this.skip()
    dir = mkdtempSync(join(tmpdir(), 'miyabi-html-'))
    file = join(dir, 'report.html')
    const r = runCli([
      'simulate',
      '--compare',
      'design-step,backlog',
      '--workload',
      'burst',
      '--issues-per-day',
      '2000',
      '--html',
      file,
    ])
    assert.equal(r.code, 0, r.stderr)
  })

  after(() => {
    if (dir) rmSync(dir, {force: true, recursive: true})
  })

  it('is self-contained: no scripts and no network references', () => {
    const html = readFileSync(file, 'utf8')
    assert.doesNotMatch(html, /<script/i)
    assert.doesNotMatch(html, /(src|href)=["']?https?:/i)
  })

  it('renders both charts with a line per policy drawn from data', async () => {
    const {chromium} = await import('playwright-core')
    const browser = await chromium.launch({
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      executablePath: CHROMIUM,
    })
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', req => requests.push(req.url()))
      await page.goto(pathToFileURL(file).href)
      for (const id of ['chart-queue', 'chart-running']) {
        const info: ChartInfo = await page.$eval(`#${id}`, svg => {
          const box = svg.getBoundingClientRect()
          return {
            height: box.height,
            series: [...svg.querySelectorAll('polyline.series')].map(p => {
              const b = (p as SVGGraphicsElement).getBBox()
              return {
                height: b.height,
                points: (p as SVGPolylineElement).points.numberOfItems,
                policy: p.getAttribute('data-policy') ?? '',
                width: b.width,
              }
            }),
            width: box.width,
          }
        })
        assert.ok(info.width > 0 && info.height > 0, `${id} has no size`)
        assert.deepEqual(
          info.series.map(s => s.policy),
          ['design-step', 'backlog'],
        )
        for (const s of info.series) {
          assert.ok(s.points > 100, `${id}/${s.policy}: ${s.points} points`)
          assert.ok(s.width > 500, `${id}/${s.policy} spans ${s.width}px`)
          // A flat line has no height: the data must move (the burst fills the queue and adds tasks).
          assert.ok(s.height > 10, `${id}/${s.policy} is flat`)
        }
      }

      assert.deepEqual(
        requests.filter(u => !u.startsWith('file:')),
        [],
      )
    } finally {
      await browser.close()
    }
  })
})
