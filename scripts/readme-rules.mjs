// Refresh the README's rules table from the shipped packs: npm run build && node scripts/readme-rules.mjs
// (a unit test, test/unit/core/policy/readme-rules.test.ts, fails when the README is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadBuiltinPacks } from '../dist/src/core/policy/load.js';
import { ruleRows, rulesMarkdown, withRulesTable } from '../dist/src/core/policy/rules-table.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withRulesTable(readme, rulesMarkdown(ruleRows(loadBuiltinPacks()))));
console.log('README.md rules table refreshed');
