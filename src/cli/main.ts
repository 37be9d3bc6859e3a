// The bundle's entry for bin/run.js: oclif's execute, from the same bundled copy of @oclif/core that the
// command classes (dist/commands.js) extend, so oclif sees one Command class.
export { execute } from '@oclif/core';
