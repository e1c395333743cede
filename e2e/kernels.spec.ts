/**
 * Our WebGPU kernels (src/kernels/webgpu*.ts) in a real browser: Chromium's WebGPU, a software adapter
 * (SwiftShader) on machines without a GPU, so shapes stay small. The page e2e/kernels.html
 * (e2e/pages/kernel-check.ts) runs tfjs on 'webgpu' and 'cpu' and reports plain numbers.
 */
import { expect, test, type Page } from '@playwright/test';
import type { CompareResult, ConvCase, KernelCheckApi } from './pages/kernel-check';

/** Bound on max|webgpu − cpu| / max|cpu| (float32 sums in a different order). */
const REL_TOL = 1e-4;

const sameConv = (name: string, n: number, hw: number, ci: number, co: number): ConvCase => ({
  name,
  xShape: [n, hw, hw, ci],
  filterShape: [3, 3, ci, co],
  strides: [1, 1],
  pad: 'same',
});

const CASES: ConvCase[] = [
  // The article network's convs at batch 2 (3x3 'same').
  sameConv('article conv1 1→64 28x28', 2, 28, 1, 64),
  sameConv('article conv2 64→128 14x14', 2, 14, 64, 128),
  sameConv('article conv3 128→256 7x7', 2, 7, 128, 256),
  // The tiny net's convs.
  sameConv('tiny conv1 1→4 28x28', 2, 28, 1, 4),
  sameConv('tiny conv2 4→8 14x14', 2, 14, 4, 8),
  sameConv('tiny conv3 8→8 7x7', 2, 7, 8, 8),
  // Odd sizes: 5x7 input, 2x3 kernel, stride 2.
  { name: 'odd 5x7 k2x3 s2 valid', xShape: [2, 5, 7, 3], filterShape: [2, 3, 3, 5], strides: [2, 2], pad: 'valid' },
  { name: 'odd 5x7 k2x3 s2 same', xShape: [2, 5, 7, 3], filterShape: [2, 3, 3, 5], strides: [2, 2], pad: 'same' },
  {
    name: 'odd 5x7 k2x3 s(2,1) explicit pad',
    xShape: [3, 5, 7, 2],
    filterShape: [2, 3, 2, 3],
    strides: [2, 1],
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
  // Several K and Co tiles and several chunks (K = 180, Co = 70, 1024 positions).
  { name: 'multi-tile 20→70 16x16', xShape: [4, 16, 16, 20], filterShape: [3, 3, 20, 70], strides: [1, 1], pad: 'same' },
  // Not ours: NCHW goes to the stock kernel.
  { name: 'NCHW (stock fallback)', xShape: [2, 3, 6, 6], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: 'same', dataFormat: 'NCHW' },
];

type Win = { kernelCheck: KernelCheckApi };

async function openCheckPage(page: Page): Promise<void> {
  await page.goto('/e2e/kernels.html');
  await page.waitForFunction(
    () => {
      const k = (window as unknown as Partial<Win>).kernelCheck;
      return k != null && (k.ready || k.error != null);
    },
    undefined,
    { timeout: 60_000 },
  );
  const error = await page.evaluate(() => (window as unknown as Win).kernelCheck.error);
  expect(error, 'webgpu backend starts').toBeUndefined();
}

async function gpuErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Win).kernelCheck.gpuErrors);
}

/** One check page for the tests of a serial describe block: opened before the first, closed after the last. */
function useCheckPage(): () => Page {
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    await openCheckPage(page);
  });
  test.afterAll(async () => {
    await page.close();
  });
  return () => page;
}

test.describe('WebGPU Conv2DBackpropFilter (ours)', () => {
  test.describe.configure({ mode: 'serial' });
  const checkPage = useCheckPage();

  test("matches the CPU backend on the article's, the tiny and odd conv shapes", async () => {
    const page = checkPage();
    const results: CompareResult[] = [];
    for (const [i, c] of CASES.entries()) {
      const r = await page.evaluate(([cc, seed]) => (window as unknown as Win).kernelCheck.compare(cc, seed), [c, 1000 + 17 * i] as const);
      results.push(r);
    }
    console.log(
      results
        .map((r) => `${r.name}: ours ${r.relOurs.toExponential(2)}, stock ${r.relStock.toExponential(2)}, chunks ${r.chunks ?? '-'}`)
        .join('\n'),
    );
    for (const r of results) {
      expect(r.relOurs, `${r.name}: ours vs cpu`).toBeLessThan(REL_TOL);
      expect(r.relStock, `${r.name}: stock vs cpu`).toBeLessThan(REL_TOL);
    }
    // The split-reduction path (several chunks) really ran for some cases, the single-chunk one for others.
    expect(results.some((r) => (r.chunks ?? 0) > 1)).toBe(true);
    expect(results.some((r) => r.chunks === 1)).toBe(true);
    expect(await gpuErrors(page)).toEqual([]);
  });

  test('leaks no tensors and no GPU data', async () => {
    const page = checkPage();
    const leakCases = [CASES[0], CASES[6], CASES[9], CASES[10]];
    // A first pass compiles and caches; the second must return to the same counts.
    await page.evaluate((cs) => (window as unknown as Win).kernelCheck.leakCheck(cs), leakCases);
    const r = await page.evaluate((cs) => (window as unknown as Win).kernelCheck.leakCheck(cs), leakCases);
    expect(r.tensors[1]).toBe(r.tensors[0]);
    expect(r.dataIds[1]).toBe(r.dataIds[0]);
    expect(await gpuErrors(page)).toEqual([]);
  });

  test('training curves with our kernel and with the stock kernel match', async () => {
    const page = checkPage();
    const { ours, stock } = await page.evaluate(() => (window as unknown as Win).kernelCheck.trainingCurves(5));
    console.log(`losses ours  ${ours.map((l) => l.toFixed(6)).join(' ')}\nlosses stock ${stock.map((l) => l.toFixed(6)).join(' ')}`);
    expect(ours).toHaveLength(5);
    for (const [i, l] of ours.entries()) {
      expect(Number.isFinite(l)).toBe(true);
      expect(Math.abs(l - stock[i]), `step ${i}`).toBeLessThan(1e-4);
    }
    expect(ours[4]).toBeLessThan(ours[0]); // it does learn
    expect(await gpuErrors(page)).toEqual([]);
  });
});

test.describe('WebGPU Adam update (ours): three dispatches per weight tensor', () => {
  test.describe.configure({ mode: 'serial' });
  const checkPage = useCheckPage();

  test('gives tfjs Adam’s weights (CPU backend) over 6 steps, with fewer kernels, leaking nothing', async () => {
    const page = checkPage();
    const r = await page.evaluate(() => (window as unknown as Win).kernelCheck.adamCheck(6));
    console.log(
      `adam: rel error fused ${r.relFused.toExponential(2)}, stock ${r.relStock.toExponential(2)}; ` +
        `kernels per step fused ${r.kernelsPerStep.fused}, stock ${r.kernelsPerStep.stock}`,
    );
    expect(r.fusedSteps).toBe(6);
    // Error relative to how far the weights moved; float32 on a GPU (sqrt and division need not round exactly).
    expect(r.relFused).toBeLessThan(1e-4);
    expect(r.relStock).toBeLessThan(1e-4);
    // 5 weight tensors: one kernel each (3 dispatches) plus the two β-power updates, against tfjs's 14 each.
    expect(r.kernelsPerStep.fused).toBe(5 + 2);
    expect(r.kernelsPerStep.stock).toBeGreaterThan(5 * 10);
    expect(r.tensors[1]).toBe(r.tensors[0]);
    expect(r.dataIds[1]).toBe(r.dataIds[0]);
    expect(await gpuErrors(page)).toEqual([]);
  });

  test('training curves with our Adam and tfjs’s match', async () => {
    const page = checkPage();
    const { fused, stock } = await page.evaluate(() => (window as unknown as Win).kernelCheck.adamCurves(5));
    console.log(
      `adam losses fused ${fused.map((l) => l.toFixed(6)).join(' ')}\nadam losses stock ${stock.map((l) => l.toFixed(6)).join(' ')}`,
    );
    expect(fused).toHaveLength(5);
    for (const [i, l] of fused.entries()) {
      expect(Number.isFinite(l)).toBe(true);
      expect(Math.abs(l - stock[i]), `step ${i}`).toBeLessThan(1e-4);
    }
    expect(fused[4]).toBeLessThan(fused[0]);
    expect(await gpuErrors(page)).toEqual([]);
  });
});
