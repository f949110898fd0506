#!/usr/bin/env node
// Draws the tray and app icons into resources/ as PNGs, with node:zlib and no other dependency.
// Shapes are signed-distance functions sampled 8×8 times per pixel, so edges are antialiased and the
// same drawing stays crisp at 16, 32 and 64 px. Run: node scripts/draw-icons.mjs (output is stable).
//
//   resources/tray/<state>[-hollow].png       16 px  (+ @2x.png, 32 px)   Windows, Linux
//   resources/tray/<state>[-hollow]-32.png    32 px  (+ @2x.png, 64 px)   Linux panels that want more
//   resources/tray/<state>[-hollow]Template.png  16 px black + alpha (+ @2x)  macOS menu bar
//   resources/icon.png                        512 px app icon
import { Buffer } from 'node:buffer'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { stdout } from 'node:process'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SAMPLES = 8

/** Fill and edge per state: the edge keeps the dot visible on light and dark panels alike. */
const STATES = {
  alive: { fill: [52, 199, 89], edge: [27, 122, 52] },
  stale: { fill: [255, 179, 0], edge: [168, 110, 0] },
  dead: { fill: [235, 64, 52], edge: [150, 30, 24] },
  unknown: { fill: [142, 142, 147], edge: [88, 88, 94] },
}

// Geometry in a unit square (0..1), centre 0.5. At 16 px: a disc 14 px across (its sides on pixel
// edges, so they stay sharp), a 1 px darker edge, a ring 2.5 px wide.
const RADIUS = 7 / 16
const EDGE = 1 / 16
const RING = 2.5 / 16

const circle = (r) => (x, y) => Math.hypot(x - 0.5, y - 0.5) - r
const ring = (r, width) => (x, y) => Math.abs(Math.hypot(x - 0.5, y - 0.5) - (r - width / 2)) - width / 2
const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y))
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y))
const union = (a, b) => (x, y) => Math.min(a(x, y), b(x, y))
const lowerHalf = (x, y) => 0.5 - y
const segment = (x1, y1, x2, y2, width) => (x, y) => {
  const dx = x2 - x1
  const dy = y2 - y1
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) - width / 2
}
const cross = (size, width) =>
  union(
    segment(0.5 - size, 0.5 - size, 0.5 + size, 0.5 + size, width),
    segment(0.5 - size, 0.5 + size, 0.5 + size, 0.5 - size, width),
  )

/** Layers, bottom first: [shape, [r, g, b], alpha 0..1]. */
function trayLayers(state, hollow) {
  const { fill, edge } = STATES[state]
  if (hollow)
    return [
      [ring(RADIUS, RING), edge, 1],
      [ring(RADIUS - EDGE * 0.6, RING - EDGE * 1.2), fill, 1],
    ]
  return [
    [circle(RADIUS), edge, 1],
    [circle(RADIUS - EDGE), fill, 1],
  ]
}

/**
 * macOS template images carry no colour, so each state has its own shape: alive a full disc, stale a
 * ring half full, dead a disc with a cross cut out, unknown a ring with a dot. Hollow ones (muted,
 * snoozed) are the same shape dimmed, the menu bar's idiom for "paused".
 */
function templateLayers(state, hollow) {
  const black = [0, 0, 0]
  const outline = ring(RADIUS, RING * 0.8)
  const shapes = {
    alive: circle(RADIUS),
    stale: union(outline, intersect(circle(RADIUS), lowerHalf)),
    dead: subtract(circle(RADIUS), cross(0.16, 0.11)),
    unknown: union(outline, circle(0.1)),
  }
  return [[shapes[state], black, hollow ? 0.45 : 1]]
}

/** The app icon: a dark rounded square, a green pulse ring, and a heartbeat trace across it. */
function appLayers() {
  const corner = 0.2
  const square = (x, y) => {
    const qx = Math.abs(x - 0.5) - (0.46 - corner)
    const qy = Math.abs(y - 0.5) - (0.46 - corner)
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - corner
  }
  const points = [
    [0.14, 0.53],
    [0.36, 0.53],
    [0.42, 0.42],
    [0.5, 0.7],
    [0.57, 0.27],
    [0.64, 0.53],
    [0.86, 0.53],
  ]
  let trace = segment(...points[0], ...points[1], 0.045)
  for (let index = 1; index < points.length - 1; index++)
    trace = union(trace, segment(...points[index], ...points[index + 1], 0.045))
  return [
    [square, [22, 27, 38], 1],
    [ring(0.34, 0.05), STATES.alive.fill, 1],
    [trace, [255, 255, 255], 1],
  ]
}

/** The share of a pixel inside a shape: sampled only near an edge, where it is neither 0 nor 1. */
function coverageOf(shape, px, py, size) {
  const centre = shape((px + 0.5) / size, (py + 0.5) / size) * size
  if (centre > 0.75) return 0
  if (centre < -0.75) return 1
  let inside = 0
  for (let sy = 0; sy < SAMPLES; sy++)
    for (let sx = 0; sx < SAMPLES; sx++)
      if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size) <= 0) inside++
  return inside / (SAMPLES * SAMPLES)
}

function render(size, layers) {
  const pixels = new Float64Array(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4
      for (const [shape, rgb, alpha] of layers) {
        const coverage = coverageOf(shape, px, py, size) * alpha
        if (coverage === 0) continue
        // "Over" compositing, straight (unpremultiplied) alpha as PNG stores it.
        const below = pixels[at + 3]
        const out = coverage + below * (1 - coverage)
        for (let c = 0; c < 3; c++)
          pixels[at + c] = (rgb[c] * coverage + pixels[at + c] * below * (1 - coverage)) / out
        pixels[at + 3] = out
      }
    }
  }
  const bytes = Buffer.alloc(size * (size * 4 + 1))
  for (let py = 0; py < size; py++) {
    bytes[py * (size * 4 + 1)] = 0 // filter: none
    for (let i = 0; i < size * 4; i++) {
      const value = pixels[py * size * 4 + i]
      bytes[py * (size * 4 + 1) + 1 + i] = Math.round(i % 4 === 3 ? value * 255 : value)
    }
  }
  return png(size, bytes)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let crc = 0xffffffff
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size, scanlines) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function write(path, buffer) {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, buffer)
}

const tray = join(ROOT, 'resources', 'tray')
let written = 0
for (const state of Object.keys(STATES)) {
  for (const hollow of [false, true]) {
    const name = hollow ? `${state}-hollow` : state
    const colour = trayLayers(state, hollow)
    const template = templateLayers(state, hollow)
    write(join(tray, `${name}.png`), render(16, colour))
    write(join(tray, `${name}@2x.png`), render(32, colour))
    write(join(tray, `${name}-32.png`), render(32, colour))
    write(join(tray, `${name}-32@2x.png`), render(64, colour))
    write(join(tray, `${name}Template.png`), render(16, template))
    write(join(tray, `${name}Template@2x.png`), render(32, template))
    written += 6
  }
}
write(join(ROOT, 'resources', 'icon.png'), render(512, appLayers()))
stdout.write(`draw-icons: wrote ${written + 1} PNGs under resources/\n`)
