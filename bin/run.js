#!/usr/bin/env node
// costguard supports Node 20 (see package.json engines). The AWS SDK's notice that its releases after
// January 2027 need Node 22 is for us, not for every run's stderr; set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// dist/main.js is the esbuild bundle (npm run build): oclif and our code in a few ESM chunks.
const { execute } = await import('../dist/main.js');
await execute({ dir: import.meta.url });
