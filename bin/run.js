#!/usr/bin/env node
import { execute } from '@oclif/core';

// costguard supports Node 20 (see package.json engines). The AWS SDK's notice that its releases after
// January 2027 need Node 22 is for us, not for every run's stderr; set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await execute({ dir: import.meta.url });
