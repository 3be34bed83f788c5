// Errors reach the user as a notification with a "Show Details" button that opens the output
// channel, where the full message (and the server's log around it) is.
import * as vscode from 'vscode';

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function showError(
  output: vscode.LogOutputChannel,
  summary: string,
  err?: unknown,
): Promise<void> {
  const detail = err === undefined ? summary : `${summary}: ${errorMessage(err)}`;
  output.error(detail);
  const choice = await vscode.window.showErrorMessage(detail, 'Show Details');
  if (choice === 'Show Details') output.show(true);
}
