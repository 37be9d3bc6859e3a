// The entry bin/run.js requires, built as dist/main.cjs (scripts/build.mjs): oclif's execute, from the one
// copy of @oclif/core that the command classes (dist/commands.js) extend too, so oclif sees one Command
// class (src/cli/code-cache.ts loads it once per process).
export { execute } from '@oclif/core';
