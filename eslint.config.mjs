import nx from '@nx/eslint-plugin';

/** Which project may import which, by tag. Apps never import apps; tools import libs only. */
const boundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
    { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
    { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:network', onlyDependOnLibsWithTags: ['scope:shared', 'scope:network'] },
    { sourceTag: 'scope:sagemaker', onlyDependOnLibsWithTags: ['scope:shared', 'scope:sagemaker'] },
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:composition', onlyDependOnLibsWithTags: ['scope:shared', 'scope:network', 'scope:sagemaker'] },
  ],
};

// The provider package root (and lib/index) re-exports ~2,000 resources: importing it costs
// seconds and hundreds of MiB per process. Deep imports load only what a file uses.
const providerAwsRoot = {
  regex: '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$',
  message:
    "Import the resource module instead, e.g. '@cdktf/provider-aws/lib/vpc': the package root loads every AWS resource.",
};

// Shipped commands never load test helpers: what runtime code needs lives in a runtime entry.
const testingEntry = {
  regex: '^(@privatelink/[^/]+|\\.{1,2}(/[^/]+)*)/testing(/.*)?$',
  message:
    'A testing entry is for tests (src/testing/**, *.spec.ts) only: import the runtime entry instead, ' +
    "e.g. '@privatelink/policies/simulate' or '@privatelink/handoff/offline-state'.",
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/cdktf.out', '**/.nx', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      'no-restricted-imports': ['error', { patterns: [providerAwsRoot, testingEntry] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The composition root, and only it, imports the apps (through their public entry points):
    // Nx forbids importing an application project outright, so the allowance is by import path.
    files: ['tools/synth/src/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...boundaries, allow: ['@privatelink/app-network', '@privatelink/app-sagemaker'] }],
    },
  },
  {
    // Deploy's real-terraform tests prepare stacks offline with terraform-check's own helpers, not a copy.
    files: ['tools/deploy/src/**/*.int.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...boundaries, allow: ['@privatelink/terraform-check'] }],
    },
  },
  {
    // Tests and test helpers may import testing entries. Flat config replaces a rule's options rather
    // than merging them, so the provider pattern is stated again here on its own.
    files: ['**/src/testing/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [providerAwsRoot] }],
    },
  },
];
