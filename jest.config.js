/** Tests run the TypeScript sources directly; type checking is `tsc --noEmit` in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // builds dist/ once (the CLI, bundle and benchmark suites run the built files) and opens the emulators' violation log
  globalSetup: '<rootDir>/test/global-setup.ts',
  // fails the run on any emulator violation no test declared (the suite's safety invariant)
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // names the running test for the emulators' violation log
  setupFilesAfterEnv: ['<rootDir>/test/support/violation-context.ts'],
  testTimeout: 60000,
};
