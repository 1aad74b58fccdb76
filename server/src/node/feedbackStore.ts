import * as path from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from './atomicWrite';
import { addMark, removeMarks, type FeedbackChange } from '../core/feedback/edit';
import { parseFeedback } from '../core/feedback/parse';
import { FEEDBACK_FILE, type FeedbackIo, type FeedbackMark, type FeedbackProblem } from '../core/feedback/types';

/** The feedback file of `root` on disk: reads, and atomic writes (temporary file + rename in the same folder). */
export function nodeFeedbackIo(file: string): FeedbackIo {
  return {
    read() {
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    writeAtomic(text) {
      writeFileAtomic(file, text);
    },
  };
}

/** What a folder's feedback file says now. */
export interface FeedbackState {
  /** Absolute path of the feedback file. */
  readonly file: string;
  readonly exists: boolean;
  /** The marks that could be read (a file with problems may still contribute its valid marks). */
  readonly marks: readonly FeedbackMark[];
  /** Every problem; non-empty means marking refuses until the user fixes the file. */
  readonly problems: readonly FeedbackProblem[];
}

/**
 * The false-positive marks of one workspace folder (`<root>/.argus/feedback.json`).
 * Loads are cached by the file's size and modification time, so analyses can
 * ask on every run and still see edits made outside Argus (any editor, git).
 */
export class FeedbackStore {
  readonly file: string;
  private cached: { key: string; state: FeedbackState } | undefined;

  constructor(
    readonly root: string,
    private readonly io: FeedbackIo = nodeFeedbackIo(path.join(root, FEEDBACK_FILE)),
  ) {
    this.file = path.join(root, FEEDBACK_FILE);
  }

  /** The current marks and problems. Never throws: an unreadable file is a problem. */
  load(): FeedbackState {
    const key = statKey(this.file);
    if (this.cached && this.cached.key === key) return this.cached.state;
    const state = this.read();
    this.cached = { key, state };
    return state;
  }

  /** Adds a mark; refuses (without writing) when the file has problems. */
  add(mark: FeedbackMark): FeedbackChange {
    this.cached = undefined;
    return addMark(this.io, mark);
  }

  /** Removes the marks `remove` selects; refuses (without writing) when the file has problems. */
  remove(remove: (m: FeedbackMark) => boolean): FeedbackChange {
    this.cached = undefined;
    return removeMarks(this.io, remove);
  }

  private read(): FeedbackState {
    let text: string | undefined;
    try {
      text = this.io.read();
    } catch (err) {
      const at = { line: 0, character: 0 };
      return { file: this.file, exists: true, marks: [], problems: [{ range: { start: at, end: at }, message: `cannot read ${FEEDBACK_FILE}: ${(err as Error).message}` }] };
    }
    if (text === undefined) return { file: this.file, exists: false, marks: [], problems: [] };
    const parsed = parseFeedback(text);
    return { file: this.file, exists: true, marks: parsed.value?.marks ?? [], problems: parsed.problems };
  }
}

function statKey(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return 'absent';
  }
}

/**
 * The feedback of a CLI run's root folder, for `argus check`: the marks, plus
 * one error line per problem (`.argus/feedback.json:3:5: why`). Any error
 * should end the run with exit code 2, since hiding findings by a half-read
 * file would change the result silently.
 */
export function loadFeedbackForCheck(root: string): { marks: readonly FeedbackMark[]; errors: string[] } {
  const state = new FeedbackStore(root).load();
  const rel = path.relative(process.cwd(), state.file) || FEEDBACK_FILE;
  const errors = state.problems.map((p) => `${rel}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  return { marks: state.marks, errors };
}
