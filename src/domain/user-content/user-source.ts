// The source of a card the learner wrote without naming one: the review screen shows no source.
// Its own tiny module, so the first screen can read it without the import and editor code.
export const USER_SOURCE = 'user'
