/**
 * The house rules a newcomer relies on: the README's layout table is the folders that exist, each folder says in
 * its README.md what lives there, the page's code never pulls in TensorFlow.js, and nothing points outside the
 * repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

/** Folders of the project that hold tracked files: every top-level one, and one level down in src/, e2e/, bench/. */
function projectFolders(): string[] {
  const folders = new Set<string>();
  for (const file of tracked) {
    const parts = file.split('/');
    if (parts.length < 2 || parts[0].startsWith('.')) continue;
    folders.add(parts[0]);
    if (['src', 'e2e', 'bench'].includes(parts[0]) && parts.length > 2) folders.add(`${parts[0]}/${parts[1]}`);
    if (parts[0] === 'src' && parts[1] === 'ui' && parts.length > 3) folders.add(`src/ui/${parts[2]}`);
  }
  return [...folders].sort();
}

function readmeLayoutTable(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]).sort();
}

describe('the layout a newcomer reads', () => {
  it("the README's layout table lists exactly the project's folders", () => {
    expect(readmeLayoutTable()).toEqual(projectFolders());
  });

  it('every folder says what lives there and what it may import, in a README.md', () => {
    for (const folder of projectFolders()) {
      const note = join(ROOT, folder, 'README.md');
      expect(existsSync(note), `${folder}/README.md`).toBe(true);
      expect(readFileSync(note, 'utf8').trim().length, `${folder}/README.md`).toBeGreaterThan(40);
    }
  });

  // The notes folder beside a developer's checkout, named in pieces so that this file does not name it either.
  const OUTSIDE = new RegExp(`\\.\\./${'sha'}red|${'sha'}red/(NOTES|STYLE|gpu)`);
  it('nothing in the repository points at notes beside the checkout, which a clone does not have', () => {
    const offenders = tracked.filter((f) => {
      if (f === 'package-lock.json' || !/\.(ts|tsx|js|mjs|json|md|sh|py|html|css|yml)$|^\.ci\//.test(f)) return false;
      return OUTSIDE.test(readFileSync(join(ROOT, f), 'utf8'));
    });
    expect(offenders).toEqual([]);
  });
});

/** Relative imports that load code at run time (type-only imports are erased), resolved to files. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*export\s+(?!type\b)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return spec;
    const base = resolve(dirname(file), spec.split('?')[0]);
    const found = ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((p) => existsSync(p) && !p.endsWith('/'));
    return found ?? base;
  });
}

describe("the page's own code", () => {
  it('never loads TensorFlow.js or the Worker side: they load only inside the Worker', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [join(ROOT, 'src/main.tsx')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const target of runtimeImports(file)) {
        if (target.startsWith('/')) {
          if (/\.(tsx?)$/.test(target)) queue.push(target);
        } else
          packages.add(
            target
              .split('/')
              .slice(0, target.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      }
    }
    const local = [...seen].map((f) => relative(ROOT, f));
    expect([...packages].filter((p) => p.startsWith('@tensorflow'))).toEqual([]);
    expect(local.filter((f) => /^src\/(worker\/worker|backend\/(?!names)|kernels\/)/.test(f))).toEqual([]);
    // It does reach what it should (a broken walk would pass the checks above vacuously).
    expect(local).toEqual(expect.arrayContaining(['src/ui/App.tsx', 'src/app/session.ts', 'src/settings.ts']));
  });
});
