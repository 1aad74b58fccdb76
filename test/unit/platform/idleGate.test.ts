/**
 * The quiet periods the background warm-up waits for (server/src/lsp/idleGate.ts),
 * on a fake clock: a pending `quiet()` resolves only once nothing was
 * scheduled for the period and no analysis is running.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdleGate, type IdleClock } from '../../../server/src/lsp/idleGate';

/** A clock whose timers fire only when the test advances time. */
class FakeClock implements IdleClock {
  t = 0;
  private timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.t;
  }
  after(ms: number, fn: () => void): void {
    this.timers.push({ at: this.t + ms, fn });
  }
  /** Moves time forward, firing due timers in order (a timer may add more). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

/** Whether `p` has settled, after the microtasks queued so far ran. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

test('idle gate: quiet() waits for the period after the last activity', async () => {
  const clock = new FakeClock();
  const gate = new IdleGate(clock);
  const q = gate.quiet(1000);
  clock.advance(600);
  gate.touch(); // a keystroke at t=600: quiet from t=1600
  clock.advance(900);
  assert.equal(await settled(q), false, 'still within the period at t=1500');
  clock.advance(100);
  assert.equal(await settled(q), true, 'quiet at t=1600');
});

test('idle gate: never quiet while an analysis runs, however long it takes', async () => {
  const clock = new FakeClock();
  const gate = new IdleGate(clock);
  clock.advance(5000);
  const end = gate.begin();
  const q = gate.quiet(1000);
  clock.advance(10_000);
  assert.equal(await settled(q), false, 'an analysis has run for 10 s');
  end();
  end(); // ending twice counts once
  clock.advance(999);
  assert.equal(await settled(q), false, 'the end of an analysis is activity too');
  clock.advance(1);
  assert.equal(await settled(q), true);
  const again = gate.begin();
  const q2 = gate.quiet(1000);
  clock.advance(2000);
  assert.equal(await settled(q2), false, 'a second analysis after a double end() still holds the gate');
  again();
  clock.advance(1000);
  assert.equal(await settled(q2), true);
});

test('idle gate: already quiet resolves at once', async () => {
  const clock = new FakeClock();
  const gate = new IdleGate(clock);
  clock.advance(1000);
  assert.equal(await settled(gate.quiet(1000)), true);
});
