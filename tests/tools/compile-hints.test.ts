// The first bundle's compile hint (src/build/vite-plugin-compile-hints.ts): the entry's first line,
// its brotli and gzip copies made again from the new text, the lazy chunks untouched.
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { COMPILE_HINT, compileHintsPlugin } from '../../src/build/vite-plugin-compile-hints'

type Hook = (this: unknown, options: unknown, bundle: Record<string, unknown>) => void

function run(bundle: Record<string, unknown>) {
  const hook = compileHintsPlugin().generateBundle as { order: string; handler: Hook }
  // After Vite's own generateBundle, which puts the preload map on the entry's first line.
  expect(hook.order).toBe('post')
  hook.handler.call({}, {}, bundle)
}

describe('compileHintsPlugin', () => {
  it('puts the hint on the first line of the entry only, and remakes its compressed copies', () => {
    const entry = 'const __vite__mapDeps=(i)=>i;\nexport const a=()=>1;\n'
    const lazy = 'export const b=()=>2;\n'
    const bundle: Record<string, { type: string; fileName: string; isEntry?: boolean; code?: string; source?: Uint8Array | string }> = {
      'assets/index-1.js': { type: 'chunk', fileName: 'assets/index-1.js', isEntry: true, code: entry },
      'assets/index-1.js.br': { type: 'asset', fileName: 'assets/index-1.js.br', source: brotliCompressSync(entry) },
      'assets/index-1.js.gz': { type: 'asset', fileName: 'assets/index-1.js.gz', source: gzipSync(entry) },
      'assets/lazy-2.js': { type: 'chunk', fileName: 'assets/lazy-2.js', isEntry: false, code: lazy },
      'assets/lazy-2.js.br': { type: 'asset', fileName: 'assets/lazy-2.js.br', source: brotliCompressSync(lazy) },
    }
    run(bundle)
    const code = bundle['assets/index-1.js']!.code!
    expect(code).toBe(`${COMPILE_HINT}\n${entry}`)
    expect(brotliDecompressSync(bundle['assets/index-1.js.br']!.source as Uint8Array).toString()).toBe(code)
    expect(gunzipSync(bundle['assets/index-1.js.gz']!.source as Uint8Array).toString()).toBe(code)
    expect(bundle['assets/lazy-2.js']!.code).toBe(lazy)
    expect(brotliDecompressSync(bundle['assets/lazy-2.js.br']!.source as Uint8Array).toString()).toBe(lazy)

    // Once only, were the hook run again.
    run(bundle)
    expect(bundle['assets/index-1.js']!.code).toBe(code)
  })

  it('changes the entry\'s name with it, not the lazy chunks\' names', () => {
    const augment = compileHintsPlugin().augmentChunkHash as (chunk: { isEntry: boolean }) => string | undefined
    expect(augment({ isEntry: true })).toBe(COMPILE_HINT)
    expect(augment({ isEntry: false })).toBeUndefined()
  })
})
