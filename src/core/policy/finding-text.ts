// Turning a rule and a template scope into finding text and a monthly cost.
import { asNumber } from '../conditions/values.js';
import { hasTemplate, lookupPath, renderTemplate, resolveValue, type TemplateScope } from '../template.js';
import { evaluateCostExpression } from './cost-expression.js';
import type { Rule, RuleCost, RuleText } from './types.js';
import { roundCents as toCents } from '../money.js';

/** The rule's text in a language, falling back field by field to the rule's own (English) text. */
export function ruleText(rule: Rule, lang?: string): Required<Pick<RuleText, 'title'>> & RuleText {
  const base: RuleText = { title: rule.title, why: rule.why, message: rule.message, remediation: rule.remediation };
  const localized = lang ? (rule.i18n?.[lang] ?? rule.i18n?.[lang.split('-')[0]]) : undefined;
  const merged = { ...base };
  for (const [key, value] of Object.entries(localized ?? {})) {
    if (value) merged[key as keyof RuleText] = value;
  }
  return merged as Required<Pick<RuleText, 'title'>> & RuleText;
}

export interface RenderedText {
  title: string;
  message: string;
  why?: string;
  remediation: string;
}

export function renderRuleText(text: RuleText & { title: string }, scope: TemplateScope, defaultMessage?: string): RenderedText {
  const title = renderTemplate(text.title, scope);
  return {
    title,
    message: renderTemplate(text.message ?? defaultMessage ?? text.title, scope),
    ...(text.why !== undefined ? { why: renderTemplate(text.why, scope) } : {}),
    remediation: renderTemplate(text.remediation ?? '', scope),
  };
}

/** A quantity: a number, a template, or an expression over the scope. */
export function resolveQuantity(quantity: number | string | undefined, scope: TemplateScope): number | undefined {
  if (quantity === undefined) return 1;
  if (typeof quantity === 'number') return quantity;
  if (hasTemplate(quantity)) return asNumber(resolveValue(quantity, scope));
  return asNumber(quantity) ?? evaluateCostExpression(quantity, scope);
}

/**
 * Monthly USD rounded to cents: prices[price] × quantity, or the usd expression (which sees prices
 * as prices.x). Null when a price or value it needs is unknown.
 */
export function monthlyCost(cost: RuleCost | undefined, prices: Record<string, unknown>, scope: TemplateScope): number | null {
  if (!cost) return null;
  if (cost.usd !== undefined) {
    const usd = evaluateCostExpression(cost.usd, { ...scope, prices });
    return usd === undefined ? null : toCents(usd);
  }
  if (cost.price === undefined) return null;
  const price = asNumber(lookupPath(prices, renderTemplate(cost.price, scope)));
  const quantity = resolveQuantity(cost.quantity, { ...scope, prices });
  if (price === undefined || quantity === undefined) return null;
  return toCents(price * quantity);
}

