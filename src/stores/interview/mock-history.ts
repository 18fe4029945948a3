// Past mock interviews: the finished ones, the one left midway, their questions and topics, what to study after one.
import { shallowRef } from 'vue'
import { getDb, type CardRow, type MockInterviewRow } from '../../db/database'
import { listMockInterviews } from '../../db/interview-repository'
import type { InterviewEntry } from '../../domain/content/deck-schema'
import type { LocalizedText } from '../../domain/content/localized'
import { cardsRelatedToMock } from '../../domain/interview/mock-pool'
import type { StudyPool } from './study-pool'

/** A question of a mock interview: its card, narrowed to the interview kind. */
export interface MockQuestion {
  card: CardRow
  entry: InterviewEntry
}

function asQuestion(card: CardRow | undefined): MockQuestion | null {
  return card && card.content.kind === 'interview' ? { card, entry: card.content } : null
}

export function createMockHistory(studyPool: StudyPool) {
  const db = () => getDb()

  /** Finished mock interviews, newest first. */
  const history = shallowRef<MockInterviewRow[]>([])
  /** A mock interview left midway, which can be resumed. */
  const unfinished = shallowRef<MockInterviewRow | null>(null)
  /** The questions of every mock shown (history and the one under way), by card id. */
  const questions = shallowRef<Map<string, MockQuestion>>(new Map())
  /** Titles of the material's sections: the topics. */
  const topicTitles = shallowRef<Map<string, LocalizedText>>(new Map())

  async function loadTopicTitles() {
    if (topicTitles.value.size > 0) return
    const { sections } = await import('virtual:deck-content')
    topicTitles.value = new Map(sections.map((s) => [s.id, s.title]))
  }

  async function loadQuestions(ids: Iterable<string>) {
    const missing = [...new Set(ids)].filter((id) => !questions.value.has(id))
    if (missing.length === 0) return
    const cards = await db().cards.bulkGet(missing)
    const next = new Map(questions.value)
    for (const c of cards) {
      const q = asQuestion(c)
      if (q) next.set(q.card.id, q)
    }
    questions.value = next
  }

  async function loadHistory() {
    const rows = await listMockInterviews(db())
    history.value = rows.filter((m) => m.finishedAt !== null)
    unfinished.value = rows.find((m) => m.finishedAt === null) ?? null
    await Promise.all([loadTopicTitles(), loadQuestions(rows.flatMap((m) => m.answers.map((a) => a.cardId)))])
  }

  /** The cards to study after a mock interview (see cardsRelatedToMock). */
  async function relatedTo(mockId: string): Promise<string[]> {
    const row = await db().mockInterviews.get(mockId)
    if (!row) return []
    return cardsRelatedToMock(row.answers, await studyPool.load())
  }

  return { history, unfinished, questions, topicTitles, loadTopicTitles, loadQuestions, loadHistory, relatedTo }
}

export type MockHistory = ReturnType<typeof createMockHistory>
