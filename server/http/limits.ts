// What one request, one address, one space may use; each can be set by an environment variable.
import type { RateLimit } from './rate-limit'

export interface ServerLimits {
  /** A push's JSON body. */
  pushBytes: number
  snapshotBytes: number
  /** Changes and snapshot of one space together. */
  quotaBytes: number
  perAddress: RateLimit
  perSpace: RateLimit
  creationsPerAddress: RateLimit
}

const MB = 1024 * 1024

export const DEFAULT_LIMITS: ServerLimits = {
  pushBytes: 2 * MB,
  snapshotBytes: 32 * MB,
  quotaBytes: 64 * MB,
  perAddress: { limit: 600, windowMs: 60_000 },
  perSpace: { limit: 300, windowMs: 60_000 },
  creationsPerAddress: { limit: 20, windowMs: 3_600_000 },
}

export function limitsFromEnv(env: NodeJS.ProcessEnv): ServerLimits {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name])
    return Number.isFinite(value) && value > 0 ? value : fallback
  }
  return {
    pushBytes: number('SYNC_PUSH_BYTES', DEFAULT_LIMITS.pushBytes),
    snapshotBytes: number('SYNC_SNAPSHOT_BYTES', DEFAULT_LIMITS.snapshotBytes),
    quotaBytes: number('SYNC_QUOTA_BYTES', DEFAULT_LIMITS.quotaBytes),
    perAddress: { limit: number('SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS', DEFAULT_LIMITS.perAddress.limit), windowMs: 60_000 },
    perSpace: { limit: number('SYNC_REQUESTS_PER_MINUTE_PER_SPACE', DEFAULT_LIMITS.perSpace.limit), windowMs: 60_000 },
    creationsPerAddress: { limit: number('SYNC_SPACES_PER_HOUR_PER_ADDRESS', DEFAULT_LIMITS.creationsPerAddress.limit), windowMs: 3_600_000 },
  }
}
