// The registry of lints: every lint module, in the order findings are reported, and their rule infos
// for the README's rule table and SARIF.
import type { RuleInfo } from '../rules';
import { allowAll } from './allowAll';
import type { Lint } from './context';
import { denyAll } from './denyAll';
import { duplicatePolicy } from './duplicatePolicy';
import { egressBlocksDns } from './egressBlocksDns';
import { ipBlockPodNetwork } from './ipBlockPodNetwork';
import { namedPortUnknown } from './namedPortUnknown';
import { namespaceSelectorUnknown } from './namespaceSelectorUnknown';
import { notEnforced } from './notEnforced';
import { peerSelectsNothing } from './peerSelectsNothing';
import { policyTypesImplied } from './policyTypesImplied';
import { portNotServed } from './portNotServed';
import { rulesIgnored } from './rulesIgnored';
import { selectsNothing } from './selectsNothing';
import { SERVICE_LINT_RULES } from '../services/lint';
import { ipBlockClientMasqueraded, ipBlockServiceIP } from './serviceIpBlocks';
import { servicePortNotTargetPort } from './servicePorts';

export const LINTS: readonly Lint[] = [
  notEnforced,
  duplicatePolicy,
  selectsNothing,
  denyAll,
  allowAll,
  policyTypesImplied,
  rulesIgnored,
  egressBlocksDns,
  namespaceSelectorUnknown,
  peerSelectsNothing,
  namedPortUnknown,
  servicePortNotTargetPort,
  portNotServed,
  ipBlockPodNetwork,
  ipBlockServiceIP,
  ipBlockClientMasqueraded,
];

/** The policy lints, then the Service lints (services/lint.ts), whose severities netpolLens.lint sets alike. */
export const LINT_RULES: readonly RuleInfo[] = [...LINTS.map((l) => l.info), ...SERVICE_LINT_RULES];
