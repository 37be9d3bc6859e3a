// Refresh the README's rules table from the shipped packs: node scripts/readme-rules.mjs
// (a unit test, test/unit/core/policy/readme-rules.test.ts, fails when the README is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { importTs } from './import-ts.mjs';

const { loadBuiltinPacks } = await importTs('src/core/policy/load.ts');
const { ruleRows, rulesMarkdown, withRulesTable } = await importTs('src/core/policy/rules-table.ts');

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withRulesTable(readme, rulesMarkdown(ruleRows(loadBuiltinPacks()))));
console.log('README.md rules table refreshed');
