// The first visit on a mid-range phone, and the repeat visit with the service worker in control:
// Lighthouse's mobile defaults, the median of 3 runs each, against issue 22's budgets. Also the
// daily visit (the third load on: a learner's usual one), shown beside them. Prints a table and
// writes test-results/lighthouse.json (every run's figures, long tasks and script time).
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BASE_URL } from '../e2e/browser'
import { lighthouseMedians, type LighthouseFigures, type Visit } from './lighthouse'

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)

/** Issue 22's targets, for the first and the repeat visit alike. */
export const BUDGETS = { performance: 95, tbtMs: 150, cls: 0.02, lcpMs: 2000, seo: 100 }

describe('lighthouse', () => {
  it('measures the first and the repeat visit of home', async () => {
    const results: Record<Visit, Awaited<ReturnType<typeof lighthouseMedians>>> = {
      first: await lighthouseMedians(`${BASE_URL}/`, 'first', RUNS),
      repeat: await lighthouseMedians(`${BASE_URL}/`, 'repeat', RUNS),
      daily: await lighthouseMedians(`${BASE_URL}/`, 'daily', RUNS),
    }
    const { first, repeat, daily } = results
    const ok = (pass: boolean) => (pass ? 'ok' : 'OVER')
    // The budgets hold the first and the repeat visit (issue 22); the daily visit is shown beside them.
    const row = (name: string, f: string, r: string, d: string, budget: string, pass: boolean): string[] => [name, f, r, d, budget, ok(pass)]
    const ms = (n: number) => `${n.toFixed(0)} ms`
    const rows = [
      row('performance score', String(first.performance), String(repeat.performance), String(daily.performance), `>= ${BUDGETS.performance}`,
        first.performance >= BUDGETS.performance && repeat.performance >= BUDGETS.performance),
      row('total blocking time', ms(first.tbtMs), ms(repeat.tbtMs), ms(daily.tbtMs), `<= ${BUDGETS.tbtMs} ms`, first.tbtMs <= BUDGETS.tbtMs && repeat.tbtMs <= BUDGETS.tbtMs),
      row('cumulative layout shift', first.cls.toFixed(3), repeat.cls.toFixed(3), daily.cls.toFixed(3), `<= ${BUDGETS.cls}`, first.cls <= BUDGETS.cls && repeat.cls <= BUDGETS.cls),
      row('largest contentful paint', ms(first.lcpMs), ms(repeat.lcpMs), ms(daily.lcpMs), `<= ${BUDGETS.lcpMs} ms`, first.lcpMs <= BUDGETS.lcpMs && repeat.lcpMs <= BUDGETS.lcpMs),
      row('SEO score', String(first.seo), String(repeat.seo), String(daily.seo), `${BUDGETS.seo}`, first.seo >= BUDGETS.seo && repeat.seo >= BUDGETS.seo),
    ]
    const w = [40, 14, 14, 14, 12, 6]
    const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join(' | ')
    /** The `n` longest of a kind of task over every run of a visit, each said by `say`. */
    const top = <T>(visit: Visit, of: (run: LighthouseFigures) => T[], length: (t: T) => number, say: (t: T) => string, n: number) =>
      results[visit].runs
        .flatMap(of)
        .sort((x, y) => length(y) - length(x))
        .slice(0, n)
        .map(say)
        .join(', ') || 'none'
    const longest = (visit: Visit) =>
      top(visit, (r) => r.longTasks, (t) => t.durationMs, (t) => `${t.durationMs.toFixed(0)} ms ${t.url.replace(BASE_URL, '')}`, 5)
    // The same on CPU time: what each task was (see cpu-blocking.ts), so that "no task over 50 ms
    // caused by our code" can be read apart from the machine's waits.
    const longestOnCpu = (visit: Visit) => top(visit, (r) => r.cpuLongTasks, (t) => t.x4Ms, (t) => `${t.x4Ms.toFixed(0)} ms ${t.kind}`, 6)
    // The tasks Lighthouse counts as long, with the CPU time they held: long on the wall and short
    // on the CPU is a task that waited for a core.
    const longOnWall = (visit: Visit) =>
      top(visit, (r) => r.wallLongTasks, (t) => t.x4WallMs, (t) => `${t.x4WallMs.toFixed(0)} ms (CPU ${t.x4Ms.toFixed(0)}) ${t.kind}`, 6)
    // TBT moves a lot from run to run on a small shared machine: each run's figure, with the CPU
    // rating Lighthouse measured for it, says how much a median can be trusted.
    const eachRun = (visit: Visit) =>
      results[visit].runs
        .map((r) => `TBT ${r.tbtMs.toFixed(0)} ms (on CPU time ${r.cpuBlockingMs.toFixed(0)}, CPU rated ${r.benchmarkIndex.toFixed(0)})`)
        .join(', ')
    console.log(
      [
        `Lighthouse 12.2.3, mobile defaults (slow 4G, 4x CPU, simulated), median of ${RUNS} runs`,
        line(['measure', 'first visit', 'repeat visit', 'daily visit', 'budget', '']),
        line(w.map((n) => '-'.repeat(n))),
        ...rows.map(line),
        line(['blocking time on CPU time (see below)', ms(first.cpuBlockingMs), ms(repeat.cpuBlockingMs), ms(daily.cpuBlockingMs), 'not a budget', '']),
        `  longest tasks (simulated 4x CPU, all runs), first visit: ${longest('first')}`,
        `  longest tasks (simulated 4x CPU, all runs), repeat visit: ${longest('repeat')}`,
        `  longest tasks (simulated 4x CPU, all runs), daily visit: ${longest('daily')}`,
        `  longest tasks on CPU time (4x thread time, all runs), first visit: ${longestOnCpu('first')}`,
        `  longest tasks on CPU time (4x thread time, all runs), repeat visit: ${longestOnCpu('repeat')}`,
        `  longest tasks on CPU time (4x thread time, all runs), daily visit: ${longestOnCpu('daily')}`,
        `  the page's tasks over 50 ms at 4x wall time, with 4x their thread time (all runs), first visit: ${longOnWall('first')}`,
        `  the page's tasks over 50 ms at 4x wall time, with 4x their thread time (all runs), repeat visit: ${longOnWall('repeat')}`,
        `  the page's tasks over 50 ms at 4x wall time, with 4x their thread time (all runs), daily visit: ${longOnWall('daily')}`,
        `  each run, first visit: ${eachRun('first')}`,
        `  each run, repeat visit: ${eachRun('repeat')}`,
        `  each run, daily visit: ${eachRun('daily')}`,
        '  "on CPU time": the page\'s tasks once its HTML is parsed, at 4x their thread time, minus 50 ms each;',
        "  Lighthouse's TBT multiplies wall time, which on a busy 2-core machine also holds waits for a core.",
      ].join('\n'),
    )
    mkdirSync(resolve(import.meta.dirname, '../../test-results'), { recursive: true })
    writeFileSync(resolve(import.meta.dirname, '../../test-results/lighthouse.json'), JSON.stringify(results, null, 2))
    expect.soft(rows.filter((r) => r[5] !== 'ok').map((r) => r[0]), 'Lighthouse figures over their budget').toEqual([])
  })
})
