// Lighthouse (its default mobile profile: a mid-range phone on a slow 4G link, 4x CPU) over the
// same Chromium as the other browser tests, launched by chrome-launcher: nothing downloads a browser.
// A first visit starts from empty storage; a repeat visit comes after a visit that left the service
// worker installed, so that it controls the page Lighthouse loads; a daily visit comes after two
// (a learner's usual visit: from the third load on, V8 reads the code cache the second one wrote).
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { launch, type LaunchedChrome } from 'chrome-launcher'
import lighthouse from 'lighthouse'
import type { Result } from 'lighthouse'
import { chromium } from 'playwright-core'
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/browser'
import { cpuBlockingMs, cpuLongTasks, wallLongTasks, type CpuLongTask, type TraceEvent, type WallLongTask } from './cpu-blocking'

export type Visit = 'first' | 'repeat' | 'daily'

export interface LighthouseFigures {
  /** 0-100. */
  performance: number
  seo: number
  tbtMs: number
  cls: number
  lcpMs: number
  /** Main-thread tasks of 50 ms or more (as observed, before the 4x CPU simulation), by script. */
  longTasks: Array<{ url: string; startMs: number; durationMs: number }>
  /** Script time on the main thread by script (bootup-time), the largest first. */
  scripts: Array<{ url: string; scriptingMs: number; parseMs: number }>
  /**
   * How fast Lighthouse rated this machine's CPU at the start of the run. Its 4x slowdown is meant
   * for a fast desktop (1,500-2,000): on a slower or busier machine every task it observes, once
   * multiplied by 4, stands for a phone slower than the mid-range one it means to simulate.
   */
  benchmarkIndex: number
  /**
   * The same run's blocking time counted on CPU time: each main-thread task of the page once its
   * HTML is parsed (cpu-blocking.ts), at 4x its thread time, minus 50 ms. Lighthouse multiplies a task's
   * wall time, which on a small shared machine also holds the time the thread waited for a core
   * (Lighthouse, Chromium's other processes and the server share it); thread time does not.
   * Not Lighthouse's figure (no simulated order, no TTI cut-off): what the page's own work costs.
   */
  cpuBlockingMs: number
  /** The tasks that blocking time counts (over 50 ms at 4x thread time), named by what they held. */
  cpuLongTasks: CpuLongTask[]
  /**
   * The page's tasks Lighthouse takes as long (over 50 ms at 4x wall time, once its HTML is
   * parsed), each with 4x its thread time beside it: what of it was the page's work.
   */
  wallLongTasks: WallLongTask[]
}

type Audits = Result['audits']
type Item = Record<string, unknown>
const items = (audits: Audits, id: string): Item[] => ((audits[id]?.details as { items?: Item[] } | undefined)?.items ?? [])
const num = (v: unknown) => (typeof v === 'number' ? v : NaN)

export function figuresOf(lhr: Result, trace: readonly TraceEvent[] = []): LighthouseFigures {
  const a = lhr.audits
  return {
    performance: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    seo: Math.round((lhr.categories.seo?.score ?? NaN) * 100),
    tbtMs: num(a['total-blocking-time']?.numericValue),
    cls: num(a['cumulative-layout-shift']?.numericValue),
    lcpMs: num(a['largest-contentful-paint']?.numericValue),
    longTasks: items(a, 'long-tasks').map((t) => ({ url: String(t.url), startMs: num(t.startTime), durationMs: num(t.duration) })),
    scripts: items(a, 'bootup-time').map((t) => ({ url: String(t.url), scriptingMs: num(t.scripting), parseMs: num(t.scriptParseCompile) })),
    benchmarkIndex: num(lhr.environment.benchmarkIndex),
    cpuBlockingMs: cpuBlockingMs(trace),
    cpuLongTasks: cpuLongTasks(trace),
    wallLongTasks: wallLongTasks(trace),
  }
}

/**
 * Visits the page once and waits until its service worker is active (the precache done) and the
 * app's start is over (the first visit's deck writes, the review screen's chunk fetched when idle).
 */
async function visitOnce(chrome: LaunchedChrome, url: string) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`)
  try {
    const page = await browser.contexts()[0]!.newPage()
    await page.goto(url)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    // The app starts after the first screen: let its own start-up (and the deck seeding) finish too.
    await page.waitForLoadState('networkidle')
    await page.close()
  } finally {
    await browser.close()
  }
}

/**
 * Lets a just-launched Chromium finish its own start (profile, GPU and network processes, font
 * caches) on a blank page before Lighthouse measures: otherwise the first visit is measured while
 * the browser is still starting, on a CPU Lighthouse rates about half as fast (its benchmarkIndex,
 * ~1,000-1,200 against ~2,500 once warm), and every task it observes is multiplied by 4 on top.
 * A learner's browser is already running when they open the app. Nothing of the app's origin is
 * touched: the first visit still starts from empty storage and an empty HTTP cache.
 */
const SETTLE_MS = 3000
async function settle(chrome: LaunchedChrome) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`)
  try {
    const page = await browser.contexts()[0]!.newPage()
    await page.goto('about:blank')
    await page.waitForTimeout(SETTLE_MS)
    await page.close()
  } finally {
    await browser.close()
  }
}

/** A run Lighthouse itself gave up on (its `runtimeError`), with Lighthouse's code for it. */
class LighthouseRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Lighthouse: ${message}`)
  }
}

/**
 * Lighthouse's own recording failures, for which its message says "run Lighthouse again": the trace
 * missing the navigation's start (NO_NAVSTART, seen on this machine) or its first paint.
 * They say nothing of the page, so such a run is made again, in a fresh Chromium, up to twice.
 */
const RETRIED_RUNTIME_ERRORS = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST', 'NO_DCL'])

async function runLighthouseRetrying(url: string, visit: Visit, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runLighthouse(url, visit)
    } catch (e) {
      if (!(e instanceof LighthouseRunError && RETRIED_RUNTIME_ERRORS.has(e.code)) || attempt >= attempts) throw e
      console.warn(`${visit} visit, attempt ${attempt}: ${e.message}: made again`)
    }
  }
}

/** One Lighthouse run (performance and SEO) in a fresh Chromium. */
export async function runLighthouse(url: string, visit: Visit): Promise<{ lhr: Result; trace: TraceEvent[] }> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'error',
  })
  try {
    await settle(chrome)
    if (visit !== 'first') {
      await visitOnce(chrome, url)
      // The second load, under the service worker: V8 writes the first bundle's code cache.
      if (visit === 'daily') await visitOnce(chrome, url)
      await settle(chrome)
    }
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'seo'],
      // A repeat or daily visit keeps what the ones before stored: the service worker, its caches,
      // IndexedDB, the HTTP and code caches.
      disableStorageReset: visit !== 'first',
    })
    if (!result) throw new Error('Lighthouse returned no result')
    if (result.lhr.runtimeError) throw new LighthouseRunError(result.lhr.runtimeError.code, result.lhr.runtimeError.message)
    // The trace Lighthouse recorded (an internal artifact: read defensively).
    const trace = (result.artifacts as { Trace?: { traceEvents?: TraceEvent[] } }).Trace?.traceEvents ?? []
    return { lhr: result.lhr, trace }
  } finally {
    chrome.kill()
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((x, y) => x - y)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const REPORTS = resolve(import.meta.dirname, '../../test-results/lighthouse')

/**
 * The median of each figure over `runs` runs (each figure on its own), and every run's figures.
 * Each run's whole report is kept in test-results/lighthouse/ (open it in Lighthouse's viewer), and
 * its trace with BENCH_LIGHTHOUSE_TRACES=1.
 */
export async function lighthouseMedians(url: string, visit: Visit, runs = 3) {
  const all: LighthouseFigures[] = []
  mkdirSync(REPORTS, { recursive: true })
  for (let i = 0; i < runs; i++) {
    const { lhr, trace } = await runLighthouseRetrying(url, visit)
    writeFileSync(resolve(REPORTS, `${visit}-${i + 1}.json`), JSON.stringify(lhr))
    // The trace too, on demand (~15 MB a run): open it in Chromium's Performance panel.
    if (process.env.BENCH_LIGHTHOUSE_TRACES) writeFileSync(resolve(REPORTS, `${visit}-${i + 1}.trace.json`), JSON.stringify({ traceEvents: trace }))
    all.push(figuresOf(lhr, trace))
  }
  return {
    runs: all,
    performance: median(all.map((f) => f.performance)),
    seo: median(all.map((f) => f.seo)),
    tbtMs: median(all.map((f) => f.tbtMs)),
    cls: median(all.map((f) => f.cls)),
    lcpMs: median(all.map((f) => f.lcpMs)),
    cpuBlockingMs: median(all.map((f) => f.cpuBlockingMs)),
  }
}
