/**
 * `redis+cluster://[user:pass@]h1:7000,h2:7001?pattern=…&interval=…` and `rediss+cluster://` with TLS:
 * pub/sub on a Redis or Valkey cluster (seed 001 runs on one). `redis+cluster+hash://…?key=workers&every=2s`
 * and `rediss+cluster+hash://`: seed 000's workers hash held in a cluster, read as `redis+hash://` reads
 * it (`key=` names the hash, so a TLS client key file is `tlskey=`). The comma-separated seed list is no
 * URL authority (`new URL` refuses it), so this parser reads the text itself, for both kinds.
 */
import { SEED001_PATTERNS } from './redis-pubsub-url'
import { hashConnectionUrl, hashKey, SEED000_POLL_DEFAULTS, TLS_KEY_PARAM } from './redis-hash-url'
import { parsePollTiming, POLLING_PARAMS } from './redis-registry-url'
import { optionalDuration, TLS_PARAMS, tlsSpec, type Parsed, type TlsSpec } from './url-parts'

export interface ClusterSeedNode {
  host: string
  port: number
}

/** Where and how to connect to a cluster, shared by both kinds. */
export interface RedisClusterConnection {
  displayUrl: string
  /** Where to start: ioredis discovers the rest of the cluster from any one of them. */
  seedNodes: ClusterSeedNode[]
  username: string | null
  password: string | null
  tls: TlsSpec | null
}

export interface RedisClusterPubSubSpec extends RedisClusterConnection {
  kind: 'redis-cluster-pubsub'
  patterns: string[]
  defaultIntervalMs: number | null
}

export interface RedisClusterHashSpec extends RedisClusterConnection {
  kind: 'redis-cluster-hash'
  /** The hash to read; seed 000's manager writes `workers`. */
  key: string
  pollEveryMs: number
  defaultIntervalMs: number
}

export type RedisClusterSpec = RedisClusterPubSubSpec | RedisClusterHashSpec

const CLUSTER_URL = /^(rediss?)\+cluster(\+hash)?:\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/i
const DEFAULT_PORT = 6379

export function isRedisClusterUrl(text: string): boolean {
  return /^rediss?\+cluster(\+hash)?:/i.test(text.trim())
}

/** For the SCHEMES table: a single-host cluster URL does parse as a URL; its text is read the same way. */
export function parseRedisClusterUrl(url: URL): Parsed<RedisClusterSpec> {
  return parseRedisClusterText(url.href)
}

export function parseRedisClusterText(text: string): Parsed<RedisClusterSpec> {
  const match = CLUSTER_URL.exec(text.trim())
  if (!match) return { ok: false, error: `not a redis+cluster:// URL: ${redactClusterText(text)}` }
  const [, baseScheme = 'redis', hash, authority = '', path = '', query = ''] = match
  const tlsScheme = baseScheme.toLowerCase() === 'rediss'
  const scheme = `${baseScheme.toLowerCase()}+cluster${hash ? '+hash' : ''}`
  const displayUrl = redactClusterText(text.trim())

  const at = authority.lastIndexOf('@')
  const credentials = parseCredentials(at < 0 ? '' : authority.slice(0, at))
  if (!credentials.ok) return credentials
  const seedNodes = parseSeedNodes(at < 0 ? authority : authority.slice(at + 1))
  if (!seedNodes.ok) return seedNodes

  // A cluster has database 0 only (SELECT is refused), so a path may name nothing else.
  if (!['', '/', '/0'].includes(path)) {
    return { ok: false, error: `a cluster has only database 0, got "${path.slice(1)}" in ${displayUrl}` }
  }

  // Only the query matters to the shared helpers; a placeholder host carries it.
  const queryUrl = new URL(`placeholder://cluster${query}`)
  const own = hash ? ['key', TLS_KEY_PARAM, ...POLLING_PARAMS] : ['pattern', 'interval']
  const allowed = new Set([...own, ...TLS_PARAMS])
  const unknown = [...queryUrl.searchParams.keys()].find((key) => !allowed.has(key))
  if (unknown) return { ok: false, error: `unknown parameter "${unknown}" in ${displayUrl}` }
  // A hash URL's `key=` is the hash; its TLS client key is `tlskey=`.
  const tlsUrl = hash ? hashConnectionUrl(queryUrl) : queryUrl
  if (!tlsScheme && TLS_PARAMS.some((name) => tlsUrl.searchParams.has(name))) {
    const tlsTwin = scheme.replace(/^redis\+/, 'rediss+')
    return { ok: false, error: `TLS parameters need a TLS scheme (${tlsTwin}://), in ${displayUrl}` }
  }
  const connection: RedisClusterConnection = {
    displayUrl,
    seedNodes: seedNodes.value,
    ...credentials.value,
    tls: tlsScheme ? tlsSpec(tlsUrl) : null,
  }
  return hash ? clusterHashSpec(connection, queryUrl) : clusterPubSubSpec(connection, queryUrl)
}

function clusterPubSubSpec(
  connection: RedisClusterConnection,
  queryUrl: URL,
): Parsed<RedisClusterPubSubSpec> {
  const interval = optionalDuration(queryUrl, 'interval')
  if (!interval.ok) return interval
  const patterns = queryUrl.searchParams.getAll('pattern').filter((pattern) => pattern !== '')
  return {
    ok: true,
    value: {
      kind: 'redis-cluster-pubsub',
      ...connection,
      patterns: patterns.length > 0 ? patterns : [...SEED001_PATTERNS],
      defaultIntervalMs: interval.value,
    },
  }
}

function clusterHashSpec(connection: RedisClusterConnection, queryUrl: URL): Parsed<RedisClusterHashSpec> {
  const key = hashKey(queryUrl, connection.displayUrl)
  if (!key.ok) return key
  const timing = parsePollTiming(queryUrl, SEED000_POLL_DEFAULTS)
  if (!timing.ok) return timing
  return { ok: true, value: { kind: 'redis-cluster-hash', ...connection, key: key.value, ...timing.value } }
}

function parseCredentials(userinfo: string): Parsed<{ username: string | null; password: string | null }> {
  if (userinfo === '') return { ok: true, value: { username: null, password: null } }
  const colon = userinfo.indexOf(':')
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon)
  const password = colon < 0 ? '' : userinfo.slice(colon + 1)
  try {
    return {
      ok: true,
      value: {
        username: user === '' ? null : decodeURIComponent(user),
        password: password === '' ? null : decodeURIComponent(password),
      },
    }
  } catch {
    return { ok: false, error: 'the user name or password has a bad %-escape' }
  }
}

function parseSeedNodes(hostList: string): Parsed<ClusterSeedNode[]> {
  const nodes: ClusterSeedNode[] = []
  for (const entry of hostList.split(',')) {
    const node = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d*))?$/i.exec(entry.trim())
    if (!node) return { ok: false, error: `bad cluster node "${entry}" (want host:port)` }
    const [, ipv6, name, portText] = node
    const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText)
    if (port < 1 || port > 65_535) return { ok: false, error: `bad cluster node "${entry}" (bad port)` }
    nodes.push({ host: (ipv6 ?? name ?? '').toLowerCase(), port })
  }
  return { ok: true, value: nodes }
}

/** The URL text with its password replaced by ***; nothing else rewritten. */
export function redactClusterText(text: string): string {
  return text.replace(/^([a-z+]+:\/\/[^:/@?#]*):[^/?#]*@/i, '$1:***@')
}
