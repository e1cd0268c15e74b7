/**
 * Synthetic Vietnamese passages for the scale runs, built from the ALQAC 2024
 * law text and varied so the postings look like a real library's: windows at
 * random offsets, sentences mixed across articles, two laws spliced, numbers,
 * dates and document codes changed. Passage i is a pure function of i, so any
 * process can regenerate any range. Vectors are seeded random unit vectors of
 * the real model's size (384), clustered so an ANN index has structure.
 */
import path from 'node:path';
import { ALQAC, loadJson, mulberry32 } from './util.mjs';

export const DIMS = 384;
const SEED = 0x6b686f;
const CODES = ['NĐ-CP', 'QĐ-TTg', 'TT-BTC', 'QĐ-UBND', 'NQ-HĐND', 'KH-UBND', 'TT-BTP', 'CV-SKHCN'];
const PLACES = ['Thanh Hóa', 'Nghệ An', 'Đà Nẵng', 'Hà Tĩnh', 'Quảng Nam', 'Cần Thơ', 'Lào Cai', 'Bình Định'];

const rngFor = (i, salt = 0) => mulberry32((Math.imul(i + 1, 2654435761) ^ SEED ^ Math.imul(salt + 1, 40503)) >>> 0);
const pick = (rng, a) => a[Math.floor(rng() * a.length)];

let cached = null;
export function lawCorpus() {
  if (cached) return cached;
  const laws = loadJson(path.join(ALQAC, 'law.json')).map((law) => {
    const texts = law.articles.map((a) => a.text.replace(/\r/g, '').trim()).filter(Boolean);
    const words = texts.join(' ').split(/\s+/).filter(Boolean);
    const sentences = texts.flatMap((t) => t.split(/\n+|(?<=[.;:])\s+/)).map((s) => s.trim()).filter((s) => s.split(' ').length >= 5);
    return { id: law.id, words, sentences };
  });
  cached = { laws, total: laws.reduce((n, l) => n + l.words.length, 0) };
  return cached;
}

function lawBySize(rng, c) {
  let r = rng() * c.total;
  for (const law of c.laws) if ((r -= law.words.length) < 0) return law;
  return c.laws[c.laws.length - 1];
}

const windowOf = (rng, law, n) => {
  const at = Math.floor(rng() * Math.max(1, law.words.length - n));
  return law.words.slice(at, at + n);
};

function vary(rng, text) {
  return text.replace(/\d+/g, (d) => {
    const v = Number(d);
    if (d.length === 4 && v >= 1945 && v <= 2099) return String(1990 + Math.floor(rng() * 36));
    if (v <= 31) return String(1 + Math.floor(rng() * 31));
    const lo = 10 ** (d.length - 1);
    return String(lo + Math.floor(rng() * 9 * lo));
  });
}

/** Passage i: 120–260 words. */
export function passage(i) {
  const c = lawCorpus();
  const rng = rngFor(i);
  const target = 120 + Math.floor(rng() * 141);
  const kind = rng();
  let words;
  if (kind < 0.45) words = windowOf(rng, lawBySize(rng, c), target);
  else if (kind < 0.85) {
    const home = lawBySize(rng, c);
    words = [];
    while (words.length < target) {
      const law = rng() < 0.7 ? home : pick(rng, c.laws);
      if (law.sentences.length) words.push(...pick(rng, law.sentences).split(' '));
      else words.push(...windowOf(rng, law, 20));
    }
    words = words.slice(0, 260);
  } else {
    const half = Math.floor(target / 2);
    words = [...windowOf(rng, lawBySize(rng, c), half), ...windowOf(rng, lawBySize(rng, c), target - half)];
  }
  let text = words.join(' ');
  if (rng() < 0.6) text = vary(rng, text);
  if (rng() < 0.3) {
    const y = 1995 + Math.floor(rng() * 31);
    text = `Căn cứ văn bản số ${1 + Math.floor(rng() * 900)}/${y}/${pick(rng, CODES)} ngày ${1 + Math.floor(rng() * 28)} tháng ${1 + Math.floor(rng() * 12)} năm ${y} của UBND tỉnh ${pick(rng, PLACES)}; ${text}`;
  }
  return text;
}

/** A document title for passage i (20 passages per document). */
export function titleOf(i) {
  const d = Math.floor(i / 20);
  const rng = rngFor(d, 9);
  return `Quyết định số ${1 + (d % 4000)}/${2000 + (d % 25)}/${pick(rng, CODES)} của UBND tỉnh ${pick(rng, PLACES)}`;
}

const CLUSTERS = 256;
let centres = null;
function centre(k) {
  if (!centres) {
    centres = [];
    for (let j = 0; j < CLUSTERS; j++) centres.push(gaussianVector(rngFor(j, 77), 1));
  }
  return centres[k];
}

function gaussianVector(rng, scale, base = null) {
  const v = new Float32Array(DIMS);
  let norm = 0;
  for (let d = 0; d < DIMS; d++) {
    const g = Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng());
    v[d] = (base ? base[d] : 0) + scale * g;
    norm += v[d] * v[d];
  }
  norm = Math.sqrt(norm);
  for (let d = 0; d < DIMS; d++) v[d] /= norm;
  return v;
}

/** The vector of passage i: its cluster's centre plus noise, unit length. */
export function vectorOf(i) {
  const rng = rngFor(i, 3);
  return gaussianVector(rng, 0.9, centre(Math.floor(rng() * CLUSTERS)));
}

/** Query vector q: a stored passage's vector moved by noise of about a third of its length. */
export function queryVector(q, n) {
  const rng = rngFor(q, 5);
  return gaussianVector(rng, 0.3 / Math.sqrt(DIMS), vectorOf(Math.floor(rng() * n)));
}

/** The 530 ALQAC questions (long queries) and 2–4 word phrases cut from them (short queries). */
export function queries(shortCount = 300) {
  const questions = loadJson(path.join(ALQAC, 'train.json')).map((q) => q.text);
  const rng = rngFor(0, 11);
  const short = [];
  while (short.length < shortCount) {
    const words = pick(rng, questions).split(/\s+/);
    const k = 2 + Math.floor(rng() * 3);
    if (words.length < k) continue;
    const at = Math.floor(rng() * (words.length - k + 1));
    const phrase = words.slice(at, at + k);
    if (phrase.slice(0, -1).some((w) => /[.,;:!?()"“”]$/.test(w))) continue;
    const q = phrase.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (q.split(' ').length === k) short.push(q);
  }
  return { long: questions, short };
}
