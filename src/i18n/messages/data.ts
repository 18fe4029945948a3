// Messages of the data feature, in both languages (English typed after French).
const fr = {
  title: 'Mes données',
}

const en: typeof fr = {
  title: 'My data',
}

export default { fr, en }
