import type { ResourceType } from './resource-type.js';
import { ec2ElasticIp } from './ec2-elastic-ip.js';

/** Every resource type costguard knows. Adding one = one file + one line here (a test checks every file is registered). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  ec2ElasticIp,
];

const byType = new Map(RESOURCE_TYPES.map((t) => [t.type, t]));

export function resourceType(type: string): ResourceType | undefined {
  return byType.get(type);
}

export function allResourceTypes(): readonly ResourceType[] {
  return RESOURCE_TYPES;
}
