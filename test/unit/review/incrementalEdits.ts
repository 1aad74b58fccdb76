/**
 * Edit scripts for the incremental review test: each edit is a list of
 * successive texts (typing a statement yields one text per character), all
 * deterministic for a seed. Kinds: single-character inserts and deletes,
 * typing a statement, deleting a line, pasting a function, edits inside
 * strings and comments, edits that merge or split declarations (braces,
 * Python indentation), edits inside class bodies and nested functions, and
 * undo.
 */
import type { Family } from '../../../server/src/core/review/languages';

// One seeded PRNG for every incremental test (mulberry32).
import { rng } from '../incremental/editScript';

export { rng };

interface Snippets {
  /** Short statements, typed character by character. */
  readonly statements: readonly string[];
  /** Whole functions or classes, pasted at once. */
  readonly pastes: readonly string[];
  /** Text that splits or merges declarations. */
  readonly breakers: readonly string[];
}

const SNIPPETS: Readonly<Record<Family, Snippets>> = {
  js: {
    statements: ['const total = a && b ? x : y;\n', "if (n > limit) console.log('over', n);\n", 'items.forEach((it) => { if (it) count++; });\n', '/** Doc. */\n', '// TODO: later\n'],
    pastes: [
      '/** Pasted. */\nexport function pasted(a, b) {\n  if (a && b) {\n    for (const x of a) if (x || b) return x;\n  }\n  return b ?? null;\n}\n',
      'class Extra {\n  method(x) {\n    return x ? () => x : function inner() { return 1; };\n  }\n}\n',
      '// const old = compute(a);\n// old.run();\n',
    ],
    breakers: ['}\n', '{\n', 'function (', '/*', '*/', '`', "'", '"', ')', '(', ',\n'],
  },
  python: {
    statements: ['total = sum(x for x in items if x and y)\n', "if n > limit:\n    print('over', n)\n", 'result = a if b else c\n', '# TODO: later\n', '"""Docstring."""\n'],
    pastes: [
      'def pasted(a, b):\n    """Pasted."""\n    if a and b:\n        for x in a:\n            if x or b:\n                return x\n    return b\n',
      'class Extra:\n    def method(self, x):\n        return (lambda: x) if x else None\n',
      '# old = compute(a)\n# old.run()\n',
    ],
    breakers: ['    ', 'def f(', 'class C:\n', '"""', "'", '(', ')', ':\n', '\n    '],
  },
  java: {
    statements: ['int total = a && b ? 1 : 2;\n', 'if (n > limit) { System.out.println(n); }\n', '// TODO: later\n', '/** Doc. */\n'],
    pastes: ['/** Pasted. */\npublic int pasted(int a, int b) {\n  if (a > b && b > 0) {\n    for (int i = 0; i < a; i++) { if (i > b) return i; }\n  }\n  return b;\n}\n'],
    breakers: ['}\n', '{\n', 'class X {\n', '/*', '*/', '"', '(', ')'],
  },
  go: {
    statements: ['total := a && b\n', 'if n > limit {\n\tfmt.Println(n)\n}\n', '// TODO: later\n'],
    pastes: ['// Pasted does things.\nfunc Pasted(a, b int) int {\n\tif a > b && b > 0 {\n\t\tfor i := 0; i < a; i++ {\n\t\t\tif i > b {\n\t\t\t\treturn i\n\t\t\t}\n\t\t}\n\t}\n\treturn b\n}\n'],
    breakers: ['}\n', '{\n', 'func (', '/*', '*/', '"', '`', '(', ')'],
  },
  php: {
    statements: ['$total = $a && $b ? 1 : 2;\n', 'if ($n > $limit) { var_dump($n); }\n', '# TODO: later\n', '/** Doc. */\n'],
    pastes: ['/** Pasted. */\nfunction pasted($a, $b) {\n  if ($a && $b) {\n    foreach ($a as $x) { if ($x || $b) return $x; }\n  }\n  return $b;\n}\n'],
    breakers: ['}\n', '{\n', 'function (', '/*', '*/', '"', "'", '(', ')'],
  },
};

const CHARS = 'abz_09 (){}[].,;:=+-*/\'"`#\n\t\\$<>!?&|';

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** Offsets just after any of `marks` (inside a string or comment, usually). */
function offsetsAfter(text: string, marks: readonly string[]): number[] {
  const out: number[] = [];
  for (const m of marks) for (let i = text.indexOf(m); i >= 0 && out.length < 2000; i = text.indexOf(m, i + 1)) out.push(i + m.length);
  return out;
}

/** Typing `snippet` at `at`, one text per character. */
function typed(text: string, at: number, snippet: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= snippet.length; k++) out.push(text.slice(0, at) + snippet.slice(0, k) + text.slice(at));
  return out;
}

/** The next edit of `text` as successive texts (never empty). `history` holds earlier texts, for undo. */
export function nextEdit(text: string, family: Family, next: () => number, history: readonly string[]): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const starts = lineStarts(text);
  const lineAt = (): number => pick(starts);
  const s = SNIPPETS[family];
  const r = next();
  const at = Math.floor(next() * (text.length + 1));
  if (r < 0.2) return [text.slice(0, at) + pick([...CHARS]) + text.slice(at)];
  if (r < 0.32) return [text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3))];
  if (r < 0.42) return typed(text, lineAt(), pick(s.statements));
  if (r < 0.5) {
    const l = Math.floor(next() * starts.length);
    return [text.slice(0, starts[l]) + text.slice(starts[l + 1] ?? text.length)];
  }
  if (r < 0.57) {
    const o = lineAt();
    return [text.slice(0, o) + pick(s.pastes) + text.slice(o)];
  }
  if (r < 0.67) {
    // Inside strings and comments (and sometimes closing or opening one).
    const spots = offsetsAfter(text, ["'", '"', '`', '//', '/*', '#', '"""']);
    const p = spots.length ? pick(spots) : at;
    return typed(text, p, pick(['x', ' y', '*/', '"', "'", '\n', 'TODO ']));
  }
  if (r < 0.77) {
    // Merge or split declarations: Python (de)indents a line; braces go or come elsewhere.
    if (family === 'python' && next() < 0.6) {
      const o = lineAt();
      return [/^ {4}/.test(text.slice(o, o + 4)) ? text.slice(0, o) + text.slice(o + 4) : text.slice(0, o) + '    ' + text.slice(o)];
    }
    const closers = starts.filter((o) => /^[ \t]*[}\]]/.test(text.slice(o, o + 12)));
    if (next() < 0.5 && closers.length) {
      const o = pick(closers);
      const brace = text.slice(o).search(/[}\]]/);
      return [text.slice(0, o + brace) + text.slice(o + brace + 1)];
    }
    const o = lineAt();
    return [text.slice(0, o) + pick(s.breakers) + text.slice(o)];
  }
  if (r < 0.92) {
    // Inside class bodies and nested functions: indented lines.
    const inner = starts.filter((o) => /^[ \t]{2,}\S/.test(text.slice(o, o + 6)));
    const o = inner.length ? pick(inner) : lineAt();
    const indent = /^[ \t]*/.exec(text.slice(o))![0];
    const what = next() < 0.5 ? pick(s.statements).replace(/\n(?=.)/g, `\n${indent}`) : pick([...CHARS]);
    return typed(text, o + indent.length, next() < 0.5 ? what : `${what}\n${indent}`).slice(-Math.max(1, Math.min(what.length + 1, 12)));
  }
  if (history.length) return [pick(history.slice(-6))];
  return [text.slice(0, at) + text.slice(at + 1)];
}
