import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, explainMarkdown, explainPath } from '../../../../client/src/explain/explainMarkdown';

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
