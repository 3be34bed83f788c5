import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verdictOf } from '../../../../media/src/trace/verdict';
import { backendToDb, hop, sampleTrace, tinyTrace, webToDb } from '../../../helpers/traces';

void describe('verdictOf', () => {
  void it('reads "Dropped by <ns/policy>" for the seed web → db', () => {
    const v = verdictOf(webToDb());
    assert.equal(v.text, 'Dropped by default/db-access-ingress');
    assert.equal(v.lead, 'Dropped by ');
    assert.deepEqual(v.policies, ['default/db-access-ingress']);
    assert.equal(v.note, 'The ingress policies of default/db do not allow this packet entering it.');
  });

  void it('reads "Delivered" for backend → db', () => {
    const v = verdictOf(backendToDb());
    assert.deepEqual([v.kind, v.text, v.policies, v.note], ['delivered', 'Delivered', [], '']);
  });

  void it('lists several policies separated by commas', () => {
    const t = tinyTrace([hop('1', 'eth0')], {
      verdict: 'dropped',
      drop: {
        direction: 'egress',
        pod: 'default/a',
        policies: ['default/p1', 'default/p2'],
        reason: 'policy',
        explanation: [],
      },
    });
    const v = verdictOf(t);
    assert.equal(v.text, 'Dropped by default/p1, default/p2');
    assert.equal(v.note, 'The egress policies of default/a do not allow this packet leaving it.');
  });

  void it('says plainly why a packet dropped for another reason', () => {
    const arp = tinyTrace([hop('1', 'eth0')], {
      verdict: 'dropped',
      to: '10.244.1.99',
      drop: {
        direction: 'ingress',
        pod: '',
        policies: [],
        reason: 'arp-failed',
        explanation: ['nobody has 10.244.1.99'],
      },
    });
    assert.equal(verdictOf(arp).text, 'Dropped: nobody answered ARP for 10.244.1.99');
    assert.equal(verdictOf(arp).note, 'nobody has 10.244.1.99');
    const route = tinyTrace([hop('1', 'eth0')], {
      verdict: 'dropped',
      to: '10.9.9.9',
      drop: { direction: 'egress', pod: '', policies: [], reason: 'no-route', explanation: [] },
    });
    assert.equal(verdictOf(route).text, 'Dropped: no route to 10.9.9.9');
  });

  void it('mentions the drop a policy engine would make when enforcement is off', () => {
    const t = sampleTrace(
      { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' },
      'seed-policies-fixed.yaml',
      false,
    );
    const v = verdictOf(t);
    assert.equal(v.text, 'Delivered');
    assert.equal(
      v.note,
      'Policy enforcement is off (plain flannel). With a policy engine, default/db-access-ingress would drop it (ingress of default/db).',
    );
  });
});
