// Messages of the browse feature, in both languages (English typed after French).
const fr = {
  title: 'Parcourir',
}

const en: typeof fr = {
  title: 'Browse',
}

export default { fr, en }
