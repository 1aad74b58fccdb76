/**
 * Every quick fix of the built-in rules, applied and re-scanned: for each row
 * the rule fires once on `before` with the expected preferred fix, applying
 * its edits gives exactly `after`, the rule no longer fires on `after`, and
 * `after` parses without syntax errors. A second table lists matches where
 * no fix may be offered because none is safe.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { testParsers } from '../../helpers/parsers';
import type { LanguageId } from '../../../server/src/core/document';
import type { Finding, Fix } from '../../../server/src/core/model/finding';
import { grammarFor } from '../../../server/src/core/parsing/grammars';
import { applyFix, builtinPack, scanRule } from './helpers';

/** A fix applied to `before` must give exactly `after`. */
interface FixCase {
  readonly rule: string;
  readonly lang: LanguageId;
  /** Title of the preferred fix (identifies the alternative when a rule has several). */
  readonly title: string;
  readonly before: string;
  readonly after: string;
}

/** A finding that must come without a fix, and why. */
interface NoFixCase {
  readonly rule: string;
  readonly lang: LanguageId;
  readonly code: string;
  readonly why: string;
}

const java = (body: string) => `class C {\n${body}}\n`;
const FLASK = 'import subprocess\nfrom flask import request\n\n@app.route("/run")\ndef run():\n    cmd = request.args["cmd"]\n';

const FIX_CASES: readonly FixCase[] = [
  // ---- replacements that existed before multi-edit fixes
  { rule: 'security/js-dom-xss-innerhtml', lang: 'javascript', title: 'Use textContent instead of innerHTML',
    before: "document.getElementById('greeting').innerHTML = 'Hello, ' + name;\n", after: "document.getElementById('greeting').textContent = 'Hello, ' + name;\n" },
  { rule: 'security/js-xxe-noent', lang: 'javascript', title: 'Disable entity expansion',
    before: 'const doc = libxmljs.parseXml(body, { noent: true });\n', after: 'const doc = libxmljs.parseXml(body, { noent: false });\n' },
  { rule: 'security/js-weak-hash', lang: 'typescript', title: 'Use SHA-256',
    before: "const d = crypto.createHash('md5').update(x).digest('hex');\n", after: "const d = crypto.createHash('sha256').update(x).digest('hex');\n" },
  { rule: 'security/js-tls-verify-disabled', lang: 'javascript', title: 'Enable certificate verification',
    before: 'const agent = new https.Agent({ rejectUnauthorized: false });\n', after: 'const agent = new https.Agent({ rejectUnauthorized: true });\n' },
  { rule: 'security/py-yaml-load', lang: 'python', title: 'Use yaml.safe_load',
    before: 'docs = yaml.load_all(fh)\n', after: 'docs = yaml.safe_load_all(fh)\n' },
  { rule: 'security/py-yaml-load', lang: 'python', title: 'Use yaml.safe_load without the Loader argument',
    before: 'data = yaml.load(stream, Loader=yaml.Loader)\n', after: 'data = yaml.safe_load(stream)\n' },
  { rule: 'security/py-weak-hash', lang: 'python', title: 'Use hashlib.sha256',
    before: 'h = hashlib.md5(body).hexdigest()\n', after: 'h = hashlib.sha256(body).hexdigest()\n' },
  { rule: 'security/py-tls-verify-disabled', lang: 'python', title: 'Enable certificate verification',
    before: 'r = requests.get(url, verify=False)\n', after: 'r = requests.get(url, verify=True)\n' },
  { rule: 'security/java-weak-hash', lang: 'java', title: 'Use SHA-256',
    before: java('  MessageDigest md = MessageDigest.getInstance("SHA-1");\n'), after: java('  MessageDigest md = MessageDigest.getInstance("SHA-256");\n') },
  { rule: 'security/java-weak-hash', lang: 'java', title: 'Use DigestUtils.sha256Hex',
    before: java('  String h(String p) { return DigestUtils.sha1Hex(p); }\n'), after: java('  String h(String p) { return DigestUtils.sha256Hex(p); }\n') },
  { rule: 'security/java-weak-hash', lang: 'java', title: 'Use DigestUtils.sha256',
    before: java('  byte[] h(byte[] d) { return DigestUtils.md5(d); }\n'), after: java('  byte[] h(byte[] d) { return DigestUtils.sha256(d); }\n') },
  { rule: 'security/go-tls-verify-disabled', lang: 'go', title: 'Enable certificate verification',
    before: 'package main\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n', after: 'package main\n\nvar c = &tls.Config{InsecureSkipVerify: false}\n' },

  // ---- shell=True → argument list (the import goes below the module's leading imports)
  { rule: 'security/py-command-injection', lang: 'python', title: 'Run without a shell (shlex.split)',
    before: `${FLASK}    subprocess.run(cmd, shell=True, check=True)\n`,
    after: 'import subprocess\nfrom flask import request\nimport shlex\n\n@app.route("/run")\ndef run():\n    cmd = request.args["cmd"]\n    subprocess.run(shlex.split(cmd), check=True)\n' },
  { rule: 'security/py-command-injection', lang: 'python', title: 'Run without a shell (shlex.split)',
    before: '"""Ping a host."""\nimport sys, subprocess\n\nhost = sys.argv[1]\nout = subprocess.check_output(f"ping -c 1 {host}", shell=True)\n',
    after: '"""Ping a host."""\nimport sys, subprocess\nimport shlex\n\nhost = sys.argv[1]\nout = subprocess.check_output(shlex.split(f"ping -c 1 {host}"))\n' },
  { rule: 'security/py-command-injection', lang: 'python', title: 'Run without a shell (shlex.split)',
    before: 'import os, shlex\nimport subprocess, sys\n\nsubprocess.Popen("tar xzf " + sys.argv[1], shell=True, cwd="/tmp")\n',
    after: 'import os, shlex\nimport subprocess, sys\n\nsubprocess.Popen(shlex.split("tar xzf " + sys.argv[1]), cwd="/tmp")\n' },

  // ---- Math.random() → node:crypto / Web Crypto
  { rule: 'security/js-insecure-random', lang: 'javascript', title: 'Use crypto.randomUUID() (node:crypto)',
    before: "const crypto = require('node:crypto');\nconst token = Math.random().toString(36).slice(2);\n",
    after: "const crypto = require('node:crypto');\nconst token = crypto.randomUUID();\n" },
  { rule: 'security/js-insecure-random', lang: 'typescript', title: 'Use crypto.randomUUID() (Web Crypto)',
    before: 'export const sessionId: string = Math.random().toString(36).substring(2, 10);\n',
    after: 'export const sessionId: string = crypto.randomUUID();\n' },
  { rule: 'security/js-insecure-random', lang: 'javascript', title: 'Use crypto.randomInt() (node:crypto)',
    before: "import crypto from 'node:crypto';\n\nexport function generateResetCode() {\n  return Math.floor(Math.random() * 1e6);\n}\n",
    after: "import crypto from 'node:crypto';\n\nexport function generateResetCode() {\n  return crypto.randomInt(1e6);\n}\n" },

  // ---- Java XML factories: the DOCTYPE line goes right after the factory is created
  { rule: 'security/java-xxe', lang: 'java', title: 'Disallow DOCTYPE declarations (DocumentBuilderFactory)',
    before: java('  Document parse(InputStream in) throws Exception {\n    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n    return f.newDocumentBuilder().parse(in);\n  }\n'),
    after: java('  Document parse(InputStream in) throws Exception {\n    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n    return f.newDocumentBuilder().parse(in);\n  }\n') },
  { rule: 'security/java-xxe', lang: 'java', title: 'Disallow DOCTYPE declarations (SAXParserFactory)',
    before: java('  void read(InputStream in, DefaultHandler h) throws ParserConfigurationException, SAXException, IOException {\n    SAXParserFactory spf;\n    spf = SAXParserFactory.newInstance();\n    spf.newSAXParser().parse(in, h);\n  }\n'),
    after: java('  void read(InputStream in, DefaultHandler h) throws ParserConfigurationException, SAXException, IOException {\n    SAXParserFactory spf;\n    spf = SAXParserFactory.newInstance();\n    spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n    spf.newSAXParser().parse(in, h);\n  }\n') },
  { rule: 'security/java-xxe', lang: 'java', title: 'Disable DTD support',
    before: java('  XMLStreamReader open(InputStream in) throws XMLStreamException {\n    XMLInputFactory xif = XMLInputFactory.newFactory();\n    return xif.createXMLStreamReader(in);\n  }\n'),
    after: java('  XMLStreamReader open(InputStream in) throws XMLStreamException {\n    XMLInputFactory xif = XMLInputFactory.newFactory();\n    xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);\n    return xif.createXMLStreamReader(in);\n  }\n') },

  // ---- JWT verification
  { rule: 'security/py-jwt-verify-disabled', lang: 'python', title: 'Remove the argument that disables signature verification',
    before: 'claims = jwt.decode(token, key, algorithms=["HS256"], verify=False)\n', after: 'claims = jwt.decode(token, key, algorithms=["HS256"])\n' },
  { rule: 'security/py-jwt-verify-disabled', lang: 'python', title: 'Remove the argument that disables signature verification',
    before: 'claims = jwt.decode(token, key, options={"verify_signature": False}, algorithms=["RS256"])\n', after: 'claims = jwt.decode(token, key, algorithms=["RS256"])\n' },
  { rule: 'security/py-jwt-verify-disabled', lang: 'python', title: 'Enable signature verification',
    before: 'claims = jwt.decode(token, key, verify=False)\n', after: 'claims = jwt.decode(token, key, verify=True)\n' },
  { rule: 'security/py-jwt-verify-disabled', lang: 'python', title: 'Enable signature verification',
    before: 'claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": False, "verify_exp": True})\n',
    after: 'claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True, "verify_exp": True})\n' },
  { rule: 'security/js-jwt-decode-without-verify', lang: 'javascript', title: 'Verify the token with jwt.verify',
    before: "const JWT_SECRET = process.env.JWT_SECRET;\n\nfunction currentUser(req) {\n  const claims = jwt.decode(req.headers.authorization.slice(7));\n  return claims.sub;\n}\n",
    after: "const JWT_SECRET = process.env.JWT_SECRET;\n\nfunction currentUser(req) {\n  const claims = jwt.verify(req.headers.authorization.slice(7), JWT_SECRET);\n  return claims.sub;\n}\n" },
  { rule: 'security/py-tarfile-unsafe-extract', lang: 'python', title: 'Extract with filter="data"',
    before: 'import tarfile\n\nwith tarfile.open(path) as tar:\n    tar.extractall(dest)\n',
    after: 'import tarfile\n\nwith tarfile.open(path) as tar:\n    tar.extractall(dest, filter="data")\n' },
  { rule: 'security/py-tarfile-unsafe-extract', lang: 'python', title: 'Extract with filter="data" (only argument)',
    before: 'import tarfile\n\nwith tarfile.open(path) as tar:\n    tar.extractall()\n',
    after: 'import tarfile\n\nwith tarfile.open(path) as tar:\n    tar.extractall(filter="data")\n' },
  { rule: 'security/py-ssh-unknown-host-key', lang: 'python', title: 'Reject unknown host keys (RejectPolicy)',
    before: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n',
    after: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n' },
];

const NO_FIX_CASES: readonly NoFixCase[] = [
  { rule: 'security/py-yaml-load', lang: 'python', code: 'data = yaml.unsafe_load(stream)\n', why: 'safe_load rejects the tags unsafe_load is used for' },
  { rule: 'security/py-command-injection', lang: 'python', code: 'import os, sys\nos.system("tar xzf " + sys.argv[1])\n', why: 'os.system returns a wait status; there is no argv twin' },
  { rule: 'security/py-command-injection', lang: 'python', code: 'import subprocess, sys\nsubprocess.run(f"cat {sys.argv[1]} | wc -l", shell=True)\n', why: 'the command uses a pipe' },
  { rule: 'security/py-command-injection', lang: 'python', code: `${FLASK}    subprocess.run(cmd + " > out.txt", shell=True)\n`, why: 'the command redirects output' },
  { rule: 'security/py-command-injection', lang: 'python', code: `${FLASK}    log = "ran; ok"\n    subprocess.run(cmd, shell=True)\n`, why: 'a string in the function uses shell syntax, so the variable might too' },
  { rule: 'security/py-command-injection', lang: 'python', code: `${FLASK}    subprocess.run(cmd, shell=True, executable="/bin/bash")\n`, why: 'executable= replaces the shell' },
  { rule: 'security/py-command-injection', lang: 'python', code: `${FLASK}    subprocess.run("cd /srv && " + cmd, shell=True)\n`, why: 'cd is a shell builtin and && an operator' },
  { rule: 'security/py-command-injection', lang: 'python', code: 'import subprocess, sys\nsubprocess.run(["tar"] + sys.argv[1:], shell=True)\n', why: 'a list command is not a string shlex can split' },
  { rule: 'security/js-insecure-random', lang: 'javascript', code: 'function resetPin() {\n  return Math.floor(Math.random() * 1e6);\n}\n', why: 'randomInt needs node:crypto; Web Crypto has none' },
  { rule: 'security/js-insecure-random', lang: 'javascript', code: "const crypto = require('crypto');\nfunction otp(n) {\n  return Math.floor(Math.random() * n);\n}\n", why: 'a variable bound may not be a safe integer' },
  { rule: 'security/js-insecure-random', lang: 'javascript', code: "const crypto = require('crypto-js');\nconst token = Math.random().toString(36).slice(2);\n", why: 'crypto is neither node:crypto nor Web Crypto' },
  { rule: 'security/js-insecure-random', lang: 'javascript', code: 'const resetToken = Math.random().toString(36);\n', why: 'not the full token idiom' },
  { rule: 'security/js-jwt-decode-without-verify', lang: 'javascript', code: 'function currentUser(req) {\n  return jwt.decode(req.headers.authorization.slice(7)).sub;\n}\n', why: 'no secret or key in scope' },
  { rule: 'security/js-jwt-decode-without-verify', lang: 'javascript', code: 'function currentUser(req, secret) {\n  return jwt.decode(req.token, { complete: true });\n}\n', why: 'decode options have no verify equivalent' },
  { rule: 'security/java-xxe', lang: 'java', code: java('  Document parse(InputStream in) {\n    try {\n      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n      return f.newDocumentBuilder().parse(in);\n    } catch (Exception e) { return null; }\n  }\n'), why: 'setFeature throws a checked exception the method does not declare' },
  { rule: 'security/java-xxe', lang: 'java', code: java('  static final TransformerFactory TF = TransformerFactory.newInstance();\n'), why: 'not a DOM, SAX or StAX factory in a local variable' },
  { rule: 'security/py-jwt-verify-disabled', lang: 'python', code: "claims = jwt.decode(token, key, algorithms=['none'])\n", why: 'the algorithm to pin cannot be inferred' },
  { rule: 'security/py-ssh-unknown-host-key', lang: 'python', code: 'from paramiko import AutoAddPolicy\n\nclient.set_missing_host_key_policy(AutoAddPolicy())\n',
    why: 'a bare AutoAddPolicy name: RejectPolicy is not imported' },
];

/** Syntax errors in a parse of `code`: ERROR nodes and nodes the parser had to invent. */
async function syntaxErrors(code: string, lang: Parameters<typeof grammarFor>[0]): Promise<string[]> {
  const grammar = grammarFor(lang);
  assert.ok(grammar, `no grammar for ${lang}`);
  const parsers = await testParsers();
  const found = await parsers.withTree(grammar, code, (tree) => {
    const out: string[] = [];
    const visit = (n: Node): void => {
      if (n.isError || n.isMissing) out.push(`${n.isMissing ? 'missing' : 'error'} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
      if (n.hasError || n.isMissing) for (const c of n.children) visit(c);
    };
    visit(tree.rootNode);
    return out;
  });
  return found ?? ['no tree'];
}

/** The one finding of `rule` on `code`. */
async function only(rule: string, code: string, lang: Parameters<typeof scanRule>[2]): Promise<Finding> {
  const found = await scanRule(rule, code, lang);
  assert.equal(found.length, 1, `${rule} should fire once on:\n${code}\ngot ${found.length}`);
  return found[0]!;
}

test('every fix applies, removes the finding and leaves code that parses', async (t) => {
  for (const c of FIX_CASES) {
    await t.test(`${c.rule}: ${c.title}`, async () => {
      assert.deepEqual(await syntaxErrors(c.before, c.lang), [], 'the example itself must parse');
      const f = await only(c.rule, c.before, c.lang);
      assert.equal(f.fixes?.length, 1, 'exactly one fix, the preferred one');
      const fix = f.fixes[0]!;
      assert.equal(fix.preferred, true);
      assert.equal(fix.title, c.title);
      const after = applyFix(c.before, fix);
      assert.equal(after, c.after);
      assert.deepEqual(await scanRule(c.rule, after, c.lang), [], 'the rule still fires after the fix');
      assert.deepEqual(await syntaxErrors(after, c.lang), [], 'the fix introduced a syntax error');
    });
  }
});

test('no fix is offered where none is safe', async (t) => {
  for (const c of NO_FIX_CASES) {
    await t.test(`${c.rule}: ${c.why}`, async () => {
      const f = await only(c.rule, c.code, c.lang);
      assert.equal(f.fixes, undefined);
    });
  }
});

test('every fix alternative of every built-in rule has a case', async () => {
  const { value } = await builtinPack();
  const missing: string[] = [];
  for (const rule of value.rules) {
    for (const fix of rule.fixes) if (!FIX_CASES.some((c) => c.rule === rule.id && c.title === fix.title)) missing.push(`${rule.id}: ${fix.title}`);
  }
  assert.deepEqual(missing, [], 'add a row to FIX_CASES');
});

test('fix edits never overlap, also where a fix inserts an import next to its other edits', async () => {
  const offsets = (f: Fix) => f.edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character]);
  for (const c of FIX_CASES) {
    const [f] = await scanRule(c.rule, c.before, c.lang);
    const spans = offsets(f!.fixes![0]!).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    for (let i = 1; i < spans.length; i++) {
      const [prev, next] = [spans[i - 1]!, spans[i]!];
      const before = prev[2]! < next[0]! || (prev[2] === next[0] && prev[3]! <= next[1]!);
      const sameStart = prev[0] === next[0] && prev[1] === next[1];
      assert.ok(before && !sameStart, `${c.rule}: edits overlap in ${JSON.stringify(spans)}`);
    }
  }
});
