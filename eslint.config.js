import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** An import rule: the import strings a folder may not use, and why (each folder's README.md says the same). */
const forbid = (why, ...group) => ({ group, message: why, allowTypeImports: true });

const PAGE_NO_TFJS = forbid(
  'The page never loads TensorFlow.js: training and everything that touches tensors runs in the Worker (src/worker).',
  '@tensorflow/*',
  '**/kernels/**',
  '**/backend/*',
  '!**/backend/names',
  '**/worker/worker',
  '**/model/build',
  '**/model/lrn',
  '**/model/dropout',
  '**/model/grouped-conv',
  '**/train/*',
  '!**/train/metrics',
  '!**/train/random',
  '!**/train/inside-scale',
  '!**/train/sweep',
);
const NO_PAGE = forbid(
  'The core and the Worker know nothing of the page (src/app, src/ui) or of React.',
  'react',
  'react-dom',
  'react-dom/*',
  'recharts',
  'idb',
  '**/app/*',
  '**/ui/*',
);
const NO_TOOLS = forbid(
  'What ships (src/) does not depend on tools: node/, bench/, test/, e2e/ and scripts/ are for tests and scripts.',
  '**/node/*',
  '**/bench/*',
  '**/test/*',
  '**/e2e/*',
  '**/scripts/*',
);
const NO_WORKER = forbid(
  'Only the protocol crosses into the Worker: import src/worker/protocol, not the Worker itself.',
  '**/worker/worker',
);
const NO_BACKEND = forbid(
  'The core runs on whatever backend is active: only src/backend/names is shared with it.',
  '**/backend/*',
  '!**/backend/names',
);

const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', 'playwright-report', 'bench-results', 'reports', '.gpukit', '.gl'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // What may import what (src/*/README.md). Tests next to the code may use the tools (node/, test/).
  {
    files: ['src/main.tsx', 'src/ui/**', 'src/app/**'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(PAGE_NO_TFJS, NO_TOOLS),
  },
  {
    files: ['src/settings.ts', 'src/data/**', 'src/model/**', 'src/train/**'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: restrict(NO_PAGE, NO_TOOLS, NO_WORKER, NO_BACKEND),
  },
  {
    files: ['src/worker/**', 'src/backend/**', 'src/kernels/**'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: restrict(NO_PAGE, NO_TOOLS, NO_WORKER),
  },
  {
    files: ['src/offline/**'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
    rules: restrict(PAGE_NO_TFJS, NO_PAGE, NO_TOOLS, NO_WORKER),
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
