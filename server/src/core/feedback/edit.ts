/**
 * Adding and removing false-positive marks. Every change re-reads the file,
 * refuses to touch it when it has any problem (it is never silently
 * overwritten), and writes it back atomically through the injected port.
 */
import { parseFeedback, serializeFeedback } from './parse';
import { FEEDBACK_FILE, FEEDBACK_VERSION, type FeedbackFile, type FeedbackIo, type FeedbackMark } from './types';

/** The outcome of a change: the file as written, or why nothing was written. */
export type FeedbackChange =
  | { readonly ok: true; readonly file: FeedbackFile; readonly changed: number }
  | { readonly ok: false; readonly message: string };

/** Whether two marks are about the same finding (then the newer one replaces the older). */
export function sameFinding(a: Pick<FeedbackMark, 'path' | 'ruleId' | 'fingerprint'>, b: Pick<FeedbackMark, 'path' | 'ruleId' | 'fingerprint'>): boolean {
  return a.path === b.path && a.ruleId === b.ruleId && a.fingerprint === b.fingerprint;
}

/** Adds a mark (or replaces the mark of the same finding, e.g. to change its reason). */
export function addMark(io: FeedbackIo, mark: FeedbackMark): FeedbackChange {
  return change(io, (marks) => ({ marks: [...marks.filter((m) => !sameFinding(m, mark)), mark], changed: 1 }));
}

/** Removes every mark `remove` selects; a no-op (nothing written) when none does. */
export function removeMarks(io: FeedbackIo, remove: (m: FeedbackMark) => boolean): FeedbackChange {
  return change(io, (marks) => {
    const kept = marks.filter((m) => !remove(m));
    return { marks: kept, changed: marks.length - kept.length };
  });
}

function change(io: FeedbackIo, update: (marks: readonly FeedbackMark[]) => { marks: FeedbackMark[]; changed: number }): FeedbackChange {
  let text: string | undefined;
  try {
    text = io.read();
  } catch (err) {
    return { ok: false, message: `cannot read ${FEEDBACK_FILE}: ${(err as Error)?.message ?? String(err)}` };
  }
  let marks: readonly FeedbackMark[] = [];
  if (text !== undefined) {
    const parsed = parseFeedback(text);
    if (parsed.problems.length > 0 || !parsed.value) {
      const first = parsed.problems[0];
      const where = first ? `line ${first.range.start.line + 1}: ${first.message}` : 'unreadable';
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more problem${parsed.problems.length > 2 ? 's' : ''})` : '';
      return { ok: false, message: `${FEEDBACK_FILE} is invalid (${where}${more}). Fix or delete it first: Argus never overwrites a feedback file it cannot fully read.` };
    }
    marks = parsed.value.marks;
  }
  const next = update(marks);
  const file: FeedbackFile = { version: FEEDBACK_VERSION, marks: next.marks };
  if (next.changed === 0) return { ok: true, file, changed: 0 };
  try {
    io.writeAtomic(serializeFeedback(file));
  } catch (err) {
    return { ok: false, message: `cannot write ${FEEDBACK_FILE}: ${(err as Error)?.message ?? String(err)}` };
  }
  return { ok: true, file, changed: next.changed };
}
