/**
 * Mini-program package sizes from a weapp build: the main package is every file under dist/
 * that is not inside a subpackage root declared in dist/app.json (WeChat's own rule), each
 * subpackage is everything under its root. Used by `npm run bench` against the budget.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WeappSizeReport {
  mainPackageBytes: number;
  subpackages: Record<string, number>;
  totalBytes: number;
}

async function filesUnder(dir: string): Promise<{ rel: string; bytes: number }[]> {
  const out: { rel: string; bytes: number }[] = [];
  const walk = async (abs: string): Promise<void> => {
    for (const entry of await readdir(abs, { withFileTypes: true })) {
      const p = path.join(abs, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) out.push({ rel: path.relative(dir, p).split(path.sep).join('/'), bytes: (await stat(p)).size });
    }
  };
  await walk(dir);
  return out;
}

export async function weappSizeReport(distDir: string): Promise<WeappSizeReport> {
  const app = JSON.parse(await readFile(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, ''));
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]));
  let mainPackageBytes = 0;
  let totalBytes = 0;
  for (const f of await filesUnder(distDir)) {
    totalBytes += f.bytes;
    const root = roots.find((r) => f.rel === r || f.rel.startsWith(`${r}/`));
    if (root) subpackages[root] += f.bytes;
    else mainPackageBytes += f.bytes;
  }
  return { mainPackageBytes, subpackages, totalBytes };
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
  weappSizeReport(dir)
    .then((r) => {
      const KB = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`main package ${KB(r.mainPackageBytes)}`);
      for (const [name, bytes] of Object.entries(r.subpackages)) console.log(`subpackage ${name} ${KB(bytes)}`);
      console.log(`total ${KB(r.totalBytes)}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
