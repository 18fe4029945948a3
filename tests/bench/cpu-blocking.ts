// The bench's blocking time counted on CPU time, and the tasks it counts named by what they held,
// from the trace of a Lighthouse run (see LighthouseFigures.cpuBlockingMs and cpuLongTasks in
// lighthouse.ts). Apart so that its unit test loads no Lighthouse.
export interface TraceEvent {
  name: string
  ph?: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { beginData?: { url?: string }; data?: { url?: string } }
}

/**
 * See LighthouseFigures.cpuBlockingMs. Counted from the end of the page's first HTML parse, the
 * earliest moment it could paint: Lighthouse's simulation puts the first paint there (a module
 * script does not block rendering), so the first bundle's evaluation counts, as it does there.
 */
export function cpuBlockingMs(events: readonly TraceEvent[]): number {
  const page = pageTasks(events)
  if (!page) return Number.NaN
  return page.tasks.reduce((sum, e) => sum + Math.max(0, atFourTimes(e) - 50), 0)
}

/** A task of the page's main thread over 50 ms at 4x its thread time, and what it was doing. */
export interface CpuLongTask {
  /** From the end of the page's first HTML parse. */
  atMs: number
  /** 4x its thread time. */
  x4Ms: number
  kind: string
}

/**
 * The tasks cpuBlockingMs counts (over 50 ms at 4x thread time), each named by what took most of
 * its thread time: V8 writing a module's code cache, the first bundle's evaluation, script (with
 * its file when the trace names one), style and layout (with paint), garbage collection, the
 * HTML parse; "other" when it holds none of these.
 */
export function cpuLongTasks(events: readonly TraceEvent[]): CpuLongTask[] {
  return longTasks(events, atFourTimes).map(({ atMs, x4Ms, kind }) => ({ atMs, x4Ms, kind }))
}

/** A task of the page's main thread over 50 ms at 4x its wall time, as Lighthouse counts it. */
export interface WallLongTask extends CpuLongTask {
  /** 4x its wall time: Lighthouse's simulated length for it. */
  x4WallMs: number
}

/**
 * The page's tasks over 50 ms at 4x their wall time (what Lighthouse's simulation lists as long,
 * from the end of the first HTML parse), each with 4x its thread time beside it and named as in
 * cpuLongTasks: a task that is long on the wall but short on the CPU spent its time waiting for a
 * core, not running the page's code.
 */
export function wallLongTasks(events: readonly TraceEvent[]): WallLongTask[] {
  return longTasks(events, (t) => (4 * (t.dur ?? 0)) / 1000)
}

/** The page's tasks over 50 ms by `length`, with both lengths and what they held. */
function longTasks(events: readonly TraceEvent[], length: (task: TraceEvent) => number): WallLongTask[] {
  const page = pageTasks(events)
  if (!page) return []
  const inside = page.all.filter((e) => e.name !== 'RunTask')
  return page.tasks
    .filter((t) => length(t) > 50)
    .map((t) => ({ atMs: (t.ts - page.from) / 1000, x4WallMs: (4 * (t.dur ?? 0)) / 1000, x4Ms: atFourTimes(t), kind: kindOf(t, inside) }))
}

/** What took most of a task's thread time (see cpuLongTasks), from the events inside it. */
function kindOf(t: TraceEvent, inside: readonly TraceEvent[]): string {
  const end = t.ts + (t.dur ?? 0)
  const held = inside.filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end)
  let kind = 'other'
  let most = 0
  for (const [name, of] of Object.entries(KINDS)) {
    const mine = held.filter((e) => of.includes(e.name))
    // An event inside another of the same kind is already counted (a call within a call).
    const outer = mine.filter((e) => !mine.some((o) => o !== e && o.ts <= e.ts && e.ts + (e.dur ?? 0) <= o.ts + (o.dur ?? 0)))
    const ms = outer.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0)
    if (ms > most) {
      most = ms
      const url = name === 'script' ? held.find((e) => e.name === 'FunctionCall' && e.args?.data?.url)?.args?.data?.url : undefined
      kind = url ? `script ${url.replace(/^.*\//, '')}` : name
    }
  }
  return kind
}

/** What a task's thread time went to, by the trace events that hold it. */
const KINDS: Record<string, string[]> = {
  'code cache': ['v8.produceModuleCache'],
  'module evaluated': ['v8.evaluateModule'],
  script: ['FunctionCall', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch'],
  'style and layout': ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'],
  'garbage collection': ['MinorGC', 'MajorGC'],
  'HTML parse': ['ParseHTML'],
}

const atFourTimes = (e: TraceEvent) => (4 * (e.tdur ?? e.dur ?? 0)) / 1000

/** The page's main thread's complete events, and its tasks from the end of its first HTML parse. */
function pageTasks(events: readonly TraceEvent[]) {
  const paints = events.filter((e) => e.name === 'firstContentfulPaint')
  const fcp = paints[paints.length - 1]
  if (!fcp) return undefined
  const all = events.filter((e) => e.pid === fcp.pid && e.tid === fcp.tid && e.ph === 'X')
  // The document's own parse (the blank page Lighthouse starts from is parsed too, with no address).
  const parses = all.filter((e) => e.name === 'ParseHTML' && e.args?.beginData?.url).sort((x, y) => x.ts - y.ts)
  const from = parses[0] ? parses[0].ts + (parses[0].dur ?? 0) : fcp.ts
  const tasks = all.filter((e) => e.name === 'RunTask' && e.ts >= from).sort((x, y) => x.ts - y.ts)
  return { all, tasks, from }
}
