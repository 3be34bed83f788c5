// `check --format sarif`: SARIF 2.1.0 that GitHub code scanning accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixture, repoRoot, samplesDir } from '../helpers/paths';
import { runJson } from './runCli';
import { DUPLICATE_KEY_POLICY, makeTree, removeTree } from '../helpers/tree';
import type { FindingJson } from './runCli';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: Region;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string };
          defaultConfiguration: { level: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: PhysicalLocation }[];
      relatedLocations?: { id: number; message: { text: string }; physicalLocation: PhysicalLocation }[];
    }[];
  }[];
}

const SEED = 'samples/seed/seed-policies-as-written.yaml';
const LEVELS = new Set(['error', 'warning', 'note']);

void test('the seed as SARIF: schema, version, tool, one result per finding with 1-based regions', () => {
  const r = runJson<SarifLog>(['check', SEED, 'samples/seed/cluster.yaml', '--format', 'sarif']);
  const json = runJson<FindingJson[]>(['check', SEED, 'samples/seed/cluster.yaml', '--format', 'json']).json;
  assert.equal(r.status, 1);
  assert.equal(r.json.version, '2.1.0');
  assert.equal(r.json.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(r.json.runs.length, 1);
  const run = r.json.runs[0]!;
  assert.equal(run.tool.driver.name, 'netpol-lens');
  assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
  assert.match(run.tool.driver.informationUri, /^https:\/\//);
  assert.equal(run.results.length, json.length);
  run.results.forEach((res, i) => {
    const f = json[i]!;
    assert.equal(res.ruleId, f.code);
    assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId, 'ruleIndex points at the rule');
    assert.equal(res.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
    assert.equal(res.message.text, f.message);
    assert.deepEqual(res.locations[0]!.physicalLocation, {
      artifactLocation: { uri: SEED, uriBaseId: '%SRCROOT%' },
      region: {
        startLine: f.range.start.line + 1,
        startColumn: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
      },
    });
  });
  const pasted = run.results.find((res) => res.ruleId === 'missing-document-separator')!;
  assert.deepEqual(pasted.locations[0]!.physicalLocation.region, {
    startLine: 16,
    startColumn: 1,
    endLine: 16,
    endColumn: 5,
  });
  assert.equal(pasted.relatedLocations![0]!.physicalLocation.region.startLine, 1);
});

void test('every rule is complete, unique, and has a valid default level', () => {
  const run = runJson<SarifLog>(['check', SEED, '--format', 'sarif']).json.runs[0]!;
  const ids = run.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ['duplicate-key', 'missing-document-separator', 'yaml-syntax', 'file-too-large'])
    assert.ok(ids.includes(id), id);
  for (const rule of run.tool.driver.rules) {
    assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
    assert.ok(LEVELS.has(rule.defaultConfiguration.level), rule.id);
  }
});

void test('a clean run is valid SARIF without error results, exit 0', () => {
  const files = ['samples/seed-policies-fixed.yaml', 'samples/seed/cluster.yaml', 'samples/seed/pods.yaml'];
  const r = runJson<SarifLog>(['check', ...files, '--format', 'sarif']);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.json.runs[0]!.results.filter((res) => res.level === 'error'),
    [],
  );
});

void test('URIs: relative to %SRCROOT% with forward slashes and escapes; absolute outside the working directory', () => {
  const nested = runJson<SarifLog>(
    ['check', fixture('cli', 'duplicate-key-policy.yaml'), '--format', 'sarif'],
    {
      cwd: repoRoot,
    },
  );
  assert.deepEqual(nested.json.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation, {
    uri: 'test/fixtures/cli/duplicate-key-policy.yaml',
    uriBaseId: '%SRCROOT%',
  });
  const outside = runJson<SarifLog>(
    ['check', '../../test/fixtures/cli/duplicate-key-policy.yaml', '--format', 'sarif'],
    {
      cwd: samplesDir,
    },
  );
  assert.deepEqual(outside.json.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation, {
    uri: pathToFileURL(fixture('cli', 'duplicate-key-policy.yaml')).href,
  });
  const root = makeTree({ 'with space/p#1.yaml': DUPLICATE_KEY_POLICY });
  try {
    const spaced = runJson<SarifLog>(['check', '.', '--format', 'sarif'], { cwd: root });
    assert.equal(
      spaced.json.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri,
      'with%20space/p%231.yaml',
    );
  } finally {
    removeTree(root);
  }
});
