// The `netpol-lens` command: wires commander to one module per command. Usage and I/O problems
// end as one line on stderr and exit code 2; no stack trace ever reaches the user.
import { Command, CommanderError, Option } from 'commander';
import { PROTOCOLS } from '../protocol/values';
import { CHECK_FORMATS, runCheck } from './check';
import { DIFF_FORMATS, FAIL_ON, runDiff } from './diff';
import type { DiffFlags } from './diff';
import type { CheckFormat } from './check';
import { EXPLAIN_FORMATS, runExplain } from './explain';
import type { ExplainFormat } from './explain';
import { CliError, commanderMessage, EXIT_OK, EXIT_USAGE, oneLine } from './errors';
import { runIntent } from './intent';
import type { IntentFlags } from './intent';
import { loadTopology, loadWorkspace } from './load';
import { MATRIX_FORMATS, runMatrix } from './matrix';
import type { MatrixFlags } from './matrix';
import {
  addTopologyOptions,
  formatOption,
  integerIn,
  matrixPortOption,
  optionalPortOption,
  optionalProtocolOption,
  parsePort,
  protocolOption,
  tracePortOption,
} from './options';
import type { TopologyFlags } from './options';
import { processOutput } from './output';
import type { Output } from './output';
import { TOOL } from './tool';
import { runTrace, TRACE_FORMATS } from './trace';
import type { TraceOptions } from './trace';

const HELP_FOOTER = `
Examples:
  netpol-lens check samples/seed/
  netpol-lens check k8s/ --format sarif > netpol-lens.sarif
  netpol-lens matrix samples/seed/ --port 5432 --protocol TCP
  netpol-lens matrix samples/shop/ --port http
  netpol-lens trace samples/seed/ --from default/web --to default/db --port 5432 --protocol TCP
  netpol-lens explain samples/seed/ --no-enforcement
  netpol-lens diff old/ new/ --format markdown
  netpol-lens diff --git origin/main k8s/ --fail-on added
  netpol-lens allow samples/shop/ --from storefront/web --to data/postgres --port 15432
  netpol-lens deny samples/shop/ --from orders/checkout --to orders/payments --port 8443 --write

Exit codes:
  0  no errors found
  1  errors found (check); with --fail-on, such changes found (diff)
  2  usage or I/O problem, or an impossible allow/deny (one line on stderr)`;

/** A subcommand over files and folders, with the flags that shape the topology. */
function topologyCommand(program: Command, name: string, description: string): Command {
  return addTopologyOptions(
    program
      .command(name)
      .description(description)
      .argument('<paths...>', 'files, or folders searched for *.yaml, *.yml, *.json'),
  );
}

function buildProgram(out: Output, setExit: (code: number) => void): Command {
  const program = new Command(TOOL.name)
    .description(
      'Validate Kubernetes NetworkPolicies and evaluate them against the cluster the files describe.',
    )
    .version(TOOL.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText('after', HELP_FOOTER);

  topologyCommand(
    program,
    'check',
    'report YAML, validation and lint findings for the files and folders given',
  )
    .addOption(formatOption(CHECK_FORMATS))
    .action(async (paths: string[], o: TopologyFlags & { format: CheckFormat }) => {
      setExit(runCheck(await loadWorkspace(paths, o), o.format, out));
    });

  topologyCommand(program, 'matrix', 'print which pod may connect to which, on one port and protocol')
    .addOption(matrixPortOption())
    .addOption(protocolOption())
    .addOption(formatOption(MATRIX_FORMATS))
    .action(async (paths: string[], o: TopologyFlags & MatrixFlags) => {
      setExit(await runMatrix(await loadTopology(paths, o, out), o, out));
    });

  topologyCommand(
    program,
    'trace',
    'simulate one packet hop by hop through the pod network, with the policy verdicts',
  )
    .requiredOption(
      '--from <ns/pod|IP>',
      'source pod, workload (deploy/ns/name, sts/…, or ns/name), or an IPv4 address outside the cluster',
    )
    .requiredOption(
      '--to <ns/pod|IP|svc/ns/name|name>',
      'destination pod, workload, IPv4 address, Service (svc/ns/name, ClusterIP or DNS name) or nodeIP with a nodePort',
    )
    .addOption(tracePortOption())
    .option('--endpoint <ns/pod>', 'the Service endpoint to follow (default: the first by ns/name)')
    .addOption(protocolOption())
    .addOption(formatOption(TRACE_FORMATS))
    .action(async (paths: string[], o: TopologyFlags & TraceOptions) => {
      setExit(runTrace((await loadTopology(paths, o, out)).workspace, o, out));
    });

  topologyCommand(program, 'explain', 'describe each NetworkPolicy in plain language')
    .addOption(formatOption(EXPLAIN_FORMATS))
    .action(async (paths: string[], o: TopologyFlags & { format: ExplainFormat }) => {
      setExit(runExplain(await loadTopology(paths, o, out), o.format, out));
    });

  addTopologyOptions(
    program
      .command('diff')
      .description(
        'list the connections between pods that a change opens and closes: <base> <head>, or --git <rev> [paths...]',
      )
      .argument(
        '[paths...]',
        '<base> <head> (files or folders); with --git, paths in the work tree (default .)',
      ),
  )
    .option('--git <rev>', 'compare the paths in the work tree with the same paths at a git revision')
    .addOption(
      new Option(
        '--port <N>',
        'compare every pair on this port (default: each declared container port)',
      ).argParser(parsePort),
    )
    .addOption(
      new Option(
        '--protocol <protocol>',
        'protocol of --port (default TCP), or only ports of this protocol',
      ).choices(PROTOCOLS),
    )
    .addOption(formatOption(DIFF_FORMATS))
    .addOption(new Option('--fail-on <change>', 'exit 1 when such a change exists').choices(FAIL_ON))
    .addOption(
      new Option('--max-groups <N>', 'groups listed per kind of change in text and markdown (default 50)')
        .argParser(integerIn(1, 1_000_000))
        .default(50),
    )
    .action(async (paths: string[], o: DiffFlags) => {
      setExit(await runDiff(paths, o, out));
    });
  for (const action of ['allow', 'deny'] as const) intentCommand(program, action, out, setExit);

  return program;
}

/** `allow` and `deny`: one connection, as the smallest edit of the files. */
function intentCommand(
  program: Command,
  action: 'allow' | 'deny',
  out: Output,
  setExit: (code: number) => void,
): void {
  const cmd = topologyCommand(
    program,
    action,
    `propose the smallest edit of the files that ${action === 'deny' ? 'denies' : 'allows'} one connection, proved`,
  )
    .requiredOption(
      '--from <src>',
      'source: ns/pod, ns/workload, kind/ns/name, or an IP or CIDR outside the pods',
    )
    .requiredOption(
      '--to <dst>',
      'destination: ns/pod, ns/workload, kind/ns/name, svc/ns/name (a Service: its pods, --port on its targetPort), or an IP or CIDR',
    )
    .addOption(optionalPortOption())
    .addOption(optionalProtocolOption())
    .option('--write', 'write the edited files instead of printing the diff');
  // deny tries the narrower selectors by itself (it must be exact); allow offers them.
  if (action === 'allow')
    cmd.option('--narrow', "use the narrower selectors when the workload's own select other pods too");
  cmd.action(async (paths: string[], o: TopologyFlags & IntentFlags) => {
    setExit(await runIntent(action, await loadTopology(paths, o, out), o, out));
  });
}

export async function main(argv: readonly string[], out: Output): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(out, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return failure(err, out);
  }
}

function failure(err: unknown, out: Output): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    out.error(`${TOOL.name}: ${commanderMessage(err)}`);
  } else if (err instanceof CliError) out.error(`${TOOL.name}: ${oneLine(err.message)}`);
  else {
    const message = err instanceof Error ? err.message : String(err);
    out.error(`${TOOL.name}: internal error: ${oneLine(message)}`);
    if (process.env['NETPOL_LENS_DEBUG'] && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return EXIT_USAGE;
}

void main(process.argv.slice(2), processOutput()).then((code) => {
  process.exitCode = code;
});
