/** Tests run the TypeScript sources directly; type checking is `tsc --noEmit` in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // builds dist/ once: the CLI, bundle and benchmark suites run the built files
  globalSetup: '<rootDir>/test/build-once.ts',
  testTimeout: 60000,
};
