// Home's route: what home shows is read, or known, before it is drawn, so that nothing on screen
// moves when a part of it arrives. On a first visit it is known from the build's manifest (the
// decks are written after that first screen); otherwise it is read from the database, and the lazy
// parts (the interview plan, the backup reminder) load first, and only when they have something to show.
import { loadMessages } from '../i18n'
import { useAppStore } from '../stores/app'
import { useOverviewStore } from '../stores/overview'

export const loadInterviewCard = () => import('../components/interview/InterviewHomeCard.vue')
export const loadBackupReminder = () => import('../components/data/DataReminder.vue')

async function loadInterviewPlan() {
  const [{ useInterviewStore }] = await Promise.all([import('../stores/interview'), loadInterviewCard(), loadMessages(['interview'])])
  await useInterviewStore().refreshPlan()
}

async function loadReminder() {
  const [{ useDataStore }] = await Promise.all([import('../stores/data'), loadBackupReminder(), loadMessages(['data'])])
  await useDataStore().loadReminder()
}

export async function prepareHome(): Promise<void> {
  const app = useAppStore()
  const overview = useOverviewStore()
  const { firstVisit } = await app.databaseOpened()
  if (firstVisit && !app.ready) {
    overview.showFirstVisit()
    return
  }
  await app.start()
  await overview.refresh()
  await Promise.all([overview.interviewDateSet ? loadInterviewPlan() : null, overview.reminderDue ? loadReminder() : null])
}
