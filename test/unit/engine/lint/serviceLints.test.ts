// The Service lints: a policy port that is a Service port while the pods serve another targetPort
// (with its fix), ipBlocks aimed at ClusterIPs, ingress ipBlocks behind a masquerading NodePort, and
// the findings on Service objects themselves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { findingOf, lints, POLICY_HEAD as H, show, workspace } from './helpers';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: 10.96.7.7
  selector:
    role: db
  ports:
    - name: sql
      port: 6543
      targetPort: postgres
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    role: web
  ports:
    - port: 80
      targetPort: http
`;

const dbIngress = (ports: string) =>
  `${H}  name: db-in\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: backend\n    ports:\n${ports}`;

void describe('service-port-not-target-port', () => {
  void it('names the Service, both ports and the port name on an ingress port; the fix writes the targetPort name', () => {
    const ws = workspace({ 'svc.yaml': SERVICE, 'p.yaml': dbIngress('    - port: 6543\n') });
    assert.deepEqual(lints(ws, 'p.yaml'), [
      'service-port-not-target-port 15:13-15:17 Port 6543 is the port (named "sql") of Service default/db, but the pods this policy selects behind it (default/db) serve it on targetPort 5432: kube-proxy rewrites 10.96.7.7:6543 to the pod\'s address and 5432 before any policy check, so this rule never allows traffic through the Service. Use port 5432 or its name "postgres".',
    ]);
    const f = findingOf(ws, 'p.yaml', 'service-port-not-target-port');
    assert.equal(f.related?.[0]?.file, 'svc.yaml');
    assert.equal(f.fixes?.[0]?.title, 'Use the targetPort "postgres" (5432) of Service default/db');
    const fixed = applyEdits(dbIngress('    - port: 6543\n'), f.fixes![0]!.edits);
    assert.equal(fixed, dbIngress('    - port: postgres\n'));
    assert.deepEqual(lints(workspace({ 'svc.yaml': SERVICE, 'p.yaml': fixed }), 'p.yaml'), []);
  });

  void it('on egress towards the Service pods, and never when the pods serve the written port', () => {
    const egress = `${H}  name: backend-out\nspec:\n  podSelector:\n    matchLabels:\n      role: backend\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          role: db\n    ports:\n    - port: 6543\n    - port: 5432\n  - ports:\n    - {protocol: UDP, port: 53}\n`;
    const found = lints(workspace({ 'svc.yaml': SERVICE, 'p.yaml': egress }), 'p.yaml');
    assert.deepEqual(
      found.map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['service-port-not-target-port 16:13-16:17'],
    );
    assert.match(found[0]!, /the destination pods of this egress rule behind it \(default\/db\)/);
  });
});

void describe('ipBlocks and Services', () => {
  void it('ipblock-service-ip: a block on a ClusterIP names the Service and its endpoints', () => {
    const p = `${H}  name: backend-out\nspec:\n  podSelector:\n    matchLabels:\n      role: backend\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.96.7.7/32\n  - ports:\n    - {protocol: UDP, port: 53}\n`;
    const found = lints(workspace({ 'svc.yaml': SERVICE, 'p.yaml': p }), 'p.yaml');
    assert.equal(found.length, 1);
    assert.match(
      found[0]!,
      /^ipblock-service-ip 13:15-13:27 ipBlock 10\.96\.7\.7\/32 is the ClusterIP 10\.96\.7\.7 of Service default\/db: kube-proxy rewrites ClusterIPs to endpoint pod addresses before any policy check, so this ipBlock never matches traffic to a Service: its endpoints: default\/db 10\.244\.1\.\d+\. Select those pods with a podSelector instead\.$/,
    );
  });

  void it('ipblock-service-ip: a block containing ClusterIPs says so and names a Service that has endpoints', () => {
    const empty = `apiVersion: v1\nkind: Service\nmetadata:\n  name: aaa\nspec:\n  clusterIP: 10.96.0.50\n  selector:\n    role: none\n  ports:\n    - port: 80\n`;
    const p = `${H}  name: web-in\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.96.0.0/12\n`;
    const found = lints(workspace({ 'svc.yaml': `${empty}---\n${SERVICE}`, 'p.yaml': p }), 'p.yaml');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0]!,
      /^ipblock-service-ip 12:15-12:27 ipBlock 10\.96\.0\.0\/12 contains the ClusterIP 10\.96\.7\.7 of Service default\/db \(and 2 more\): .*: its endpoints: default\/db 10\.244\.1\.\d+\. Select those pods with a podSelector instead\.$/,
    );
  });

  void it('ipblock-client-masqueraded: an ingress block for outside clients behind a NodePort with Cluster', () => {
    const p = `${H}  name: partners\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 203.0.113.0/24\n`;
    const ws = workspace({ 'svc.yaml': SERVICE, 'p.yaml': p });
    assert.deepEqual(lints(ws, 'p.yaml'), [
      "ipblock-client-masqueraded 12:15-12:29 The pods this policy selects are behind NodePort Service default/web with externalTrafficPolicy Cluster: kube-proxy masquerades clients coming through it to a node address, so ipBlock 203.0.113.0/24 does not match them and they are dropped. Set `externalTrafficPolicy: Local` on default/web to keep client addresses (or allow the nodes' addresses).",
    ]);
    const local = workspace({
      'svc.yaml': SERVICE.replace('type: NodePort', 'type: NodePort\n  externalTrafficPolicy: Local'),
      'p.yaml': p,
    });
    assert.deepEqual(lints(local, 'p.yaml'), []);
  });
});

void describe('findings on Service objects', () => {
  const bad = `apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  clusterIP: 10.200.0.5
  selector:
    role: nothing
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  type: NodePort
  clusterIP: 10.96.7.7
  selector:
    role: web
  ports:
    - port: 80
      targetPort: www
      nodePort: 80
`;
  const found = workspace({
    'svc.yaml': SERVICE,
    'bad.yaml': bad,
    'other-ns.yaml': bad.replace(/name: a\n/, 'name: a\n  namespace: empty\n').split('---')[0]!,
  })
    .findings('bad.yaml')
    .map(show);

  void it('reports what the API server refuses as errors at the value written', () => {
    assert.deepEqual(
      found
        .filter((f) => /^service-(cluster-ip|node-port)/.test(f))
        .map((f) => f.split(' ').slice(0, 2).join(' ')),
      [
        'service-cluster-ip-invalid 6:14-6:24',
        'service-cluster-ip-duplicate 18:14-18:23',
        'service-node-port-invalid 24:17-24:19',
      ],
    );
    assert.ok(found.some((f) => f.includes("clusterIP 10.96.7.7 is already Service default/db's")));
  });

  void it('an ExternalName needs a DNS name (a trailing dot allowed), as the API server checks it', () => {
    const ext = (name: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: payments\nspec:\n  type: ExternalName\n${name}`;
    const codes = (name: string) =>
      workspace({ 'ext.yaml': ext(name) })
        .findings('ext.yaml')
        .map(show)
        .filter((f) => f.startsWith('service-external-name-invalid'));
    assert.deepEqual(codes('  externalName: api.example.com.\n'), []);
    assert.deepEqual(codes('  externalName: "not a host!"\n'), [
      `service-external-name-invalid 7:17-7:30 externalName "not a host!" is not a DNS name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com'). The API server refuses the Service; cluster DNS would answer its name with a CNAME to this.`,
    ]);
    assert.deepEqual(codes(''), [
      'service-external-name-invalid 4:9-4:17 Service default/payments has type ExternalName but no spec.externalName: the API server refuses it. Give the DNS name the Service stands for (e.g. db.example.com).',
    ]);
  });

  void it('warns about a selector matching no pod and a targetPort name no selected pod declares', () => {
    assert.deepEqual(
      found.filter((f) => /^service-(selects|target)/.test(f)),
      [
        "service-selects-nothing 8:5-8:18 Service default/a selects no pod: no pod of namespace default has the labels role=nothing. It has no endpoints, so kube-proxy rejects every connection to it; check the selector against the pods' labels.",
        'service-target-port-unknown 23:19-23:22 targetPort "www" names no container port of the pod Service default/b selects (they name http (80/TCP)): none of them is an endpoint for port 80/TCP. Name a container port they declare, or give the number.',
      ],
    );
  });
});
