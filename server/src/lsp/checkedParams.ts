// A request's parameters as the contracts room checked them (protocol/requestParams.ts): the value,
// or the InvalidParams reply carrying the validator's message (the client shows it; the server goes on).
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Checked } from '../protocol/checked';

export function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new ResponseError(ErrorCodes.InvalidParams, checked.error);
  return checked.value;
}
