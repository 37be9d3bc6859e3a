// The report footer line that says where the prices came from (table, markdown and other human formats).
import type { Report } from '../core/model.js';

const TEXT = {
  en: {
    prices: 'Prices',
    table: 'shipped price table',
    live: (api: number, cache: number, table: number) => `AWS Price List API ${api}, cached ${cache}, price table ${table}`,
    unknown: (n: number) => `${n} unknown`,
    local: (date: string) => `local table from ${date}`,
    fallback: 'Price List API not used',
    calls: (n: number) => `${n} pricing call${n === 1 ? '' : 's'}`,
    limits: 'On-Demand list prices; no discounts, credits or Savings Plans',
  },
  ko: {
    prices: '가격',
    table: '기본 가격표',
    live: (api: number, cache: number, table: number) => `AWS Price List API ${api}건, 캐시 ${cache}건, 가격표 ${table}건`,
    unknown: (n: number) => `알 수 없음 ${n}건`,
    local: (date: string) => `로컬 가격표 (${date})`,
    fallback: 'Price List API를 쓰지 못함',
    calls: (n: number) => `가격 조회 ${n}회`,
    limits: '온디맨드 정가 기준이며 할인, 크레딧, Savings Plans는 반영하지 않습니다',
  },
};

/** One or two lines; empty when the report carries no pricing information. */
export function pricingNote(report: Report, lang?: string): { line: string; warning?: string } | undefined {
  const p = report.pricing;
  if (!p) return undefined;
  const t = lang?.startsWith('ko') ? TEXT.ko : TEXT.en;
  const parts: string[] = [];
  if (p.mode === 'table') parts.push(`${t.table}${p.tableReason ? ` (${p.tableReason})` : ''}`);
  else {
    parts.push(t.live(p.bySource.api, p.bySource.cache, p.bySource.table));
    if (p.localTable) parts.push(t.local(p.localTable));
    parts.push(t.calls(p.apiCalls));
  }
  if (p.unknown > 0) parts.push(t.unknown(p.unknown));
  const line = `${t.prices}: ${parts.join(' · ')} — ${t.limits}.`;
  return { line, ...(p.fallback ? { warning: `${t.fallback}: ${p.fallback}` } : {}) };
}
