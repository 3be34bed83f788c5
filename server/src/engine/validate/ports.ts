// Policy ports, as ValidateNetworkPolicyPort checks them: protocol TCP, UDP or SCTP; port a number from
// 1 to 65535 or an IANA service name (a quoted number is a name, and an invalid one); endPort only
// after a numeric port, not below it and not above 65535.
import type { RuleInfo } from '../rules';
import type { YMap, YNode, YScalar } from '../yamlTree';
import { pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { replaceNode, replaceString } from './fixes';
import { isPortNumber, isProtocol, PORT_MAX } from '../../protocol/values';
import { portNameErrors } from './formats';
import type { StructCheck } from './walk';
import { asInteger, isNull, k8sScalar } from './values';

export const INVALID_PROTOCOL: RuleInfo = {
  code: 'invalid-protocol',
  severity: 'error',
  title: 'Invalid protocol',
  help: '`protocol` must be exactly `TCP`, `UDP` or `SCTP` (upper case); omitted, it defaults to TCP. The quick fix corrects the case.',
};

export const INVALID_PORT: RuleInfo = {
  code: 'invalid-port',
  severity: 'error',
  title: 'Invalid port',
  help: '`port` must be a number from 1 to 65535 or the name of a container port: at most 15 lowercase alphanumerics and `-`, with at least one letter, not starting or ending with `-` and without `--`.',
};

export const QUOTED_PORT_NUMBER: RuleInfo = {
  code: 'quoted-port-number',
  severity: 'error',
  title: 'Port number in quotes',
  help: 'A quoted number such as `"80"` is a port *name* to the API server, and names need a letter, so it is rejected. Write the number without quotes; the quick fix removes them.',
};

export const INVALID_END_PORT: RuleInfo = {
  code: 'invalid-end-port',
  severity: 'error',
  title: 'Invalid endPort',
  help: '`endPort` makes a range from `port` to `endPort`: it needs a numeric `port`, must be greater than or equal to it, and at most 65535.',
};

export const PORT_RULES: readonly RuleInfo[] = [
  INVALID_PROTOCOL,
  INVALID_PORT,
  QUOTED_PORT_NUMBER,
  INVALID_END_PORT,
];

function checkProtocol(port: YMap, ctx: ValidationContext): void {
  const node = pairOf(port, 'protocol')?.value;
  if (isNull(node) || node!.kind !== 'scalar') return;
  const v = k8sScalar(node!);
  if (typeof v !== 'string' || isProtocol(v)) return;
  const upper = v.trim().toUpperCase();
  const fix = isProtocol(upper) ? ctx.fix(`Change to ${upper}`, replaceString(ctx, node!, upper)) : undefined;
  ctx.report(
    INVALID_PROTOCOL,
    node!,
    `\`${ctx.path('protocol')}\`: Unsupported value ${JSON.stringify(v)}: supported values are "TCP", "UDP" and "SCTP" (case-sensitive).${fix ? ` Write \`${upper}\`.` : ''}`,
    { fixes: [fix] },
  );
}

/** What `port` holds: a number, a name, or a quoted number. */
type PortValue =
  | { kind: 'number'; n: number }
  | { kind: 'name'; s: string }
  | { kind: 'quoted'; n: number }
  | { kind: 'none' };

function portValue(node: YNode | null | undefined): PortValue {
  if (isNull(node) || node!.kind !== 'scalar') return { kind: 'none' };
  const v = k8sScalar(node!);
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'number', n: v } : { kind: 'none' };
  if (typeof v !== 'string') return { kind: 'none' };
  return /^[0-9]+$/.test(v) ? { kind: 'quoted', n: Number(v) } : { kind: 'name', s: v };
}

function checkPort(port: YMap, value: PortValue, ctx: ValidationContext): void {
  const node = pairOf(port, 'port')?.value as YScalar | undefined;
  const path = () => ctx.path('port');
  if (value.kind === 'number' && !isPortNumber(value.n)) {
    ctx.report(INVALID_PORT, node!, `\`${path()}\` ${value.n} must be between 1 and 65535, inclusive.`);
  } else if (value.kind === 'quoted') {
    const end = asInteger(pairOf(port, 'endPort')?.value);
    const ok = isPortNumber(value.n) && (end === undefined || (end >= value.n && end <= PORT_MAX));
    const fix = ok ? ctx.fix(`Change to ${value.n}`, replaceNode(ctx, node!, String(value.n))) : undefined;
    ctx.report(
      QUOTED_PORT_NUMBER,
      node!,
      `\`${path()}\` is the string ${JSON.stringify(String(node!.value))}, which the API server reads as a port name (and a name needs a letter). Drop the quotes: \`port: ${value.n}\`.`,
      { fixes: [fix] },
    );
  } else if (value.kind === 'name') {
    const errs = portNameErrors(value.s);
    if (errs.length === 0) return;
    ctx.report(
      INVALID_PORT,
      node!,
      `\`${path()}\` ${JSON.stringify(value.s)} is neither a port number nor a valid port name: it ${errs.join('; it ')}.`,
    );
  }
}

function checkEndPort(port: YMap, value: PortValue, ctx: ValidationContext): void {
  const node = pairOf(port, 'endPort')?.value;
  const end = asInteger(node);
  if (end === undefined) return;
  const path = () => ctx.path('endPort');
  if (value.kind === 'none' && isNull(pairOf(port, 'port')?.value)) {
    ctx.report(
      INVALID_END_PORT,
      node!,
      `\`${path()}\` may not be specified when \`port\` is not specified: add the range's first port as \`port\`.`,
    );
    return;
  }
  if (value.kind === 'name') {
    ctx.report(
      INVALID_END_PORT,
      node!,
      `\`${path()}\` may not be specified when \`port\` is non-numeric: a range needs a numeric \`port\`.`,
    );
    return;
  }
  if (value.kind !== 'number') return;
  if (end < value.n) {
    ctx.report(
      INVALID_END_PORT,
      node!,
      `\`${path()}\` ${end} must be greater than or equal to \`port\` (${value.n}).`,
    );
  }
  if (!isPortNumber(end)) {
    ctx.report(INVALID_END_PORT, node!, `\`${path()}\` ${end} must be between 1 and 65535, inclusive.`);
  }
}

const checkPolicyPort: StructCheck = {
  struct: 'NetworkPolicyPort',
  check(port, ctx) {
    checkProtocol(port, ctx);
    const value = portValue(pairOf(port, 'port')?.value);
    checkPort(port, value, ctx);
    checkEndPort(port, value, ctx);
  },
};

export const PORT_CHECKS: readonly StructCheck[] = [checkPolicyPort];
