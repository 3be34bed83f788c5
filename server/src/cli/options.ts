// The flags several commands share, and strict parsers for their values: a bad value is a
// usage error (exit 2), never a silent default.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseCidr } from '../engine/ipv4';
import type { EngineOptions, KubectlWorkflow } from '../engine/workspace';
import type { Checked } from '../protocol/checked';
import { matrixPortFlag, portFlag, tracePortFlag } from '../protocol/cliArgs';
import { PROTOCOLS } from '../protocol/values';
import type { Protocol } from '../protocol/values';

/** flannel's 10.244.0.0/16 holds 256 node subnets of /24. */
export const MAX_NODES = 256;

export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
    return Number(value);
  };
}

/** A commander argument parser from a validator of the contracts room: its message is the usage error. */
const flagParser =
  <T>(check: (text: string) => Checked<T>) =>
  (value: string): T => {
    const checked = check(value);
    if (!checked.ok) throw new InvalidArgumentError(checked.error);
    return checked.value;
  };

export const parsePort = flagParser(portFlag);

export const formatOption = (formats: readonly string[]): Option =>
  new Option('--format <format>', 'output format').choices(formats).default('text');

export const portOption = (): Option =>
  new Option('--port <N>', 'destination port (1-65535)').argParser(parsePort).makeOptionMandatory();

export const matrixPortOption = (): Option =>
  new Option(
    '--port <N|name|declared>',
    'destination port: a number, a container port name resolved on each destination, or "declared" (every port each destination declares)',
  )
    .argParser(flagParser(matrixPortFlag))
    .makeOptionMandatory();

/** A trace's port: a number, or the name of a Service port (`--port postgres`). */
export const tracePortOption = (): Option =>
  new Option('--port <N|name>', 'destination port (1-65535), or a Service port name')
    .argParser(flagParser(tracePortFlag))
    .makeOptionMandatory();

export const protocolOption = (): Option =>
  new Option('--protocol <protocol>', 'transport protocol').choices(PROTOCOLS).default('TCP');

/** A port that may be left out (allow/deny: every port then). */
export const optionalPortOption = (): Option =>
  new Option('--port <N>', 'destination port (1-65535; default every port)').argParser(parsePort);

/** A protocol that may be left out (allow/deny: TCP with --port, else every protocol). */
export const optionalProtocolOption = (): Option =>
  new Option(
    '--protocol <protocol>',
    'transport protocol (default TCP with --port, else every protocol)',
  ).choices(PROTOCOLS);

/** Flags of every command that builds the cluster topology from the files. */
export interface TopologyFlags {
  enforcement: boolean;
  nodes?: number;
  maxFileSize?: number;
  workflow: KubectlWorkflow;
  serviceCidr?: string;
}

/** An IPv4 CIDR such as 10.96.0.0/12, as the API server's --service-cluster-ip-range takes it. */
function parseServiceCidr(value: string): string {
  const cidr = parseCidr(value.trim());
  if (!cidr || cidr.prefix > 30)
    throw new InvalidArgumentError(
      'Expected an IPv4 CIDR with a prefix of at most /30, such as 10.96.0.0/12.',
    );
  return value.trim();
}

export function addTopologyOptions(cmd: Command): Command {
  return cmd
    .option('--no-enforcement', 'model plain flannel: NetworkPolicies are not enforced')
    .addOption(
      new Option(
        '--nodes <N>',
        `nodes to synthesize when the files declare none (1-${MAX_NODES}, default 2)`,
      ).argParser(integerIn(1, MAX_NODES)),
    )
    .addOption(
      new Option(
        '--service-cidr <CIDR>',
        'service CIDR ClusterIPs are allocated from (default 10.96.0.0/12)',
      ).argParser(parseServiceCidr),
    )
    .addOption(
      new Option('--max-file-size <BYTES>', 'skip files larger than this (default 8 MiB)').argParser(
        integerIn(1, Number.MAX_SAFE_INTEGER),
      ),
    )
    .addOption(
      new Option(
        '--workflow <workflow>',
        'how the objects reach the cluster: apply needs metadata.name, create also accepts generateName',
      )
        .choices(['apply', 'create'])
        .default('apply'),
    );
}

export function engineOptions(flags: TopologyFlags): EngineOptions {
  const options: EngineOptions = { enforcement: flags.enforcement };
  if (flags.nodes !== undefined) options.nodeCount = flags.nodes;
  if (flags.maxFileSize !== undefined) options.maxFileSize = flags.maxFileSize;
  options.workflow = flags.workflow;
  if (flags.serviceCidr !== undefined) options.serviceCIDR = flags.serviceCidr;
  return options;
}

export interface PortFlags {
  port: number;
  protocol: Protocol;
}
