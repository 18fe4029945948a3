// The built app (dist/), compressed: hashed assets cached for a year, the service worker and pages revalidated,
// any other path without a file answered with index.html (the router's routes).
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Context, Hono } from 'hono'
import { coreMessageChunks, firstPageLink } from './first-page-hints'

export function serveApp(app: Hono, distDir: string) {
  const root = resolve(distDir)
  const indexFile = join(root, 'index.html')
  if (!existsSync(indexFile)) throw new Error(`no built app in ${root}: run the build first`)
  const cacheFor = (path: string) => (path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
  app.use('*', async (c, next) => {
    await next()
    if (c.res.ok && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', cacheFor(c.req.path))
  })
  // The page, with a hint naming the first screen's words in the learner's language.
  const chunks = coreMessageChunks(root)
  const page = (c: Context) => {
    const link = firstPageLink(chunks(), c.req.header('Accept-Language'))
    if (link) {
      c.header('Link', link)
      c.header('Vary', 'Accept-Language')
    }
    return c.html(readFileSync(indexFile, 'utf8'))
  }
  app.get('/', page)
  app.get('/index.html', page)
  // Brotli or gzip copies made at build time (vite.config.ts), when the browser accepts them.
  app.use('*', serveStatic({ root, precompressed: true }))
  app.get('*', (c) => {
    // A missing file (an old chunk, a typo) is a 404, not the app's page in its place.
    if (/\.[a-z0-9]+$/i.test(c.req.path) || c.req.path.startsWith('/api/')) return c.notFound()
    return page(c)
  })
}
