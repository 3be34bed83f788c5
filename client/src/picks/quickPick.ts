// One step of a multi-step quick pick whose items can depend on what is typed (a typed IP address or
// port becomes an item). Resolves to the chosen value, or undefined when the user escapes.
import * as vscode from 'vscode';
import type { Choice } from './traceChoices';
import { acceptedChoice } from './traceChoices';

interface PickStep<T> {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  items(typed: string): Choice<T>[];
}

type Item<T> = vscode.QuickPickItem & { value: T; unavailable?: string };

const toItem = <T>(c: Choice<T>): Item<T> => ({
  label: c.label,
  value: c.value,
  ...(c.unavailable !== undefined ? { unavailable: c.unavailable } : {}),
  ...(c.description ? { description: c.description } : {}),
  ...(c.detail ? { detail: c.detail } : {}),
});

function pick<T>(s: PickStep<T>): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Item<T>>();
  Object.assign(qp, { title: s.title, placeholder: s.placeholder });
  // "(1/1)" after a one-step title says nothing.
  if (s.totalSteps > 1) Object.assign(qp, { step: s.step, totalSteps: s.totalSteps });
  qp.matchOnDescription = true;
  qp.items = s.items('').map(toItem);
  return new Promise<T | undefined>((resolve) => {
    const subscriptions = [
      qp.onDidChangeValue((typed) => (qp.items = s.items(typed).map(toItem))),
      qp.onDidAccept(() => {
        const chosen = acceptedChoice(qp.value, qp.selectedItems[0] ?? qp.activeItems[0], s.items(qp.value));
        if (!chosen) return;
        if (chosen.unavailable !== undefined) {
          void vscode.window.showInformationMessage(chosen.unavailable);
          return;
        }
        resolve(chosen.value);
        qp.hide();
      }),
      qp.onDidHide(() => {
        resolve(undefined);
        for (const d of subscriptions) d.dispose();
        qp.dispose();
      }),
    ];
    qp.show();
  });
}

/** The steps of one multi-step pick: `ask(n, placeholder, items)` shows step n of `totalSteps`. */
export function steps(title: string, totalSteps: number) {
  return <T>(
    step: number,
    placeholder: string,
    items: (typed: string) => Choice<T>[],
  ): Promise<T | undefined> => pick({ title, step, totalSteps, placeholder, items });
}
