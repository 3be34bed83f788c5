// NetworkPolicy Lens: Show Output — the server's log.
import type { CommandFactory } from './services';

export const showOutput: CommandFactory = (s) => () => s.ctx.output.show(true);
