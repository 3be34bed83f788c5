// The static page each webview starts from (pure): a strict Content-Security-Policy, the view's
// stylesheets and its one script, all from media/. No workspace data is ever put into this HTML;
// it arrives later by postMessage.
import type { ViewKind } from '../../../server/src/protocol/webview';

export interface PageInput {
  view: ViewKind;
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** Webview URIs (already converted with asWebviewUri). */
  script: string;
  styles: readonly string[];
  /** Static, extension-chosen title (never workspace data). */
  title: string;
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
};
export const escapeAttr = (s: string): string => s.replace(/[&"<>']/g, (c) => ATTR_ESCAPES[c] ?? c);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewHtml(p: PageInput): string {
  const links = p.styles.map((href) => `  <link rel="stylesheet" href="${escapeAttr(href)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(p.cspSource, p.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
  <title>${escapeAttr(p.title)}</title>
</head>
<body data-view="${escapeAttr(p.view)}">
  <main id="app" aria-busy="true"><p class="meta">Loading…</p></main>
  <script nonce="${escapeAttr(p.nonce)}" src="${escapeAttr(p.script)}"></script>
</body>
</html>
`;
}

const NONCE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh nonce per page, from a source of random bytes (crypto in the extension). */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
  return Array.from(randomBytes(32), (b) => NONCE_CHARS[b % NONCE_CHARS.length]).join('');
}
