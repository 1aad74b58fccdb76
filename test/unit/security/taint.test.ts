/**
 * Semantics of the intra-procedural taint analysis, on the built-in rules:
 * propagation (assignments, concatenation, f-strings, template literals,
 * format/%, collections, helpers), sanitizers, guards, and the safe twins
 * that must stay quiet.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { LanguageId } from '../../../server/src/core/document';
import { rangeOf, scanRule } from './helpers';

/** Asserts the rule reports exactly at the `at` markers (sink texts), in order. */
async function expectAt(ruleId: string, lang: LanguageId, code: string, at: string[]): Promise<void> {
  const found = await scanRule(ruleId, code, lang);
  assert.deepEqual(found.map((f) => f.range), at.map((a) => rangeOf(code, a)), found.map((f) => f.message).join('\n'));
}

test('JS: taint flows through assignment, concatenation and template literals to the sink argument', async () => {
  const code = `
app.get('/u', (req, res) => {
  const id = req.query.id;
  const where = "id = '" + id + "'";
  const sql = \`SELECT * FROM users WHERE \${where}\`;
  db.query(sql);
});`;
  const [f] = await scanRule('security/js-sql-injection', code, 'javascript');
  assert.ok(f);
  assert.deepEqual(f.range, rangeOf(code, 'db.query(«sql»)'));
  assert.equal(f.message, 'Untrusted data (req.query.id) is built into the SQL text passed to query(); use a parameterised query (placeholders plus a values array).');
  assert.deepEqual(f.related, [{ range: rangeOf(code, 'req.query.id'), message: 'Untrusted data enters here (line 3): req.query.id' }]);
});

test('JS safe twins: constant overwrite, bound parameter, never-tainted branch, numeric cast', async () => {
  await expectAt('security/js-sql-injection', 'javascript', `
app.get('/a', (req, res) => {
  let q = req.query.q;
  q = 'SELECT 1';
  db.query(q);
});
app.get('/b', (req, res) => {
  db.query('SELECT * FROM t WHERE name = ?', [req.query.name]);
});
app.get('/c', (req, res) => {
  let sql;
  if (req.query.admin) {
    sql = 'SELECT * FROM admins';
  } else {
    sql = 'SELECT * FROM users';
  }
  db.query(sql);
});
app.get('/d', (req, res) => {
  const n = Number(req.query.n);
  db.query('SELECT * FROM t LIMIT ' + n);
});`, []);
});

test('JS: a branch that taints reaches the join; a branch that returns early does not', async () => {
  await expectAt('security/js-sql-injection', 'javascript', `
app.get('/a', (req, res) => {
  let sql = 'SELECT 1';
  if (req.query.raw) {
    sql = req.query.raw;
  }
  db.query(sql);
});
app.get('/b', (req, res) => {
  const col = req.query.sort;
  if (!ALLOWED_COLUMNS.includes(col)) {
    return res.status(400).end();
  }
  db.query('SELECT * FROM t ORDER BY ' + col);
});`, ['db.query(«sql»)']);
});

test('JS: collections and same-file helpers propagate; a sanitising helper cleans', async () => {
  await expectAt('security/js-sql-injection', 'javascript', `
function buildWhere(name) {
  return "name = '" + name + "'";
}
function toId(value) {
  return parseInt(value, 10);
}
app.get('/a', (req, res) => {
  const parts = [];
  parts.push(req.body.filter);
  db.query('SELECT * FROM t WHERE ' + parts.join(' AND '));
});
app.get('/b', (req, res) => {
  db.query('SELECT * FROM t WHERE ' + buildWhere(req.query.name));
});
app.get('/c', (req, res) => {
  db.query('SELECT * FROM t WHERE id = ' + toId(req.query.id));
});`, ["'SELECT * FROM t WHERE ' + parts.join(' AND ')", "'SELECT * FROM t WHERE ' + buildWhere(req.query.name)"]);
});

test('Python: f-strings, % formatting and .format propagate; parameters tuple is safe', async () => {
  await expectAt('security/py-sql-injection', 'python', `
@app.route("/a")
def a():
    name = request.args["name"]
    cur.execute(f"SELECT * FROM t WHERE name = '{name}'")
    cur.execute("SELECT * FROM t WHERE name = '%s'" % name)
    cur.execute("SELECT * FROM t WHERE name = '{}'".format(name))
    cur.execute("SELECT * FROM t WHERE name = %s", (name,))
`, [`f"SELECT * FROM t WHERE name = '{name}'"`, `"SELECT * FROM t WHERE name = '%s'" % name`, `"SELECT * FROM t WHERE name = '{}'".format(name)`]);
});

test('Python: allow-list membership and early abort clean the value; dict lookup by tainted key is clean', async () => {
  await expectAt('security/py-command-injection', 'python', `
TOOLS = {"ls": "ls -la", "df": "df -h"}
@app.route("/a")
def a():
    tool = request.args["tool"]
    if tool not in TOOLS:
        abort(400)
    os.system("run " + tool)
@app.route("/b")
def b():
    os.system(TOOLS[request.args["tool"]])
@app.route("/c")
def c():
    tool = request.args["tool"]
    if tool in TOOLS:
        os.system("run " + tool)
    os.system("echo " + tool)
`, ['"echo " + tool']);
});

test('Python: input(), argv and env are local sources; loops carry taint', async () => {
  await expectAt('security/py-command-injection', 'python', `
import os, sys
cmd = ""
for arg in sys.argv[1:]:
    cmd += " " + arg
os.system("tar" + cmd)
os.system("echo " + input("name? "))
`, ['"tar" + cmd', '"echo " + input("name? ")']);
});

test('Java: Spring @RequestParam parameters are sources; a StringBuilder carries taint', async () => {
  await expectAt('security/java-sql-injection', 'java', `
class C {
  List<User> find(@RequestParam String name, int limit) {
    StringBuilder sb = new StringBuilder("SELECT * FROM u WHERE n = '");
    sb.append(name).append("'");
    jdbc.query(sb.toString(), mapper);
    jdbc.query("SELECT * FROM u LIMIT " + limit, mapper);
    return null;
  }
}`, ['sb.toString()']);
});

test('Go: an ok alias stays in the function that defines it; a later function\'s own ok vouches for nothing', async () => {
  await expectAt('security/go-command-injection', 'go', `package main
var allowed = map[string]bool{"ls": true}
func a(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("cmd")
	_, ok := allowed[c]
	if ok {
		exec.Command(c).Run()
	}
}
func b(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("cmd")
	ok := len(c) > 0
	if ok {
		exec.Command(c).Run()
	}
}
`, ['ok := len(c) > 0\n\tif ok {\n\t\texec.Command(«c»)']);
});

test('Go: the _, ok := allowed[x] idiom guards x; the unguarded twin is reported', async () => {
  await expectAt('security/go-command-injection', 'go', `package main
var allowed = map[string]bool{"ls": true}
func a(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("cmd")
	if _, ok := allowed[c]; !ok {
		return
	}
	exec.Command(c).Run()
}
func b(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("cmd")
	exec.Command(c).Run()
}
`, ['c := r.FormValue("cmd")\n\texec.Command(«c»)']);
});
