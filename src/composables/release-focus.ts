// Before a grade changes the screen: the focused element (the answer, or the grade button pressed)
// is about to be removed. Removing a focused element makes Chromium recompute style at once, in the
// middle of Vue's update (1-4 ms of the key press's task at 4x CPU, traced); letting go of the
// focus first, while style is still clean, costs nothing. Called where a grade starts, for both
// study screens: the study keys (useStudyKeys) and the grade bar (ReviewStudyActions). The screens
// put the focus on the next card after its paint.
export function releaseFocus(): void {
  const focused = document.activeElement
  if (focused instanceof HTMLElement && focused !== document.body) focused.blur()
}
