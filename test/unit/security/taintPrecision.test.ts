/**
 * Precision features of the taint analysis that OWASP-Benchmark-style safe
 * twins rely on: constant-folded conditions, ternaries and switches,
 * `break` states reaching the end of their loop / switch, element-wise
 * lists and maps, helpers on local classes, and scalar-returning calls.
 * Each test pairs a true flow with its safe twin and asserts the exact
 * findings.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { LanguageId } from '../../../server/src/core/document';
import { rangeOf, scanRule } from './helpers';

/** Asserts the rule reports exactly at the `at` markers, in order. */
async function expectAt(ruleId: string, lang: LanguageId, code: string, at: string[]): Promise<void> {
  const found = await scanRule(ruleId, code, lang);
  assert.deepEqual(found.map((f) => f.range), at.map((a) => rangeOf(code, a)), found.map((f) => f.message).join('\n'));
}

const SQL = 'security/java-sql-injection';

/** A servlet method whose body reads `param` and runs `st.execute(sql)` per case. */
function servlet(body: string): string {
  return `class T extends HttpServlet {
  public void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String param = request.getParameter("p");
${body}
  }
}`;
}

test('Java: a condition or ternary that folds to a constant only takes its live branch', async () => {
  const code = servlet(`    int num = 106;
    String a = (7 * 42) - num > 200 ? "never" : param;
    st.execute("A" + a);
    String b = (7 * 18) + num > 200 ? "always" : param;
    st.execute("B" + b);
    String c;
    int n2 = 196;
    if ((500 / 42) + n2 > 200) c = param; else c = "never";
    st.execute("C" + c);
    String d;
    if ((7 * 42) - 86 > 200) d = "always"; else d = param;
    st.execute("D" + d);`);
  await expectAt(SQL, 'java', code, ['st.execute(«"A" + a»)', 'st.execute(«"C" + c»)']);
});

test('Java: a folded name must be defined once; a reassigned or incremented one is not folded', async () => {
  const code = servlet(`    int num = 300;
    num++;
    String a = num > 200 ? "x" : param;
    st.execute(a);
    int k = 300;
    k = 1;
    String b = k > 200 ? "x" : param;
    st.execute(b);`);
  await expectAt(SQL, 'java', code, ['st.execute(«a»)', 'st.execute(«b»)']);
});

test('Java: a switch on a constant char runs the selected arm and falls through empty labels', async () => {
  const sw = (pos: number, tag: string) => `    String g${tag} = "ABC";
    char t${tag} = g${tag}.charAt(${pos});
    String bar${tag};
    switch (t${tag}) {
      case 'A': bar${tag} = param; break;
      case 'B': bar${tag} = "bob"; break;
      case 'C':
      case 'D': bar${tag} = param; break;
      default: bar${tag} = "bob"; break;
    }
    st.execute(bar${tag});`;
  await expectAt(SQL, 'java', servlet(`${sw(2, 'C')}\n${sw(1, 'B')}`), ['st.execute(«barC»)']);
});

test('Java: without a constant, switch arms that end in break still reach the code after the switch', async () => {
  const code = servlet(`    String bar = "";
    switch (request.getMethod()) {
      case "GET": bar = param; break;
      default: bar = "x";
    }
    st.execute(bar);`);
  await expectAt(SQL, 'java', code, ['st.execute(«bar»)']);
});

test('Java: a value assigned just before `break` in a loop flows out of the loop', async () => {
  const code = `class T {
  void f(HttpServletRequest request) throws Exception {
    String v = "none";
    for (Cookie c : request.getCookies()) {
      if (c.getName().equals("k")) { v = c.getValue(); break; }
    }
    st.execute(v);
  }
}`;
  await expectAt(SQL, 'java', code, ['st.execute(«v»)']);
});

test('Java: lists and maps are tracked per index and constant key', async () => {
  const code = servlet(`    java.util.List<String> l = new java.util.ArrayList<String>();
    l.add("safe");
    l.add(param);
    l.add("moresafe");
    l.remove(0);
    st.execute(l.get(0));
    st.execute(l.get(1));
    java.util.HashMap<String, Object> m = new java.util.HashMap<String, Object>();
    m.put("keyA", "a");
    m.put("keyB", param);
    st.execute((String) m.get("keyB"));
    st.execute((String) m.get("keyA"));
    st.execute((String) m.get(param));
    java.util.List<String> fixed = java.util.Arrays.asList("a", param, "b");
    st.execute(fixed.get(2));
    st.execute(fixed.get(1));`);
  await expectAt(SQL, 'java', code, ['st.execute(«l.get(0)»)', 'st.execute(«(String) m.get("keyB")»)', 'st.execute(«(String) m.get(param)»)', 'st.execute(«fixed.get(1)»)']);
});

test('Java: a collection passed to another call or built from arguments falls back to whole-container taint', async () => {
  const code = servlet(`    java.util.List<String> l = new java.util.ArrayList<String>();
    l.add("safe");
    l.add(param);
    shuffle(l);
    st.execute(l.get(0));
    java.util.List<String> k = new java.util.ArrayList<String>(seed);
    k.add(param);
    st.execute(k.get(5));`);
  await expectAt(SQL, 'java', code, ['st.execute(«l.get(0)»)', 'st.execute(«k.get(5)»)']);
});

test('Java: a method of a class declared in the file is summarised when called on `new Local()`', async () => {
  const code = `class T extends HttpServlet {
  public void doPost(HttpServletRequest request) throws IOException {
    String param = request.getParameter("p");
    st.execute(new Safe().run(param));
    st.execute(new Echo().pass(param));
    st.execute(new Remote().run(param));
    st.execute(LIMIT > 200 ? "always" : param);
  }
  private static final int LIMIT = 300;
  private class Safe { String run(String p) { int n = 106; return (7 * 18) + n > 200 ? "always" : p; } }
  private class Echo { String pass(String p) { return p; } }
}`;
  await expectAt(SQL, 'java', code, ['st.execute(«new Echo().pass(param)»)', 'st.execute(«new Remote().run(param)»)']);
});

test('Java: numbers and booleans returned by calls (length, read, update counts) carry no taint', async () => {
  const code = `class T {
  void f(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String bar = request.getParameter("p");
    int count = jdbc.update("UPDATE t SET v = '" + bar + "'");
    response.getWriter().println("Updated " + count + " rows, length " + bar.length());
    response.getWriter().println(bar.trim());
    byte[] data = bar.getBytes();
    response.getWriter().append("<p>").append(data.length + " bytes").append(bar);
  }
}`;
  await expectAt('security/java-reflected-xss', 'java', code, ['println(«bar.trim()»)', 'append(«bar»)']);
});

test('JS: constant conditions and breaks generalise beyond Java', async () => {
  const code = `
app.get('/a', (req, res) => {
  const num = 106;
  const a = (7 * 18) + num > 200 ? 'always' : req.query.a;
  db.query(a);
  let b = '';
  for (const k of Object.keys(req.query)) { if (k === 'id') { b = req.query[k]; break; } }
  db.query(b);
});`;
  await expectAt(SQL.replace('java', 'js'), 'javascript', code, ['db.query(«b»)']);
});
