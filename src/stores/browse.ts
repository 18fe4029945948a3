// Browse: every card, narrowed through the indexes then searched and filtered in memory; one
// selection and the actions on it; and the learner's own decks and cards (edit, import, export).
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, toRaw } from 'vue'
import { applyBulkAction, loadBrowseRows, loadCardDetail, type BulkResult, type CardDetail } from '../db/browse-repository'
import { getDb, type DeckRow } from '../db/database'
import {
  cardCounts,
  createDeck,
  deckFronts,
  deckNotes,
  deckSize,
  deleteDeck,
  importCards,
  listAllDecks,
  loadEntry,
  renameDeck,
  saveEntry,
  saveEntryInNewDeck,
  setDeckHidden,
  type StoredEntry,
} from '../db/user-content-repository'
import {
  EMPTY_FILTER,
  filterItems,
  narrowingCovers,
  narrowingOf,
  sortItems,
  toBrowseItem,
  withSchedules,
  type BrowseFilter,
  type BrowseItem,
  type BrowseSort,
  type Narrowing,
} from '../domain/browse/browse-items'
import type { BulkAction } from '../domain/browse/bulk-actions'
import type { StudyLanguage } from '../domain/content/localized'
import { pickText } from '../domain/content/localized'
import { dayIndex, dayStartMs } from '../domain/time/study-day'
import { parseCardTable, type TableProblem } from '../domain/user-content/csv-table'
import { decodeUtf8, MAX_IMPORT_BYTES, type DecodeProblem } from '../domain/user-content/decode'
import { planImport, type ImportPlan } from '../domain/user-content/import-plan'
import { deckToTsv, exportFileName } from '../domain/user-content/tsv-export'
import { compileUserEntries, draftProblems, entryOf, newUserId, type CardDraft, type DraftProblem } from '../domain/user-content/user-entry'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export type ImportPreparation =
  | { ok: true; plan: ImportPlan; dataRows: number; header: string[] | null }
  | { ok: false; problem: DecodeProblem | TableProblem | { code: 'unreadable'; message: string } }

/** Where the editor saves a card: one of the learner's decks, or a new one created with the card. */
export type DeckTarget = { deckId: string } | { newDeckTitle: string }
export interface SavedDraft {
  problems: DraftProblem[]
  cardIds: string[]
  /** The deck the card is in (a new deck's id), or null when nothing was saved. */
  deckId: string | null
}

const randomId = (prefix: 'u' | 'deck') => newUserId(prefix, Math.random)

export const useBrowseStore = defineStore('browse', () => {
  const settingsStore = useSettingsStore()

  /** The filters on screen; deck, state and "due today" also narrow the database read. */
  const filter = reactive<BrowseFilter>({ ...EMPTY_FILTER })
  const sort = ref<BrowseSort>('order')
  /** Cards of the current narrowing, in the current sort. Plain objects: never deep-reactive. */
  const items = shallowRef<BrowseItem[]>([])
  const decks = shallowRef<DeckRow[]>([])
  const sizes = shallowRef<Map<string, number>>(new Map())
  const loading = ref(false)
  const loaded = ref(false)
  const selection = shallowRef<ReadonlySet<string>>(new Set())
  /** Today's study day, read at each load. */
  const day = ref({ today: 0, dayEndMs: 0 })
  /** Where the page was scrolled, so coming back from a card's detail keeps the place. */
  const listScrollTop = ref(0)
  /** The rows' measured heights (the virtual list's own cache, opaque here), kept for the same reason. */
  const listMeasurements = shallowRef<readonly unknown[]>([])
  let lang: StudyLanguage = 'fr'

  const deckOrder = computed(() => decks.value.map((d) => d.id))
  const userDecks = computed(() => decks.value.filter((d) => d.origin === 'user'))

  /** What the list shows: the loaded cards, filtered in memory (a few ms for 10,000). */
  const visible = computed(() => {
    const start = performance.now()
    // Plain copies: reading a reactive filter 10,000 times would track every read.
    const out = filterItems(items.value, { ...filter }, { ...day.value })
    performance.measure('browse-filter', { start, end: performance.now() })
    return out
  })

  function readDay() {
    const now = clock.now()
    const dayClock = { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() }
    const today = dayIndex(now, dayClock)
    day.value = { today, dayEndMs: dayStartMs(today + 1, dayClock) }
  }

  /** The decks; with `counts`, the cards in each too (a sweep of every schedule: the deck pages only). */
  async function loadDecks(counts = true) {
    const db = getDb()
    const [rows, sizesByDeck] = await Promise.all([listAllDecks(db), counts ? cardCounts(db) : sizes.value])
    decks.value = rows
    sizes.value = sizesByDeck
  }

  /** What the loaded cards answer: a narrower filter is then answered in memory, without a read. */
  let loadedNarrowing: Narrowing | null = null
  let loadedLang: StudyLanguage | null = null
  let generation = 0

  /** Reads the cards unless the loaded ones already cover the filter (or always, with `force`). */
  async function load(studyLang: StudyLanguage, force = false) {
    readDay()
    const narrowing = narrowingOf(filter, day.value)
    if (!force && loaded.value && loadedLang === studyLang && loadedNarrowing && narrowingCovers(loadedNarrowing, narrowing)) return
    const mine = ++generation
    loading.value = true
    const start = performance.now()
    try {
      if (decks.value.length === 0 || force) await loadDecks(false)
      const rows = await loadBrowseRows(getDb(), narrowing)
      const read = performance.now()
      performance.measure('browse-read', { start, end: read })
      // A later load (the filter changed meanwhile) wins.
      if (mine !== generation) return
      lang = studyLang
      items.value = sortItems(rows.map((r) => toBrowseItem(r.card, r.schedule, lang)), sort.value, deckOrder.value)
      performance.measure('browse-items', { start: read, end: performance.now() })
      const present = new Set(items.value.map((i) => i.cardId))
      selection.value = new Set([...selection.value].filter((id) => present.has(id)))
      loadedNarrowing = narrowing
      loadedLang = studyLang
      loaded.value = true
      performance.measure('browse-load', { start, end: performance.now() })
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function setSort(next: BrowseSort) {
    sort.value = next
    items.value = sortItems(items.value, next, deckOrder.value)
  }

  function clearFilters() {
    Object.assign(filter, EMPTY_FILTER)
  }

  function toggle(cardId: string) {
    const next = new Set(selection.value)
    if (next.has(cardId)) next.delete(cardId)
    else next.add(cardId)
    selection.value = next
  }

  function selectVisible(on: boolean) {
    selection.value = on ? new Set(visible.value.map((i) => i.cardId)) : new Set()
  }

  /** One action on the given cards (the selection by default): one transaction, then a fresh list. */
  async function apply(action: BulkAction, cardIds: readonly string[] = [...selection.value]): Promise<BulkResult> {
    readDay()
    await settingsStore.loadScheduler()
    const result = await applyBulkAction(getDb(), cardIds, action, {
      today: day.value.today,
      nowMs: clock.now(),
      forget: settingsStore.scheduler.forget,
    })
    if (action.kind === 'delete') selection.value = new Set()
    // Schedule-only actions update the list in place; move and delete read it again.
    if (action.kind === 'move' || action.kind === 'delete') {
      if (loaded.value) await load(lang, true)
    } else items.value = sortItems(withSchedules(items.value, result.schedules), sort.value, deckOrder.value)
    return result
  }

  async function detail(cardId: string): Promise<(CardDetail & { retrievability: number }) | null> {
    const [d] = await Promise.all([loadCardDetail(getDb(), cardId), settingsStore.loadScheduler()])
    if (!d) return null
    return { ...d, retrievability: settingsStore.scheduler.retrievability(d.schedule, d.card.id, clock.now()) }
  }

  // The learner's decks.
  async function addDeck(title: string): Promise<DeckRow> {
    const deck = await createDeck(getDb(), title, randomId('deck'))
    await loadDecks()
    return deck
  }
  async function rename(deckId: string, title: string) {
    await renameDeck(getDb(), deckId, title)
    await loadDecks()
  }
  async function setHidden(deckId: string, hidden: boolean) {
    await setDeckHidden(getDb(), deckId, hidden)
    await loadDecks()
  }
  const sizeOf = (deckId: string) => deckSize(getDb(), deckId)
  async function removeDeck(deckId: string) {
    const removed = await deleteDeck(getDb(), deckId)
    if (filter.deckId === deckId) filter.deckId = null
    await loadDecks()
    loaded.value = false
    return removed
  }

  // The learner's cards.
  const entry = (cardId: string): Promise<StoredEntry | null> => loadEntry(getDb(), cardId)

  /**
   * Checks and saves a draft, into one of the learner's decks or into a new deck created with it
   * (one transaction): problems to show, or the ids of the entry's cards and the deck they are in.
   */
  async function saveDraft(target: DeckTarget, draft: CardDraft, entryId?: string): Promise<SavedDraft> {
    const plain = structuredClone(toRaw(draft))
    const problems = draftProblems(plain)
    const newTitle = 'newDeckTitle' in target ? target.newDeckTitle.trim() : null
    if (newTitle === '') problems.unshift({ field: 'deck', code: 'empty' })
    if (problems.length > 0) return { problems, cardIds: [], deckId: null }
    const deckId = 'deckId' in target ? target.deckId : randomId('deck')
    const compiled = compileUserEntries(deckId, [entryOf(plain, entryId ?? randomId('u'))])
    if (!compiled.ok) return { problems: compiled.problems.map((p) => ({ field: 'front', code: 'schema', detail: `${p.field}: ${p.message}` })), cardIds: [], deckId: null }
    if (newTitle === null) await saveEntry(getDb(), deckId, compiled.cards, clock.now())
    else {
      await saveEntryInNewDeck(getDb(), { id: deckId, title: newTitle }, compiled.cards, clock.now())
      await loadDecks()
    }
    loaded.value = false
    return { problems: [], cardIds: compiled.cards.map((c) => c.id), deckId }
  }

  /** Reads and checks a file; nothing is written. A file over the limit is refused before it is read. */
  async function prepareImport(file: File, deckId: string, header: 'auto' | 'yes' | 'no'): Promise<ImportPreparation> {
    if (file.size > MAX_IMPORT_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: file.size, maxBytes: MAX_IMPORT_BYTES } }
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await file.arrayBuffer())
    } catch (e) {
      return { ok: false, problem: { code: 'unreadable', message: e instanceof Error ? e.message : String(e) } }
    }
    const decoded = decodeUtf8(bytes)
    if (!decoded.ok) return { ok: false, problem: decoded.problem }
    const parsed = parseCardTable(decoded.text, { header, fileName: file.name })
    if (!parsed.ok) return { ok: false, problem: parsed.problem }
    const plan = planImport(parsed.table, {
      deckId,
      existingFronts: await deckFronts(getDb(), deckId),
      newId: () => randomId('u'),
      source: file.name.slice(0, 120) || 'import',
    })
    return { ok: true, plan, dataRows: parsed.table.dataRows, header: parsed.table.header }
  }

  async function commitImport(deckId: string, plan: ImportPlan): Promise<number> {
    const added = await importCards(getDb(), deckId, plan.cards, clock.now())
    loaded.value = false
    await loadDecks()
    return added
  }

  async function exportDeck(deckId: string, studyLang: StudyLanguage): Promise<{ text: string; fileName: string } | null> {
    const out = await deckNotes(getDb(), deckId)
    if (!out) return null
    const title = pickText(out.deck.title, studyLang)
    return { text: deckToTsv(title, out.notes, studyLang), fileName: exportFileName(title) }
  }

  return {
    filter, sort, items, decks, sizes, loading, loaded, selection, day, listScrollTop, listMeasurements, deckOrder, userDecks, visible,
    load, loadDecks, setSort, clearFilters, toggle, selectVisible, apply, detail,
    addDeck, rename, setHidden, sizeOf, removeDeck, entry, saveDraft, prepareImport, commitImport, exportDeck,
  }
})
