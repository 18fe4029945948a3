// Messages of the interview feature, in both languages (English typed after French).
const fr = {
  title: 'Entretien',
}

const en: typeof fr = {
  title: 'Interview',
}

export default { fr, en }
