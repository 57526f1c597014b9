import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { findDataset } from '../app/datasets.js';
import { resolveToken } from '../auth/accounts.js';
import { parseDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import { readDdxplusSpec } from '../diagnosis/ddxplus/release.js';
import { DEFAULT_TRAIN_OPTIONS } from '../diagnosis/model/train.js';
import { HealthGptError } from '../engine/errors.js';
import { seededRandom } from '../ml/random.js';
import { Coordinator, fileStore, newRunId, type RunConfig } from './coordinator.js';
import { createCoordinatorServer, summarise } from './coordinator-server.js';
import { DdxLayout, ddxRunConfig, ddxSiteData } from './ddx.js';
import { parseHeartFile } from './heart.js';
import { evaluateFederatedFolders, type FederatedEvaluation } from './heart-eval.js';
import { heartRunConfig, heartSiteData } from './heart-run.js';
import { loadOrCreateIdentity, readPeerKeys } from './identity.js';
import { writeFederatedModel } from './model-file.js';
import { ALGORITHMS, type Algorithm } from './protocol.js';
import {
  DDX_FAMILY,
  federatedRegistry,
  HEART_FAMILY,
  registerFederatedDdxModel,
  registerFederatedModel,
} from './registry.js';
import { listRunSummaries, saveRunSummary } from './runs.js';
import { Site, type SiteData } from './site.js';

const positiveInteger = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw HealthGptError.invalid(`${flag} must be a whole number from 1 to 100000 (got '${value}')`);
  return n;
};
const milliseconds = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400_000)
    throw HealthGptError.invalid(
      `${flag} must be a whole number of milliseconds up to one day (got '${value}')`,
    );
  return n;
};
const probability = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw HealthGptError.invalid(`${flag} must be a number > 0 (got '${value}')`);
  return n;
};

function algorithmOf(value: string): Algorithm {
  if (!(ALGORITHMS as readonly string[]).includes(value))
    throw HealthGptError.invalid(`--algorithm must be one of ${ALGORITHMS.join(', ')} (got '${value}')`);
  return value as Algorithm;
}

function dpOf(options: {
  dpEpsilon?: number;
  dpDelta?: number;
}): { epsilon: number; delta: number } | undefined {
  if (options.dpEpsilon === undefined && options.dpDelta === undefined) return undefined;
  if (options.dpEpsilon === undefined || options.dpDelta === undefined)
    throw HealthGptError.invalid('give both --dp-epsilon and --dp-delta');
  if (options.dpDelta >= 1) throw HealthGptError.invalid('--dp-delta must be below 1');
  return { epsilon: options.dpEpsilon, delta: options.dpDelta };
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

const MODELS = ['heart', 'ddx'] as const;
function modelOf(value: string): (typeof MODELS)[number] {
  if (!(MODELS as readonly string[]).includes(value))
    throw HealthGptError.invalid(`--model must be one of ${MODELS.join(', ')} (got '${value}')`);
  return value as (typeof MODELS)[number];
}

/** The DDXPlus layout from the release specification in `dir` (default: the data dir's ddxplus folder). */
function ddxLayoutFrom(dir: string | undefined): DdxLayout {
  const folder = dir ?? findDataset('ddxplus');
  if (!folder)
    throw HealthGptError.invalid(
      'the DDXPlus model needs the release specification: give --ddx-spec DIR (release_conditions.json, release_evidences.json)',
    );
  try {
    return new DdxLayout(readDdxplusSpec(folder));
  } catch (error) {
    throw HealthGptError.invalid(
      `cannot read the DDXPlus specification in '${folder}': ${(error as Error).message}`,
    );
  }
}

function human(r: FederatedEvaluation): string {
  const lines = [
    `sites: ${r.sites.join(', ')} (${Object.values(r.train_rows).reduce((a, b) => a + b, 0)} training rows); ${r.test_rows} test rows`,
    `pooled     ${pct(r.pooled.accuracy)}`,
    `federated  ${pct(r.federated.accuracy)}  (${r.algorithm}, ${r.federated.rounds_completed}/${r.rounds} rounds, secure aggregation ${r.secure_aggregation ? 'on' : 'off'}, ${r.federated.mean_round_ms.toFixed(0)} ms a round)`,
    ...Object.entries(r.local).map(([site, v]) => `local ${site.padEnd(12)} ${pct(v.accuracy)}`),
  ];
  if (r.epsilon !== null) lines.push(`privacy: ε = ${r.epsilon.toFixed(3)}, δ = ${r.delta} (largest site)`);
  return lines.join('\n');
}

function readSecret(file: string | undefined, inline: string | undefined, what: string): string {
  if (inline) return inline;
  if (!file) throw HealthGptError.invalid(`give ${what}`);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new HealthGptError('not-found', `cannot read '${file}': ${(error as Error).message}`);
  }
}

export function registerFederatedCommands(program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('federated')
    .description(
      'pooled vs federated (site/coordinator protocol over loopback, secure aggregation, optional DP-SGD) vs local logistic regression on UCI heart-disease sites',
    )
    .requiredOption('--sites <dir>', 'folder of <site>.data training files (UCI processed 14-column format)')
    .requiredOption('--test <dir>', 'folder of <site>.data test files')
    .option('--rounds <n>', 'federated training rounds', positiveInteger('--rounds'), 100)
    .option('--dp-epsilon <e>', 'DP-SGD privacy budget ε per site', probability('--dp-epsilon'))
    .option('--dp-delta <d>', 'DP-SGD δ', probability('--dp-delta'))
    .option('--algorithm <name>', `one of ${ALGORITHMS.join(', ')}`, 'fedavg')
    .option(
      '--seed <n>',
      "seed of the sites' DP-SGD sampling and noise (reproducible evaluation)",
      positiveInteger('--seed'),
      1,
    )
    .option('--no-secure-aggregation', 'send plain updates (for comparison)')
    .action(
      async (options: {
        sites: string;
        test: string;
        rounds: number;
        dpEpsilon?: number;
        dpDelta?: number;
        algorithm: string;
        seed: number;
        secureAggregation: boolean;
      }) => {
        const dp = dpOf(options);
        const result = await evaluateFederatedFolders({
          sitesDir: options.sites,
          testDir: options.test,
          rounds: options.rounds,
          algorithm: algorithmOf(options.algorithm),
          seed: options.seed,
          secure: options.secureAggregation,
          ...(dp ? { dp } : {}),
        });
        cli.print(result, human);
      },
    );

  const federated = program
    .command('federated')
    .description('federated learning across hospitals: site, coordinator, status');

  federated
    .command('coordinator')
    .description(
      'run a federated training run: sites connect with API tokens of role site (token name = site name); state is saved after every round and a restart with the same --state resumes',
    )
    .option('--sites <names>', 'comma-separated site names (their tokens must be named so)')
    .requiredOption('--state <file>', 'run state file (created, or resumed from)')
    .option('--run-id <id>', 'run id the sites join (default: generated, printed)')
    .option('--rounds <n>', 'training rounds', positiveInteger('--rounds'), 100)
    .option('--algorithm <name>', `one of ${ALGORITHMS.join(', ')}`, 'fedavg')
    .option('--dp-epsilon <e>', 'DP-SGD budget ε per site', probability('--dp-epsilon'))
    .option('--dp-delta <d>', 'DP-SGD δ', probability('--dp-delta'))
    .option(
      '--round-timeout <ms>',
      'how long a round waits for updates before recovering from dropouts',
      milliseconds('--round-timeout'),
      30_000,
    )
    .option(
      '--join-timeout <ms>',
      'after the first site joins, start with the sites that joined within this time (default: wait for all)',
      milliseconds('--join-timeout'),
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', (v) => Number(v), 8444)
    .option('--tls-cert <file>', 'PEM certificate (HTTPS; required unless --host is loopback)')
    .option('--tls-key <file>', 'PEM private key')
    .option('--out <dir>', 'folder for the trained model file (default: <data dir>/models/federated)')
    .option('--model <name>', `model to train: ${MODELS.join(', ')} (the DDXPlus diagnosis model)`, 'heart')
    .option('--ddx-spec <dir>', "DDXPlus release specification folder (default: the data dir's ddxplus)")
    .action(
      async (options: {
        model: string;
        ddxSpec?: string;
        sites?: string;
        state: string;
        runId?: string;
        rounds: number;
        algorithm: string;
        dpEpsilon?: number;
        dpDelta?: number;
        roundTimeout: number;
        joinTimeout?: number;
        host: string;
        port: number;
        tlsCert?: string;
        tlsKey?: string;
        out?: string;
      }) => {
        const loopback = ['127.0.0.1', '::1', 'localhost'].includes(options.host);
        if (!loopback && !(options.tlsCert && options.tlsKey))
          throw HealthGptError.invalid(
            'off loopback the coordinator serves HTTPS only: give --tls-cert and --tls-key',
          );
        const app = cli.app();
        const names = options.sites
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const dp = dpOf(options);
        const saved = fileStore(options.state).load();
        const ddx = (saved ? saved.config.task === 'ddx' : modelOf(options.model) === 'ddx')
          ? ddxLayoutFrom(options.ddxSpec)
          : undefined;
        if (ddx && dp)
          throw HealthGptError.invalid('the DDXPlus model has no DP-SGD: drop --dp-epsilon/--dp-delta');
        const algorithm = algorithmOf(options.algorithm);
        if (ddx && algorithm === 'fedavg-site-bias')
          throw HealthGptError.invalid('the DDXPlus model trains with fedavg or fedprox');
        const runId = options.runId ?? newRunId();
        const config: RunConfig | undefined = !names
          ? undefined
          : ddx
            ? ddxRunConfig(ddx, runId, names, {
                rounds: options.rounds,
                train: DEFAULT_TRAIN_OPTIONS,
                algorithm: algorithm as 'fedavg' | 'fedprox',
                roundTimeoutMs: options.roundTimeout,
              })
            : heartRunConfig(
                {
                  sites: new Map(
                    names.map((n) => [n, { statistics: () => [], dataset: () => ({ x: [], y: [] }) }]),
                  ),
                  rounds: options.rounds,
                  algorithm,
                  roundTimeoutMs: options.roundTimeout,
                  ...(options.joinTimeout !== undefined ? { joinTimeoutMs: options.joinTimeout } : {}),
                  ...(dp ? { dp } : {}),
                },
                runId,
              );
        const coordinator = new Coordinator(config, fileStore(options.state));
        const runs = app.store.documents;
        coordinator.onRound = () => saveRunSummary(runs, summarise(coordinator));
        saveRunSummary(runs, summarise(coordinator));
        const server = createCoordinatorServer(() => coordinator, {
          authenticate: (token) => {
            const principal = resolveToken(app.store, token);
            return principal?.role === 'site' ? principal.name : undefined;
          },
          ...(options.tlsCert && options.tlsKey
            ? { https: { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) } }
            : {}),
        });
        await server.listen({ host: options.host, port: options.port });
        const port = (server.server.address() as AddressInfo).port;
        process.stderr.write(
          `coordinator for run ${coordinator.run.config.runId} on ${options.tlsCert ? 'https' : 'http'}://${options.host}:${port} (sites: ${coordinator.run.config.sites.join(', ')})\n`,
        );
        const stop = () => coordinator.stop('stopped by the operator (signal)');
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const state = await coordinator.whenFinished();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // Let the sites fetch their final task before the server goes.
        await new Promise((r) => setTimeout(r, 500));
        await server.close();
        coordinator.dispose();
        saveRunSummary(runs, summarise(coordinator));
        const done = state.status === 'done';
        const model =
          done && !ddx
            ? writeFederatedModel(options.out ?? join(cli.config.dataDir, 'models', 'federated'), state)
            : undefined;
        // A finished run's model enters the model registry as a candidate (family federated-heart-logistic, or
        // federated-ddx for the diagnosis model, whose registry payload is its model file).
        const family = ddx ? DDX_FAMILY : HEART_FAMILY;
        const registered = !done
          ? undefined
          : ddx
            ? registerFederatedDdxModel(
                federatedRegistry(runs, cli.config.dataDir, DDX_FAMILY),
                state,
                ddx.model(state, DEFAULT_TRAIN_OPTIONS),
                'federated coordinator',
              )
            : registerFederatedModel(
                federatedRegistry(runs, cli.config.dataDir),
                state,
                'federated coordinator',
              );
        const registry = registered
          ? { family, version: registered.version, state: registered.state }
          : undefined;
        cli.print(
          {
            ...summarise(coordinator),
            ...(model ? { modelFile: model } : {}),
            ...(registry ? { registered: registry } : {}),
          },
          (s) =>
            [
              `run ${s.runId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}, ${s.completedRounds}/${s.rounds} rounds`,
              model ? `model: ${model}` : '',
              registry
                ? `registered as candidate ${registry.version} of ${registry.family} (healthgpt models list --family ${registry.family})`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
        );
      },
    );

  federated
    .command('site')
    .description(
      "take part in a federated run as a hospital site: only (masked) aggregates of this site's rows leave it",
    )
    .requiredOption('--name <site>', "this site's name (as its token is named at the coordinator)")
    .option('--coordinator <url>', 'coordinator URL (https:// in production)')
    .option('--run-id <id>', 'run to join')
    .option(
      '--data <file>',
      "this site's rows: UCI processed 14-column format (heart), or DDXPlus patients CSV (--model ddx)",
    )
    .option('--model <name>', `model the run trains: ${MODELS.join(', ')}`, 'heart')
    .option('--ddx-spec <dir>', "DDXPlus release specification folder (default: the data dir's ddxplus)")
    .option('--token <token>', 'site token (prefer --token-file)')
    .option('--token-file <file>', 'file holding the site token')
    .option('--ca <file>', "PEM certificate of the authority that signed the coordinator's certificate")
    .option(
      '--peer-keys <file>',
      'trust file: the other sites\' identity keys, exchanged by the administrators out of band ({ "<site>": "<key>" }); the site refuses a round whose masking keys they do not sign',
    )
    .option(
      '--export-identity',
      "print this site's identity public key (made in the state folder on first use) for the other sites' trust files, and exit",
    )
    .option(
      '--dp-epsilon <e>',
      "this site's own privacy budget ε (declines rounds beyond it)",
      probability('--dp-epsilon'),
    )
    .option('--dp-delta <d>', "this site's δ", probability('--dp-delta'))
    .option(
      '--seed <n>',
      "seed of this site's DP-SGD sampling and noise, for reproducible evaluations only (default: the system's secure random source)",
      positiveInteger('--seed'),
    )
    .action(
      async (options: {
        name: string;
        model: string;
        ddxSpec?: string;
        coordinator?: string;
        runId?: string;
        data?: string;
        token?: string;
        tokenFile?: string;
        ca?: string;
        peerKeys?: string;
        exportIdentity?: boolean;
        dpEpsilon?: number;
        dpDelta?: number;
        seed?: number;
      }) => {
        const { identity, file, created } = loadOrCreateIdentity(cli.config.dataDir, options.name);
        if (options.exportIdentity) {
          cli.print({ site: options.name, identityKey: identity.publicKey, file, created }, (r) =>
            [
              `site ${r.site} identity key: ${r.identityKey}`,
              `(${r.created ? 'made now and ' : ''}kept in ${r.file}, mode 0600; give the key to the other sites' administrators for their --peer-keys trust file: { "${r.site}": "${r.identityKey}" })`,
            ].join('\n'),
          );
          return;
        }
        if (!options.coordinator || !options.runId || !options.data)
          throw HealthGptError.invalid('give --coordinator, --run-id and --data (or --export-identity)');
        const url = new URL(options.coordinator);
        const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
        if (url.protocol !== 'https:' && !loopback)
          throw HealthGptError.invalid(
            'the coordinator must be reached over https:// (plain http only on loopback)',
          );
        let text: string;
        try {
          text = readFileSync(options.data, 'utf8');
        } catch (error) {
          throw new HealthGptError('not-found', `cannot read '${options.data}': ${(error as Error).message}`);
        }
        const budget = dpOf(options);
        const random = options.seed !== undefined ? seededRandom(options.seed) : undefined;
        let data: SiteData;
        if (modelOf(options.model) === 'ddx') {
          const layout = ddxLayoutFrom(options.ddxSpec);
          try {
            data = ddxSiteData(
              layout,
              parseDdxplusPatients(text),
              DEFAULT_TRAIN_OPTIONS,
              random ?? Math.random,
            );
          } catch (error) {
            throw HealthGptError.invalid(
              `${options.data}: not a DDXPlus patients file of this specification (${(error as Error).message})`,
            );
          }
        } else data = heartSiteData(parseHeartFile(text, options.data));
        const peerKeys = options.peerKeys ? readPeerKeys(options.peerKeys) : undefined;
        const site = new Site({
          name: options.name,
          coordinatorUrl: options.coordinator.replace(/\/$/, ''),
          token: readSecret(options.tokenFile, options.token, '--token-file or --token'),
          runId: options.runId,
          data,
          identity,
          ...(peerKeys ? { peerKeys } : {}),
          onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
          ...(budget ? { budget } : {}),
          ...(options.ca ? { ca: readSecret(options.ca, undefined, '--ca') } : {}),
          ...(random ? { random } : {}),
        });
        const task = await site.run();
        cli.print(
          {
            site: options.name,
            runId: task.runId,
            status: task.status,
            round: task.round,
            privacy: site.privacySpent() ?? null,
            refusals: site.refusals,
            intercept: site.intercept ?? null,
            identityKey: identity.publicKey,
            keysVerified: site.keysVerified,
          },
          (r) =>
            `site ${r.site}: run ${r.runId} ${r.status} after round ${r.round}${r.privacy ? `; ε spent ${r.privacy.epsilon.toFixed(3)}` : ''}; peers' keys ${r.keysVerified ? 'verified against the trust file' : 'NOT verified (no --peer-keys)'}`,
        );
      },
    );

  federated
    .command('status')
    .description('federated runs recorded in this install (rounds, sites, privacy spent)')
    .option('--run <id>', 'one run in full')
    .action((options: { run?: string }) => {
      const runs = listRunSummaries(cli.app().store.documents);
      if (options.run) {
        const run = runs.find((r) => r.runId === options.run);
        if (!run) throw HealthGptError.notFound('federated run', options.run);
        cli.print(run, (r) => JSON.stringify(r, null, 2));
        return;
      }
      cli.print(
        runs.map(({ history: _h, refusals: _r, ...rest }) => rest),
        (list) =>
          list.length === 0
            ? 'no federated run recorded'
            : list
                .map(
                  (r) =>
                    `${r.runId}  ${r.status}  ${r.completedRounds}/${r.rounds} rounds  sites ${r.sites.join(', ')}${r.overallEpsilon !== undefined ? `  ε ${r.overallEpsilon.toFixed(3)}` : ''}  keys ${r.keysVerified ? 'verified by every site' : 'NOT verified by every site'}`,
                )
                .join('\n'),
      );
    });
}
