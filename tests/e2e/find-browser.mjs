// Finds the Chromium (or Chrome) the end-to-end tests drive, before any of them starts: CHROME_PATH
// when set; else Debian's /usr/bin/chromium; else chromium or Chrome on the PATH; else their usual
// places on Linux and macOS. When none is found and this machine can install one without asking
// (Debian or Ubuntu, as root, with apt-get), it installs Debian's chromium, saying so in one line.
// Otherwise it stops with what is missing and the one command that provides it. It never downloads
// a browser from anywhere else. Plain JavaScript, no dependency: `npm test` and .ci/run run it
// before `npm ci` has anything installed (`node tests/e2e/find-browser.mjs`), and the tests import it.
import { execFileSync } from 'node:child_process'
import { accessSync, constants, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DEBIAN_CHROMIUM = '/usr/bin/chromium'
/** Names of the browser's command on a PATH. */
export const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
/** Usual places outside the PATH. */
export const USUAL_PLACES = {
  linux: ['/snap/bin/chromium', '/opt/google/chrome/chrome', '/opt/chromium/chrome'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
}
export const APT_PACKAGES = ['chromium', 'fonts-dejavu-core']

/**
 * What to do, from what this machine has (every fact passed in, so it is tested on a fake one).
 * @param {{ env: Record<string, string | undefined>, platform: string, executable: (path: string) => boolean, canInstall: boolean }} m
 * @returns {{ path: string } | { install: string[] } | { error: string }}
 */
export function findBrowser({ env, platform, executable, canInstall }) {
  if (env.CHROME_PATH) {
    return executable(env.CHROME_PATH)
      ? { path: env.CHROME_PATH }
      : { error: `CHROME_PATH is set to ${env.CHROME_PATH}, but no browser can be run there. Point it at Chromium or Chrome, or unset it.` }
  }
  if (platform === 'linux' && executable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of COMMANDS) if (executable(join(dir, name))) return { path: join(dir, name) }
  }
  for (const place of USUAL_PLACES[platform] ?? []) if (executable(place)) return { path: place }
  if (canInstall) return { install: APT_PACKAGES }
  const how =
    platform === 'darwin'
      ? 'brew install --cask chromium'
      : platform === 'linux'
        ? 'sudo apt-get install chromium'
        : 'install Chromium, then set CHROME_PATH to it'
  return { error: `No Chromium or Chrome found for the end-to-end tests (looked at CHROME_PATH, ${DEBIAN_CHROMIUM}, the PATH and the usual places). Run: ${how} (or set CHROME_PATH to a Chromium or Chrome).` }
}

/**
 * Debian or Ubuntu, as root, with apt-get: Debian's chromium can be installed without a question.
 * @param {{ platform: string, uid: number | undefined, executable: (path: string) => boolean, osRelease: string }} m
 */
export function canInstallWithApt({ platform, uid, executable, osRelease }) {
  return platform === 'linux' && uid === 0 && executable('/usr/bin/apt-get') && /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(osRelease)
}

function executableHere(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8')
  } catch {
    return ''
  }
}

/** This machine's answer, without installing anything. */
export function browserHere() {
  return findBrowser({
    env: process.env,
    platform: process.platform,
    executable: executableHere,
    canInstall: canInstallWithApt({ platform: process.platform, uid: process.getuid?.(), executable: executableHere, osRelease: readOsRelease() }),
  })
}

/** Finds the browser, installing Debian's chromium where that needs no question; throws otherwise. */
export function ensureBrowser(log = console.log) {
  let found = browserHere()
  if ('install' in found) {
    log(`No Chromium found: installing Debian's ${found.install.join(' ')} with apt-get (as root) for the end-to-end tests.`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env })
    execFileSync('apt-get', ['install', '-y', '-qq', ...found.install], { stdio: ['ignore', 'ignore', 'inherit'], env })
    found = browserHere()
    if ('install' in found) found = { error: `apt-get installed ${APT_PACKAGES.join(' ')}, but no Chromium is at ${DEBIAN_CHROMIUM}.` }
  }
  if ('error' in found) throw new Error(found.error)
  return found.path
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const path = ensureBrowser()
    let version = ''
    try {
      version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
    } catch {
      version = 'version unknown'
    }
    console.log(`End-to-end tests will use ${path} (${version}).`)
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(1)
  }
}
