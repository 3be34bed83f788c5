// A file longer than netpolLens.maxFileSize is not parsed: one information finding at its start says so.
import type { YamlRule } from './rule';

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

export const fileTooLarge: YamlRule & { message(length: number, max: number): string } = {
  info: {
    code: 'file-too-large',
    severity: 'information',
    title: 'File skipped',
    help: 'The file is larger than netpolLens.maxFileSize and was not analysed.',
  },
  message(length, max) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return `Not analysed: the file has ${mb(length)} MB, more than the ${mb(max)} MB limit (setting netpolLens.maxFileSize).`;
  },
};
