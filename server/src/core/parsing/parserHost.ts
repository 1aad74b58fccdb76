import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import { GRAMMAR_WASM, type GrammarName } from './grammars';
import { runtimeModule } from './wasmHeap';
import { installHeapNodeGetters } from './heapNodes';

/** Where the tree-sitter runtime and grammar wasm files come from (injected I/O). */
export interface WasmSource {
  /** Absolute path of a runtime file the Emscripten loader asks for (e.g. `web-tree-sitter.wasm`). */
  locateRuntimeFile(name: string): string;
  /** Bytes of a grammar wasm file by its file name. */
  readGrammar(fileName: string): Promise<Uint8Array>;
}

let runtimeReady: Promise<void> | undefined;

/**
 * Owns the tree-sitter runtime, one parser per grammar and the compiled query
 * cache. Grammars load lazily on first use. Trees must always be deleted;
 * use {@link ParserHost.withTree} so the wasm heap never grows unbounded.
 */
export class ParserHost {
  private readonly languages = new Map<GrammarName, Promise<Language>>();
  private readonly parsers = new Map<GrammarName, Parser>();
  private readonly queries = new Map<string, Query>();

  private constructor(private readonly source: WasmSource) {}

  /** Initialises the runtime once per process (the runtime is a process-wide singleton). */
  static async create(source: WasmSource): Promise<ParserHost> {
    // The options object becomes the Emscripten module, which keeps the heap views on it (wasmHeap.ts).
    runtimeReady ??= Parser.init(Object.assign(runtimeModule, { locateFile: (name: string) => source.locateRuntimeFile(name) }));
    await runtimeReady;
    installHeapNodeGetters();
    return new ParserHost(source);
  }

  /** Loads (once) and returns a grammar. */
  language(grammar: GrammarName): Promise<Language> {
    let lang = this.languages.get(grammar);
    if (!lang) {
      lang = this.source.readGrammar(GRAMMAR_WASM[grammar]).then((bytes) => Language.load(bytes));
      this.languages.set(grammar, lang);
    }
    return lang;
  }

  /** A parser bound to a grammar, created once and reused. */
  async parser(grammar: GrammarName): Promise<Parser> {
    let p = this.parsers.get(grammar);
    if (!p) {
      p = new Parser();
      p.setLanguage(await this.language(grammar));
      this.parsers.set(grammar, p);
    }
    return p;
  }

  /** Parses `text`; returns undefined when tree-sitter gives up (it returns null on cancellation). */
  async parse(grammar: GrammarName, text: string, old?: Tree): Promise<Tree | undefined> {
    const parser = await this.parser(grammar);
    return parser.parse(text, old) ?? undefined;
  }

  /** Parses, runs `fn` on the tree and always deletes the tree afterwards. */
  async withTree<T>(grammar: GrammarName, text: string, fn: (tree: Tree) => T | Promise<T>): Promise<T | undefined> {
    const tree = await this.parse(grammar, text);
    if (!tree) return undefined;
    try {
      return await fn(tree);
    } finally {
      tree.delete();
    }
  }

  /** Compiles a query once per grammar and source; throws the runtime's QueryError on bad syntax. */
  async query(grammar: GrammarName, source: string): Promise<Query> {
    const key = `${grammar}\0${source}`;
    let q = this.queries.get(key);
    if (!q) {
      q = new Query(await this.language(grammar), source);
      this.queries.set(key, q);
    }
    return q;
  }

  /** Frees parsers and queries. Languages stay loaded for the process. */
  dispose(): void {
    for (const p of this.parsers.values()) p.delete();
    for (const q of this.queries.values()) q.delete();
    this.parsers.clear();
    this.queries.clear();
  }
}
