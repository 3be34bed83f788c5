// The matrix's "Allow…" buttons: one under each denied or partly denied cell (none under allowed,
// self or faded cells), naming a workload as kind/ns/name (every replica) and a pod by its key; in
// the declared-ports mode with the refused port the cell traces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matrixView } from '../../../../media/src/matrix/grid';
import { walk } from '../../../../media/src/shared/el';
import type { El } from '../../../../media/src/shared/el';
import type { ViewMatrix } from '../../../../server/src/protocol/requests';

const allows = (el: El) =>
  [...walk(el)]
    .filter((e) => e.tag === 'button' && e.attrs.class === 'intent-allow')
    .map((e) => [e.attrs['data-from'], e.attrs['data-to'], e.attrs['data-port'], e.attrs['data-protocol']]);

const pods: ViewMatrix = {
  mode: 'port',
  protocol: 'TCP',
  port: 5432,
  pods: ['default/backend', 'default/db', 'default/web'],
  owners: [null, null, null],
  allowed: [['default/backend', 'default/db']],
  classes: 3,
};

void test('one "Allow…" per denied pod pair, none on allowed or self cells, none when faded', () => {
  assert.deepEqual(allows(matrixView(pods, { expanded: new Set(), allowedOnly: false })), [
    ['default/backend', 'default/web', undefined, undefined],
    ['default/db', 'default/backend', undefined, undefined],
    ['default/db', 'default/web', undefined, undefined],
    ['default/web', 'default/backend', undefined, undefined],
    ['default/web', 'default/db', undefined, undefined],
  ]);
  assert.deepEqual(allows(matrixView(pods, { expanded: new Set(), allowedOnly: true })), []);
});

void test('a workload cell allows the workload; the declared-ports mode names the refused port', () => {
  const shop: ViewMatrix = {
    mode: 'declared',
    protocol: 'TCP',
    port: 0,
    pods: ['shop/api-1', 'shop/api-2', 'shop/web-1'],
    owners: ['Deployment/api', 'Deployment/api', 'Deployment/web'],
    allowed: [],
    classes: 2,
    declared: { ports: [{ port: 8080, protocol: 'TCP' }], of: [[0], [0], []], partial: [] },
  };
  assert.deepEqual(allows(matrixView(shop, { expanded: new Set(), allowedOnly: false })), [
    ['deployment/shop/api', 'deployment/shop/api', '8080', 'TCP'],
    ['deployment/shop/web', 'deployment/shop/api', '8080', 'TCP'],
  ]);
});
