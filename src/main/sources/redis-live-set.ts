/**
 * A job queue's live set and the hash each member keeps (RQ: `rq:workers` → `rq:worker:<name>`;
 * Sidekiq: `processes` → `<identity>`), polled by the shared registry poll loop. Every read pages the
 * set with SSCAN and fetches every member's hash in pipelines; a member whose hash has expired is not
 * live (the poll loop reports it `gone`).
 *
 * Removals are the one thing the poll loop cannot judge: a member that left the set left by its
 * system's clean stop or not, which only its hash tells (RQ writes `death`, Sidekiq leaves the hash to
 * expire). The layout says; such removals reach the engine as `stopped`, every other one as `gone`.
 */
import type { Redis } from 'ioredis'
import { liveSetRecordText } from '../core/decode/live-set-record'
import type { RedisConnectionSpec } from '../core/source-url'
import {
  RedisRegistryPoller,
  SCAN_COUNT,
  type RegistryReader,
  type RegistrySnapshot,
} from './redis-registry-poller'
import type { Source, SourceListener } from './source'

export interface LiveSetLayout {
  /** The set of live members: `rq:workers`, `processes`. */
  setKey: string
  /** The key of a member's hash. */
  hashKeyOf(member: string): string
  /** Read the hash's PTTL, and the server's TIME, with it (RQ's beat interval comes from its TTL). */
  readTtl: boolean
  /** A member left the set: did its own clean stop remove it? Judged from its hash (null: expired). */
  leftCleanly(hash: Record<string, string> | null): boolean
}

export interface LiveSetOptions {
  connection: RedisConnectionSpec
  connectionName: string
  pollEveryMs: number
  layout: LiveSetLayout
}

export class RedisLiveSetSource implements Source {
  private readonly reader: LiveSetReader
  private readonly poller: RedisRegistryPoller

  constructor(options: LiveSetOptions) {
    this.reader = new LiveSetReader(options.layout)
    this.poller = new RedisRegistryPoller({
      connection: options.connection,
      connectionName: options.connectionName,
      pollEveryMs: options.pollEveryMs,
      reader: this.reader,
    })
  }

  start(listener: SourceListener): void {
    this.poller.start({
      message: (raw, channel, origin) => listener.message(raw, channel, origin),
      // The poll loop says `gone` for every vanished record; the read just before it knows better.
      removed: (key, how) => listener.removed(key, this.reader.leftCleanly(key) ? 'stopped' : how),
      health: (state, error) => listener.health(state, error),
      details: (details) => listener.details(details),
    })
  }

  stop(): Promise<void> {
    return this.poller.stop()
  }
}

/** Hashes fetched per pipeline: a fleet of thousands does not become one giant reply. */
const PIPELINE_KEYS = 500

interface HashReply {
  hash: Record<string, string> | null
  ttlMs: number | null
  /** A reply error for this key alone (WRONGTYPE: not a hash). */
  error: string | null
}

class LiveSetReader implements RegistryReader {
  readonly what: string
  readonly channel: string
  /** Each member handed over by the last read: its hash as text, and the raw message made of it. */
  private last = new Map<string, { hashText: string; raw: string }>()
  private cleanlyLeft = new Set<string>()

  constructor(private readonly layout: LiveSetLayout) {
    this.what = `set "${layout.setKey}"`
    this.channel = layout.setKey
  }

  leftCleanly(member: string): boolean {
    return this.cleanlyLeft.has(member)
  }

  async read(client: Redis): Promise<RegistrySnapshot> {
    const members = await scanSet(client, this.layout.setKey)
    const leavers = [...this.last.keys()].filter((member) => !members.has(member))
    const { replies, serverTimeMs } = await this.readHashes(client, [...members, ...leavers])

    const records = new Map<string, string>()
    const next = new Map<string, { hashText: string; raw: string }>()
    for (const member of members) {
      const reply = replies.get(member)
      if (!reply) continue
      if (reply.error !== null) {
        const raw = liveSetRecordText({ key: member, error: reply.error })
        records.set(member, raw)
        next.set(member, { hashText: raw, raw })
        continue
      }
      if (reply.hash === null) continue
      const hashText = JSON.stringify(reply.hash)
      const previous = this.last.get(member)
      // Unchanged hash, unchanged message: a TTL that merely ran down is no news.
      const raw =
        previous?.hashText === hashText
          ? previous.raw
          : liveSetRecordText({ key: member, hash: reply.hash, ttlMs: reply.ttlMs, readAtMs: serverTimeMs })
      records.set(member, raw)
      next.set(member, { hashText, raw })
    }
    this.cleanlyLeft = new Set(
      leavers.filter((member) => this.layout.leftCleanly(replies.get(member)?.hash ?? null)),
    )
    this.last = next
    return { records, details: { members: members.size, live: records.size } }
  }

  private async readHashes(
    client: Redis,
    members: string[],
  ): Promise<{ replies: Map<string, HashReply>; serverTimeMs: number | null }> {
    const replies = new Map<string, HashReply>()
    let serverTimeMs: number | null = null
    const perKey = this.layout.readTtl ? 2 : 1
    for (let start = 0; start < members.length; start += PIPELINE_KEYS) {
      const chunk = members.slice(start, start + PIPELINE_KEYS)
      const pipeline = client.pipeline()
      if (this.layout.readTtl) pipeline.time()
      for (const member of chunk) {
        const key = this.layout.hashKeyOf(member)
        pipeline.hgetall(key)
        if (this.layout.readTtl) pipeline.pttl(key)
      }
      const results = (await pipeline.exec()) ?? []
      let offset = 0
      if (this.layout.readTtl) {
        serverTimeMs = serverTime(commandResult(results[0])) ?? serverTimeMs
        offset = 1
      }
      chunk.forEach((member, index) => {
        const at = offset + index * perKey
        replies.set(member, hashReply(results[at], this.layout.readTtl ? results[at + 1] : undefined))
      })
    }
    return { replies, serverTimeMs }
  }
}

type PipelineResult = [error: Error | null, result: unknown] | undefined

/** A reply error concerns one key; anything else (the connection) fails the whole read. */
function commandResult(result: PipelineResult): unknown {
  if (!result) throw new Error('missing pipeline reply')
  const [error, value] = result
  if (error && error.name !== 'ReplyError') throw error
  return error ? error : value
}

function hashReply(hashResult: PipelineResult, ttlResult: PipelineResult): HashReply {
  const hash = commandResult(hashResult)
  if (hash instanceof Error) return { hash: null, ttlMs: null, error: hash.message }
  const fields = typeof hash === 'object' && hash !== null ? (hash as Record<string, string>) : {}
  const keys = Object.keys(fields)
  if (keys.length === 0) return { hash: null, ttlMs: null, error: null }
  // Sorted: Redis may return a rewritten hash's fields in another order, which is no change.
  const sorted: Record<string, string> = {}
  for (const key of keys.sort()) sorted[key] = fields[key] as string
  const ttl = ttlResult === undefined ? null : commandResult(ttlResult)
  return { hash: sorted, ttlMs: typeof ttl === 'number' && ttl > 0 ? ttl : null, error: null }
}

/** TIME's [seconds, microseconds], as text, to epoch ms. */
function serverTime(value: unknown): number | null {
  if (!Array.isArray(value) || value.length < 2) return null
  const ms = Number(value[0]) * 1000 + Math.floor(Number(value[1]) / 1000)
  return Number.isFinite(ms) ? ms : null
}

/** Every member of the set; SSCAN may return one twice, the set keeps it once. */
async function scanSet(client: Redis, key: string): Promise<Set<string>> {
  const members = new Set<string>()
  let cursor = '0'
  do {
    const [next, page] = await client.sscan(key, cursor, 'COUNT', SCAN_COUNT)
    for (const member of page) members.add(member)
    cursor = next
  } while (cursor !== '0')
  return members
}
