// The one server: the app's files and the sync API on one origin, with security headers on every
// response, CORS closed unless origins are configured, and a log line a request that never holds a token.
import { Hono, type Context } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { getConnInfo } from '@hono/node-server/conninfo'
import { PROTOCOL_PATH } from '../src/sync/protocol'
import type { SyncStore } from './store/sync-store'
import { DEFAULT_LIMITS, type ServerLimits } from './http/limits'
import { syncRoutes } from './http/sync-routes'
import { serveApp } from './http/static-app'

export interface AppOptions {
  store: SyncStore
  distDir?: string
  limits?: ServerLimits
  corsOrigins?: string[]
  /** Behind a reverse proxy: the client's address is the first of X-Forwarded-For. */
  trustProxy?: boolean
  log?: (line: string) => void
  now?: () => number
}

// The app's policy (index.html's meta tag), sent as a header too, where frame-ancestors also applies.
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/** The optimiser worker's built file (src/workers/optimizer-worker.ts), the one script allowed to compile WebAssembly. */
export const OPTIMISER_WORKER = /^\/assets\/optimizer-worker-[\w-]+\.js$/

export function createApp(options: AppOptions) {
  const log = options.log ?? ((line: string) => console.log(line))
  const now = options.now ?? Date.now
  const clientAddress = (c: Context) => {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      if (forwarded) return forwarded
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown'
    } catch {
      return 'unknown'
    }
  }
  const app = new Hono()

  app.use('*', async (c, next) => {
    const startedAt = performance.now()
    await next()
    // Method, path and status only: no header, query string or body (a token never reaches the log).
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - startedAt)}ms`)
  })
  // The optimiser's worker compiles fsrs-browser's WebAssembly, which CSP allows only with
  // 'wasm-unsafe-eval' (WebAssembly only, never JavaScript's eval). A worker takes its policy from its
  // own script's response, so that one file gets it and the page keeps script-src 'self'. Registered
  // before secureHeaders so that it runs after it on the way out.
  app.use('/assets/*', async (c, next) => {
    await next()
    if (!OPTIMISER_WORKER.test(c.req.path)) return
    const policy = c.res.headers.get('Content-Security-Policy')
    if (policy) c.res.headers.set('Content-Security-Policy', policy.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"))
  })
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false, strictTransportSecurity: false }))
  app.use(`${PROTOCOL_PATH}/*`, async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  if (options.corsOrigins?.length) {
    app.use(`${PROTOCOL_PATH}/*`, cors({ origin: options.corsOrigins, allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['Authorization', 'Content-Type'], exposeHeaders: ['Retry-After', 'X-Snapshot-Upto'], maxAge: 600 }))
  }

  app.route(PROTOCOL_PATH, syncRoutes(options.store, options.limits ?? DEFAULT_LIMITS, clientAddress, now))
  app.all(`${PROTOCOL_PATH}/*`, (c) => c.json({ error: 'not found' }, 404))
  if (options.distDir) serveApp(app, options.distDir)

  app.onError((error, c) => {
    log(`error ${c.req.method} ${c.req.path}: ${error.name}`)
    return c.json({ error: 'unavailable' }, 503)
  })
  return app
}
