// The end-to-end tests' browser lookup, on fake machines: each case picks what it should, or says
// what is missing and the one command that provides it.
import { describe, expect, it } from 'vitest'
import { canInstallWithApt, findBrowser } from '../e2e/find-browser.mjs'

const on = (...paths: string[]) => (p: string) => paths.includes(p)
const linux = { platform: 'linux', canInstall: false }

describe('finding a browser for the end-to-end tests', () => {
  it('takes CHROME_PATH first, and says so when nothing runs there', () => {
    expect(findBrowser({ ...linux, env: { CHROME_PATH: '/x/chrome' }, executable: on('/x/chrome', '/usr/bin/chromium') })).toEqual({ path: '/x/chrome' })
    const wrong = findBrowser({ ...linux, env: { CHROME_PATH: '/nope' }, executable: on('/usr/bin/chromium') })
    expect(wrong).toEqual({ error: expect.stringContaining('CHROME_PATH is set to /nope') })
  })

  it("then Debian's /usr/bin/chromium, then the PATH, then the usual places", () => {
    const all = on('/usr/bin/chromium', '/home/me/bin/google-chrome', '/opt/google/chrome/chrome')
    expect(findBrowser({ ...linux, env: { PATH: '/home/me/bin:/usr/bin' }, executable: all })).toEqual({ path: '/usr/bin/chromium' })
    expect(findBrowser({ ...linux, env: { PATH: '/usr/local/bin:/home/me/bin' }, executable: on('/home/me/bin/google-chrome', '/opt/google/chrome/chrome') })).toEqual({
      path: '/home/me/bin/google-chrome',
    })
    expect(findBrowser({ ...linux, env: { PATH: '/usr/local/bin' }, executable: on('/opt/google/chrome/chrome') })).toEqual({ path: '/opt/google/chrome/chrome' })
    expect(findBrowser({ platform: 'darwin', canInstall: false, env: { PATH: '/usr/bin' }, executable: on('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome') })).toEqual({
      path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    })
  })

  it("installs Debian's chromium where it can without asking, and otherwise names the command", () => {
    expect(findBrowser({ platform: 'linux', canInstall: true, env: { PATH: '/usr/bin' }, executable: on() })).toEqual({ install: ['chromium', 'fonts-dejavu-core'] })
    expect(findBrowser({ ...linux, env: { PATH: '/usr/bin' }, executable: on() })).toEqual({ error: expect.stringContaining('Run: sudo apt-get install chromium') })
    expect(findBrowser({ platform: 'darwin', canInstall: false, env: {}, executable: on() })).toEqual({ error: expect.stringContaining('Run: brew install --cask chromium') })
    expect(findBrowser({ platform: 'win32', canInstall: false, env: {}, executable: on() })).toEqual({ error: expect.stringContaining('set CHROME_PATH') })
  })

  it('installs only on Debian or Ubuntu, as root, with apt-get', () => {
    const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
    const mint = 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'
    const fedora = 'ID=fedora\n'
    const apt = on('/usr/bin/apt-get')
    expect(canInstallWithApt({ platform: 'linux', uid: 0, executable: apt, osRelease: debian })).toBe(true)
    expect(canInstallWithApt({ platform: 'linux', uid: 0, executable: apt, osRelease: mint })).toBe(true)
    expect(canInstallWithApt({ platform: 'linux', uid: 1000, executable: apt, osRelease: debian })).toBe(false)
    expect(canInstallWithApt({ platform: 'linux', uid: 0, executable: on(), osRelease: debian })).toBe(false)
    expect(canInstallWithApt({ platform: 'linux', uid: 0, executable: apt, osRelease: fedora })).toBe(false)
    expect(canInstallWithApt({ platform: 'darwin', uid: 0, executable: apt, osRelease: debian })).toBe(false)
  })
})
