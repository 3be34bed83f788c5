import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import { viewTypes } from '../../../client/src/config';
import { SHOW_CHANGES_COMMAND } from '../../../server/src/lsp/changeLens';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';
import { LINT_RULES } from '../../../server/src/engine/lint/rules';
import { repoRoot } from '../../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const properties: Record<string, { default?: unknown; markdownDescription?: string; description?: string }> =
  contributes.configuration.properties;

void describe('package.json contributions', () => {
  void it('contributes every registered command under the category, and activates on it', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...contributed].sort(), [...COMMAND_IDS].sort());
    for (const c of contributes.commands) assert.equal(c.category, 'NetworkPolicy Lens', c.command);
    for (const id of COMMAND_IDS) assert.ok(pkg.activationEvents.includes(`onCommand:${id}`), id);
    const titles = Object.fromEntries(
      contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]),
    );
    assert.equal(titles['netpolLens.tracePacket'], 'Trace Packet…');
    assert.equal(titles['netpolLens.showMatrix'], 'Show Reachability Matrix');
    assert.equal(titles['netpolLens.tracePacketFromPod'], 'Trace Packet from this Pod…');
    assert.equal(titles['netpolLens.tracePacketFromWorkload'], 'Trace Packet from this workload…');
    assert.equal(titles['netpolLens.tracePacketToService'], 'Trace Packet to this Service…');
    // The server's change CodeLens runs this command: it must exist.
    assert.ok((COMMAND_IDS as readonly string[]).includes(SHOW_CHANGES_COMMAND));
    assert.equal(titles['netpolLens.showChanges'], 'Show Reachability Changes');
  });

  void it('offers the trace from the object at the cursor in the editor menu, per kind', () => {
    const menu = contributes.menus['editor/context'] as { command: string; when: string }[];
    const when = (id: string) => menu.find((m) => m.command === id)?.when;
    assert.equal(when('netpolLens.tracePacketFromPod'), 'editorLangId == yaml && netpolLens.cursorOnPod');
    assert.equal(
      when('netpolLens.tracePacketFromWorkload'),
      'editorLangId == yaml && netpolLens.cursorOnWorkload',
    );
    assert.equal(
      when('netpolLens.tracePacketToService'),
      'editorLangId == yaml && netpolLens.cursorOnService',
    );
    const palette = contributes.menus.commandPalette as { command: string; when: string }[];
    assert.equal(
      palette.find((m) => m.command === 'netpolLens.tracePacketToService')?.when,
      'editorLangId == yaml && netpolLens.cursorOnService',
    );
  });

  void it('activates on YAML, JSON and every restorable webview', () => {
    for (const e of [
      'onLanguage:yaml',
      'onLanguage:json',
      ...Object.values(viewTypes).map((v) => `onWebviewPanel:${v}`),
    ])
      assert.ok(pkg.activationEvents.includes(e), e);
  });

  void it('describes every setting the server reads, with the server defaults', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const p = properties[`netpolLens.${key}`];
      assert.ok(p, `netpolLens.${key}`);
      assert.deepEqual(p.default, value, key);
    }
    for (const [key, p] of Object.entries(properties))
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 30, key);
  });

  void it('offers a severity for every lint code, defaulting to the registry', () => {
    const lint = properties['netpolLens.lint'] as {
      properties: Record<string, { default: string; enum: string[] }>;
    };
    assert.deepEqual(Object.keys(lint.properties).sort(), LINT_RULES.map((r) => r.code).sort());
    for (const r of LINT_RULES) {
      assert.equal(lint.properties[r.code]?.default, r.severity, r.code);
      assert.deepEqual(lint.properties[r.code]?.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
  });

  void it('declares limited support in untrusted workspaces and none in virtual ones', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'netpolLens.extraTopologyPaths',
    ]);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  });

  void it('injects the grammar into YAML and ships a walkthrough whose media exist', () => {
    assert.deepEqual(contributes.grammars, [
      {
        scopeName: 'netpol-lens.injection',
        path: './syntaxes/netpol.injection.tmLanguage.json',
        injectTo: ['source.yaml'],
      },
    ]);
    const steps = contributes.walkthroughs[0].steps as { media: { markdown: string }; description: string }[];
    for (const step of steps)
      assert.ok(fs.existsSync(path.join(repoRoot, step.media.markdown)), step.media.markdown);
    const trace = steps.find((s) => s.description.includes('command:netpolLens.tracePacket?'));
    const arg = /command:netpolLens\.tracePacket\?([^)]+)\)/.exec(trace?.description ?? '')?.[1] ?? '';
    assert.deepEqual(JSON.parse(decodeURIComponent(arg)), [
      { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' },
    ]);
  });

  void it('walkthrough: a title that fits its header, and a link for everything it mentions', () => {
    const w = contributes.walkthroughs[0] as {
      title: string;
      steps: { description: string; media: { markdown: string } }[];
    };
    // The Welcome page shows a walkthrough's title on one line of its narrow header column.
    assert.ok(w.title.length <= 25, w.title);
    const texts = w.steps.flatMap((s) => [
      s.description,
      fs.readFileSync(path.join(repoRoot, s.media.markdown), 'utf8'),
    ]);
    const links = texts.flatMap((t) => [...t.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const workbench = [
      'workbench.action.quickOpen',
      'workbench.action.openSettings',
      'workbench.actions.view.problems',
    ];
    for (const link of links) {
      const [, id, arg] = /^command:([\w.]+)(?:\?(.*))?$/.exec(link) ?? [];
      assert.ok(id && (commands.has(id) || workbench.includes(id)), link);
      const value: unknown = arg === undefined ? undefined : JSON.parse(decodeURIComponent(arg));
      if (id === 'workbench.action.openSettings') assert.ok(properties[value as string], link);
      if (id === 'workbench.action.quickOpen') {
        const file = value as string;
        const found = ['seed', 'shop'].some((d) => fs.existsSync(path.join(repoRoot, 'samples', d, file)));
        assert.ok(found, `${file} is in a sample`);
      }
    }
    // Outside links, no command title, setting or file name is left for the user to look for.
    const titles = contributes.commands.map((c: { title: string }) => c.title.replace('…', ''));
    for (const t of texts) {
      const bare = t.replace(/\[[^\]]*\]\([^)]*\)/g, '');
      for (const title of titles)
        assert.ok(!bare.includes(title), `"${title}" unlinked in: ${t.slice(0, 60)}`);
      assert.doesNotMatch(bare, /netpolLens\.\w+|[\w/-]+\.yaml/, t.slice(0, 60));
    }
  });

  void it('packages with an allow-list that ships the bundles, media and grammar only', () => {
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
    assert.equal(
      ignore.find((l) => l && !l.startsWith('#')),
      '**',
    );
    for (const keep of [
      '!client/out/extension.js',
      '!server/out/server.js',
      '!media/out/*.js',
      '!syntaxes/*.json',
      '!LICENSE',
    ])
      assert.ok(ignore.includes(keep), keep);
    assert.match(
      pkg.scripts.package,
      /^node scripts\/build\.mjs --production && vsce package --no-dependencies --no-rewrite-relative-links -o netpol-lens-\$npm_package_version\.vsix$/,
    );
    assert.equal(pkg.icon, 'media/icon.png');
    assert.ok(fs.existsSync(path.join(repoRoot, 'media', 'icon.png')));
  });
});
