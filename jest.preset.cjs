// Shared Jest settings: transpile with swc (no type checking: that is the cached `typecheck`
// target) and resolve the workspace path aliases from tsconfig.base.json.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Unit specs run in-process; *.int.spec.ts drive real tools (terraform, the synth host, nx,
  // child processes) and run as the separate, cached 'integration' target.
  testMatch: process.env.JEST_INTEGRATION ? ['<rootDir>/src/**/*.int.spec.ts'] : ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: process.env.JEST_INTEGRATION ? ['/node_modules/'] : ['/node_modules/', '\\.int\\.spec\\.ts$'],
  moduleNameMapper,
  setupFilesAfterEnv: [path.join(__dirname, 'jest.setup.cjs')],
};
