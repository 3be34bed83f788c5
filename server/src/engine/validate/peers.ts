// Peers (`from`/`to` items) and their `ipBlock`, as ValidateNetworkPolicyPeer and ValidateIPBlock check
// them: at least one of podSelector/namespaceSelector/ipBlock, ipBlock alone, a valid `cidr`, and every
// `except` a strict subset of it. Non-canonical CIDRs get the API server's warnings.
import type { RuleInfo } from '../rules';
import type { YMap, YNode, YPair } from '../yamlTree';
import { isSeq, pairOf } from '../yamlTree';
import type { ParsedCIDR } from './cidr';
import {
  exceptProblem,
  hasHostBits,
  isIPv4Mapped,
  isIPv6,
  networkString,
  parseCIDR,
  rfc5952String,
  singleAddressString,
} from './cidr';
import type { ValidationContext } from './context';
import { replaceNode, replaceString } from './fixes';
import type { StructCheck } from './walk';
import { asString, isNull, presentPair } from './values';

export const PEER_EMPTY: RuleInfo = {
  code: 'peer-empty',
  severity: 'error',
  title: 'Peer selects nothing',
  help: 'Each item of `from`/`to` must set `podSelector`, `namespaceSelector` or `ipBlock`. A key with no value (`podSelector:`) counts as absent; write `podSelector: {}` to select every pod. The quick fix does that.',
};

export const PEER_IPBLOCK_EXCLUSIVE: RuleInfo = {
  code: 'peer-ipblock-exclusive',
  severity: 'error',
  title: 'ipBlock combined with a selector',
  help: 'A peer with `ipBlock` may not also have `podSelector` or `namespaceSelector`. Put them in separate peers (separate `- ` items), which allows traffic matching either.',
};

export const CIDR_REQUIRED: RuleInfo = {
  code: 'cidr-required',
  severity: 'error',
  title: 'ipBlock without cidr',
  help: '`ipBlock.cidr` is required, e.g. `cidr: 10.0.0.0/8`.',
};

export const INVALID_CIDR: RuleInfo = {
  code: 'invalid-cidr',
  severity: 'error',
  title: 'Invalid CIDR',
  help: '`ipBlock.cidr` and each `except` must be a CIDR such as `10.9.8.0/24` or `2001:db8::/64`: an IPv4 or IPv6 address, `/`, and a prefix length.',
};

export const EXCEPT_NOT_SUBSET: RuleInfo = {
  code: 'except-not-subset',
  severity: 'error',
  title: 'except outside cidr',
  help: 'Every `ipBlock.except` entry must be a strict subset of `cidr`: inside it, of the same IP family, and with a longer prefix.',
};

export const CIDR_NOT_CANONICAL: RuleInfo = {
  code: 'cidr-not-canonical',
  severity: 'warning',
  title: 'Non-canonical CIDR',
  help: 'The API server accepts the CIDR but warns: bits set after the prefix (`10.0.0.1/24`, ambiguous between the network and one address), leading zeros or an IPv4-mapped IPv6 address (to be rejected by future releases), or IPv6 not in RFC 5952 form. The quick fixes write the canonical form.',
};

export const PEER_RULES: readonly RuleInfo[] = [
  PEER_EMPTY,
  PEER_IPBLOCK_EXCLUSIVE,
  CIDR_REQUIRED,
  INVALID_CIDR,
  EXCEPT_NOT_SUBSET,
  CIDR_NOT_CANONICAL,
];

const SELECTOR_KEYS = ['podSelector', 'namespaceSelector'];

function reportEmptyPeer(peer: YMap, ctx: ValidationContext): void {
  const nullSelector: YPair | undefined = peer.pairs.find(
    (p) => SELECTOR_KEYS.includes(p.key) && isNull(p.value),
  );
  let hint = ' Set `podSelector`, `namespaceSelector` or `ipBlock`.';
  let fix;
  if (nullSelector) {
    hint = ` \`${nullSelector.key}:\` with no value counts as absent; write \`${nullSelector.key}: {}\` to select every ${nullSelector.key === 'podSelector' ? 'pod' : 'namespace'}.`;
    fix = ctx.fix(`Change to ${nullSelector.key}: {}`, emptyMapValue(nullSelector, ctx));
  }
  const at = nullSelector?.keyNode ?? ctx.firstLine(peer);
  ctx.report(PEER_EMPTY, at, `\`${ctx.path()}\` must specify a peer.${hint}`, { fixes: [fix] });
}

/** Gives a key with a null value the value `{}`. */
function emptyMapValue(pair: YPair, ctx: ValidationContext) {
  const v = pair.value;
  if (v && v.end > v.start) return replaceNode(ctx, v, '{}');
  const src = ctx.source;
  const line = src.lineOf(pair.keyNode.end);
  const rest = src.lineText(line).slice(pair.keyNode.end - src.lineStart(line));
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  const at = pair.keyNode.end + colon + 1;
  return [ctx.edit({ start: at, end: at }, ' {}')];
}

const checkPeer: StructCheck = {
  struct: 'NetworkPolicyPeer',
  check(peer, ctx) {
    const ipBlock = presentPair(peer, 'ipBlock');
    const selectors = SELECTOR_KEYS.map((k) => presentPair(peer, k)).filter((p) => p !== undefined);
    if (!ipBlock && selectors.length === 0) {
      if (!ctx.hadUnknownFields) reportEmptyPeer(peer, ctx);
      return;
    }
    if (ipBlock && selectors.length > 0) {
      const names = selectors.map((p) => `\`${p.key}\``).join(' and ');
      ctx.report(
        PEER_IPBLOCK_EXCLUSIVE,
        ipBlock.keyNode,
        `\`${ctx.path()}\` may not specify both ipBlock and another peer: \`ipBlock\` cannot be combined with ${names} in one peer. Make them separate items of the list (each starting with \`- \`), which allows traffic matching either.`,
        { related: selectors.map((p) => ({ span: p.keyNode, message: `${p.key} in the same peer` })) },
      );
    }
  },
};

/** Parses a CIDR value, reporting it when invalid and warning when non-canonical. */
function parsedCIDR(
  node: YNode,
  value: string,
  path: () => string,
  ctx: ValidationContext,
): ParsedCIDR | undefined {
  const parsed = parseCIDR(value);
  if (!parsed.ok) {
    ctx.report(
      INVALID_CIDR,
      node,
      `\`${path()}\` ${JSON.stringify(value)} must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64): ${parsed.reason}.`,
    );
    return undefined;
  }
  warnNonCanonical(node, value, parsed.cidr, path, ctx);
  return parsed.cidr;
}

/** GetWarningsForCIDR: the warnings kubectl prints for an accepted but non-standard CIDR. */
function warnNonCanonical(
  node: YNode,
  value: string,
  c: ParsedCIDR,
  path: () => string,
  ctx: ValidationContext,
): void {
  const network = networkString(c);
  const change = (to: string, preferred: boolean) =>
    ctx.fix(`Change to ${to}`, replaceString(ctx, node, to), preferred);
  if (hasHostBits(c)) {
    const single = singleAddressString(c);
    ctx.report(
      CIDR_NOT_CANONICAL,
      node,
      `\`${path()}\` ${JSON.stringify(value)} has bits set after the prefix length, which is ambiguous: did you mean the network ${network} or the single address ${single}? The API server accepts it as ${network}.`,
      { fixes: [change(network, true), change(single, false)] },
    );
  }
  if (!c.strict || isIPv4Mapped(c)) {
    const why = isIPv4Mapped(c) ? 'an IPv4-mapped IPv6 address' : 'leading zeros';
    ctx.report(
      CIDR_NOT_CANONICAL,
      node,
      `\`${path()}\` ${JSON.stringify(value)} uses ${why}, which future Kubernetes releases will reject: use ${network}.`,
      { fixes: [change(network, true)] },
    );
    return;
  }
  if (!hasHostBits(c) && isIPv6(c) && rfc5952String(c) !== value) {
    const canonical = rfc5952String(c);
    ctx.report(
      CIDR_NOT_CANONICAL,
      node,
      `\`${path()}\` ${JSON.stringify(value)} should be written in RFC 5952 canonical form: ${canonical}.`,
      { fixes: [change(canonical, true)] },
    );
  }
}

const checkIPBlock: StructCheck = {
  struct: 'IPBlock',
  check(block, ctx) {
    const cidrPair = pairOf(block, 'cidr');
    const cidr = asString(cidrPair?.value);
    if (cidr === undefined) return;
    if (cidr === '') {
      const owner = ctx.frames[ctx.frames.length - 2]?.map.pairs.find((p) => p.value === block);
      const at = cidrPair?.keyNode ?? owner?.keyNode ?? ctx.firstLine(block);
      ctx.report(
        CIDR_REQUIRED,
        at,
        `\`${ctx.path('cidr')}\` is required: give the address range, e.g. \`cidr: 10.0.0.0/8\`.`,
      );
      return;
    }
    const parsed = parsedCIDR(cidrPair!.value!, cidr, () => ctx.path('cidr'), ctx);
    const except = pairOf(block, 'except')?.value;
    if (!isSeq(except)) return;
    except.items.forEach((item, i) => {
      const value = asString(item);
      if (value === undefined) return;
      const path = () => ctx.path('except', i);
      const e = parsedCIDR(item, value, path, ctx);
      const problem = parsed && e ? exceptProblem(parsed, e) : undefined;
      if (problem) {
        ctx.report(
          EXCEPT_NOT_SUBSET,
          item,
          `\`${path()}\` ${JSON.stringify(value)} must be a strict subset of \`cidr\` (${cidr}): ${problem}.`,
          { related: [{ span: cidrPair!.value!, message: 'the ipBlock cidr' }] },
        );
      }
    });
  },
};

export const PEER_CHECKS: readonly StructCheck[] = [checkPeer, checkIPBlock];
