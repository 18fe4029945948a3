// Start-up's question: are the built-in decks in IndexedDB those of this build? (Cheap: deck rows only.)
import type { PmDatabase } from './database'

/** True when the stored built-in decks already match these hashes (start-up skips the content). */
export async function builtinDecksUpToDate(db: PmDatabase, manifest: ReadonlyArray<{ id: string; hash: string }>) {
  const rows = await db.decks.where('id').anyOf(manifest.map((d) => d.id)).toArray()
  const stored = new Map(rows.map((r) => [r.id, r]))
  const builtin = await db.decks.filter((d) => d.origin === 'builtin' && !d.retired).count()
  return builtin === manifest.length && manifest.every((m) => stored.get(m.id)?.contentHash === m.hash && !stored.get(m.id)?.retired)
}
