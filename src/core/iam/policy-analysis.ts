// One managed policy document on its own: what it grants that a reviewer should look at. Pure.
import { hasWildcard, isAllResources, isUniversalAction, isWriteWildcard, serviceWildcardOf } from './action-match.js';
import { hasCondition, type PolicyDocument } from './policy-document.js';

export interface PolicyDocumentAnalysis {
  /** An Allow of Action "*" on Resource "*". */
  adminAccess: boolean;
  /** "s3:*" on Resource "*". */
  serviceWildcards: string[];
  /**
   * Wildcard action patterns that can match a write action ("s3:Put*", "ec2:*", "*"), on any
   * resource, plus "NotAction" for an Allow with NotAction. Read-only wildcards such as
   * "ec2:Describe*" are fine and not listed.
   */
  writeWildcards: string[];
  /** Allow statements that carry a Condition. */
  conditionalAllows: number;
  /** Allow statements with NotResource. */
  notResourceAllows: number;
}

export function analysePolicyDocument(document: PolicyDocument): PolicyDocumentAnalysis {
  let adminAccess = false;
  const serviceWildcards = new Set<string>();
  const writeWildcards = new Set<string>();
  let conditionalAllows = 0;
  let notResourceAllows = 0;
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow') continue;
    if (hasCondition(statement)) conditionalAllows++;
    if (statement.notResources) notResourceAllows++;
    const onEverything = !statement.notResources && (statement.resources === undefined || statement.resources.some(isAllResources));
    for (const pattern of statement.actions ?? []) {
      if (isUniversalAction(pattern) && onEverything) adminAccess = true;
      const service = serviceWildcardOf(pattern);
      if (service !== undefined && onEverything) serviceWildcards.add(`${service}:*`);
      if (hasWildcard(pattern) && isWriteWildcard(pattern)) writeWildcards.add(pattern);
    }
    if (statement.notActions) writeWildcards.add(`NotAction ${statement.notActions.join(', ')}`);
  }
  return {
    adminAccess,
    serviceWildcards: [...serviceWildcards].sort(),
    writeWildcards: [...writeWildcards].sort(),
    conditionalAllows,
    notResourceAllows,
  };
}
