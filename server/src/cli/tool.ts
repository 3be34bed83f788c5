// The tool's identity, read from package.json at build time (esbuild inlines it).
import pkg from '../../../package.json';

const repository = (pkg as { repository?: { url?: string } }).repository?.url ?? '';

export const TOOL = {
  name: 'netpol-lens',
  version: pkg.version,
  informationUri:
    (pkg as { homepage?: string }).homepage ?? repository.replace(/^git\+/, '').replace(/\.git$/, ''),
};
