// NetworkPolicy Lens: Restart Language Server.
import { showError } from '../errors';
import type { CommandFactory } from './services';

export const restartServer: CommandFactory = (s) => async () => {
  try {
    await s.ctx.restart();
  } catch (err) {
    await showError(s.ctx.output, 'The language server did not restart', err);
  }
};
