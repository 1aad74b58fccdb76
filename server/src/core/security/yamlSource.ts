/**
 * Position-aware reading of rule YAML. Every accessor reports problems with a
 * range in the rule file instead of throwing, so that one broken rule never
 * hides the others (editors need all problems at once).
 */
import { isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Position, Range } from '../model/finding';
import { LineIndex } from '../model/text';
import type { RuleProblem } from './types';

/** A parsed rule file with its problems list. */
export class YamlFile {
  readonly index: LineIndex;
  readonly problems: RuleProblem[] = [];
  readonly root: Node | null;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.index = new LineIndex(text);
    // The shipped packs are JSON made by the build from rules/*.yml (already validated by the
    // tests): building nodes from the parsed object skips YAML parsing, a third of the server's
    // cold start. Their nodes have no source ranges, so problems point at the file's start.
    const doc = path.endsWith('.json') ? jsonDocument(text) : parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    for (const e of [...doc.errors, ...doc.warnings]) {
      this.problems.push({ path, range: this.index.rangeOf(e.pos[0], e.pos[1]), message: `YAML: ${e.message.split('\n')[0]}` });
    }
    this.root = doc.errors.length ? null : (doc.contents as Node | null);
  }

  /** Range of a YAML node (or the start of the file when the node has no range). */
  rangeOf(node: Node | null | undefined): Range {
    const r = node?.range;
    return r ? this.index.rangeOf(r[0], r[1]) : this.index.rangeOf(0, 0);
  }

  /** Records a problem at a node. */
  report(node: Node | null | undefined, message: string): void {
    this.problems.push({ path: this.path, range: this.rangeOf(node), message });
  }

  /** Records a problem at an explicit range. */
  reportAt(range: Range, message: string): void {
    this.problems.push({ path: this.path, range, message });
  }

  /** 0-based line of a node's start. */
  lineOf(node: Node | null | undefined): number {
    return this.rangeOf(node).start.line;
  }

  /**
   * Position in the rule file of character `offset` inside a string scalar's
   * value. Exact for block literals and unescaped plain/quoted scalars, which
   * is how queries and regexes are written.
   */
  positionInScalar(node: Scalar, offset: number): Position {
    const start = node.range?.[0] ?? 0;
    const value = String(node.value);
    const before = value.slice(0, Math.max(0, offset));
    const lineInValue = before.split('\n').length - 1;
    const col = before.length - (before.lastIndexOf('\n') + 1);
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const header = this.index.positionAt(start).line;
      const line = header + 1 + lineInValue;
      const indent = /^ */.exec(this.index.lineText(firstContentLine(this.index, header + 1)))?.[0].length ?? 0;
      return { line, character: indent + col };
    }
    const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return this.index.positionAt(start + quote + offset);
  }
}

function firstContentLine(index: LineIndex, from: number): number {
  for (let l = from; l < index.lineCount; l++) if (index.lineText(l).trim() !== '') return l;
  return from;
}

/** A map node read against a list of allowed keys; unknown keys are reported. */
export function readMap(file: YamlFile, node: Node | null | undefined, what: string, allowed: readonly string[]): Map<string, Pair<Node, Node | null>> | undefined {
  if (!isMap(node)) {
    file.report(node, `${what} must be a mapping`);
    return undefined;
  }
  const out = new Map<string, Pair<Node, Node | null>>();
  for (const pair of (node as YAMLMap<Node, Node | null>).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) file.report(pair.key, `${what}: keys must be plain strings`);
    else if (!allowed.includes(key)) file.report(pair.key, `${what}: unknown field '${key}' (allowed: ${allowed.join(', ')})`);
    else out.set(key, pair);
  }
  return out;
}

/** A string scalar, or undefined after reporting a wrong type. */
export function readString(file: YamlFile, node: Node | null | undefined, what: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  file.report(node, `${what} must be a string`);
  return undefined;
}

/** A number scalar, or undefined after reporting a wrong type. */
export function readNumber(file: YamlFile, node: Node | null | undefined, what: string): number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
  file.report(node, `${what} must be a number`);
  return undefined;
}

/** A boolean scalar, or undefined after reporting a wrong type. */
export function readBoolean(file: YamlFile, node: Node | null | undefined, what: string): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  file.report(node, `${what} must be true or false`);
  return undefined;
}

/** A list of strings; a single string is accepted as a one-element list. */
export function readStringList(file: YamlFile, node: Node | null | undefined, what: string): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) {
    file.report(node, `${what} must be a string or a list of strings`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of node.items as (Node | null)[]) {
    const s = readString(file, item, `each entry of ${what}`);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** The items of a sequence node, or undefined after reporting a wrong type. */
export function readSeq(file: YamlFile, node: Node | null | undefined, what: string): (Node | null)[] | undefined {
  if (isSeq(node)) return node.items as (Node | null)[];
  file.report(node, `${what} must be a list`);
  return undefined;
}

/** A document built from JSON text; a syntax error becomes the document's one error. */
function jsonDocument(text: string): { errors: { pos: [number, number]; message: string }[]; warnings: { pos: [number, number]; message: string }[]; contents: unknown } {
  try {
    return { errors: [], warnings: [], contents: jsonNode(JSON.parse(text)) };
  } catch (err) {
    return { errors: [{ pos: [0, 0], message: `JSON: ${(err as Error).message}` }], warnings: [], contents: null };
  }
}

/**
 * The YAML nodes `new Document(value).contents` builds for parsed JSON (maps
 * with scalar keys, sequences, scalars), built directly: the library's
 * generic `createNode` resolves a schema tag for every value, 50 ms of each
 * scan thread's start-up for the shipped packs. Equal node for node (a unit
 * test compares the two on the shipped packs).
 */
export function jsonNode(value: unknown): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map(jsonNode);
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    map.items = Object.entries(value).map(([k, v]) => new Pair(new Scalar(k), jsonNode(v)));
    return map;
  }
  return new Scalar(value);
}
