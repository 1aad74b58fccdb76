/**
 * The server's workspace folders (server/src/lsp/workspaceRoots.ts): the
 * deepest folder holding a file, folder changes, and paths relative to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceRoots, relativePath } from '../../../server/src/lsp/workspaceRoots';

test('workspace roots: the deepest folder holds a file; other files fall back to their own folder', () => {
  const base = path.resolve('/tmp/argus-roots');
  const outer = path.join(base, 'repo');
  const inner = path.join(base, 'repo', 'packages', 'web');
  const roots = new WorkspaceRoots();
  roots.reset([pathToFileURL(outer).href, pathToFileURL(inner).href, 'untitled:Untitled-1']);
  assert.deepEqual(roots.all, [outer, inner], 'only file: folders are served');
  assert.equal(roots.rootFor(path.join(inner, 'src', 'a.ts')), inner);
  assert.equal(roots.rootFor(path.join(outer, 'tools', 'b.py')), outer);
  assert.equal(roots.rootFor(path.join(base, 'repository', 'c.js')), path.join(base, 'repository'), 'a folder name that only starts the same is not a parent');
  assert.deepEqual(roots.locate(path.join(inner, 'src', 'a.ts')), { root: inner, relativePath: 'src/a.ts' });
  roots.change([pathToFileURL(path.join(base, 'other')).href], [pathToFileURL(inner).href]);
  assert.deepEqual(roots.all, [outer, path.join(base, 'other')]);
  assert.equal(roots.rootFor(path.join(inner, 'src', 'a.ts')), outer);
  assert.equal(relativePath(outer, path.join(outer, 'x', 'y.go')), 'x/y.go');
});
