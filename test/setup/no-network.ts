// Unit tests never reach the internet or real AWS: every HTTP request must be answered by a nock
// interceptor. Loopback stays allowed for tests that start their own local server.
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIATESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test-secret';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_ENDPOINT_URL;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterEach(() => {
  nock.cleanAll();
});
