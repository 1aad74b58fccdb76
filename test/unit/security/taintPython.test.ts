/**
 * Python idioms of OWASP-Benchmark-style Flask test cases and their safe
 * twins: constant-folded `if` / ternaries / `match`, element-wise lists,
 * dicts and `ConfigParser`, helpers on local classes, and the LDAP, XPath,
 * trust-boundary and cookie rules. Each test pairs true flows with safe
 * twins and asserts the exact findings.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rangeOf, scanRule } from './helpers';

/** Asserts the rule reports exactly at the `at` markers, in order. */
async function expectAt(ruleId: string, code: string, at: string[]): Promise<void> {
  const found = await scanRule(ruleId, code, 'python');
  assert.deepEqual(found.map((f) => f.range), at.map((a) => rangeOf(code, a)), found.map((f) => f.message).join('\n'));
}

const CMD = 'security/py-command-injection';

/** A Flask view (nested in `init(app)` like the benchmark's) that reads `param` and runs `body`. */
function view(body: string): string {
  const lines = body.split('\n').map((l) => `        ${l}`).join('\n');
  return `def init(app):
    @app.route('/t', methods=['GET', 'POST'])
    def t():
        param = request.args.get('p', '')
${lines}
        return 'ok'
`;
}

test('Python: if and ternaries on constant expressions take only their live branch', async () => {
  const code = view(`num = 106
a = 'always' if (7 * 18) + num > 200 else param
os.system('A' + a)
b = 'never' if (7 * 42) - num > 200 else param
os.system('B' + b)
if (500 / 42) + 196 > 200:
    c = param
else:
    c = 'never'
os.system('C' + c)`);
  await expectAt(CMD, code, ["os.system(«'B' + b»)", "os.system(«'C' + c»)"]);
});

test('Python: match on a constant subscript runs the selected case only', async () => {
  const code = (i: number) => view(`guess = 'ABC'[${i}]
match guess:
    case 'A':
        bar = param
    case 'B':
        bar = 'bob'
    case 'C' | 'D':
        bar = param
    case _:
        bar = 'bob'
os.system(bar)`);
  await expectAt(CMD, code(1), []);
  await expectAt(CMD, code(-1), ['os.system(«bar»)']);
});

test('Python: lists are tracked per index through append, insert and pop', async () => {
  const code = view(`items = ['safe']
items.append(param)
items.append('moresafe')
os.system(items[1])
os.system(items[-1])
items.pop(0)
os.system(items[0])
items.insert(0, 'x')
os.system(items[0])
os.system(items[-2])`);
  await expectAt(CMD, code, ['os.system(«items[1]»)', 'os.system(«items[0]»)', 'os.system(«items[-2]»)']);
});

test('Python: dicts and ConfigParser are tracked per constant key; unknown keys fall back to the whole container', async () => {
  const code = view(`d = {'keyA': 'a'}
d['keyB'] = param
os.system(d['keyA'])
os.system(d.get('keyB'))
conf = configparser.ConfigParser()
conf.add_section('s')
conf.set('s', 'keyA', 'a')
conf.set('s', 'keyB', param)
os.system(conf.get('s', 'keyA'))
os.system(conf.get('s', 'keyB'))
os.system(d[name])`);
  await expectAt(CMD, code, ["os.system(«d.get('keyB')»)", "os.system(«conf.get('s', 'keyB')»)", 'os.system(«d[name]»)']);
});

test('Python: methods of a class in the same file are summarised when called on a new instance', async () => {
  const code = `class Keep:
    def run(self, v):
        return v.strip()


class Drop:
    def run2(self, v):
        return 'constant'


@app.route('/t')
def t():
    param = request.args.get('p')
    os.system(Keep().run(param))
    os.system(Drop().run2(param))
`;
  await expectAt(CMD, code, ['os.system(«Keep().run(param)»)']);
});

test('Python: hex digests and str predicates carry no taint', async () => {
  const code = `@app.route('/t')
def t():
    param = request.args.get('p')
    md = hashlib.sha256()
    md.update(param.encode())
    return make_response(md.hexdigest() + str(param.count('a')) + param)
`;
  await expectAt('security/py-reflected-xss', code, ['make_response(«md.hexdigest() + str(param.count(\'a\')) + param»)']);
});

test('Python: session keys and values from the request are trust-boundary violations', async () => {
  const code = view(`session['user'] = param
flask.session[param] = 'x'
session['n'] = int(param)
session['c'] = 'constant'`);
  await expectAt('security/py-trust-boundary', code, ["session['user'] = «param»", 'flask.session[«param»]']);
});

test('Python: LDAP filters and XPath expressions built from the request', async () => {
  const code = view(`conn.search('dc=example,dc=com', '(uid=' + param + ')')
conn.search('dc=example,dc=com', '(uid=' + escape_filter_chars(param) + ')')
l.search_s('dc=example,dc=com', ldap.SCOPE_SUBTREE, f'(cn={param})')
m = re.search(r'\\d+', param)
root.xpath("//u[@n='" + param + "']")
root.xpath('//u[@n=$n]', n=param)`);
  await expectAt('security/py-ldap-injection', code, ["conn.search('dc=example,dc=com', «'(uid=' + param + ')'»)", "ldap.SCOPE_SUBTREE, «f'(cn={param})'»"]);
  await expectAt('security/py-xpath-injection', code, ['root.xpath(«"//u[@n=\'" + param + "\']"»)']);
});

test('Python: pathlib reads and set_cookie without secure=True', async () => {
  const code = view(`text = pathlib.Path(BASE + param).read_text()
resp.set_cookie('sid', param, httponly=True)
resp.set_cookie('sid', param, secure=True, httponly=True)
resp.set_cookie('sid', '', max_age=0)`);
  await expectAt('security/py-path-traversal', code, ['pathlib.Path(«BASE + param»)']);
  await expectAt('security/py-cookie-insecure', code, ["«resp.set_cookie('sid', param, httponly=True)»"]);
});

test('Python: except* clauses are alternatives like except clauses (each starts from the state before the first)', async () => {
  for (const star of ['', '*']) {
    const code = view(`a = 'safe'
try:
    run()
except${star} ValueError:
    a = param
except${star} KeyError:
    os.system('x' + a)
os.system('y' + a)`);
    await expectAt(CMD, code, [`'y' + a`]);
  }
});
