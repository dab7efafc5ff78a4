import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/cdktf.out', '**/.nx', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:network', onlyDependOnLibsWithTags: ['scope:shared', 'scope:network'] },
            { sourceTag: 'scope:sagemaker', onlyDependOnLibsWithTags: ['scope:shared', 'scope:sagemaker'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      // The provider package root (and lib/index) re-exports ~2,000 resources: importing it costs
      // seconds and hundreds of MiB per process. Deep imports load only what a file uses.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$',
              message:
                "Import the resource module instead, e.g. '@cdktf/provider-aws/lib/vpc': the package root loads every AWS resource.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
