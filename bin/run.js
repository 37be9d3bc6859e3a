#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts a CommonJS entry without its ES module loader, so a run that
// stays in oclif (--help, --version) never starts it; a command's ES modules start it when they load.
'use strict';

// costguard supports Node 20 (see package.json engines). The AWS SDK's notice that its releases after
// January 2027 need Node 22 is for us, not for every run's stderr; set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// oclif checks the Node version against package.json engines with semver on every start (~5 ms of
// loading semver and reading package.json); the same check is one comparison here.
const MIN_NODE_MAJOR = 20; // package.json engines.node ">=20" (test/unit/cli/command-index.test.ts checks they agree)
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= 'true';
if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  process.emitWarning(`Node version must be >=${MIN_NODE_MAJOR} to use this CLI. Current node version: ${process.versions.node}`);
}

// oclif themes (a theme.json in oclif's config folder) are not a costguard feature: without this, every
// start waits on reading a file that is not there.
process.env.COSTGUARD_DISABLE_THEME ??= 'true';

// dist/main.cjs (npm run build): oclif's execute, from the package root. costguard takes no user-installed
// oclif plugins, so oclif need not look for them (a package.json in its data folder) on every start.
const { join } = require('node:path');
require('../dist/main.cjs').execute({ loadOptions: { root: join(__dirname, '..'), userPlugins: false } });
