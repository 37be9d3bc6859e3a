// UI chrome strings (headings, column names, summary lines) in English and Korean.
// Rule titles, why-texts and fix hints come translated from the policy packs; this file holds
// only the words the renderers wrap around them.

import type { Severity } from '../core/model.js';

export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];

const en = {
  reportTitle: 'costguard report',
  generatedAt: 'Generated',
  accounts: 'Accounts',
  account: 'Account',
  name: 'Name',
  region: 'Region',
  regions: 'Regions',
  findingsCount: '{n} finding{s}',
  rule: 'Rule',
  resource: 'Resource',
  severity: 'Severity',
  title: 'Title',
  fix: 'Fix',
  fixCommands: 'Fix commands ({n})',
  perMonth: '$/month',
  findings: 'Findings',
  total: 'Total',
  suppressed: 'Suppressed',
  change: 'Change',
  noFindings: 'No findings. Nothing to fix.',
  shardEmpty: 'Shard {index}/{count} holds no account{total}: nothing was audited. The other shards cover the accounts.',
  shardTotal: ' (the run reaches {n} account{s} in all)',
  estimatedMonthlyWaste: 'Estimated monthly waste',
  notEvaluated: 'not evaluated',
  notEvaluatedHeading: 'Rules not evaluated',
  collectionErrors: 'Collection errors',
  error: 'error',
  ruleInWhere: '{rule} in {where}',
  amountPerMonth: '{amount}/month',
  topFindings: 'Top findings',
  andMore: '…and {n} more',
  perAccount: 'By account',
  byRule: 'By rule',
  byRegion: 'By region',
  bySeverity: 'By severity',
  costByAccount: 'Estimated $/month by account',
  costByRule: 'Estimated $/month by rule',
  costByRegion: 'Estimated $/month by region',
  findingsBySeverity: 'Findings by severity',
  filterPlaceholder: 'Filter findings (rule, account, region, resource…)',
  allSeverities: 'All severities',
  showing: 'Showing {shown} of {total}',
  rulesEvaluated: 'Rules evaluated',
  resourcesScanned: 'Resources scanned',
  apiCalls: 'API calls',
  retries: 'Retries',
  throttles: 'Throttles',
  firstApiCall: 'First API call after',
  errors: 'Errors',
  duration: 'Duration',
  service: 'Service',
  operation: 'Operation',
  calls: 'Calls',
  statsHeading: 'API calls by operation',
  baselineHeading: 'Changes since the baseline',
  newFindings: 'New',
  unchangedFindings: 'Unchanged',
  resolvedFindings: 'Resolved',
  suppressionsExpired: 'expired suppression (no longer applied)',
  suppressionsStale: 'stale suppression (matches nothing)',
  suppressionsHeading: 'Suppressions to review',
  reason: 'reason',
  expires: 'expires',
  unknownCost: 'unknown',
  costNone: '-',
  failingAt: 'Failing at {severity} or above',
  noCost: 'no estimated cost',
  severityCritical: 'critical',
  severityHigh: 'high',
  severityMedium: 'medium',
  severityLow: 'low',
  severityInfo: 'info',
  finding: 'Finding',
  severityCount: '{n} {severity}',
  nAccounts: '{n} account{s}',
  nResources: '{n} resource{s}',
  nRegions: '{n} region{s}',
  localFindings: 'this machine: {n} finding{s}',
  topCosts: 'Top costs',
  hiddenBelow: '{n} finding{s} below {severity} not shown (--min-severity)',
  detailsHint: 'Run with --details for the why and the fix command of each finding.',
  why: 'Why',
  notCollected: 'not collected: {types}',
  notEvaluatedSummary: '{n} rules for want of data (the failed calls below): {rules}. --details gives each rule its reason.',
  incompleteHeadline: 'Incomplete: {n} rule{s} not evaluated ({causes}). The findings are what could be checked; the failed calls are listed at the end.',
  errorOnServices: '{code} on {services}',
  incompleteHeadlineNoRules: 'Incomplete: some data could not be read ({causes}); the failed calls are listed at the end.',
  notCollectedSummary: '{n} rule{s}, because the inventory holds none of these types (not collected): {types}. --details lists the rules.',
  pack: 'pack',
  aggregate: 'aggregate',
  costNotEstimated: 'Cost: not estimated',
  costFormula: 'Cost ($/month)',
  definition: 'Definition',
  packParams: 'Pack params (override with --param name=value)',
  source: 'Source',
} as const;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  reportTitle: 'costguard 보고서',
  generatedAt: '생성 시각',
  accounts: '계정',
  account: '계정',
  name: '이름',
  region: '리전',
  regions: '리전',
  findingsCount: '발견 항목 {n}건',
  rule: '규칙',
  resource: '리소스',
  severity: '심각도',
  title: '제목',
  fix: '해결 방법',
  fixCommands: '해결 명령 ({n}개)',
  perMonth: '월 비용($)',
  findings: '발견 항목',
  total: '합계',
  suppressed: '예외 처리됨',
  change: '변경',
  noFindings: '발견 항목이 없습니다. 고칠 것이 없습니다.',
  shardEmpty: '샤드 {index}/{count}에 해당하는 계정이 없습니다{total}. 감사한 것이 없습니다. 다른 샤드가 계정을 맡습니다.',
  shardTotal: '(전체 계정 {n}개)',
  estimatedMonthlyWaste: '예상 월 낭비 비용',
  notEvaluated: '평가되지 않음',
  notEvaluatedHeading: '평가되지 않은 규칙',
  collectionErrors: '수집 오류',
  error: '오류',
  ruleInWhere: '{rule} ({where})',
  amountPerMonth: '월 {amount}',
  topFindings: '주요 발견 항목',
  andMore: '…외 {n}건',
  perAccount: '계정별',
  byRule: '규칙별',
  byRegion: '리전별',
  bySeverity: '심각도별',
  costByAccount: '계정별 예상 월 비용($)',
  costByRule: '규칙별 예상 월 비용($)',
  costByRegion: '리전별 예상 월 비용($)',
  findingsBySeverity: '심각도별 발견 항목',
  filterPlaceholder: '발견 항목 필터 (규칙, 계정, 리전, 리소스…)',
  allSeverities: '모든 심각도',
  showing: '{total}건 중 {shown}건 표시',
  rulesEvaluated: '평가한 규칙',
  resourcesScanned: '검사한 리소스',
  apiCalls: 'API 호출',
  retries: '재시도',
  throttles: '스로틀링',
  firstApiCall: '첫 API 호출까지',
  errors: '오류',
  duration: '소요 시간',
  service: '서비스',
  operation: '작업',
  calls: '호출 수',
  statsHeading: '작업별 API 호출',
  baselineHeading: '기준 보고서 대비 변경 사항',
  newFindings: '신규',
  unchangedFindings: '변경 없음',
  resolvedFindings: '해결됨',
  suppressionsExpired: '만료된 예외 (더 이상 적용되지 않음)',
  suppressionsStale: '사용되지 않는 예외 (일치하는 항목 없음)',
  suppressionsHeading: '검토가 필요한 예외',
  reason: '사유',
  expires: '만료',
  unknownCost: '알 수 없음',
  costNone: '-',
  failingAt: '{severity} 이상이면 실패',
  noCost: '예상 비용 없음',
  severityCritical: '치명적',
  severityHigh: '높음',
  severityMedium: '중간',
  severityLow: '낮음',
  severityInfo: '정보',
  finding: '발견 내용',
  severityCount: '{severity} {n}',
  nAccounts: '계정 {n}개',
  nResources: '리소스 {n}개',
  nRegions: '리전 {n}개',
  localFindings: '이 컴퓨터: 발견 항목 {n}건',
  topCosts: '비용 상위',
  hiddenBelow: '{severity} 미만 발견 항목 {n}건은 표시하지 않음 (--min-severity)',
  detailsHint: '각 발견 항목의 이유와 해결 명령은 --details 로 볼 수 있습니다.',
  why: '이유',
  notCollected: '수집되지 않음: {types}',
  notEvaluatedSummary: '규칙 {n}개 — 데이터를 읽지 못했습니다(아래 실패한 호출): {rules}. 규칙별 이유는 --details 로 볼 수 있습니다.',
  incompleteHeadline: '불완전: 규칙 {n}개를 평가하지 못했습니다({causes}). 발견 항목은 확인할 수 있었던 것만이며, 실패한 호출은 끝에 있습니다.',
  errorOnServices: '{services}에서 {code}',
  incompleteHeadlineNoRules: '불완전: 일부 데이터를 읽지 못했습니다({causes}). 실패한 호출은 끝에 있습니다.',
  notCollectedSummary: '규칙 {n}개 — 인벤토리에 다음 유형이 없습니다(수집되지 않음): {types}. 규칙 목록은 --details 로 볼 수 있습니다.',
  pack: '팩',
  aggregate: '집계',
  costNotEstimated: '비용: 추정하지 않음',
  costFormula: '월 비용($) 계산식',
  definition: '정의',
  packParams: '팩 매개변수 (--param 이름=값 으로 변경)',
  source: '출처',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** A chrome string in the chosen language, with {name} placeholders filled in. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = MESSAGES[lang][key] ?? MESSAGES.en[key];
  // {s} is the English plural ending: "" when {n} is 1, "s" otherwise ("1 finding", "2 findings").
  const plural = vars.n === 1 || vars.n === '1' ? '' : 's';
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name === 's' && !('s' in vars) ? plural : name in vars ? String(vars[name]) : whole));
}

const SEVERITY_KEYS: Record<Severity, MessageKey> = {
  critical: 'severityCritical',
  high: 'severityHigh',
  medium: 'severityMedium',
  low: 'severityLow',
  info: 'severityInfo',
};

export function severityLabel(lang: Lang, severity: Severity): string {
  return t(lang, SEVERITY_KEYS[severity]);
}

function isKorean(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase().startsWith('ko');
}

/**
 * The language of messages: the --lang flag wins; else LC_ALL, then LANG, when it starts with "ko".
 * A set LC_ALL that is not Korean decides English (it overrides LANG, as in POSIX locales).
 */
export function pickLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag) return isKorean(flag) ? 'ko' : 'en';
  const lcAll = env.LC_ALL;
  if (lcAll) return isKorean(lcAll) ? 'ko' : 'en';
  return isKorean(env.LANG) ? 'ko' : 'en';
}
