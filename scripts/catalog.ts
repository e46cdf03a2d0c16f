/**
 * `npm run catalog -- <command>`: catalog bulk operations.
 *   generate --products 250000 [--seed 1] [--format csv|ndjson] --out data/catalog
 *            writes a synthetic catalog's import files (categories, attributes, products)
 *   import <file> [--kind products|categories|attributes] [--url http://127.0.0.1:8080]
 *            streams a CSV/NDJSON file through the gateway, prints progress until the job ends,
 *            then a summary and the first rejected rows; exits 1 when rows were rejected
 *   export [--format csv|ndjson] [--url …] > file
 *            streams every product
 * import/export go through the gateway (--url, else MERCATO_URL, else http://127.0.0.1:8080) and need
 * a staff token: MERCATO_TOKEN, or MERCATO_ADMIN_PASSWORD (+ MERCATO_ADMIN_EMAIL).
 */
import { parseArgs } from 'node:util';
import { generateCommand } from './catalog/generate.ts';
import { exportCommand } from './catalog/export.ts';
import { importCommand } from './catalog/import.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    products: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    kind: { type: 'string' },
    url: { type: 'string' },
  },
});
const [command, ...args] = positionals;

try {
  switch (command) {
    case 'generate':
      await generateCommand(values);
      break;
    case 'import':
      if (!args[0]) usage();
      process.exitCode = await importCommand(args[0]!, values);
      break;
    case 'export':
      await exportCommand(values);
      break;
    default:
      usage();
  }
} catch (error) {
  console.error(`catalog ${command}: ${(error as Error).message}`);
  process.exitCode = 1;
}

function usage(): never {
  console.error(
    'usage: npm run catalog -- generate --products N [--seed S] [--format csv|ndjson] --out DIR\n' +
      '       npm run catalog -- import FILE [--kind products|categories|attributes] [--url URL]\n' +
      '       npm run catalog -- export [--format csv|ndjson] [--url URL] > FILE',
  );
  process.exit(2);
}
