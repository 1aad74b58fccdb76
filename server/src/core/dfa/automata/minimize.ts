import type { Dfa } from './automaton';
import { trimUnreachable } from './operations';

/**
 * Renumbers the reachable states in BFS order from the start, trying symbols
 * in alphabet order. Two minimal DFAs of the same language (over the same
 * alphabet order) become identical after this, so tests can compare tables.
 */
export function canonicalize(dfa: Dfa): Dfa {
  const k = dfa.alphabet.length;
  const map = canonicalOrder(dfa);
  const order: number[] = [];
  for (let s = 0; s < dfa.stateCount; s++) if (map[s]! >= 0) order[map[s]!] = s;
  const n = order.length;
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = order[i]!;
    accepting[i] = dfa.accepting[s]!;
    for (let a = 0; a < k; a++) delta[i * k + a] = map[dfa.delta[s * k + a]!]!;
  }
  const base = { alphabet: dfa.alphabet, stateCount: n, start: 0, accepting, delta };
  return dfa.stateNames ? { ...base, stateNames: order.map((s) => dfa.stateNames![s]!) } : base;
}

/**
 * Hopcroft's partition refinement on the reachable part, returning the
 * canonical (BFS-numbered) minimal DFA. When the input has state names, each
 * merged state keeps the name of its lowest-numbered member, so a minimised
 * user machine stays recognisable.
 */
export function minimize(input: Dfa): Dfa {
  const { dfa } = trimUnreachable(input);
  const n = dfa.stateCount;
  const k = dfa.alphabet.length;
  const block = refine(dfa);
  return canonicalize(quotient(dfa, block, n, k));
}

/**
 * The Myhill–Nerode class of every state of `dfa`: states with the same
 * number accept the same words from there on; `-1` marks unreachable states.
 * Numbers are the state indices of `minimize(dfa)`.
 */
export function stateClasses(dfa: Dfa): Int32Array {
  const { dfa: reachable, map } = trimUnreachable(dfa);
  const block = refine(reachable);
  const merged = quotient(reachable, block, reachable.stateCount, dfa.alphabet.length);
  // Canonical numbering of the quotient, as minimize() produces it.
  const order = canonicalOrder(merged);
  const out = new Int32Array(dfa.stateCount).fill(-1);
  for (let s = 0; s < dfa.stateCount; s++) if (map[s]! >= 0) out[s] = order[block[map[s]!]!]!;
  return out;
}

function canonicalOrder(dfa: Dfa): Int32Array {
  const k = dfa.alphabet.length;
  const map = new Int32Array(dfa.stateCount).fill(-1);
  const queue = [dfa.start];
  map[dfa.start] = 0;
  for (let h = 0; h < queue.length; h++) {
    for (let a = 0; a < k; a++) {
      const t = dfa.delta[queue[h]! * k + a]!;
      if (map[t]! < 0) {
        map[t] = queue.length;
        queue.push(t);
      }
    }
  }
  return map;
}

/** The DFA whose states are the blocks of a partition (names: lowest-numbered member). */
function quotient(dfa: Dfa, block: Int32Array, n: number, k: number): Dfa {
  let blocks = 0;
  for (let s = 0; s < n; s++) blocks = Math.max(blocks, block[s]! + 1);
  const rep = new Int32Array(blocks).fill(-1);
  for (let s = 0; s < n; s++) if (rep[block[s]!]! < 0) rep[block[s]!] = s;
  const delta = new Int32Array(blocks * k);
  const accepting = new Uint8Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const s = rep[b]!;
    accepting[b] = dfa.accepting[s]!;
    for (let a = 0; a < k; a++) delta[b * k + a] = block[dfa.delta[s * k + a]!]!;
  }
  const merged: Dfa = { alphabet: dfa.alphabet, stateCount: blocks, start: block[dfa.start]!, accepting, delta };
  return dfa.stateNames ? { ...merged, stateNames: Array.from(rep, (s) => dfa.stateNames![s]!) } : merged;
}

/** Returns the block (Myhill–Nerode class) of every state of a reachable DFA. */
function refine(dfa: Dfa): Int32Array {
  const n = dfa.stateCount;
  const k = dfa.alphabet.length;
  // Inverse transitions in CSR form: predecessors of t on a are inv[invStart[a*(n+1)+t] ..).
  const invStart = new Int32Array(k * (n + 1) + 1);
  for (let s = 0; s < n; s++) for (let a = 0; a < k; a++) invStart[a * (n + 1) + dfa.delta[s * k + a]! + 1]!++;
  for (let i = 1; i < invStart.length; i++) invStart[i]! += invStart[i - 1]!;
  const fill = invStart.slice();
  const inv = new Int32Array(n * k);
  for (let s = 0; s < n; s++) for (let a = 0; a < k; a++) inv[fill[a * (n + 1) + dfa.delta[s * k + a]!]!++] = s;

  // Blocks are contiguous ranges of `elems`; the marked part of a block sits at its front.
  const elems = new Int32Array(n);
  const pos = new Int32Array(n);
  const block = new Int32Array(n);
  const bStart: number[] = [];
  const bEnd: number[] = [];
  const marked: number[] = [];
  let cursor = 0;
  for (const want of [1, 0]) {
    const from = cursor;
    for (let s = 0; s < n; s++) if (dfa.accepting[s] === want) elems[cursor++] = s;
    if (cursor > from) {
      for (let i = from; i < cursor; i++) {
        pos[elems[i]!] = i;
        block[elems[i]!] = bStart.length;
      }
      bStart.push(from);
      bEnd.push(cursor);
      marked.push(0);
    }
  }
  const work: number[] = [];
  const inWork: number[] = [];
  const push = (b: number, a: number): void => {
    if (inWork[b * k + a]) return;
    inWork[b * k + a] = 1;
    work.push(b * k + a);
  };
  // One initial block per acceptance value; refining by the smaller one suffices.
  const smallest = bStart.length === 2 && bEnd[1]! - bStart[1]! < bEnd[0]! - bStart[0]! ? 1 : 0;
  for (let a = 0; a < k; a++) push(smallest, a);
  const touched: number[] = [];
  const splitter: number[] = [];
  while (work.length > 0) {
    const item = work.pop()!;
    inWork[item] = 0;
    const c = Math.floor(item / k);
    const a = item - c * k;
    splitter.length = 0;
    for (let i = bStart[c]!; i < bEnd[c]!; i++) splitter.push(elems[i]!);
    for (const t of splitter) {
      for (let i = invStart[a * (n + 1) + t]!; i < invStart[a * (n + 1) + t + 1]!; i++) {
        const s = inv[i]!;
        const b = block[s]!;
        const slot = bStart[b]! + marked[b]!;
        if (pos[s]! < slot) continue; // already marked
        if (marked[b] === 0) touched.push(b);
        const other = elems[slot]!;
        elems[slot] = s;
        elems[pos[s]!] = other;
        pos[other] = pos[s]!;
        pos[s] = slot;
        marked[b]!++;
      }
    }
    for (const b of touched) {
      const m = marked[b]!;
      marked[b] = 0;
      if (m === bEnd[b]! - bStart[b]!) continue;
      const nb = bStart.length;
      bStart.push(bStart[b]!);
      bEnd.push(bStart[b]! + m);
      marked.push(0);
      bStart[b] = bStart[b]! + m;
      for (let i = bStart[nb]!; i < bEnd[nb]!; i++) block[elems[i]!] = nb;
      const smaller = m <= bEnd[b]! - bStart[b]! ? nb : b;
      for (let x = 0; x < k; x++) {
        if (inWork[b * k + x]) push(nb, x);
        else push(smaller, x);
      }
    }
    touched.length = 0;
  }
  return block;
}

/** Whether a DFA is already minimal (its reachable part has no equivalent states). */
export function isMinimal(dfa: Dfa): boolean {
  return minimize(dfa).stateCount === trimUnreachable(dfa).dfa.stateCount;
}
