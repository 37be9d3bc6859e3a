import {
  DeleteNotebookInstanceCommand,
  DescribeNotebookInstanceCommand,
  SageMakerClient,
  StopNotebookInstanceCommand,
  paginateListNotebookInstances,
} from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';
import { SAGEMAKER_NOT_FOUND as NOT_FOUND, sagemakerTags } from './sagemaker-shared.js';
import { ownCall, ownDelete } from '../aws/nuke/own-call.js';

/** ListNotebookInstances accepts 1..100 results per page. */
const PAGE_SIZE = 100;

/** The notebook's status now, or undefined when it is gone. */
async function statusOf(client: SageMakerClient, name: string): Promise<string | undefined> {
  try {
    return (await client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }))).NotebookInstanceStatus;
  } catch (error) {
    if (NOT_FOUND.test((error as Error).name) || NOT_FOUND.test((error as Error).message)) return undefined;
    throw error;
  }
}

export const sagemakerNotebookInstance: ResourceType = {
  type: 'sagemaker:notebook-instance',
  description: 'SageMaker notebook instances (ML instance-hours while InService; the ML storage volume bills even when stopped)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListNotebookInstances'],
    remove: ['sagemaker:StopNotebookInstance', 'sagemaker:DeleteNotebookInstance', 'sagemaker:DescribeNotebookInstance', 'sagemaker:ListTags'],
  },
  properties: {
    status: { type: 'string', description: 'Pending | InService | Stopping | Stopped | Failed | Deleting | Updating' },
    instanceType: { type: 'string', description: 'e.g. ml.t3.medium' },
    lastModifiedAt: { type: 'date', description: 'when the notebook instance was last changed (started, stopped, updated)' },
  },
  // 1 ListNotebookInstances call per 100 notebooks; tags only for nuke (readTags: 1 ListTags per notebook).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListNotebookInstances({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const n of page.NotebookInstances ?? []) {
        if (!n.NotebookInstanceName) continue;
        out.push({
          type: 'sagemaker:notebook-instance',
          id: n.NotebookInstanceName,
          arn: n.NotebookInstanceArn,
          name: n.NotebookInstanceName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(n.CreationTime),
          tags: {},
          props: { status: n.NotebookInstanceStatus, instanceType: n.InstanceType, lastModifiedAt: iso(n.LastModifiedTime) },
        });
      }
    }
    return out;
  },
  readTags: sagemakerTags,
  // A notebook must be stopped before it can be deleted: stop it, wait for Stopped, delete, wait until gone.
  async remove(ctx, resource) {
    const client = ctx.client(SageMakerClient);
    // Every call names the notebook itself: its "not found" is the notebook gone.
    const stop = () => ownCall(client.send(new StopNotebookInstanceCommand({ NotebookInstanceName: resource.id })));
    let gone = false;
    // Pending and Updating notebooks become InService first: stop them when they get there.
    await waitUntilGone(async () => {
      const status = await statusOf(client, resource.id);
      if (status === 'InService') await stop();
      gone = status === undefined;
      return gone || status === 'Stopped' || status === 'Failed';
    }, ctx.signal);
    if (gone) return;
    await ownDelete(client.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: resource.id })));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: resource.id })), NOT_FOUND), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'Deleting') return 'already being deleted';
    return undefined;
  },
};
