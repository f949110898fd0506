/**
 * What the RabbitMQ source declares before it consumes, per `queue=` and `passive=`:
 * - by default the topic exchange (durable, as seed 002 deploys it; only checked with `passive=1`) and
 *   our own exclusive, auto-delete, server-named queue bound to it with the routing key;
 * - with `queue=NAME` that queue, declared durable with no arguments and bound as the seed's subscriber
 *   does; with `passive=1` as well, only checked: exchange and binding are someone else's business.
 * Each step that fails says which it was; a missing exchange or queue says so plainly.
 */
import type { Channel } from 'amqplib'
import type { AmqpSpec } from '../core/urls/amqp-url'
import { describeError } from './errors'

export interface Consumable {
  queue: string
  /**
   * Messages already in the queue when we came: a named queue keeps what was published while nobody
   * (or only we) read it, and a backlog delivered in one burst is no news of now: it would make a dead
   * publisher look alive and teach the detector a near-zero interval. Our own queue starts empty.
   */
  backlog: number
  /** Where the queue is bound, when we bound it or know it. */
  exchange: string | null
  routingKey: string | null
}

export async function declareTopology(channel: Channel, spec: AmqpSpec): Promise<Consumable> {
  const { exchange, routingKey, queue, passive } = spec
  if (queue !== null && passive) {
    const checked = await step(`checking queue "${queue}" (passive=1)`, () => channel.checkQueue(queue))
    return { queue, backlog: checked.messageCount, exchange: null, routingKey: null }
  }
  if (passive) {
    await step(`checking exchange "${exchange}" (passive=1)`, () => channel.checkExchange(exchange))
  } else {
    await step(`declaring topic exchange "${exchange}"`, () =>
      channel.assertExchange(exchange, 'topic', { durable: true }),
    )
  }
  const declared =
    queue !== null
      ? await step(`declaring queue "${queue}"`, () => channel.assertQueue(queue, { durable: true }))
      : await step('declaring our own queue', () =>
          channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false }),
        )
  await step(`binding queue "${declared.queue}" to "${exchange}" with "${routingKey}"`, () =>
    channel.bindQueue(declared.queue, exchange, routingKey),
  )
  return { queue: declared.queue, backlog: declared.messageCount, exchange, routingKey }
}

/** Names the step that failed; a 404 (no such exchange or queue) needs no more words than that. */
export async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const notFound = (error as { code?: unknown }).code === 404
    throw new Error(notFound ? `${what}: it does not exist` : `${what}: ${describeError(error)}`, {
      cause: error,
    })
  }
}
