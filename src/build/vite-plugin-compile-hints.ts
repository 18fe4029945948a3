// Asks Chromium (136 and later) to compile every function of the first bundle while the file
// downloads, on a background thread, instead of on the main thread the first time each is called.
// Nearly all of that bundle runs to draw the first screen (Vue, the router, the app's start, home):
// compiled on first call, it made the mount of the app bar a task of 12-15 ms of CPU on the bench's
// machine, and every daily visit paid it again (V8's code cache keeps only what was compiled when
// it was written, right after the bundle's evaluation). The price: that code cache is written once
// per version, on the second load, and takes twice as long to write (~30 ms of CPU instead of ~15).
// Other browsers ignore the comment. Lazy chunks are left as they are: most of their functions do
// not run when they load.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

export function compileHintsPlugin(): Plugin {
  return {
    name: 'pm-cards:compile-hints',
    apply: 'build',
    // The entry's name changes with it: a copy without the comment, cached under the same name by
    // an installed app, is not taken for this one.
    augmentChunkHash: (chunk) => (chunk.isEntry ? COMPILE_HINT : undefined),
    generateBundle: {
      // The comment counts only as the file's first line: after Vite's own generateBundle, which
      // puts the lazy chunks' preload map at the top of the entry. The brotli and gzip copies were
      // made there too (vite-plugin-compression2): they are made again from the new text, with the
      // same settings (the highest quality of each).
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.isEntry || chunk.code.startsWith(COMPILE_HINT)) continue
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`
          const br = bundle[`${chunk.fileName}.br`]
          if (br?.type === 'asset') br.source = brotliCompressSync(chunk.code, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } })
          const gz = bundle[`${chunk.fileName}.gz`]
          if (gz?.type === 'asset') gz.source = gzipSync(chunk.code, { level: constants.Z_BEST_COMPRESSION })
        }
      },
    },
  }
}
