// Messages of the stats feature, in both languages (English typed after French).
const fr = {
  title: 'Statistiques',
}

const en: typeof fr = {
  title: 'Statistics',
}

export default { fr, en }
