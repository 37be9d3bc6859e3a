import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLang, t } from '../../../src/report/i18n.js';

describe('pickLang', () => {
  it('the flag wins', () => {
    expect(pickLang('ko', { LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(pickLang('en', { LANG: 'ko_KR.UTF-8' })).toBe('en');
  });

  it('else LC_ALL, then LANG, when they start with "ko"', () => {
    expect(pickLang(undefined, { LC_ALL: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(pickLang(undefined, { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(pickLang(undefined, { LANG: 'ko' })).toBe('ko');
    expect(pickLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(pickLang(undefined, {})).toBe('en');
    expect(pickLang(undefined, { LANG: 'C.UTF-8' })).toBe('en');
  });
});

describe('messages', () => {
  it('every chrome string exists in Korean, with the same placeholders', () => {
    for (const [key, en] of Object.entries(MESSAGES.en)) {
      const ko = MESSAGES.ko[key as keyof typeof MESSAGES.en];
      expect(ko, key).toBeTruthy();
      // {s} is the English plural ending; Korean has none.
      const names = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).filter((p) => p !== '{s}').sort();
      expect(names(ko), key).toEqual(names(en));
    }
  });

  it('says "1 finding" and "2 findings" in English', () => {
    expect(t('en', 'findingsCount', { n: 1 })).toBe('1 finding');
    expect(t('en', 'findingsCount', { n: 2 })).toBe('2 findings');
    expect(t('ko', 'findingsCount', { n: 1 })).toBe('발견 항목 1건');
  });

  it('fills placeholders', () => {
    expect(t('en', 'andMore', { n: 3 })).toBe('…and 3 more');
    expect(t('ko', 'showing', { shown: 2, total: 5 })).toBe('5건 중 2건 표시');
  });
});
