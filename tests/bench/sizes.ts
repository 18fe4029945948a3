// Bundle sizes as the browser downloads them: gzip bytes of the first page and of each lazy route.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

/** JS and CSS that index.html loads (scripts, module preloads, stylesheets). */
export function firstPageFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  return [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
}

/**
 * The app's UI messages load per language before the first render (src/i18n): the first screen
 * also needs the core messages of one language. French, the default, is counted (English is as big).
 */
export const FIRST_SCREEN_MESSAGES = 'src/i18n/locales/fr/core.json'

/** What index.html itself loads. */
export function htmlBytes(dist: string): { js: number; css: number } {
  let js = 0
  let css = 0
  for (const f of firstPageFiles(dist)) {
    if (f.endsWith('.css')) css += gz(join(dist, f))
    else js += gz(join(dist, f))
  }
  return { js, css }
}

export function firstPageBytes(dist: string): { js: number; css: number; messages: number } {
  const { js, css } = htmlBytes(dist)
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>
  const core = manifest[FIRST_SCREEN_MESSAGES]
  if (!core) throw new Error(`${FIRST_SCREEN_MESSAGES} is not a chunk of its own in ${dist}`)
  const messages = gz(join(dist, core.file))
  return { js: js + messages, css, messages }
}

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  isEntry?: boolean
}

/** For each lazily loaded view: the gzip bytes it adds on top of the first page. */
export function lazyRouteBytes(dist: string): Record<string, number> {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>
  const first = new Set(firstPageFiles(dist))
  const out: Record<string, number> = {}
  for (const [src, chunk] of Object.entries(manifest)) {
    const m = /src\/views\/(\w+)\.vue$/.exec(src)
    if (!m || first.has(chunk.file)) continue
    const files = new Set<string>()
    const visit = (key: string) => {
      const c = manifest[key]
      if (!c || first.has(c.file) || files.has(c.file)) return
      files.add(c.file)
      for (const css of c.css ?? []) if (!first.has(css)) files.add(css)
      for (const i of c.imports ?? []) visit(i)
    }
    visit(src)
    out[m[1]!] = [...files].reduce((n, f) => n + gz(join(dist, f)), 0)
  }
  return out
}

/** The floor: a bare one-component Vue page built with the same toolchain. */
export async function bareVueBytes(): Promise<number> {
  const root = resolve(import.meta.dirname, '../../node_modules/.cache/bench-floor')
  if (!existsSync(root)) mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="./main.js"></script>')
  writeFileSync(join(root, 'main.js'), "import { createApp } from 'vue'\nimport App from './App.vue'\ncreateApp(App).mount('#app')\n")
  writeFileSync(join(root, 'App.vue'), '<script setup>\nimport { ref } from \'vue\'\nconst n = ref(0)\n</script>\n<template><button @click="n++">{{ n }}</button></template>\n')
  await build({ root, configFile: false, logLevel: 'silent', plugins: [vue()], build: { outDir: join(root, 'dist'), emptyOutDir: true } })
  const { js, css } = htmlBytes(join(root, 'dist'))
  return js + css
}
