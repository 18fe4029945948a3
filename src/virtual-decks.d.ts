declare module 'virtual:deck-manifest' {
  const manifest: Array<{ id: string; hash: string; cards: number }>
  export default manifest
}
declare module 'virtual:deck-content' {
  import type { CompiledDeck } from './domain/content/card'
  import type { SourceSection } from './domain/content/deck-schema'
  export const decks: CompiledDeck[]
  export const sections: SourceSection[]
}
