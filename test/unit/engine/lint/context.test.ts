import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortName } from '../../../../server/src/engine/lint/context';

void test('another file is named below the folder both files share, decoded', () => {
  const cases: [string, string, string][] = [
    ['file:///tmp/ws/b.yaml', 'file:///tmp/ws/a.yaml', 'b.yaml'],
    ['file:///tmp/ws/team%20b/p.yaml', 'file:///tmp/ws/team-a/p.yaml', 'team b/p.yaml'],
    ['samples/x.yaml', 'samples/y.yaml', 'x.yaml'],
    ['b.yaml', 'a.yaml', 'b.yaml'],
    ['k8s/prod/p.yaml', 'k8s/p.yaml', 'prod/p.yaml'],
    ['file:///tmp/ws/100%.yaml', 'file:///tmp/ws/a.yaml', '100%.yaml'],
  ];
  for (const [file, from, expected] of cases) assert.equal(shortName(file, from), expected, file);
});
