import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  escapeMarkdown,
  explainMarkdown,
  explainPath,
  rootPathOf,
} from '../../../../client/src/explain/explainMarkdown';

void describe('explanation markdown', () => {
  void it('renders the policy, summary and details', () => {
    const md = explainMarkdown({
      policy: 'default/db',
      summary: 'Isolates db for ingress.',
      details: ['Allows backend on any port'],
    });
    assert.equal(
      md,
      '# NetworkPolicy default/db\n\nIsolates db for ingress\\.\n\n- Allows backend on any port\n',
    );
  });

  void it('links to the line where the policy starts, by its path in the workspace folder', () => {
    const result = { policy: 'data/postgres', summary: 'Isolates postgres.', details: [] };
    const source = { label: 'my policies/data.yaml', line: 18 };
    assert.equal(
      explainMarkdown(result, { ...source, rootPath: '/my policies/data.yaml' }),
      '# NetworkPolicy data/postgres\n\nDefined in [my policies/data\\.yaml, line 19](/my%20policies/data.yaml#L19)\n\nIsolates postgres\\.\n\n',
    );
    assert.match(explainMarkdown(result, source), /\nDefined in my policies\/data\\\.yaml, line 19\n/);
  });

  // The first workspace folder, a file → the link path; the preview joins it to the first folder.
  const file = (p: string, authority = '') => ({ scheme: 'file', authority, path: p });
  const links: [string, string, ReturnType<typeof file>, string | undefined][] = [
    ['in the first folder', '/work/shop', file('/work/shop/policies/data.yaml'), '/policies/data.yaml'],
    [
      'in a second folder beside it',
      '/work/shop',
      file('/work/seed/policies.yaml'),
      '/../seed/policies.yaml',
    ],
    [
      'in a folder elsewhere',
      '/work/shop/',
      file('/srv/k8s/team a/np.yaml'),
      '/../../srv/k8s/team a/np.yaml',
    ],
    ['in a folder inside the first', '/work', file('/work/shop/data.yaml'), '/shop/data.yaml'],
    [
      'in a folder whose name starts like the first',
      '/work/shop',
      file('/work/shop2/np.yaml'),
      '/../shop2/np.yaml',
    ],
    ['on another machine', '/work/shop', file('/work/seed/np.yaml', 'host'), undefined],
    ['of another scheme', '/work/shop', { scheme: 'untitled', authority: '', path: 'Untitled-1' }, undefined],
  ];
  for (const [where, first, target, expected] of links)
    void it(`links to a policy file ${where} through the first workspace folder`, () => {
      const link = rootPathOf(target, file(first));
      assert.equal(link, expected);
      if (link !== undefined) assert.equal(path.posix.join(first, link), target.path);
    });

  void it('escapes markup from workspace strings', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    assert.equal(escapeMarkdown('a\nb'), 'a b');
  });

  void it('names the virtual document after the policy with safe characters', () => {
    assert.equal(explainPath('default/db-access-ingress'), '/default/db-access-ingress.md');
    assert.equal(explainPath('x/<y>?#'), '/x/_y___.md');
  });
});
