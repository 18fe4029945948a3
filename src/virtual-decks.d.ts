declare module 'virtual:deck-manifest' {
  import type { LocalizedText } from './domain/content/localized'
  const manifest: Array<{ id: string; hash: string; cards: number; title: LocalizedText; description?: LocalizedText }>
  export default manifest
}
declare module 'virtual:deck-content' {
  import type { CompiledDeck } from './domain/content/card'
  import type { SourceSection } from './domain/content/deck-schema'
  export const decks: CompiledDeck[]
  export const sections: SourceSection[]
}
