// Shared e2e helpers. The tests run the built CLI: `npm test` builds first
// (lint && typecheck && build && vitest); call buildOnce() in beforeAll for standalone vitest runs.
export { startMoto, freePort, currentMotoEndpoint, MOTO_UNLISTABLE_TYPES, type MotoOptions, type MotoServer } from './moto.js';
export { runCli, cliEnv, emptyHomeDir, parseStdout, describeRun, type CliOptions, type CliResult } from './cli.js';
export { awsClients, seedClientConfig, type AwsClients, type SeedClientConfig } from './aws.js';
export { buildOnce, buildStaleness, cliRoot } from './build.js';
export { REPO_ROOT, fixture } from './paths.js';
export { schemaErrors, REPORT_SCHEMA, INVENTORY_SCHEMA } from './schema.js';
