// The bench's blocking time counted on CPU time, from the trace of a Lighthouse run (see
// LighthouseFigures.cpuBlockingMs in lighthouse.ts). Apart so that its unit test loads no Lighthouse.
export interface TraceEvent {
  name: string
  ph?: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { beginData?: { url?: string } }
}

/**
 * See LighthouseFigures.cpuBlockingMs. Counted from the end of the page's first HTML parse, the
 * earliest moment it could paint: Lighthouse's simulation puts the first paint there (a module
 * script does not block rendering), so the first bundle's evaluation counts, as it does there.
 */
export function cpuBlockingMs(events: readonly TraceEvent[]): number {
  const paints = events.filter((e) => e.name === 'firstContentfulPaint')
  const fcp = paints[paints.length - 1]
  if (!fcp) return Number.NaN
  const onPage = (e: TraceEvent) => e.pid === fcp.pid && e.tid === fcp.tid && e.ph === 'X'
  // The document's own parse (the blank page Lighthouse starts from is parsed too, with no address).
  const parses = events.filter((e) => e.name === 'ParseHTML' && onPage(e) && e.args?.beginData?.url).sort((x, y) => x.ts - y.ts)
  const from = parses[0] ? parses[0].ts + (parses[0].dur ?? 0) : fcp.ts
  let sum = 0
  for (const e of events) {
    if (e.name !== 'RunTask' || !onPage(e) || e.ts < from) continue
    sum += Math.max(0, (4 * (e.tdur ?? e.dur ?? 0)) / 1000 - 50)
  }
  return sum
}
