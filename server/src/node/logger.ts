import { randomBytes } from 'node:crypto';
import type { Logger } from '../core/engine';

/** Where log lines go: the LSP connection console, stderr for the CLI. */
export type LogSink = (level: 'debug' | 'info' | 'warn' | 'error', line: string) => void;

/** A short id tying together the log lines of one request or one analysis. */
export function correlationId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Structured logger: each line is `message key=value …` with a correlation
 * id when one is bound, so a user can grep one request's lines out of the log.
 */
export function createLogger(sink: LogSink, minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info', bound: Record<string, unknown> = {}): Logger & { child(extra: Record<string, unknown>): Logger } {
  const order = ['debug', 'info', 'warn', 'error'];
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    const fields = { ...bound, ...data };
    const tail = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
      .join(' ');
    sink(level, tail ? `${msg} ${tail}` : msg);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (extra) => createLogger(sink, minLevel, { ...bound, ...extra }),
  };
}
