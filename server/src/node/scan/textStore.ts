/**
 * The texts of a headless scan, held once as UTF-8 bytes instead of as JS
 * strings. A scan reads every file up front (to hash it for the cache and
 * to hand it to a thread), and the report still needs texts at the end
 * (cross-file duplication findings, semgrep's byte columns). Kept as
 * strings, webpack's 9.7 MB of source cost about 20 MB of the main
 * thread's heap for the whole scan (many files hold a non-ASCII character
 * and become two-byte strings); as bytes it is one 9.7 MB buffer, shared
 * with the scan workers as is, and a text is decoded only when asked for.
 *
 * Decoding gives back exactly the text that was added as a string:
 * `readFileSync(…, 'utf8')` never yields a lone surrogate, the only thing
 * UTF-8 cannot carry. Bytes read from disk are stored undecoded, so a file
 * answered from the cache is never decoded at all unless the report needs it.
 */

/** Where one text lives in the store: UTF-8 bytes `[start, end)`. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** See the module comment. Add every text first, then {@link seal}; read with {@link text}. */
export class TextStore {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private sealed: Buffer | undefined;
  private shared: SharedArrayBuffer | undefined;

  /**
   * Stores a text, given as a string or as the UTF-8 bytes read from disk
   * (kept as is, not copied, until {@link seal}).
   */
  add(text: string | Buffer): TextSpan {
    if (this.sealed) throw new Error('TextStore: add after seal');
    const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const start = this.bytes;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    return { start, end: this.bytes };
  }

  /**
   * Copies every chunk into one `SharedArrayBuffer` (workers read it without
   * a copy of their own) and frees the chunks. Idempotent.
   */
  seal(): SharedArrayBuffer {
    if (!this.shared) {
      this.shared = new SharedArrayBuffer(Math.max(1, this.bytes));
      this.sealed = Buffer.from(this.shared);
      let at = 0;
      for (const c of this.chunks) at += c.copy(this.sealed, at);
      this.chunks = [];
    }
    return this.shared;
  }

  /** The text stored at `span`, decoded anew on every call (callers must not rely on keeping it). */
  text(span: TextSpan): string {
    this.seal();
    return this.sealed!.toString('utf8', span.start, span.end);
  }
}
