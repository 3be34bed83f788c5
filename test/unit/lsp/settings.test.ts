import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/lsp/settings';

void test('settings: bad values fall back to defaults, lint levels are checked', () => {
  assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(parseSettings('nonsense'), DEFAULT_SETTINGS);
  const s = parseSettings({
    policyEnforcement: 'off',
    nodeCount: 0,
    extraTopologyPaths: ['/a', 7, '', '/b'],
    lint: { 'deny-all': 'off', 'allow-all': 'loud', 'policy-selects-nothing': 'error' },
    maxFileSize: 1.5,
    kubectlWorkflow: 'replace',
    serviceCIDR: '10.96.0.0/33',
  });
  assert.deepEqual(s, {
    policyEnforcement: 'off',
    nodeCount: 2,
    extraTopologyPaths: ['/a', '/b'],
    lint: { 'deny-all': 'off', 'policy-selects-nothing': 'error' },
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    kubectlWorkflow: 'apply',
    serviceCIDR: '10.96.0.0/12',
  });
  assert.equal(parseSettings({ kubectlWorkflow: 'create' }).kubectlWorkflow, 'create');
  assert.equal(parseSettings({ serviceCIDR: ' 172.20.0.0/16 ' }).serviceCIDR, '172.20.0.0/16');
});
