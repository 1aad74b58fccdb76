/**
 * Random but realistic edits for the incremental equivalence tests: typing
 * and deleting characters, pasting chunks of the file elsewhere, inserting
 * vulnerable or secret-bearing statements, edits inside strings and comments,
 * edits at function boundaries, and undo. Deterministic for a seed.
 */

/** A seeded PRNG (mulberry32): the same seed gives the same edits. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Statements worth typing: sinks, sources, secrets, conditions with fixes, and block openers. */
const SNIPPETS: Readonly<Record<'js' | 'py' | 'other', readonly string[]>> = {
  js: [
    'eval(req.query.code);\n',
    "const child = require('child_process');\nchild.exec('ls ' + req.body.dir);\n",
    "const awsKey = 'AKIAQYLPMN5HHHFPZAM2';\n",
    'const password = "Zx9$kq2!Lm8#Vb3@";\n',
    "res.send('<p>' + req.query.name + '</p>');\n",
    'function handler(req, res) {\n  db.query("SELECT * FROM t WHERE id=" + req.params.id);\n}\n',
    'Math.random().toString(36);\n',
    "crypto.createHash('md5').update(x);\n",
    '/* comment */\n',
    '`template ${req.query.a}`;\n',
    '}\n',
    'function f(a) {\n',
  ],
  py: [
    'os.system(input())\n',
    'import subprocess\nsubprocess.call(sys.argv[1], shell=True)\n',
    "aws_key = 'AKIAQYLPMN5HHHFPZAM2'\n",
    'password = "Zx9$kq2!Lm8#Vb3@"\n',
    'def handler(request):\n    cursor.execute("SELECT * FROM t WHERE id=" + request.GET["id"])\n',
    'yaml.load(data)\n',
    'hashlib.md5(x)\n',
    'pickle.loads(request.data)\n',
    '"""docstring\n',
    '# comment\n',
    'class C:\n    def m(self):\n        eval(input())\n',
    '    return x\n',
  ],
  other: ['exec(x);\n', '"s"', '}\n', '{\n', '// c\n', "password = 'Zx9$kq2!Lm8#Vb3@'\n"],
};

const CHARS = 'abcxyz_0129 ()[]{}.,;:=+-*/\'"`#\n\t\\$<>!?@';

/** The edited text after one random edit (`history` holds earlier texts, for undo). */
export function randomEdit(text: string, kind: 'js' | 'py' | 'other', next: () => number, history: readonly string[]): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const at = (): number => Math.floor(next() * (text.length + 1));
  const r = next();
  if (r < 0.25) {
    // Typing one character.
    const p = at();
    return text.slice(0, p) + pick([...CHARS]) + text.slice(p);
  }
  if (r < 0.4) {
    // Deleting a few characters (backspace, a word, a selection).
    const p = at();
    const n = pick([1, 1, 2, 5, 20, 80]);
    return text.slice(0, p) + text.slice(p + n);
  }
  if (r < 0.5) {
    // Pasting a chunk of the file somewhere else.
    const from = at();
    const chunk = text.slice(from, from + Math.floor(next() * 300));
    const p = at();
    return text.slice(0, p) + chunk + text.slice(p);
  }
  if (r < 0.7) {
    // A whole statement at the start of a line.
    const p = text.lastIndexOf('\n', at()) + 1;
    return text.slice(0, p) + pick(SNIPPETS[kind]) + text.slice(p);
  }
  if (r < 0.8) {
    // Inside a string or comment: next to a quote or comment marker.
    const p = at();
    const q = text.slice(p).search(/['"`#]|\/\//);
    const i = q < 0 ? p : p + q + 1;
    return text.slice(0, i) + pick(['x', ' ', 'AKIA', '\\', '"', "'", '\n', '${a}', '%s']) + text.slice(i);
  }
  if (r < 0.9) {
    // At a function boundary: break or change a header, a brace or an indentation.
    const p = at();
    const q = text.slice(p).search(/\bdef |\bfunction |\bclass |\}\n|\n {4}/);
    const i = q < 0 ? p : p + q;
    return pick([
      () => text.slice(0, i) + text.slice(i + 1),
      () => text.slice(0, i) + 'x' + text.slice(i),
      () => text.slice(0, i) + '\n' + text.slice(i),
      () => text.slice(0, i) + '    ' + text.slice(i),
      () => text.slice(0, i) + '}' + text.slice(i),
    ])();
  }
  // Undo: back to an earlier version.
  return history.length ? pick(history) : text;
}
