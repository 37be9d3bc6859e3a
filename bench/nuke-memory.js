// Benchmark: peak memory of emptying an S3 bucket of 10,000 versus 100,000 object versions
// (issue 16: the larger at most 1.2× the smaller). costguard's emptyBucket (src/aws/nuke/s3-empty.ts)
// streams the listing page by page and deletes each page as it arrives, so its memory should not grow
// with the bucket.
//
//   npm run bench:nuke-memory            # = node bench/nuke-memory.js (bundles s3-empty.ts with esbuild)
//   node bench/nuke-memory.js --sizes 10000,100000 --json
//
// moto cannot hold 100,000 versions in reasonable time, so a small stand-in S3 endpoint of our own
// (node http on 127.0.0.1) answers ListObjectVersions (1,000 a page, markers, IsTruncated),
// DeleteObjects and ListMultipartUploads in S3's REST/XML protocol, over a generated bucket it keeps as
// a bit set. Each size runs in a fresh child process that reports its peak RSS (resourceUsage().maxRSS)
// and the peak V8 heap it sampled every 5 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--sizes');
const SIZES = (i > 0 ? process.argv[i + 1] : (process.env.BENCH_NUKE_SIZES ?? '10000,100000')).split(',').map(Number);
const PRINT_JSON = process.argv.includes('--json');
const BUCKET = 'bench-bucket';
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

const keyOf = (n) => `lab/object-${String(n).padStart(7, '0')}.bin`;

/** A stand-in S3 endpoint over a bucket of `size` versions (one per key, versionId "v<n>"). */
function startStandIn(size) {
  const deleted = new Uint8Array(size);
  const stats = { list: 0, delete: 0, deleted: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/xml');
      if (req.method === 'GET' && url.searchParams.has('versions')) {
        stats.list++;
        const marker = url.searchParams.get('key-marker');
        const max = Number(url.searchParams.get('max-keys') ?? 1000);
        let n = marker ? Number(/(\d+)\.bin$/.exec(marker)[1]) + 1 : 0;
        const versions = [];
        for (; n < size && versions.length < max; n++) if (!deleted[n]) versions.push(n);
        while (n < size && deleted[n]) n++;
        const truncated = n < size;
        const last = versions.at(-1);
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="${NS}"><Name>${BUCKET}</Name><Prefix></Prefix><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>` +
            (truncated && last !== undefined ? `<NextKeyMarker>${keyOf(last)}</NextKeyMarker><NextVersionIdMarker>v${last}</NextVersionIdMarker>` : '') +
            versions
              .map((v) => `<Version><Key>${keyOf(v)}</Key><VersionId>v${v}</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"e"</ETag><Size>1024</Size><StorageClass>STANDARD</StorageClass></Version>`)
              .join('') +
            '</ListVersionsResult>',
        );
      } else if (req.method === 'POST' && url.searchParams.has('delete')) {
        stats.delete++;
        for (const m of Buffer.concat(chunks).toString('utf8').matchAll(/<Key>[^<]*?(\d+)\.bin<\/Key>/g)) {
          const n = Number(m[1]);
          if (!deleted[n]) stats.deleted++;
          deleted[n] = 1;
        }
        res.end(`<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="${NS}"></DeleteResult>`);
      } else if (req.method === 'GET' && url.searchParams.has('uploads')) {
        res.end(`<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="${NS}"><Bucket>${BUCKET}</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`);
      } else {
        res.statusCode = 400;
        res.end(`<Error><Code>NotImplemented</Code><Message>${req.method} ${req.url}</Message></Error>`);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, stats, endpoint: `http://127.0.0.1:${server.address().port}` })));
}

const CHILD = `
import { S3Client } from '@aws-sdk/client-s3';
import { emptyBucket } from './s3-empty.mjs';
let peakHeap = 0;
const timer = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); }, 5);
const s3 = new S3Client({ region: 'us-east-1', endpoint: process.argv[2], forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const started = Date.now();
const result = await emptyBucket(s3, '${BUCKET}', { concurrency: 4 });
clearInterval(timer);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
console.log(JSON.stringify({ ...result, ms: Date.now() - started, maxRssKiB: process.resourceUsage().maxRSS, peakHeapBytes: peakHeap }));
`;

async function main() {
  // The bench folder sits in node_modules/.cache so the child resolves @aws-sdk/client-s3 from this checkout.
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'bench-nuke-memory-'));
  try {
    await build({ entryPoints: [join(ROOT, 'src', 'aws', 'nuke', 's3-empty.ts')], outfile: join(dir, 's3-empty.mjs'), bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    const rows = [];
    for (const size of SIZES) {
      const { server, stats, endpoint } = await startStandIn(size);
      // Asynchronous: the stand-in answers from this process's event loop.
      const child = await new Promise((resolve, reject) => {
        const c = spawn(process.execPath, [join(dir, 'child.mjs'), endpoint], { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d) => (stdout += d));
        c.stderr.on('data', (d) => (stderr += d));
        c.once('error', reject);
        c.once('close', (status) => resolve({ status, stdout, stderr }));
      });
      server.close();
      if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
      const out = JSON.parse(child.stdout.trim().split('\n').at(-1));
      if (stats.deleted !== size) throw new Error(`the stand-in still holds ${size - stats.deleted} of ${size} versions`);
      rows.push({ versions: size, ...out, listCalls: stats.list, deleteCalls: stats.delete });
    }
    console.log(`nuke memory: emptying one bucket (stand-in S3 endpoint, 1,000 versions a page, 4 DeleteObjects in flight)`);
    for (const r of rows) {
      console.log(`  ${String(r.versions).padStart(7)} versions: peak RSS ${(r.maxRssKiB / 1024).toFixed(1)} MiB, peak heap ${(r.peakHeapBytes / 1048576).toFixed(1)} MiB, ${r.listCalls} list + ${r.deleteCalls} delete calls, ${(r.ms / 1000).toFixed(1)} s`);
    }
    if (rows.length >= 2) {
      const [a, b] = [rows[0], rows.at(-1)];
      const rss = b.maxRssKiB / a.maxRssKiB;
      const heap = b.peakHeapBytes / a.peakHeapBytes;
      console.log(`  ${b.versions} vs ${a.versions}: peak RSS ${rss.toFixed(2)}×, peak heap ${heap.toFixed(2)}× (target ≤ 1.2×: ${rss <= 1.2 ? 'met' : 'MISSED'})`);
    }
    if (PRINT_JSON) console.log(JSON.stringify({ nukeMemory: rows }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
