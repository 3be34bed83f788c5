import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contentSecurityPolicy,
  escapeAttr,
  makeNonce,
  webviewHtml,
} from '../../../../client/src/webviews/html';

const page = webviewHtml({
  view: 'trace',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  script: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/out/trace.js',
  styles: ['https://x/media/common.css', 'https://x/media/trace.css'],
  title: 'Packet trace',
});

void describe('webview page', () => {
  void it('has the strict CSP: nonce scripts, styles and images only from the extension', () => {
    assert.equal(
      contentSecurityPolicy('vscode-src', 'n0nce'),
      "default-src 'none'; img-src vscode-src data:; script-src 'nonce-n0nce'; style-src vscode-src; font-src vscode-src",
    );
    assert.ok(
      page.includes(
        `content="default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; script-src 'nonce-abc123';`.replace(
          /'/g,
          '&#39;',
        ),
      ),
    );
    assert.ok(!/unsafe-inline|unsafe-eval/.test(page));
  });

  void it('loads exactly one script, with the nonce, and no inline script or style', () => {
    const scripts = page.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [
      '<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/out/trace.js">',
    ]);
    assert.ok(page.includes('</script>'));
    assert.ok(!/<style|style=/.test(page));
    assert.equal((page.match(/<link rel="stylesheet"/g) ?? []).length, 2);
    assert.ok(page.includes('<main id="app" aria-busy="true">'));
  });

  void it('escapes attribute values', () => {
    assert.equal(escapeAttr(`"><script>'&`), '&quot;&gt;&lt;script&gt;&#39;&amp;');
  });

  void it('makes 32-character alphanumeric nonces from random bytes', () => {
    const nonce = makeNonce((n) => Uint8Array.from({ length: n }, (_, i) => i * 7));
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(
      nonce,
      makeNonce((n) => Uint8Array.from({ length: n }, (_, i) => i * 11)),
    );
  });
});
