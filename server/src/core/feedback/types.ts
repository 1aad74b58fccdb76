/**
 * The false-positive feedback model: what "Argus: mark as false positive"
 * stores in `<workspace folder>/.argus/feedback.json`, and the small I/O port
 * through which the pure core reads and writes that file.
 */
import type { Range } from '../model/finding';

/** Current schema version of `.argus/feedback.json`; a file with another version is refused, never rewritten. */
export const FEEDBACK_VERSION = 1;

/** Path of the feedback file relative to its workspace folder (or the CLI's root). */
export const FEEDBACK_FILE = '.argus/feedback.json';

/** One finding a user marked as a false positive. */
export interface FeedbackMark {
  /** The finding's content fingerprint (rule id + normalised code around it, see `model/fingerprint.ts`). */
  readonly fingerprint: string;
  /**
   * Rule id + normalised text of the finding's own lines, without the context
   * lines: still matches when a neighbouring line is edited (see `match.ts`).
   */
  readonly lineKey?: string;
  readonly ruleId: string;
  /** Path relative to the workspace folder, with `/` separators. */
  readonly path: string;
  /** Why it is a false positive; absent when the user gave no reason. */
  readonly reason?: string;
  /** ISO 8601 time of the mark. */
  readonly createdAt: string;
}

/** The validated content of a feedback file. */
export interface FeedbackFile {
  readonly version: number;
  readonly marks: readonly FeedbackMark[];
}

/** A problem in a feedback file, located in it. Any problem makes the file read-only for Argus. */
export interface FeedbackProblem {
  readonly range: Range;
  readonly message: string;
}

/**
 * The file system as the feedback logic sees it, for one feedback file.
 * Implemented in `server/src/node/feedbackStore.ts`; tests pass an in-memory fake.
 */
export interface FeedbackIo {
  /** The file's text, or undefined when it does not exist. Other read errors throw. */
  read(): string | undefined;
  /** Replaces the file atomically (temporary file + rename in the same folder), creating its folder. */
  writeAtomic(text: string): void;
}
