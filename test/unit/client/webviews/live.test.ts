import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataMessage } from '../../../../server/src/protocol/webview';
import { besideEditor, traceColumnBeside } from '../../../../client/src/webviews/columns';
import type { LiveEnv, LiveSpec } from '../../../../client/src/webviews/live';
import { LiveView } from '../../../../client/src/webviews/live';

/** A request the test settles by hand, so the order in which runs finish is the test's choice. */
interface Pending {
  params: number;
  resolve(value: string): void;
  reject(err: Error): void;
}

function setup() {
  const pending: Pending[] = [];
  const events: string[] = [];
  const spec: LiveSpec<number, string> = {
    view: 'topology',
    title: (p) => `view ${p}`,
    resultTitle: (r) => (r === 'untitled' ? undefined : `done ${r}`),
    progress: (p) => `working on ${p}`,
    commandProgress: 'notification',
    request: (params) => new Promise((resolve, reject) => pending.push({ params, resolve, reject })),
    message: (r, p) => ({ type: 'busy', note: `${p}:${r}` }) as unknown as DataMessage,
    failure: { notify: 'It failed', log: 'thing' },
    handlers: () => ({}),
    restore: () => undefined,
    reuses: () => true,
  };
  const env: LiveEnv = {
    setTitle: (t) => events.push(`title ${t}`),
    host: {
      busy: () => events.push('busy'),
      show: (m) => events.push(`show ${(m as unknown as { note: string }).note}`),
    },
    progress: (where, title, task) => (events.push(`progress ${where} ${title}`), task()),
    notify: async (summary, err) => void events.push(`notify ${summary}: ${(err as Error).message}`),
    log: (m) => events.push(`log ${m}`),
  };
  return { pending, events, view: new LiveView(spec, env, 1) };
}

const tick = () => new Promise((r) => setImmediate(r));

void describe('LiveView', () => {
  void it('marks the view busy, runs with progress and shows the answer under its title', async () => {
    const { pending, events, view } = setup();
    const run = view.run('command');
    pending[0]!.resolve('a');
    assert.equal(await run, 'a');
    assert.deepEqual(events, [
      'title view 1',
      'busy',
      'progress notification working on 1',
      'title done a',
      'show 1:a',
    ]);
  });

  void it('shows only the newest run when an older one finishes last', async () => {
    const { pending, events, view } = setup();
    const first = view.run('refresh');
    view.params = 2;
    const second = view.run('refresh');
    pending[1]!.resolve('new');
    await second;
    pending[0]!.resolve('old');
    assert.equal(await first, 'old');
    assert.deepEqual(
      events.filter((e) => e.startsWith('show')),
      ['show 2:new'],
    );
    assert.deepEqual(
      pending.map((p) => p.params),
      [1, 2],
    );
  });

  void it('notifies a failure of a run the user asked for, logs one of a refresh', async () => {
    const { pending, events, view } = setup();
    const asked = view.run('command');
    pending[0]!.reject(new Error('server gone'));
    assert.equal(await asked, undefined);
    const refresh = view.run('refresh');
    pending[1]!.reject(new Error('still gone'));
    await refresh;
    assert.deepEqual(
      events.filter((e) => /^(notify|log|progress)/.test(e)),
      [
        'progress notification working on 1',
        'notify It failed: server gone',
        'progress window working on 1',
        'log thing: still gone',
      ],
    );
  });

  void it('keeps the title when the answer has none, shows nothing once retired', async () => {
    const { pending, events, view } = setup();
    const run = view.run('refresh');
    pending[0]!.resolve('untitled');
    await run;
    assert.deepEqual(events.slice(-2), ['progress window working on 1', 'show 1:untitled']);
    const late = view.run('refresh');
    view.retire();
    pending[1]!.resolve('late');
    await late;
    await tick();
    assert.equal(events.filter((e) => e.startsWith('show')).length, 1);
  });
});

void describe('traceColumnBeside', () => {
  const table: [number | undefined, number[], number, string][] = [
    [2, [1], 1, 'the matrix beside the YAML: the trace goes to the YAML column'],
    [2, [1, 2], 1, 'an editor in the matrix column too: still the other one'],
    [1, [], 2, 'the matrix alone in the first column: the second'],
    [undefined, [], 2, 'the matrix column unknown: the second'],
    [2, [], 1, 'the matrix alone in the second column: the first'],
    [3, [3, 2], 2, 'three columns already: an existing one, never a new one'],
  ];
  for (const [matrix, editors, want, why] of table)
    void it(why, () => assert.equal(traceColumnBeside(matrix, editors), want));
});

void describe('besideEditor', () => {
  void it('opens beside the editor without adding a column', () => {
    assert.deepEqual(
      [besideEditor(1), besideEditor(2), besideEditor(3), besideEditor(undefined)],
      [2, 1, 1, undefined],
    );
  });
});
