export declare const DEBIAN_CHROMIUM: string
export declare const COMMANDS: string[]
export declare const USUAL_PLACES: Record<string, string[]>
export declare const APT_PACKAGES: string[]
export type BrowserLookup = { path: string } | { install: string[] } | { error: string }
export declare function findBrowser(m: { env: Record<string, string | undefined>; platform: string; executable: (path: string) => boolean; canInstall: boolean }): BrowserLookup
export declare function canInstallWithApt(m: { platform: string; uid: number | undefined; executable: (path: string) => boolean; osRelease: string }): boolean
export declare function browserHere(): BrowserLookup
export declare function ensureBrowser(log?: (line: string) => void): string
