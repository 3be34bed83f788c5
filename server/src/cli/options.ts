// The flags several commands share, and strict parsers for their values: a bad value is a
// usage error (exit 2), never a silent default.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { EngineOptions } from '../engine/workspace';
import { PROTOCOLS } from '../engine/types';
import type { Protocol } from '../engine/types';

/** flannel's 10.244.0.0/16 holds 256 node subnets of /24. */
export const MAX_NODES = 256;

export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
    return Number(value);
  };
}

export const parsePort = integerIn(1, 65535);

export const formatOption = (formats: readonly string[]): Option =>
  new Option('--format <format>', 'output format').choices(formats).default('text');

export const portOption = (): Option =>
  new Option('--port <N>', 'destination port (1-65535)').argParser(parsePort).makeOptionMandatory();

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
      new Option('--max-file-size <BYTES>', 'skip files larger than this (default 8 MiB)').argParser(
        integerIn(1, Number.MAX_SAFE_INTEGER),
      ),
    );
}

export function engineOptions(flags: TopologyFlags): EngineOptions {
  const options: EngineOptions = { enforcement: flags.enforcement };
  if (flags.nodes !== undefined) options.nodeCount = flags.nodes;
  if (flags.maxFileSize !== undefined) options.maxFileSize = flags.maxFileSize;
  return options;
}

export interface PortFlags {
  port: number;
  protocol: Protocol;
}
